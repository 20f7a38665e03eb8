# The bash extensions people use every day: [[ ]], (( )), for (( )),
# brace expansion, ${x:offset:length}, ${x^^} ${x,,}, <<<, &>>, |&.
x=hello
[[ $x == h* ]] && echo "pattern match"
[[ $x == "h*" ]] || echo "quoted pattern is literal"
[[ $x != world ]] && echo "not equal"
[[ -n $x && -z "" ]] && echo "and"
[[ -z $x || $x == hello ]] && echo "or"
[[ ! -e /nonexistent ]] && echo "negation"
[[ ( $x == a || $x == hello ) && 1 -lt 2 ]] && echo "grouping"
[[ abc < abd ]] && echo "string less"
[[ 10 -gt 9 ]] && echo "numeric"
[[ $x =~ ^h.l+o$ ]] && echo "regex"
re='^([a-z]+)$'; [[ $x =~ $re ]] && echo "regex from variable"
[[ $x =~ ^[0-9]+$ ]] || echo "regex no match"
[[ $x =~ ^(he|ha)l+o$ ]] && echo "regex with ( | ) unquoted"
[[ "a.b" =~ a"."b && axb =~ ^a"."b ]] || echo "quoted regex characters match literally"
empty=""; [[ $empty ]] || echo "empty string is false"
spaced="a b"; [[ $spaced == "a b" ]] && echo "no word splitting in [[ ]]"
[[ -d / && -f /bin/sh ]] && echo "file tests"
if [[ $x == hello ]]; then echo "in if"; fi
(( 1 + 1 == 2 )) && echo "arithmetic true"
(( 0 )) || echo "arithmetic zero is false"
i=5; (( i++ )); echo "i=$i"
(( i += 10, j = i * 2 )); echo "i=$i j=$j"
if (( i > 10 )); then echo "(( )) as condition"; fi
for (( k = 0; k < 3; k++ )); do echo "c-style $k"; done
for ((;;)); do echo "infinite loop broken"; break; done
for (( a = 1, b = 10; a < b; a *= 2, b-- )); do echo "$a $b"; done
echo {a,b,c}
echo x{1,2}y
echo {1..5}
echo {5..1}
echo {a..e}
echo {0..10..5}
echo {01..03}
echo {a,b}{1,2}
echo pre-{one,two}-post
echo {a,{b,c}}d
echo "{a,b}" '{a,b}' {a} {} {a..}
mkdir -p /tmp/sh_brace/{d1,d2}; ls /tmp/sh_brace; rm -r /tmp/sh_brace
s=abcdefgh
echo ${s:2} ${s:2:3} ${s: -3} ${s: -3:2} ${s:0:1} ${s:10} ${s:1:-2}
set -- one two three four
echo ${@:2} "|" ${@:2:2} "|" ${*:3}
for a in "${@:3}"; do echo "[$a]"; done
n=2; echo ${s:n:n+1}
name="hello World"
echo ${name^^} ${name,,} ${name^} ${x^}
read a b <<< "here string"; echo "$b $a"
cat <<< "$name"
tr a-z A-Z <<< lower
{ echo out; echo err >&2; } &>> /tmp/sh_bash_out; { echo more; } &>> /tmp/sh_bash_out; cat /tmp/sh_bash_out; rm /tmp/sh_bash_out
{ echo to-stdout; echo to-stderr >&2; } |& tr a-z A-Z
type '[['
f() { [[ $1 == y* ]] && (( ${#1} > 2 )); }
f yes && echo "function with [[ ]] and (( ))"
f yo || echo "short"
{ f yes && echo "function in a pipeline"; } | cat
f() { declare x=in; local -r y=ro; declare -g z=glob; echo "$x $y"; }; x=out; f; echo "$x ${y-unset} $z"
declare -x E=1; sh -c 'echo "exported by declare: $E"'; declare -p E x
let "a = 2 + 3" "b = a * 2"; echo $a $b; let 0 || echo "let 0 fails"
printf -v out "%05d" 42; echo "$out"
typeset t=typeset; echo $t
{ time sleep 2; } 2>&1 | grep real
