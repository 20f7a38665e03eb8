# The file programs, through the shell: ls, cat, mkdir, rmdir, rm, touch,
# cp, mv, stat, and their error messages and statuses.
exec 2>&1 # error messages are part of the expected output
rm -rf /tmp/gf; mkdir /tmp/gf; cd /tmp/gf
mkdir d; mkdir -p a/b/c; touch f1 .hidden; echo content > f2
ls; ls -a; ls -A; ls -1 a
ls -C; ls d a/b f1
ls -d a
ls nothing; echo "ls missing: $?"
cat f2 f2; cat nothing; echo "cat missing: $?"
cat d; echo "cat dir: $?"
echo piped | cat - f2
mkdir d; echo "mkdir existing: $?"
mkdir x/y; echo "mkdir no parent: $?"
mkdir -p d a/b/c x/y/z; echo "mkdir -p: $?"
mkdir -p f1/sub; echo "mkdir under file: $?"
rmdir a; echo "rmdir non-empty: $?"
rmdir x/y/z; rmdir -p x/y; ls
rmdir nothing; echo "rmdir missing: $?"
rm d; echo "rm dir: $?"
rm nothing; echo "rm missing: $?"
rm -f nothing; echo "rm -f missing: $?"
rm -r a; ls
rm -r ..; echo "rm ..: $?"
touch f2 new; cat f2; ls
cp f2 f3; cat f3
cp f2 f3 d; ls d
cp f2 f3 f1; echo "cp many to file: $?"
cp f2 f2; echo "cp same: $?"
cp nothing x; echo "cp missing: $?"
mkdir -p src/sub; echo deep > src/sub/f; echo top > src/g
cp src dst; echo "cp dir without -r: $?"
cp -r src dst; cat dst/sub/f dst/g
cp -r src dst; ls dst
cp -r src src/sub; echo "cp into itself: $?"
mv f3 f4; ls
mv f4 d; ls d
mv nothing x; echo "mv missing: $?"
mv d d/sub; echo "mv into itself: $?"
mv d/f2 d/f2; echo "mv same: $?"
stat -c '%n %s %F %a %h' f2 d
stat nothing; echo "stat missing: $?"
cd /; rm -rf /tmp/gf
