/* System V message queues and semaphore sets over axos's (Linux's
 * ipc/msg.c and ipc/sem.c semantics, kept by the kernel).
 *
 * The calls pass through: axos uses Linux's flag and command numbers and
 * the layouts of struct msgbuf and struct sembuf. What is converted here
 * is the control structure (struct msqid_ds, struct semid_ds: axos's
 * MsqInfo and SemInfo, with times in ns of the kernel clock, become
 * times since the epoch), semctl's variadic union argument, and
 * semtimedop's timespec. axos has no users: uid and gid read 0.
 * Shared memory (shmget, shmat) is not here: axos's segments are
 * attached as regions a process copies through, not as addresses, so
 * shmat has nothing to return (ENOSYS, docs/posix.md). */
#include <stdarg.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <time.h>

#include "posix/internal.h"

_Static_assert(IPC_CREAT == AX_IPC_CREAT && IPC_EXCL == AX_IPC_EXCL &&
                   IPC_NOWAIT == AX_IPC_NOWAIT && IPC_PRIVATE == AX_IPC_PRIVATE &&
                   IPC_RMID == AX_IPC_RMID && IPC_SET == AX_IPC_SET &&
                   IPC_STAT == AX_IPC_STAT,
               "IPC flags and commands");
_Static_assert(MSG_NOERROR == AX_MSG_NOERROR && MSG_EXCEPT == AX_MSG_EXCEPT &&
                   SEM_UNDO == AX_SEM_UNDO && GETVAL == AX_GETVAL && SETVAL == AX_SETVAL &&
                   GETALL == AX_GETALL && SETALL == AX_SETALL && GETPID == AX_GETPID &&
                   GETNCNT == AX_GETNCNT && GETZCNT == AX_GETZCNT,
               "message and semaphore flags");
_Static_assert(sizeof(struct sembuf) == sizeof(SemBuf) &&
                   offsetof(struct sembuf, sem_op) == offsetof(SemBuf, sem_op) &&
                   offsetof(struct sembuf, sem_flg) == offsetof(SemBuf, sem_flg),
               "sembuf");

/* A kernel-clock time as seconds since the epoch; 0 (never) stays 0. */
static time_t px_ipc_time(uint64_t ns) {
    return ns ? (time_t)(((int64_t)ns + px_boot_ns()) / 1000000000) : 0;
}

static void px_ipc_perm(struct ipc_perm *p, int key, uint32_t mode) {
    memset(p, 0, sizeof *p);
    p->__key = key;
    p->mode = (unsigned short)(mode & 0777);
}

/* ---- message queues ---- */

int msgget(key_t key, int flags) {
    return (int)px_ret(sys_msgget(key, flags));
}

int msgsnd(int id, const void *msg, size_t n, int flags) {
    return (int)px_ret(sys_msgsnd(id, msg, n, flags));
}

ssize_t msgrcv(int id, void *msg, size_t n, long type, int flags) {
    return px_ret(sys_msgrcv(id, msg, n, type, flags));
}

int msgctl(int id, int cmd, struct msqid_ds *buf) {
    MsqInfo info;
    switch (cmd) {
    case IPC_RMID:
        return (int)px_ret(sys_msgctl(id, AX_IPC_RMID, NULL));
    case IPC_STAT:
        if (!buf)
            return px_fail(EFAULT);
        if (px_ret(sys_msgctl(id, AX_IPC_STAT, &info)) < 0)
            return -1;
        memset(buf, 0, sizeof *buf);
        px_ipc_perm(&buf->msg_perm, info.key, info.mode);
        buf->msg_stime = px_ipc_time(info.stime_ns);
        buf->msg_rtime = px_ipc_time(info.rtime_ns);
        buf->msg_ctime = px_ipc_time(info.ctime_ns);
        buf->msg_cbytes = info.cbytes;
        buf->msg_qnum = info.qnum;
        buf->msg_qbytes = info.qbytes;
        buf->msg_lspid = info.lspid;
        buf->msg_lrpid = info.lrpid;
        return 0;
    case IPC_SET:
        if (!buf)
            return px_fail(EFAULT);
        memset(&info, 0, sizeof info);
        info.mode = buf->msg_perm.mode & 0777;
        info.qbytes = buf->msg_qbytes;
        return (int)px_ret(sys_msgctl(id, AX_IPC_SET, &info));
    default:
        /* IPC_INFO, MSG_INFO, MSG_STAT (Linux's, for ipcs) are not kept */
        return px_fail(EINVAL);
    }
}

/* ---- semaphores ---- */

int semget(key_t key, int nsems, int flags) {
    return (int)px_ret(sys_semget(key, nsems, flags));
}

int semop(int id, struct sembuf *ops, size_t n) {
    return (int)px_ret(sys_semtimedop(id, (SemBuf *)ops, n, NULL));
}

/* EINVAL for a timespec out of range, as Linux's semtimedop. */
int semtimedop(int id, struct sembuf *ops, size_t n, const struct timespec *ts) {
    if (!ts)
        return semop(id, ops, n);
    if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000)
        return px_fail(EINVAL);
    int64_t ns = ts->tv_sec >= INT64_MAX / 1000000000 - 1
                     ? INT64_MAX
                     : (int64_t)ts->tv_sec * 1000000000 + ts->tv_nsec;
    return (int)px_ret(sys_semtimedop(id, (SemBuf *)ops, n, &ns));
}

/* The caller's union semun, which POSIX has the program define. */
union px_semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

int semctl(int id, int num, int cmd, ...) {
    union px_semun arg = {0};
    if (cmd == SETVAL || cmd == GETALL || cmd == SETALL || cmd == IPC_STAT || cmd == IPC_SET) {
        va_list ap;
        va_start(ap, cmd);
        arg = va_arg(ap, union px_semun);
        va_end(ap);
    }
    SemInfo info;
    switch (cmd) {
    case SETVAL:
        if (arg.val < 0)
            return px_fail(ERANGE);
        return (int)px_ret(sys_semctl(id, num, AX_SETVAL, (uint64_t)arg.val));
    case GETALL:
    case SETALL:
        return (int)px_ret(sys_semctl(id, num, cmd, (uint64_t)(uintptr_t)arg.array));
    case IPC_STAT:
        if (!arg.buf)
            return px_fail(EFAULT);
        if (px_ret(sys_semctl(id, num, AX_IPC_STAT, (uint64_t)(uintptr_t)&info)) < 0)
            return -1;
        memset(arg.buf, 0, sizeof *arg.buf);
        px_ipc_perm(&arg.buf->sem_perm, info.key, info.mode);
        arg.buf->sem_otime = px_ipc_time(info.otime_ns);
        arg.buf->sem_ctime = px_ipc_time(info.ctime_ns);
        arg.buf->sem_nsems = info.nsems;
        return 0;
    case IPC_SET:
        if (!arg.buf)
            return px_fail(EFAULT);
        memset(&info, 0, sizeof info);
        info.mode = arg.buf->sem_perm.mode & 0777;
        return (int)px_ret(sys_semctl(id, num, AX_IPC_SET, (uint64_t)(uintptr_t)&info));
    case IPC_RMID:
    case GETVAL:
    case GETPID:
    case GETNCNT:
    case GETZCNT:
        return (int)px_ret(sys_semctl(id, num, cmd, 0));
    default:
        /* IPC_INFO, SEM_INFO, SEM_STAT (Linux's, for ipcs) are not kept */
        return px_fail(EINVAL);
    }
}

/* ftok's key from the file's inode and device, as glibc makes it. */
key_t ftok(const char *path, int proj) {
    struct stat st;
    if (stat(path, &st) < 0)
        return -1;
    return (key_t)((st.st_ino & 0xffff) | ((st.st_dev & 0xff) << 16) |
                   ((unsigned)(proj & 0xff) << 24));
}

/* ---- shared memory: no addresses to give (see above) ---- */

int shmget(key_t key, size_t size, int flags) {
    (void)key;
    (void)size;
    (void)flags;
    return px_fail(ENOSYS);
}

void *shmat(int id, const void *addr, int flags) {
    (void)id;
    (void)addr;
    (void)flags;
    errno = ENOSYS;
    return (void *)-1;
}

int shmdt(const void *addr) {
    (void)addr;
    return px_fail(ENOSYS);
}

int shmctl(int id, int cmd, struct shmid_ds *buf) {
    (void)id;
    (void)cmd;
    (void)buf;
    return px_fail(ENOSYS);
}
