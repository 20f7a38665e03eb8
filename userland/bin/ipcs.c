/* ipcs [-m | -a] [-p]: list the shared memory segments, as util-linux's
 * ipcs -m does:
 *
 *   ------ Shared Memory Segments --------
 *   key        shmid      owner      bytes      nattch     status
 *   0x0000004d 0          2          4096       1
 *
 * owner is the creator's pid (axos has no users) and status is "dest" for a
 * segment removed with ipcrm that still has attachers. axos has no message
 * queues or semaphores, so -a lists the same. -p shows the creator and the
 * last process to attach or detach instead. */
#include "ulib.h"

static ShmInfo *shm_snapshot(size_t *n)
{
    SyscallResult r = sys_shm_list(NULL, 0);
    size_t cap = r.error == AX_OK ? (size_t)r.value : 0;
    ShmInfo *list = xmalloc((cap ? cap : 1) * sizeof(ShmInfo));
    r = sys_shm_list(list, cap);
    *n = r.error == AX_OK && (size_t)r.value <= cap ? (size_t)r.value : 0;
    return list;
}

int ipcs_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    bool pids = false;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "amp", NULL)) != -1) {
        switch (c) {
        case 'a':
        case 'm': break;
        case 'p': pids = true; break;
        default:
            u_eprintf("usage: ipcs [-m | -a] [-p]\n");
            return 1;
        }
    }
    if (g.ind < argc) {
        u_eprintf("ipcs: extra operand '%s'\n", argv[g.ind]);
        return 1;
    }
    size_t n;
    ShmInfo *list = shm_snapshot(&n);
    UStream *out = u_stdout();
    if (pids) {
        u_fprintf(out, "\n------ Shared Memory Creator/Last-op PIDs --------\n");
        u_fprintf(out, "%-10s %-10s %s\n", "shmid", "cpid", "lpid");
        for (size_t i = 0; i < n; i++)
            u_fprintf(out, "%-10d %-10d %d\n", list[i].shmid, list[i].creator_pid,
                      list[i].last_pid);
    } else {
        u_fprintf(out, "\n------ Shared Memory Segments --------\n");
        u_fprintf(out, "%-10s %-10s %-10s %-10s %-10s %s\n", "key", "shmid", "owner", "bytes",
                  "nattch", "status");
        for (size_t i = 0; i < n; i++) {
            const ShmInfo *s = &list[i];
            u_fprintf(out, "0x%08x %-10d %-10d %-10llu ", (unsigned)s->key, s->shmid,
                      s->creator_pid, (unsigned long long)s->size);
            if (s->removed)
                u_fprintf(out, "%-10u dest\n", s->attach_count);
            else
                u_fprintf(out, "%u\n", s->attach_count);
        }
    }
    u_putc('\n', out);
    xfree(list);
    return 0;
}
