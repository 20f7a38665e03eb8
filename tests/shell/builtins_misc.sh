# trap, eval, source and ., type, command, alias and unalias, kill, exec.
# Aliases are expanded in scripts too, as POSIX sh and dash do (bash does
# with shopt -s expand_aliases; this output is bash's with that option).
trap 'echo "caught USR1"' USR1
kill -USR1 $$
echo "after USR1"
trap 'echo "caught TERM"' TERM
kill $$
echo "still alive after TERM"
trap -p USR1
trap - USR1
trap | grep -c USR1
trap '' INT
trap -p INT
trap - INT
(trap 'echo "subshell EXIT trap"' EXIT; echo "in subshell")
sh -c 'trap "echo child exit trap" EXIT; exit 3'; echo "child status: $?"
eval 'echo "eval ran"; x=from-eval'
echo "eval set: $x"
cmd='echo $((1 + 1))'; eval "$cmd"
eval "y=1; z=2"; echo "y=$y z=$z"
eval 'for i in a b; do echo "eval loop $i"; done'
printf 'sourced_var=hello\nsourced_fn() { echo "sourced fn: $1"; }\necho "sourcing with args: $*"\nreturn 5\necho never\n' > /tmp/sh_src.sh
. /tmp/sh_src.sh one two; echo "source status: $?"
echo "$sourced_var"; sourced_fn arg
source /tmp/sh_src.sh; echo "source again: $?"
rm /tmp/sh_src.sh
(. /nonexistent) 2>/dev/null; echo "source missing: $?"
type cd
type cat | grep -c 'cat is /'
type if
myfn() { :; }; type myfn | head -n 1
alias ll='ls -l'
type ll
type nosuchthing 2>/dev/null; echo "type missing: $?"
type -t cd ls myfn if ll
command -v cat | grep -c /; command -v cd; command -v myfn
command -v nosuch; echo "command -v missing: $?"
echo() { builtin_echo_is_shadowed; }
command echo "command skips functions"
unset -f echo
alias greet='echo hello from alias'
greet world
alias
alias greet
unalias greet
greet 2>/dev/null; echo "unaliased: $?"
alias a1='echo one' a2='echo two'
a1; a2
unalias -a
alias | wc -l
alias nested='greet2 '
alias greet2='echo nested'
nested alias
trap - TERM
sleep 10 & p=$!
kill -s TERM $p; wait $p; echo "kill -s TERM: $?"
sleep 10 & p=$!
kill -9 $p; wait $p; echo "kill -9: $?"
sleep 10 &
kill -INT %1; wait; echo "kill %1"
kill -l 9; kill -l TERM
kill 99999 2>/dev/null; echo "kill missing pid: $?"
(exec echo "exec replaces the subshell"; echo never)
(exec > /tmp/sh_exec_out; echo "into file"); cat /tmp/sh_exec_out; rm /tmp/sh_exec_out
trap 'echo "EXIT trap ran"' EXIT
echo "last line"
