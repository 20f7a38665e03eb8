/* strace [-a] CMD [ARG]...: run CMD with tracing on, then print what it did to stderr, one strace-style line per
 * syscall, signal and process event:
 *
 *   open("/etc/motd", O_RDONLY) = 3
 *   read(3, "Welcome to axos, a Unix-like sys"..., 4096) = 62
 *   +++ exited with 0 +++
 *
 * Events of CMD itself print bare; those of processes it starts carry
 * "[pid N] ". The process-heap calls (heap_alloc, heap_free, heap_realloc)
 * that ulib makes for every allocation are left out, as strace on Linux
 * never sees malloc; -a shows them too. A process reads the events of its
 * descendants only, so strace sees CMD's and its own, and leaves its own
 * out; the previous on/off state comes back afterwards.
 * Exit status: CMD's, 128 + the signal that killed it, 127 when CMD is not
 * found, 1 when tracing cannot start. Output comes after CMD ends (the
 * kernel keeps the events in its ring; when more happen than the ring
 * holds, the oldest are lost and a line says how many). */
#include <string.h>

#include "ulib.h"

#define STRACE_BATCH 16

/* CMD searched in $PATH, in the heap; NULL if it is not a program. */
static char *strace_find(const char *cmd)
{
    char *path = u_getenv("PATH");
    const char *list = path ? path : "/bin", *cursor = list;
    char *prog = u_path_lookup(cmd, list, &cursor);
    xfree(path);
    return prog;
}

/* Is this event worth a line? Scheduler switches say nothing about what
 * CMD asked for; heap calls only with -a. */
static bool strace_shown(const TraceEventInfo *ev, bool all)
{
    if (ev->category == AX_TRACE_SCHED)
        return false;
    return all || (ev->sysno != AX_SYS_heap_alloc && ev->sysno != AX_SYS_heap_free &&
                   ev->sysno != AX_SYS_heap_realloc);
}

/* Print the events from seq `from` up to `end` (excluded), but strace's
 * own. The end is fixed first: while tracing stays on, each read is an
 * event of ours, and the listing must not chase its tail. */
static void strace_print(uint64_t from, uint64_t end, int pid, bool all)
{
    int me = (int)sys_getpid().value;
    UStream *err = u_stderr();
    TraceEventInfo *ev = xmalloc(STRACE_BATCH * sizeof *ev);
    /* A gap in the seqs we read may be other processes' events, which are
     * not ours to read: what was lost is what the ring dropped. */
    TraceSummary *t = xmalloc(sizeof *t);
    if (sys_trace_summary(t).error == AX_OK && t->events_dropped > from) {
        u_fprintf(err, "... %llu events lost: the trace ring was full ...\n",
                  (unsigned long long)(t->events_dropped - from));
        from = t->events_dropped;
    }
    xfree(t);
    SyscallResult r;
    while (from < end && (r = sys_trace_read(ev, STRACE_BATCH, from)).error == AX_OK &&
           r.value > 0) {
        for (int64_t i = 0; i < r.value && ev[i].seq < end; i++) {
            if (ev[i].pid == me || !strace_shown(&ev[i], all))
                continue;
            if (ev[i].pid != pid)
                u_fprintf(err, "[pid %d] ", ev[i].pid);
            u_fprintf(err, "%s\n", ev[i].text);
        }
        from = ev[r.value - 1].seq + 1;
    }
    xfree(ev);
}

/* The next seq the ring will give (0 when it is empty). */
static uint64_t strace_next_seq(void)
{
    TraceEventInfo last;
    return sys_trace_read(&last, 1, AX_TRACE_LAST).value == 1 ? last.seq + 1 : 0;
}

/* Wait for pid, handing it the terminal meanwhile if we hold it. */
static int strace_wait(int pid)
{
    int me = (int)sys_getpgid(0).value;
    bool tty = u_isatty(0) && sys_tcgetpgrp(0).value == me;
    if (tty)
        sys_tcsetpgrp(0, pid);
    int status = 0;
    SyscallResult w;
    do
        w = sys_waitpid(pid, &status, 0);
    while (w.error == AX_EINTR);
    if (tty) {
        /* we are a background group now: taking the terminal back must
         * not stop us with SIGTTOU */
        sys_sigblock(AX_SIGTTOU);
        sys_tcsetpgrp(0, me);
        sys_sigunblock(AX_SIGTTOU);
    }
    if (w.error != AX_OK)
        return 1;
    return AX_WIFSIGNALED(status) ? 128 + AX_WTERMSIG(status) : AX_WEXITSTATUS(status);
}

int strace_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    bool all = false;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "+a", NULL)) != -1) {
        if (c != 'a')
            return 2;
        all = true;
    }
    if (g.ind >= argc) {
        u_eprintf("usage: strace [-a] CMD [ARG]...\n");
        return 2;
    }
    char **cmd = argv + g.ind;
    char *prog = strace_find(cmd[0]);
    if (!prog) {
        u_eprintf("strace: %s: command not found\n", cmd[0]);
        return 127;
    }
    u_fflush(NULL);
    /* The child runs only once we block in waitpid, so the switch is on
     * before its first call. */
    SpawnAttr attr = {.flags = AX_SPAWN_SETPGROUP, .pgroup = 0};
    SyscallResult r = sys_spawn(prog, cmd, NULL, &attr);
    xfree(prog);
    if (r.error != AX_OK) {
        u_perror("strace", cmd[0], r.error);
        return r.error == AX_ENOENT ? 127 : 126;
    }
    int pid = (int)r.value;
    SyscallResult was_on = sys_trace_enable();
    if (was_on.error != AX_OK) {
        u_perror("strace", "trace_enable", was_on.error);
        sys_kill(pid, AX_SIGKILL);
        sys_waitpid(pid, NULL, 0);
        return 1;
    }
    uint64_t from = strace_next_seq();
    int status = strace_wait(pid);
    if (!was_on.value)
        sys_trace_disable();
    strace_print(from, strace_next_seq(), pid, all);
    return status;
}
