# Field splitting on IFS, pathname expansion (sorted, no match left
# literal) and tilde expansion.
show() { printf '%s' "$#:"; for a in "$@"; do printf ' [%s]' "$a"; done; echo; }
x="  a   b	c  "
show $x
show "$x"
show $x$x
e=""; show $e; show "$e"; show $e x
IFS=:; y="a::b:"; show $y; y=":a"; show $y; unset IFS
IFS=" :"; y=" a : b :: c "; show $y; unset IFS
IFS=; z="a b"; show $z; unset IFS
cmd="echo split words"; $cmd
set -- "one two" three; show "$@"; show $@; show "$*"; show $*

rm -rf /tmp/sh_glob; mkdir /tmp/sh_glob; cd /tmp/sh_glob
touch b.txt a.txt c.log .hidden 'with space.txt'
mkdir sub dir2; touch sub/one sub/two dir2/three
show *
show *.txt
show ?.txt
show [ab]*
show [!a]*.txt
show [a-b].txt
show *.none
show "*.txt" '*'.txt \*.txt
show .*
show */
show */*
show s*/t*
show sub/o*
pat='*.log'; show $pat "$pat"
set -f; show *.txt; set +f
show ~ | grep -c '\[/' 
HOME=/home/user; show ~ ~/x ~+ "~" '~' a~b
old=$PWD; cd /; show ~-; cd "$old"
v=~/file; show "$v"
PATH2=~/bin:~/lib; show $PATH2
for f in *.txt; do echo "file: $f"; done
case a.txt in *.txt) echo "case glob";; esac
cd /; rm -r /tmp/sh_glob
