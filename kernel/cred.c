/* Credentials and every permission decision the kernel makes (see
 * cred.h). The rules follow Linux's fs/namei.c (generic_permission),
 * fs/attr.c (setattr_prepare), fs/inode.c (inode_init_owner),
 * kernel/signal.c (kill_ok_by_cred) and ipc/util.c (ipcperms), with the
 * superuser holding all the capabilities those consult. */
#include <string.h>

#include "kernel/cred.h"

void cred_init_root(Cred *c) {
    memset(c, 0, sizeof *c);
}

static void groups_sort(uint32_t *g, size_t n) {
    for (size_t i = 1; i < n; i++) { /* insertion: at most AX_NGROUPS_MAX */
        uint32_t v = g[i];
        size_t j = i;
        for (; j > 0 && g[j - 1] > v; j--)
            g[j] = g[j - 1];
        g[j] = v;
    }
}

void cred_set_groups(Cred *c, const uint32_t *groups, size_t n) {
    if (n > AX_NGROUPS_MAX)
        n = AX_NGROUPS_MAX;
    for (size_t i = 0; i < n; i++)
        c->groups[i] = groups[i];
    c->ngroups = (uint32_t)n;
    groups_sort(c->groups, n);
}

void cred_init_user(Cred *c, uint32_t uid, uint32_t gid, const uint32_t *groups, size_t n) {
    memset(c, 0, sizeof *c);
    c->ruid = c->euid = c->suid = uid;
    c->rgid = c->egid = c->sgid = gid;
    cred_set_groups(c, groups, n);
}

bool cred_in_group(const Cred *c, uint32_t gid) {
    if (c->egid == gid)
        return true;
    /* sorted: a binary search, as Linux's groups_search */
    size_t lo = 0, hi = c->ngroups;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->groups[mid] == gid)
            return true;
        if (c->groups[mid] < gid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/* The permission bits (rwx, 0..7) that apply to c: the owner's, the
 * group's or the others'. */
static inline uint32_t cred_class_bits(const Cred *c, uint32_t uid, uint32_t gid, uint32_t mode) {
    if (c->euid == uid)
        return (mode >> 6) & 7;
    if (cred_in_group(c, gid))
        return (mode >> 3) & 7;
    return mode & 7;
}

int cred_permission(const Cred *c, uint32_t uid, uint32_t gid, uint32_t mode, bool is_dir,
                    int want) {
    want &= 7;
    if ((want & ~cred_class_bits(c, uid, gid, mode)) == 0)
        return 0;
    if (c->euid != 0)
        return -AX_EACCES;
    /* root: CAP_DAC_OVERRIDE reads, writes and searches anything, and
     * executes a file that someone may execute */
    if (is_dir || !(want & AX_X_OK) || (mode & 0111))
        return 0;
    return -AX_EACCES;
}

void cred_real_view(const Cred *c, Cred *out) {
    *out = *c;
    out->euid = c->ruid;
    out->egid = c->rgid;
}

int cred_sticky_check(const Cred *c, uint32_t dir_uid, uint32_t dir_mode, uint32_t file_uid) {
    if (!(dir_mode & AX_S_ISVTX) || c->euid == file_uid || c->euid == dir_uid || c->euid == 0)
        return 0;
    return -AX_EPERM;
}

int cred_chmod(const Cred *c, uint32_t uid, uint32_t gid, uint32_t *mode) {
    if (!cred_owns(c, uid))
        return -AX_EPERM;
    /* Linux (setattr_should_drop_sgid): an owner outside the file's group
     * cannot make it set-group-ID; the bit is dropped, the call succeeds */
    if (c->euid != 0 && !cred_in_group(c, gid))
        *mode &= ~(uint32_t)AX_S_ISGID;
    return 0;
}

int cred_chown(const Cred *c, uint32_t uid, uint32_t gid, uint32_t mode, bool is_dir,
               uint32_t new_uid, uint32_t new_gid) {
    if (c->euid == 0)
        return 0;
    /* clearing setuid or setgid is a mode change: the owner's (Linux adds
     * ATTR_MODE to the change, and setattr_prepare asks for the owner) */
    if (cred_chown_mode(mode, is_dir) != mode && c->euid != uid)
        return -AX_EPERM;
    /* Linux chown_ok / chgrp_ok: the owner may "change" the uid to
     * itself, and the group to one it belongs to or to the same group */
    if (new_uid != AX_ID_NONE && !(c->euid == uid && new_uid == uid))
        return -AX_EPERM;
    if (new_gid != AX_ID_NONE &&
        !(c->euid == uid && (new_gid == gid || cred_in_group(c, new_gid))))
        return -AX_EPERM;
    return 0;
}

uint32_t cred_chown_mode(uint32_t mode, bool is_dir) {
    if (is_dir)
        return mode;
    mode &= ~(uint32_t)AX_S_ISUID;
    if (mode & 0010)
        mode &= ~(uint32_t)AX_S_ISGID;
    return mode;
}

void cred_new_owner(const Cred *c, uint32_t dir_gid, uint32_t dir_mode, bool is_dir,
                    uint32_t mode, uint32_t umask, uint32_t *uid, uint32_t *gid,
                    uint32_t *out_mode) {
    *uid = c->euid;
    bool setgid_dir = (dir_mode & AX_S_ISGID) != 0;
    *gid = setgid_dir ? dir_gid : c->egid;
    mode &= is_dir ? 01777u : 07777u;
    mode &= ~(umask & 0777);
    if (is_dir && setgid_dir)
        mode |= AX_S_ISGID;
    else if (!is_dir && setgid_dir && (mode & (AX_S_ISGID | 0010)) == (AX_S_ISGID | 0010) &&
             c->euid != 0 && !cred_in_group(c, *gid))
        mode &= ~(uint32_t)AX_S_ISGID;
    *out_mode = mode;
}

void cred_exec(Cred *c, uint32_t uid, uint32_t gid, uint32_t mode) {
    if (mode & AX_S_ISUID)
        c->euid = uid;
    if ((mode & (AX_S_ISGID | 0010)) == (AX_S_ISGID | 0010))
        c->egid = gid;
    c->suid = c->euid;
    c->sgid = c->egid;
    if (c->euid != c->ruid || c->egid != c->rgid)
        c->nodump = true;
}

void cred_changed(Cred *c, const Cred *before) {
    if (c->euid != before->euid || c->egid != before->egid)
        c->nodump = true;
}

bool cred_trace_owner(const Cred *c, uint32_t *uid, uint32_t *gid) {
    *uid = c->ruid;
    *gid = c->rgid;
    return !c->nodump && c->euid == c->ruid && c->suid == c->ruid && c->egid == c->rgid &&
           c->sgid == c->rgid;
}

int cred_may_trace(const Cred *tracer, bool open, uint32_t uid, uint32_t gid) {
    if (cred_capable(tracer) || (open && uid == tracer->ruid && gid == tracer->rgid))
        return 0;
    return -AX_EPERM;
}

int cred_may_signal(const Cred *s, const Cred *t, bool same_session_cont) {
    if (s->euid == 0 || s->euid == t->suid || s->euid == t->ruid || s->ruid == t->suid ||
        s->ruid == t->ruid || same_session_cont)
        return 0;
    return -AX_EPERM;
}

void cred_ipc_owner_init(IpcOwner *o, const Cred *c, uint32_t mode) {
    o->uid = o->cuid = c->euid;
    o->gid = o->cgid = c->egid;
    o->mode = mode & 0777;
}

int cred_ipc_access(const Cred *c, const IpcOwner *o, int want) {
    uint32_t granted;
    if (c->euid == o->cuid || c->euid == o->uid)
        granted = o->mode >> 6;
    else if (cred_in_group(c, o->cgid) || cred_in_group(c, o->gid))
        granted = o->mode >> 3;
    else
        granted = o->mode;
    if ((want & 7 & ~granted & 7) == 0 || c->euid == 0)
        return 0;
    return -AX_EACCES;
}

int cred_ipc_control(const Cred *c, const IpcOwner *o) {
    if (c->euid == o->cuid || c->euid == o->uid || c->euid == 0)
        return 0;
    return -AX_EPERM;
}

int cred_ipc_set(IpcOwner *o, uint32_t uid, uint32_t gid, uint32_t mode) {
    if (uid == AX_ID_NONE || gid == AX_ID_NONE)
        return -AX_EINVAL;
    o->uid = uid;
    o->gid = gid;
    o->mode = mode & 0777;
    return 0;
}
