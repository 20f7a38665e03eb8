# bash --posix: bash's set -o options: $-, SHELLOPTS, set -o / set +o listings, shopt -o; usage errors in conditions
echo "\$-: $-"
echo "SHELLOPTS: $SHELLOPTS"
set -o pipefail -o noclobber -o notify -o physical
echo "\$-: $- SHELLOPTS: $SHELLOPTS"
set +o pipefail +C +b +P
(SHELLOPTS=x) 2>/dev/null || echo "SHELLOPTS is readonly"
(echo "in ( ): $-")
set -o
set +o
set -o vi; echo "vi: $?"; set -o emacs; echo "emacs: $?"
shopt -o vi emacs
shopt -po nounset; echo "shopt -po off: $?"
set -u; shopt -po nounset; echo "shopt -po on: $?"; set +u
shopt -qo errexit; echo "shopt -qo errexit: $?"
shopt -p -o errexit invalid nounset 2>/dev/null; echo "with an invalid name: $?"
set +B; echo {a,b}; set -B; echo {a,b}
set -o nosuch 2>/dev/null || echo "set -o nosuch in a condition: $?"
if unset -Z 2>/dev/null; then :; else echo "unset -Z in if: $?"; fi
! set -o nosuch 2>/dev/null; echo "after ! set -o nosuch: $?"
unset %; echo "unset of a name no variable can have: $?"
(unset -v % 2>/dev/null; echo "unset -v of it: $?")
(set -o nosuch 2>/dev/null; echo "not reached: a usage error ends the script")
echo "status of that subshell: $?"
