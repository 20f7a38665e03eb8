# bash --posix: extglob, globstar, nocaseglob and nocasematch (bash's shopt options)
d=/tmp/conf_extglob.$$; mkdir -p "$d" && cd "$d" || exit 1
shopt -s extglob
for w in foo.c foo.h foo.o bar.c x xx xxx "" ab abab aab ba; do
    r=
    case $w in @(*.c|*.h)) r="$r @" ;; esac
    case $w in ?(x)) r="$r ?" ;; esac
    case $w in *(x)) r="$r *" ;; esac
    case $w in +(x)) r="$r +" ;; esac
    case $w in !(*.c)) r="$r !" ;; esac
    case $w in +(ab|a)) r="$r +alt" ;; esac
    case $w in foo.!(c|h)) r="$r foo-not-ch" ;; esac
    case $w in @(x|y)@(x|y)*) r="$r two" ;; esac
    echo "'$w':$r"
done
x=foo.tar.gz
echo "${x%%+(.gz|.tar)}" "${x%@(.gz|.tar)}" "${x/@(o|a)/_}" "${x//+(o)/0}" "${x##*([a-z])}"
[[ abab == +(ab) ]] && echo "[[ +(ab) ]]"
[[ foo == !(bar) ]] && echo "[[ !(bar) ]]"
[[ foo == @(f\|o|foo) ]] && echo "quoted | is literal in a group"
p='@(a|b)'; [[ a == $p ]] && echo "a pattern from a variable in [[ ]]"
[[ --verbose=1 == --@(help|verbose=@(1|2)) ]] && echo "nested groups"
pre=no; [[ --no-long-option == --@(help|$pre-@(long|short)-'option') ]] && echo "quotes and variables in groups"
[[ cc == '@(cc)' ]] || echo "a quoted group matches only itself"
shopt -u extglob
e=''; [[ !($e) ]] && echo "without extglob, !( ) in [[ ]] negates"
shopt -s extglob
[[ !($e) ]] && echo "with it, !(...) is a pattern word"
[[ 'a|b' == "@(a|b)" ]] || echo "a quoted group is literal"
touch foo.c foo.h foo.o bar.c .hidden.c
echo @(foo|bar).c
echo !(*.c)
echo *.!(c)
echo +(f|o)*
echo "no match stays:" @(nothing|none)
echo "@(quoted)" '!(x)'
shopt -u extglob
mkdir -p a/b/c && touch a/b/c/f a/g a/b/.h
shopt -s globstar
echo **
echo a/**
echo a/**/f
echo **/
echo **/g
shopt -u globstar
echo "globstar off:" a/**/f
touch ABC Abd
shopt -s nocaseglob
echo ab*
echo [a]B?
shopt -u nocaseglob
echo "nocaseglob off:" ab*
shopt -s nocasematch
[[ ABC == abc ]] && echo "[[ == ]] ignores case"
[[ ABC == a* ]] && echo "pattern too"
[[ XbY =~ B ]] && echo "=~ too"
case X in x) echo "case too" ;; esac
v=ABC; echo "${v/b/_}" "${v#a}"
shopt -u nocasematch
[[ ABC == abc ]] || echo "nocasematch off"
GLOBIGNORE='*.o:bar*'; echo "GLOBIGNORE:" *.?; echo .*; unset GLOBIGNORE
echo "unset again:" *.?
cd / && rm -rf "$d"
