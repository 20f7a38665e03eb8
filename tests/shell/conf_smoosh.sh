# bash --posix: classes the smoosh corpus found: IFS at start, command exec, blank aliases, [.c.] [=c=], FIFOs, traps
printf '<%s>' "$IFS" | od -An -c | tr -s ' '; echo
set | grep '^IFS='
alias blank=''
blank
echo "blank alias: $?"
echo hi > f1
command exec 8<f1; read line <&8; echo "command exec keeps 8: $line"
command exec 9<nosuch 2>/dev/null; echo "command exec failure is not fatal: $?"
exec 8<&-
touch file- file] filea
echo file[[.-.]] file[[=-=]] file[[.].]] file[[=]=]] file[![.a.]]
case b in [[.a.]-[.c.]]) echo "range of symbols";; esac
case x in [[.ab.]]) echo wrong;; *) echo "long symbol matches nothing";; esac
mkfifo fifo
( echo through the fifo >&7 ) 7>fifo &
read x < fifo; echo "$x"
cat < fifo & echo back > fifo; wait
trap 'echo INT ran; (exit 3)' INT
kill -s INT $$ && echo "after the trap: $?"
trap - INT
trap 'f() { false; return; }; f; echo "return in a trap: $?"; trap "echo INT nested in EXIT" INT; kill -s INT $$' EXIT
(trap '(false); exit' EXIT; (exit 4)); echo "exit in the EXIT trap: $?"
(trap 'echo never' KILL 2>/dev/null; echo "trap KILL: $?")
pre=1 : ; sh_env() { env | grep "^$1=" || echo "$1 not exported"; }; sh_env pre
pre2=2 export other=3; sh_env pre2
(eval() { :; }; echo not reached) 2>/dev/null; echo "eval as a function: $?"
(true() { echo true func; }; true); echo "true as a function: $?"
mkdir -p d1; echo 'echo sourced from PATH' > d1/scr; echo 'echo from cwd' > scr2
PATH="$PWD/d1:$PATH" . scr
(. scr2; echo not reached) 2>/dev/null; echo ". of a file not in PATH: $?"
(source scr2; echo not reached) 2>/dev/null; echo "source too: $?"
. ./scr2
