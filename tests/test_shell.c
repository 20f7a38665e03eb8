/* Hypotheses about /bin/sh that the golden scripts cannot state: the
 * interactive shell on the console (prompt, ^C, ^Z and fg, job notices,
 * history), and the parser's printed source reading back the same. */
#include <stdio.h>
#include <stdlib.h>
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

/* ---- an interactive shell on the console ---- */

typedef struct Term {
    Kernel *k;
    int pid;
    char out[8192];
    size_t len;
} Term;

/* Everything the console printed since the last call (stdout and stderr
 * interleaved, "\r\n" read as "\n"). */
static const char *term_take(Term *t)
{
    size_t n = 0;
    char raw[8192];
    n = kernel_console_take_output(t->k, raw, sizeof raw - 1);
    t->len = 0;
    for (size_t i = 0; i < n; i++)
        if (!(raw[i] == '\r' && i + 1 < n && raw[i + 1] == '\n'))
            t->out[t->len++] = raw[i];
    t->out[t->len] = '\0';
    return t->out;
}

/* Start `sh -i` on the console and run until it waits for a line. */
static void term_start(Term *t)
{
    t->k = ul_kernel();
    SyscallResult r = kernel_spawn(t->k, "/bin/sh", (char *[]){"sh", "-i", NULL});
    assert_int_equal(r.error, AX_OK);
    t->pid = (int)r.value;
    assert_int_equal(kernel_run(t->k), AX_RUN_INPUT);
}

/* Type a line (already edited, as a line editor hands it over) and run
 * until the machine waits for input or ms of kernel time have passed. */
static const char *term_line(Term *t, const char *line, int ms)
{
    kernel_console_push_text(t->k, line, strlen(line));
    kernel_run_for(t->k, (uint64_t)ms * 1000000u);
    return term_take(t);
}

static const char *term_signal(Term *t, int sig, int ms)
{
    assert_int_equal(kernel_console_signal(t->k, sig), 0);
    kernel_run_for(t->k, (uint64_t)ms * 1000000u);
    return term_take(t);
}

static void term_finish(Term *t, int status)
{
    kernel_console_push_text(t->k, "exit\n", 5);
    if (status >= 0) {
        char cmd[32];
        snprintf(cmd, sizeof cmd, "exit %d\n", status);
        kernel_console_push_text(t->k, cmd, strlen(cmd));
    }
    int st = -1;
    assert_int_equal(kernel_wait(t->k, t->pid, &st), 0);
    assert_true(AX_WIFEXITED(st));
    harness_destroy(t->k);
}

static void interactive_shell_prompts_on_the_console(void **state)
{
    Term t;
    term_start(&t);
    assert_string_equal(term_take(&t), "$ ");
    assert_string_equal(term_line(&t, "echo hi\n", 10), "hi\n$ ");
    assert_string_equal(term_line(&t, "PS1='> '; PS2='... '\n", 10), "> ");
    assert_string_equal(term_line(&t, "if true\n", 10), "... ");
    assert_string_equal(term_line(&t, "then echo multi; fi\n", 10), "multi\n> ");
    term_finish(&t, -1);
}

static void ctrl_c_at_the_prompt_gives_a_new_prompt(void **state)
{
    Term t;
    term_start(&t);
    term_take(&t);
    assert_string_equal(term_signal(&t, AX_SIGINT, 10), "\n$ ");
    assert_string_equal(term_line(&t, "echo $?\n", 10), "130\n$ ");
    term_finish(&t, -1);
}

static void ctrl_c_kills_the_foreground_job_not_the_shell(void **state)
{
    Term t;
    term_start(&t);
    term_take(&t);
    assert_string_equal(term_line(&t, "sleep 100\n", 1000), "");
    /* the job dies of SIGINT; the shell ends the ^C line and prompts */
    assert_string_equal(term_signal(&t, AX_SIGINT, 10), "\n$ ");
    assert_string_equal(term_line(&t, "echo $?\n", 10), "130\n$ ");
    term_finish(&t, -1);
}

/* Type raw keys (^C as the byte the keyboard sends): the line discipline
 * turns them into signals. */
static const char *term_keys(Term *t, const char *keys, int ms)
{
    size_t n = strlen(keys);
    assert_int_equal(kernel_console_push_input(t->k, keys, n), n);
    kernel_run_for(t->k, (uint64_t)ms * 1000000u);
    return term_take(t);
}

/* bash: a foreground job that ^C kills ends the list or loop it was part
 * of; neither the next iteration nor what follows the loop runs */
static void ctrl_c_abandons_the_rest_of_a_loop_and_list(void **state)
{
    Term t;
    term_start(&t);
    term_take(&t);
    assert_string_equal(term_line(&t, "for i in 1 2 3; do sleep 1; echo $i; done; echo after\n", 500), "");
    assert_string_equal(term_keys(&t, "\x03", 3000), "^C\n$ ");
    assert_string_equal(term_line(&t, "echo $?\n", 10), "130\n$ ");
    /* through a function and eval too */
    term_line(&t, "f() { sleep 1; echo in-f; }\n", 10);
    assert_string_equal(term_line(&t, "eval 'f; echo in-eval'; echo after\n", 500), "");
    assert_string_equal(term_keys(&t, "\x03", 3000), "^C\n$ ");
    /* ^\ as well (the job's death says Quit) */
    assert_string_equal(term_line(&t, "while :; do sleep 1; done; echo after\n", 500), "");
    assert_string_equal(term_keys(&t, "\x1c", 3000), "^\\Quit\n$ ");
    assert_string_equal(term_line(&t, "echo $?\n", 10), "131\n$ ");
    /* a job that ends otherwise lets the list go on */
    assert_string_equal(term_line(&t, "sh -c 'kill $$'; echo next\n", 500), "Terminated\nnext\n$ ");
    term_finish(&t, -1);
}

/* A loop that makes no system call, run by the shell itself, is ended by
 * ^C: the shell looks for signals as it loops. Under the host clock, so
 * that the busy machine still gives the host its turn. */
static void ctrl_c_ends_a_busy_loop_in_the_shell(void **state)
{
    Term t;
    KernelConfig cfg = {.clock = AX_CLOCK_HOST};
    t.k = harness_kernel(&cfg);
    assert_int_equal(kernel_install_userland(t.k), 0);
    t.pid = (int)kernel_spawn(t.k, "/bin/sh", (char *[]){"sh", "-i", NULL}).value;
    assert_int_equal(kernel_run(t.k), AX_RUN_INPUT);
    term_take(&t);
    static const char *const loops[] = {
        "while :; do :; done; echo after\n",
        "i=0; while [ $i -lt 100000000 ]; do i=$((i+1)); done; echo after\n",
        "f() { until false; do :; done; }; f; echo after\n",
    };
    for (size_t i = 0; i < sizeof loops / sizeof loops[0]; i++) {
        assert_string_equal(term_line(&t, loops[i], 20), "");
        assert_string_equal(term_keys(&t, "\x03", 200), "^C\n$ ");
        assert_string_equal(term_line(&t, "echo $?\n", 100), "130\n$ ");
    }
    term_finish(&t, -1);
}

/* bash goes on with the rest of a list when ^Z stops one command of it */
static void ctrl_z_in_a_list_goes_on_with_the_list(void **state)
{
    Term t;
    term_start(&t);
    term_take(&t);
    assert_string_equal(term_line(&t, "sleep 5; echo next\n", 1000), "");
    assert_string_equal(term_signal(&t, AX_SIGTSTP, 10), "\n[1]+  Stopped                 sleep 5\nnext\n$ ");
    assert_string_equal(term_line(&t, "kill %1\n", 10), "$ ");
    term_finish(&t, -1);
}

static void ctrl_z_stops_the_job_and_fg_resumes_it(void **state)
{
    Term t;
    term_start(&t);
    term_take(&t);
    assert_string_equal(term_line(&t, "sleep 5\n", 1000), "");
    assert_string_equal(term_signal(&t, AX_SIGTSTP, 10), "\n[1]+  Stopped                 sleep 5\n$ ");
    assert_string_equal(term_line(&t, "echo $?\n", 10), "148\n$ ");
    const char *out = term_line(&t, "jobs\n", 10);
    assert_string_equal(out, "[1]+  Stopped                 sleep 5\n$ ");
    /* fg prints the command, then waits for it: 5 s of sleep remain at most */
    out = term_line(&t, "fg\n", 10000);
    assert_string_equal(out, "sleep 5\n$ ");
    assert_string_equal(term_line(&t, "echo $?\n", 10), "0\n$ ");
    term_finish(&t, -1);
}

static void bg_continues_a_stopped_job_in_the_background(void **state)
{
    Term t;
    term_start(&t);
    term_take(&t);
    term_line(&t, "sleep 3\n", 100);
    term_signal(&t, AX_SIGTSTP, 10);
    assert_string_equal(term_line(&t, "bg\n", 10), "[1]+ sleep 3 &\n$ ");
    assert_string_equal(term_line(&t, "jobs\n", 10), "[1]+  Running                 sleep 3 &\n$ ");
    /* let it finish, then the next prompt reports it */
    kernel_run_for(t.k, 5000000000u);
    assert_string_equal(term_line(&t, "\n", 10), "[1]+  Done                    sleep 3\n$ ");
    term_finish(&t, -1);
}

static void background_jobs_are_announced_and_reported_done(void **state)
{
    Term t;
    term_start(&t);
    term_take(&t);
    const char *out = term_line(&t, "sleep 1 &\n", 10);
    assert_memory_equal(out, "[1] ", 4);
    int pid = atoi(out + 4);
    assert_true(pid > 1);
    char expect[64];
    snprintf(expect, sizeof expect, "[1] %d\n$ ", pid);
    assert_string_equal(out, expect);
    /* the job ends while the shell waits for a line; the notice comes
     * before the next prompt */
    kernel_run_for(t.k, 2000000000u);
    snprintf(expect, sizeof expect, "%d\n[1]+  Done                    sleep 1\n$ ", pid);
    assert_string_equal(term_line(&t, "echo $!\n", 10), expect);
    assert_string_equal(term_line(&t, "jobs\n", 10), "$ ");
    term_finish(&t, -1);
}

static void exit_with_a_stopped_job_warns_once(void **state)
{
    Term t;
    term_start(&t);
    term_take(&t);
    term_line(&t, "sleep 50\n", 100);
    term_signal(&t, AX_SIGTSTP, 10);
    assert_string_equal(term_line(&t, "exit\n", 10), "There are stopped jobs.\n$ ");
    /* the second exit leaves, and the stopped job is hung up */
    kernel_console_push_text(t.k, "exit\n", 5);
    int st = -1;
    assert_int_equal(kernel_wait(t.k, t.pid, &st), 0);
    assert_true(AX_WIFEXITED(st));
    assert_int_equal(kernel_run(t.k), AX_RUN_EXITED);
    harness_destroy(t.k);
}

static void history_lists_the_lines_typed(void **state)
{
    Term t;
    term_start(&t);
    term_take(&t);
    term_line(&t, "echo one\n", 10);
    term_line(&t, "x=2\n", 10);
    assert_string_equal(term_line(&t, "history\n", 10), "    1  echo one\n    2  x=2\n    3  history\n$ ");
    term_finish(&t, -1);
}

static void bang_expands_from_the_history(void **state)
{
    Term t;
    term_start(&t);
    term_take(&t);
    term_line(&t, "echo one two\n", 10);
    /* the expanded line is shown (on stderr), then run */
    assert_string_equal(term_line(&t, "!!\n", 10), "echo one two\none two\n$ ");
    assert_string_equal(term_line(&t, "echo !$\n", 10), "echo two\ntwo\n$ ");
    assert_string_equal(term_line(&t, "!ech\n", 10), "echo two\ntwo\n$ ");
    assert_string_equal(term_line(&t, "echo '!!' a!=b\n", 10), "!! a!=b\n$ ");
    assert_string_equal(term_line(&t, "!nosuch\n", 10), "sh: !nosuch: event not found\n$ ");
    assert_string_equal(term_line(&t, "history 2\n", 10), "    5  echo '!!' a!=b\n    6  history 2\n$ ");
    /* $!, ${!x} and [!...] are the shell's, never history (as in bash) */
    assert_string_equal(term_line(&t, "x=y y=z; echo ${!x}$! [!a]\n", 10), "z [!a]\n$ ");
    term_finish(&t, -1);
}

static void exit_status_of_the_interactive_shell(void **state)
{
    Term t;
    term_start(&t);
    kernel_console_push_text(t.k, "exit 7\n", 7);
    int st = -1;
    assert_int_equal(kernel_wait(t.k, t.pid, &st), 0);
    assert_true(AX_WIFEXITED(st));
    assert_int_equal(AX_WEXITSTATUS(st), 7);
    assert_non_null(strstr(term_take(&t), "exit\n"));
    harness_destroy(t.k);
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
    "time a | b; time ! c; declare -x v=1",
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
        cmocka_unit_test(interactive_shell_prompts_on_the_console),
        cmocka_unit_test(ctrl_c_at_the_prompt_gives_a_new_prompt),
        cmocka_unit_test(ctrl_c_kills_the_foreground_job_not_the_shell),
        cmocka_unit_test(ctrl_c_abandons_the_rest_of_a_loop_and_list),
        cmocka_unit_test(ctrl_c_ends_a_busy_loop_in_the_shell),
        cmocka_unit_test(ctrl_z_stops_the_job_and_fg_resumes_it),
        cmocka_unit_test(ctrl_z_in_a_list_goes_on_with_the_list),
        cmocka_unit_test(bg_continues_a_stopped_job_in_the_background),
        cmocka_unit_test(background_jobs_are_announced_and_reported_done),
        cmocka_unit_test(exit_with_a_stopped_job_warns_once),
        cmocka_unit_test(history_lists_the_lines_typed),
        cmocka_unit_test(bang_expands_from_the_history),
        cmocka_unit_test(exit_status_of_the_interactive_shell),
        cmocka_unit_test(printed_source_parses_back_the_same),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
