/* Hypotheses about signals: targets, dispositions, masks, delivery,
 * interruption, stop and continue. Handlers keep their counts per process
 * through sys_tls (programs share statics). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define MS 1000000ULL

/* Per-process counters for handlers, behind the process-local slot. */
typedef struct Counts {
    int hits[AX_NSIG];
    SigSet mask_in_handler;
} Counts;

static Counts *counts(void) {
    void **slot = sys_tls();
    if (!*slot)
        *slot = (void *)(uintptr_t)sys_heap_alloc(sizeof(Counts)).value;
    return *slot;
}

static void on_signal(int sig) {
    counts()->hits[sig]++;
    SigSet cur = 0;
    sys_sigprocmask(AX_SIG_BLOCK, NULL, &cur);
    counts()->mask_in_handler = cur;
}

static int prog_sleep_long(int argc, char **argv) {
    sys_sleep(1000 * MS);
    return 0;
}

/* ---- kill targets ---- */

static int prog_kill_targets(int argc, char **argv) {
    int me = (int)sys_getpid().value;
    if (sys_kill(me, 0).error != AX_OK)
        return 1; /* signal 0: existence check */
    if (sys_kill(99999, 0).error != AX_ESRCH || sys_kill(99999, AX_SIGTERM).error != AX_ESRCH)
        return 2;
    if (sys_kill(me, 65).error != AX_EINVAL || sys_kill(me, -1).error != AX_EINVAL)
        return 3;
    SpawnAttr grp = {.flags = AX_SPAWN_SETPGROUP, .pgroup = 0};
    int a = (int)sys_spawn("/bin/sl", (char *[]){"sl", NULL}, NULL, &grp).value;
    grp.pgroup = a;
    int b = (int)sys_spawn("/bin/sl", (char *[]){"sl", NULL}, NULL, &grp).value;
    int c = (int)sys_spawn("/bin/sl", (char *[]){"sl", NULL}, NULL, NULL).value;
    /* < -1: the group -pid */
    if (sys_kill(-a, AX_SIGTERM).error != AX_OK)
        return 4;
    int st;
    if (sys_waitpid(a, &st, 0).value != a || AX_WTERMSIG(st) != AX_SIGTERM)
        return 5;
    if (sys_waitpid(b, &st, 0).value != b || AX_WTERMSIG(st) != AX_SIGTERM)
        return 6;
    if (sys_kill(-a, 0).error != AX_ESRCH)
        return 7;
    /* -1: every process but init and the caller */
    sys_signal(AX_SIGUSR1, on_signal);
    if (sys_kill(-1, AX_SIGUSR1).error != AX_OK)
        return 8;
    if (sys_waitpid(c, &st, 0).value != c || AX_WTERMSIG(st) != AX_SIGUSR1)
        return 9;
    if (counts()->hits[AX_SIGUSR1] != 0)
        return 10; /* the caller was spared */
    /* 0: the caller's own group, the caller included */
    sys_kill(0, AX_SIGUSR1);
    if (counts()->hits[AX_SIGUSR1] != 1)
        return 11;
    if (sys_kill(1, 0).error != AX_OK) /* init exists */
        return 12;
    return 0;
}

static void test_kill_targets(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/sl", prog_sleep_long);
    kernel_install_program(k, "/bin/t", prog_kill_targets);
    assert_int_equal(AX_WEXITSTATUS(harness_run(k, (char *[]){"/bin/t", NULL})), 0);
    harness_destroy(k);
}

/* ---- dispositions ---- */

static int prog_dispositions(int argc, char **argv) {
    int me = (int)sys_getpid().value;
    SyscallResult r = sys_signal(AX_SIGUSR1, on_signal);
    if (r.error != AX_OK || (SigHandler)(uintptr_t)r.value != AX_SIG_DFL)
        return 1;
    r = sys_signal(AX_SIGUSR1, AX_SIG_IGN);
    if ((SigHandler)(uintptr_t)r.value != on_signal)
        return 2;
    sys_kill(me, AX_SIGUSR1); /* ignored */
    if (counts()->hits[AX_SIGUSR1] != 0)
        return 3;
    if (sys_signal(AX_SIGKILL, on_signal).error != AX_EINVAL ||
        sys_signal(AX_SIGSTOP, AX_SIG_IGN).error != AX_EINVAL ||
        sys_signal(0, on_signal).error != AX_EINVAL || sys_signal(65, on_signal).error != AX_EINVAL)
        return 4;
    SigAction act = {.handler = on_signal, .mask = AX_SIGBIT(AX_SIGUSR2)};
    if (sys_sigaction(AX_SIGKILL, &act, NULL).error != AX_EINVAL)
        return 5;
    if (sys_sigblock(AX_SIGKILL).error != AX_EINVAL || sys_sigblock(AX_SIGSTOP).error != AX_EINVAL)
        return 6;
    SigAction old;
    if (sys_sigaction(AX_SIGKILL, NULL, &old).error != AX_OK || old.handler != AX_SIG_DFL)
        return 7;
    /* sigaction's mask applies while the handler runs, plus the signal */
    sys_sigaction(AX_SIGUSR2, &act, NULL);
    sys_kill(me, AX_SIGUSR2);
    if (counts()->hits[AX_SIGUSR2] != 1)
        return 8;
    if (counts()->mask_in_handler != AX_SIGBIT(AX_SIGUSR2))
        return 9;
    SigSet now;
    sys_sigprocmask(AX_SIG_BLOCK, NULL, &now);
    if (now != 0) /* restored after the handler */
        return 10;
    /* SIGCHLD's default is to ignore: it does not kill */
    sys_kill(me, AX_SIGCHLD);
    /* blocking SIGKILL through a mask is silently dropped */
    SigSet all = ~(SigSet)0;
    sys_sigprocmask(AX_SIG_SETMASK, &all, NULL);
    sys_sigprocmask(AX_SIG_SETMASK, NULL, &now);
    if (now & (AX_SIGBIT(AX_SIGKILL) | AX_SIGBIT(AX_SIGSTOP)))
        return 11;
    if (sys_sigprocmask(7, &all, NULL).error != AX_EINVAL)
        return 12;
    return 0;
}

static void test_dispositions(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/t", prog_dispositions);
    assert_int_equal(AX_WEXITSTATUS(harness_run(k, (char *[]){"/bin/t", NULL})), 0);
    harness_destroy(k);
}

/* ---- what a child's actions start as ---- */

/* argv[1] says what the parent left: "plain" (nothing: every action the
 * default), "reset" (it caught SIGUSR1 and ignored SIGUSR2: the handler is
 * reset, the ignore stays), "sigdef" (the same, with SIGUSR2 in
 * AX_SPAWN_SETSIGDEF). It then changes an action of its own, which must
 * not reach the parent. */
static int prog_actions_child(int argc, char **argv) {
    int usr2 = strcmp(argv[1], "reset") == 0 ? 1 : 0; /* 1: ignored */
    for (int s = 1; s < AX_NSIG; s++) {
        SigAction old;
        if (sys_sigaction(s, NULL, &old).error != AX_OK)
            return 10;
        SigHandler want = s == AX_SIGUSR2 && usr2 ? AX_SIG_IGN : AX_SIG_DFL;
        if (old.handler != want || old.mask != 0 || old.flags != 0)
            return 20 + s > 255 ? 255 : 20 + s;
    }
    if (sys_signal(AX_SIGUSR2, on_signal).error != AX_OK || sys_signal(AX_SIGTERM, AX_SIG_IGN).error)
        return 11;
    return 0;
}

/* Catches SIGUSR1, ignores SIGUSR2, then execs the checker: exec resets
 * the handler and keeps the ignore, as spawn does. */
static int prog_actions_exec(int argc, char **argv) {
    sys_signal(AX_SIGUSR1, on_signal);
    sys_signal(AX_SIGUSR2, AX_SIG_IGN);
    sys_exec("/bin/actchild", (char *[]){"actchild", "reset", NULL}, NULL);
    return 99;
}

static int run_child(const char *path, const char *mode, const SpawnAttr *attr) {
    SyscallResult r = sys_spawn(path, (char *[]){"x", (char *)mode, NULL}, NULL, attr);
    int st = -1;
    if (r.error != AX_OK || sys_waitpid((int)r.value, &st, 0).error != AX_OK)
        return -1;
    return AX_WIFEXITED(st) ? AX_WEXITSTATUS(st) : 300;
}

static int prog_actions_parent(int argc, char **argv) {
    if (run_child("/bin/actchild", "plain", NULL) != 0)
        return 1;
    sys_signal(AX_SIGUSR1, on_signal);
    sys_signal(AX_SIGUSR2, AX_SIG_IGN);
    int r = run_child("/bin/actchild", "reset", NULL);
    if (r != 0)
        return r;
    SpawnAttr def = {.flags = AX_SPAWN_SETSIGDEF, .sigdefault = AX_SIGBIT(AX_SIGUSR2)};
    if ((r = run_child("/bin/actchild", "sigdef", &def)) != 0)
        return r;
    if ((r = run_child("/bin/actexec", "", NULL)) != 0)
        return r;
    /* the children's own changes stayed theirs */
    SigAction old;
    sys_sigaction(AX_SIGUSR1, NULL, &old);
    if (old.handler != on_signal)
        return 2;
    sys_sigaction(AX_SIGUSR2, NULL, &old);
    if (old.handler != AX_SIG_IGN)
        return 3;
    sys_sigaction(AX_SIGTERM, NULL, &old);
    if (old.handler != AX_SIG_DFL)
        return 4;
    /* all back to the default: children start plain again */
    SigAction dfl = {.handler = AX_SIG_DFL};
    sys_sigaction(AX_SIGUSR1, &dfl, NULL);
    sys_signal(AX_SIGUSR2, AX_SIG_DFL);
    if (run_child("/bin/actchild", "plain", NULL) != 0)
        return 5;
    return 0;
}

static void test_children_start_with_the_actions_posix_gives_them(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/t", prog_actions_parent);
    kernel_install_program(k, "/bin/actchild", prog_actions_child);
    kernel_install_program(k, "/bin/actexec", prog_actions_exec);
    assert_int_equal(AX_WEXITSTATUS(harness_run(k, (char *[]){"/bin/t", NULL})), 0);
    harness_destroy(k);
}

/* A process's first action that is not the default needs its table of
 * actions; when the kernel has no memory for it, signal and sigaction
 * say AX_ENOMEM and change nothing. */
static int prog_action_enomem(int argc, char **argv) {
    int me = (int)sys_getpid().value;
    if (sys_signal(AX_SIGUSR1, AX_SIG_IGN).error != AX_ENOMEM)
        return 1;
    SigAction act = {.handler = on_signal}, old = {.handler = on_signal};
    if (sys_sigaction(AX_SIGUSR1, &act, &old).error != AX_ENOMEM || old.handler != on_signal)
        return 2; /* *old is not written either */
    if (sys_sigaction(AX_SIGUSR1, NULL, &old).error != AX_OK || old.handler != AX_SIG_DFL)
        return 3;
    /* setting the default needs no table: it cannot fail */
    if (sys_signal(AX_SIGUSR2, AX_SIG_DFL).error != AX_OK)
        return 4;
    /* the rule has fired twice and is spent: the next one works */
    if (sys_signal(AX_SIGUSR1, AX_SIG_IGN).error != AX_OK)
        return 5;
    sys_kill(me, AX_SIGUSR1); /* ignored: still here */
    return 0;
}

static void test_a_first_action_without_memory_fails_cleanly(void **state) {
    FaultRule rules[2];
    for (int i = 0; i < 2; i++) {
        kernel_fault_rule_init(&rules[i]);
        rules[i].on = AX_FAULT_ON_ALLOC;
        rules[i].action = AX_FAULT_FAIL;
        rules[i].max_fires = 1;
    }
    rules[0].syscall = AX_SYS_signal;
    rules[1].syscall = AX_SYS_sigaction;
    KernelConfig cfg = {.faults = rules, .nfaults = 2};
    Kernel *k = harness_kernel(&cfg);
    kernel_install_program(k, "/bin/t", prog_action_enomem);
    assert_int_equal(AX_WEXITSTATUS(harness_run(k, (char *[]){"/bin/t", NULL})), 0);
    harness_destroy(k);
}

/* ---- masks and pending ---- */

static int prog_mask_pending(int argc, char **argv) {
    int me = (int)sys_getpid().value;
    sys_signal(AX_SIGUSR1, on_signal);
    sys_sigblock(AX_SIGUSR1);
    sys_kill(me, AX_SIGUSR1);
    sys_kill(me, AX_SIGUSR1); /* standard signals coalesce */
    if (counts()->hits[AX_SIGUSR1] != 0)
        return 1;
    SigSet pend;
    if (sys_sigpending(&pend).value != 1 || pend != AX_SIGBIT(AX_SIGUSR1))
        return 2;
    sys_sigunblock(AX_SIGUSR1); /* delivered before this returns */
    if (counts()->hits[AX_SIGUSR1] != 1)
        return 3;
    if (sys_sigpending(&pend).value != 0 || sys_sigpending(NULL).error != AX_EFAULT)
        return 4;
    /* a blocked fatal signal waits too, and kills when unblocked */
    sys_sigblock(AX_SIGTERM);
    sys_kill(me, AX_SIGTERM);
    tprintf("still here\n");
    sys_sigunblock(AX_SIGTERM);
    tprintf("not reached\n");
    return 5;
}

static void test_blocked_signals_wait_and_are_delivered_once_unblocked(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/t", prog_mask_pending);
    int st = harness_run(k, (char *[]){"/bin/t", NULL});
    assert_true(AX_WIFSIGNALED(st));
    assert_int_equal(AX_WTERMSIG(st), AX_SIGTERM);
    assert_string_equal(harness_output(k), "still here\n");
    harness_destroy(k);
}

/* ---- interruption ---- */

static int prog_interrupted_reader(int argc, char **argv) {
    sys_signal(AX_SIGUSR1, on_signal);
    int fds[2];
    sys_pipe(fds);
    char c;
    SyscallResult r = sys_read(fds[0], &c, 1);
    tprintf("read=%s hits=%d\n", sys_errname(r.error), counts()->hits[AX_SIGUSR1]);
    r = sys_sleep(1000 * MS);
    tprintf("sleep=%s\n", sys_errname(r.error));
    r = sys_pause();
    tprintf("pause=%s\n", sys_errname(r.error));
    return 0;
}

static int prog_poker(int argc, char **argv) {
    int target = atoi(argv[1]);
    for (int i = 0; i < 3; i++) {
        sys_sleep(10 * MS);
        sys_kill(target, AX_SIGUSR1);
    }
    return 0;
}

static void test_caught_signal_interrupts_blocking_calls_with_eintr(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/r", prog_interrupted_reader);
    kernel_install_program(k, "/bin/p", prog_poker);
    SyscallResult r = kernel_spawn(k, "/bin/r", NULL);
    char pid[16];
    snprintf(pid, sizeof pid, "%d", (int)r.value);
    SyscallResult p = kernel_spawn(k, "/bin/p", (char *[]){"p", pid, NULL});
    assert_int_equal(kernel_wait(k, (int)r.value, NULL), 0);
    assert_int_equal(kernel_wait(k, (int)p.value, NULL), 0);
    assert_string_equal(harness_output(k), "read=EINTR hits=1\nsleep=EINTR\npause=EINTR\n");
    /* the interrupted sleep left no timer behind */
    KernelStats st;
    kernel_stats(k, &st);
    assert_int_equal(st.timers, 0);
    assert_int_equal(kernel_now(k), 30 * MS);
    harness_destroy(k);
}

/* Signals the parent, then (in the same turn) writes a byte to fd argv[1]
 * and exits. */
static int prog_signal_then_write(int argc, char **argv) {
    sys_kill((int)sys_getppid().value, AX_SIGUSR1);
    return sys_write(atoi(argv[1]), "x", 1).value == 1 ? 0 : 1;
}

/* A wake that is both "it came" and "a signal" ends the wait with what
 * came, the handler run after it (Linux tests the condition first): a
 * pipe read gets the byte, a waitpid for a child whose exit raised a
 * caught SIGCHLD gets the child, not EINTR and a zombie left behind. */
static int prog_condition_beats_signal(int argc, char **argv) {
    counts(); /* made now: a handler nested in the first one's allocation would lose its count */
    sys_signal(AX_SIGUSR1, on_signal); /* no SA_RESTART */
    sys_signal(AX_SIGCHLD, on_signal);
    int fds[2];
    sys_pipe(fds);
    char arg[16];
    snprintf(arg, sizeof arg, "%d", fds[1]);
    int child = (int)sys_spawn("/bin/w", (char *[]){"w", arg, NULL}, NULL, NULL).value;
    char c = 0;
    SyscallResult r = sys_read(fds[0], &c, 1);
    if (r.error != AX_OK || r.value != 1 || c != 'x' || counts()->hits[AX_SIGUSR1] != 1)
        return 1;
    int st = -1;
    r = sys_waitpid(child, &st, 0);
    if (r.error != AX_OK || r.value != child || st != 0 || counts()->hits[AX_SIGCHLD] != 1)
        return 2;
    /* with nothing come, the signal still ends the wait */
    child = (int)sys_spawn("/bin/sl", (char *[]){"sl", NULL}, NULL, NULL).value;
    sys_kill((int)sys_getpid().value, AX_SIGUSR1); /* delivered at once: a hit */
    if (counts()->hits[AX_SIGUSR1] != 2)
        return 3;
    sys_signal(AX_SIGALRM, on_signal);
    int tfd = (int)sys_timer_set(5 * MS, AX_TIMER_SIGALRM).value;
    r = sys_waitpid(child, &st, 0);
    if (r.error != AX_EINTR || counts()->hits[AX_SIGALRM] != 1)
        return 4;
    sys_close(tfd);
    sys_kill(child, AX_SIGKILL);
    r = sys_waitpid(child, &st, 0);
    return r.value == child && AX_WTERMSIG(st) == AX_SIGKILL ? 0 : 5;
}

static void test_a_wait_whose_condition_came_with_a_signal_returns_it(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/t", prog_condition_beats_signal);
    kernel_install_program(k, "/bin/w", prog_signal_then_write);
    kernel_install_program(k, "/bin/sl", prog_sleep_long);
    assert_int_equal(harness_run(k, (char *[]){"/bin/t", NULL}), 0);
    harness_destroy(k);
}

/* An ignored signal that is blocked stays pending (Linux; POSIX leaves
 * it open) until unblocked, when it is discarded, or SIG_IGN is set. */
static int prog_ignored_blocked(int argc, char **argv) {
    int me = (int)sys_getpid().value;
    SigSet pend = 0;
    sys_signal(AX_SIGUSR2, AX_SIG_IGN);
    sys_kill(me, AX_SIGUSR2); /* unblocked: gone at once */
    if (sys_sigpending(&pend).value != 0)
        return 1;
    sys_sigblock(AX_SIGUSR2);
    sys_kill(me, AX_SIGUSR2);
    if (sys_sigpending(&pend).value != 1 || pend != AX_SIGBIT(AX_SIGUSR2))
        return 2;
    sys_sigunblock(AX_SIGUSR2); /* discarded, nothing runs */
    if (sys_sigpending(&pend).value != 0)
        return 3;
    sys_sigblock(AX_SIGUSR2);
    sys_kill(me, AX_SIGUSR2);
    sys_signal(AX_SIGUSR2, on_signal);
    sys_signal(AX_SIGUSR2, AX_SIG_IGN); /* setting SIG_IGN discards it */
    if (sys_sigpending(&pend).value != 0)
        return 4;
    /* blocked and ignored by default (SIGCHLD): pending as well */
    sys_sigblock(AX_SIGCHLD);
    sys_kill(me, AX_SIGCHLD);
    if (sys_sigpending(&pend).value != 1 || pend != AX_SIGBIT(AX_SIGCHLD))
        return 5;
    sys_sigunblock(AX_SIGCHLD);
    return sys_sigpending(&pend).value == 0 && counts()->hits[AX_SIGUSR2] == 0 ? 0 : 6;
}

static void test_a_blocked_ignored_signal_stays_pending(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/t", prog_ignored_blocked);
    assert_int_equal(harness_run(k, (char *[]){"/bin/t", NULL}), 0);
    harness_destroy(k);
}

static void test_fatal_signal_ends_a_blocked_task(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/sl", prog_sleep_long);
    SyscallResult r = kernel_spawn(k, "/bin/sl", NULL);
    assert_int_equal(kernel_run_for(k, MS), AX_RUN_TIMEOUT);
    assert_int_equal(kernel_kill(k, (int)r.value, AX_SIGTERM), 0);
    int st;
    assert_int_equal(kernel_wait(k, (int)r.value, &st), 0);
    assert_true(AX_WIFSIGNALED(st));
    assert_int_equal(AX_WTERMSIG(st), AX_SIGTERM);
    assert_int_equal(kernel_now(k), MS); /* it died at once, not after its sleep */
    harness_destroy(k);
}

/* ---- stop and continue ---- */

static int prog_counter(int argc, char **argv) {
    for (int i = 0; i < 3; i++) {
        sys_sleep(10 * MS);
        tprintf("tick%d@%llu ", i, (unsigned long long)sys_clock_gettime(AX_CLOCK_MONOTONIC).value / MS);
    }
    return 0;
}

static int prog_job_control(int argc, char **argv) {
    sys_signal(AX_SIGCHLD, on_signal);
    int c = (int)sys_spawn("/bin/counter", (char *[]){"counter", NULL}, NULL, NULL).value;
    sys_sleep(15 * MS);
    sys_kill(c, AX_SIGSTOP);
    int st;
    if (sys_waitpid(c, &st, AX_WUNTRACED).value != c || !AX_WIFSTOPPED(st) ||
        AX_WSTOPSIG(st) != AX_SIGSTOP)
        return 1;
    if (counts()->hits[AX_SIGCHLD] != 1)
        return 2;
    ProcInfo info[4];
    int n = (int)sys_proclist(info, 4).value;
    char state = 0;
    for (int i = 0; i < n; i++)
        if (info[i].pid == c)
            state = info[i].state;
    if (state != AX_PROC_STOPPED)
        return 3;
    sys_sleep(100 * MS); /* stopped: no ticks meanwhile */
    tprintf("cont@%llu ", (unsigned long long)sys_clock_gettime(AX_CLOCK_MONOTONIC).value / MS);
    sys_kill(c, AX_SIGCONT);
    if (sys_waitpid(c, &st, AX_WCONTINUED).value != c || !AX_WIFCONTINUED(st))
        return 4;
    /* the caught SIGCHLD of the exit interrupts this wait: EINTR, retry */
    SyscallResult w;
    while ((w = sys_waitpid(c, &st, 0)).error == AX_EINTR)
        ;
    if (w.value != c || AX_WEXITSTATUS(st) != 0)
        return 5;
    /* SIGTSTP stops too (the child in a group of its own: this program's
     * group is orphaned, and there SIGTSTP is discarded); SIGTERM to a
     * stopped process waits for SIGCONT */
    SpawnAttr own = {.flags = AX_SPAWN_SETPGROUP, .pgroup = 0};
    c = (int)sys_spawn("/bin/counter", (char *[]){"counter", NULL}, NULL, &own).value;
    sys_yield();
    sys_kill(c, AX_SIGTSTP);
    while (sys_waitpid(c, &st, AX_WUNTRACED).error == AX_EINTR)
        ;
    if (!AX_WIFSTOPPED(st) || AX_WSTOPSIG(st) != AX_SIGTSTP)
        return 6;
    sys_kill(c, AX_SIGTERM);
    if (sys_waitpid(c, &st, AX_WNOHANG).value != 0)
        return 7;
    sys_kill(c, AX_SIGCONT);
    while ((w = sys_waitpid(c, &st, 0)).error == AX_EINTR)
        ;
    if (w.value != c || AX_WTERMSIG(st) != AX_SIGTERM)
        return 8;
    return 0;
}

static void test_stop_and_continue(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/counter", prog_counter);
    kernel_install_program(k, "/bin/t", prog_job_control);
    assert_int_equal(AX_WEXITSTATUS(harness_run(k, (char *[]){"/bin/t", NULL})), 0);
    /* the sleep running at the stop keeps its deadline (20 ms), as Linux
     * restarts nanosleep: it is past at SIGCONT, so tick1 comes at once */
    assert_string_equal(harness_output(k), "tick0@10 cont@115 tick1@115 tick2@125 ");
    harness_destroy(k);
}

static int prog_self_stop(int argc, char **argv) {
    tprintf("before ");
    sys_kill((int)sys_getpid().value, AX_SIGSTOP);
    tprintf("after");
    return 0;
}

static void test_a_task_that_stops_itself_resumes_after_sigcont(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/t", prog_self_stop);
    SyscallResult r = kernel_spawn(k, "/bin/t", NULL);
    assert_int_equal(kernel_run(k), AX_RUN_STOPPED);
    assert_string_equal(harness_output(k), "before ");
    kernel_kill(k, (int)r.value, AX_SIGCONT);
    assert_int_equal(kernel_wait(k, (int)r.value, NULL), 0);
    assert_string_equal(harness_output(k), "before after");
    harness_destroy(k);
}

/* ---- other sources ---- */

static int prog_alarm(int argc, char **argv) {
    sys_signal(AX_SIGALRM, on_signal);
    int fd = (int)sys_timer_interval(10 * MS, AX_TIMER_SIGALRM).value;
    while (counts()->hits[AX_SIGALRM] < 3)
        sys_pause();
    sys_timer_cancel(fd);
    tprintf("alarms=%d at %llu\n", counts()->hits[AX_SIGALRM],
            (unsigned long long)sys_clock_gettime(AX_CLOCK_MONOTONIC).value / MS);
    sys_signal(AX_SIGALRM, AX_SIG_DFL);
    sys_timer_set(5 * MS, AX_TIMER_SIGALRM);
    sys_pause(); /* the default action of SIGALRM ends us */
    return 0;
}

static void test_timer_raises_sigalrm(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/t", prog_alarm);
    int st = harness_run(k, (char *[]){"/bin/t", NULL});
    assert_int_equal(AX_WTERMSIG(st), AX_SIGALRM);
    assert_string_equal(harness_output(k), "alarms=3 at 30\n");
    harness_destroy(k);
}

/* ---- SA_RESTART ---- */

static void on_restart_note(int sig) {
    tprintf("handler %d\n", sig);
}

/* Interrupts its parent twice (the parent waits meanwhile), then writes
 * a byte to fd argv[1] and exits. */
static int prog_interrupt_then_write(int argc, char **argv) {
    int ppid = (int)sys_getppid().value;
    for (int i = 0; i < 2; i++) {
        sys_kill(ppid, AX_SIGUSR1);
        sys_sleep(10 * MS); /* the parent runs its handler and waits again */
    }
    sys_write(atoi(argv[1]), "x", 1);
    return 0;
}

/* argv[1]: "restart" installs the handler with AX_SA_RESTART. A read of a
 * pipe and a waitpid are each interrupted twice; a sleep once. */
static int prog_restarting(int argc, char **argv) {
    int restart = strcmp(argv[1], "restart") == 0;
    SigAction act = {.handler = on_restart_note, .flags = restart ? AX_SA_RESTART : 0};
    sys_sigaction(AX_SIGUSR1, &act, NULL);
    int fds[2];
    sys_pipe(fds);
    char arg[16];
    snprintf(arg, sizeof arg, "%d", fds[1]);
    int child = (int)sys_spawn("/bin/poke", (char *[]){"poke", arg, NULL}, NULL, NULL).value;
    char c = 0;
    SyscallResult r = sys_read(fds[0], &c, 1);
    tprintf("read %s %c\n", sys_errname(r.error), r.error == AX_OK ? c : '-');
    int st;
    if (r.error != AX_OK) /* let the poker finish its two kills */
        sys_sleep(100 * MS);
    child = (int)sys_spawn("/bin/poke", (char *[]){"poke", arg, NULL}, NULL, NULL).value;
    r = sys_waitpid(child, &st, 0);
    tprintf("waitpid %s\n", sys_errname(r.error));
    /* never restarted, SA_RESTART or not */
    child = (int)sys_spawn("/bin/poke", (char *[]){"poke", arg, NULL}, NULL, NULL).value;
    r = sys_sleep(1000 * MS);
    tprintf("sleep %s\n", sys_errname(r.error));
    return 0;
}

static void test_sa_restart_restarts_read_and_waitpid_not_sleep(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/poke", prog_interrupt_then_write);
    kernel_install_program(k, "/bin/restarting", prog_restarting);
    assert_int_equal(harness_run(k, (char *[]){"/bin/restarting", "restart", NULL}), 0);
    /* each handler ran, and the call went on waiting afterwards */
    assert_string_equal(harness_output(k), "handler 10\nhandler 10\nread OK x\n"
                                           "handler 10\nhandler 10\nwaitpid OK\n"
                                           "handler 10\nsleep EINTR\n");
    assert_int_equal(kernel_run(k), AX_RUN_EXITED); /* the last poker finishes */
    harness_destroy(k);

    k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/poke", prog_interrupt_then_write);
    kernel_install_program(k, "/bin/restarting", prog_restarting);
    assert_int_equal(harness_run(k, (char *[]){"/bin/restarting", "plain", NULL}), 0);
    assert_string_equal(harness_output(k), "handler 10\nread EINTR -\nhandler 10\nhandler 10\n"
                                           "waitpid EINTR\nhandler 10\nsleep EINTR\n");
    assert_int_equal(kernel_run(k), AX_RUN_EXITED);
    harness_destroy(k);
}

/* Sends its parent SIGUSR1 and SIGUSR2 at once. */
static int prog_poke_both(int argc, char **argv) {
    int ppid = (int)sys_getppid().value;
    sys_kill(ppid, AX_SIGUSR1);
    sys_kill(ppid, AX_SIGUSR2);
    return 0;
}

/* Two signals interrupt one read: one handler has SA_RESTART, the other
 * not. As on Linux the call is not restarted: AX_EINTR, both handlers
 * run. */
static int prog_mixed_restart(int argc, char **argv) {
    SigAction with = {.handler = on_restart_note, .flags = AX_SA_RESTART};
    SigAction without = {.handler = on_restart_note};
    sys_sigaction(AX_SIGUSR1, &with, NULL);
    sys_sigaction(AX_SIGUSR2, &without, NULL);
    int fds[2];
    sys_pipe(fds);
    sys_spawn("/bin/pokeboth", (char *[]){"pokeboth", NULL}, NULL, NULL);
    char c;
    SyscallResult r = sys_read(fds[0], &c, 1);
    tprintf("read %s\n", sys_errname(r.error));
    return 0;
}

static void test_sa_restart_needs_every_handler_to_ask(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/pokeboth", prog_poke_both);
    kernel_install_program(k, "/bin/mixed", prog_mixed_restart);
    assert_int_equal(harness_run(k, (char *[]){"/bin/mixed", NULL}), 0);
    assert_string_equal(harness_output(k), "handler 10\nhandler 12\nread EINTR\n");
    harness_destroy(k);
}

/* ---- group kills reaching init's orphans ---- */

/* Leaves a child behind: it becomes init's orphan, freed as soon as it
 * dies. */
static int prog_leave_child(int argc, char **argv) {
    return sys_spawn("/bin/sleeplong", (char *[]){"sleeplong", NULL}, NULL, NULL).error == AX_OK ? 0
                                                                                              : 1;
}

/* argv[1]: "group" kills its own group (kill 0), "all" every process
 * (kill -1). Several orphans in the group die, and are freed, while the
 * kill walks the process table. */
static int prog_kill_orphans(int argc, char **argv) {
    for (int i = 0; i < 8; i++) {
        int st;
        int pid = (int)sys_spawn("/bin/leave", (char *[]){"leave", NULL}, NULL, NULL).value;
        if (sys_waitpid(pid, &st, 0).error != AX_OK || st != 0)
            return 1;
    }
    sys_signal(AX_SIGTERM, AX_SIG_IGN); /* kill 0 reaches the caller too */
    int target = strcmp(argv[1], "all") == 0 ? -1 : 0;
    return sys_kill(target, AX_SIGTERM).error == AX_OK ? 0 : 2;
}

static void test_group_kill_frees_orphans_safely(void **state) {
    const char *modes[] = {"group", "all"};
    for (int m = 0; m < 2; m++) {
        Kernel *k = harness_kernel(NULL);
        kernel_install_program(k, "/bin/sleeplong", prog_sleep_long);
        kernel_install_program(k, "/bin/leave", prog_leave_child);
        kernel_install_program(k, "/bin/killorphans", prog_kill_orphans);
        int st = harness_run(k, (char *[]){"/bin/killorphans", (char *)modes[m], NULL});
        assert_int_equal(st, 0);
        /* every orphan died of SIGTERM and was freed: nothing left to run */
        assert_int_equal(kernel_run(k), AX_RUN_EXITED);
        TraceSummary ts;
        kernel_trace_summary(k, &ts);
        assert_int_equal(ts.procs_killed, 8);
        harness_destroy(k);
    }
}

/* ---- stopped jobs left orphaned ---- */

static void on_hup_note(int sig) {
    tprintf("hup\n");
}

/* Stops itself; argv[1] "catch" catches SIGHUP first. */
static int prog_stop_self(int argc, char **argv) {
    if (argc > 1)
        sys_signal(AX_SIGHUP, on_hup_note);
    sys_kill((int)sys_getpid().value, AX_SIGSTOP);
    tprintf("continued\n");
    return 0;
}

/* Starts the stopper as a job of its own (its own group, like a shell's
 * job), sees it stop, and exits: nobody in the session can continue the
 * job any more. */
static int prog_job_parent(int argc, char **argv) {
    SpawnAttr attr = {.flags = AX_SPAWN_SETPGROUP, .pgroup = 0};
    int pid = (int)sys_spawn("/bin/stopself", argv, NULL, &attr).value;
    int st;
    if (sys_waitpid(pid, &st, AX_WUNTRACED).error != AX_OK || !AX_WIFSTOPPED(st))
        return 1;
    tprintf("stopped\n");
    return 0;
}

/* Runs the job parent in a group of its own, as a shell runs it, so that
 * the parent's exit is what orphans the stopped job. */
static int prog_job_session(int argc, char **argv) {
    SpawnAttr attr = {.flags = AX_SPAWN_SETPGROUP, .pgroup = 0};
    int pid = (int)sys_spawn("/bin/jobparent", argv, NULL, &attr).value;
    int st;
    sys_waitpid(pid, &st, 0);
    return AX_WEXITSTATUS(st);
}

/* POSIX _exit: a process group that an exit leaves orphaned, with a
 * stopped member, gets SIGHUP then SIGCONT. Caught, the job carries on;
 * with the default action it dies. Either way nothing stays stopped. */
static void test_orphaned_stopped_job_gets_sighup_and_sigcont(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/stopself", prog_stop_self);
    kernel_install_program(k, "/bin/jobparent", prog_job_parent);
    kernel_install_program(k, "/bin/session", prog_job_session);
    int st = harness_run(k, (char *[]){"/bin/session", "catch", NULL});
    assert_int_equal(st, 0);
    assert_int_equal(kernel_run(k), AX_RUN_EXITED);
    assert_string_equal(harness_output(k), "stopped\nhup\ncontinued\n");
    harness_destroy(k);

    k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/stopself", prog_stop_self);
    kernel_install_program(k, "/bin/jobparent", prog_job_parent);
    kernel_install_program(k, "/bin/session", prog_job_session);
    st = harness_run(k, (char *[]){"/bin/session", NULL});
    assert_int_equal(st, 0);
    assert_int_equal(kernel_run(k), AX_RUN_EXITED);
    assert_string_equal(harness_output(k), "stopped\n");
    TraceSummary ts;
    kernel_trace_summary(k, &ts);
    assert_int_equal(ts.procs_killed, 1); /* the job, by SIGHUP */
    harness_destroy(k);
}

/* Starts a stopped job and a paused one in one group, and outlives its
 * own parent: it is init's orphan when it exits. */
static int prog_orphan_job_parent(int argc, char **argv) {
    SpawnAttr own = {.flags = AX_SPAWN_SETPGROUP, .pgroup = 0};
    int stopped = (int)sys_spawn("/bin/stopself", (char *[]){"stopself", NULL}, NULL, &own).value;
    SpawnAttr same = {.flags = AX_SPAWN_SETPGROUP, .pgroup = stopped};
    sys_spawn("/bin/pauser", (char *[]){"pauser", NULL}, NULL, &same);
    int st;
    sys_waitpid(stopped, &st, AX_WUNTRACED);
    sys_sleep(50 * MS); /* its parent exits meanwhile */
    return 0;
}

static int prog_pauser(int argc, char **argv) {
    sys_pause();
    return 0;
}

static int prog_leaves_job_parent(int argc, char **argv) {
    SpawnAttr own = {.flags = AX_SPAWN_SETPGROUP, .pgroup = 0};
    sys_spawn("/bin/jobparent2", (char *[]){"jobparent2", NULL}, NULL, &own);
    sys_sleep(10 * MS);
    return 0;
}

/* The hang-up of an orphan's exit kills a member at once (the paused
 * one, by default action), and init's orphans that die are freed: the
 * exiting orphan itself must be finished first (ASan checks). */
static void test_orphan_exit_hangup_kills_and_frees_safely(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/stopself", prog_stop_self);
    kernel_install_program(k, "/bin/pauser", prog_pauser);
    kernel_install_program(k, "/bin/jobparent2", prog_orphan_job_parent);
    kernel_install_program(k, "/bin/leaves", prog_leaves_job_parent);
    assert_int_equal(harness_run(k, (char *[]){"/bin/leaves", NULL}), 0);
    assert_int_equal(kernel_run(k), AX_RUN_EXITED);
    TraceSummary ts;
    kernel_trace_summary(k, &ts);
    assert_int_equal(ts.procs_killed, 2); /* the stopped job and the paused one */
    harness_destroy(k);
}

/* A stopped job whose group still has a parent in the session (here the
 * session leader) is not orphaned by another process's exit: it stays
 * stopped until someone continues it. */
static int prog_keeps_job(int argc, char **argv) {
    SpawnAttr attr = {.flags = AX_SPAWN_SETPGROUP, .pgroup = 0};
    int job = (int)sys_spawn("/bin/stopself", (char *[]){"stopself", NULL}, NULL, &attr).value;
    int st;
    sys_waitpid(job, &st, AX_WUNTRACED);
    int other = (int)sys_spawn("/bin/true", (char *[]){"true", NULL}, NULL, &attr).value;
    sys_waitpid(other, &st, 0); /* an exit that orphans nothing */
    SyscallResult r = sys_waitpid(job, &st, AX_WNOHANG);
    tprintf("still %s\n", r.value == 0 ? "stopped" : "gone");
    sys_kill(job, AX_SIGCONT);
    sys_waitpid(job, &st, 0);
    return AX_WEXITSTATUS(st);
}

static int prog_true(int argc, char **argv) {
    return 0;
}

static void test_stopped_job_with_a_parent_in_session_stays_stopped(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/stopself", prog_stop_self);
    kernel_install_program(k, "/bin/true", prog_true);
    kernel_install_program(k, "/bin/keeps", prog_keeps_job);
    assert_int_equal(harness_run(k, (char *[]){"/bin/keeps", NULL}), 0);
    assert_string_equal(harness_output(k), "still stopped\ncontinued\n");
    harness_destroy(k);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kill_targets),
        cmocka_unit_test(test_dispositions),
        cmocka_unit_test(test_children_start_with_the_actions_posix_gives_them),
        cmocka_unit_test(test_a_first_action_without_memory_fails_cleanly),
        cmocka_unit_test(test_blocked_signals_wait_and_are_delivered_once_unblocked),
        cmocka_unit_test(test_caught_signal_interrupts_blocking_calls_with_eintr),
        cmocka_unit_test(test_fatal_signal_ends_a_blocked_task),
        cmocka_unit_test(test_a_wait_whose_condition_came_with_a_signal_returns_it),
        cmocka_unit_test(test_a_blocked_ignored_signal_stays_pending),
        cmocka_unit_test(test_stop_and_continue),
        cmocka_unit_test(test_a_task_that_stops_itself_resumes_after_sigcont),
        cmocka_unit_test(test_timer_raises_sigalrm),
        cmocka_unit_test(test_sa_restart_restarts_read_and_waitpid_not_sleep),
        cmocka_unit_test(test_sa_restart_needs_every_handler_to_ask),
        cmocka_unit_test(test_group_kill_frees_orphans_safely),
        cmocka_unit_test(test_orphaned_stopped_job_gets_sighup_and_sigcont),
        cmocka_unit_test(test_stopped_job_with_a_parent_in_session_stays_stopped),
        cmocka_unit_test(test_orphan_exit_hangup_kills_and_frees_safely),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
