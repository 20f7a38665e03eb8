# bash --posix: word expansion (POSIX 2.6): parameters, $@ with operators, splitting
set -- aa ba "c a"; echo ${@%a} "${@#b}" ${*/a/x}; printf '<%s>' "${@%%a*}"; echo
printf '<%s>' ${u:-a b} "${u:-a b}" ${u-"x y"}; echo
IFS=:; set -- x "y z"; s=$*; echo "$s"; t=$@; echo "$t"; IFS=' 	
'
IFS=:; x='a::b:'; set -- $x; echo $#; printf '<%s>' "$@"; echo; unset IFS
w="a b c"; export e=$w; echo "$e"; readonly r=$w; echo "$r"
a=1 b=$a; echo "b=$b"
HOME=/h; x=~/a:~/b; echo $x; export y=a:~/c; echo $y
v=abc; echo "[${v:1:}]" "[${v:1}]" "[${v: -2:1}]"
v=axb; echo "${v/x/'y z'}" ${v/x/"q"} ${v//[ab]/-} ${v/#a/A} ${v/%b/B}
echo a b; echo $_
f() { echo "\${y}" "\$x" '${z}'; }; (f); echo "$(f)"
x=5; echo $\
x
true &\
& echo and
cat <\
< EOF
here
EOF
false; a=``; echo "empty cmdsub: $?"
false; eval ' '; echo "blank eval: $?"
false; a=$(false); echo "cmdsub status: $?"
u8='héllo wörld'; echo ${#u8} ${u8:1:4} "${u8#h?}"
printf '%s\n' $'\u00e9\x41\101' "$(echo -e 'a\u00e9b')"
echo -e 'ab\cde'; echo
FOO=foo BAR="[$FOO]" env | grep -E '^(FOO|BAR)=' | sort
g() { env | grep ^TV=; }; TV=1 g; echo "TV=${TV-unset}"
RANDOM=42; echo $RANDOM $RANDOM $RANDOM; RANDOM=0; echo $RANDOM; (RANDOM=7; echo $RANDOM)
