# The text programs, through the shell: echo, printf, wc, head, tail,
# grep, sort, uniq, tee, tr, cut, seq, yes, hexdump.
exec 2>&1 # error messages are part of the expected output
rm -rf /tmp/gt; mkdir /tmp/gt; cd /tmp/gt
echo plain words; echo -n no-newline; echo; echo -e 'tab\there' 'x\101'
printf '%s=%d\n' a 1 b 2
printf '[%5s|%-4d|%x|%o|%c|%%]\n' ab 7 255 8 zed
printf '%05.2f %X %i\n' 3.14159 0x1f "'A"
printf 'one %s\n' | wc -l
printf 'a b\nc d e\n\nlast' > words
wc words; wc -l < words; wc -w words; wc -c words
seq 12 > nums
wc nums words
head -n 3 nums; head -2 nums; head -c 5 nums; echo
head -n -9 nums
tail -n 2 nums; tail -1 nums; tail -n +11 nums; tail -c 3 nums
head -n 1 nums words
printf 'apple\nBanana\ncherry\nbanana split\n' > fruit
grep an fruit; grep -i '^b' fruit; grep -v an fruit; grep -n e fruit; grep -c a fruit
grep -E '^(apple|cherry)$' fruit; grep -e apple -e cherry fruit
grep -q cherry fruit; echo "grep -q: $?"
grep kiwi fruit; echo "no match: $?"
grep x /nonexistent 2>/dev/null; echo "missing file: $?"
grep an fruit words
grep -l an fruit words nums; grep -h an fruit fruit
printf 'pear\napple\nfig\napple\n' | sort
printf 'pear\napple\nfig\napple\n' | sort -r
printf 'pear\napple\nfig\napple\n' | sort -u
printf '10\n9\n-1\n2.5\n100\n' | sort -n
printf '10\n9\n100\n' | sort -rn
printf '1 b\n1 a\n2\n' | sort -n
printf 'a\na\nb\na\nc\nc\nc\n' | uniq
printf 'a\na\nb\na\nc\nc\nc\n' | uniq -c
printf 'a\na\nb\na\nc\nc\nc\n' | uniq -d
printf 'a\na\nb\na\nc\nc\nc\n' | sort | uniq -c
echo data | tee t1 t2; cat t1 t2
echo more | tee -a t1 > /dev/null; cat t1
echo 'Hello World' | tr a-z A-Z
echo 'Hello World' | tr '[:upper:]' '[:lower:]'
echo 'hello world' | tr -d lo
echo 'aaabbb   ccc' | tr -s 'a-c '
echo 'a1b2c3' | tr -cd '[:digit:]'; echo
echo 'one two  three' | tr -s ' ' '\n'
printf 'a,b,c,d\nno delimiter\n1,2\n' > csv
cut -d, -f2 csv; cut -d, -f1,3- csv; cut -s -d, -f-2 csv
echo abcdef | cut -c 2-3,5
printf 'x\ty\tz\n' | cut -f 2
seq 3; seq 8 11; seq 10 -4 1; seq -2 0; seq 1 0.5 2; seq -s , -w 8 10
seq 1 1000000 | wc -l
seq 1 100000 | tail -n 1
yes | head -n 3
yes ab cd | head -n 2
echo 'hello world' | hexdump -C
echo hello | hexdump
head -c 40 /dev/zero | hexdump -C
cd /; rm -rf /tmp/gt
