# Here-documents: <<EOF expands, <<'EOF' does not, <<- strips tabs.
name=world
cat <<EOF
hello $name
sum $((1 + 2)) cmd $(echo sub) `echo tick`
escaped \$name and \\ and \` and "quotes" 'single'
EOF
cat <<'EOF'
raw $name $(echo no) \$ \\
EOF
cat <<"EOF"
also raw $name
EOF
cat <<\EOF
raw again $name
EOF
cat <<-EOF
	tab stripped $name
		both tabs go
	EOF
cat <<EOF | tr a-z A-Z
piped $name
EOF
cat <<A; cat <<B
first
A
second
B
while read a b; do echo "$b-$a"; done <<EOF
1 one
2 two
EOF
f() {
    cat <<EOF
in function: $1
EOF
}
f arg
f other | cat
x=$(cat <<EOF
inside cmdsub
EOF
)
echo "$x"
cat <<EOF > /tmp/sh_heredoc_file
to a file
EOF
cat /tmp/sh_heredoc_file; rm /tmp/sh_heredoc_file
cat <<EOF
EOF
echo "empty body above"
cat << EOF
space before delimiter
EOF
{ cat <<EOF; echo after-in-group; }
in group
EOF
if cat <<EOF
in condition
EOF
then echo then-branch; fi
(cat <<EOF
in subshell
EOF
)
i=0; while [ $i -lt 2 ]; do cat <<EOF
loop $i
EOF
i=$((i + 1)); done
cat <<EOF &
in background
EOF
wait
