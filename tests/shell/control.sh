# Compound commands: if/elif/else, while, until, for, case, { } and ( ),
# break and continue (with N).
for n in 1 2 3; do
    if [ $n -eq 1 ]; then
        echo one
    elif [ $n -eq 2 ]; then
        echo two
    else
        echo other
    fi
done
if false; then echo no; fi; echo "if without branch: $?"
if false; then :; else echo else-branch; fi
i=0
while [ $i -lt 3 ]; do echo "while $i"; i=$((i + 1)); done
until [ $i -eq 0 ]; do echo "until $i"; i=$((i - 1)); done
while false; do :; done; echo "loop that never ran: $?"
for w in a "b c" d; do echo "for: $w"; done
for w in; do echo never; done; echo "empty for"
set -- p1 p2; for w; do echo "implicit \$@: $w"; done
for w in x y
do
    echo "newline before do: $w"
done
case apple in
    a*) echo "starts with a";;
    *) echo default;;
esac
case banana in apple|banana) echo alternation;; esac
case x in [xyz]) echo bracket;; esac
case '*' in '*') echo "quoted star";; *) echo "no";; esac
case abc in a?c) echo question;; esac
case "" in "") echo empty-subject;; esac
case nomatch in a) echo a;; esac; echo "no match status: $?"
case 5 in [0-9]) echo digit;& x) echo "fell through";; y) echo no;; esac
v=hello; case $v in $v) echo "pattern from variable";; esac
case a in (a) echo "leading paren";; esac
case word in
    w*)
        echo multi
        echo line
        ;;
esac
{ echo group1; echo group2; }
{ x=in-group; }; echo "group shares variables: $x"
(y=in-subshell); echo "subshell does not: ${y:-unset}"
(echo "subshell sees x: $x")
(exit 4); echo "subshell status: $?"
for i in 1 2 3 4 5; do
    [ $i -eq 2 ] && continue
    [ $i -eq 4 ] && break
    echo "loop $i"
done
for i in 1 2 3; do
    for j in a b c; do
        [ $j = b ] && continue 2
        [ $i = 3 ] && break 2
        echo "$i$j"
    done
done
echo "after nested"
i=0; while :; do i=$((i + 1)); [ $i -gt 3 ] && break; done; echo "while : ran $i times"
for i in 1 2; do for j in 1 2; do for k in 1 2; do break 3; done; done; echo never; done; echo "break 3"
while true; do break 10; done; echo "break beyond depth"
echo $( for i in 1 2 3; do echo -n $i; done )
if { true; }; then echo "group as condition"; fi
if ! false; then echo "negated condition"; fi
while [ -z "$done" ]; do done=yes; echo "once"; done
# A loop that makes no system call still lets a background job run and
# the trap of the signal it sends run (axos yields every 256 iterations).
# Last in this file: the trap ends the script.
trap 'echo "trapped in a busy loop"; exit 0' USR1; (kill -USR1 $$) & while continue; do continue; done
