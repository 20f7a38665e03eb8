# GNU options of the text programs, checked against GNU coreutils and grep
# (LC_ALL=C): sort, uniq, tr, cut, grep, wc, seq, with their error messages.
exec 2>&1
rm -rf /tmp/gnt; mkdir /tmp/gnt
printf 'b 2\na 10\nc 1\na 2\n' > /tmp/gnt/s1
sort /tmp/gnt/s1; sort -k2n /tmp/gnt/s1; sort -k2,2n -k1,1r /tmp/gnt/s1; sort -t' ' -k2 /tmp/gnt/s1
printf '1K\n2M\n500\n1G\n-3K\n' | sort -h
printf 'x-1.10\nx-1.2\nx-1.1\n' | sort -V
printf 'Mar\njan\nFEB\nfoo\n' | sort -M
printf 'B\na\nA\nb\n' | sort -f; printf 'B\na\nA\nb\n' | sort -fs
printf '3\n1\n2\n' | sort -c; echo "c: $?"
printf '1\n2\n2\n' | sort -cu; echo "cu: $?"
printf '10\n9\n1e2\nabc\n-5\n' | sort -g
printf '0.5\n-0\n0\n-1.5\n.25\n' | sort -n
printf 'a:3\nb:1\nc:2\n' | sort -t: -k2 -r
printf 'x\ny\n' | sort -k0; sort -k1.0 /tmp/gnt/s1; sort -t ab /tmp/gnt/s1; sort /nonexist; echo $?
printf 'a b c\na a c\n' | sort -k2,2 -u
printf ' b\na\n  c\n' | sort -b
printf 'b\0a\0' | sort -z | tr '\0' '\n'
printf 'a\na\nb\nA\nc\nc\nc\n' > /tmp/gnt/u1
uniq /tmp/gnt/u1; uniq -c /tmp/gnt/u1; uniq -d /tmp/gnt/u1; uniq -u /tmp/gnt/u1; uniq -i /tmp/gnt/u1; uniq -D /tmp/gnt/u1
uniq --all-repeated=separate /tmp/gnt/u1; uniq --all-repeated=prepend /tmp/gnt/u1
printf 'x a\ny a\nz b\n' | uniq -f1; printf 'xa\nya\nzb\n' | uniq -s1 -c
printf 'abc\nabd\nxyz\n' | uniq -w2; printf 'a\0a\0b\0' | uniq -z | tr '\0' '\n'
uniq -Dc /tmp/gnt/u1; echo $?; uniq -f x /tmp/gnt/u1; echo $?; uniq /tmp/gnt/nope; echo $?; uniq a b c; echo $?
uniq /tmp/gnt/u1 /tmp/gnt/u2; cat /tmp/gnt/u2
echo 'hello world' | tr a-z A-Z; echo 'hello' | tr -t a-z AB; echo 'hello' | tr a-z 'AB'
echo 'hello' | tr 'a-z' '[X*]'; echo 'abcdef' | tr 'a-f' '[1*2][2*]'; echo 'a=b' | tr '[=a=]' x
echo 'aabbcc' | tr -s a-c; echo 'abc' | tr -cd 'a\n'; echo abc | tr --delete b; tr; tr a; tr -d a b
echo 'Hi There' | tr '[:upper:][:lower:]' '[:lower:][:upper:]'; echo x | tr -x
printf 'a,b,c,d\nno delim\n1,2\n' > /tmp/gnt/c1
cut -d, -f2 /tmp/gnt/c1; cut -d, -f1,3- /tmp/gnt/c1; cut -s -d, -f-2 /tmp/gnt/c1; cut -d, --complement -f2 /tmp/gnt/c1
cut -d, -f1,3 --output-delimiter=' | ' /tmp/gnt/c1; echo abcdef | cut -c 2-3,5; echo abcdef | cut -c1-2,4-5 --output-delimiter=:
echo abc | cut -c; cut /tmp/gnt/c1; cut -f1 -c1 /tmp/gnt/c1; cut -d ab -f1 /tmp/gnt/c1; cut -c0 /tmp/gnt/c1; cut -c3-1 /tmp/gnt/c1; cut -f1 /nope; echo $?
cd /tmp/gnt; rm -rf gt; mkdir -p gt/sub; cd gt
printf 'apple\nBanana\ncherry pie\nbanana split\nfig\ndate\n' > fruit
printf 'one\ntwo\nbanana\n' > sub/b.txt; printf 'banana\n' > sub/c.log
grep an fruit; grep -i '^b' fruit; grep -v an fruit; grep -n e fruit; grep -c a fruit
grep -w pie fruit; grep -w pi fruit; grep -x fig fruit; grep -o 'an' fruit; grep -on 'a.' fruit
grep -b e fruit; grep -A1 apple fruit; grep -B1 fig fruit; grep -C1 cherry fruit; grep -A1 -e apple -e fig fruit
grep -r banana . | sort; grep -rl banana . | sort; grep -r --include='*.txt' banana .; grep -rh banana sub | sort
grep -L apple fruit sub/b.txt; grep -m1 an fruit; grep -E 'ch(e|a)rry' fruit; grep -F 'a.' fruit; echo "F: $?"
grep -e apple -e fig fruit; printf 'apple\nfig\n' > pats; grep -f pats fruit; grep --color=always -n an fruit
grep -q zzz fruit; echo "q: $?"; grep -s x nope; echo "s: $?"; grep x nope; echo "$?"; grep; echo "$?"; grep -E '(' fruit; echo "$?"
grep -c an fruit sub/b.txt; grep -H fig fruit; echo fig | grep -H --label=std fig; grep -Z x fruit; echo $?
egrep 'a|e' fruit | head -2; fgrep '.' fruit; echo $?; grep -2 fig fruit
grep sub fruit sub; echo $?
printf 'héllo wörld\n\tab\nlong line here\n' > /tmp/gnt/w1
wc /tmp/gnt/w1; wc -m /tmp/gnt/w1; wc -L /tmp/gnt/w1; wc -lmcL /tmp/gnt/w1; wc -c /tmp/gnt/w1 /tmp/gnt/w1; wc --lines < /tmp/gnt/w1; wc -x; wc /nope
seq 3; seq -f '%.2f' 1 3; seq -f 'x%gy' 2; seq -s, 1 4; seq --separator=: 3; seq --equal-width 8 10; seq -w 8 10; seq 10 -4 1
seq -f '%d' 3; seq -f %s 1; seq -x 1; seq --foo; seq -s; seq 1 0 3; seq a; seq 1 2 3 4; seq -f '%%%g' 2
