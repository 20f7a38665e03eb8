# bash --posix: printf %(...)T, wait -n, read -t, FUNCNAME and BASH_SOURCE, ${x^^pat}, @k, set -u with operators
export TZ=UTC0
printf '%(%Y-%m-%d %H:%M:%S)T|%(%j)T|%10(%Y)T|%-6(%m)T|\n' 0 86400 0 0
printf '%(%F)T %(%s)T\n' 1234567890 1000000000
printf '%(%A %B %e)T\n' 951782400
(printf '%(%Y' 0) 2>/dev/null; echo "unterminated %(: $?"
x='AAA ABC DEF'
echo "${x,A}" "${x,,A}" "${x,,[BD]}" "${x^^}" "${x,[a-z]}"
y='abc def'
echo "${y^^[a-c]}" "${y^[d]}" "${y^}"
s=x; echo "${s@k}" "${s@K}" "${s@A}"
(set -u; echo "${undef@Q}"; echo not reached) 2>/dev/null; echo "set -u, \${undef@Q}: $?"
(set -u; echo "${undef%x}"; echo not reached) 2>/dev/null; echo "set -u, \${undef%x}: $?"
(set -u; echo "${#undef}"; echo not reached) 2>/dev/null; echo "set -u, \${#undef}: $?"
(set -u; echo "[${undef-default}] [${undef:+alt}]"); echo "set -u, - and +: $?"
f() { echo "FUNCNAME: ${FUNCNAME[*]} (${#FUNCNAME[@]}) sources: ${#BASH_SOURCE[@]}"; }
g() { f; }
echo "top: ${#FUNCNAME[@]} ${FUNCNAME-unset}"
f; g
printf 'f; echo "in . : ${#BASH_SOURCE[@]} ${FUNCNAME-none}"\nh() { echo "h from ${BASH_SOURCE[0]}"; }\n' > /tmp/conf_bash_more.src
. /tmp/conf_bash_more.src; h; rm -f /tmp/conf_bash_more.src
sleep 0.3 & a=$!
(sleep 0.1; exit 3) & b=$!
wait -n; echo "wait -n: the first to end: $?"
wait -n; echo "wait -n: the next: $?"
wait -n; echo "wait -n with no jobs: $?"
(exit 5) & c=$!
sleep 0.1
wait -n -p who; echo "wait -n -p: $? $([ "$who" = "$c" ] && echo pid-ok)"
sleep 0.2 & wait -n $!; echo "wait -n ID: $?"
wait -n 12345; echo "wait -n unknown ID: $?"
(wait -x) 2>/dev/null; echo "wait bad option: $?"
read -t 0 </dev/null; echo "read -t 0 on /dev/null: $?"
{ sleep 0.3; echo late; } | { read -t 0.1 v; echo "read -t timed out: $? [$v]"; }
{ printf ab; sleep 0.3; echo cd; } | { read -t 0.1 v; echo "partial: $? [$v]"; read w; echo "rest [$w]"; }
echo now | { read -t 5 v; echo "in time: $? [$v]"; }
read -t abc v </dev/null 2>/dev/null; echo "read -t abc: $?"
read -t -1 v </dev/null 2>/dev/null; echo "read -t -1: $?"
