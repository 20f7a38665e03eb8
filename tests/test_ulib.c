/* Hypotheses about ulib: option parsing, stream buffering and the exit
 * flush, line input, the process heap, and the small helpers. */
#include <stdlib.h>
#include <string.h>

#include "ulib_check.h"

/* Programs in this file return 0, or say which check failed and return 1
 * (CHECK in ulib_check.h). */

/* ---- getopt ---- */

static int prog_getopt(int argc, char **argv)
{
    char *a1[] = {"p", "-ab", "-cVAL", "-c", "V2", "file", "-a", NULL};
    UGetopt g = U_GETOPT_INIT;
    CHECK(u_getopt(&g, 7, a1, "abc:") == 'a');
    CHECK(u_getopt(&g, 7, a1, "abc:") == 'b');
    CHECK(u_getopt(&g, 7, a1, "abc:") == 'c' && strcmp(g.arg, "VAL") == 0);
    CHECK(u_getopt(&g, 7, a1, "abc:") == 'c' && strcmp(g.arg, "V2") == 0);
    CHECK(u_getopt(&g, 7, a1, "abc:") == -1 && g.ind == 5); /* stops at "file" */

    char *a2[] = {"p", "-a", "--", "-b", NULL};
    g = (UGetopt)U_GETOPT_INIT;
    CHECK(u_getopt(&g, 4, a2, "ab") == 'a');
    CHECK(u_getopt(&g, 4, a2, "ab") == -1 && g.ind == 3); /* "--" consumed */

    char *a3[] = {"p", "-", NULL};
    g = (UGetopt)U_GETOPT_INIT;
    CHECK(u_getopt(&g, 2, a3, "a") == -1 && g.ind == 1); /* "-" is an operand */

    char *a4[] = {"prog", "-x", "-c", NULL};
    g = (UGetopt)U_GETOPT_INIT;
    CHECK(u_getopt(&g, 3, a4, "c:") == '?' && g.opt == 'x');
    CHECK(u_getopt(&g, 3, a4, "c:") == '?' && g.opt == 'c');
    CHECK(u_getopt(&g, 3, a4, "c:") == -1);

    g = (UGetopt)U_GETOPT_INIT; /* a leading ':' asks for silence and ':' */
    CHECK(u_getopt(&g, 3, a4, ":c:") == '?');
    CHECK(u_getopt(&g, 3, a4, ":c:") == ':');
    return 0;
}

static void test_getopt_follows_posix(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/bin/t_getopt", prog_getopt), 0);
    expect_ok(RUN(k, NULL, "t_getopt"));
    /* Messages only for the calls without ':' */
    assert_string_equal(ul_output(), "prog: invalid option -- 'x'\n"
                                     "prog: option requires an argument -- 'c'\n");
    harness_destroy(k);
}

/* ---- buffering ---- */

/* u_printf output sits in the buffer while a raw write passes it; the
 * order on the console shows when ulib flushed. */
static int prog_order(int argc, char **argv)
{
    u_printf("line\n");
    u_printf("partial");
    sys_write(1, "[raw]", 5);
    u_eprintf("<err>");
    sys_write(1, "[raw2]", 6);
    return 0; /* returning from main must flush "partial" */
}

static void test_stdout_is_line_buffered_on_a_terminal(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/bin/t_order", prog_order), 0);
    assert_int_equal(RUN(k, NULL, "t_order"), 0);
    /* a message to stderr pushes out what stdout holds first, as GNU's
     * error() does */
    assert_string_equal(ul_output(), "line\n[raw]partial<err>[raw2]");
    harness_destroy(k);
}

static void test_stdout_is_fully_buffered_into_a_pipe(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/bin/t_order", prog_order), 0);
    assert_int_equal(RUN_PIPED(k, NULL, "t_order"), 0);
    /* stderr (the console) comes first: it is unbuffered and not piped;
     * writing it flushed stdout's "line\npartial" into the pipe */
    assert_string_equal(ul_output(), "<err>[raw]line\npartial[raw2]");
    harness_destroy(k);
}

static int prog_many_writes(int argc, char **argv)
{
    for (int i = 0; i < 2000; i++)
        u_printf("%d\n", i);
    return 0;
}

static void test_buffered_output_makes_few_write_syscalls(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/bin/t_many", prog_many_writes), 0);
    TraceSummary *before = malloc(sizeof *before), *after = malloc(sizeof *after);
    kernel_trace_summary(k, before);
    assert_int_equal(RUN_PIPED(k, NULL, "t_many"), 0);
    kernel_trace_summary(k, after);
    uint64_t writes = after->syscalls[AX_SYS_write].calls - before->syscalls[AX_SYS_write].calls;
    /* 8890 bytes: one or two buffer flushes by the program, plus the
     * feeder's copies to the console. Far fewer than 2000. */
    assert_true(writes < 20);
    assert_int_equal(strlen(ul_output()), 8890);
    free(before);
    free(after);
    harness_destroy(k);
}

static int prog_u_exit(int argc, char **argv)
{
    UStream *s = u_stdout();
    u_setvbuf(s, U_IOFBF);
    u_printf("kept");
    u_exit(3);
}

static void test_u_exit_flushes_and_sets_status(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/bin/t_exit", prog_u_exit), 0);
    assert_int_equal(RUN(k, NULL, "t_exit"), 3);
    assert_string_equal(ul_output(), "kept");
    harness_destroy(k);
}

/* ---- input ---- */

static int prog_lines(int argc, char **argv)
{
    UStream *in = u_stdin();
    char *line = NULL;
    size_t cap = 0;
    int64_t n;
    n = u_getline(&line, &cap, in);
    CHECK(n == 4 && strcmp(line, "one\n") == 0);
    n = u_getline(&line, &cap, in);
    CHECK(n == 20000 && line[0] == 'x' && line[19999] == '\n'); /* across buffers */
    CHECK(u_getc(in) == 'l');
    n = u_getline(&line, &cap, in);
    CHECK(n == 3 && strcmp(line, "ast") == 0); /* no final newline */
    CHECK(u_getline(&line, &cap, in) == -1 && u_feof(in) && !u_ferror(in));
    CHECK(u_getc(in) == -1);
    xfree(line);
    return 0;
}

static void test_getline_reads_long_and_unterminated_lines(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/bin/t_lines", prog_lines), 0);
    char *input = malloc(30000);
    strcpy(input, "one\n");
    memset(input + 4, 'x', 19999);
    strcpy(input + 4 + 19999, "\nlast");
    expect_ok(RUN(k, input, "t_lines"));
    free(input);
    harness_destroy(k);
}

static int prog_files(int argc, char **argv)
{
    SyscallError err;
    CHECK(u_fopen("/nope/x", "w", &err) == NULL && err == AX_ENOENT);
    CHECK(u_fopen("/tmp/f", "q", &err) == NULL && err == AX_EINVAL);
    UStream *w = u_fopen("/tmp/f", "w", &err);
    CHECK(w && err == AX_OK);
    u_fprintf(w, "%s=%d\n", "a", 1);
    CHECK(u_fclose(w) == 0);
    UStream *a = u_fopen("/tmp/f", "a", NULL);
    u_fputs("b=2\n", a);
    u_fclose(a);
    UStream *r = u_fopen("/tmp/f", "r", NULL);
    char buf[64] = {0};
    CHECK(u_fread(buf, sizeof buf, r) == 8 && strcmp(buf, "a=1\nb=2\n") == 0);
    CHECK(u_feof(r));
    CHECK(u_fwrite("x", 1, r) == 0 && u_ferror(r)); /* read-only stream */
    u_fclose(r);
    u_perror("prog", "what", AX_ENOENT);
    u_perror("prog", NULL, AX_EISDIR);
    return 0;
}

static void test_fopen_modes_and_perror(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/bin/t_files", prog_files), 0);
    assert_int_equal(RUN(k, NULL, "t_files"), 0);
    assert_string_equal(ul_output(), "prog: what: No such file or directory\n"
                                     "prog: Is a directory\n");
    harness_destroy(k);
}

/* ---- heap ---- */

static int prog_leaky(int argc, char **argv)
{
    for (int i = 0; i < 100; i++)
        xmalloc(100 + (size_t)i);
    char *s = xstrdup("hello");
    CHECK(strcmp(s, "hello") == 0);
    s = xrealloc(s, 100000);
    CHECK(strcmp(s, "hello") == 0);
    int *z = xcalloc(10, sizeof(int));
    CHECK(z[9] == 0);
    xfree(NULL);
    if (argc > 1) {
        char c;
        sys_read(0, &c, 1); /* block on the console until killed */
    }
    return 0; /* nothing freed: the kernel must do it */
}

static void test_heap_is_freed_when_the_process_exits(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/bin/t_leaky", prog_leaky), 0);
    assert_int_equal(RUN(k, NULL, "t_leaky"), 0);
    KernelStats st;
    kernel_stats(k, &st);
    assert_int_equal(st.heap_blocks, 0);
    harness_destroy(k);
}

static void test_heap_is_freed_when_the_process_is_killed(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/bin/t_leaky", prog_leaky), 0);
    SyscallResult r = kernel_spawn(k, "/bin/t_leaky", (char *const[]){"t_leaky", "block", NULL});
    assert_int_equal(r.error, AX_OK);
    assert_int_equal(kernel_run(k), AX_RUN_INPUT);
    KernelStats st;
    kernel_stats(k, &st);
    assert_true(st.heap_blocks >= 1); /* chunks: the allocator holds the 100 blocks */
    assert_int_equal(kernel_kill(k, (int)r.value, AX_SIGKILL), 0);
    int status;
    assert_int_equal(kernel_wait(k, (int)r.value, &status), 0);
    assert_true(AX_WIFSIGNALED(status) && AX_WTERMSIG(status) == AX_SIGKILL);
    kernel_stats(k, &st);
    assert_int_equal(st.heap_blocks, 0);
    harness_destroy(k);
}

/* ---- helpers ---- */

static int prog_helpers(int argc, char **argv)
{
    char *s;
    s = u_path_join("/a", "b");
    CHECK(strcmp(s, "/a/b") == 0);
    s = u_path_join("/", "b");
    CHECK(strcmp(s, "/b") == 0);
    s = u_path_base("a/b/");
    CHECK(strcmp(s, "b") == 0);
    s = u_path_base("/");
    CHECK(strcmp(s, "/") == 0);
    s = u_path_base("name");
    CHECK(strcmp(s, "name") == 0);
    sys_chdir("/tmp");
    s = u_path_abs("x/../y/./z");
    CHECK(strcmp(s, "/tmp/y/z") == 0);
    s = u_path_abs("../../..");
    CHECK(strcmp(s, "/") == 0);
    s = u_path_abs("/a//b/");
    CHECK(strcmp(s, "/a/b") == 0);
    s = u_getenv("PATH");
    CHECK(s && strcmp(s, "/bin") == 0);
    CHECK(u_getenv("NO_SUCH_VARIABLE") == NULL);
    const char *cur = "/nope:/bin";
    s = u_path_lookup("ls", "/nope:/bin", &cur);
    CHECK(s && strcmp(s, "/bin/ls") == 0);
    CHECK(u_path_lookup("ls", "/nope:/bin", &cur) == NULL);
    cur = "/bin";
    CHECK(u_path_lookup("no-such-program", "/bin", &cur) == NULL);
    CHECK(u_is_program("/bin/cat") && !u_is_program("/bin") && !u_is_program("/nope"));
    UDirEnt *ents;
    CHECK(u_dir_read("/nope", &ents) == -AX_ENOENT && ents == NULL);
    CHECK(u_dir_read("/etc/motd", &ents) == -AX_ENOTDIR);
    int64_t n = u_dir_read("/", &ents);
    CHECK(n >= 5 && strcmp(ents[0].name, "bin") == 0 && ents[0].type == AX_DT_DIR);
    u_dir_free(ents, (size_t)n);
    CHECK(u_isatty(1) && !u_isatty(99)); /* the console is a terminal */
    return 0;
}

static void test_path_env_and_dir_helpers(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/bin/t_helpers", prog_helpers), 0);
    expect_ok(RUN(k, NULL, "t_helpers"));
    harness_destroy(k);
}

/* Pure helpers run on the host too: no syscalls inside. */
static void test_number_and_time_helpers(void **state)
{
    char buf[128];
    assert_int_equal(u_utoa(0, buf), 1);
    assert_string_equal(buf, "0");
    u_utoa(UINT64_MAX, buf);
    assert_string_equal(buf, "18446744073709551615");
    int64_t v;
    assert_true(u_parse_i64("-9223372036854775808", &v) && v == INT64_MIN);
    assert_false(u_parse_i64("9223372036854775808", &v));
    assert_false(u_parse_i64("12x", &v));
    assert_false(u_parse_i64("", &v));
    assert_false(u_parse_i64("-", &v));
    assert_true(u_parse_i64("+42", &v) && v == 42);

    UTm tm;
    u_gmtime(0, &tm);
    u_strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Z %Y", &tm);
    assert_string_equal(buf, "Thu Jan  1 00:00:00 UTC 1970");
    u_gmtime(1767225600LL * 1000000000LL, &tm); /* the default boot time */
    u_strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Z %Y", &tm);
    assert_string_equal(buf, "Thu Jan  1 00:00:00 UTC 2026");
    u_gmtime((1709164800LL + 3661) * 1000000000LL + 5, &tm); /* 2024-02-29 01:01:01 */
    u_strftime(buf, sizeof buf, "%F %T.%N %j %u %s %y %D %I%p %%", &tm);
    assert_string_equal(buf, "2024-02-29 01:01:01.000000005 060 4 1709168461 24 02/29/24 01AM %");
    u_gmtime(-1000000000LL, &tm); /* one second before the epoch */
    u_strftime(buf, sizeof buf, "%F %T", &tm);
    assert_string_equal(buf, "1969-12-31 23:59:59");
    assert_int_equal(u_strftime(buf, 5, "%Y-%m-%d", &tm), 4); /* cut short, NUL kept */
    assert_string_equal(buf, "1969");

    char mode[11];
    u_mode_string(AX_S_IFDIR | 0755, mode);
    assert_string_equal(mode, "drwxr-xr-x");
    u_mode_string(AX_S_IFREG | 0640, mode);
    assert_string_equal(mode, "-rw-r-----");
    u_mode_string(AX_S_IFCHR | 0666, mode);
    assert_string_equal(mode, "crw-rw-rw-");
    u_mode_string(AX_S_IFDIR | 01777, mode);
    assert_string_equal(mode, "drwxrwxrwt");
    u_mode_string(AX_S_IFREG | 06644, mode);
    assert_string_equal(mode, "-rwSr-Sr--");
}

static void test_unescape_decodes_each_dialect(void **state)
{
    size_t used;
    assert_int_equal(u_unescape("n", 0, &used), '\n');
    assert_int_equal(used, 1);
    assert_int_equal(u_unescape("x41z", 0, &used), 'A');
    assert_int_equal(used, 3);
    assert_int_equal(u_unescape("xfg", 0, &used), 0xf);
    assert_int_equal(used, 2);
    assert_int_equal(u_unescape("101", 0, &used), 'A'); /* printf, tr: \NNN */
    assert_int_equal(used, 3);
    assert_int_equal(u_unescape("0101", U_ESC_OCTAL0, &used), 'A'); /* echo: \0NNN */
    assert_int_equal(used, 4);
    assert_int_equal(u_unescape("101", U_ESC_OCTAL0, &used), U_ESC_NONE);
    assert_int_equal(used, 0);
    assert_int_equal(u_unescape("0", U_ESC_OCTAL0, &used), 0);
    assert_int_equal(u_unescape("c", U_ESC_STOP_C, &used), U_ESC_STOP);
    assert_int_equal(u_unescape("c", 0, &used), U_ESC_NONE);
    assert_int_equal(u_unescape("\"", U_ESC_QUOTES, &used), '"');
    assert_int_equal(u_unescape("\"", 0, &used), U_ESC_NONE);
    assert_int_equal(u_unescape("x", 0, &used), U_ESC_NONE); /* \x without digits */
    assert_int_equal(u_unescape("", 0, &used), U_ESC_NONE);
    assert_int_equal(u_unescape("777", 0, &used), 0777 & 0xff);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_getopt_follows_posix),
        cmocka_unit_test(test_stdout_is_line_buffered_on_a_terminal),
        cmocka_unit_test(test_stdout_is_fully_buffered_into_a_pipe),
        cmocka_unit_test(test_buffered_output_makes_few_write_syscalls),
        cmocka_unit_test(test_u_exit_flushes_and_sets_status),
        cmocka_unit_test(test_getline_reads_long_and_unterminated_lines),
        cmocka_unit_test(test_fopen_modes_and_perror),
        cmocka_unit_test(test_heap_is_freed_when_the_process_exits),
        cmocka_unit_test(test_heap_is_freed_when_the_process_is_killed),
        cmocka_unit_test(test_path_env_and_dir_helpers),
        cmocka_unit_test(test_number_and_time_helpers),
        cmocka_unit_test(test_unescape_decodes_each_dialect),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
