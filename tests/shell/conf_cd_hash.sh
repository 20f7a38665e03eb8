# bash --posix: cd keeps the logical path through symbolic links (-L) or takes the physical one (-P); pwd -L/-P; CDPATH; cd - and OLDPWD; the hash table remembers programs until hash -r or PATH changes
top=$(pwd -P)
mkdir -p t/sub a/b/c
ln -s t lnk
ln -s a/b/c c
cd lnk; echo "L ${PWD#$top}"; pwd | sed "s|^$top||"; pwd -P | sed "s|^$top||"
cd sub; cd ..; echo "up ${PWD#$top}"
cd -P ..; cd -P lnk; echo "P ${PWD#$top}"
cd "$top"; cd c; cd ..; ls
cd "$top"; cd -L lnk/sub; cd -P ..; echo "P.. ${PWD#$top}"
cd "$top"; cd - >/dev/null; echo "dash ${PWD#$top}"
cd "$top"; CDPATH="$top/a:$top/t"; cd b | sed "s|^$top||"; cd b >/dev/null; echo "cdpath ${PWD#$top}"; unset CDPATH
cd "$top"; cd nosuchdir/.. 2>/dev/null; echo "bad.. $?"
cd "$top"; cd t u 2>/dev/null; echo "two $?"
cd "$top"
PATH="$top/p1:$top/p2:$PATH"
mkdir p1 p2
echo 'echo two' >p2/cmd; chmod +x p2/cmd
cmd
echo 'echo one' >p1/cmd; chmod +x p1/cmd
cmd
hash -t cmd | sed "s|^$top||"
hash -r; cmd
hash nosuchcmd 2>/dev/null; echo "hash missing $?"
hash -d cmd; hash -t cmd 2>/dev/null; echo "deleted $?"
rm -r t a lnk c p1 p2
