/* Hypotheses about the memory programs: free, ipcs and ipcrm, run inside a
 * kernel with the userland installed, next to helper processes that make
 * and hold segments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "userland_run.h"

#define OUT ul_output()
#define SHM_HEADER "\n------ Shared Memory Segments --------\n" \
                   "key        shmid      owner      bytes      nattch     status\n"
#define MSG_HEADER "\n------ Message Queues --------\n" \
                   "key        msqid      owner      perms      used-bytes   messages\n"
#define SEM_HEADER "\n------ Semaphore Arrays --------\n" \
                   "key        semid      owner      perms      nsems\n"

/* /test/mkshm KEY SIZE: create a segment (KEY 0: private). */
static int mkshm_main(int argc, char **argv)
{
    return sys_shmget(atoi(argv[1]), (size_t)atol(argv[2]), AX_IPC_CREAT).error == AX_OK ? 0 : 1;
}

/* /test/holder SHMID BYTES: attach the segment, allocate a region of BYTES,
 * then wait for a signal. */
static int holder_main(int argc, char **argv)
{
    if (sys_shmat(atoi(argv[1]), AX_PROT_READ).error != AX_OK)
        return 1;
    if (sys_mem_alloc((size_t)atol(argv[2]), AX_PROT_READ).error != AX_OK)
        return 2;
    sys_pause();
    return 0;
}

static Kernel *mem_kernel(void)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/test/mkshm", mkshm_main), 0);
    assert_int_equal(kernel_install_program(k, "/test/holder", holder_main), 0);
    return k;
}

/* Start a holder from the host; it runs (and blocks) during the next run. */
static int start_holder(Kernel *k, const char *shmid, const char *bytes)
{
    SyscallResult r = kernel_spawn(k, "/test/holder", (char *[]){"holder", (char *)shmid, (char *)bytes, NULL});
    assert_int_equal(r.error, AX_OK);
    return (int)r.value;
}

static void stop_holder(Kernel *k, int pid)
{
    char arg[16];
    snprintf(arg, sizeof arg, "%d", pid);
    assert_int_equal(RUN(k, NULL, "kill", "-9", arg), 0);
    int st;
    assert_int_equal(kernel_wait(k, pid, &st), 0);
    assert_true(AX_WIFSIGNALED(st));
}

static void test_ipcs_lists_segments_like_util_linux(void **state)
{
    Kernel *k = mem_kernel();
    assert_int_equal(RUN(k, NULL, "ipcs"), 0);
    assert_string_equal(OUT, MSG_HEADER SHM_HEADER SEM_HEADER "\n");
    assert_int_equal(RUN(k, NULL, "/test/mkshm", "77", "4096"), 0); /* shmid 0 */
    assert_int_equal(RUN(k, NULL, "/test/mkshm", "0", "100"), 0);   /* shmid 1 */
    int holder = start_holder(k, "0", "1000");
    assert_int_equal(RUN(k, NULL, "ipcs", "-m"), 0);
    char want[512];
    snprintf(want, sizeof want,
             SHM_HEADER "0x0000004d 0          %-10d 4096       1\n"
                        "0x00000000 1          %-10d 100        0\n\n",
             holder - 2, holder - 1);
    assert_string_equal(OUT, want);
    assert_int_equal(RUN(k, NULL, "ipcs", "-m", "-p"), 0);
    snprintf(want, sizeof want,
             "\n------ Shared Memory Creator/Last-op PIDs --------\n"
             "shmid      cpid       lpid\n"
             "0          %-10d %d\n"
             "1          %-10d 0\n\n",
             holder - 2, holder, holder - 1);
    assert_string_equal(OUT, want);
    assert_int_equal(RUN(k, NULL, "ipcs", "-q"), 0);
    assert_string_equal(OUT, MSG_HEADER "\n");
    assert_int_equal(RUN(k, NULL, "ipcs", "-z"), 1);
    assert_int_equal(RUN(k, NULL, "ipcs", "x"), 1);
    stop_holder(k, holder);
    harness_destroy(k);
}

static void test_ipcrm_removes_by_id_key_and_all(void **state)
{
    Kernel *k = mem_kernel();
    assert_int_equal(RUN(k, NULL, "/test/mkshm", "77", "4096"), 0); /* 0 */
    assert_int_equal(RUN(k, NULL, "/test/mkshm", "78", "10"), 0);   /* 1 */
    assert_int_equal(RUN(k, NULL, "/test/mkshm", "79", "20"), 0);   /* 2 */
    assert_int_equal(RUN(k, NULL, "/test/mkshm", "80", "30"), 0);   /* 3 */
    int holder = start_holder(k, "0", "1");

    /* attached: marked "dest", key gone, destroyed at the last detach */
    assert_int_equal(RUN(k, NULL, "ipcrm", "-m", "0"), 0);
    assert_string_equal(OUT, "");
    assert_int_equal(RUN(k, NULL, "ipcrm", "-M", "0x4e"), 0); /* key 78 */
    assert_int_equal(RUN(k, NULL, "ipcs", "-m"), 0);
    char want[512];
    snprintf(want, sizeof want,
             SHM_HEADER "0x00000000 0          %-10d 4096       1          dest\n"
                        "0x0000004f 2          %-10d 20         0\n"
                        "0x00000050 3          %-10d 30         0\n\n",
             holder - 4, holder - 2, holder - 1);
    assert_string_equal(OUT, want);

    /* errors: every operand is tried, status 1 */
    assert_int_equal(RUN(k, NULL, "ipcrm", "-m", "99", "-M", "80"), 1);
    assert_string_equal(OUT, "ipcrm: invalid id (99)\n");
    assert_int_equal(RUN(k, NULL, "ipcrm", "-M", "1234", "-m", "x1"), 1);
    assert_string_equal(OUT, "ipcrm: invalid key (1234)\n"
                             "ipcrm: failed to parse argument: 'x1'\n");
    assert_int_equal(RUN(k, NULL, "ipcrm", "-M", "0"), 1);
    assert_string_equal(OUT, "ipcrm: illegal key (0)\n");
    assert_int_equal(RUN(k, NULL, "ipcrm"), 1);
    assert_string_equal(OUT, "usage: ipcrm [-m SHMID | -M SHMKEY | -q MSQID | -Q MSGKEY | -s SEMID "
                             "| -S SEMKEY | -a]...\n");

    assert_int_equal(RUN(k, NULL, "ipcrm", "-a"), 0);
    assert_int_equal(RUN(k, NULL, "ipcs", "-m"), 0);
    snprintf(want, sizeof want, SHM_HEADER "0x00000000 0          %-10d 4096       1          dest\n\n",
             holder - 4);
    assert_string_equal(OUT, want);
    stop_holder(k, holder); /* the last detach destroys it */
    assert_int_equal(RUN(k, NULL, "ipcs", "-m"), 0);
    assert_string_equal(OUT, SHM_HEADER "\n");
    KernelStats st;
    kernel_stats(k, &st);
    assert_int_equal(st.shm_segments, 0);
    harness_destroy(k);
}

/* The "Mem:" line's fields (procps's free: total used free shared
 * buff/cache available). */
typedef struct FreeLine {
    char total[32], used[32], free[32], shared[32], cache[32], avail[32];
} FreeLine;

static FreeLine mem_line(void)
{
    FreeLine f = {{0}};
    const char *line = strstr(OUT, "\nMem:");
    assert_non_null(line);
    assert_int_equal(sscanf(line, "\nMem: %31s %31s %31s %31s %31s %31s", f.total, f.used, f.free,
                            f.shared, f.cache, f.avail),
                     6);
    return f;
}

/* free sees the shared segments (Shmem) and what processes hold (used). */
static void test_free_shows_shared_and_used_memory(void **state)
{
    Kernel *k = mem_kernel();
    assert_int_equal(RUN(k, NULL, "free", "-b"), 0);
    FreeLine before = mem_line();
    assert_int_equal(RUN(k, NULL, "/test/mkshm", "5", "4096"), 0);
    int holder = start_holder(k, "0", "100000");
    assert_int_equal(RUN(k, NULL, "free", "-b"), 0);
    assert_memory_equal(OUT, "               total        used        free      shared  buff/cache   available\n", 81);
    FreeLine f = mem_line();
    assert_string_equal(f.total, "4294967296"); /* no limit: /proc's nominal 4 GiB */
    assert_int_equal(strtoull(f.shared, NULL, 10), strtoull(before.shared, NULL, 10) + 4096);
    /* the holder's region and the segment */
    assert_true(strtoull(f.used, NULL, 10) >= strtoull(before.used, NULL, 10) + 100000 + 4096);
    assert_int_equal(strtoull(f.used, NULL, 10) + strtoull(f.avail, NULL, 10), 4294967296ull);
    stop_holder(k, holder);
    harness_destroy(k);
}

static void test_free_units_and_system_limit(void **state)
{
    KernelConfig cfg = {.mem_limit = 3u << 20};
    Kernel *k = harness_kernel(&cfg);
    assert_int_equal(kernel_install_userland(k), 0);
    assert_int_equal(kernel_install_program(k, "/test/mkshm", mkshm_main), 0);
    assert_int_equal(RUN(k, NULL, "/test/mkshm", "5", "1572864"), 0); /* 1.5 MiB */
    assert_int_equal(RUN(k, NULL, "free", "-b"), 0);
    FreeLine f = mem_line();
    assert_string_equal(f.total, "3145728");
    assert_int_equal(strtoull(f.shared, NULL, 10) >= 1572864, 1);
    unsigned long long used = strtoull(f.used, NULL, 10);
    assert_int_equal(strtoull(f.avail, NULL, 10), 3145728 - used);
    assert_int_equal(RUN(k, NULL, "free"), 0); /* KiB by default */
    f = mem_line();
    assert_string_equal(f.total, "3072");
    assert_int_equal(RUN(k, NULL, "free", "-k"), 0);
    f = mem_line();
    assert_string_equal(f.total, "3072");
    assert_int_equal(RUN(k, NULL, "free", "-m"), 0);
    f = mem_line();
    assert_string_equal(f.total, "3");
    assert_int_equal(RUN(k, NULL, "free", "-h"), 0);
    f = mem_line();
    assert_string_equal(f.total, "3.0Mi");
    assert_int_equal(RUN(k, NULL, "free", "-z"), 1);
    assert_int_equal(RUN(k, NULL, "free", "extra"), 1);
    assert_memory_equal(OUT, "free: extra operand 'extra'\n", 28);
    harness_destroy(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ipcs_lists_segments_like_util_linux),
        cmocka_unit_test(test_ipcrm_removes_by_id_key_and_all),
        cmocka_unit_test(test_free_shows_shared_and_used_memory),
        cmocka_unit_test(test_free_units_and_system_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
