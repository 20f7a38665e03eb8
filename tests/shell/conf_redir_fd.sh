# bash --posix: bash's fd redirections: {name}>file, >&file, n>&m-, n>&n
exec {out}>named.txt
echo "named fd is open: $((out >= 10))"
echo first >&$out
echo second >&"$out"
exec {out}>&-
echo gone >&$out 2>/dev/null || echo "closed by {name}>&-: $?"
cat named.txt
echo kept {keep}>kept.txt
echo "kept after the command" >&$keep
exec {keep}>&-
cat kept.txt
{ echo to-stdout; echo to-stderr >&2; } >&both.txt
echo ">&file takes both:"; cat both.txt
echo plain 1>&both1.txt; cat both1.txt
(echo x 2>&nofile.txt) 2>/dev/null; echo "2>&file is ambiguous: $?"
(cat <&nofile.txt) 2>/dev/null; echo "<&file is ambiguous: $?"
exec 5>moved.txt
echo hello5 >&5
exec 6>&5-
(echo world5 >&5) 2>/dev/null || echo "fd 5 moved away: $?"
echo world6 >&6
exec 6>&-
cat moved.txt
exec 7>moved2.txt
cat <<'X' 1>&7-
through a moved fd to a child
X
echo "a child's n>&m- leaves the shell's m open" >&7
: 6>&7-
(echo after >&7) 2>/dev/null || echo "a builtin's n>&m- leaves m closed, as bash does: $?"
cat moved2.txt
: 8>&8; echo "n>&n is a no-op: $?"
: 8>&8-; echo "n>&n- too: $?"
(echo hi >&99) 2>/dev/null; echo "fd not open: $?"
echo x={v}>/dev/null; echo "{v} inside a word is a word: ${v-unset}"
f() { echo "in f" >&$1; }
exec {fn}>func.txt; f $fn; exec {fn}>&-; cat func.txt
