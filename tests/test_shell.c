/* Hypotheses about /bin/sh that the golden scripts cannot state: the
 * interactive shell on the console (prompt, ^C, ^Z and fg, job notices,
 * history), and the parser's printed source reading back the same. */
#include <string.h>

#include "sh.h"
#include "userland_run.h"

static void sh_c_runs_a_command(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "/bin/sh", "-c", "echo hello; exit 3"), 3);
    assert_string_equal(ul_output(), "hello\n");
    harness_destroy(k);
}

static void sh_reads_commands_from_a_pipe(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN_PIPED(k, "read x\nline for read\necho \"x=$x\"\n", "/bin/sh"), 0);
    assert_string_equal(ul_output(), "x=line for read\n");
    harness_destroy(k);
}

/* ---- the parser and the printer ---- */

/* Source text the shell prints for a function or hands to a re-executed
 * subshell must parse back to the same tree: print, parse the print,
 * print again, and compare. Runs inside a process (the shell's code
 * allocates from the process heap). Prints each mismatch; exit 1 if any. */
static const char *const roundtrip_cases[] = {
    "echo a b 'c d' \"e $f ${g}h\" i\\ j",
    "a=1 b=\"x y\" cmd >out 2>&1 <in 3<>rw 4>&- 5<&0 >>app >|clob",
    "a && b || ! c | d; e & f",
    "if a; then b; elif c; then d; else e; fi",
    "while a; do b; done; until c; do d; break 2; continue; done",
    "for i in 1 \"2 3\" *.c; do echo $i; done; for j; do :; done",
    "case $x in a|b) one;; \"*\") two;& *) ;; esac",
    "f() { local v=1; return 3; }; function g { ( sub; shell ) | cat; }",
    "{ a; b & } > f 2>&1",
    "echo ${a:-x} ${b:=\"y z\"} ${c:+alt} ${d:?msg} ${#e} ${f%.*} ${g##*/} ${h/a/b} ${i//x/}",
    "echo \"${a:-\"nested quotes\"}\" \"${b%\"*\"}\"",
    "echo $(echo a; echo b) `echo c` $((1 + $x * (2 - y))) \"$(echo \"q\")\"",
    "echo $1 $10 ${10} $# $? $$ $! $@ \"$@\" $* $- $0",
    "echo 'it'\\''s' $'tab\\there' \"a\\\"b\" \\$ \\\\",
    "cat <<EOF\nbody $x \\$y `z`\nEOF\necho after",
    "cat <<'EOF' | sort\nraw $x\nEOF",
    "cat <<-EOF; echo two <<E2\n\ttab\n\tEOF\nsecond\nE2",
    "if cat <<EOF\ncondition\nEOF\nthen echo yes; fi",
    "x=$(case y in y) echo z;; esac) && echo \"$x\"",
    "echo a\\\nb",
    "[[ -n $x && ( $y == a* || ! -e f ) ]] && (( i++ > 2 ))",
    "for (( i = 0; i < 3; i++ )); do echo $i; done; for ((;;)); do break; done",
    "echo ${s:1:2} ${s: -3} ${@:2} ${x^^} ${y,} x{a,b}y {1..3}",
    "read a <<< \"$x\"; cmd |& cat; cmd &>> log",
    NULL,
};

static int roundtrip_main(int argc, char **argv)
{
    Shell *sh = sh_new();
    int bad = 0;
    for (int i = 0; roundtrip_cases[i]; i++) {
        Arena a;
        arena_init(&a);
        char err[256];
        StrBuf p1, p2;
        sb_init(&p1);
        sb_init(&p2);
        Node *n1 = parse_string(sh, &a, roundtrip_cases[i], 1, err, sizeof err);
        for (Node *n = n1; n; n = n->next) {
            ast_print(&p1, n, true);
            if (p1.len && p1.s[p1.len - 1] != '\n') /* a here-document ends its own line */
                sb_putc(&p1, '\n');
        }
        Node *n2 = parse_string(sh, &a, p1.s ? p1.s : "", 1, err, sizeof err);
        for (Node *n = n2; n; n = n->next) {
            ast_print(&p2, n, true);
            if (p2.len && p2.s[p2.len - 1] != '\n') /* a here-document ends its own line */
                sb_putc(&p2, '\n');
        }
        if (!n1 || !n2 || strcmp(p1.s, p2.s) != 0) {
            sh_fdprintf(1, "case %d: %s\n--- printed:\n%s--- reprinted:\n%s--- (%s)\n", i, roundtrip_cases[i],
                        p1.s ? p1.s : "", p2.s ? p2.s : "", err);
            bad = 1;
        }
        sb_free(&p1);
        sb_free(&p2);
        arena_free(&a);
    }
    return bad;
}

static void printed_source_parses_back_the_same(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/test/roundtrip", roundtrip_main), 0);
    int st = RUN(k, NULL, "/test/roundtrip");
    if (st != 0)
        fail_msg("%s", ul_output());
    harness_destroy(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sh_c_runs_a_command),
        cmocka_unit_test(sh_reads_commands_from_a_pipe),
        cmocka_unit_test(printed_source_parses_back_the_same),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
