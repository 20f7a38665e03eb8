# echo, printf, test and [, true, false, :.
echo plain words
echo -n "no newline"; echo " <- joined"
echo -e 'tab\there\nnewline \\ backslash \x41 \0101'
echo -E 'raw \t'
echo 'no escapes by default: \t \n'
echo -ne 'a\tb\n'
echo -e 'stop here\c never printed'; echo
echo -x not an option
echo -- dashes
echo
printf '%s|%s\n' a b c d e
printf '%d + %d = %d\n' 2 3 5
printf '[%5s][%-5s][%.2s]\n' ab cd efgh
printf '[%05d][%+d][%x][%X][%o][%#x]\n' 42 7 255 255 8 255
printf '%c%c%c\n' hello world !
printf '%%literal %s\n' percent
printf '%b\n' 'escape\tin %b'
printf 'no args: [%s] [%d]\n'
printf '%s\n' "quoted arg with spaces"
printf '%d\n' "'A"
printf '%.3f %e\n' 3.14159 1500
printf 'tab\there\n'
printf '%s ' reused format for each; echo
printf '%q\n' "it's quoted"
test 1 -eq 1 && echo "-eq"
test 1 -ne 2 && echo "-ne"
[ 2 -gt 1 ] && [ 1 -lt 2 ] && [ 2 -ge 2 ] && [ 2 -le 2 ] && echo "comparisons"
[ abc = abc ] && [ abc != abd ] && echo "string equality"
[ -z "" ] && [ -n "x" ] && echo "-z and -n"
[ "" ] || echo "empty string is false"
[ nonempty ] && echo "non-empty string is true"
[ ! -z x ] && echo "! negates"
[ 1 -eq 1 -a 2 -eq 2 ] && echo "-a"
[ 1 -eq 2 -o 2 -eq 2 ] && echo "-o"
[ \( 1 -eq 1 \) ] && echo "parentheses"
[ -e / ] && [ -d / ] && [ ! -f / ] && echo "/ is a directory"
[ -f /bin/sh ] && [ -x /bin/sh ] && [ -r /bin/sh ] && echo "/bin/sh is an executable file"
echo data > /tmp/sh_test_file
[ -s /tmp/sh_test_file ] && [ -w /tmp/sh_test_file ] && echo "non-empty writable file"
: > /tmp/sh_test_file; [ -s /tmp/sh_test_file ] || echo "empty file is not -s"
rm /tmp/sh_test_file
[ -e /nonexistent ] || echo "missing file"
test; echo "test with no args: $?"
[ a = b ]; echo "false test: $?"
[ 1 -eq x ] 2>/dev/null; echo "bad integer: $?"
[ 1 = 1 2>/dev/null; echo "missing ]: $?"
test -n; echo "test -n alone is a string: $?"
[ "-n" = "-n" ] && echo "operators as operands"
true; echo "true: $?"; false; echo "false: $?"; :; echo "colon: $?"
