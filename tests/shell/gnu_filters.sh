# The line filters, comparisons and checksums, checked against GNU coreutils and
# diffutils: tac rev nl paste fold expand unexpand cmp comm join md5sum & co
# cksum sum base64 base32 strings od, with their error messages.
exec 2>&1
rm -rf /tmp/np
mkdir -p /tmp/np
printf 'a\nb\nc\n' | tac; printf 'a\nb\nc' | tac; echo; printf 'a:b:c:' | tac -s :; echo; printf 'x1y2y3' | tac -b -s y; echo
printf 'hello\nwörld\n' | rev; printf 'abc' | rev; echo
printf 'a\n\nb\nc\n' | nl; printf 'a\n\nb\n' | nl -ba -nln -w3 -s': '; printf 'a\nb\n' | nl -nrz -w4 -v 10 -i 5; printf 'x\nfoo\nbar\n' | nl -bpfo
printf 'h\n\\:\\:\\:\nhead\n\\:\\:\nbody\n\\:\nfoot\n' | nl -ha -fa; nl -bx; nl -w0; nl -n xx
printf '1\n2\n3\n' > /tmp/np/p1; printf 'a\nb\n' > /tmp/np/p2
paste /tmp/np/p1 /tmp/np/p2; paste -d, /tmp/np/p1 /tmp/np/p2; paste -s /tmp/np/p1 /tmp/np/p2; paste -sd '+' /tmp/np/p1; paste -d ':-' /tmp/np/p1 /tmp/np/p2 /tmp/np/p1; paste /tmp/np/p1 /nope
echo 'aaaa bbbb cccc dddd' | fold -w 8; echo 'aaaa bbbb cccc dddd' | fold -s -w 8; printf 'a\tb\tc\n' | fold -w 10; echo abcdefghij | fold -3; fold -w 0 /tmp/np/p1
printf 'a\tb\n\tc\td\n' | expand | cat -A; printf 'a\tb\n' | expand -t 4 | cat -A; printf '\ta\tb\n' | expand -i | cat -A; printf 'a\tb\tc\n' | expand -t 2,5 | cat -A
printf '        a       b\n' | unexpand | cat -A; printf '        a       b\n' | unexpand -a | cat -A; printf '    x\n' | unexpand -t 4 | cat -A; printf 'a b  c       d\n' | unexpand -a | cat -A; expand -t 0
mkdir -p /tmp/np; cd /tmp/np
printf 'abc\ndef\n' > c1; printf 'abc\ndxf\ngh\n' > c2; printf 'abc' > c3
cmp c1 c2; echo $?; cmp -l c1 c2; echo $?; cmp -s c1 c2; echo $?; cmp c1 c1; echo $?; cmp c3 c1; echo $?; cmp c1 c3
cmp -b c1 c2; cmp -n 2 c1 c2; echo $?; cmp -i 4 c1 c2; echo $?; cmp nope c1; echo $?; cmp -x c1 c2; echo $?; cmp c1 c2 1 1; echo $?; cmp -l c2 c1; echo $?
printf 'a\nb\nd\n' > s1; printf 'b\nc\nd\ne\n' > s2; printf 'b\na\n' > s3
comm s1 s2; comm -12 s1 s2; comm -3 s1 s2; comm --output-delimiter=: s1 s2; comm --total s1 s2; comm s3 s1; echo $?; comm --check-order s3 s1; echo $?; comm s1; comm s1 s2 s3
printf '1 one\n2 two\n3 three\n' > j1; printf '1 uno\n3 tres\n4 cuatro\n' > j2
join j1 j2; join -a1 j1 j2; join -a2 -e X -o 0,1.2,2.2 j1 j2; join -v1 j1 j2; join -v2 j1 j2; join -o auto -a1 -e - j1 j2
printf 'a:1\nb:2\n' > j3; printf 'a:x\nb:y\n' > j4; join -t: j3 j4; join -t: -o 2.2,1.2 j3 j4; printf 'h1 h2\nx 1\n' > j5; printf 'h1 h3\nx 2\n' > j6; join --header j5 j6
printf 'A 1\nb 2\n' > j7; printf 'a 3\nB 4\n' > j8; join -i j7 j8; join -1 2 -2 2 j1 j2; join j1; join -o 3.1 j1 j2; join -t ab j1 j2
printf '1 a\n1 b\n2 c\n' > j9; printf '1 x\n1 y\n' > j10; join j9 j10
mkdir -p /tmp/np; cd /tmp/np; printf 'hello world\n' > h1; printf '' > h0; seq 1000 > h2
md5sum h1 h0; sha1sum h1; sha256sum h1 h2; sha512sum h1 | cut -c1-40; sha224sum h1; sha384sum h1 | cut -c1-30; b2sum h0 | cut -c1-30
md5sum --tag h1; md5sum h1 > sums; md5sum -c sums; echo x >> h1; md5sum -c sums; echo $?; md5sum --status -c sums; echo $?
printf 'garbage\n' > bad; md5sum -c bad; echo $?; md5sum -c --warn bad; md5sum nope; echo $?; md5sum --quiet h1; echo $?; echo hi | md5sum
cksum h1 h0 h2; echo abc | cksum; cksum -a md5 h2; cksum -a sha256 --untagged h2; cksum -a bsd h2; cksum -a sysv h2; cksum -a xyz h2
sum h2; sum -s h2; sum h1 h2; echo hello | base64; printf 'x' | base64; printf 'xy' | base64; seq 100 | base64 | head -2; seq 30 | base64 -w 20 | tail -2
echo aGVsbG8K | base64 -d; echo 'aGVs bG8K' | base64 -d; echo $?; echo 'aGV%sbG8K' | base64 -di; printf 'hi' | base64 -w 0; echo; echo hello | base32; echo NBSWY3DPBI====== | base32 -d
base64 -w x h1; base64 a b
printf 'ab\0abcdef\001hello world\nxyz' > bin; strings bin; strings -n 3 bin; strings -t d bin; strings -t x -n 2 bin
printf 'hello\nworld\000\377' > o1; od o1; od -c o1; od -A x -t x1z o1; od -t d1 -t c o1; printf 'abc' | od -t x4; od -a o1; od -b o1; od -x o1
printf '%032d' 0 | od -v -t x1 | head -3; printf '%048d' 0 | od -t x1; od -j 3 -N 4 -c o1; od -t u2 o1; od -t x8 o1; od -w8 -c o1; od -t d4 o1; od -A n -t x1 o1; od -t q o1; od -A z o1
printf '\x00\x00\x80\x3f\x00\x00\x00\x00\x00\x00\xf0\x3f' | od -t f4 -t f8
