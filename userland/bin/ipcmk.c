/* ipcmk [-M SIZE | -Q | -S NSEMS]... [-p MODE]: make SysV IPC resources
 * and print their ids, as util-linux's ipcmk does:
 *
 *   Shared memory id: 0
 *   Message queue id: 0
 *   Semaphore id: 0
 *
 * Each gets a key drawn from /dev/random (seeded: a run repeats), mode
 * 0644 unless -p says otherwise. SIZE may end in K, M or G (KiB...). */
#include <stdlib.h>

#include "ulib.h"

static int random_key(void)
{
    uint32_t key = 0;
    SyscallResult fd = sys_open("/dev/urandom", AX_O_RDONLY, 0);
    if (fd.error == AX_OK) {
        sys_read((int)fd.value, &key, sizeof key);
        sys_close((int)fd.value);
    }
    return key ? (int)key : 1; /* never IPC_PRIVATE */
}

static bool parse_size(const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || *s == '-')
        return false;
    unsigned shift = 0;
    switch (*end) {
    case 'K': shift = 10; end++; break;
    case 'M': shift = 20; end++; break;
    case 'G': shift = 30; end++; break;
    }
    if (end[0] == 'i' && end[1] == 'B')
        end += 2;
    else if (end[0] == 'B' && shift)
        end++;
    if (*end || (shift && v > (UINT64_MAX >> shift)))
        return false;
    *out = (uint64_t)v << shift;
    return true;
}

int ipcmk_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    static const ULongOpt longopts[] = {{"shmem", U_REQ_ARG, 'M'}, {"semaphore", U_REQ_ARG, 'S'},
                                        {"queue", U_NO_ARG, 'Q'},  {"mode", U_REQ_ARG, 'p'},
                                        {NULL, 0, 0}};
    uint64_t size = 0;
    int64_t nsems = 0;
    bool shm = false, msg = false, sem = false;
    uint32_t mode = 0644;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "M:QS:p:", longopts)) != -1) {
        switch (c) {
        case 'M':
            if (!parse_size(g.arg, &size) || size == 0) {
                u_eprintf("ipcmk: failed to parse size: '%s'\n", g.arg);
                return 1;
            }
            shm = true;
            break;
        case 'Q': msg = true; break;
        case 'S':
            if (!u_parse_i64(g.arg, &nsems) || nsems < 1 || nsems > AX_SEMMSL) {
                u_eprintf("ipcmk: failed to parse elements: '%s'\n", g.arg);
                return 1;
            }
            sem = true;
            break;
        case 'p': {
            char *end;
            long m = strtol(g.arg, &end, 8);
            if (!*g.arg || *end || m < 0 || m > 0777) {
                u_eprintf("ipcmk: failed to parse mode: '%s'\n", g.arg);
                return 1;
            }
            mode = (uint32_t)m;
            break;
        }
        default: return 1;
        }
    }
    if ((!shm && !msg && !sem) || g.ind < argc) {
        u_eprintf("usage: ipcmk [-M SIZE | -Q | -S NSEMS]... [-p MODE]\n");
        return 1;
    }
    int status = 0;
    int flags = AX_IPC_CREAT | AX_IPC_EXCL | (int)mode;
    if (shm) {
        SyscallResult r = sys_shmget(random_key(), (size_t)size, flags);
        if (r.error)
            status = 1, u_perror("ipcmk", "create share memory failed", r.error);
        else
            u_printf("Shared memory id: %lld\n", (long long)r.value);
    }
    if (msg) {
        SyscallResult r = sys_msgget(random_key(), flags);
        if (r.error)
            status = 1, u_perror("ipcmk", "create message queue failed", r.error);
        else
            u_printf("Message queue id: %lld\n", (long long)r.value);
    }
    if (sem) {
        SyscallResult r = sys_semget(random_key(), (int)nsems, flags);
        if (r.error)
            status = 1, u_perror("ipcmk", "create semaphore failed", r.error);
        else
            u_printf("Semaphore id: %lld\n", (long long)r.value);
    }
    return status;
}
