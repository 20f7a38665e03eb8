# bash --posix: [[ ]] is parsed with the command: its syntax errors are parse errors
# (each eval in a subshell: after one such error in eval, bash 5.2 misparses the next [[ ]])
[[ -z "" ]] && echo "-z of an empty string"
[[ -n x && ! -z x ]] && echo "unary operators"
[[ -z -z ]]; echo "-z takes the next word, whatever it is: $?"
[[ ! ! x ]]; echo "double negation: $?"
[[ -eq == -eq ]] && echo "a word that is no unary operator is an operand"
[[ x ]] && echo "a lone word is a string test"
[[ ( x ) && ( -n y ) ]] && echo "groups"
(eval '[[ -z ]]' 2>/dev/null; echo "eval '[[ -z ]]': $?")
(eval '[[ -n ]]' 2>/dev/null; echo "eval '[[ -n ]]': $?")
(eval '[[ ! ]]' 2>/dev/null; echo "eval '[[ ! ]]': $?")
(eval '[[ a b ]]' 2>/dev/null; echo "eval '[[ a b ]]': $?")
(eval '[[ a == ]]' 2>/dev/null; echo "eval '[[ a == ]]': $?")
(eval '[[ ( a ]]' 2>/dev/null; echo "eval '[[ ( a ]]': $?")
(eval '[[ a && ]]' 2>/dev/null; echo "eval '[[ a && ]]': $?")
(eval '[[ -f a b ]]' 2>/dev/null; echo "eval '[[ -f a b ]]': $?")
(eval '[[ ! = ! ]]' 2>/dev/null; echo "eval '[[ ! = ! ]]': $?")
(eval '[[ x ! ]]' 2>/dev/null; echo "eval '[[ x ! ]]': $?")
(eval '[[ -z && x ]]' 2>/dev/null; echo "eval '[[ -z && x ]]': $?")
(eval '[[ -z == x ]]' 2>/dev/null; echo "eval '[[ -z == x ]]': $?")
(eval '[[ ]]' 2>/dev/null; echo "eval '[[ ]]': $?")
(eval 'echo >'; echo "not reached: eval's other syntax errors end the script") 2>/dev/null; echo "eval 'echo >': $?"
eval '(exit 2)'; echo "a status of 2 from what eval ran is no eval error: $?"
printf 'echo sourced\nif then\necho not reached\n' > /tmp/conf_dbracket.$$
. /tmp/conf_dbracket.$$ 2>/dev/null; echo "a syntax error in a sourced file: $?"
rm -f /tmp/conf_dbracket.$$
n=0; for (( ; ; )); do n=$((n + 1)); [ $n = 3 ] && break; done; echo "for (( ; ; )) with blank clauses: $n"
for (( i = 0 ;  ; i++ )); do [ $i = 2 ] && break; done; echo "blank condition: $i"
[[ 1+2 -eq 3 ]] && echo "-eq compares arithmetic expressions"
e='2*3'; [[ $e -gt 5 && 017 -eq 15 && 0x0f -eq 15 && -64#a -eq -10 ]] && echo "from variables, octal, hex, base#"
[[ a -eq b ]] && echo "names are variables, unset ones 0"
[[ '' -eq 0 ]] && echo "an empty operand is 0"
[[ 1+ -eq 1 ]] 2>/dev/null; echo "an arithmetic error is false: $?"
[[ x -ef y ]] || echo "-ef is no arithmetic"
HOME=/home/bob
[[ ~ == /home/bob && /home/bob/x == ~/* ]] && echo "tilde in [[ ]] patterns"
case /home/bob in ~) echo "tilde in case patterns" ;; esac
p=/home/bob/a; echo "tilde in \${p#~}: ${p#~}"
[[ 'foo()' == *\(\) && 'foo()' == *'()' ]] && echo "quoted parentheses in patterns"
[[ 'foo()' == '*()' ]] || echo "a quoted star is literal"
false
[[ -z ]]
echo "not reached: the script ends with the status before the error"
