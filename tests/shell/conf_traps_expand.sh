# bash --posix: bash's ERR trap; trap's usage; ${x/%/s}; ? never splits a UTF-8 character at the end
err() { echo "ERR [$*] status=$?"; }
trap 'err x y' ERR
false
echo "after false: $?"
(exit 42)
echo after subshell
if false; then :; fi
false || true
while false; do :; done
f() { return 3; }; f
trap -p ERR
trap - ERR
false
trap -p ERR
echo "no trap any more"
trap 'echo E2 $?; (exit 9)' ERR
(false)
echo "the trap left \$? alone: $?"
trap - ERR
(trap 'foo') 2>/dev/null; echo "trap with one bad operand: $?"
(trap INT; echo not reached) 2>/dev/null; echo "a lone signal name: $?"
(trap 2; echo "trap 2 resets: $?"; trap -p INT USR1 EXIT)
x=abc; echo "${x/%/X} ${x/#/Y} ${x/%c/C}"
a=(aa bb ''); printf '<%s>' ${a[@]/%/-s}; echo
printf '<%s>' "${a[@]/#/p-}"; echo
v='-μ'; printf '%s' "${v%?}" | od -An -tx1
v='μ-'; printf '%s' "${v#?}" | od -An -tx1
x=μabcμ; echo "[${x%?abc?}] [${x%%?abc?}] [${x#?abc?}]"
(source) 2>/dev/null; echo "source with no file: $?"
echo 'echo >' > bad.sh
(. ./bad.sh; echo not reached) 2>/dev/null; echo "syntax error in a sourced file: $?"
echo '(exit 2)' > two.sh
. ./two.sh; echo "a status of 2 from one: $?"
set -e
trap 'echo "ERR before errexit: $?"' ERR
(exit 7)
echo not reached
