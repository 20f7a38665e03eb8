/* ipcrm [-m SHMID] [-M SHMKEY] [-q MSQID] [-Q MSGKEY] [-s SEMID]
 * [-S SEMKEY] [-a]...: remove SysV IPC resources by id, by key (decimal,
 * or hex with 0x as ipcs prints it), or all of them. A shared memory
 * segment still attached is destroyed at its last detach and new
 * attaches are refused meanwhile (ipcs shows it as "dest"). Messages and
 * exit status follow util-linux: every operand is tried, and the status
 * is 1 if any failed. */
#include <stdlib.h>

#include "ulib.h"

/* What each kind needs: find by key, remove by id, list the ids. */
typedef struct IpcKind {
    char id_opt, key_opt;
    SyscallResult (*get)(int key);
    SyscallResult (*rm)(int id);
    size_t (*ids)(int **out); /* live ones not already removed */
} IpcKind;

static SyscallResult shm_get(int key) { return sys_shmget(key, 0, 0); }
static SyscallResult shm_rm(int id) { return sys_shmctl(id, AX_IPC_RMID, NULL); }
static SyscallResult msg_get(int key) { return sys_msgget(key, 0); }
static SyscallResult msg_rm(int id) { return sys_msgctl(id, AX_IPC_RMID, NULL); }
static SyscallResult sem_get(int key) { return sys_semget(key, 0, 0); }
static SyscallResult sem_rm(int id) { return sys_semctl(id, 0, AX_IPC_RMID, 0); }

#define IDS(name, T, fn, idfield, skip)                                              \
    static size_t name(int **out)                                                    \
    {                                                                                \
        SyscallResult r = fn(NULL, 0);                                               \
        size_t cap = r.error == AX_OK ? (size_t)r.value : 0, n = 0;                   \
        T *list = xmalloc((cap ? cap : 1) * sizeof(T));                               \
        r = fn(list, cap);                                                           \
        size_t got = r.error == AX_OK && (size_t)r.value <= cap ? (size_t)r.value : 0; \
        *out = xmalloc((got ? got : 1) * sizeof(int));                                \
        for (size_t i = 0; i < got; i++)                                             \
            if (!(skip))                                                             \
                (*out)[n++] = list[i].idfield;                                       \
        xfree(list);                                                                 \
        return n;                                                                    \
    }
IDS(shm_ids, ShmInfo, sys_shm_list, shmid, list[i].removed)
IDS(msg_ids, MsqInfo, sys_msg_list, msqid, false)
IDS(sem_ids, SemInfo, sys_sem_list, semid, false)

static const IpcKind kinds[] = {
    {'m', 'M', shm_get, shm_rm, shm_ids},
    {'q', 'Q', msg_get, msg_rm, msg_ids},
    {'s', 'S', sem_get, sem_rm, sem_ids},
};

static bool parse_key(const char *s, int *key)
{
    char *end;
    long long v = strtoll(s, &end, 0);
    if (*s == '\0' || *end != '\0' || v < INT32_MIN || v > (long long)UINT32_MAX)
        return false;
    *key = (int)(uint32_t)v; /* 0xffffffff is the key -1, as ipcs prints it */
    return true;
}

static bool remove_id(const IpcKind *kd, int id, const char *arg)
{
    SyscallResult r = kd->rm(id);
    if (r.error == AX_OK)
        return true;
    if (r.error == AX_EINVAL)
        u_eprintf("ipcrm: invalid id (%s)\n", arg);
    else
        u_perror("ipcrm", arg, r.error);
    return false;
}

static bool remove_key(const IpcKind *kd, const char *arg)
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
    SyscallResult r = kd->get(key);
    if (r.error != AX_OK) {
        u_eprintf("ipcrm: invalid key (%s)\n", arg);
        return false;
    }
    return remove_id(kd, (int)r.value, arg);
}

static bool remove_all(const IpcKind *kd)
{
    int *ids;
    size_t n = kd->ids(&ids);
    bool ok = true;
    for (size_t i = 0; i < n; i++)
        if (kd->rm(ids[i]).error != AX_OK)
            ok = false;
    xfree(ids);
    return ok;
}

int ipcrm_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    static const ULongOpt longopts[] = {
        {"shmem-id", U_REQ_ARG, 'm'}, {"shmem-key", U_REQ_ARG, 'M'},
        {"queue-id", U_REQ_ARG, 'q'}, {"queue-key", U_REQ_ARG, 'Q'},
        {"semaphore-id", U_REQ_ARG, 's'}, {"semaphore-key", U_REQ_ARG, 'S'},
        {"all", U_NO_ARG, 'a'}, {NULL, 0, 0}};
    bool ok = true, any = false;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "m:M:q:Q:s:S:a", longopts)) != -1) {
        any = true;
        if (c == 'a') {
            for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
                ok = remove_all(&kinds[i]) && ok;
            continue;
        }
        const IpcKind *kd = NULL;
        for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
            if (c == kinds[i].id_opt || c == kinds[i].key_opt)
                kd = &kinds[i];
        if (!kd)
            return 1;
        if (c == kd->key_opt) {
            ok = remove_key(kd, g.arg) && ok;
            continue;
        }
        int64_t id;
        if (!u_parse_i64(g.arg, &id) || id < 0 || id > INT32_MAX) {
            u_eprintf("ipcrm: failed to parse argument: '%s'\n", g.arg);
            ok = false;
        } else if (!remove_id(kd, (int)id, g.arg)) {
            ok = false;
        }
    }
    if (!any || g.ind < argc) {
        u_eprintf("usage: ipcrm [-m SHMID | -M SHMKEY | -q MSQID | -Q MSGKEY | -s SEMID | "
                  "-S SEMKEY | -a]...\n");
        return 1;
    }
    return ok ? 0 : 1;
}
