/* Hypotheses about file locks: flock belongs to the open file description
 * (dup and spawn share it, its last close drops it), fcntl record locks
 * belong to the process (ranges split and merge, any close or exit drops
 * them, spawn does not pass them on), waits end when the lock goes, a
 * cycle of waiters is refused with EDEADLK, and a killed waiter leaves
 * nothing behind. */
#include <stdbool.h>

#include "ipc_test.h"

#define F "/tmp/lockfile"

static int openf(int flags) {
    return (int)sys_open(F, flags | AX_O_CREAT, 0644).value;
}

static int rec(int fd, int cmd, int type, int64_t start, int64_t len) {
    RecordLock rl = {(int16_t)type, AX_SEEK_SET, start, len, 0};
    return (int)sys_fcntl_lock(fd, cmd, &rl).error;
}

/* F_GETLK of a write lock on start/len: "-" when free, else "type start len pid" */
static const char *getlk(int fd, int64_t start, int64_t len) {
    static char buf[64];
    RecordLock rl = {AX_F_WRLCK, AX_SEEK_SET, start, len, 0};
    if (sys_fcntl_lock(fd, AX_F_GETLK, &rl).error)
        return "error";
    if (rl.l_type == AX_F_UNLCK)
        return "-";
    snprintf(buf, sizeof buf, "%d %lld %lld %d", rl.l_type, (long long)rl.l_start, (long long)rl.l_len,
             (int)rl.l_pid);
    return buf;
}

/* /bin/flk OP [FD|- [HOLD_MS]]: flock F (a new description, or the
 * inherited FD) with OP (a number), hold it HOLD_MS, then exit with the
 * errno */
static int prog_flk(int argc, char **argv) {
    int fd = argc > 2 && argv[2][0] != '-' ? atoi(argv[2]) : openf(AX_O_RDONLY);
    int e = (int)sys_flock(fd, atoi(argv[1])).error;
    if (!e && argc > 3)
        sys_sleep((uint64_t)atoi(argv[3]) * MS);
    return e;
}

/* /bin/sig PID SIG DELAY_MS */
static int prog_sig(int argc, char **argv) {
    sys_sleep((uint64_t)atoi(argv[3]) * MS);
    return (int)sys_kill(atoi(argv[1]), atoi(argv[2])).error;
}

/* /bin/rl CMD TYPE START LEN [HOLD_MS]: a record lock on a new fd of F;
 * exit with the errno (F_GETLK: 0 free, 100 + type when taken); hold it
 * for HOLD_MS first */
static int prog_rl(int argc, char **argv) {
    int fd = openf(AX_O_RDWR);
    RecordLock rl = {(int16_t)atoi(argv[2]), AX_SEEK_SET, atoll(argv[3]), atoll(argv[4]), 0};
    int cmd = atoi(argv[1]);
    int e = (int)sys_fcntl_lock(fd, cmd, &rl).error;
    if (cmd == AX_F_GETLK && !e)
        return rl.l_type == AX_F_UNLCK ? 0 : 100 + rl.l_type;
    if (!e && argc > 5)
        sys_sleep((uint64_t)atoi(argv[5]) * MS);
    return e;
}

/* /bin/cycle: hold byte 1, then wait for byte 0 (which the parent holds) */
static int prog_cycle(int argc, char **argv) {
    int fd = openf(AX_O_RDWR);
    if (rec(fd, AX_F_SETLK, AX_F_WRLCK, 1, 1))
        return 1;
    return rec(fd, AX_F_SETLKW, AX_F_WRLCK, 0, 1);
}

static const IpcProg helpers[] = {
    {"/bin/flk", prog_flk},
    {"/bin/rl", prog_rl},
    {"/bin/cycle", prog_cycle},
    {"/bin/sig", prog_sig},
};
#define TRUN(t) ipc_run(NULL, t, helpers, sizeof helpers / sizeof helpers[0])

static bool running(int pid) {
    int st;
    return sys_waitpid(pid, &st, AX_WNOHANG).value == 0;
}

/* ---- flock ---- */

static int t_flock(int argc, char **argv) {
    int a = openf(AX_O_RDWR), b = openf(AX_O_RDONLY);
    CHECK(sys_flock(a, AX_LOCK_EX).error == AX_OK);
    CHECK(sys_flock(a, AX_LOCK_EX).error == AX_OK); /* again: no change */
    /* another description conflicts, even in the same process */
    CHECK(sys_flock(b, AX_LOCK_EX | AX_LOCK_NB).error == AX_EAGAIN);
    CHECK(sys_flock(b, AX_LOCK_SH | AX_LOCK_NB).error == AX_EAGAIN);
    /* a dup shares the description, so its lock */
    int d = (int)sys_dup(a).value;
    CHECK(sys_flock(d, AX_LOCK_EX | AX_LOCK_NB).error == AX_OK);
    /* errors change nothing */
    CHECK(sys_flock(a, 0).error == AX_EINVAL);
    CHECK(sys_flock(a, AX_LOCK_SH | AX_LOCK_EX).error == AX_EINVAL);
    CHECK(sys_flock(a, AX_LOCK_NB).error == AX_EINVAL);
    CHECK(sys_flock(a, 16).error == AX_EINVAL);
    CHECK(sys_flock(99, AX_LOCK_SH).error == AX_EBADF);
    CHECK(sys_flock(-1, AX_LOCK_SH).error == AX_EBADF);
    CHECK(sys_flock(b, AX_LOCK_SH | AX_LOCK_NB).error == AX_EAGAIN);
    /* closing one of two fds keeps it; the last close drops it */
    sys_close(a);
    CHECK(sys_flock(b, AX_LOCK_SH | AX_LOCK_NB).error == AX_EAGAIN);
    sys_close(d);
    CHECK(sys_flock(b, AX_LOCK_SH | AX_LOCK_NB).error == AX_OK);
    /* shared locks share */
    a = openf(AX_O_RDONLY);
    CHECK(sys_flock(a, AX_LOCK_SH | AX_LOCK_NB).error == AX_OK);
    /* a conversion that fails loses the old lock, as on Linux */
    CHECK(sys_flock(a, AX_LOCK_EX | AX_LOCK_NB).error == AX_EAGAIN);
    CHECK(sys_flock(b, AX_LOCK_EX | AX_LOCK_NB).error == AX_OK); /* a holds nothing now */
    /* a downgrade lets a shared one in */
    CHECK(sys_flock(b, AX_LOCK_SH).error == AX_OK);
    CHECK(sys_flock(a, AX_LOCK_SH | AX_LOCK_NB).error == AX_OK);
    /* unlocking what is not locked succeeds */
    CHECK(sys_flock(a, AX_LOCK_UN).error == AX_OK && sys_flock(a, AX_LOCK_UN | AX_LOCK_NB).error == AX_OK);
    /* flock and record locks do not see each other */
    CHECK(rec(b, AX_F_SETLK, AX_F_RDLCK, 0, 0) == 0);
    int pid = IPC_SPAWN("/bin/rl", ipc_num(AX_F_SETLK), ipc_num(AX_F_WRLCK), "0", "0");
    CHECK(AX_WEXITSTATUS(ipc_wait(pid)) == AX_EAGAIN);
    CHECK(rec(b, AX_F_SETLK, AX_F_UNLCK, 0, 0) == 0);
    pid = IPC_SPAWN("/bin/flk", ipc_num(AX_LOCK_EX | AX_LOCK_NB));
    CHECK(AX_WEXITSTATUS(ipc_wait(pid)) == AX_EAGAIN); /* b's shared flock is still there */
    sys_close(a);
    sys_close(b);
    pid = IPC_SPAWN("/bin/flk", ipc_num(AX_LOCK_EX | AX_LOCK_NB));
    CHECK(ipc_wait(pid) == 0);
    /* any kind of file can be locked: a pipe */
    int p[2];
    CHECK(sys_pipe(p).error == AX_OK);
    CHECK(sys_flock(p[0], AX_LOCK_EX).error == AX_OK && sys_flock(p[1], AX_LOCK_EX | AX_LOCK_NB).error == AX_EAGAIN);
    sys_close(p[0]);
    sys_close(p[1]);
    return 0;
}

static void test_flock_belongs_to_the_open_file_description(void **state) {
    TRUN(t_flock);
}

static int t_flock_wait(int argc, char **argv) {
    int a = openf(AX_O_RDWR);
    CHECK(sys_flock(a, AX_LOCK_EX).error == AX_OK);
    /* a waiter gets the lock when it goes, not before */
    int pid = IPC_SPAWN("/bin/flk", ipc_num(AX_LOCK_SH));
    sys_sleep(5 * MS);
    CHECK(running(pid));
    CHECK(sys_flock(a, AX_LOCK_UN).error == AX_OK);
    CHECK(ipc_wait(pid) == 0);
    /* a child given the fd shares the lock; the lock lives while it
     * holds its copy */
    CHECK(sys_flock(a, AX_LOCK_EX).error == AX_OK);
    int holder = IPC_SPAWN("/bin/flk", ipc_num(AX_LOCK_EX | AX_LOCK_NB), ipc_num(a), "1000");
    sys_sleep(5 * MS);
    sys_close(a);
    pid = IPC_SPAWN("/bin/flk", ipc_num(AX_LOCK_EX | AX_LOCK_NB));
    CHECK(AX_WEXITSTATUS(ipc_wait(pid)) == AX_EAGAIN);
    /* killed while waiting: nothing left, and the holder's exit frees it */
    pid = IPC_SPAWN("/bin/flk", ipc_num(AX_LOCK_EX));
    sys_sleep(5 * MS);
    CHECK(running(pid));
    sys_kill(pid, AX_SIGKILL);
    CHECK(AX_WTERMSIG(ipc_wait(pid)) == AX_SIGKILL);
    sys_kill(holder, AX_SIGKILL);
    ipc_wait(holder);
    a = openf(AX_O_RDONLY);
    CHECK(sys_flock(a, AX_LOCK_EX | AX_LOCK_NB).error == AX_OK);
    sys_close(a);
    return 0;
}

static void test_flock_waits_until_the_lock_goes_and_a_kill_leaves_nothing(void **state) {
    TRUN(t_flock_wait);
}

/* ---- record locks ---- */

static int t_rec_ranges(int argc, char **argv) {
    int fd = openf(AX_O_RDWR);
    CHECK(strcmp(getlk(fd, 0, 0), "-") == 0);
    /* write-lock 0..99, then unlock 10..19: two pieces */
    CHECK(rec(fd, AX_F_SETLK, AX_F_WRLCK, 0, 100) == 0);
    CHECK(rec(fd, AX_F_SETLK, AX_F_UNLCK, 10, 10) == 0);
    /* our own locks never conflict with us */
    CHECK(strcmp(getlk(fd, 0, 0), "-") == 0);
    /* another process sees the pieces */
    int pid = IPC_SPAWN("/bin/rl", ipc_num(AX_F_GETLK), ipc_num(AX_F_WRLCK), "10", "10");
    CHECK(ipc_wait(pid) == 0);
    pid = IPC_SPAWN("/bin/rl", ipc_num(AX_F_GETLK), ipc_num(AX_F_RDLCK), "15", "0");
    CHECK(AX_WEXITSTATUS(ipc_wait(pid)) == 100 + AX_F_WRLCK);
    pid = IPC_SPAWN("/bin/rl", ipc_num(AX_F_SETLK), ipc_num(AX_F_RDLCK), "12", "8");
    CHECK(ipc_wait(pid) == 0);
    pid = IPC_SPAWN("/bin/rl", ipc_num(AX_F_SETLK), ipc_num(AX_F_RDLCK), "12", "9");
    CHECK(AX_WEXITSTATUS(ipc_wait(pid)) == AX_EAGAIN);
    /* a read lock over the middle of a write lock splits it; neighbours
     * of one type merge */
    CHECK(rec(fd, AX_F_SETLK, AX_F_RDLCK, 40, 10) == 0);
    CHECK(rec(fd, AX_F_SETLK, AX_F_WRLCK, 10, 10) == 0); /* 0..39 one write lock */
    pid = IPC_SPAWN("/bin/rl", ipc_num(AX_F_SETLK), ipc_num(AX_F_RDLCK), "40", "10");
    CHECK(ipc_wait(pid) == 0);
    pid = IPC_SPAWN("/bin/rl", ipc_num(AX_F_SETLK), ipc_num(AX_F_RDLCK), "39", "1");
    CHECK(AX_WEXITSTATUS(ipc_wait(pid)) == AX_EAGAIN);
    /* negative lengths name the bytes before; whence counts from the
     * offset or the size */
    CHECK(rec(fd, AX_F_SETLK, AX_F_UNLCK, 0, 0) == 0);
    RecordLock rl = {AX_F_WRLCK, AX_SEEK_SET, 10, -5, 0};
    CHECK(sys_fcntl_lock(fd, AX_F_SETLK, &rl).error == AX_OK);
    pid = IPC_SPAWN("/bin/rl", ipc_num(AX_F_GETLK), ipc_num(AX_F_RDLCK), "0", "0");
    CHECK(AX_WEXITSTATUS(ipc_wait(pid)) == 100 + AX_F_WRLCK);
    pid = IPC_SPAWN("/bin/rl", ipc_num(AX_F_SETLK), ipc_num(AX_F_WRLCK), "10", "0");
    CHECK(ipc_wait(pid) == 0);
    pid = IPC_SPAWN("/bin/rl", ipc_num(AX_F_SETLK), ipc_num(AX_F_WRLCK), "0", "5");
    CHECK(ipc_wait(pid) == 0);
    CHECK(rec(fd, AX_F_SETLK, AX_F_UNLCK, 0, 0) == 0);
    sys_write(fd, "0123456789", 10);
    sys_lseek(fd, 4, AX_SEEK_SET);
    rl = (RecordLock){AX_F_WRLCK, AX_SEEK_CUR, 1, 2, 0}; /* bytes 5, 6 */
    CHECK(sys_fcntl_lock(fd, AX_F_SETLK, &rl).error == AX_OK);
    rl = (RecordLock){AX_F_WRLCK, AX_SEEK_END, -2, 2, 0}; /* 8, 9 */
    CHECK(sys_fcntl_lock(fd, AX_F_SETLK, &rl).error == AX_OK);
    /* through sys_fcntl too; F_GETLK reports the first lock in the way */
    int other = IPC_SPAWN("/bin/rl", ipc_num(AX_F_SETLK), ipc_num(AX_F_RDLCK), "20", "1", "50");
    sys_sleep(5 * MS);
    rl = (RecordLock){AX_F_WRLCK, AX_SEEK_SET, 0, 0, 0};
    CHECK(sys_fcntl(fd, AX_F_GETLK, (int64_t)(intptr_t)&rl).error == AX_OK);
    CHECK(rl.l_type == AX_F_RDLCK && rl.l_start == 20 && rl.l_len == 1 && rl.l_whence == AX_SEEK_SET &&
          rl.l_pid == other);
    CHECK(ipc_wait(other) == 0);
    sys_close(fd);
    return 0;
}

static void test_record_locks_split_merge_and_report_the_lock_in_the_way(void **state) {
    TRUN(t_rec_ranges);
}

static int t_rec_errors(int argc, char **argv) {
    int rw = openf(AX_O_RDWR), ro = openf(AX_O_RDONLY), wo = openf(AX_O_WRONLY);
    RecordLock rl = {AX_F_RDLCK, 3, 0, 0, 0};
    CHECK(sys_fcntl_lock(rw, AX_F_SETLK, &rl).error == AX_EINVAL); /* whence */
    rl = (RecordLock){AX_F_RDLCK, AX_SEEK_SET, -1, 0, 0};
    CHECK(sys_fcntl_lock(rw, AX_F_SETLK, &rl).error == AX_EINVAL); /* before byte 0 */
    rl = (RecordLock){AX_F_RDLCK, AX_SEEK_SET, 3, -4, 0};
    CHECK(sys_fcntl_lock(rw, AX_F_SETLK, &rl).error == AX_EINVAL);
    rl = (RecordLock){AX_F_RDLCK, AX_SEEK_END, -1, 0, 0};
    CHECK(sys_fcntl_lock(rw, AX_F_SETLK, &rl).error == AX_EINVAL); /* size 0 */
    rl = (RecordLock){AX_F_RDLCK, AX_SEEK_SET, INT64_MAX, 2, 0};
    CHECK(sys_fcntl_lock(rw, AX_F_SETLK, &rl).error == AX_EOVERFLOW);
    rl = (RecordLock){AX_F_RDLCK, AX_SEEK_SET, INT64_MAX, 1, 0};
    CHECK(sys_fcntl_lock(rw, AX_F_SETLK, &rl).error == AX_OK); /* the last byte */
    rl = (RecordLock){7, AX_SEEK_SET, 0, 0, 0};
    CHECK(sys_fcntl_lock(rw, AX_F_SETLK, &rl).error == AX_EINVAL); /* type */
    rl = (RecordLock){AX_F_UNLCK, AX_SEEK_SET, 0, 0, 0};
    CHECK(sys_fcntl_lock(rw, AX_F_GETLK, &rl).error == AX_EINVAL);
    CHECK(sys_fcntl_lock(rw, 99, &rl).error == AX_EINVAL);
    CHECK(sys_fcntl_lock(rw, AX_F_SETLK, NULL).error == AX_EFAULT);
    CHECK(sys_fcntl_lock(77, AX_F_SETLK, &rl).error == AX_EBADF);
    /* the access a type needs */
    CHECK(rec(ro, AX_F_SETLK, AX_F_WRLCK, 0, 1) == AX_EBADF);
    CHECK(rec(wo, AX_F_SETLK, AX_F_RDLCK, 0, 1) == AX_EBADF);
    CHECK(rec(ro, AX_F_SETLK, AX_F_RDLCK, 0, 1) == 0 && rec(wo, AX_F_SETLK, AX_F_WRLCK, 0, 1) == 0);
    CHECK(strcmp(getlk(ro, 0, 1), "-") == 0); /* F_GETLK needs no access */
    /* the lock commands through the raw fcntl are refused */
    SyscallArgs args = {{(uint64_t)rw, AX_F_SETLK, (uint64_t)(uintptr_t)&rl}};
    CHECK(sys_dispatch(AX_SYS_fcntl, &args).error == AX_EINVAL);
    return 0;
}

static void test_record_lock_errors_change_nothing(void **state) {
    TRUN(t_rec_errors);
}

static int t_rec_release(int argc, char **argv) {
    int fd = openf(AX_O_RDWR);
    CHECK(rec(fd, AX_F_SETLK, AX_F_WRLCK, 0, 0) == 0);
    /* spawn does not pass the lock on: the child is refused */
    int pid = IPC_SPAWN("/bin/rl", ipc_num(AX_F_SETLK), ipc_num(AX_F_RDLCK), "0", "1");
    CHECK(AX_WEXITSTATUS(ipc_wait(pid)) == AX_EAGAIN);
    /* closing ANY fd on the file drops the process's locks */
    int other = openf(AX_O_RDONLY);
    sys_close(other);
    pid = IPC_SPAWN("/bin/rl", ipc_num(AX_F_SETLK), ipc_num(AX_F_RDLCK), "0", "1");
    CHECK(ipc_wait(pid) == 0);
    /* and so does dup2 over one */
    CHECK(rec(fd, AX_F_SETLK, AX_F_WRLCK, 0, 0) == 0);
    other = openf(AX_O_RDONLY);
    int p[2];
    sys_pipe(p);
    sys_dup2(p[0], other);
    pid = IPC_SPAWN("/bin/rl", ipc_num(AX_F_SETLK), ipc_num(AX_F_RDLCK), "0", "1");
    CHECK(ipc_wait(pid) == 0);
    /* a waiter gets in when the holder exits, not before */
    int holder = IPC_SPAWN("/bin/rl", ipc_num(AX_F_SETLK), ipc_num(AX_F_WRLCK), "0", "0", "20");
    sys_sleep(5 * MS);
    pid = IPC_SPAWN("/bin/rl", ipc_num(AX_F_SETLKW), ipc_num(AX_F_RDLCK), "5", "1");
    sys_sleep(5 * MS);
    CHECK(running(pid));
    CHECK(ipc_wait(holder) == 0);
    CHECK(ipc_wait(pid) == 0);
    /* a killed holder's locks go too, and a killed waiter leaves nothing */
    holder = IPC_SPAWN("/bin/rl", ipc_num(AX_F_SETLK), ipc_num(AX_F_WRLCK), "0", "0", "1000");
    sys_sleep(5 * MS);
    pid = IPC_SPAWN("/bin/rl", ipc_num(AX_F_SETLKW), ipc_num(AX_F_RDLCK), "5", "1");
    sys_sleep(5 * MS);
    sys_kill(pid, AX_SIGKILL);
    CHECK(AX_WTERMSIG(ipc_wait(pid)) == AX_SIGKILL);
    sys_kill(holder, AX_SIGKILL);
    ipc_wait(holder);
    CHECK(rec(fd, AX_F_SETLK, AX_F_WRLCK, 0, 0) == 0);
    sys_close(fd);
    sys_close(p[0]);
    sys_close(p[1]);
    sys_close(other);
    return 0;
}

static void test_record_locks_go_at_any_close_and_at_exit(void **state) {
    TRUN(t_rec_release);
}

static int t_deadlock(int argc, char **argv) {
    int fd = openf(AX_O_RDWR);
    CHECK(rec(fd, AX_F_SETLK, AX_F_WRLCK, 0, 1) == 0);
    int pid = IPC_SPAWN("/bin/cycle");
    sys_sleep(5 * MS); /* it holds byte 1 and waits for byte 0 */
    CHECK(running(pid));
    CHECK(rec(fd, AX_F_SETLKW, AX_F_WRLCK, 1, 1) == AX_EDEADLK);
    CHECK(rec(fd, AX_F_SETLK, AX_F_WRLCK, 1, 1) == AX_EAGAIN);
    /* the child gets byte 0 once it goes, and exits */
    CHECK(rec(fd, AX_F_SETLK, AX_F_UNLCK, 0, 1) == 0);
    CHECK(ipc_wait(pid) == 0);
    CHECK(rec(fd, AX_F_SETLKW, AX_F_WRLCK, 1, 1) == 0);
    sys_close(fd);
    return 0;
}

static void test_a_cycle_of_waiters_is_refused_with_edeadlk(void **state) {
    TRUN(t_deadlock);
}


/* A caught signal ends a lock wait with EINTR; under SA_RESTART the wait
 * goes on, and ends when the lock goes. */
static int t_signals(int argc, char **argv) {
    int me = (int)sys_getpid().value;
    int a = openf(AX_O_RDWR);
    SigAction sa = {.handler = ipc_count_signal};
    sys_sigaction(AX_SIGUSR1, &sa, NULL);
    int holder = IPC_SPAWN("/bin/flk", ipc_num(AX_LOCK_EX), "-", "20");
    sys_sleep(MS);
    int pid = IPC_SPAWN("/bin/sig", ipc_num(me), ipc_num(AX_SIGUSR1), "5");
    CHECK(sys_flock(a, AX_LOCK_SH).error == AX_EINTR && *ipc_hits() == 1);
    CHECK(ipc_wait(pid) == 0);
    sa.flags = AX_SA_RESTART;
    sys_sigaction(AX_SIGUSR1, &sa, NULL);
    pid = IPC_SPAWN("/bin/sig", ipc_num(me), ipc_num(AX_SIGUSR1), "5");
    CHECK(sys_flock(a, AX_LOCK_SH).error == AX_OK && *ipc_hits() == 2);
    CHECK(running(holder) == false);
    CHECK(ipc_wait(pid) == 0);
    /* the same for F_SETLKW */
    sa.flags = 0;
    sys_sigaction(AX_SIGUSR1, &sa, NULL);
    holder = IPC_SPAWN("/bin/rl", ipc_num(AX_F_SETLK), ipc_num(AX_F_WRLCK), "0", "0", "20");
    sys_sleep(MS);
    pid = IPC_SPAWN("/bin/sig", ipc_num(me), ipc_num(AX_SIGUSR1), "5");
    CHECK(rec(a, AX_F_SETLKW, AX_F_RDLCK, 0, 1) == AX_EINTR && *ipc_hits() == 3);
    CHECK(ipc_wait(pid) == 0);
    sa.flags = AX_SA_RESTART;
    sys_sigaction(AX_SIGUSR1, &sa, NULL);
    pid = IPC_SPAWN("/bin/sig", ipc_num(me), ipc_num(AX_SIGUSR1), "5");
    CHECK(rec(a, AX_F_SETLKW, AX_F_RDLCK, 0, 1) == 0 && *ipc_hits() == 4);
    CHECK(ipc_wait(pid) == 0 && ipc_wait(holder) == 0);
    sys_close(a);
    return 0;
}

static void test_a_signal_ends_a_lock_wait_unless_sa_restart(void **state) {
    TRUN(t_signals);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flock_belongs_to_the_open_file_description),
        cmocka_unit_test(test_flock_waits_until_the_lock_goes_and_a_kill_leaves_nothing),
        cmocka_unit_test(test_record_locks_split_merge_and_report_the_lock_in_the_way),
        cmocka_unit_test(test_record_lock_errors_change_nothing),
        cmocka_unit_test(test_record_locks_go_at_any_close_and_at_exit),
        cmocka_unit_test(test_a_cycle_of_waiters_is_refused_with_edeadlk),
        cmocka_unit_test(test_a_signal_ends_a_lock_wait_unless_sa_restart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
