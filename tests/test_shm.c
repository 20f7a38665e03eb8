/* Hypotheses about SysV-like shared memory: keys and shmids, true sharing
 * between tasks, IPC_STAT and IPC_RMID, accounting, listing, and release
 * of attachments however a process ends. */
#include "mem_test.h"

#define RW (AX_PROT_READ | AX_PROT_WRITE)

/* ---- shmget ---- */

static int prog_shmget_rules(int argc, char **argv) {
    /* shmids count from 0; IPC_PRIVATE always makes a new segment */
    CHECK(VAL(sys_shmget(AX_IPC_PRIVATE, 100, 0)) == 0);
    CHECK(VAL(sys_shmget(AX_IPC_PRIVATE, 100, AX_IPC_CREAT)) == 1);
    /* a key: created once, then found */
    CHECK(ERR(sys_shmget(42, 100, 0)) == AX_ENOENT);
    CHECK(VAL(sys_shmget(42, 100, AX_IPC_CREAT | 0600)) == 2);
    CHECK(VAL(sys_shmget(42, 100, AX_IPC_CREAT)) == 2);
    CHECK(VAL(sys_shmget(42, 100, 0)) == 2);
    CHECK(VAL(sys_shmget(42, 0, 0)) == 2);  /* size 0 finds */
    CHECK(VAL(sys_shmget(42, 50, 0)) == 2); /* so does a smaller one, as Linux */
    CHECK(ERR(sys_shmget(42, 101, AX_IPC_CREAT)) == AX_EINVAL);
    CHECK(ERR(sys_shmget(42, 100, AX_IPC_CREAT | AX_IPC_EXCL)) == AX_EEXIST);
    CHECK(VAL(sys_shmget(-7, 10, AX_IPC_CREAT | AX_IPC_EXCL)) == 3); /* any int is a key */
    /* bad arguments create nothing */
    CHECK(ERR(sys_shmget(43, 0, AX_IPC_CREAT)) == AX_EINVAL);
    CHECK(ERR(sys_shmget(AX_IPC_PRIVATE, 0, 0)) == AX_EINVAL);
    CHECK(ERR(sys_shmget(43, (size_t)1 << 41, AX_IPC_CREAT)) == AX_EINVAL);
    CHECK(ERR(sys_shmget(43, 10, AX_IPC_CREAT | 04000)) == AX_EINVAL);
    CHECK(ERR(sys_shmget(43, 10, -1)) == AX_EINVAL);
    SystemMemStats s = mt_sysstats();
    CHECK(s.shm_count == 4 && s.shm_total_size == 310 && mt_sys_used() == 310);
    CHECK(VAL(sys_shmget(43, 10, AX_IPC_CREAT)) == 4); /* ids were not used up */
    return 0;
}

static void test_shmget_keys_flags_and_ids(void **state) {
    Kernel *k = harness_kernel(NULL);
    mt_run_ok(k, prog_shmget_rules, NULL);
    KernelStats st;
    kernel_stats(k, &st);
    assert_int_equal(st.shm_segments, 5); /* never removed: they outlive their creator */
    harness_destroy(k);                   /* and kernel_destroy frees them */
}

static int prog_shm_limits(int argc, char **argv) {
    /* the system limit covers segments, each counted once */
    CHECK(ERR(sys_shmget(1, 5000, AX_IPC_CREAT)) == AX_ENOMEM);
    int id = (int)VAL(sys_shmget(1, 3000, AX_IPC_CREAT));
    CHECK(id == 0);
    int r1 = (int)VAL(sys_shmat(id, RW));
    int r2 = (int)VAL(sys_shmat(id, AX_PROT_READ));
    CHECK(r1 == 0 && r2 == 1);
    SystemMemStats s = mt_sysstats();
    CHECK(mt_sys_used() == 3000 && s.shm_count == 1 && s.shm_total_size == 3000);
    MemStats m = mt_memstats();
    uint64_t base = m.stack_bytes;
    CHECK(m.allocated == base + 6000 && m.shm_count == 2 && m.region_count == 0 &&
          m.peak == base + 6000);
    CHECK(ERR(sys_mem_alloc(1097, AX_PROT_READ)) == AX_ENOMEM); /* 3000 + 1097 > 4096 */
    /* the process limit covers attachments */
    CHECK(ERR(sys_set_memlimit(base + 8000)) == AX_OK);
    MemStats before = mt_memstats();
    CHECK(ERR(sys_shmat(id, RW)) == AX_ENOMEM);
    MemStats after = mt_memstats();
    CHECK(memcmp(&before, &after, sizeof before) == 0);
    ShmInfo info;
    CHECK(ERR(sys_shmctl(id, AX_IPC_STAT, &info)) == AX_OK && info.attach_count == 2);
    CHECK(ERR(sys_shmdt(r2)) == AX_OK);
    m = mt_memstats();
    CHECK(m.allocated == base + 3000 && m.shm_count == 1);
    return 0;
}

static void test_segments_charge_system_once_and_attachers_each(void **state) {
    Kernel *k = mt_kernel_with_room(NULL, 4096);
    mt_run_ok(k, prog_shm_limits, NULL);
    harness_destroy(k);
}

/* ---- sharing between tasks ---- */

/* argv: shmid-key, read fd of "go", write fd of "done" */
static int prog_shm_peer(int argc, char **argv) {
    int go = mt_arg(argv, 2), done = mt_arg(argv, 3);
    int id = (int)VAL(sys_shmget(mt_arg(argv, 1), 0, 0));
    CHECK(id >= 0);
    int r = (int)VAL(sys_shmat(id, RW));
    CHECK(r >= 0);
    char c, buf[16] = {0};
    CHECK(VAL(sys_read(go, &c, 1)) == 1); /* blocks until the parent wrote */
    CHECK(VAL(sys_mem_read(r, 0, buf, 6)) == 6 && strcmp(buf, "hello") == 0);
    CHECK(VAL(sys_mem_write(r, 100, "world", 6)) == 6);
    CHECK(ERR(sys_shm_sync(r)) == AX_OK); /* validates, nothing more */
    CHECK(VAL(sys_write(done, "k", 1)) == 1);
    CHECK(VAL(sys_read(go, &c, 1)) == 1); /* stays attached until told */
    return 0;
}

static int prog_shm_share(int argc, char **argv) {
    int id = (int)VAL(sys_shmget(77, 4096, AX_IPC_CREAT));
    int r = (int)VAL(sys_shmat(id, RW));
    CHECK(id == 0 && r == 0);
    int go[2], done[2];
    CHECK(ERR(sys_pipe(go)) == AX_OK && ERR(sys_pipe(done)) == AX_OK);
    char a1[12], a2[12];
    snprintf(a1, sizeof a1, "%d", go[0]);
    snprintf(a2, sizeof a2, "%d", done[1]);
    int pid = (int)VAL(sys_spawn("/bin/peer", (char *[]){"peer", "77", a1, a2, NULL}, NULL, NULL));
    CHECK(pid > 0);

    CHECK(VAL(sys_mem_write(r, 0, "hello", 6)) == 6);
    CHECK(VAL(sys_write(go[1], "g", 1)) == 1);
    char c, buf[8] = {0};
    CHECK(VAL(sys_read(done[0], &c, 1)) == 1); /* blocks: the peer runs */
    /* the peer's write is already in our view: nothing to refresh */
    CHECK(VAL(sys_mem_read(r, 100, buf, 6)) == 6 && strcmp(buf, "world") == 0);
    CHECK(ERR(sys_shm_refresh(r)) == AX_OK);

    ShmInfo info;
    CHECK(ERR(sys_shmctl(id, AX_IPC_STAT, &info)) == AX_OK);
    CHECK(info.shmid == id && info.key == 77 && info.size == 4096);
    CHECK(info.attach_count == 2 && info.creator_pid == VAL(sys_getpid()));
    CHECK(info.last_pid == pid && !info.removed);
    CHECK(info.atime_ns >= info.ctime_ns && info.dtime_ns == 0);

    CHECK(VAL(sys_write(go[1], "g", 1)) == 1);
    int st;
    CHECK(VAL(sys_waitpid(pid, &st, 0)) == pid && st == 0);
    CHECK(ERR(sys_shmctl(id, AX_IPC_STAT, &info)) == AX_OK);
    CHECK(info.attach_count == 1 && info.last_pid == pid && info.dtime_ns >= info.atime_ns);
    /* what the peer wrote outlives its attachment */
    CHECK(VAL(sys_mem_read(r, 100, buf, 6)) == 6 && strcmp(buf, "world") == 0);
    CHECK(ERR(sys_shmdt(r)) == AX_OK);
    CHECK(ERR(sys_shmctl(id, AX_IPC_RMID, NULL)) == AX_OK);
    return 0;
}

static void test_shm_is_shared_between_tasks_at_once(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/peer", prog_shm_peer);
    mt_run_ok(k, prog_shm_share, NULL);
    KernelStats st;
    kernel_stats(k, &st);
    assert_int_equal(st.shm_segments, 0);
    harness_destroy(k);
}

/* Two attachments in one process see the same bytes too, with their own
 * protections. */
static int prog_two_views(int argc, char **argv) {
    int id = (int)VAL(sys_shmget(AX_IPC_PRIVATE, 64, 0));
    int w = (int)VAL(sys_shmat(id, AX_PROT_WRITE));
    int r = (int)VAL(sys_shmat(id, AX_PROT_READ));
    char buf[4] = {0};
    CHECK(VAL(sys_mem_write(w, 60, "abcdef", 6)) == 4); /* cut at the end */
    CHECK(VAL(sys_mem_read(r, 60, buf, 4)) == 4 && memcmp(buf, "abcd", 4) == 0);
    CHECK(ERR(sys_mem_read(w, 0, buf, 1)) == AX_EACCES);
    CHECK(ERR(sys_mem_write(r, 0, buf, 1)) == AX_EACCES);
    CHECK(ERR(sys_mem_write(w, 65, buf, 1)) == AX_EINVAL);
    CHECK(ERR(sys_mem_protect(r, RW)) == AX_OK);
    CHECK(VAL(sys_mem_write(r, 0, "z", 1)) == 1);
    CHECK(ERR(sys_mem_write(w, 0, "y", 1)) == AX_OK); /* w unchanged by r's protect */
    CHECK(VAL(sys_mem_read(r, 0, buf, 1)) == 1 && buf[0] == 'y');
    CHECK(ERR(sys_shmat(id, 8)) == AX_EINVAL);
    CHECK(ERR(sys_shmat(99, RW)) == AX_EINVAL);
    CHECK(ERR(sys_shmat(-1, RW)) == AX_EINVAL);
    return 0;
}

static void test_two_attachments_in_one_process(void **state) {
    Kernel *k = harness_kernel(NULL);
    mt_run_ok(k, prog_two_views, NULL);
    harness_destroy(k);
}

/* ---- IPC_STAT, IPC_RMID, detach ---- */

static int prog_rmid(int argc, char **argv) {
    int id = (int)VAL(sys_shmget(5, 128, AX_IPC_CREAT));
    int a = (int)VAL(sys_shmat(id, RW));
    int b = (int)VAL(sys_shmat(id, RW));
    CHECK(ERR(sys_shmctl(id, AX_IPC_RMID, NULL)) == AX_OK);
    ShmInfo info;
    CHECK(ERR(sys_shmctl(id, AX_IPC_STAT, &info)) == AX_OK);
    CHECK(info.removed && info.key == AX_IPC_PRIVATE && info.attach_count == 2);
    CHECK(ERR(sys_shmat(id, RW)) == AX_EIDRM);     /* no new attaches */
    CHECK(ERR(sys_shmget(5, 0, 0)) == AX_ENOENT);  /* the key is free again */
    CHECK(ERR(sys_shmctl(id, AX_IPC_RMID, NULL)) == AX_OK); /* harmless again */
    /* the attachments still work */
    char buf[4];
    CHECK(VAL(sys_mem_write(a, 0, "abc", 4)) == 4);
    CHECK(VAL(sys_mem_read(b, 0, buf, 4)) == 4 && strcmp(buf, "abc") == 0);
    int fresh = (int)VAL(sys_shmget(5, 128, AX_IPC_CREAT | AX_IPC_EXCL));
    CHECK(fresh == id + 1);
    CHECK(mt_sysstats().shm_count == 2);
    CHECK(ERR(sys_shmdt(a)) == AX_OK);
    CHECK(mt_sysstats().shm_count == 2); /* one attacher left */
    CHECK(ERR(sys_mem_free(b)) == AX_OK); /* mem_free detaches too */
    SystemMemStats s = mt_sysstats();
    CHECK(s.shm_count == 1 && s.shm_total_size == 128 && mt_sys_used() == 128);
    CHECK(ERR(sys_shmctl(id, AX_IPC_STAT, &info)) == AX_EINVAL); /* destroyed */
    CHECK(ERR(sys_shmat(id, RW)) == AX_EINVAL);
    /* RMID with nobody attached destroys at once */
    CHECK(ERR(sys_shmctl(fresh, AX_IPC_RMID, NULL)) == AX_OK);
    CHECK(mt_sysstats().shm_count == 0 && mt_sys_used() == 0);
    CHECK(ERR(sys_shmctl(fresh, AX_IPC_RMID, NULL)) == AX_EINVAL);
    return 0;
}

static void test_rmid_refuses_attaches_and_destroys_at_last_detach(void **state) {
    Kernel *k = harness_kernel(NULL);
    mt_run_ok(k, prog_rmid, NULL);
    harness_destroy(k);
}

static int prog_shm_bad_args(int argc, char **argv) {
    int id = (int)VAL(sys_shmget(AX_IPC_PRIVATE, 16, 0));
    int priv = (int)VAL(sys_mem_alloc(16, RW));
    int att = (int)VAL(sys_shmat(id, RW));
    CHECK(ERR(sys_shmctl(id, AX_IPC_STAT, NULL)) == AX_EFAULT);
    CHECK(ERR(sys_shmctl(id, 99, NULL)) == AX_EINVAL);
    CHECK(ERR(sys_shmctl(id + 1, AX_IPC_STAT, &(ShmInfo){0})) == AX_EINVAL);
    CHECK(ERR(sys_shmdt(priv)) == AX_EINVAL); /* a private region is no attachment */
    CHECK(ERR(sys_shm_sync(priv)) == AX_EINVAL);
    CHECK(ERR(sys_shm_refresh(priv)) == AX_EINVAL);
    CHECK(ERR(sys_shmdt(-1)) == AX_EINVAL);
    CHECK(ERR(sys_shm_sync(500)) == AX_EINVAL);
    CHECK(ERR(sys_shmdt(att)) == AX_OK);
    CHECK(ERR(sys_shmdt(att)) == AX_EINVAL);
    CHECK(ERR(sys_shm_refresh(att)) == AX_EINVAL);
    return 0;
}

static void test_shm_calls_reject_bad_arguments(void **state) {
    Kernel *k = harness_kernel(NULL);
    mt_run_ok(k, prog_shm_bad_args, NULL);
    harness_destroy(k);
}

/* SysV permissions on segments (Linux's ipcperms): shmget of an existing
 * segment and shmat need the access asked for, IPC_STAT read, IPC_RMID
 * the owner, the creator or root; a denial changes nothing; IPC_STAT
 * shows the owner, the creator and the mode. */
static void shm_as(uint32_t uid) {
    (void)sys_setresgid(uid, uid, 0);
    (void)sys_setresuid(uid, uid, 0);
}
static int prog_shm_perms(int argc, char **argv) {
    shm_as(1000);
    int id = (int)VAL(sys_shmget(77, 64, AX_IPC_CREAT | 0640));
    ShmInfo info;
    CHECK(ERR(sys_shmctl(id, AX_IPC_STAT, &info)) == AX_OK);
    CHECK(info.uid == 1000 && info.cuid == 1000 && info.gid == 1000 && info.mode == 0640);
    shm_as(0);
    shm_as(2000); /* an other */
    CHECK(ERR(sys_shmget(77, 64, 0400)) == AX_EACCES);
    CHECK(VAL(sys_shmget(77, 64, 0)) == id); /* no bits ask for nothing (Linux) */
    CHECK(ERR(sys_shmget(77, 64, AX_IPC_CREAT | AX_IPC_EXCL)) == AX_EEXIST); /* first */
    CHECK(ERR(sys_shmat(id, AX_PROT_READ)) == AX_EACCES);
    CHECK(ERR(sys_shmctl(id, AX_IPC_STAT, &info)) == AX_EACCES);
    CHECK(ERR(sys_shmctl(id, AX_IPC_RMID, NULL)) == AX_EPERM);
    shm_as(0);
    /* the group may read, not write */
    (void)sys_setresgid(1000, 1000, 0);
    (void)sys_setresuid(3000, 3000, 0);
    CHECK(VAL(sys_shmget(77, 64, 0440)) == id);
    CHECK(ERR(sys_shmget(77, 64, 0660)) == AX_EACCES);
    int r = (int)VAL(sys_shmat(id, AX_PROT_READ));
    CHECK(ERR(sys_shmat(id, AX_PROT_READ | AX_PROT_WRITE)) == AX_EACCES);
    CHECK(ERR(sys_shmdt(r)) == AX_OK);
    shm_as(0);
    CHECK(mt_sysstats().shm_count == 1); /* every denial left it */
    shm_as(1000);
    CHECK(ERR(sys_shmctl(id, AX_IPC_RMID, NULL)) == AX_OK); /* the owner */
    shm_as(0);
    CHECK(mt_sysstats().shm_count == 0);
    /* root passes any mode */
    id = (int)VAL(sys_shmget(AX_IPC_PRIVATE, 16, 0));
    r = (int)VAL(sys_shmat(id, RW));
    CHECK(ERR(sys_shmdt(r)) == AX_OK);
    CHECK(ERR(sys_shmctl(id, AX_IPC_RMID, NULL)) == AX_OK);
    return 0;
}

static void test_shm_permissions(void **state) {
    Kernel *k = harness_kernel(NULL);
    mt_run_ok(k, prog_shm_perms, NULL);
    harness_destroy(k);
}

/* IPC_SET (Linux's shmctl): the owner, the creator or root sets the owner
 * uid and gid and the low 9 mode bits; the creator stays and ctime moves.
 * EPERM for others, EFAULT for no info, EINVAL for AX_ID_NONE, in that
 * order after the lookup; every failure leaves the segment as it was. */
static int prog_shm_set(int argc, char **argv) {
    shm_as(1000);
    int id = (int)VAL(sys_shmget(88, 64, AX_IPC_CREAT | 0600));
    ShmInfo before, info, after;
    CHECK(ERR(sys_shmctl(id, AX_IPC_STAT, &before)) == AX_OK);
    shm_as(0);
    shm_as(2000); /* an other: EPERM, and nothing changes */
    info = before;
    info.uid = 2000;
    info.mode = 0666;
    CHECK(ERR(sys_shmctl(id, AX_IPC_SET, &info)) == AX_EPERM);
    CHECK(ERR(sys_shmctl(id, AX_IPC_SET, NULL)) == AX_EPERM); /* the permission first */
    CHECK(ERR(sys_shmctl(999, AX_IPC_SET, &info)) == AX_EINVAL); /* no such id: before all */
    shm_as(0);
    shm_as(1000);
    CHECK(ERR(sys_shmctl(id, AX_IPC_SET, NULL)) == AX_EFAULT);
    info.uid = AX_ID_NONE;
    CHECK(ERR(sys_shmctl(id, AX_IPC_SET, &info)) == AX_EINVAL);
    info.uid = 1000;
    info.gid = AX_ID_NONE;
    CHECK(ERR(sys_shmctl(id, AX_IPC_SET, &info)) == AX_EINVAL);
    CHECK(ERR(sys_shmctl(id, AX_IPC_STAT, &after)) == AX_OK);
    CHECK(memcmp(&before, &after, sizeof after) == 0); /* every failure changed nothing */
    /* the owner gives the segment to 2000, group 100, mode 07644: the
     * high bits are dropped */
    sys_sleep(5);
    info = before;
    info.uid = 2000;
    info.gid = 100;
    info.mode = 07644;
    info.cuid = 3333; /* ignored, as every field but uid, gid and mode */
    info.size = 1;
    CHECK(ERR(sys_shmctl(id, AX_IPC_SET, &info)) == AX_OK);
    CHECK(ERR(sys_shmctl(id, AX_IPC_STAT, &after)) == AX_OK);
    CHECK(after.uid == 2000 && after.gid == 100 && after.mode == 0644);
    CHECK(after.cuid == 1000 && after.cgid == 1000 && after.size == 64);
    CHECK(after.ctime_ns > before.ctime_ns);
    /* the creator still controls it; the new owner too; root always */
    info = after;
    info.mode = 0600;
    CHECK(ERR(sys_shmctl(id, AX_IPC_SET, &info)) == AX_OK);
    shm_as(0);
    shm_as(2000);
    info.mode = 0640;
    CHECK(ERR(sys_shmctl(id, AX_IPC_SET, &info)) == AX_OK);
    shm_as(0);
    shm_as(3000);
    CHECK(ERR(sys_shmctl(id, AX_IPC_SET, &info)) == AX_EPERM);
    shm_as(0);
    info.uid = 0;
    CHECK(ERR(sys_shmctl(id, AX_IPC_SET, &info)) == AX_OK);
    CHECK(ERR(sys_shmctl(id, AX_IPC_STAT, &after)) == AX_OK);
    CHECK(after.uid == 0 && after.mode == 0640);
    CHECK(ERR(sys_shmctl(id, AX_IPC_RMID, NULL)) == AX_OK);
    return 0;
}

static void test_shm_ipc_set(void **state) {
    Kernel *k = harness_kernel(NULL);
    mt_run_ok(k, prog_shm_set, NULL);
    harness_destroy(k);
}

static int prog_shm_list(int argc, char **argv) {
    CHECK(VAL(sys_shm_list(NULL, 0)) == 0);
    sys_shmget(10, 100, AX_IPC_CREAT);
    sys_shmget(11, 200, AX_IPC_CREAT);
    sys_shmget(12, 300, AX_IPC_CREAT);
    sys_shmctl(1, AX_IPC_RMID, NULL); /* gone: nobody attached */
    int r = (int)VAL(sys_shmat(2, RW));
    sys_shmctl(2, AX_IPC_RMID, NULL); /* stays while attached */
    ShmInfo l[4];
    CHECK(ERR(sys_shm_list(NULL, 1)) == AX_EFAULT);
    CHECK(VAL(sys_shm_list(l, 1)) == 2 && l[0].shmid == 0);
    memset(l, 0, sizeof l);
    CHECK(VAL(sys_shm_list(l, 4)) == 2);
    CHECK(l[0].shmid == 0 && l[0].key == 10 && l[0].size == 100 && !l[0].removed);
    CHECK(l[1].shmid == 2 && l[1].key == 0 && l[1].removed && l[1].attach_count == 1);
    CHECK(l[0].creator_pid == VAL(sys_getpid()));
    sys_shmdt(r);
    CHECK(VAL(sys_shm_list(l, 4)) == 1);
    return 0;
}

static void test_shm_list_in_shmid_order(void **state) {
    Kernel *k = harness_kernel(NULL);
    mt_run_ok(k, prog_shm_list, NULL);
    harness_destroy(k);
}

/* ---- release on exit, exec and SIGKILL ---- */

/* argv[1]: shmid. Attach it twice, then block. */
static int prog_attached_blocker(int argc, char **argv) {
    int id = mt_arg(argv, 1);
    CHECK(VAL(sys_shmat(id, RW)) >= 0);
    CHECK(VAL(sys_shmat(id, RW)) >= 0);
    CHECK(VAL(sys_mem_alloc(1000, RW)) >= 0);
    if (argc > 2)
        return 0; /* exit without detaching */
    sys_pause();
    return 1;
}

static int prog_kill_attached(int argc, char **argv) {
    int kept = (int)VAL(sys_shmget(1, 512, AX_IPC_CREAT));
    int doomed = (int)VAL(sys_shmget(2, 512, AX_IPC_CREAT));
    char a[12], b[12];
    snprintf(a, sizeof a, "%d", kept);
    snprintf(b, sizeof b, "%d", doomed);
    int p1 = (int)VAL(sys_spawn("/bin/blocker", (char *[]){"blocker", a, NULL}, NULL, NULL));
    int p2 = (int)VAL(sys_spawn("/bin/blocker", (char *[]){"blocker", b, NULL}, NULL, NULL));
    int p3 = (int)VAL(sys_spawn("/bin/blocker", (char *[]){"blocker", a, "exit", NULL}, NULL, NULL));
    CHECK(p1 > 0 && p2 > 0 && p3 > 0);
    CHECK(ERR(sys_sleep(1000)) == AX_OK); /* all three run; two block */
    ShmInfo info;
    sys_shmctl(kept, AX_IPC_STAT, &info);
    CHECK(info.attach_count == 2); /* p3 exited and so detached */
    sys_shmctl(doomed, AX_IPC_STAT, &info);
    CHECK(info.attach_count == 2);
    CHECK(ERR(sys_shmctl(doomed, AX_IPC_RMID, NULL)) == AX_OK);
    CHECK(mt_sysstats().shm_count == 2);

    int st;
    CHECK(ERR(sys_kill(p1, AX_SIGKILL)) == AX_OK && ERR(sys_kill(p2, AX_SIGKILL)) == AX_OK);
    for (int i = 0; i < 3; i++)
        CHECK(VAL(sys_waitpid(-1, &st, 0)) > 0);
    sys_shmctl(kept, AX_IPC_STAT, &info);
    CHECK(info.attach_count == 0);
    CHECK(ERR(sys_shmctl(doomed, AX_IPC_STAT, &info)) == AX_EINVAL); /* destroyed with its last attacher */
    SystemMemStats s = mt_sysstats();
    CHECK(s.shm_count == 1 && mt_sys_used() == 512);
    CHECK(ERR(sys_shmctl(kept, AX_IPC_RMID, NULL)) == AX_OK);
    return 0;
}

static void test_exit_and_sigkill_detach(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/blocker", prog_attached_blocker);
    mt_run_ok(k, prog_kill_attached, NULL);
    KernelStats st;
    kernel_stats(k, &st);
    assert_int_equal(st.regions, 0);
    assert_int_equal(st.shm_segments, 0);
    harness_destroy(k);
}

static int prog_exec_detached(int argc, char **argv) {
    MemStats m = mt_memstats();
    CHECK(m.shm_count == 0 && m.allocated == m.stack_bytes);
    ShmInfo info;
    CHECK(ERR(sys_shmctl(0, AX_IPC_STAT, &info)) == AX_OK && info.attach_count == 0);
    CHECK(ERR(sys_shmctl(1, AX_IPC_STAT, &info)) == AX_EINVAL); /* removed: went with exec */
    return 0;
}

static int prog_exec_attached(int argc, char **argv) {
    sys_shmat((int)VAL(sys_shmget(1, 64, AX_IPC_CREAT)), RW);
    int doomed = (int)VAL(sys_shmget(2, 64, AX_IPC_CREAT));
    sys_shmat(doomed, RW);
    sys_shmctl(doomed, AX_IPC_RMID, NULL);
    sys_exec("/bin/after", (char *[]){"after", NULL}, NULL);
    mt_fail_line = __LINE__; /* exec returned */
    return 1;
}

static void test_exec_detaches(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/after", prog_exec_detached);
    mt_run_ok(k, prog_exec_attached, NULL);
    harness_destroy(k);
}

/* kernel_destroy with attachers still blocked: nothing leaks. */
static void test_destroy_with_attached_blocker_leaks_nothing(void **state) {
    HarnessAlloc a = {0};
    KernelConfig cfg = {.alloc = harness_alloc, .alloc_ud = &a};
    Kernel *k = kernel_create(&cfg);
    assert_non_null(k);
    kernel_install_program(k, "/bin/blocker", prog_attached_blocker);
    kernel_install_program(k, "/bin/t", prog_shmget_rules);
    assert_int_equal(kernel_spawn(k, "/bin/t", NULL).error, AX_OK);
    assert_int_equal(kernel_run(k), AX_RUN_EXITED);
    assert_int_equal(kernel_spawn(k, "/bin/blocker", (char *[]){"blocker", "2", NULL}).error, AX_OK);
    assert_int_equal(kernel_run(k), AX_RUN_DEADLOCK);
    KernelStats st;
    kernel_stats(k, &st);
    assert_int_equal(st.regions, 3);
    assert_int_equal(st.shm_segments, 5);
    kernel_destroy(k);
    assert_int_equal(a.live_blocks, 0);
}

/* ---- allocation failure ---- */

static int prog_shm_alloc_failures(int argc, char **argv) {
    SyscallResult r;
    FAIL_EACH(r, sys_shmget(9, 256, AX_IPC_CREAT));
    CHECK(r.value == 0 && mt_refused >= 1);
    FAIL_EACH(r, sys_shmget(AX_IPC_PRIVATE, 256, 0));
    CHECK(r.value == 1 && mt_refused >= 1); /* refused creations used up no shmid */
    FAIL_EACH(r, sys_shmat(0, RW));
    CHECK(r.value == 0 && mt_refused >= 1);
    ShmInfo info;
    sys_shmctl(0, AX_IPC_STAT, &info);
    CHECK(info.attach_count == 1);
    return 0;
}

static void test_shm_allocation_failure_leaves_no_state(void **state) {
    Kernel *k = harness_kernel(NULL);
    mt_alloc = harness_allocator(k);
    mt_run_ok(k, prog_shm_alloc_failures, NULL);
    harness_destroy(k);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shmget_keys_flags_and_ids),
        cmocka_unit_test(test_segments_charge_system_once_and_attachers_each),
        cmocka_unit_test(test_shm_is_shared_between_tasks_at_once),
        cmocka_unit_test(test_two_attachments_in_one_process),
        cmocka_unit_test(test_rmid_refuses_attaches_and_destroys_at_last_detach),
        cmocka_unit_test(test_shm_calls_reject_bad_arguments),
        cmocka_unit_test(test_shm_list_in_shmid_order),
        cmocka_unit_test(test_shm_permissions),
        cmocka_unit_test(test_shm_ipc_set),
        cmocka_unit_test(test_exit_and_sigkill_detach),
        cmocka_unit_test(test_exec_detaches),
        cmocka_unit_test(test_destroy_with_attached_blocker_leaks_nothing),
        cmocka_unit_test(test_shm_allocation_failure_leaves_no_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
