# Invocation and options: sh -c with a name and arguments, sh SCRIPT
# ARGS, commands on stdin, set -e, -u, -x, -f, -n, -v, and `read` in a
# script that is itself read from stdin.
sh -c 'echo "[$0] [$1] [$2] [$#]"' myname a "b c"
sh -c 'echo "[$0] $#"'
sh -c 'exit 42'; echo "exit status of sh -c: $?"
printf 'echo "script: $0 $1 $2"\nexit 3\n' > /tmp/sh_opt_script
sh /tmp/sh_opt_script one two; echo "script status: $?"
echo 'echo "from stdin: $1"' | sh -s arg1
printf 'read line\necho "read got: $line"\necho after\n' > /tmp/sh_opt_stdin
{ cat /tmp/sh_opt_stdin; echo "this line is data"; } > /tmp/sh_opt_in2
sh < /tmp/sh_opt_script; echo "stdin script status: $?"
printf 'read x\nthis line is input to read\necho "x=$x"\n' | sh
rm -f /tmp/sh_opt_script /tmp/sh_opt_stdin /tmp/sh_opt_in2
read from_here
this line is read by the read builtin above
echo "read from the script's own stdin: $from_here"
(set -e; echo one; false; echo "not reached"); echo "set -e subshell: $?"
(set -e; false || echo "|| protects"; echo reached)
(set -e; if false; then :; fi; echo "if condition is protected")
(set -e; ! true; echo "! pipeline is protected")
(set -e; false && true; echo "&& left side is protected")
(set -e; f() { false; echo "not reached in f"; }; f; echo "not reached") ; echo "set -e in function: $?"
(set -e; x=$(false); echo "not reached after failing assignment") ; echo "assignment: $?"
(set -e; while false; do :; done; echo "while condition is protected")
(set -e; { false; }; echo "not reached after group") ; echo "group: $?"
sh -e -c 'true; false; echo no'; echo "sh -e: $?"
(set -e; if (false; echo "a subshell in a condition ignores -e"); then :; fi)
(set -e; echo "$(false; echo "a command substitution does not inherit -e")")
(set -u; echo "$nope") 2>/dev/null; echo "set -u: $?"
(set -u; echo "${nope:-default is fine}")
(set -x; echo traced; x=1) 2>&1
(set -f; echo /*)
sh -n -c 'echo not executed'; echo "sh -n: $?"
(set -v; echo verbose) 2>&1
set -o errexit; set +o errexit; echo "set -o/+o"
echo "options now: $-" | grep -c e
sh --version | grep -c sh
