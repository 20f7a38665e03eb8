/* ipcrm [-m SHMID]... [-M SHMKEY]... [-a]: remove shared memory segments,
 * by id, by key (decimal, or hex with 0x as ipcs prints it), or all of
 * them. A segment still attached is destroyed at its last detach and new
 * attaches are refused meanwhile (ipcs shows it as "dest"). Messages and
 * exit status follow util-linux: every operand is tried, and the status is
 * 1 if any failed. */
#include <stdlib.h>

#include "ulib.h"

static bool parse_key(const char *s, int *key)
{
    char *end;
    long long v = strtoll(s, &end, 0);
    if (*s == '\0' || *end != '\0' || v < INT32_MIN || v > (long long)UINT32_MAX)
        return false;
    *key = (int)(uint32_t)v; /* 0xffffffff is the key -1, as ipcs prints it */
    return true;
}

static bool remove_id(int shmid, const char *arg)
{
    SyscallResult r = sys_shmctl(shmid, AX_IPC_RMID, NULL);
    if (r.error == AX_OK)
        return true;
    if (r.error == AX_EINVAL)
        u_eprintf("ipcrm: invalid id (%s)\n", arg);
    else
        u_perror("ipcrm", arg, r.error);
    return false;
}

static bool remove_key(const char *arg)
{
    int key;
    if (!parse_key(arg, &key)) {
        u_eprintf("ipcrm: failed to parse argument: '%s'\n", arg);
        return false;
    }
    if (key == AX_IPC_PRIVATE) {
        u_eprintf("ipcrm: illegal key (%s)\n", arg);
        return false;
    }
    SyscallResult r = sys_shmget(key, 0, 0);
    if (r.error != AX_OK) {
        u_eprintf("ipcrm: invalid key (%s)\n", arg);
        return false;
    }
    return remove_id((int)r.value, arg);
}

/* Every segment not already removed. */
static bool remove_all(void)
{
    SyscallResult r = sys_shm_list(NULL, 0);
    size_t cap = r.error == AX_OK ? (size_t)r.value : 0;
    ShmInfo *list = xmalloc((cap ? cap : 1) * sizeof(ShmInfo));
    r = sys_shm_list(list, cap);
    size_t n = r.error == AX_OK && (size_t)r.value <= cap ? (size_t)r.value : 0;
    bool ok = true;
    for (size_t i = 0; i < n; i++)
        if (!list[i].removed && sys_shmctl(list[i].shmid, AX_IPC_RMID, NULL).error != AX_OK)
            ok = false;
    xfree(list);
    return ok;
}

int ipcrm_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    bool ok = true, any = false;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "m:M:a", NULL)) != -1) {
        any = true;
        switch (c) {
        case 'm': {
            int64_t id;
            if (!u_parse_i64(g.arg, &id) || id < 0 || id > INT32_MAX) {
                u_eprintf("ipcrm: failed to parse argument: '%s'\n", g.arg);
                ok = false;
            } else if (!remove_id((int)id, g.arg)) {
                ok = false;
            }
            break;
        }
        case 'M':
            ok = remove_key(g.arg) && ok;
            break;
        case 'a':
            ok = remove_all() && ok;
            break;
        default:
            return 1;
        }
    }
    if (!any || g.ind < argc) {
        u_eprintf("usage: ipcrm [-m SHMID | -M SHMKEY | -a]...\n");
        return 1;
    }
    return ok ? 0 : 1;
}
