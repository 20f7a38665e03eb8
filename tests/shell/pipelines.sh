# Pipelines of concurrent processes, lists with ; && ||, and !.
echo hello | cat
printf 'b\na\nc\n' | sort | head -n 2
yes | head -n 3
yes no | head -n 2 | cat
seq 1 5 | tail -n 2
seq 1 10000 | wc -l
echo one two three | wc -w
true | false; echo "status of true|false: $?"
false | true; echo "status of false|true: $?"
! false; echo "! false: $?"
! true; echo "! true: $?"
! false | false; echo "! applies to the whole pipeline: $?"
true && echo "&& after true"
false && echo "never printed"
false || echo "|| after false"
true || echo "never printed"
false && echo no || echo "a && b || c"
true || echo no && echo "a || b && c"
false; echo "after ; $?"
echo first; echo second
cd /tmp && pwd && cd / && pwd
x=1; echo $x | { read y; echo "read in pipe: $y"; }
echo "x not set by pipe: ${y:-unset}"
echo abc | tr a-c A-C | tr A B
echo done |
  cat
echo continued &&
  echo "after newline"
f() { while read l; do echo "f: $l"; done; }
printf '1\n2\n' | f
{ echo a; echo b; } | sort -r
for i in 3 1 2; do echo $i; done | sort
if true; then echo in-if; fi | tr a-z A-Z
echo $(yes | head -n 2)
set -o pipefail; false | true; echo "pipefail: $?"; set +o pipefail
yes | head -n 1 > /dev/null; echo "yes ended by SIGPIPE, head status $?"
