/* File locks: flock held by the open file description (dup and spawn
 * share it, the last close drops it, a failed conversion loses it), fcntl
 * record locks held by the process (split, merge, F_GETLK's answer, any
 * close drops them, exit too), F_SETLKW waits, EDEADLK, and the errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dt_ipc.h"

#define F "lockfile"

static long lk(int fd, int cmd, int type, long start, long len) {
    DtLock l = {type, DT_SEEK_SET, start, len, 0};
    return dt_fcntl_lock(fd, cmd, &l);
}

/* F_GETLK of a write lock on start/len, as "type start len" or "free";
 * whether the holder is pid `holder` is a line of its own. */
static void show_getlk(const char *label, int fd, long start, long len, long holder) {
    DtLock l = {DT_F_WRLCK, DT_SEEK_SET, start, len, 0};
    long r = dt_fcntl_lock(fd, DT_F_GETLK, &l);
    if (r < 0)
        dt_show(label, r);
    else if (l.type == DT_F_UNLCK)
        dt_out("%s: free\n", label);
    else
        dt_out("%s: %d %ld %ld whence %d holder %s\n", label, l.type, l.start, l.len, l.whence,
               l.pid == holder ? "yes" : "no");
}

/* flock OP on a new open of F: the result is the exit status (errno) */
static int role_flock(int argc, char **argv) {
    int fd = (int)dt_open(F, DT_O_RDONLY, 0);
    long r = dt_flock(fd, atoi(argv[1]));
    return r < 0 ? (int)-r : 0;
}

/* flock OP on the inherited fd FD */
static int role_flock_fd(int argc, char **argv) {
    long r = dt_flock(atoi(argv[2]), atoi(argv[1]));
    return r < 0 ? (int)-r : 0;
}

/* a record lock CMD TYPE START LEN on a new open of F (F_GETLK prints) */
static int role_lock(int argc, char **argv) {
    int fd = (int)dt_open(F, DT_O_RDWR, 0);
    int cmd = atoi(argv[1]);
    if (cmd == DT_F_GETLK) {
        show_getlk(argv[5], fd, atol(argv[3]), atol(argv[4]), dt_getppid());
        return 0;
    }
    long r = lk(fd, cmd, atoi(argv[2]), atol(argv[3]), atol(argv[4]));
    return r < 0 ? (int)-r : 0;
}

/* hold byte 1, then wait for byte 0 */
static int role_cycle(int argc, char **argv) {
    int fd = (int)dt_open(F, DT_O_RDWR, 0);
    if (lk(fd, DT_F_SETLK, DT_F_WRLCK, 1, 1) < 0)
        return 90;
    long r = lk(fd, DT_F_SETLKW, DT_F_WRLCK, 0, 1);
    return r < 0 ? (int)-r : 0;
}

const DtRole dt_roles[] = {
    {"flock", role_flock}, {"flock_fd", role_flock_fd}, {"lock", role_lock}, {"cycle", role_cycle}, {NULL, NULL},
};

static char *num(long v, char *buf) {
    snprintf(buf, 24, "%ld", v);
    return buf;
}

static void run(const char *label, const char *role, long a, long b, long c, long d) {
    char s[4][24];
    int st = 0;
    long pid = dt_spawn(NULL, role, num(a, s[0]), num(b, s[1]), num(c, s[2]), num(d, s[3]), label, NULL);
    dt_waitpid(pid, &st, 0);
    dt_show_status(label, st);
}

static void flocks(void) {
    int a = (int)dt_open(F, DT_O_RDWR | DT_O_CREAT, 0644), b = (int)dt_open(F, DT_O_RDONLY, 0);
    dt_show("flock ex", dt_flock(a, DT_LOCK_EX));
    dt_show("flock ex again", dt_flock(a, DT_LOCK_EX));
    dt_show("other description ex nb", dt_flock(b, DT_LOCK_EX | DT_LOCK_NB));
    dt_show("other description sh nb", dt_flock(b, DT_LOCK_SH | DT_LOCK_NB));
    int d = (int)dt_dup(a);
    dt_show("dup shares it", dt_flock(d, DT_LOCK_EX | DT_LOCK_NB));
    run("child sees it", "flock", DT_LOCK_SH | DT_LOCK_NB, 0, 0, 0);
    run("child given the fd shares it", "flock_fd", DT_LOCK_EX | DT_LOCK_NB, a, 0, 0);
    dt_show("op 0", dt_flock(a, 0));
    dt_show("op sh|ex", dt_flock(a, DT_LOCK_SH | DT_LOCK_EX));
    dt_show("op nb alone", dt_flock(a, DT_LOCK_NB));
    dt_show("op 16", dt_flock(a, 16));
    dt_show("bad fd", dt_flock(77, DT_LOCK_SH));
    dt_close(a);
    dt_show("one fd of two closed", dt_flock(b, DT_LOCK_SH | DT_LOCK_NB));
    dt_close(d);
    dt_show("last fd closed", dt_flock(b, DT_LOCK_SH | DT_LOCK_NB));
    a = (int)dt_open(F, DT_O_RDONLY, 0);
    dt_show("shared with shared", dt_flock(a, DT_LOCK_SH | DT_LOCK_NB));
    dt_show("failed upgrade", dt_flock(a, DT_LOCK_EX | DT_LOCK_NB));
    dt_show("the old lock went with it", dt_flock(b, DT_LOCK_EX | DT_LOCK_NB));
    dt_show("downgrade", dt_flock(b, DT_LOCK_SH));
    dt_show("shared again", dt_flock(a, DT_LOCK_SH | DT_LOCK_NB));
    dt_show("unlock", dt_flock(a, DT_LOCK_UN));
    dt_show("unlock unlocked", dt_flock(a, DT_LOCK_UN));
    dt_show("record lock beside flock", lk(b, DT_F_SETLK, DT_F_RDLCK, 0, 0));
    dt_close(a);
    dt_close(b);
    run("all closed", "flock", DT_LOCK_EX | DT_LOCK_NB, 0, 0, 0);
    int p[2];
    dt_pipe(p, 0);
    dt_show("pipe read end", dt_flock(p[0], DT_LOCK_EX));
    dt_show("pipe write end", dt_flock(p[1], DT_LOCK_EX | DT_LOCK_NB));
    dt_close(p[0]);
    dt_close(p[1]);
}

static void records(void) {
    long me = dt_getpid();
    int fd = (int)dt_open(F, DT_O_RDWR, 0);
    dt_show("write 0..99", lk(fd, DT_F_SETLK, DT_F_WRLCK, 0, 100));
    dt_show("unlock 10..19", lk(fd, DT_F_SETLK, DT_F_UNLCK, 10, 10));
    show_getlk("own locks never conflict", fd, 0, 0, me);
    run("child getlk hole", "lock", DT_F_GETLK, 0, 10, 10);
    run("child getlk from 15", "lock", DT_F_GETLK, 0, 15, 0);
    run("child getlk from 5", "lock", DT_F_GETLK, 0, 5, 1);
    run("child read lock in the hole", "lock", DT_F_SETLK, DT_F_RDLCK, 12, 8);
    run("child read lock past it", "lock", DT_F_SETLK, DT_F_RDLCK, 12, 9);
    dt_show("read 40..49 splits", lk(fd, DT_F_SETLK, DT_F_RDLCK, 40, 10));
    dt_show("write 10..19 merges", lk(fd, DT_F_SETLK, DT_F_WRLCK, 10, 10));
    run("child getlk 30..", "lock", DT_F_GETLK, 0, 30, 0);
    run("child getlk 45..", "lock", DT_F_GETLK, 0, 45, 0);
    run("child read lock 40..49", "lock", DT_F_SETLK, DT_F_RDLCK, 40, 10);
    dt_show("unlock all", lk(fd, DT_F_SETLK, DT_F_UNLCK, 0, 0));
    DtLock l = {DT_F_WRLCK, DT_SEEK_SET, 10, -5, 0};
    dt_show("negative length", dt_fcntl_lock(fd, DT_F_SETLK, &l));
    run("child getlk 0..", "lock", DT_F_GETLK, 0, 0, 0);
    dt_write(fd, "0123456789", 10);
    dt_lseek(fd, 4, DT_SEEK_SET);
    l = (DtLock){DT_F_WRLCK, DT_SEEK_CUR, 1, 2, 0};
    dt_show("from the offset", dt_fcntl_lock(fd, DT_F_SETLK, &l));
    l = (DtLock){DT_F_RDLCK, DT_SEEK_END, -2, 0, 0};
    dt_show("from the end", dt_fcntl_lock(fd, DT_F_SETLK, &l));
    run("child getlk 0.. again", "lock", DT_F_GETLK, 0, 0, 0);
    run("child getlk 7..", "lock", DT_F_GETLK, 0, 7, 0);
    dt_show("unlock all again", lk(fd, DT_F_SETLK, DT_F_UNLCK, 0, 0));
    dt_close(fd);
}

static void errors(void) {
    int rw = (int)dt_open(F, DT_O_RDWR, 0), ro = (int)dt_open(F, DT_O_RDONLY, 0);
    int wo = (int)dt_open(F, DT_O_WRONLY, 0);
    DtLock l = {DT_F_RDLCK, 3, 0, 0, 0};
    dt_show("whence 3", dt_fcntl_lock(rw, DT_F_SETLK, &l));
    l = (DtLock){DT_F_RDLCK, DT_SEEK_SET, -1, 0, 0};
    dt_show("start -1", dt_fcntl_lock(rw, DT_F_SETLK, &l));
    l = (DtLock){DT_F_RDLCK, DT_SEEK_SET, 3, -4, 0};
    dt_show("length before 0", dt_fcntl_lock(rw, DT_F_SETLK, &l));
    l = (DtLock){DT_F_RDLCK, DT_SEEK_END, -11, 0, 0};
    dt_show("before the start from the end", dt_fcntl_lock(rw, DT_F_SETLK, &l));
    l = (DtLock){DT_F_RDLCK, DT_SEEK_SET, 0x7fffffffffffffffL, 2, 0};
    dt_show("past the largest offset", dt_fcntl_lock(rw, DT_F_SETLK, &l));
    l = (DtLock){DT_F_RDLCK, DT_SEEK_SET, 0x7fffffffffffffffL, 1, 0};
    dt_show("the last byte", dt_fcntl_lock(rw, DT_F_SETLK, &l));
    l = (DtLock){7, DT_SEEK_SET, 0, 0, 0};
    dt_show("type 7", dt_fcntl_lock(rw, DT_F_SETLK, &l));
    l = (DtLock){DT_F_UNLCK, DT_SEEK_SET, 0, 0, 0};
    dt_show("getlk unlck", dt_fcntl_lock(rw, DT_F_GETLK, &l));
    dt_show("write lock read-only fd", lk(ro, DT_F_SETLK, DT_F_WRLCK, 0, 1));
    dt_show("read lock write-only fd", lk(wo, DT_F_SETLK, DT_F_RDLCK, 0, 1));
    dt_show("read lock read-only fd", lk(ro, DT_F_SETLK, DT_F_RDLCK, 0, 1));
    dt_show("bad fd", lk(66, DT_F_SETLK, DT_F_RDLCK, 0, 1));
    dt_close(rw);
    dt_close(ro);
    dt_close(wo);
}

static void release_and_wait(void) {
    int fd = (int)dt_open(F, DT_O_RDWR, 0);
    dt_show("lock all", lk(fd, DT_F_SETLK, DT_F_WRLCK, 0, 0));
    run("spawn does not pass it on", "lock", DT_F_SETLK, DT_F_RDLCK, 0, 1);
    dt_close((int)dt_open(F, DT_O_RDONLY, 0));
    run("closing another fd dropped it", "lock", DT_F_SETLK, DT_F_RDLCK, 0, 1);
    dt_show("lock all again", lk(fd, DT_F_SETLK, DT_F_WRLCK, 0, 0));
    char s[3][24];
    long pid = dt_spawn(NULL, "lock", num(DT_F_SETLKW, s[0]), num(DT_F_RDLCK, s[1]), num(5, s[2]), "1", "w", NULL);
    dt_show("waiter blocks", dt_wait_blocked(pid));
    dt_show("unlock byte 5", lk(fd, DT_F_SETLK, DT_F_UNLCK, 5, 1));
    int st = 0;
    dt_waitpid(pid, &st, 0);
    dt_show_status("waiter got it", st);
    /* a cycle: the child holds 1 and waits for 0, which we hold */
    dt_show("unlock for the cycle", lk(fd, DT_F_SETLK, DT_F_UNLCK, 0, 0));
    dt_show("hold byte 0", lk(fd, DT_F_SETLK, DT_F_WRLCK, 0, 1));
    pid = dt_spawn(NULL, "cycle", NULL);
    dt_show("child blocks", dt_wait_blocked(pid));
    dt_show("closing the cycle", lk(fd, DT_F_SETLKW, DT_F_WRLCK, 1, 1));
    dt_show("unlock byte 0", lk(fd, DT_F_SETLK, DT_F_UNLCK, 0, 1));
    dt_waitpid(pid, &st, 0);
    dt_show_status("cycle child", st);
    dt_show("its locks went at exit", lk(fd, DT_F_SETLKW, DT_F_WRLCK, 0, 0));
    dt_close(fd);
}

int dt_main(void) {
    flocks();
    records();
    errors();
    release_and_wait();
    return 0;
}
