/* Hypotheses about SysV message queues and semaphores: keys, order and
 * types, limits, waits and their ends, and SEM_UNDO at exit however the
 * process dies. */
#include "ipc_test.h"
#include "userland_run.h"

typedef struct Msg64 {
    long mtype;
    char mtext[64];
} Msg64;

static int snd(int q, long type, const char *text, int flags) {
    Msg64 m = {type, {0}};
    size_t n = strlen(text);
    memcpy(m.mtext, text, n);
    return (int)sys_msgsnd(q, &m, n, flags).error;
}

/* /bin/msgsender Q TYPE TEXT DELAY_MS */
static int prog_msgsender(int argc, char **argv) {
    sys_sleep((uint64_t)atoi(argv[4]) * MS);
    return snd(atoi(argv[1]), atol(argv[2]), argv[3], 0);
}

/* /bin/msgwait Q: wait for a message for ever; exit with the errno */
static int prog_msgwait(int argc, char **argv) {
    Msg64 m;
    return (int)sys_msgrcv(atoi(argv[1]), &m, sizeof m.mtext, 0, 0).error;
}

/* /bin/semwait SEMID: wait to take one (semop -1); exit with the errno */
static int prog_semwait(int argc, char **argv) {
    SemBuf op = {0, -1, 0};
    return (int)sys_semop(atoi(argv[1]), &op, 1).error;
}

/* /bin/semundo SEMID HOW: take one with SEM_UNDO, then exit (HOW x),
 * get killed while waiting (HOW w: then waits on semaphore 1), or
 * return from main (HOW r) */
static int prog_semundo(int argc, char **argv) {
    int id = atoi(argv[1]);
    SemBuf op = {0, -1, AX_SEM_UNDO};
    if (sys_semop(id, &op, 1).error)
        return 1;
    if (argv[2][0] == 'w') {
        SemBuf wait = {1, -1, 0};
        sys_semop(id, &wait, 1);
    }
    if (argv[2][0] == 'x')
        sys_exit(0);
    return 0;
}

/* /bin/asuser MSQID SEMID PHASE: as uid 1000, gid 100, check what the
 * permissions let through (PHASE 0: root's 0600 objects; 1: owned by
 * 1000 now; 2: group 100 may read only) */
static int prog_asuser(int argc, char **argv) {
    int q = atoi(argv[1]), s = atoi(argv[2]), phase = atoi(argv[3]);
    CHECK(sys_setgid(100).error == AX_OK && sys_setuid(1000).error == AX_OK);
    Msg64 m = {1, "x"};
    MsqInfo mi;
    SemInfo si;
    SemBuf take = {0, -1, AX_IPC_NOWAIT}, zero = {0, 0, AX_IPC_NOWAIT};
    if (phase == 0) {
        CHECK(sys_msgsnd(q, &m, 1, AX_IPC_NOWAIT).error == AX_EACCES);
        CHECK(sys_msgrcv(q, &m, 8, 0, AX_IPC_NOWAIT).error == AX_EACCES);
        CHECK(sys_msgctl(q, AX_IPC_STAT, &mi).error == AX_EACCES);
        CHECK(sys_msgctl(q, AX_IPC_RMID, NULL).error == AX_EPERM);
        CHECK(sys_msgget(77, 0).value == q);                 /* asks for nothing */
        CHECK(sys_msgget(77, 0400).error == AX_EACCES);
        CHECK(sys_semop(s, &take, 1).error == AX_EACCES);
        CHECK(sys_semop(s, &zero, 1).error == AX_EACCES);
        CHECK(sys_semctl(s, 0, AX_GETVAL, 0).error == AX_EACCES);
        CHECK(sys_semctl(s, 0, AX_SETVAL, 1).error == AX_EACCES);
        CHECK(sys_semctl(s, 0, AX_SETVAL, -1).error == AX_ERANGE); /* the value first */
        CHECK(sys_semctl(s, 0, AX_IPC_STAT, (uint64_t)(uintptr_t)&si).error == AX_EACCES);
        CHECK(sys_semctl(s, 0, AX_IPC_RMID, 0).error == AX_EPERM);
        CHECK(sys_semget(78, 1, 0200).error == AX_EACCES);
    } else if (phase == 1) {
        CHECK(sys_msgsnd(q, &m, 1, 0).error == AX_OK);
        CHECK(sys_msgctl(q, AX_IPC_STAT, &mi).error == AX_OK && mi.uid == 1000 && mi.cuid == 0);
        mi.qbytes = AX_MSGMNB + 1; /* past MSGMNB: root only */
        CHECK(sys_msgctl(q, AX_IPC_SET, &mi).error == AX_EPERM);
        mi.qbytes = AX_MSGMNB;
        mi.mode = 0640;
        CHECK(sys_msgctl(q, AX_IPC_SET, &mi).error == AX_OK); /* the owner may */
        CHECK(sys_semctl(s, 0, AX_SETVAL, 2).error == AX_OK);
    } else {
        CHECK(sys_semop(s, &zero, 1).error == AX_EAGAIN);      /* r: it may wait for zero */
        CHECK(sys_semop(s, &take, 1).error == AX_EACCES);      /* no w */
        CHECK(sys_semctl(s, 0, AX_GETVAL, 0).value == 2);
        CHECK(sys_semctl(s, 0, AX_IPC_SET, (uint64_t)(uintptr_t)&si).error == AX_EPERM);
    }
    return 0;
}

static const IpcProg helpers[] = {
    {"/bin/asuser", prog_asuser},
    {"/bin/msgsender", prog_msgsender},
    {"/bin/msgwait", prog_msgwait},
    {"/bin/semwait", prog_semwait},
    {"/bin/semundo", prog_semundo},
};
#define TRUN(t) ipc_run(NULL, t, helpers, sizeof helpers / sizeof helpers[0])

/* ---- message queues ---- */

static int t_msg(int argc, char **argv) {
    CHECK(sys_msgget(42, 0).error == AX_ENOENT);
    int q = (int)sys_msgget(42, AX_IPC_CREAT | 0640).value;
    CHECK(q >= 0 && sys_msgget(42, 0).value == q);
    CHECK(sys_msgget(42, AX_IPC_CREAT | AX_IPC_EXCL).error == AX_EEXIST);
    CHECK(sys_msgget(AX_IPC_PRIVATE, 0).value != q); /* always a new one */
    /* order within a type, types picked as asked */
    CHECK(snd(q, 2, "b1", 0) == 0 && snd(q, 1, "a1", 0) == 0 && snd(q, 3, "c1", 0) == 0);
    CHECK(snd(q, 1, "a2", 0) == 0);
    Msg64 m;
    CHECK(sys_msgrcv(q, &m, sizeof m.mtext, 1, 0).value == 2 && memcmp(m.mtext, "a1", 2) == 0);
    CHECK(sys_msgrcv(q, &m, sizeof m.mtext, 1, AX_MSG_EXCEPT).value == 2 && m.mtype == 2);
    CHECK(sys_msgrcv(q, &m, sizeof m.mtext, -3, 0).value == 2 && m.mtype == 1); /* lowest <= 3 */
    CHECK(sys_msgrcv(q, &m, sizeof m.mtext, 0, 0).value == 2 && m.mtype == 3); /* the first */
    CHECK(sys_msgrcv(q, &m, sizeof m.mtext, 0, AX_IPC_NOWAIT).error == AX_ENOMSG);
    /* a message longer than asked: E2BIG and it stays, or cut with NOERROR */
    snd(q, 5, "longer text", 0);
    CHECK(sys_msgrcv(q, &m, 4, 0, 0).error == AX_E2BIG);
    CHECK(sys_msgrcv(q, &m, 4, 0, AX_MSG_NOERROR).value == 4 && memcmp(m.mtext, "long", 4) == 0);
    /* errors */
    CHECK(snd(q, 0, "x", 0) == AX_EINVAL);
    CHECK(sys_msgsnd(q, NULL, 1, 0).error == AX_EFAULT);
    static char big[sizeof(long) + AX_MSGMAX + 1];
    ((MsgBuf *)big)->mtype = 1;
    CHECK(sys_msgsnd(q, big, AX_MSGMAX + 1, 0).error == AX_EINVAL);
    CHECK(sys_msgsnd(9999, big, 1, 0).error == AX_EINVAL);
    CHECK(sys_msgrcv(q, &m, (size_t)-1, 0, 0).error == AX_EINVAL);
    CHECK(sys_msgrcv(q, &m, 1, 0, AX_MSG_COPY | AX_IPC_NOWAIT).error == AX_ENOSYS);
    /* full: msg_qbytes bytes; AX_IPC_NOWAIT says EAGAIN */
    MsqInfo info;
    CHECK(sys_msgctl(q, AX_IPC_STAT, &info).error == AX_OK);
    CHECK(info.qbytes == AX_MSGMNB && info.mode == 0640 && info.qnum == 0 && info.key == 42);
    info.qbytes = 100;
    CHECK(sys_msgctl(q, AX_IPC_SET, &info).error == AX_OK);
    int n = 0;
    while (snd(q, 1, "0123456789", AX_IPC_NOWAIT) == 0)
        n++;
    CHECK(n == 10 && snd(q, 1, "x", AX_IPC_NOWAIT) == AX_EAGAIN);
    info.qbytes = AX_MSGMNB + 1; /* root may raise it past MSGMNB (CAP_SYS_RESOURCE) */
    CHECK(sys_msgctl(q, AX_IPC_SET, &info).error == AX_OK);
    sys_msgctl(q, AX_IPC_STAT, &info);
    CHECK(info.qnum == 10 && info.cbytes == 100 && info.lspid == (int)sys_getpid().value);
    MsqInfo list[4];
    CHECK(sys_msg_list(list, 4).value == 2 && list[0].msqid == q);
    /* removal frees what was queued; the id stays dead */
    CHECK(sys_msgctl(q, AX_IPC_RMID, NULL).error == AX_OK);
    CHECK(sys_msgctl(q, AX_IPC_STAT, &info).error == AX_EINVAL);
    CHECK(sys_msgget(42, 0).error == AX_ENOENT);
    CHECK(sys_msgctl(list[1].msqid, AX_IPC_RMID, NULL).error == AX_OK);
    CHECK(sys_msg_list(NULL, 0).value == 0);
    return 0;
}

static void test_message_queues_keep_order_by_type_and_their_limits(void **state) {
    TRUN(t_msg);
}

static int t_msg_wait(int argc, char **argv) {
    int q = (int)sys_msgget(AX_IPC_PRIVATE, 0600).value;
    /* a receiver waits for a message of its type */
    int pid = ipc_spawn4("/bin/msgsender", ipc_num(q), "7", "late", "10");
    snd(q, 3, "other", 0);
    Msg64 m;
    uint64_t t0 = (uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
    CHECK(sys_msgrcv(q, &m, sizeof m.mtext, 7, 0).value == 4);
    CHECK((uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value - t0 == 10 * MS);
    CHECK(ipc_wait(pid) == 0);
    /* removed while it waits: EIDRM */
    pid = ipc_spawn("/bin/msgwait", ipc_num(q), NULL, NULL);
    sys_msgrcv(q, &m, sizeof m.mtext, 0, 0); /* take "other": the child then waits */
    sys_sleep(MS);
    sys_msgctl(q, AX_IPC_RMID, NULL);
    CHECK(AX_WEXITSTATUS(ipc_wait(pid)) == AX_EIDRM);
    /* killed while it waits: nothing left */
    q = (int)sys_msgget(AX_IPC_PRIVATE, 0600).value;
    pid = ipc_spawn("/bin/msgwait", ipc_num(q), NULL, NULL);
    sys_sleep(MS);
    sys_kill(pid, AX_SIGKILL);
    CHECK(AX_WTERMSIG(ipc_wait(pid)) == AX_SIGKILL);
    snd(q, 1, "after", 0); /* wakes a queue with nobody on it */
    sys_msgctl(q, AX_IPC_RMID, NULL);
    return 0;
}

static void test_msgrcv_waits_and_a_removed_queue_says_eidrm(void **state) {
    TRUN(t_msg_wait);
}

/* ---- semaphores ---- */

static int t_sem(int argc, char **argv) {
    CHECK(sys_semget(7, 0, AX_IPC_CREAT).error == AX_EINVAL);
    CHECK(sys_semget(7, AX_SEMMSL + 1, AX_IPC_CREAT).error == AX_EINVAL);
    int s = (int)sys_semget(7, 3, AX_IPC_CREAT | 0600).value;
    CHECK(s >= 0 && sys_semget(7, 2, 0).value == s);
    CHECK(sys_semget(7, 4, 0).error == AX_EINVAL);
    CHECK(sys_semctl(s, 0, AX_GETVAL, 0).value == 0);
    /* all or nothing: the second op cannot go, so the first does not */
    SemBuf two[2] = {{0, 5, 0}, {1, -1, AX_IPC_NOWAIT}};
    CHECK(sys_semop(s, two, 2).error == AX_EAGAIN && sys_semctl(s, 0, AX_GETVAL, 0).value == 0);
    two[1].sem_op = 0; /* wait-for-zero on a zero: goes */
    CHECK(sys_semop(s, two, 2).error == AX_OK && sys_semctl(s, 0, AX_GETVAL, 0).value == 5);
    CHECK(sys_semctl(s, 0, AX_GETPID, 0).value == sys_getpid().value);
    /* errors */
    SemBuf bad = {3, 1, 0};
    CHECK(sys_semop(s, &bad, 1).error == AX_EFBIG);
    CHECK(sys_semop(s, two, 0).error == AX_EINVAL);
    CHECK(sys_semop(s, two, AX_SEMOPM + 1).error == AX_E2BIG);
    CHECK(sys_semop(s, NULL, 1).error == AX_EFAULT);
    CHECK(sys_semop(9999, two, 1).error == AX_EINVAL);
    SemBuf over = {0, AX_SEMVMX, 0};
    CHECK(sys_semop(s, &over, 1).error == AX_ERANGE);
    CHECK(sys_semctl(s, 0, AX_SETVAL, AX_SEMVMX + 1).error == AX_ERANGE);
    CHECK(sys_semctl(s, 5, AX_GETVAL, 0).error == AX_EINVAL);
    CHECK(sys_semctl(s, 0, 999, 0).error == AX_EINVAL);
    int64_t neg = -1;
    CHECK(sys_semtimedop(s, two, 1, &neg).error == AX_EINVAL);
    /* SETALL / GETALL */
    uint16_t vals[3] = {1, 2, 3}, got[3];
    CHECK(sys_semctl(s, 0, AX_SETALL, (uint64_t)(uintptr_t)vals).error == AX_OK);
    CHECK(sys_semctl(s, 0, AX_GETALL, (uint64_t)(uintptr_t)got).error == AX_OK);
    CHECK(got[0] == 1 && got[1] == 2 && got[2] == 3);
    /* a timed wait runs out: EAGAIN */
    SemBuf take = {0, -5, 0};
    int64_t ns = 15 * MS;
    uint64_t t0 = (uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
    CHECK(sys_semtimedop(s, &take, 1, &ns).error == AX_EAGAIN);
    CHECK((uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value - t0 == 15 * MS);
    SemInfo info;
    CHECK(sys_semctl(s, 0, AX_IPC_STAT, (uint64_t)(uintptr_t)&info).error == AX_OK);
    CHECK(info.nsems == 3 && info.key == 7 && info.mode == 0600);
    CHECK(sys_sem_list(&info, 1).value == 1);
    CHECK(sys_semctl(s, 0, AX_IPC_RMID, 0).error == AX_OK);
    CHECK(sys_semctl(s, 0, AX_GETVAL, 0).error == AX_EINVAL);
    return 0;
}

static void test_semop_is_all_or_nothing_and_checks_its_arguments(void **state) {
    TRUN(t_sem);
}

static int t_sem_wait(int argc, char **argv) {
    int s = (int)sys_semget(AX_IPC_PRIVATE, 2, 0600).value;
    int a = ipc_spawn("/bin/semwait", ipc_num(s), NULL, NULL);
    int b = ipc_spawn("/bin/semwait", ipc_num(s), NULL, NULL);
    sys_sleep(MS);
    CHECK(sys_semctl(s, 0, AX_GETNCNT, 0).value == 2 && sys_semctl(s, 0, AX_GETZCNT, 0).value == 0);
    /* one post lets one through */
    SemBuf post = {0, 1, 0};
    sys_semop(s, &post, 1);
    sys_sleep(MS);
    CHECK(sys_semctl(s, 0, AX_GETNCNT, 0).value == 1);
    /* the other: removed while it waits */
    sys_semctl(s, 0, AX_IPC_RMID, 0);
    int sa = ipc_wait(a), sb = ipc_wait(b);
    CHECK((AX_WEXITSTATUS(sa) == 0 && AX_WEXITSTATUS(sb) == AX_EIDRM) ||
          (AX_WEXITSTATUS(sb) == 0 && AX_WEXITSTATUS(sa) == AX_EIDRM));
    return 0;
}

static void test_waiters_are_counted_and_woken_by_post_or_removal(void **state) {
    TRUN(t_sem_wait);
}

static int t_undo(int argc, char **argv) {
    int s = (int)sys_semget(AX_IPC_PRIVATE, 2, 0600).value;
    sys_semctl(s, 0, AX_SETVAL, 3);
    /* exit, return from main, and a kill in the middle of a wait: each
     * process's SEM_UNDO gives its -1 back */
    const char *hows[3] = {"x", "r", "w"};
    for (int i = 0; i < 3; i++) {
        int pid = ipc_spawn("/bin/semundo", ipc_num(s), hows[i], NULL);
        sys_sleep(MS);
        if (hows[i][0] == 'w') {
            CHECK(sys_semctl(s, 0, AX_GETVAL, 0).value == 2); /* it took one, and waits */
            sys_kill(pid, AX_SIGKILL);
        }
        ipc_wait(pid);
        CHECK(sys_semctl(s, 0, AX_GETVAL, 0).value == 3);
    }
    /* SETVAL clears what undo would give back */
    int pid = ipc_spawn("/bin/semundo", ipc_num(s), "w", NULL);
    sys_sleep(MS);
    sys_semctl(s, 0, AX_SETVAL, 10);
    sys_kill(pid, AX_SIGKILL);
    ipc_wait(pid);
    CHECK(sys_semctl(s, 0, AX_GETVAL, 0).value == 10);
    /* an undo that would go below 0 stops at 0 (Linux) */
    pid = ipc_spawn("/bin/semundo", ipc_num(s), "w", NULL);
    sys_sleep(MS);
    sys_semctl(s, 0, AX_SETVAL, 0); /* clears its adjustment, so... */
    SemBuf up = {0, 1, AX_SEM_UNDO}; /* ...ours: +1 now, -1 at our exit */
    sys_semop(s, &up, 1);
    sys_kill(pid, AX_SIGKILL);
    ipc_wait(pid);
    CHECK(sys_semctl(s, 0, AX_GETVAL, 0).value == 1);
    sys_semctl(s, 0, AX_IPC_RMID, 0);
    return 0;
}

static void test_sem_undo_is_applied_however_the_process_dies(void **state) {
    TRUN(t_undo);
}

/* ---- permissions ---- */

static int t_perms(int argc, char **argv) {
    int q = (int)sys_msgget(77, AX_IPC_CREAT | 0600).value;
    int s = (int)sys_semget(78, 1, AX_IPC_CREAT | 0600).value;
    CHECK(q >= 0 && s >= 0);
    CHECK(ipc_wait(ipc_spawn("/bin/asuser", ipc_num(q), ipc_num(s), "0")) == 0);
    /* root passes whatever the bits */
    MsqInfo mi;
    CHECK(sys_msgctl(q, AX_IPC_STAT, &mi).error == AX_OK && mi.uid == 0 && mi.cuid == 0 && mi.mode == 0600);
    mi.mode = 0;
    CHECK(sys_msgctl(q, AX_IPC_SET, &mi).error == AX_OK && snd(q, 1, "root", 0) == 0);
    mi.uid = AX_ID_NONE;
    CHECK(sys_msgctl(q, AX_IPC_SET, &mi).error == AX_EINVAL);
    /* a new owner */
    mi.uid = 1000;
    mi.mode = 0600;
    CHECK(sys_msgctl(q, AX_IPC_SET, &mi).error == AX_OK);
    SemInfo si;
    CHECK(sys_semctl(s, 0, AX_IPC_STAT, (uint64_t)(uintptr_t)&si).error == AX_OK);
    si.uid = 1000;
    CHECK(sys_semctl(s, 0, AX_IPC_SET, (uint64_t)(uintptr_t)&si).error == AX_OK);
    CHECK(ipc_wait(ipc_spawn("/bin/asuser", ipc_num(q), ipc_num(s), "1")) == 0);
    CHECK(sys_msgctl(q, AX_IPC_STAT, &mi).error == AX_OK && mi.mode == 0640 && mi.qnum == 2);
    /* the group's bits: the owner is someone else, gid 100 may read */
    si.uid = 2000;
    si.gid = 100;
    si.mode = 0640;
    CHECK(sys_semctl(s, 0, AX_IPC_SET, (uint64_t)(uintptr_t)&si).error == AX_OK);
    CHECK(ipc_wait(ipc_spawn("/bin/asuser", ipc_num(q), ipc_num(s), "2")) == 0);
    SemInfo list[2];
    CHECK(sys_sem_list(list, 2).value == 1 && list[0].uid == 2000 && list[0].gid == 100 && list[0].cuid == 0);
    sys_msgctl(q, AX_IPC_RMID, NULL);
    sys_semctl(s, 0, AX_IPC_RMID, 0);
    return 0;
}

static void test_permissions_follow_the_owner_creator_and_mode_bits(void **state) {
    TRUN(t_perms);
}

/* ---- the programs ---- */

static void test_ipcmk_ipcs_and_ipcrm_handle_every_kind(void **state) {
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "ipcmk", "-Q", "-S", "3", "-p", "600"), 0);
    assert_string_equal(ul_output(), "Message queue id: 0\nSemaphore id: 0\n");
    assert_int_equal(RUN(k, NULL, "ipcmk", "-M", "4K"), 0);
    assert_string_equal(ul_output(), "Shared memory id: 0\n");
    assert_int_equal(RUN(k, NULL, "ipcmk", "-S", "0"), 1);
    assert_int_equal(RUN(k, NULL, "ipcmk"), 1);
    assert_int_equal(RUN(k, NULL, "ipcs", "-q"), 0);
    const char *out = ul_output();
    assert_non_null(strstr(out, "------ Message Queues --------\n"));
    assert_non_null(strstr(out, " 0          "));
    assert_non_null(strstr(out, " 600        0            0\n"));
    assert_int_equal(RUN(k, NULL, "ipcs", "-s"), 0);
    assert_non_null(strstr(ul_output(), " 600        3\n"));
    assert_int_equal(RUN(k, NULL, "ipcrm", "-q", "0", "-s", "0", "-s", "7"), 1);
    assert_string_equal(ul_output(), "ipcrm: invalid id (7)\n");
    assert_int_equal(RUN(k, NULL, "ipcs", "-q", "-s"), 0);
    assert_string_equal(ul_output(),
                        "\n------ Message Queues --------\n"
                        "key        msqid      owner      perms      used-bytes   messages\n"
                        "\n------ Semaphore Arrays --------\n"
                        "key        semid      owner      perms      nsems\n\n");
    assert_int_equal(RUN(k, NULL, "ipcrm", "-a"), 0);
    harness_destroy(k);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_message_queues_keep_order_by_type_and_their_limits),
        cmocka_unit_test(test_permissions_follow_the_owner_creator_and_mode_bits),
        cmocka_unit_test(test_msgrcv_waits_and_a_removed_queue_says_eidrm),
        cmocka_unit_test(test_semop_is_all_or_nothing_and_checks_its_arguments),
        cmocka_unit_test(test_waiters_are_counted_and_woken_by_post_or_removal),
        cmocka_unit_test(test_sem_undo_is_applied_however_the_process_dies),
        cmocka_unit_test(test_ipcmk_ipcs_and_ipcrm_handle_every_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
