# bash --posix: shopt, case ;;& and ;&, $'...' escapes (bash manual)
mkdir -p d && cd d && touch a.txt .hid b.txt
echo *.none; shopt -s nullglob; echo *.none; echo "[$(echo *.none)]"; shopt -u nullglob
shopt -s dotglob; echo *; shopt -u dotglob; echo *
shopt nullglob; echo $?; shopt -q dotglob; echo $?; shopt -p nullglob
(shopt -s failglob; echo *.none; echo after $?) 2>/dev/null
case a in a) echo A ;;& *) echo star ;;& b) echo no;; *) echo star2 ;; esac
shopt -s bogus 2>/dev/null; echo $?
for x in aa bb cc; do case $x in aa) echo aa ;& bb) echo bb ;; cc) echo cc ;; esac; done
echo $'a\tb\x41\u00e9\q' $'\101\'x'
false | true | (exit 3); echo ${PIPESTATUS[@]} ${#PIPESTATUS[@]}; true; echo ${PIPESTATUS[@]}
f() { echo ${FUNCNAME[@]}; g; }; g() { echo ${FUNCNAME[@]} ${#FUNCNAME[@]}; }; f; echo "top:${FUNCNAME[@]}:"
[[ abc123def =~ ([a-z]+)([0-9]+) ]] && echo ${BASH_REMATCH[@]} ${#BASH_REMATCH[@]}
[[ xyz =~ [0-9] ]]; echo "${#BASH_REMATCH[@]}"
mkdir -p /tmp/pd/a/b; cd /tmp/pd; HOME=/tmp
pushd a; pushd b; dirs; dirs -v; echo ${DIRSTACK[@]}; popd; popd; popd 2>/dev/null; echo $?
echo $[1+2] $[ 3 * (4 - 1) ] "$[2**3]"
echo() { builtin echo "wrapped: $@"; }; echo hi; builtin printf '%s\n' ok; builtin nosuch 2>/dev/null; echo $?
