/* trace on|off|summary|digest|status|events [N]: control and read the
 * kernel's tracer (off is root's or the user's who turned it on; resetting
 * it is root's: kernel_trace_reset, sys_trace_reset). summary prints calls
 * and errors of every syscall used so far, then the scheduler, process,
 * signal, timer and I/O totals; digest prints the determinism digest in
 * hex; events prints the last N recorded events (default 20)
 * strace-style, one "[pid P] line" each: those of trace itself and of the
 * descendants it may trace (sys_trace_read), the only ones it may read. */
#include <string.h>

#include "ulib.h"

static void usage(void)
{
    u_eprintf("usage: trace on|off|summary|digest|status|events [N]\n");
}

static void summary(const TraceSummary *t)
{
    UStream *out = u_stdout();
    u_fprintf(out, "%-20s %12s %10s\n", "syscall", "calls", "errors");
    for (int i = 0; i < AX_SYS_COUNT; i++) {
        const SyscallCounters *c = &t->syscalls[i];
        const char *name = sys_name((SyscallNo)i);
        if (name == NULL || c->calls == 0)
            continue;
        u_fprintf(out, "%-20s %12llu %10llu\n", name, (unsigned long long)c->calls,
                  (unsigned long long)c->errors);
    }
    u_fprintf(out, "scheduler: %llu context switches, %llu task runs, %llu ns idle\n",
              (unsigned long long)t->context_switches, (unsigned long long)t->tasks_run,
              (unsigned long long)t->idle_ns);
    u_fprintf(out, "processes: %llu spawned, %llu exited, %llu killed\n",
              (unsigned long long)t->procs_spawned, (unsigned long long)t->procs_exited,
              (unsigned long long)t->procs_killed);
    u_fprintf(out, "signals: %llu sent, %llu delivered\n", (unsigned long long)t->signals_sent,
              (unsigned long long)t->signals_delivered);
    u_fprintf(out, "timers: %llu fired\n", (unsigned long long)t->timers_fired);
    u_fprintf(out, "io: %llu bytes read, %llu bytes written, %llu through pipes\n",
              (unsigned long long)t->bytes_read, (unsigned long long)t->bytes_written,
              (unsigned long long)t->pipe_bytes);
    u_fprintf(out, "events: %llu recorded, %llu dropped\n",
              (unsigned long long)t->events_recorded, (unsigned long long)t->events_dropped);
    u_fprintf(out, "uptime: %llu ns\n", (unsigned long long)t->uptime_ns);
}

#define EVENTS_DEFAULT 20
#define EVENTS_BATCH 16

/* The last n events, oldest first. The newest seq is fixed first: while
 * tracing is on, printing records events of its own, which must not make
 * the listing chase its tail. */
static SyscallResult events(uint64_t n)
{
    TraceEventInfo *ev = xmalloc(EVENTS_BATCH * sizeof *ev);
    SyscallResult r = sys_trace_read(ev, 1, AX_TRACE_LAST);
    if (r.error != AX_OK || r.value == 0 || n == 0) {
        xfree(ev);
        return r;
    }
    uint64_t last = ev[0].seq;
    uint64_t seq = last + 1 > n ? last + 1 - n : 0;
    while (seq <= last) {
        r = sys_trace_read(ev, EVENTS_BATCH, seq);
        if (r.error != AX_OK || r.value == 0)
            break;
        for (int64_t i = 0; i < r.value && ev[i].seq <= last; i++)
            u_printf("[pid %d] %s\n", ev[i].pid, ev[i].text);
        seq = ev[r.value - 1].seq + 1;
    }
    xfree(ev);
    return r;
}

/* trace events [N] */
static int events_cmd(int argc, char **argv)
{
    int64_t n = EVENTS_DEFAULT;
    if (argc == 3 && (!u_parse_i64(argv[2], &n) || n < 0)) {
        u_eprintf("trace: events: bad count '%s'\n", argv[2]);
        return 2;
    }
    SyscallResult r = events((uint64_t)n);
    if (r.error != AX_OK) {
        u_perror("trace", "events", r.error);
        return 1;
    }
    return 0;
}

int trace_main(int argc, char **argv)
{
    u_std_options(argc, argv);
    if ((argc == 2 || argc == 3) && strcmp(argv[1], "events") == 0)
        return events_cmd(argc, argv);
    if (argc != 2) {
        usage();
        return 2;
    }
    const char *cmd = argv[1];
    SyscallResult r;
    if (strcmp(cmd, "on") == 0) {
        r = sys_trace_enable();
    } else if (strcmp(cmd, "off") == 0) {
        r = sys_trace_disable();
    } else if (strcmp(cmd, "status") == 0) {
        r = sys_trace_enabled();
        if (r.error == AX_OK)
            u_puts(r.value ? "on" : "off");
    } else if (strcmp(cmd, "digest") == 0) {
        uint64_t d = 0;
        r = sys_trace_digest(&d);
        if (r.error == AX_OK)
            u_printf("%016llx\n", (unsigned long long)d);
    } else if (strcmp(cmd, "summary") == 0) {
        /* TraceSummary is large (a row per syscall number): heap, not stack. */
        TraceSummary *t = xmalloc(sizeof *t);
        r = sys_trace_summary(t);
        if (r.error == AX_OK)
            summary(t);
        xfree(t);
    } else {
        u_eprintf("trace: unknown command '%s'\n", cmd);
        usage();
        return 2;
    }
    if (r.error != AX_OK) {
        u_perror("trace", cmd, r.error);
        return 1;
    }
    return 0;
}
