# bash --posix: printf's \u \U in the format, 'c codes of UTF-8 characters, -v NAME[SUB]
printf '[\u2620] [\U0000065f] [\u00e9x] [\u] [\x41]\n'
printf '%d %x %o %d\n' \'μ \'三 \'é \'a
a=(a b c)
printf -v 'a[1]' %s foo; echo "status $?: ${a[*]}"
declare -A m; printf -v 'm[k]' '%05d' 42; echo "assoc: ${m[k]}"
printf -v 'a[' %s x 2>/dev/null; echo "printf -v a[: $?"
printf -v '1x' %s x 2>/dev/null; echo "printf -v 1x: $?"
