# Quoting: single and double quotes, backslashes, $'...', and what each
# leaves to expansion.
x=value
echo 'single $x `date` \n'
echo "double $x \$x \\ \" \`"
echo back\ slash\ spaces \$x \\
echo "a"'b'c"d e"
echo "[$x]" "[${x}]" '[${x}]'
echo "multi
line"
echo 'it'\''s'
echo $'tab\there' $'nl\\n' $'quote\'s'
echo "nested $(echo "inner $x") done"
echo "empty args:" "" '' | wc -w
printf '<%s>\n' "" '' "$unset_var" 'a b'
echo \#not-a-comment # a comment
echo a#b
echo "*" '?' "[a]"
echo line \
continued
echo "dq
with \
continuation"
