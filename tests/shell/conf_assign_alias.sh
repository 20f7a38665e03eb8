# bash --posix: aliases after assignments and after a blank-ended alias; local x starts unset; getopts past the end
alias show='printenv'
FOO=foo show FOO
EMPTY= show EMPTY; echo "empty: $?"
A=1 B="[$A]" show B
alias hi='echo hello '
alias punct='!!!'
hi punct
alias hi='echo hello'
hi punct
alias e2='echo $x '
x=x; e2 e2
unalias hi punct e2 show
b=global
f() { local b; echo "[$b] ${b-unset}"; b=set; echo "$b"; }
f; echo "$b"
h() { local a=loc $1 c=loc; echo "[$a] [$b] [$c]"; }
h b
set -- -a
while getopts "ab:" opt; do echo "opt $opt"; done; echo "OPTIND=$OPTIND"
set -- -f
while getopts "f:" opt; do echo "never"; done; echo "OPTIND=$OPTIND"
set --
getopts "x" opt; echo "status $? OPTIND=$OPTIND"
OPTIND=1; set -- -c foo
getopts 'hc:' bad- ; echo "bad name: $? OPTARG=$OPTARG OPTIND=$OPTIND"
set + a b; echo "set + a b: $*"
set - +; echo "set - +: $*"
set + -; echo "set + -: $*"
eval "echo 'abc" 2>/dev/null; echo "eval of an unterminated quote goes on: $?"
printf "y=1\necho 'abc\n" > eof.sh
. ./eof.sh 2>/dev/null; echo ". of one too: $? y=$y"
rm -f eof.sh
f2() { local foo=bar; local foo; echo "local twice keeps: $foo"; }; f2
