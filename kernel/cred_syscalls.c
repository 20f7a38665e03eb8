/* The identity calls: getuid and the rest, setuid and the rest, the
 * supplementary groups. Rules of POSIX and Linux (kernel/sys.c): the
 * superuser may set any id; anyone else may only move among the real,
 * effective and saved ids it has. A failed call changes nothing. */
#include "kernel/cred.h"
#include "kernel/kernel.h"
#include "syscall/handlers.h"

int64_t ksys_getuid(Kernel *k, const SyscallArgs *a) { return k->cur->cred.ruid; }
int64_t ksys_geteuid(Kernel *k, const SyscallArgs *a) { return k->cur->cred.euid; }
int64_t ksys_getgid(Kernel *k, const SyscallArgs *a) { return k->cur->cred.rgid; }
int64_t ksys_getegid(Kernel *k, const SyscallArgs *a) { return k->cur->cred.egid; }

/* Which id fields a set call changes: real, effective, saved. The uid
 * calls and the gid calls share the rules; only the fields differ. */
typedef struct IdTriple {
    uint32_t *r, *e, *s;
} IdTriple;

static IdTriple cred_uids(Cred *c) { return (IdTriple){&c->ruid, &c->euid, &c->suid}; }
static IdTriple cred_gids(Cred *c) { return (IdTriple){&c->rgid, &c->egid, &c->sgid}; }

/* Is v one of the ids the caller has now? */
static bool id_held(IdTriple t, uint32_t v) { return v == *t.r || v == *t.e || v == *t.s; }

/* setuid / setgid: root sets all three; others only the effective one,
 * to the real or saved id. */
static int64_t id_set(Kernel *k, IdTriple t, uint32_t v) {
    if (v == AX_ID_NONE)
        return -AX_EINVAL;
    if (cred_capable(&k->cur->cred)) {
        *t.r = *t.e = *t.s = v;
        return 0;
    }
    if (v != *t.r && v != *t.s)
        return -AX_EPERM;
    *t.e = v;
    return 0;
}

/* setresuid / setresgid; AX_ID_NONE leaves a field. */
static int64_t id_setres(Kernel *k, IdTriple t, uint32_t r, uint32_t e, uint32_t s) {
    if (!cred_capable(&k->cur->cred) && ((r != AX_ID_NONE && !id_held(t, r)) ||
                                         (e != AX_ID_NONE && !id_held(t, e)) ||
                                         (s != AX_ID_NONE && !id_held(t, s))))
        return -AX_EPERM;
    if (r != AX_ID_NONE)
        *t.r = r;
    if (e != AX_ID_NONE)
        *t.e = e;
    if (s != AX_ID_NONE)
        *t.s = s;
    return 0;
}

/* setreuid / setregid: the real id may become the effective one, the
 * effective any of the three; the saved id follows the new effective one
 * when the real id is set or the effective one leaves the old real id. */
static int64_t id_setre(Kernel *k, IdTriple t, uint32_t r, uint32_t e) {
    if (!cred_capable(&k->cur->cred) &&
        ((r != AX_ID_NONE && r != *t.r && r != *t.e) || (e != AX_ID_NONE && !id_held(t, e))))
        return -AX_EPERM;
    uint32_t old_r = *t.r;
    if (r != AX_ID_NONE)
        *t.r = r;
    if (e != AX_ID_NONE)
        *t.e = e;
    if (r != AX_ID_NONE || (e != AX_ID_NONE && e != old_r))
        *t.s = *t.e;
    return 0;
}

/* seteuid / setegid (glibc: setresuid(-1, id, -1), EINVAL for -1). */
static int64_t id_seteffective(Kernel *k, IdTriple t, uint32_t e) {
    if (e == AX_ID_NONE)
        return -AX_EINVAL;
    return id_setres(k, t, AX_ID_NONE, e, AX_ID_NONE);
}

#define ARG_ID(i) ((uint32_t)ARG_U64(i))

/* After a set call: one that changed the effective ids leaves the process
 * traceable by root only (cred_changed). Returns r. */
static int64_t id_commit(Kernel *k, const Cred *before, int64_t r) {
    if (r == 0)
        cred_changed(&k->cur->cred, before);
    return r;
}

int64_t ksys_setuid(Kernel *k, const SyscallArgs *a) {
    Cred before = k->cur->cred;
    return id_commit(k, &before, id_set(k, cred_uids(&k->cur->cred), ARG_ID(0)));
}
int64_t ksys_setgid(Kernel *k, const SyscallArgs *a) {
    Cred before = k->cur->cred;
    return id_commit(k, &before, id_set(k, cred_gids(&k->cur->cred), ARG_ID(0)));
}
int64_t ksys_seteuid(Kernel *k, const SyscallArgs *a) {
    Cred before = k->cur->cred;
    return id_commit(k, &before, id_seteffective(k, cred_uids(&k->cur->cred), ARG_ID(0)));
}
int64_t ksys_setegid(Kernel *k, const SyscallArgs *a) {
    Cred before = k->cur->cred;
    return id_commit(k, &before, id_seteffective(k, cred_gids(&k->cur->cred), ARG_ID(0)));
}
int64_t ksys_setreuid(Kernel *k, const SyscallArgs *a) {
    Cred before = k->cur->cred;
    return id_commit(k, &before, id_setre(k, cred_uids(&k->cur->cred), ARG_ID(0), ARG_ID(1)));
}
int64_t ksys_setregid(Kernel *k, const SyscallArgs *a) {
    Cred before = k->cur->cred;
    return id_commit(k, &before, id_setre(k, cred_gids(&k->cur->cred), ARG_ID(0), ARG_ID(1)));
}
int64_t ksys_setresuid(Kernel *k, const SyscallArgs *a) {
    Cred before = k->cur->cred;
    return id_commit(k, &before, id_setres(k, cred_uids(&k->cur->cred), ARG_ID(0), ARG_ID(1), ARG_ID(2)));
}
int64_t ksys_setresgid(Kernel *k, const SyscallArgs *a) {
    Cred before = k->cur->cred;
    return id_commit(k, &before, id_setres(k, cred_gids(&k->cur->cred), ARG_ID(0), ARG_ID(1), ARG_ID(2)));
}

static int64_t id_getres(IdTriple t, const SyscallArgs *a) {
    uint32_t *r = ARG_PTR(uint32_t *, 0), *e = ARG_PTR(uint32_t *, 1), *s = ARG_PTR(uint32_t *, 2);
    if (!r || !e || !s)
        return -AX_EFAULT;
    *r = *t.r;
    *e = *t.e;
    *s = *t.s;
    return 0;
}

int64_t ksys_getresuid(Kernel *k, const SyscallArgs *a) {
    return id_getres(cred_uids(&k->cur->cred), a);
}
int64_t ksys_getresgid(Kernel *k, const SyscallArgs *a) {
    return id_getres(cred_gids(&k->cur->cred), a);
}

int64_t ksys_getgroups(Kernel *k, const SyscallArgs *a) {
    const Cred *c = &k->cur->cred;
    int64_t size = ARG_I64(0);
    uint32_t *list = ARG_PTR(uint32_t *, 1);
    if (size < 0 || size > INT32_MAX)
        return -AX_EINVAL;
    if (size == 0)
        return c->ngroups;
    if ((uint64_t)size < c->ngroups)
        return -AX_EINVAL;
    if (!list)
        return -AX_EFAULT;
    for (uint32_t i = 0; i < c->ngroups; i++)
        list[i] = c->groups[i];
    return c->ngroups;
}

int64_t ksys_setgroups(Kernel *k, const SyscallArgs *a) {
    Cred *c = &k->cur->cred;
    int64_t size = ARG_I64(0);
    const uint32_t *list = ARG_PTR(const uint32_t *, 1);
    if (!cred_capable(c))
        return -AX_EPERM;
    if (size < 0 || size > AX_NGROUPS_MAX)
        return -AX_EINVAL;
    if (size > 0 && !list)
        return -AX_EFAULT;
    cred_set_groups(c, list, (size_t)size);
    return 0;
}

/* umask belongs with the credentials: like them it says what a process's
 * new files are (owner, group, mode), is inherited and survives exec. */
int64_t ksys_umask(Kernel *k, const SyscallArgs *a) {
    uint32_t old = k->cur->umask;
    k->cur->umask = (uint32_t)ARG_U64(0) & 0777;
    return old;
}
