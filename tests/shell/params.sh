# Parameters: $VAR ${VAR} and the ${...} operators, special parameters,
# positional parameters, "$@" against $*.
name=world
echo "hello $name ${name}s"
unset u; e=
echo "[${u:-dflt}] [${u-dflt}] [${e:-dflt}] [${e-dflt}]"
echo "[${u:+alt}] [${e:+alt}] [${e+alt}] [${name:+alt}]"
echo "[${u:=set1}] [$u]"
echo "[${e:=set2}] [$e]"
echo "${#name} ${#u} ${#nothing}"
(: ${missing:?it is missing}) 2>/dev/null || echo "?: failed with $?"
(: ${missing?}) 2>/dev/null || echo "? failed too"
path=/usr/local/share/doc.tar.gz
echo "${path#*/} | ${path##*/} | ${path%.*} | ${path%%.*}"
echo "${path/local/LOCAL} | ${path//[aeiou]/_}"
echo "${name#w}" "${name%d}" "${name#"wor"}"
pat='*.'; echo "${path##$pat}"
set -- first "second arg" third
echo "count $#: 1=$1 2=$2 3=$3 4=[$4]"
for a in "$@"; do echo "at: [$a]"; done
for a in $@; do echo "unquoted at: [$a]"; done
for a in "$*"; do echo "star: [$a]"; done
IFS=,; echo "joined: $*"; unset IFS
echo "${10:-no tenth}"
set -- 1 2 3 4 5 6 7 8 9 10 11
echo "tenth ${10} eleventh ${11} not \$10: $10"
shift 3; echo "after shift: $1 ($#)"
shift 20 || echo "shift too far: $?"
set --; echo "none: $# [$@] [$*]"
for a in "$@"; do echo never; done
echo "args:" "$@" "end"
echo "\$0 is sh: $( [ -n "$0" ] && echo yes)"
echo "\$\$ is a number: $(case $$ in *[!0-9]*) echo no;; *) echo yes;; esac)"
true; echo "status $?"; false; echo "status $?"
echo "options: $-" | grep -c h >/dev/null; echo ok
f() { echo "in f: $# [$1] [$2]"; set -- x; echo "set in f: $1"; }
set -- outer1 outer2
f a "b c"
echo "after f: $1 $2"
