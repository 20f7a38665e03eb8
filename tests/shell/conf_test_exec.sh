# bash --posix: test's file operators and symbolic links, its operand/operator rules, -o and -v; the last simple command of sh -c or of a subshell replaces the shell, so $PPID there names the shell that made the subshell
echo hi >file
mkdir dir
ln -s file lf
ln -s dir ld
ln -s nowhere dangling
for op in -e -a -f -d -L -h; do
  for f in file lf ld dangling; do
    test $op $f; printf '%s %s %s\n' $op $f $?
  done
done
: >empty; test -s lf; echo "s $?"; test -s empty; echo "s empty $?"
chmod 644 file; test -x file; echo "x644 $?"
chmod 755 file; test -x lf; echo "x755 $?"
[ -z -a ] ]; echo "z-a] $?"
[ -z -a -a ]; echo "z-a-a $?"
[ x -o '' ]; echo "x-o $?"
[ '' -a x ]; echo "-a $?"
[ -t nonumber ]; echo "t $?"
test -o nounset; echo "nounset off $?"
set -u; test -o nounset; echo "nounset on $?"; set +u
test -o nosuchoption; echo "nosuch $?"
v=1; test -v v; echo "v $?"; test -v nosuch; echo "nosuch $?"
[ "$(sh -c 'echo $PPID')" = $$ ] && echo 'cmdsub: parent is the shell'
[ "$(true; sh -c 'echo $PPID')" = $$ ] && echo 'cmdsub list: parent is the shell'
(sh -c 'echo $PPID') >ppid; [ "$(cat ppid)" = $$ ] && echo 'subshell: parent is the shell'
(true && sh -c 'echo $PPID') >ppid; [ "$(cat ppid)" = $$ ] && echo 'and-list: parent is the shell'
[ "$(sh -c 'echo $PPID' 2>/dev/null)" = $$ ] && echo 'redirected: parent is the shell'
[ "$(sh -c 'echo $PPID'; :)" = $$ ] || echo 'not last: parent is the subshell'
[ "$(if true; then sh -c 'echo $PPID'; fi)" = $$ ] || echo 'compound: parent is the subshell'
x=$(FOO=bar sh -c 'echo $FOO'); echo "prefix $x"
x=$(nosuchcommand 2>/dev/null); echo "missing $?"
rm -r empty file dir lf ld dangling ppid
