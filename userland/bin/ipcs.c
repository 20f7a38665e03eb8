/* ipcs [-q | -m | -s | -a] [-p]: list the SysV IPC resources, as
 * util-linux's ipcs does, one section per kind (message queues, shared
 * memory segments, semaphore arrays; all three by default):
 *
 *   ------ Shared Memory Segments --------
 *   key        shmid      owner      bytes      nattch     status
 *   0x0000004d 0          2          4096       1
 *
 * owner is the owner's uid for queues and semaphore arrays (the name
 * util-linux would print needs a passwd lookup ulib does not have yet)
 * and the creator's pid for segments (ShmInfo has no owner yet); a
 * segment's status is
 * "dest" once removed with ipcrm while still attached. -p shows the
 * processes instead: for queues the last to send and to receive, for
 * segments the creator and the last to attach or detach. */
#include "ulib.h"

/* sys_*_list into a fresh array: how many are in it. */
#define SNAPSHOT(fn, T, out)                                                        \
    do {                                                                            \
        SyscallResult r_ = fn(NULL, 0);                                             \
        size_t cap_ = r_.error == AX_OK ? (size_t)r_.value : 0;                      \
        *(out) = xmalloc((cap_ ? cap_ : 1) * sizeof(T));                             \
        r_ = fn(*(out), cap_);                                                      \
        n = r_.error == AX_OK && (size_t)r_.value <= cap_ ? (size_t)r_.value : 0;   \
    } while (0)

static void show_msg(UStream *out, bool pids)
{
    MsqInfo *list;
    size_t n;
    SNAPSHOT(sys_msg_list, MsqInfo, &list);
    if (pids) {
        u_fprintf(out, "\n------ Message Queues PIDs --------\n");
        u_fprintf(out, "%-10s %-10s %s\n", "msqid", "lspid", "lrpid");
        for (size_t i = 0; i < n; i++)
            u_fprintf(out, "%-10d %-10d %d\n", list[i].msqid, list[i].lspid, list[i].lrpid);
    } else {
        u_fprintf(out, "\n------ Message Queues --------\n");
        u_fprintf(out, "%-10s %-10s %-10s %-10s %-12s %s\n", "key", "msqid", "owner", "perms",
                  "used-bytes", "messages");
        for (size_t i = 0; i < n; i++)
            u_fprintf(out, "0x%08x %-10d %-10d %-10o %-12llu %llu\n", (unsigned)list[i].key,
                      list[i].msqid, (int)list[i].uid, list[i].mode,
                      (unsigned long long)list[i].cbytes, (unsigned long long)list[i].qnum);
    }
    xfree(list);
}

static void show_shm(UStream *out, bool pids)
{
    ShmInfo *list;
    size_t n;
    SNAPSHOT(sys_shm_list, ShmInfo, &list);
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
    xfree(list);
}

static void show_sem(UStream *out)
{
    SemInfo *list;
    size_t n;
    SNAPSHOT(sys_sem_list, SemInfo, &list);
    u_fprintf(out, "\n------ Semaphore Arrays --------\n");
    u_fprintf(out, "%-10s %-10s %-10s %-10s %s\n", "key", "semid", "owner", "perms", "nsems");
    for (size_t i = 0; i < n; i++)
        u_fprintf(out, "0x%08x %-10d %-10d %-10o %u\n", (unsigned)list[i].key, list[i].semid,
                  (int)list[i].uid, list[i].mode, list[i].nsems);
    xfree(list);
}

int ipcs_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    static const ULongOpt longopts[] = {
        {"queues", U_NO_ARG, 'q'}, {"shmems", U_NO_ARG, 'm'}, {"semaphores", U_NO_ARG, 's'},
        {"all", U_NO_ARG, 'a'},    {"pid", U_NO_ARG, 'p'},    {NULL, 0, 0}};
    bool pids = false, q = false, m = false, s = false;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "qmsap", longopts)) != -1) {
        switch (c) {
        case 'q': q = true; break;
        case 'm': m = true; break;
        case 's': s = true; break;
        case 'a': q = m = s = true; break;
        case 'p': pids = true; break;
        default:
            u_eprintf("usage: ipcs [-q | -m | -s | -a] [-p]\n");
            return 1;
        }
    }
    if (g.ind < argc) {
        u_eprintf("ipcs: extra operand '%s'\n", argv[g.ind]);
        return 1;
    }
    if (!q && !m && !s)
        q = m = s = true;
    UStream *out = u_stdout();
    if (q)
        show_msg(out, pids);
    if (m)
        show_shm(out, pids);
    if (s && !pids) /* util-linux has no -p section for semaphores */
        show_sem(out);
    u_putc('\n', out);
    return 0;
}
