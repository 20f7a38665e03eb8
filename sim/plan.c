/* Fault plans as data: checking a rule, the --faults text grammar (parse
 * and its inverse), and the rule that replays one fired fault. Pure
 * functions: the host calls them before any kernel exists.
 *
 * The grammar (docs/simulation.md has the full table):
 *   spec := rule { ';' rule }          blank rules are skipped
 *   rule := item { ',' item }
 *   item := WORD | KEY '=' VALUE
 * e.g.  write,path=/data/,p=0.1,errno=EIO ; read,obj=pipe,short ; alloc,nth=3 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sim/sim.h"
#include "trace/trace.h"

/* ---- what each syscall is, for matching ---- */

/* The class of a call, by its block in syscalls.def. */
static unsigned plan_class_of(unsigned no) {
    const char *name = sys_name((SyscallNo)no);
    if (name && strcmp(name, "pipe") == 0)
        return AX_FAULT_CLASS_PIPE;
    if (name && (strcmp(name, "sleep") == 0 || strcmp(name, "clock_gettime") == 0))
        return AX_FAULT_CLASS_TIME;
    if (no < 40 || (no >= 224 && no < 256))
        return AX_FAULT_CLASS_FILE;
    if (no < 70)
        return AX_FAULT_CLASS_PROCESS;
    if (no < 80)
        return AX_FAULT_CLASS_TIME; /* the timers */
    if (no < 100)
        return AX_FAULT_CLASS_MEMORY;
    if (no < 120)
        return AX_FAULT_CLASS_SIGNAL;
    if ((no >= 140 && no < 160) || (no >= 352 && no < 384))
        return AX_FAULT_CLASS_CONSOLE;
    if (no >= 160 && no < 180)
        return AX_FAULT_CLASS_WINDOW;
    if (no >= 256 && no < 320)
        return AX_FAULT_CLASS_IPC;
    return 0; /* trace, simulation: never faulted by class */
}

/* Calls whose first argument is an fd (an object's kind can be matched). */
static const char *const plan_fd_calls[] = {
    "read", "write", "close", "lseek", "dup", "dup2", "fstat", "readdir", "fcntl",
    "ftruncate", "fsync", "futimens", "pread", "pwrite", "readv", "writev", "timer_cancel",
    "tcgetattr", "tcsetattr", "tcsetpgrp", "tcgetpgrp", "tcgetwinsize", "tcsetwinsize",
    "window_size", "epoll_ctl", "epoll_wait", "epoll_pwait", "bind", "listen", "accept4",
    "connect", "sendto", "recvfrom", "sendmsg", "recvmsg", "shutdown", "getsockname",
    "getpeername", "setsockopt", "getsockopt", "grantpt", "unlockpt", "ptsname", "tiocsctty",
};

/* The byte count of a call that moves bytes: the argument after its
 * first buffer ('b' or 'B'), or -1. */
static int plan_len_arg(unsigned no) {
    const char *f = trace_argfmt((SyscallNo)no);
    for (int i = 0; f[i] && i < 5; i++)
        if (f[i] == 'b' || f[i] == 'B')
            return f[i + 1] == 'u' ? i + 1 : -1;
    return -1;
}

void sim_tables_init(SimState *s) {
    for (unsigned no = 0; no < AX_SYS_COUNT; no++) {
        const char *f = trace_argfmt((SyscallNo)no);
        s->class_of[no] = (uint16_t)plan_class_of(no);
        s->path_arg[no] = -1;
        for (int i = 0; f[i]; i++)
            if (f[i] == 's') {
                s->path_arg[no] = (int8_t)i;
                break;
            }
        s->len_arg[no] = (int8_t)plan_len_arg(no);
        s->fd_arg[no] = -1;
        const char *name = sys_name((SyscallNo)no);
        for (size_t i = 0; name && i < sizeof plan_fd_calls / sizeof *plan_fd_calls; i++)
            if (strcmp(name, plan_fd_calls[i]) == 0)
                s->fd_arg[no] = 0;
    }
}

/* ---- checking a rule ---- */

void kernel_fault_rule_init(FaultRule *r) {
    if (!r)
        return;
    memset(r, 0, sizeof *r);
    r->on = AX_FAULT_ON_SYSCALL;
    r->syscall = -1;
    r->probability = 1.0;
    r->action = AX_FAULT_ERRNO;
    r->arg = AX_EIO;
}

static bool plan_terminated(const char *s, size_t n) { return memchr(s, '\0', n) != NULL; }

int kernel_fault_rule_check(const FaultRule *r, const char **why) {
    const char *w = NULL;
    if (!r)
        w = "no rule";
    else if (r->on != AX_FAULT_ON_SYSCALL && r->on != AX_FAULT_ON_ALLOC)
        w = "unknown target (on)";
    else if (r->syscall < -1 || r->syscall >= AX_SYS_COUNT ||
             (r->syscall >= 0 && !sys_name((SyscallNo)r->syscall)))
        w = "no such syscall";
    else if (r->classes & ~AX_FAULT_CLASS_ALL)
        w = "unknown class";
    else if (!plan_terminated(r->path, sizeof r->path) ||
             !plan_terminated(r->object, sizeof r->object) ||
             !plan_terminated(r->proc, sizeof r->proc))
        w = "path, object or process name too long";
    else if (r->pid < 0)
        w = "pid must be 1 or more";
    else if (!(r->probability >= 0.0 && r->probability <= 1.0))
        w = "probability must be in [0, 1]";
    else if (r->on == AX_FAULT_ON_ALLOC && r->action != AX_FAULT_FAIL)
        w = "an alloc rule's action is fail";
    else if (r->on == AX_FAULT_ON_ALLOC && (r->path[0] || r->object[0]))
        w = "an alloc rule cannot match a path or an object";
    else if (r->on == AX_FAULT_ON_SYSCALL && r->action == AX_FAULT_FAIL)
        w = "fail is for alloc rules (a syscall fails with errno=E...)";
    else if (r->action == AX_FAULT_ERRNO && (r->arg < 1 || r->arg > 4095))
        w = "errno out of range (1-4095)";
    else if (r->action == AX_FAULT_SHORT && r->arg < 0)
        w = "a short length cannot be negative";
    else if (r->action == AX_FAULT_SHORT && r->syscall >= 0 && plan_len_arg((unsigned)r->syscall) < 0)
        w = "short needs a call that moves bytes (read, write...)";
    else if (r->action == AX_FAULT_DELAY && r->arg <= 0)
        w = "a delay must be 1 ns or more";
    else if (r->action == AX_FAULT_SIGNAL && (r->arg < 1 || r->arg >= AX_NSIG))
        w = "no such signal";
    else if (r->action < AX_FAULT_ERRNO || r->action > AX_FAULT_POWERLOSS)
        w = "unknown action";
    if (why)
        *why = w;
    return w ? -AX_EINVAL : 0;
}

int kernel_fault_replay_rule(const FaultRule *rules, size_t n, const FaultFired *f,
                             FaultRule *out) {
    if (!rules || !f || !out || f->rule < 0 || (size_t)f->rule >= n)
        return -AX_EINVAL;
    *out = rules[f->rule];
    out->nth = f->nth;
    out->probability = 1.0;
    out->after_ns = 0;
    out->max_fires = 0;
    if (out->action == AX_FAULT_SHORT)
        out->arg = f->arg;
    return 0;
}

/* ---- parsing ---- */

typedef struct PlanParse {
    const char *spec;
    char *err;
    size_t errlen;
} PlanParse;

/* Say what is wrong with the item at [item, item + len). */
static int plan_error(PlanParse *ps, const char *item, size_t len, const char *why) {
    if (ps->err && ps->errlen)
        snprintf(ps->err, ps->errlen, "column %zu: `%.*s`: %s", (size_t)(item - ps->spec) + 1,
                 (int)len, item, why);
    return -AX_EINVAL;
}

static bool plan_u64(const char *v, size_t n, uint64_t *out) {
    uint64_t x = 0;
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9')
            return false;
        unsigned d = (unsigned)(v[i] - '0');
        if (x > (UINT64_MAX - d) / 10)
            return false;
        x = x * 10 + d;
    }
    *out = x;
    return true;
}

/* "250", "250ns", "3us", "10ms", "2s": nanoseconds. */
static bool plan_duration(const char *v, size_t n, uint64_t *out) {
    static const struct { const char *suffix; uint64_t mul; } units[] = {
        {"ns", 1}, {"us", 1000}, {"ms", 1000000}, {"s", 1000000000},
    };
    uint64_t mul = 1;
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        size_t sl = strlen(units[i].suffix);
        if (n > sl && memcmp(v + n - sl, units[i].suffix, sl) == 0 &&
            (sl == 2 || (v[n - 2] >= '0' && v[n - 2] <= '9'))) {
            mul = units[i].mul;
            n -= sl;
            break;
        }
    }
    uint64_t x;
    if (!plan_u64(v, n, &x) || x > UINT64_MAX / mul)
        return false;
    *out = x * mul;
    return true;
}

static const struct { const char *name; unsigned bit; } plan_classes[] = {
    {"file", AX_FAULT_CLASS_FILE},       {"process", AX_FAULT_CLASS_PROCESS},
    {"pipe", AX_FAULT_CLASS_PIPE},       {"time", AX_FAULT_CLASS_TIME},
    {"memory", AX_FAULT_CLASS_MEMORY},   {"signal", AX_FAULT_CLASS_SIGNAL},
    {"ipc", AX_FAULT_CLASS_IPC},         {"console", AX_FAULT_CLASS_CONSOLE},
    {"window", AX_FAULT_CLASS_WINDOW},
};
#define PLAN_NCLASSES (sizeof plan_classes / sizeof *plan_classes)

static unsigned plan_class_by_name(const char *v, size_t n) {
    for (size_t i = 0; i < PLAN_NCLASSES; i++)
        if (strlen(plan_classes[i].name) == n && memcmp(plan_classes[i].name, v, n) == 0)
            return plan_classes[i].bit;
    return 0;
}

static int plan_syscall_by_name(const char *v, size_t n) {
    for (unsigned no = 0; no < AX_SYS_COUNT; no++) {
        const char *name = sys_name((SyscallNo)no);
        if (name && strlen(name) == n && memcmp(name, v, n) == 0)
            return (int)no;
    }
    return -1;
}

/* "EIO", "eio" or "5". */
static int plan_errno(const char *v, size_t n) {
    uint64_t x;
    if (plan_u64(v, n, &x))
        return x >= 1 && x <= 4095 ? (int)x : -1;
    for (int e = 1; e < 4096; e++) {
        const char *name = sys_errname((SyscallError)e);
        if (strcmp(name, "E?") != 0 && strlen(name) == n && strncasecmp(name, v, n) == 0)
            return e;
    }
    return -1;
}

static int plan_signal(const char *v, size_t n) {
    uint64_t x;
    char name[16];
    if (plan_u64(v, n, &x))
        return x >= 1 && x < AX_NSIG ? (int)x : -1;
    if (n >= sizeof name)
        return -1;
    memcpy(name, v, n);
    name[n] = '\0';
    return sys_sigbyname(name);
}

static bool plan_string(char *dst, size_t cap, const char *v, size_t n) {
    if (n == 0 || n >= cap)
        return false;
    memcpy(dst, v, n);
    dst[n] = '\0';
    return true;
}

/* Set the rule's action once. */
static int plan_action(PlanParse *ps, FaultRule *r, bool *have, int action, int64_t arg,
                       const char *item, size_t len) {
    if (*have)
        return plan_error(ps, item, len, "a rule has one action");
    *have = true;
    r->action = action;
    r->arg = arg;
    return 0;
}

/* One item: a bare word or key=value. `seen` holds the keys given. */
static int plan_item(PlanParse *ps, FaultRule *r, const char *item, size_t len, bool *have_action,
                     unsigned *seen) {
    const char *eq = memchr(item, '=', len);
    size_t kl = eq ? (size_t)(eq - item) : len;
    const char *v = eq ? eq + 1 : NULL;
    size_t vl = eq ? len - kl - 1 : 0;
    uint64_t x;
    int i;

    static const char *const keys[] = {"call", "class", "path", "obj", "proc", "pid", "nth",
                                       "p", "after", "max", "errno", "short", "delay",
                                       "signal"};
    int key = -1;
    for (size_t j = 0; j < sizeof keys / sizeof *keys; j++)
        if (strlen(keys[j]) == kl && memcmp(keys[j], item, kl) == 0)
            key = (int)j;
    if (!eq) {
        /* bare words: alloc, short, crash, fail, a syscall or a class */
        if (kl == 5 && memcmp(item, "alloc", 5) == 0) {
            if (r->on == AX_FAULT_ON_ALLOC)
                return plan_error(ps, item, len, "given twice");
            r->on = AX_FAULT_ON_ALLOC;
            return 0;
        }
        if (kl == 5 && memcmp(item, "short", 5) == 0)
            return plan_action(ps, r, have_action, AX_FAULT_SHORT, 0, item, len);
        if (kl == 5 && memcmp(item, "crash", 5) == 0)
            return plan_action(ps, r, have_action, AX_FAULT_SIGNAL, AX_SIGKILL, item, len);
        if (kl == 9 && memcmp(item, "powerloss", 9) == 0)
            return plan_action(ps, r, have_action, AX_FAULT_POWERLOSS, 0, item, len);
        if (kl == 4 && memcmp(item, "fail", 4) == 0)
            return plan_action(ps, r, have_action, AX_FAULT_FAIL, 0, item, len);
        v = item;
        vl = len;
        key = 0; /* as call=WORD */
    } else if (key < 0) {
        return plan_error(ps, item, len, "unknown key");
    } else if (key != 0 && key != 1 && (*seen & (1u << key))) {
        return plan_error(ps, item, len, "given twice");
    }
    if (key >= 0)
        *seen |= 1u << key;

    switch (key) {
    case 0: /* call: a syscall name, else a class */
        if ((i = plan_syscall_by_name(v, vl)) >= 0) {
            if (r->syscall >= 0)
                return plan_error(ps, item, len, "one syscall per rule (use a class, or two rules)");
            r->syscall = i;
            return 0;
        }
        __attribute__((fallthrough)); /* not a syscall: a class */
    case 1: {
        /* class=a|b */
        const char *c = v, *end = v + vl;
        while (c <= end) {
            const char *bar = memchr(c, '|', (size_t)(end - c));
            size_t cl = bar ? (size_t)(bar - c) : (size_t)(end - c);
            unsigned bit = plan_class_by_name(c, cl);
            if (!bit)
                return plan_error(ps, item, len,
                                  key == 0 ? "no such syscall or class"
                                           : "no such class (file, process, pipe, time, memory, "
                                             "signal, ipc, console, window)");
            r->classes |= bit;
            if (!bar)
                break;
            c = bar + 1;
        }
        return 0;
    }
    case 2:
        return plan_string(r->path, sizeof r->path, v, vl)
                   ? 0 : plan_error(ps, item, len, "path prefix empty or too long");
    case 3:
        return plan_string(r->object, sizeof r->object, v, vl)
                   ? 0 : plan_error(ps, item, len, "object kind empty or too long");
    case 4:
        return plan_string(r->proc, sizeof r->proc, v, vl)
                   ? 0 : plan_error(ps, item, len, "process name empty or too long");
    case 5:
        if (!plan_u64(v, vl, &x) || x < 1 || x > 0x7fffffff)
            return plan_error(ps, item, len, "pid must be a number from 1");
        r->pid = (int)x;
        return 0;
    case 6:
        if (!plan_u64(v, vl, &x) || x < 1)
            return plan_error(ps, item, len, "nth must be a number from 1");
        r->nth = x;
        return 0;
    case 7: {
        char buf[32], *end;
        if (vl == 0 || vl >= sizeof buf)
            return plan_error(ps, item, len, "probability must be a number in [0, 1]");
        memcpy(buf, v, vl);
        buf[vl] = '\0';
        double p = strtod(buf, &end);
        if (*end || !(p >= 0.0 && p <= 1.0) || buf[0] == ' ')
            return plan_error(ps, item, len, "probability must be a number in [0, 1]");
        r->probability = p;
        return 0;
    }
    case 8:
        if (!plan_duration(v, vl, &r->after_ns))
            return plan_error(ps, item, len, "not a duration (250ns, 3us, 10ms, 2s)");
        return 0;
    case 9:
        if (!plan_u64(v, vl, &x) || x < 1)
            return plan_error(ps, item, len, "max must be a number from 1");
        r->max_fires = x;
        return 0;
    case 10:
        if ((i = plan_errno(v, vl)) < 0)
            return plan_error(ps, item, len, "no such errno (EIO, ENOSPC, 5...; 1-4095)");
        return plan_action(ps, r, have_action, AX_FAULT_ERRNO, i, item, len);
    case 11:
        if (!plan_u64(v, vl, &x) || x > INT64_MAX)
            return plan_error(ps, item, len, "short length must be a number of bytes");
        return plan_action(ps, r, have_action, AX_FAULT_SHORT, (int64_t)x, item, len);
    case 12:
        if (!plan_duration(v, vl, &x) || x == 0 || x > INT64_MAX)
            return plan_error(ps, item, len, "delay must be a duration of 1ns or more");
        return plan_action(ps, r, have_action, AX_FAULT_DELAY, (int64_t)x, item, len);
    default:
        if ((i = plan_signal(v, vl)) < 1)
            return plan_error(ps, item, len, "no such signal (SIGKILL, TERM, 9...)");
        return plan_action(ps, r, have_action, AX_FAULT_SIGNAL, i, item, len);
    }
}

static bool plan_blank(char c) { return c == ' ' || c == '\t' || c == '\n'; }

/* One rule: the text [s, end). */
static int plan_rule(PlanParse *ps, const char *s, const char *end, FaultRule *r) {
    kernel_fault_rule_init(r);
    bool have_action = false;
    unsigned seen = 0;
    while (s < end) {
        const char *comma = memchr(s, ',', (size_t)(end - s));
        const char *ie = comma ? comma : end;
        const char *is = s;
        while (is < ie && plan_blank(*is))
            is++;
        const char *it = ie;
        while (it > is && plan_blank(it[-1]))
            it--;
        if (it == is)
            return plan_error(ps, s, (size_t)(ie - s), "empty item");
        int e = plan_item(ps, r, is, (size_t)(it - is), &have_action, &seen);
        if (e < 0)
            return e;
        s = comma ? comma + 1 : end;
        if (comma && s == end)
            return plan_error(ps, comma, 1, "nothing after the comma");
    }
    if (r->on == AX_FAULT_ON_ALLOC && !have_action) {
        r->action = AX_FAULT_FAIL;
        r->arg = 0;
    }
    return 0;
}

int kernel_faults_parse(const char *spec, FaultRule *rules, size_t cap, size_t *n, char *err,
                        size_t errlen) {
    PlanParse ps = {spec, err, errlen};
    if (err && errlen)
        err[0] = '\0';
    if (!spec || !n || (!rules && cap))
        return -AX_EINVAL;
    FaultRule tmp[AX_FAULT_RULES_MAX];
    size_t count = 0;
    const char *s = spec, *end = spec + strlen(spec);
    while (s <= end) {
        const char *semi = memchr(s, ';', (size_t)(end - s));
        const char *re = semi ? semi : end;
        const char *t = s;
        while (t < re && plan_blank(*t))
            t++;
        if (t < re) {
            if (count == AX_FAULT_RULES_MAX || count == cap) {
                plan_error(&ps, t, (size_t)(re - t), "too many rules");
                return -AX_ENOSPC;
            }
            int e = plan_rule(&ps, t, re, &tmp[count]);
            if (e < 0)
                return e;
            const char *why;
            if (kernel_fault_rule_check(&tmp[count], &why) < 0)
                return plan_error(&ps, t, (size_t)(re - t), why);
            count++;
        }
        if (!semi)
            break;
        s = semi + 1;
    }
    memcpy(rules, tmp, count * sizeof *tmp);
    *n = count;
    return 0;
}

/* ---- formatting ---- */

typedef struct PlanOut {
    char *buf;
    size_t size, len;
} PlanOut;

static void plan_put(PlanOut *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void plan_put(PlanOut *o, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    size_t room = o->len < o->size ? o->size - o->len : 0;
    int w = vsnprintf(room ? o->buf + o->len : NULL, room, fmt, ap);
    va_end(ap);
    if (w > 0)
        o->len += (size_t)w;
}

static void plan_format_rule(PlanOut *o, const FaultRule *r) {
    const char *sep = "";
#define ITEM(...) (plan_put(o, "%s", sep), plan_put(o, __VA_ARGS__), sep = ",")
    if (r->on == AX_FAULT_ON_ALLOC)
        ITEM("alloc");
    if (r->syscall >= 0)
        ITEM("%s", sys_name((SyscallNo)r->syscall));
    if (r->classes) {
        ITEM("class=");
        const char *bar = "";
        for (size_t i = 0; i < PLAN_NCLASSES; i++)
            if (r->classes & plan_classes[i].bit) {
                plan_put(o, "%s%s", bar, plan_classes[i].name);
                bar = "|";
            }
    }
    if (r->path[0])
        ITEM("path=%s", r->path);
    if (r->object[0])
        ITEM("obj=%s", r->object);
    if (r->proc[0])
        ITEM("proc=%s", r->proc);
    if (r->pid)
        ITEM("pid=%d", r->pid);
    if (r->nth)
        ITEM("nth=%llu", (unsigned long long)r->nth);
    if (r->probability != 1.0)
        ITEM("p=%.17g", r->probability);
    if (r->after_ns)
        ITEM("after=%lluns", (unsigned long long)r->after_ns);
    if (r->max_fires)
        ITEM("max=%llu", (unsigned long long)r->max_fires);
    switch (r->action) {
    case AX_FAULT_ERRNO: {
        const char *name = sys_errname((SyscallError)r->arg);
        if (strcmp(name, "E?") == 0)
            ITEM("errno=%lld", (long long)r->arg);
        else
            ITEM("errno=%s", name);
        break;
    }
    case AX_FAULT_SHORT:
        if (r->arg)
            ITEM("short=%lld", (long long)r->arg);
        else
            ITEM("short");
        break;
    case AX_FAULT_DELAY:
        ITEM("delay=%lldns", (long long)r->arg);
        break;
    case AX_FAULT_SIGNAL: {
        const char *name = sys_signame((int)r->arg);
        if (name)
            ITEM("signal=%s", name);
        else
            ITEM("signal=%lld", (long long)r->arg);
        break;
    }
    case AX_FAULT_POWERLOSS:
        ITEM("powerloss");
        break;
    default:
        ITEM("fail");
        break;
    }
#undef ITEM
}

size_t kernel_faults_format(const FaultRule *rules, size_t n, char *buf, size_t size) {
    PlanOut o = {buf, size, 0};
    if (buf && size)
        buf[0] = '\0';
    for (size_t i = 0; rules && i < n; i++) {
        if (i)
            plan_put(&o, ";");
        plan_format_rule(&o, &rules[i]);
    }
    return o.len;
}
