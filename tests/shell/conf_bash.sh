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
