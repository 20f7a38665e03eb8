# Redirections, applied left to right: < > >> 2> 2>> N>&M N<&M <&- >&-
# &> and exec.
rm -rf /tmp/sh_redir; mkdir /tmp/sh_redir; cd /tmp/sh_redir
echo one > f; echo two >> f; cat f
cat < f | wc -l
echo replaced > f; cat f
: > empty; wc -c < empty
echo to-stderr 2> err 1>&2; cat err
ls /nonexistent 2> err2; echo "ls status $?"; wc -l < err2
ls /nonexistent 2>> err2; wc -l < err2
{ echo out; echo err >&2; } > both 2>&1; cat both
{ echo out; echo err >&2; } 2>&1 > only-out | tr a-z A-Z; cat only-out
{ echo out; echo err >&2; } &> amp; cat amp
echo stdout-closed >&- 2>/dev/null; echo "write to closed fd: $?"
cat <&- 2>/dev/null; echo "read from closed fd: $?"
exec 3> fd3; echo via fd3 >&3; echo again >&3; exec 3>&-; cat fd3
exec 4< f; read line <&4; exec 4<&-; echo "read via 4: $line"
echo data > in; exec 5<in; cat <&5; exec 5<&-
echo 6 6>six >&6; cat six
echo a > x1 > x2; echo "x1=[$(cat x1)] x2=[$(cat x2)]"
cat < nonexistent 2>/dev/null; echo "missing input: $?"
echo hi > /nonexistent/dir/file 2>/dev/null; echo "bad output path: $?"
for i in 1 2 3; do echo $i; done > loop; cat loop
if true; then echo from-if; fi > iffile; cat iffile
while read l; do echo "line: $l"; done < loop
f() { echo in-function; echo fn-err >&2; }
f > fout 2>&1; cat fout
f 2>/dev/null
x=$(cat < f); echo "cmdsub read: $x"
echo pipe | cat > pf; cat pf
(echo sub1; echo sub2) > subf; cat subf
echo "append" >> subf; tail -n 1 subf
exec 7>&1; echo "dup of stdout" >&7; exec 7>&-
set -C; echo no > f 2>/dev/null || echo "noclobber refused"; echo yes >| f; cat f; set +C
cd /; rm -r /tmp/sh_redir
