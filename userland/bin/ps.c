/* ps: list processes: PID PPID PGID STAT TIME COMMAND. STAT is the state
 * letter, plus 's' for a session leader and '+' for the terminal's
 * foreground group, as procps shows them. Options are accepted and
 * ignored: every process is always listed. */
#include <string.h>

#include "ulib.h"

static ProcInfo *snapshot(size_t *n)
{
    size_t cap = 64;
    for (;;) {
        ProcInfo *list = xmalloc(cap * sizeof(ProcInfo));
        SyscallResult r = sys_proclist(list, cap);
        if (r.error != AX_OK) {
            xfree(list);
            *n = 0;
            return NULL;
        }
        if ((size_t)r.value <= cap) {
            *n = (size_t)r.value;
            return list;
        }
        xfree(list);
        cap = (size_t)r.value + 16; /* more processes than room: again */
    }
}

int ps_main(int argc, char **argv)
{
    u_std_options(argc, argv);
    size_t n;
    ProcInfo *list = snapshot(&n);
    if (list == NULL) {
        u_eprintf("ps: cannot list processes\n");
        return 1;
    }
    SyscallResult fg = sys_tcgetpgrp(0);
    UStream *out = u_stdout();
    u_fprintf(out, "%5s %5s %5s %-4s %6s %s\n", "PID", "PPID", "PGID", "STAT", "TIME", "COMMAND");
    for (size_t i = 0; i < n; i++) {
        const ProcInfo *p = &list[i];
        char stat[4];
        size_t k = 0;
        stat[k++] = p->state;
        if (p->pid == p->sid)
            stat[k++] = 's';
        if (fg.error == AX_OK && p->pgid == fg.value && p->state != AX_PROC_ZOMBIE)
            stat[k++] = '+';
        stat[k] = '\0';
        uint64_t secs = p->cpu_ns / 1000000000;
        bool zombie = p->state == AX_PROC_ZOMBIE;
        const char *cmd = zombie || !p->cmdline[0] ? p->name : p->cmdline;
        u_fprintf(out, "%5d %5d %5d %-4s %3llu:%02u %s%s\n", p->pid, p->ppid, p->pgid, stat,
                  (unsigned long long)(secs / 60), (unsigned)(secs % 60), cmd,
                  zombie ? " <defunct>" : "");
    }
    return 0;
}
