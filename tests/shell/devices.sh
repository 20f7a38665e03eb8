# /dev: names for the shell's own fds, /dev/tty, and no files made there
echo "to stdout" > /dev/stdout
echo "to stderr" > /dev/stderr
echo "via fd 1" > /dev/fd/1
echo "made" > /dev/newfile; echo "create in /dev: $?"
ls /dev/newfile 2>/dev/null; echo "ls: $?"
printf 'piped\n' | cat /dev/stdin
cat /dev/fd/0 <<END
here-doc
END
printf 'one\ntwo\n' > /tmp/f
cat /dev/fd/3 3< /tmp/f
{ echo "grouped" > /dev/stdout; } > /tmp/g; cat /tmp/g
echo "tty" > /dev/tty
ls /dev
