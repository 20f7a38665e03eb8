# bash --posix
# ln, readlink, realpath, ls, stat, rm and find on symbolic and hard links: the
# expected output is GNU coreutils' and findutils' (run_golden.sh compares it with bash on the host)
export LC_ALL=C
mkdir w && cd w
echo a > a; mkdir d
ln a b; ln a b 2>&1; ln -s a b 2>&1; ln missing c 2>&1; ln d e 2>&1; ln -v a f; ln -sv a g; ln -sf a g -v; ln -f a a 2>&1; ln -f a f
ln 2>&1; ln a b c 2>&1; ln -s a 2>&1; ln -s /nonexist/x; ln -s x d; ls d; ln -sn x d 2>&1; ln -sfn x d
ln -T a d 2>&1; ln -sfT a d 2>&1; ln -sr a d/rel; readlink d/rel; readlink a; echo $?; readlink -v a 2>&1; readlink -f d/../nope/x; echo $?; readlink -n g g 2>&1; echo; readlink -e nope; echo $?; readlink -m /x/../y//z; readlink 2>&1; realpath -s g | sed "s|$PWD|.|"; realpath g nope/x nope 2>&1 | sed "s|$PWD|.|"
ln -s "" empty 2>&1; ln a nodir/x 2>&1; ln -s a nodir/x 2>&1; ln --foo 2>&1; echo $?
mkdir e; ln -sv a b e; ls e; ln -t e a 2>&1; ln -t nope a 2>&1
cd ..
mkdir w2 && cd w2
echo hello > a; mkdir d; echo x > d/in
ln -s a sa; ln -s d sd; ln -s nowhere dang; ln a h
ls; ls -l | awk '{print $1, $2, $9, $10, $11}'; ls -F; ls -p; ls sd; ls -l sd | awk '{print $1, $9, $10, $11}'; ls -d sd; ls -L -l | awk '{print $1, $2, $9, $10, $11}'
ls -l dang | awk '{print $1, $9, $10, $11}'; ls -lL dang 2>&1 | head -1
ls -l sd/ | awk '{print $1, $9}'
rm sa; ls; rm -r sd; ls d; rm -rf dang; ls
stat -c '%F %h %N' a h d 2>&1
cd ..
mkdir w3 && cd w3
mkdir d; echo x > d/f; ln -s d sd; ln -s f d/sf; ln -s nowhere dang; ln d/f hard; ln -s .. d/up
find . | sort; find . -type l | sort; find -L . -type l 2>&1 | sort; find -L . 2>&1 | sort; find -H sd | sort; find sd; find -L sd -type f 2>&1 | sort
find . -links 2 | sort; find . -type f -links +1 | sort; find . -follow -name f 2>&1 | sort
find . -user nosuch 2>&1; find . -group nosuch 2>&1
