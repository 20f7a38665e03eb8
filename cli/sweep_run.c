/* One seed of a sweep: a fresh kernel, the scenario, the verdict, and the
 * JSON line that reports it. */
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "sweep.h"

/* The kernel the running seed uses, for the --timeout alarm (host code:
 * one seed runs at a time in a worker process). */
static Kernel *volatile sweep_kernel;
static volatile sig_atomic_t sweep_timed_out;

static void sweep_alarm(int sig) {
    (void)sig;
    sweep_timed_out = 1;
    if (sweep_kernel)
        kernel_interrupt(sweep_kernel);
}

void sweep_timer_init(void) {
    struct sigaction sa = {0};
    sa.sa_handler = sweep_alarm;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
}

static void sweep_timer_set(double seconds) {
    struct itimerval it = {0};
    it.it_value.tv_sec = (time_t)seconds;
    it.it_value.tv_usec = (suseconds_t)((seconds - (double)(time_t)seconds) * 1e6);
    setitimer(ITIMER_REAL, &it, NULL);
}

static uint64_t host_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The run's console output: shown with -v, else dropped as it comes (so
 * it never piles up in the kernel). */
static void sweep_sink(void *ud, int stream, const void *buf, size_t n) {
    const SweepOptions *o = ud;
    (void)stream;
    if (o->verbose)
        fwrite(buf, 1, n, stderr);
}

static void sweep_fail(SeedResult *res, const char *fmt, const char *what) {
    if (res->pass) {
        res->pass = false;
        snprintf(res->reason, sizeof res->reason, fmt, what);
    }
}

/* The verdict of the main process's wait status. */
static void sweep_judge_status(SeedResult *res, int status, bool recovery) {
    char what[64];
    if (AX_WIFSIGNALED(status)) {
        const char *name = sys_signame(AX_WTERMSIG(status));
        snprintf(what, sizeof what, "%s", name ? name : "?");
        sweep_fail(res, recovery ? "recovery killed by %s" : "killed by %s", what);
    } else if (AX_WEXITSTATUS(status) != 0) {
        snprintf(what, sizeof what, "%d", AX_WEXITSTATUS(status));
        sweep_fail(res, recovery ? "recovery exit status %s" : "exit status %s", what);
    }
}

/* Wait for pid and judge how it ended (what the run's main process and a
 * recovery have in common). */
static void sweep_wait_judge(const SweepOptions *o, Kernel *k, int pid, SeedResult *res,
                             bool after_crash) {
    sweep_timed_out = 0;
    sweep_kernel = k;
    if (o->timeout_s > 0)
        sweep_timer_set(o->timeout_s);
    int status = 0;
    int e = kernel_wait(k, pid, &status);
    RunState rs = e == 0 ? kernel_run(k) : AX_RUN_EXITED;
    if (o->timeout_s > 0)
        sweep_timer_set(0);
    sweep_kernel = NULL;
    if (sweep_timed_out || e == -AX_EINTR || rs == AX_RUN_INTERRUPTED)
        sweep_fail(res, "timeout (%s host seconds)", "--timeout");
    else if (e == -AX_EDEADLK)
        sweep_fail(res, "%s", "deadlock: every process waits and nothing can wake one");
    else if (e < 0)
        sweep_fail(res, "cannot wait for the scenario: %s", sys_strerror((SyscallError)-e));
    else {
        /* a power loss kills every process: that is no verdict on them */
        if (after_crash || kernel_crashes(k) == 0)
            sweep_judge_status(res, status, after_crash);
        if (rs == AX_RUN_DEADLOCK)
            sweep_fail(res, "%s", "deadlock: processes left waiting for ever");
    }
}

/* Start the scenario: the pid whose end ends the run, or < 0. */
static int sweep_start(const SweepOptions *o, Kernel *k, SeedResult *res) {
    if (o->script_text) {
        char *argv[] = {"sh", "-c", o->script_text, (char *)o->script, NULL};
        SyscallResult r = kernel_spawn(k, "/bin/sh", argv);
        if (r.error) {
            sweep_fail(res, "cannot start the script: %s", sys_strerror(r.error));
            return -1;
        }
        return (int)r.value;
    }
    if (o->program) {
        char **argv = calloc((size_t)o->nprogram_args + 2, sizeof *argv);
        if (!argv) {
            sweep_fail(res, "%s", "out of host memory");
            return -1;
        }
        argv[0] = strrchr(o->program_path, '/') + 1;
        for (int i = 0; i < o->nprogram_args; i++)
            argv[i + 1] = o->program_args[i];
        SyscallResult r = kernel_spawn(k, o->program_path, argv);
        free(argv);
        if (r.error) {
            sweep_fail(res, "cannot start the program: %s", sys_strerror(r.error));
            return -1;
        }
        return (int)r.value;
    }
    int pid = o->setup(k, o->nscenario_args, o->scenario_args);
    if (pid <= 0)
        sweep_fail(res, "%s", "the scenario's setup failed");
    return pid;
}

/* A fresh kernel for the seed, with the userland and --program in it;
 * with `disk` set, booted on the file system that kernel holds (a
 * recovery after a power loss: no fault plan then, the machine after the
 * reboot is sound). NULL when it cannot be made (res says why). */
/* The program cache of this host process (a worker, or a shrink trial):
 * --program is read, checked and opened by the host's loader once, not
 * once a seed. Host state, not kernel state: every seed's kernel gets the
 * program's copies reset to their state at load. */
static ProgramCache *sweep_cache;

static Kernel *sweep_boot(const SweepOptions *o, uint64_t seed, const FaultRule *rules, size_t n,
                          Kernel *disk, SeedResult *res) {
    if (o->program && !sweep_cache)
        sweep_cache = kernel_program_cache_new(); /* NULL: loads uncached */
    KernelConfig cfg = {.seed = seed,
                        .sched = o->sched,
                        .clock = AX_CLOCK_VIRTUAL,
                        .mem_limit = o->mem_limit,
                        .window_backend = AX_WINDOW_NONE,
                        .console_output = sweep_sink,
                        .console_ud = (void *)o,
                        .faults = rules,
                        .nfaults = n,
                        .crash_model = 1, /* a scenario may call kernel_crash */
                        .program_cache = sweep_cache};
    Kernel *k = kernel_create(&cfg);
    if (!k) {
        sweep_fail(res, "%s", "kernel_create failed (bad plan or no memory)");
        return NULL;
    }
    int e;
    if (disk && (e = kernel_fs_copy(k, disk)) < 0)
        sweep_fail(res, "cannot boot on the crashed disk: %s", sys_strerror((SyscallError)-e));
    else if (kernel_install_userland(k) < 0)
        sweep_fail(res, "%s", "cannot install the userland");
    else if (o->program && kernel_load_program(k, o->program_path, o->program) < 0)
        sweep_fail(res, "cannot load the program: %s", kernel_load_error(k));
    return k;
}

/* Add k's assertion records to res's, one record per name and kind (a
 * recovery boot makes its own records of the same assertions). */
static void sweep_take_asserts(Kernel *k, SeedResult *res) {
    size_t na = kernel_assertions(k, NULL, 0);
    if (na == 0)
        return;
    AssertInfo *got = calloc(na, sizeof *got);
    AssertInfo *all = realloc(res->asserts, (res->nasserts + na) * sizeof *all);
    if (!got || !all) {
        free(got);
        if (all)
            res->asserts = all;
        return;
    }
    res->asserts = all;
    na = kernel_assertions(k, got, na);
    for (size_t i = 0; i < na; i++) {
        size_t j = 0;
        while (j < res->nasserts &&
               (all[j].kind != got[i].kind || strcmp(all[j].name, got[i].name) != 0))
            j++;
        if (j == res->nasserts)
            all[res->nasserts++] = got[i];
        else {
            all[j].hits += got[i].hits;
            all[j].passes += got[i].passes;
        }
    }
    free(got);
}

/* What the JSON line reports of kernel k: its syscalls, assertions,
 * fired faults, digest and virtual time, added to res's (the crashed
 * machine's and its recovery boot's make one seed). */
static void sweep_take(Kernel *k, SeedResult *res) {
    sweep_take_asserts(k, res);
    size_t nf = kernel_faults_fired(k, NULL, 0);
    if (nf && !res->fired) {
        res->fired = calloc(nf, sizeof *res->fired);
        res->nfired = res->fired ? kernel_faults_fired(k, res->fired, nf) : 0;
    }
    TraceSummary *ts = malloc(sizeof *ts);
    if (ts) {
        kernel_trace_summary(k, ts);
        for (size_t i = 0; i < AX_SYS_COUNT; i++)
            res->syscalls += ts->syscalls[i].calls;
        free(ts);
    }
    /* the recovery's digest is folded into the crashed run's */
    res->digest = (res->digest << 7 | res->digest >> 57) ^ kernel_trace_digest(k);
    res->virtual_ns += kernel_now(k);
}

/* After a power loss, the recovery: --recover FILE in a fresh kernel
 * booted on the crashed one's disk (*rk, taken over by the caller), or the
 * scenario's ax_scenario_recover in the same kernel. */
static void sweep_recover(const SweepOptions *o, uint64_t seed, Kernel *k, SeedResult *res,
                          Kernel **rk) {
    if (o->recover_text) {
        if (!(*rk = sweep_boot(o, seed, NULL, 0, k, res)) || !res->pass)
            return;
        char *argv[] = {"sh", "-c", o->recover_text, (char *)o->recover_script, NULL};
        SyscallResult r = kernel_spawn(*rk, "/bin/sh", argv);
        kernel_console_close_input(*rk);
        if (r.error)
            sweep_fail(res, "cannot start the recovery: %s", sys_strerror(r.error));
        else
            sweep_wait_judge(o, *rk, (int)r.value, res, true);
    } else if (o->recover) {
        int pid = o->recover(k);
        if (pid <= 0)
            sweep_fail(res, "%s", "the scenario's recovery could not start");
        else
            sweep_wait_judge(o, k, pid, res, true);
    }
}

void sweep_run_seed(const SweepOptions *o, uint64_t seed, const FaultRule *rules, size_t n,
                    SeedResult *res) {
    memset(res, 0, sizeof *res);
    res->seed = seed;
    res->pass = true;
    uint64_t t0 = host_ns();
    Kernel *k = sweep_boot(o, seed, rules, n, NULL, res), *rk = NULL;
    if (!k)
        return;
    int pid = res->pass ? sweep_start(o, k, res) : -1;
    kernel_console_close_input(k); /* a read of stdin sees its end */
    if (pid > 0) {
        sweep_wait_judge(o, k, pid, res, false);
        if (res->pass && kernel_crashes(k) > 0)
            sweep_recover(o, seed, k, res, &rk);
    }
    if (res->pass && pid > 0 && o->check && o->check(k) != 0)
        sweep_fail(res, "%s", "the scenario's check failed");
    sweep_take(k, res);
    kernel_destroy(k);
    if (rk) {
        sweep_take(rk, res);
        kernel_destroy(rk);
    }
    /* a failed assertion says more than the exit status it led to: it
     * is the reason, whatever was found before */
    for (size_t i = 0; i < res->nasserts; i++) {
        const AssertInfo *a = &res->asserts[i];
        if ((a->kind == AX_ASSERT_ALWAYS && a->passes < a->hits) ||
            (a->kind == AX_ASSERT_UNREACHABLE && a->hits)) {
            res->pass = true;
            sweep_fail(res, "assertion failed: %s", a->name);
            break;
        }
    }
    res->wall_ns = host_ns() - t0;
}

void seed_result_free(SeedResult *res) {
    free(res->fired);
    free(res->asserts);
    res->fired = NULL;
    res->asserts = NULL;
}

/* ---- text out ---- */

typedef struct Out {
    char *s;
    size_t len, cap;
} Out;

static void out_put(Out *o, const char *p, size_t n) {
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 256;
        while (cap < o->len + n + 1)
            cap *= 2;
        char *s = realloc(o->s, cap);
        if (!s)
            abort();
        o->s = s;
        o->cap = cap;
    }
    memcpy(o->s + o->len, p, n);
    o->len += n;
    o->s[o->len] = '\0';
}

static void out_printf(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void out_printf(Out *o, const char *fmt, ...) {
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof buf) {
        char *big = malloc((size_t)n + 1);
        if (!big)
            abort();
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        out_put(o, big, (size_t)n);
        free(big);
    } else if (n > 0) {
        out_put(o, buf, (size_t)n);
    }
}

/* s as a JSON string. */
static void out_json_string(Out *o, const char *s) {
    out_put(o, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            out_put(o, e, 2);
        } else if (c < 0x20) {
            out_printf(o, "\\u%04x", c);
        } else {
            out_put(o, (const char *)&c, 1);
        }
    }
    out_put(o, "\"", 1);
}

void sweep_shell_quote(char **buf, size_t *len, const char *s) {
    Out o = {*buf, *len, *buf ? *len + 1 : 0};
    bool plain = *s != '\0';
    for (const char *p = s; *p; p++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%",
                    *p))
            plain = false;
    if (plain) {
        out_put(&o, s, strlen(s));
    } else {
        out_put(&o, "'", 1);
        for (const char *p = s; *p; p++) {
            if (*p == '\'')
                out_put(&o, "'\\''", 4);
            else
                out_put(&o, p, 1);
        }
        out_put(&o, "'", 1);
    }
    *buf = o.s;
    *len = o.len;
}

static const char *const sweep_kind_names[] = {"always", "sometimes", "reachable", "unreachable"};
static const char *const sweep_action_names[] = {"",       "errno", "short",    "delay",
                                                 "signal", "alloc", "powerloss"};

char *sweep_replay_command(const SweepOptions *o, uint64_t seed, const char *spec) {
    char num[32];
    snprintf(num, sizeof num, "%llu", (unsigned long long)seed);
    const char *words[] = {"axos", "sweep", "--seeds", num, "--sched",
                           o->sched == AX_SCHED_RANDOM ? "random" : "fifo"};
    Out out = {0};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        if (i)
            out_put(&out, " ", 1);
        out_put(&out, words[i], strlen(words[i]));
    }
#define WORD(w)                                                                                    \
    do {                                                                                           \
        out_put(&out, " ", 1);                                                                     \
        char *q = NULL;                                                                            \
        size_t ql = 0;                                                                             \
        sweep_shell_quote(&q, &ql, (w));                                                           \
        out_put(&out, q, ql);                                                                      \
        free(q);                                                                                   \
    } while (0)
    if (spec && *spec) {
        WORD("--faults");
        WORD(spec);
    }
    /* -v before the program: the words after --program or --scenario are
     * its own arguments */
    out_put(&out, " -v", 3);
    if (o->recover_script) {
        WORD("--recover");
        WORD(o->recover_script);
    }
    if (o->script) {
        WORD("--script");
        WORD(o->script);
    } else {
        WORD(o->program ? "--program" : "--scenario");
        WORD(o->program ? o->program : o->scenario);
        int n = o->program ? o->nprogram_args : o->nscenario_args;
        char **args = o->program ? o->program_args : o->scenario_args;
        for (int i = 0; i < n; i++)
            WORD(args[i]);
    }
#undef WORD
    return out.s;
}

char *sweep_json_line(const SweepOptions *o, const SeedResult *res) {
    Out out = {0};
    out_printf(&out, "{\"seed\":%llu,\"verdict\":\"%s\",\"reason\":", (unsigned long long)res->seed,
               res->pass ? "pass" : "fail");
    out_json_string(&out, res->reason);
    out_printf(&out,
               ",\"digest\":\"%016llx\",\"syscalls\":%llu,\"virtual_ns\":%llu,\"wall_ns\":%llu,"
               "\"faults\":[",
               (unsigned long long)res->digest, (unsigned long long)res->syscalls,
               (unsigned long long)res->virtual_ns, (unsigned long long)res->wall_ns);
    for (size_t i = 0; i < res->nfired; i++) {
        const FaultFired *f = &res->fired[i];
        const char *call = sys_name((SyscallNo)f->syscall);
        out_printf(&out,
                   "%s{\"rule\":%d,\"nth\":%llu,\"call\":\"%s\",\"pid\":%d,\"t_ns\":%llu,"
                   "\"action\":\"%s\",\"arg\":%lld}",
                   i ? "," : "", f->rule, (unsigned long long)f->nth, call ? call : "?", f->pid,
                   (unsigned long long)f->time_ns,
                   f->action >= 1 && f->action <= 6 ? sweep_action_names[f->action] : "?",
                   (long long)f->arg);
    }
    out_put(&out, "],\"failed\":[", 12);
    bool first = true;
    for (size_t i = 0; i < res->nasserts; i++) {
        const AssertInfo *a = &res->asserts[i];
        if ((a->kind == AX_ASSERT_ALWAYS && a->passes < a->hits) ||
            (a->kind == AX_ASSERT_UNREACHABLE && a->hits)) {
            if (!first)
                out_put(&out, ",", 1);
            out_json_string(&out, a->name);
            first = false;
        }
    }
    out_put(&out, "],\"asserts\":[", 13);
    for (size_t i = 0; i < res->nasserts; i++) {
        const AssertInfo *a = &res->asserts[i];
        out_put(&out, i ? ",{\"name\":" : "{\"name\":", i ? 9 : 8);
        out_json_string(&out, a->name);
        out_printf(&out, ",\"kind\":\"%s\",\"hits\":%llu,\"passes\":%llu}",
                   a->kind >= 0 && a->kind <= 3 ? sweep_kind_names[a->kind] : "?",
                   (unsigned long long)a->hits, (unsigned long long)a->passes);
    }
    out_put(&out, "]", 1);
    if (!res->pass) {
        char *cmd = sweep_replay_command(o, res->seed, o->faults_text);
        out_put(&out, ",\"replay\":", 10);
        out_json_string(&out, cmd);
        free(cmd);
    }
    out_put(&out, "}\n", 2);
    return out.s;
}
