# Builtins about variables and state: export, unset, readonly, local, set,
# shift, cd, pwd, read, getopts.
export EXPORTED=yes
sh -c 'echo "child sees: ${EXPORTED:-nothing}"'
NOTEXP=no; sh -c 'echo "child sees unexported: ${NOTEXP:-nothing}"'
export NOTEXP; sh -c 'echo "after export: ${NOTEXP:-nothing}"'
ONCE=temp sh -c 'echo "prefix assignment: $ONCE"'; echo "not kept: ${ONCE:-unset}"
export -n EXPORTED; sh -c 'echo "export -n: ${EXPORTED:-gone}"'
export A=1 B=2; export -p | grep -E ' (A|B)='
unset A; echo "unset A: ${A-unset} B=$B"
unset NOSUCH; echo "unset of nothing: $?"
readonly RO=fixed
(RO=changed) 2>/dev/null; echo "readonly kept: $RO"
(unset RO) 2>/dev/null || echo "cannot unset readonly"
readonly | grep -c 'RO=' >/dev/null && echo "readonly lists it"
set -- a b c d e
echo "$# $*"
shift; echo "shift: $*"
shift 2; echo "shift 2: $*"
set -- "x y" z; echo "set --: $# [$1]"
set --; echo "emptied: $#"
set -f; echo "noglob: $-" | grep -c f; set +f
set -u; (echo "$undefined_var") 2>/dev/null || echo "set -u stops unset vars"; set +u
set -o | grep -E '^(errexit|noglob)'
cd /tmp; echo "cd: $PWD"; pwd
mkdir -p /tmp/sh_cd/sub; cd /tmp/sh_cd/sub; pwd
cd ..; pwd
cd -; echo "OLDPWD=$OLDPWD"
cd /nonexistent 2>/dev/null || echo "cd to missing dir: $?"
HOME=/tmp/sh_cd; cd; pwd
cd /; rm -r /tmp/sh_cd
echo "a b c" | { read x y; echo "read two: [$x] [$y]"; }
echo "  lead trail  " | { read v; echo "trimmed: [$v]"; }
echo "  lead trail  " | { read; echo "REPLY keeps spaces: [$REPLY]"; }
printf 'back\\slash\n' | { read v; echo "no -r: $v"; }
printf 'back\\slash\n' | { read -r v; echo "with -r: $v"; }
printf 'one\\\ntwo\n' | { read v; echo "continued: $v"; }
printf 'x:y:z\n' | { IFS=: read a b c; echo "IFS=: $a $b $c"; }
printf 'no newline' | { read v; echo "status $? value [$v]"; }
: | { read v; echo "empty input status $?"; }
printf 'l1\nl2\nl3\n' | { read a; read b; echo "two reads: $a $b"; }
printf 'abcdef\n' | { read -n 3 v; echo "read -n: $v"; }
while getopts "ab:c" opt -a -b val -c rest; do
    case $opt in
        a) echo "got -a";;
        b) echo "got -b $OPTARG";;
        c) echo "got -c";;
    esac
done
echo "OPTIND=$OPTIND"
OPTIND=1
while getopts ":x" opt -y; do echo "silent: $opt [$OPTARG]"; done
