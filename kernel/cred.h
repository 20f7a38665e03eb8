/* Credentials: who a process is, and the one place that decides what it
 * may do.
 *
 * Every permission decision of the kernel is made here, from a Cred and
 * the owner and mode of what is reached: the VFS asks cred_permission for
 * each directory searched and each file opened, created or removed; the
 * signal room asks cred_may_signal; SysV objects ask cred_ipc_access and
 * cred_ipc_control; trace control asks cred_capable. The rules are
 * Linux's (POSIX leaves the privileged case to the implementation): the
 * superuser is euid 0 and holds every capability Linux gives root, so it
 * bypasses read and write checks, and needs one execute bit to execute a
 * file. axos has no setfsuid: file access uses the effective ids, as
 * Linux's fsuid does while nobody changes it.
 */
#ifndef AXOS_KERNEL_CRED_H
#define AXOS_KERNEL_CRED_H

#include <stdbool.h>
#include <stdint.h>

#include "axos.h"

typedef struct Cred {
    uint32_t ruid, euid, suid; /* real, effective, saved set-user-ID */
    uint32_t rgid, egid, sgid;
    uint32_t ngroups;          /* supplementary groups in groups[] */
    uint32_t groups[AX_NGROUPS_MAX]; /* sorted ascending, as Linux keeps them */
    bool nodump;               /* a set-ID exec or a change of effective id made
                                  it privileged: only root may trace it, for the
                                  rest of its life (Linux's dumpable = 0) */
} Cred;

/* The credentials of root: every id 0, no supplementary group. */
void cred_init_root(Cred *c);
/* An ordinary user's: real, effective and saved ids uid and gid, and
 * groups[0..n) as supplementary groups (sorted; n over AX_NGROUPS_MAX is
 * cut). */
void cred_init_user(Cred *c, uint32_t uid, uint32_t gid, const uint32_t *groups, size_t n);

/* Make groups[0..n) c's supplementary groups, sorted (n is at most
 * AX_NGROUPS_MAX; more are cut). Duplicates stay, as on Linux. */
void cred_set_groups(Cred *c, const uint32_t *groups, size_t n);

/* Has c the privileges of the superuser (euid 0)? */
static inline bool cred_capable(const Cred *c) { return c->euid == 0; }

/* Is gid c's effective group or one of its supplementary groups? */
bool cred_in_group(const Cred *c, uint32_t gid);

/* May c reach an object owned by uid:gid with permission bits mode
 * (07777; is_dir says whether it is a directory) for `want`, any of
 * AX_R_OK, AX_W_OK, AX_X_OK (for a directory, X is search)? The owner's
 * class applies to the owner, else the group's to a member, else the
 * others'. Root passes every read, write and search, and an execute of a
 * file with at least one execute bit. Returns 0 or -AX_EACCES. */
int cred_permission(const Cred *c, uint32_t uid, uint32_t gid, uint32_t mode, bool is_dir,
                    int want);

/* The real-id view of c, which access(2) judges with: effective ids
 * replaced by the real ones. */
void cred_real_view(const Cred *c, Cred *out);

/* Is c the owner of what uid owns, or root (chmod, utimes, the sticky
 * bit)? */
static inline bool cred_owns(const Cred *c, uint32_t uid) {
    return c->euid == uid || c->euid == 0;
}

/* The sticky-bit rule of unlink, rmdir and rename (POSIX): in a
 * directory with AX_S_ISVTX only the file's owner, the directory's owner
 * or root may remove or replace a name. Returns 0 or -AX_EPERM (Linux's
 * may_delete answer; POSIX allows EACCES or EPERM). */
int cred_sticky_check(const Cred *c, uint32_t dir_uid, uint32_t dir_mode, uint32_t file_uid);

/* chmod by c of an object owned by uid:gid: 0 and *mode (07777) adjusted
 * as Linux does (a non-root caller outside the group loses AX_S_ISGID),
 * or -AX_EPERM (not the owner, not root). */
int cred_chmod(const Cred *c, uint32_t uid, uint32_t gid, uint32_t *mode);

/* chown by c of an object owned by uid:gid with mode (is_dir: a
 * directory) to new_uid:new_gid (each AX_ID_NONE to leave it): root may do
 * anything; the owner may keep the uid and set the group to one of its
 * own; anyone may leave both as they are, unless that would clear a
 * setuid or setgid bit (cred_chown_mode), which only the owner may.
 * Returns 0 or -AX_EPERM. */
int cred_chown(const Cred *c, uint32_t uid, uint32_t gid, uint32_t mode, bool is_dir,
               uint32_t new_uid, uint32_t new_gid);

/* The mode a chown leaves on a non-directory: AX_S_ISUID goes, and
 * AX_S_ISGID when group execute is set (Linux clears them even for root,
 * and even when the ids do not change). */
uint32_t cred_chown_mode(uint32_t mode, bool is_dir);

/* The owner and mode of a new node that c creates in a directory owned
 * by dir_gid with dir_mode, asked for with permission bits mode, under
 * umask: the effective uid; the directory's group when it has
 * AX_S_ISGID, else the effective gid; mode & ~umask (a directory keeps
 * only 01777 of what was asked, as Linux's mkdir) and a directory
 * inherits AX_S_ISGID from a setgid parent. A file asked to be setgid
 * and group-executable in a setgid directory by someone outside that
 * group (not root) loses AX_S_ISGID (Linux's mode_strip_sgid). */
void cred_new_owner(const Cred *c, uint32_t dir_gid, uint32_t dir_mode, bool is_dir,
                    uint32_t mode, uint32_t umask, uint32_t *uid, uint32_t *gid,
                    uint32_t *out_mode);

/* exec of a file owned by uid:gid with permission bits mode: the
 * set-user-ID bit makes uid the effective uid, the set-group-ID bit (with
 * group execute) makes gid the effective gid; then the saved ids take the
 * effective ones (POSIX). An exec that leaves the effective ids other than
 * the real ones sets nodump (Linux's begin_new_exec); spawn clears it
 * first, as the new process has no past. */
void cred_exec(Cred *c, uint32_t uid, uint32_t gid, uint32_t mode);

/* A set*id call changed c's ids from `before`: a new effective uid or gid
 * sets nodump (Linux's commit_creds). */
void cred_changed(Cred *c, const Cred *before);

/* Who besides root may trace a process with credentials c (read its
 * trace events): true with *uid and *gid when its real, effective and
 * saved uids are all *uid, its gids all *gid, and nodump is clear; false
 * when only root may. */
bool cred_trace_owner(const Cred *c, uint32_t *uid, uint32_t *gid);

/* May tracer trace a process whose cred_trace_owner answer was (open,
 * uid, gid)? Linux's ptrace rule (PTRACE_MODE_ATTACH_REALCREDS): root
 * (CAP_SYS_PTRACE) may trace anyone; others a process open to the
 * tracer's real uid and real gid. 0 or -AX_EPERM. */
int cred_may_trace(const Cred *tracer, bool open, uint32_t uid, uint32_t gid);

/* May sender signal target (kill(2))? Root may signal anyone; others only
 * a process whose real or saved uid is the sender's real or effective
 * uid. same_session_cont: the signal is SIGCONT and both are in one
 * session, which POSIX lets through whoever they are. Returns 0 or
 * -AX_EPERM. */
int cred_may_signal(const Cred *sender, const Cred *target, bool same_session_cont);

/* ---- SysV IPC objects (shared memory, message queues, semaphores) ----
 * Each object keeps its owner, its creator and its mode, as Linux's
 * struct kern_ipc_perm; the rules are Linux's ipcperms and
 * ipcctl_obtain_check. */
typedef struct IpcOwner {
    uint32_t uid, gid;   /* owner: IPC_SET may change them */
    uint32_t cuid, cgid; /* creator: fixed */
    uint32_t mode;       /* permission bits 0777 */
} IpcOwner;

/* A new object made by c with permission bits mode & 0777. */
void cred_ipc_owner_init(IpcOwner *o, const Cred *c, uint32_t mode);
/* May c use the object for want (AX_R_OK, AX_W_OK, both)? The owner's or
 * creator's class applies, else the group's (owner or creator group),
 * else the others'; root passes. 0 or -AX_EACCES. */
int cred_ipc_access(const Cred *c, const IpcOwner *o, int want);
/* May c remove the object or change its owner and mode (IPC_RMID,
 * IPC_SET)? Its owner, its creator or root. 0 or -AX_EPERM. */
int cred_ipc_control(const Cred *c, const IpcOwner *o);
/* IPC_SET (after cred_ipc_control): the new owner uid:gid and the low 9
 * bits of mode; the creator stays (Linux's ipc_update_perm). 0, or
 * -AX_EINVAL for an id that names nobody (AX_ID_NONE), o unchanged. */
int cred_ipc_set(IpcOwner *o, uint32_t uid, uint32_t gid, uint32_t mode);

#endif
