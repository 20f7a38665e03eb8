/* Hypotheses about the programs that read /proc as procps's do: ps picks
 * processes and prints procps's formats (columns, headers and widths as
 * the host's ps prints them, the PID width following pid_max), pgrep and
 * pkill select by name and attributes with procps's exit codes, uptime,
 * free and top print procps's summary lines; every bad option or argument
 * is refused with a usage error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "userland_run.h"

#define OUT ul_output()

/* procps sizes PID columns to pid_max's digits: /proc says 4194304. */
#define PIDW 7

static int sleeper(Kernel *k, const char *secs) {
    SyscallResult s = kernel_spawn(k, "/bin/sleep", (char *const[]){"sleep", (char *)secs, NULL});
    assert_int_equal(s.error, AX_OK);
    return (int)s.value;
}

static void reap(Kernel *k, int pid, int sig) {
    int status;
    kernel_kill(k, pid, sig);
    assert_int_equal(kernel_wait(k, pid, &status), 0);
}

/* Does OUT have a line that is exactly line? */
static bool has_line(const char *line) {
    size_t n = strlen(line);
    for (const char *s = OUT; s && *s;) {
        const char *e = strchr(s, '\n');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len == n && memcmp(s, line, n) == 0)
            return true;
        s = e ? e + 1 : NULL;
    }
    return false;
}

static int count_lines(void) {
    int n = 0;
    for (const char *s = OUT; *s; s++)
        n += *s == '\n';
    return n;
}

static void test_ps_formats_and_headers(void **state) {
    Kernel *k = ul_kernel();
    int s = sleeper(k, "100");
    char want[256];
    /* ps alone: the caller's processes on its terminal (the console) */
    assert_int_equal(RUN(k, NULL, "ps"), 0);
    snprintf(want, sizeof want, "%*s %-8s %8s %s\n", PIDW, "PID", "TTY", "TIME", "CMD");
    assert_memory_equal(OUT, want, strlen(want));
    /* the sleeper leads a session on the console; init and ps have none */
    snprintf(want, sizeof want, "%*d ?        00:00:00 init", PIDW, 1);
    assert_true(has_line(want));
    assert_non_null(strstr(OUT, " ?        00:00:00 ps\n"));
    assert_null(strstr(OUT, "sleep"));
    /* -ef: the host's "UID PID PPID C STIME TTY TIME CMD" */
    assert_int_equal(RUN(k, NULL, "ps", "-ef"), 0);
    snprintf(want, sizeof want, "%-8s %*s %*s %2s %5s %-8s %8s %s\n", "UID", PIDW, "PID", PIDW,
             "PPID", "C", "STIME", "TTY", "TIME", "CMD");
    assert_memory_equal(OUT, want, strlen(want));
    snprintf(want, sizeof want, "root     %*d %*d  0 00:00 ?        00:00:00 init", PIDW, 1, PIDW, 0);
    assert_true(has_line(want));
    snprintf(want, sizeof want, "root     %*d %*d  0 00:00 console  00:00:00 sleep 100", PIDW, s,
             PIDW, 1);
    if (!has_line(want))
        fail_msg("no line '%s' in:\n%s", want, OUT);
    /* aux: the BSD user format */
    assert_int_equal(RUN(k, NULL, "ps", "aux"), 0);
    snprintf(want, sizeof want, "%-8s %*s %4s %4s %6s %5s %-8s %-4s %5s %6s %s\n", "USER", PIDW,
             "PID", "%CPU", "%MEM", "VSZ", "RSS", "TTY", "STAT", "START", "TIME", "COMMAND");
    assert_memory_equal(OUT, want, strlen(want));
    assert_non_null(strstr(OUT, " console  Ss+  00:00   0:00 sleep 100\n"));
    /* BSD x */
    assert_int_equal(RUN(k, NULL, "ps", "x"), 0);
    snprintf(want, sizeof want, "%*s %-8s %-4s %6s %s\n", PIDW, "PID", "TTY", "STAT", "TIME",
             "COMMAND");
    assert_memory_equal(OUT, want, strlen(want));
    reap(k, s, AX_SIGKILL);
    harness_destroy(k);
}

static void test_ps_selects_and_custom_columns(void **state) {
    Kernel *k = ul_kernel();
    int s = sleeper(k, "100");
    char want[128], pid[16];
    snprintf(pid, sizeof pid, "%d", s);
    /* -o with empty headers: no header line; KEY= takes the rest of the
     * argument as its header, so each goes in its own -o */
    assert_int_equal(RUN(k, NULL, "ps", "-o", "pid=", "-o", "comm=", "-o", "stat=", "-p", pid), 0);
    /* a command that is not last fills 15 columns; the sleeper leads the
     * console's session */
    snprintf(want, sizeof want, "%*d sleep           Ss+\n", PIDW, s);
    assert_string_equal(OUT, want);
    /* KEY=HEADER takes the rest of the argument */
    assert_int_equal(RUN(k, NULL, "ps", "-p", "1", "-o", "pid,args=THE COMMAND"), 0);
    snprintf(want, sizeof want, "%*s THE COMMAND\n%*d init\n", PIDW, "PID", PIDW, 1);
    assert_string_equal(OUT, want);
    assert_int_equal(RUN(k, NULL, "ps", "-o", "user,ruid,tty,ppid,sid", "-p", pid), 0);
    snprintf(want, sizeof want, "USER      RUID TT          PPID     SID\nroot         0 console  %*d %*d\n",
             PIDW, 1, PIDW, s);
    assert_string_equal(OUT, want);
    /* -e lists all; -u root too; a pid that is not there selects nothing */
    assert_int_equal(RUN(k, NULL, "ps", "-e", "-o", "pid="), 0);
    assert_int_equal(count_lines(), 3); /* init, sleep, ps */
    assert_int_equal(RUN(k, NULL, "ps", "-u", "root", "-o", "comm="), 0);
    assert_string_equal(OUT, "init\nsleep\nps\n");
    assert_int_equal(RUN(k, NULL, "ps", "-u", "user", "-o", "comm="), 1);
    assert_int_equal(RUN(k, NULL, "ps", "-p", "99999"), 1);
    reap(k, s, AX_SIGKILL);
    harness_destroy(k);
}

static void test_ps_refuses_bad_input(void **state) {
    Kernel *k = ul_kernel();
    const char *usage = "\n\nUsage:\n ps [options]\n\n Try 'ps --help' for more information.\n";
    char want[256];
    assert_int_equal(RUN(k, NULL, "ps", "-k"), 1);
    snprintf(want, sizeof want, "error: unsupported SysV option -- 'k'%s", usage);
    assert_string_equal(OUT, want);
    assert_int_equal(RUN(k, NULL, "ps", "auz"), 1);
    snprintf(want, sizeof want, "error: unsupported option (BSD syntax): z%s", usage);
    assert_string_equal(OUT, want);
    assert_int_equal(RUN(k, NULL, "ps", "-o", "pid,bogus"), 1);
    snprintf(want, sizeof want, "error: unknown user-defined format specifier \"bogus\"%s", usage);
    assert_string_equal(OUT, want);
    assert_int_equal(RUN(k, NULL, "ps", "-p", "1x"), 1);
    assert_memory_equal(OUT, "error: process ID list syntax error\n", 36);
    assert_int_equal(RUN(k, NULL, "ps", "-p", ""), 1);
    assert_int_equal(RUN(k, NULL, "ps", "-u", "nosuchuser"), 1);
    assert_memory_equal(OUT, "error: user name does not exist", 31);
    assert_int_equal(RUN(k, NULL, "ps", "-o"), 1);
    assert_memory_equal(OUT, "error: list of format specifiers must follow the option", 55);
    assert_int_equal(RUN(k, NULL, "ps", "-t", "tty99x"), 1);
    harness_destroy(k);
}

/* A zombie shows as Z with <defunct>; a stopped process as T. */
static int zombie_parent_main(int argc, char **argv) {
    SyscallResult c = sys_spawn("/bin/true", (char *const[]){"true", NULL}, NULL, NULL);
    if (c.error != AX_OK)
        return 1;
    sys_sleep(10000000000ull); /* 10 s without reaping it */
    return 0;
}

static void test_ps_states(void **state) {
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/test/zp", zombie_parent_main), 0);
    SyscallResult zp = kernel_spawn(k, "/test/zp", (char *const[]){"zp", NULL});
    kernel_run_for(k, 1000000000ull); /* its child (the next pid) is a zombie by now */
    int s = sleeper(k, "100");
    kernel_kill(k, s, AX_SIGSTOP);
    kernel_run_for(k, 1000000);
    char sel[32];
    snprintf(sel, sizeof sel, "%d,%d", (int)zp.value + 1, s);
    assert_int_equal(RUN(k, NULL, "ps", "-o", "s=", "-o", "stat=", "-o", "comm=", "-p", sel), 0);
    assert_string_equal(OUT, "Z Z+   true <defunct>\nT Ts   sleep\n");
    assert_int_equal(RUN(k, NULL, "ps", "-o", "args=", "-p", sel), 0);
    assert_string_equal(OUT, "[true] <defunct>\nsleep 100\n");
    reap(k, s, AX_SIGKILL);
    int st;
    assert_int_equal(kernel_wait(k, (int)zp.value, &st), 0);
    harness_destroy(k);
}

static void test_pgrep_selects(void **state) {
    Kernel *k = ul_kernel();
    int a = sleeper(k, "100"), b = sleeper(k, "200");
    char want[128];
    assert_int_equal(RUN(k, NULL, "pgrep", "sleep"), 0);
    snprintf(want, sizeof want, "%d\n%d\n", a, b);
    assert_string_equal(OUT, want);
    assert_int_equal(RUN(k, NULL, "pgrep", "-l", "^sl"), 0);
    snprintf(want, sizeof want, "%d sleep\n%d sleep\n", a, b);
    assert_string_equal(OUT, want);
    assert_int_equal(RUN(k, NULL, "pgrep", "-f", "sleep 2"), 0);
    snprintf(want, sizeof want, "%d\n", b);
    assert_string_equal(OUT, want);
    assert_int_equal(RUN(k, NULL, "pgrep", "-a", "-n", "sleep"), 0);
    snprintf(want, sizeof want, "%d sleep 200\n", b);
    assert_string_equal(OUT, want);
    assert_int_equal(RUN(k, NULL, "pgrep", "-o", "-d", ",", "sleep"), 0);
    snprintf(want, sizeof want, "%d\n", a);
    assert_string_equal(OUT, want);
    assert_int_equal(RUN(k, NULL, "pgrep", "-d", ",", "sleep"), 0);
    snprintf(want, sizeof want, "%d,%d\n", a, b);
    assert_string_equal(OUT, want);
    assert_int_equal(RUN(k, NULL, "pgrep", "-c", "-u", "root", "."), 0);
    assert_string_equal(OUT, "3\n"); /* init and the two; never pgrep itself */
    assert_int_equal(RUN(k, NULL, "pgrep", "-x", "slee"), 1);
    assert_string_equal(OUT, "");
    assert_int_equal(RUN(k, NULL, "pgrep", "-x", "-i", "SLEEP", "-c"), 0);
    assert_string_equal(OUT, "2\n");
    assert_int_equal(RUN(k, NULL, "pgrep", "-v", "-l", "sleep|pgrep"), 0);
    assert_string_equal(OUT, "1 init\n");
    assert_int_equal(RUN(k, NULL, "pgrep", "-P", "1", "-c"), 0);
    assert_string_equal(OUT, "2\n");
    assert_int_equal(RUN(k, NULL, "pgrep", "-u", "user", "sleep"), 1);
    /* usage errors: 2 */
    assert_int_equal(RUN(k, NULL, "pgrep"), 2);
    assert_string_equal(OUT, "pgrep: no matching criteria specified\n"
                             "Try `pgrep --help' for more information.\n");
    assert_int_equal(RUN(k, NULL, "pgrep", "a("), 2);
    assert_memory_equal(OUT, "pgrep: regex error: ", 20);
    assert_int_equal(RUN(k, NULL, "pgrep", "-u", "nosuchuser", "x"), 2);
    assert_string_equal(OUT, "pgrep: invalid user name: nosuchuser\n");
    assert_int_equal(RUN(k, NULL, "pgrep", "-P", "x1", "sleep"), 2);
    assert_int_equal(RUN(k, NULL, "pgrep", "-z", "sleep"), 2);
    assert_int_equal(RUN(k, NULL, "pgrep", "a", "b"), 2);
    assert_int_equal(RUN(k, NULL, "pgrep", "-n", "-o", "sleep"), 2);
    reap(k, a, AX_SIGKILL);
    reap(k, b, AX_SIGKILL);
    harness_destroy(k);
}

static void test_pkill_signals(void **state) {
    Kernel *k = ul_kernel();
    int a = sleeper(k, "100"), b = sleeper(k, "200");
    int status;
    assert_int_equal(RUN(k, NULL, "pkill", "-USR1", "-f", "sleep 1"), 0);
    assert_int_equal(kernel_wait(k, a, &status), 0);
    assert_true(AX_WIFSIGNALED(status) && AX_WTERMSIG(status) == AX_SIGUSR1);
    assert_int_equal(RUN(k, NULL, "pkill", "-0", "sleep"), 0); /* still there: nothing sent */
    char want[64];
    assert_int_equal(RUN(k, NULL, "pkill", "--signal", "HUP", "-e", "^sleep$"), 0);
    snprintf(want, sizeof want, "sleep killed (pid %d)\n", b);
    assert_string_equal(OUT, want);
    assert_int_equal(kernel_wait(k, b, &status), 0);
    assert_int_equal(AX_WTERMSIG(status), AX_SIGHUP);
    int c = sleeper(k, "300");
    assert_int_equal(RUN(k, NULL, "pkill", "sleep"), 0); /* SIGTERM by default */
    assert_int_equal(kernel_wait(k, c, &status), 0);
    assert_int_equal(AX_WTERMSIG(status), AX_SIGTERM);
    assert_int_equal(RUN(k, NULL, "pkill", "sleep"), 1);
    assert_int_equal(RUN(k, NULL, "pkill", "-BOGUS", "sleep"), 2);
    assert_string_equal(OUT, "pkill: unknown signal name BOGUS\n");
    assert_int_equal(RUN(k, NULL, "pkill", "--signal", "99", "x"), 2);
    assert_int_equal(RUN(k, NULL, "pkill", "-l", "x"), 2); /* pgrep's -l is not pkill's */
    harness_destroy(k);
}

/* (test_userland_sys has the first hours) */
static void test_uptime_days_and_bad_input(void **state) {
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "sleep", "176520"), 0); /* 2 days, 1 h 2 min */
    assert_int_equal(RUN(k, NULL, "uptime"), 0);
    assert_string_equal(OUT, " 01:02:00 up 2 days,  1:02,  1 user,  load average: 0.00, 0.00, 0.00\n");
    assert_int_equal(RUN(k, NULL, "uptime", "--pretty"), 0);
    assert_string_equal(OUT, "up 2 days, 1 hour, 2 minutes\n");
    assert_int_equal(RUN(k, NULL, "uptime", "x"), 1);
    assert_int_equal(RUN(k, NULL, "uptime", "-z"), 1);
    harness_destroy(k);
}

static void test_free_procps_columns(void **state) {
    KernelConfig cfg = {.mem_limit = 3u << 20};
    Kernel *k = harness_kernel(&cfg);
    assert_int_equal(kernel_install_userland(k), 0);
    const char *head = "               total        used        free      shared  buff/cache   available\n";
    assert_int_equal(RUN(k, NULL, "free"), 0);
    assert_memory_equal(OUT, head, strlen(head));
    unsigned long long t, u, f, sh, bc, av;
    const char *mem = strstr(OUT, "\nMem:");
    assert_non_null(mem);
    assert_int_equal(sscanf(mem, "\nMem: %llu %llu %llu %llu %llu %llu", &t, &u, &f, &sh, &bc, &av), 6);
    assert_int_equal(t, 3072);
    assert_int_equal(u, t - av); /* procps: used is total - available */
    assert_true(u > 0 && f <= t);
    assert_non_null(strstr(OUT, "\nSwap:              0           0           0\n"));
    assert_int_equal(RUN(k, NULL, "free", "-b"), 0);
    assert_non_null(strstr(OUT, "\nMem:         3145728 "));
    assert_int_equal(RUN(k, NULL, "free", "-m"), 0);
    assert_non_null(strstr(OUT, "\nMem:               3 "));
    assert_int_equal(RUN(k, NULL, "free", "-h"), 0);
    assert_non_null(strstr(OUT, "\nMem:           3.0Mi "));
    assert_non_null(strstr(OUT, "\nSwap:             0B          0B          0B\n"));
    assert_int_equal(RUN(k, NULL, "free", "--si", "-h"), 0);
    assert_non_null(strstr(OUT, "\nMem:            3.1M "));
    assert_int_equal(RUN(k, NULL, "free", "-w", "-t"), 0);
    assert_memory_equal(OUT, "               total        used        free      shared     buffers       cache   available\n", 92);
    assert_non_null(strstr(OUT, "\nTotal:          3072 "));
    /* -c repeats, a second apart (of kernel time) */
    assert_int_equal(RUN(k, NULL, "free", "-c", "2"), 0);
    assert_non_null(strstr(strstr(OUT, "\nSwap:") + 1, "\n\n               total"));
    assert_int_equal(RUN(k, NULL, "free", "-s", "x"), 1);
    assert_string_equal(OUT, "free: seconds argument failed: 'x': Invalid argument\n");
    assert_int_equal(RUN(k, NULL, "free", "-c", "0"), 1);
    assert_int_equal(RUN(k, NULL, "free", "-z"), 1);
    assert_int_equal(RUN(k, NULL, "free", "extra"), 1);
    assert_memory_equal(OUT, "free: extra operand 'extra'\n", 28);
    harness_destroy(k);
}

static void test_top_batch_frames(void **state) {
    Kernel *k = ul_kernel();
    int s = sleeper(k, "100");
    assert_int_equal(RUN(k, NULL, "top", "-b", "-n", "2", "-d", "0.5"), 0);
    const char *f1 = OUT, *f2 = strstr(OUT + 1, "\ntop - ");
    assert_memory_equal(f1, "top - 00:00:00 up 0 min,  1 user,  load average: 0.00, 0.00, 0.00\n", 66);
    assert_non_null(f2);
    assert_null(strstr(f2 + 1, "\ntop - ")); /* two frames */
    assert_non_null(strstr(OUT, "\nTasks:   3 total,   1 running,   2 sleeping,   0 stopped,   0 zombie\n"));
    assert_non_null(strstr(OUT, "\n%Cpu(s):  0.0 us,  0.0 sy,  0.0 ni,100.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st \n"));
    assert_non_null(strstr(OUT, "\nMiB Mem : "));
    char want[160];
    snprintf(want, sizeof want, "\n\n%*s USER      PR  NI    VIRT    RES    SHR S  %%CPU  %%MEM     TIME+ COMMAND\n",
             PIDW, "PID");
    assert_non_null(strstr(OUT, want));
    snprintf(want, sizeof want, "\n%*d root      20   0 ", PIDW, s);
    assert_non_null(strstr(OUT, want));
    /* -p narrows; -u too */
    char pid[16];
    snprintf(pid, sizeof pid, "%d", s);
    assert_int_equal(RUN(k, NULL, "top", "-b", "-n", "1", "-p", pid), 0);
    const char *rows = strstr(OUT, "COMMAND\n") + 8;
    assert_non_null(strstr(rows, " sleep\n"));
    assert_null(strstr(rows, " init\n"));
    assert_int_equal(RUN(k, NULL, "top", "-b", "-n", "1", "-u", "user"), 0);
    assert_string_equal(strstr(OUT, "COMMAND\n") + 8, "\n");
    /* bad input */
    assert_int_equal(RUN(k, NULL, "top", "-b", "-n", "x"), 1);
    assert_string_equal(OUT, "top: bad iterations argument 'x'\n");
    assert_int_equal(RUN(k, NULL, "top", "-b", "-d", "-1"), 1);
    assert_string_equal(OUT, "top: bad delay interval '-1'\n");
    assert_int_equal(RUN(k, NULL, "top", "-b", "-p", "0"), 1);
    assert_int_equal(RUN(k, NULL, "top", "-u", "nosuchuser"), 1);
    assert_int_equal(RUN(k, NULL, "top", "-x"), 1);
    reap(k, s, AX_SIGKILL);
    harness_destroy(k);
}

/* On the console top draws a screen and quits at q. */
static void test_top_live_screen_quits_at_q(void **state) {
    Kernel *k = ul_kernel();
    kernel_console_set_winsize(k, 12, 60);
    SyscallResult t = kernel_spawn(k, "/bin/top", (char *const[]){"top", "-d", "1", NULL});
    assert_int_equal(t.error, AX_OK);
    assert_int_equal(kernel_run_for(k, 2500000000ull), AX_RUN_TIMEOUT); /* frames at 0, 1, 2 s */
    kernel_console_push_input(k, "q", 1);
    int status;
    assert_int_equal(kernel_wait(k, (int)t.value, &status), 0);
    assert_true(AX_WIFEXITED(status) && AX_WEXITSTATUS(status) == 0);
    char buf[65536];
    size_t n = kernel_console_take_output(k, buf, sizeof buf - 1);
    buf[n] = '\0';
    int frames = 0;
    for (const char *p = buf; (p = strstr(p, "\033[Htop - ")); p++)
        frames++;
    assert_int_equal(frames, 3);
    assert_non_null(strstr(buf, "\033[?25l")); /* cursor hidden, then shown again */
    assert_non_null(strstr(buf, "\033[?25h"));
    harness_destroy(k);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ps_formats_and_headers),
        cmocka_unit_test(test_ps_selects_and_custom_columns),
        cmocka_unit_test(test_ps_refuses_bad_input),
        cmocka_unit_test(test_ps_states),
        cmocka_unit_test(test_pgrep_selects),
        cmocka_unit_test(test_pkill_signals),
        cmocka_unit_test(test_uptime_days_and_bad_input),
        cmocka_unit_test(test_free_procps_columns),
        cmocka_unit_test(test_top_batch_frames),
        cmocka_unit_test(test_top_live_screen_quits_at_q),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
