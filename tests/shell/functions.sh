# Functions: positional parameters, return, local, recursion, redefinition,
# functions in pipelines, subshells and the background.
greet() {
    echo "hello $1 ($# args: $*)"
}
greet world
greet "big world" extra
set -- outer
greet inner
echo "outer \$1 back: $1"
ret() { return $1; }
ret 3; echo "return 3: $?"
ret 0; echo "return 0: $?"
last() { false; }
last; echo "status of last command: $?"
early() { echo before; return; echo never; }
early
counter=0
inc() { counter=$((counter + 1)); }
inc; inc; echo "globals change: $counter"
scope() { local counter=100; local fresh; echo "local: $counter [${fresh-unset}]"; fresh=set; }
scope; echo "after local: $counter [${fresh-unset}]"
nested() { local v=outer-local; inner; echo "nested sees: $v"; }
inner() { echo "inner sees caller's local: $v"; v=changed; }
nested
fact() {
    if [ $1 -le 1 ]; then echo 1; return; fi
    local sub=$(fact $(($1 - 1)))
    echo $(($1 * sub))
}
echo "5! = $(fact 5)"
fib() { if [ $1 -lt 2 ]; then echo $1; else echo $(( $(fib $(($1-1))) + $(fib $(($1-2))) )); fi; }
echo "fib 10 = $(fib 10)"
redef() { echo first; }
redef
redef() { echo second; }
redef
self() { echo "running"; self() { echo "replaced while running"; }; }
self; self
function kw { echo "function keyword: $1"; }
kw arg
f2() ( echo "subshell body"; x=inner )
x=outer; f2; echo "x after subshell function: $x"
lister() { for a in "$@"; do echo "- $a"; done; }
lister a "b c" | cat
lister x y | while read dash item; do echo "got $item"; done
bg() { echo "in background: $1"; }
bg job & wait
out=$(lister one two); echo "$out"
loop_fn() { for i in 1 2 3; do [ $i = 2 ] && return 7; echo "i=$i"; done; }
loop_fn; echo "return from loop: $?"
show_x() { echo "x=$x"; }
x=global; x=temp show_x; echo "after: x=$x"
unset -f greet; greet 2>/dev/null || echo "unset -f removed it"
type lister | head -n 1
