# Errors: command not found (127), not a program (126), syntax errors
# (status 2, with a line number), death by a signal (128+n), and a
# failing command never ends the shell. A syntax error in eval (a special
# builtin) ends a script, as POSIX 2.8.1 says, so those run in ( ).
nosuchcommand; echo "not found: $?"
nosuchcommand 2>&1 | cat
/no/such/path; echo "missing path: $?"
echo "text" > /tmp/sh_not_a_program; /tmp/sh_not_a_program; echo "not a program: $?"
rm /tmp/sh_not_a_program
/tmp; echo "a directory: $?"
(eval 'if true; then'); echo "syntax error in eval: $?"
(eval 'echo )') 2>&1; echo "status $?"
(eval 'fi') 2>/dev/null; echo "unexpected fi: $?"
(eval '(echo') 2>/dev/null; echo "unclosed paren: $?"
(eval 'echo "unterminated') 2>/dev/null; echo "unterminated quote: $?"
(eval 'case x in') 2>/dev/null; echo "unterminated case: $?"
sh -c 'echo before; if' 2>&1; echo "sh -c syntax error: $?"
sh -c 'echo a
echo b
done' 2>&1; echo "line number counts: $?"
sh -c 'kill -KILL $$'; echo "killed by SIGKILL: $?"
sh -c 'kill -TERM $$' 2>/dev/null; echo "killed by SIGTERM: $?"
sh -c 'kill -INT $$'; echo "killed by SIGINT: $?"
sleep 10 & kill -HUP $!; wait $!; echo "background killed by SIGHUP: $?"
ls /nonexistent 2>/dev/null; echo "failing program: $?"
cd /nonexistent 2>/dev/null; echo "failing builtin: $?"
echo "bad redirect" > /nonexistent/file; echo "redirect failure: $?"
(f() { f; }; f) 2>/dev/null; echo "runaway recursion is stopped, not a crash: $?"
(g() { eval g; }; g) 2>/dev/null; [ $? -ne 0 ] && echo "and through eval: stopped"
echo ${unset_var?is not set} 2>/dev/null; echo "never: a non-interactive shell ends on \${x?}"
