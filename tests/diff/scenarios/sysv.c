/* SysV IPC: message order by type (MSG_EXCEPT, negative types), E2BIG
 * and MSG_NOERROR, ENOMSG, removal; semaphores all-or-nothing, EAGAIN,
 * EFBIG, ERANGE, waiters counted and woken, EIDRM on removal, SEM_UNDO
 * undone when a process exits or is killed. Private keys only, removed
 * at the end, so the host keeps nothing. */
#include <stdio.h>
#include <stdlib.h>

#include "dt_ipc.h"

static void show_rcv(const char *label, int q, long type, size_t n, int flags) {
    char buf[300];
    long r = dt_msgrcv(q, type, buf, n, flags);
    if (r < 0)
        dt_show(label, r);
    else
        dt_out("%s: %ld %s\n", label, r, buf);
}

/* semop ID NUM OP FLAGS; with a 5th argument, sleep for ever after */
static int role_semop(int argc, char **argv) {
    DtSemOp op = {atoi(argv[2]), atoi(argv[3]), atoi(argv[4])};
    long r = dt_semop(atoi(argv[1]), &op, 1);
    if (r == 0 && argc > 5)
        for (;;)
            dt_pause();
    return r < 0 ? (int)-r : 0;
}

/* waits for a message of type argv[2] on argv[1]; exit: its length or 100 + errno */
static int role_msgwait(int argc, char **argv) {
    char buf[300];
    long r = dt_msgrcv(atoi(argv[1]), atol(argv[2]), buf, 256, 0);
    return r < 0 ? 100 + (int)-r : (int)r;
}

const DtRole dt_roles[] = {{"semop", role_semop}, {"msgwait", role_msgwait}, {NULL, NULL}};

static char *num(long v, char *buf) {
    snprintf(buf, 24, "%ld", v);
    return buf;
}

static void queues(void) {
    int q = (int)dt_msgget(DT_IPC_PRIVATE, 0600);
    dt_show_ok("msgget", q);
    dt_msgsnd(q, 2, "b1", 0);
    dt_msgsnd(q, 1, "a1", 0);
    dt_msgsnd(q, 3, "c1", 0);
    dt_msgsnd(q, 1, "a2", 0);
    dt_show("queued", dt_msgqnum(q));
    show_rcv("type 1", q, 1, 64, 0);
    show_rcv("not type 1", q, 1, 64, DT_MSG_EXCEPT);
    show_rcv("lowest up to 3", q, -3, 64, 0);
    show_rcv("first", q, 0, 64, 0);
    show_rcv("empty", q, 0, 64, DT_IPC_NOWAIT);
    dt_msgsnd(q, 5, "longer text", 0);
    show_rcv("too long", q, 0, 4, 0);
    show_rcv("cut", q, 0, 4, DT_MSG_NOERROR);
    dt_show("type 0 send", dt_msgsnd(q, 0, "x", 0));
    dt_show("negative type send", dt_msgsnd(q, -1, "x", 0));
    dt_show("bad id", dt_msgsnd(q + 100000, 1, "x", 0));
    /* a waiter gets the type it asked for */
    char s[2][24];
    long pid = dt_spawn(NULL, "msgwait", num(q, s[0]), "7", NULL);
    dt_wait_blocked(pid);
    dt_msgsnd(q, 6, "other", 0);
    dt_msgsnd(q, 7, "wanted", 0);
    int st = 0;
    dt_waitpid(pid, &st, 0);
    dt_show_status("waiter", st);
    dt_show("left", dt_msgqnum(q));
    pid = dt_spawn(NULL, "msgwait", num(q, s[0]), "9", NULL);
    dt_wait_blocked(pid);
    dt_show("remove", dt_msgrm(q));
    dt_waitpid(pid, &st, 0);
    dt_show_status("waiter of a removed queue", st);
    dt_show("removed", dt_msgqnum(q));
}

static void semaphores(void) {
    int id = (int)dt_semget(DT_IPC_PRIVATE, 2, 0600);
    dt_show_ok("semget", id);
    dt_show("semget 0 new", dt_semget(DT_IPC_PRIVATE, 0, 0600));
    dt_show("getval", dt_semctl(id, 0, DT_GETVAL, 0));
    DtSemOp two[2] = {{0, 5, 0}, {1, -1, DT_IPC_NOWAIT}};
    dt_show("all or nothing", dt_semop(id, two, 2));
    dt_show("nothing done", dt_semctl(id, 0, DT_GETVAL, 0));
    two[1].op = 0;
    dt_show("both go", dt_semop(id, two, 2));
    dt_show("now", dt_semctl(id, 0, DT_GETVAL, 0));
    DtSemOp bad = {2, 1, 0};
    dt_show("semaphore out of the set", dt_semop(id, &bad, 1));
    DtSemOp over = {0, 32767, 0};
    dt_show("past semvmx", dt_semop(id, &over, 1));
    dt_show("setval too big", dt_semctl(id, 0, DT_SETVAL, 32768));
    dt_show("setval", dt_semctl(id, 1, DT_SETVAL, 0));
    /* SEM_UNDO: a child takes 2 and exits; the value comes back */
    char s[4][24];
    int st = 0;
    long pid = dt_spawn(NULL, "semop", num(id, s[0]), "0", "-2", num(DT_SEM_UNDO, s[1]), NULL);
    dt_waitpid(pid, &st, 0);
    dt_show_status("undo child", st);
    dt_show("back after exit", dt_semctl(id, 0, DT_GETVAL, 0));
    pid = dt_spawn(NULL, "semop", num(id, s[0]), "0", "-3", num(DT_SEM_UNDO, s[1]), "hold", NULL);
    dt_wait_blocked(pid);
    dt_show("taken while it lives", dt_semctl(id, 0, DT_GETVAL, 0));
    dt_kill(pid, DT_SIGKILL);
    dt_waitpid(pid, &st, 0);
    dt_show("back after a kill", dt_semctl(id, 0, DT_GETVAL, 0));
    /* waiters: counted, woken, told EIDRM */
    long w = dt_spawn(NULL, "semop", num(id, s[0]), "1", "-1", "0", NULL);
    dt_wait_blocked(w);
    dt_show("ncnt", dt_semctl(id, 1, DT_GETNCNT, 0));
    dt_show("zcnt", dt_semctl(id, 1, DT_GETZCNT, 0));
    DtSemOp up = {1, 1, 0};
    dt_semop(id, &up, 1);
    dt_waitpid(w, &st, 0);
    dt_show_status("woken waiter", st);
    w = dt_spawn(NULL, "semop", num(id, s[0]), "1", "-1", "0", NULL);
    dt_wait_blocked(w);
    dt_show("remove", dt_semrm(id));
    dt_waitpid(w, &st, 0);
    dt_show_status("waiter of a removed set", st);
    dt_show("removed", dt_semctl(id, 0, DT_GETVAL, 0));
}

int dt_main(void) {
    queues();
    semaphores();
    return 0;
}
