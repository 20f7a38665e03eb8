# GNU options of the file programs: touch -d/-t/-r, date -d/-r/-I/-R, cp
# -p/-i/-n/-u/-t/-T, mv -i/-n/-u/-t, ls's formats and sorts, head and tail
# with suffixes, -z and big files; with their error messages.
exec 2>&1
rm -rf /tmp/gf; mkdir /tmp/gf; cd /tmp/gf
touch -d '2020-02-29 12:34:56' leap; date -r leap; date -r leap +%s
touch -t 202101020304.05 stamp; date -r stamp '+%F %T'; touch -r leap copy; date -r copy +%F
touch -d 'not a date' x; echo "bad date: $?"; touch -t 12 x; echo "bad stamp: $?"; touch; echo "no operand: $?"
touch -c absent; ls absent; touch -a -d @0 leap; date -r leap +%F
date -d '2024-02-28 + 1 day' +%F; date -d '@86400' -u; date -d 'next fri' +%A; date -d '3 weeks ago' +%F
date -I -d '2001-02-03 04:05:06'; date -Iseconds -d '2001-02-03 04:05:06'; date -R -d '2001-02-03'
date --rfc-3339=seconds -d @0; date -d x; date +%Y x; date -s now; date -Ix
date -d '2001-02-03' '+%a %A %b %B %C %d %D %e %j %m %u %w %y %U %W %V %G'; date -d @0 '+%-d|%_m|%^b|%P|%:z'
echo one > a; echo two > b; cp -p leap kept; date -r kept +%F; cp a b; cat b
echo two > b; cp -n a b; cat b; echo n | cp -i a b; cat b; echo y | cp -i a b; cat b
mkdir d; cp -t d a b; ls d; cp -T a d; echo "T onto dir: $?"; cp a; echo "one operand: $?"
cp x y z; echo "not a dir: $?"; cp d e; echo "dir without -r: $?"; cp -r d d/in; echo "into itself: $?"
touch -d '2000-01-01' old; echo new > newer; cp -u old newer; cat newer; cp -a d d2; ls d2
echo n | mv -i a b; cat a; mv -n a b; cat b; mv -t d a; ls d; mv -v b c; mv nothing here; echo "$?"
mkdir -p t/sub; for n in 1 2 10 9; do echo $n > t/f$n; done; echo xx > t/big.txt; touch -d 2001-01-01 t/f9
ls t; ls -1 -r t; ls -m t; ls -x t; ls -v t; ls -S t; ls -t t; ls -X t; ls -F t; ls -p t; ls -d t
ls -R t; ls --sort=size t; ls --sort=nope t; ls -l t/f1 | cut -c1-14; ls -s t/f1; ls -i t/f1 | cut -d' ' -f2
ls --format=commas t; ls --group-directories-first t; ls nope t/f1; echo "missing: $?"
seq 20000 > big; head -c 1K big | wc -c; head -n 2K big | tail -n 1; tail -n 3 big; tail -c 6 big; tail -n +19999 big
head -n -19998 big | wc -l; printf 'a\0b\0c\0' | head -z -n 2 | tr '\0' '\n'; printf 'a\0b\0c\0' | tail -z -n 1 | tr '\0' '\n'
head -n x big; tail -c y big; head -n 1 nope big; tail --follow=bad big; echo "$?"
