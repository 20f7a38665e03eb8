# bash --posix: errors in special builtins end a script (POSIX 2.8.1); loops
(readonly a=1; a=2; echo after); echo "readonly assignment: $?"
(readonly a=1; export a=3; echo after); echo "export of a readonly: $?"
(eval 'echo >'; echo after); echo "eval syntax error: $?"
(set -o nosuch; echo after) 2>/dev/null; echo "set bad option: $?"
(: > /nonexistent/x; echo after) 2>/dev/null; echo "redirection on a special builtin: $?"
(echo > /nonexistent/x; echo after) 2>/dev/null; echo "on a regular one: $?"
(unset -Z; echo after) 2>/dev/null; echo "unset bad option: $?"
(for i in 1 2; do echo hi; break x; done; echo after) 2>/dev/null; echo "break x: $?"
for i in 1 2; do echo $i; continue 2>/dev/null; done; echo "continue: $?"
(: ${nosuch?is unset}; echo after) 2>/dev/null; echo "\${x?}: $?"
for i in 1 2 3; do echo $i; eval break; done; for i in 1 2; do eval continue; echo no; done; echo end
(trap 'echo t' EXIT; exit 3); echo "exit trap keeps the status: $?"
fr() ( return 42; ); fr; echo "return from a ( ) body: $?"
echo $"translated" x$"y"
# last: a loop that makes no system call still lets the background job run
trap 'echo trapped in a busy loop; exit 0' USR1; (kill -USR1 $$) & while continue; do continue; done
