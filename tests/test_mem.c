/* Hypotheses about memory regions and their accounting: ids, zero fill,
 * bounds, protection, limits and peak, isolation between processes,
 * release at exit, exec and SIGKILL, and allocation failure. */
#include "mem_test.h"

/* ---- regions ---- */

static int prog_ids_and_zero_fill(int argc, char **argv) {
    CHECK(VAL(sys_mem_alloc(100, AX_PROT_READ | AX_PROT_WRITE)) == 0);
    CHECK(VAL(sys_mem_alloc(200, AX_PROT_READ)) == 1);
    CHECK(VAL(sys_mem_alloc(300, AX_PROT_NONE)) == 2);
    CHECK(ERR(sys_mem_free(1)) == AX_OK);
    CHECK(VAL(sys_mem_alloc(50, AX_PROT_READ)) == 1); /* lowest free id again */
    CHECK(VAL(sys_mem_alloc(50, AX_PROT_READ)) == 3);

    unsigned char buf[100];
    memset(buf, 0xAA, sizeof buf);
    CHECK(VAL(sys_mem_read(0, 0, buf, sizeof buf)) == 100);
    for (size_t i = 0; i < sizeof buf; i++)
        CHECK(buf[i] == 0);
    CHECK(VAL(sys_mem_write(0, 10, "hello", 5)) == 5);
    CHECK(VAL(sys_mem_read(0, 10, buf, 5)) == 5 && memcmp(buf, "hello", 5) == 0);

    MemStats m = mt_memstats();
    CHECK(m.region_count == 4 && m.shm_count == 0);
    CHECK(m.allocated == m.stack_bytes + 100 + 50 + 300 + 50);
    return 0;
}

static void test_region_ids_are_lowest_free_and_memory_zeroed(void **state) {
    Kernel *k = harness_kernel(NULL);
    mt_run_ok(k, prog_ids_and_zero_fill, NULL);
    harness_destroy(k);
}

static int prog_bad_args(int argc, char **argv) {
    CHECK(ERR(sys_mem_alloc(0, AX_PROT_READ)) == AX_EINVAL);
    CHECK(ERR(sys_mem_alloc(16, 8)) == AX_EINVAL);
    CHECK(ERR(sys_mem_alloc(16, -1)) == AX_EINVAL);
    CHECK(ERR(sys_mem_alloc((size_t)1 << 41, AX_PROT_READ)) == AX_EINVAL);
    CHECK(ERR(sys_mem_alloc(SIZE_MAX, AX_PROT_READ)) == AX_EINVAL);
    char b[4];
    int bad[] = {-1, 0, 7, 1 << 30};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(ERR(sys_mem_read(bad[i], 0, b, 4)) == AX_EINVAL);
        CHECK(ERR(sys_mem_write(bad[i], 0, b, 4)) == AX_EINVAL);
        CHECK(ERR(sys_mem_protect(bad[i], AX_PROT_READ)) == AX_EINVAL);
        CHECK(ERR(sys_mem_free(bad[i])) == AX_EINVAL);
    }
    int r = (int)VAL(sys_mem_alloc(16, AX_PROT_READ | AX_PROT_WRITE));
    CHECK(ERR(sys_mem_protect(r, 0x10)) == AX_EINVAL);
    CHECK(ERR(sys_mem_free(r)) == AX_OK);
    CHECK(ERR(sys_mem_free(r)) == AX_EINVAL); /* a freed id is dead */
    CHECK(ERR(sys_mem_read(r, 0, b, 4)) == AX_EINVAL);
    MemStats m = mt_memstats();
    CHECK(m.allocated == m.stack_bytes && m.region_count == 0 && m.peak == m.stack_bytes + 16);
    CHECK(ERR(sys_memstats(NULL)) == AX_EFAULT);
    CHECK(ERR(sys_system_memstats(NULL)) == AX_EFAULT);
    return 0;
}

static void test_bad_sizes_prots_and_ids_are_einval(void **state) {
    Kernel *k = harness_kernel(NULL);
    mt_run_ok(k, prog_bad_args, NULL);
    harness_destroy(k);
}

static int prog_bounds(int argc, char **argv) {
    int r = (int)VAL(sys_mem_alloc(100, AX_PROT_READ | AX_PROT_WRITE));
    char buf[64];
    memset(buf, 'x', sizeof buf);
    /* reads at or beyond the end give 0 bytes */
    CHECK(ERR(sys_mem_read(r, 100, buf, 10)) == AX_OK && VAL(sys_mem_read(r, 100, buf, 10)) == 0);
    CHECK(VAL(sys_mem_read(r, 1000, buf, 10)) == 0);
    CHECK(VAL(sys_mem_read(r, SIZE_MAX, buf, 10)) == 0);
    /* a write starting beyond the end is an error and writes nothing */
    CHECK(ERR(sys_mem_write(r, 101, buf, 10)) == AX_EINVAL);
    CHECK(ERR(sys_mem_write(r, SIZE_MAX, buf, 10)) == AX_EINVAL);
    /* exactly at the end: nothing to write, no error */
    CHECK(ERR(sys_mem_write(r, 100, buf, 10)) == AX_OK && VAL(sys_mem_write(r, 100, buf, 10)) == 0);
    /* crossing the end: cut short */
    CHECK(VAL(sys_mem_write(r, 90, "0123456789abcdefghij", 20)) == 10);
    CHECK(VAL(sys_mem_read(r, 95, buf, 64)) == 5 && memcmp(buf, "56789", 5) == 0);
    /* a huge n is cut to the region */
    char whole[100];
    CHECK(VAL(sys_mem_read(r, 0, whole, SIZE_MAX)) == 100);
    CHECK(memcmp(whole + 90, "0123456789", 10) == 0);
    /* NULL buffers */
    CHECK(ERR(sys_mem_read(r, 0, NULL, 5)) == AX_EFAULT);
    CHECK(ERR(sys_mem_write(r, 0, NULL, 5)) == AX_EFAULT);
    CHECK(VAL(sys_mem_read(r, 0, NULL, 0)) == 0);
    CHECK(VAL(sys_mem_write(r, 0, NULL, 0)) == 0);
    CHECK(ERR(sys_mem_write(r, 101, NULL, 0)) == AX_EINVAL);
    /* a one-byte region */
    int one = (int)VAL(sys_mem_alloc(1, AX_PROT_READ | AX_PROT_WRITE));
    CHECK(VAL(sys_mem_write(one, 0, "ab", 2)) == 1);
    CHECK(VAL(sys_mem_read(one, 0, buf, 2)) == 1 && buf[0] == 'a');
    return 0;
}

static void test_bounds_read_short_write_refused_beyond_end(void **state) {
    Kernel *k = harness_kernel(NULL);
    mt_run_ok(k, prog_bounds, NULL);
    TraceSummary s;
    kernel_trace_summary(k, &s);
    assert_true(s.syscalls[AX_SYS_mem_write].bytes >= 11);
    harness_destroy(k);
}

static int prog_protection(int argc, char **argv) {
    char buf[8] = "abcdefg";
    int ro = (int)VAL(sys_mem_alloc(8, AX_PROT_READ));
    CHECK(ERR(sys_mem_write(ro, 0, "zz", 2)) == AX_EACCES);
    CHECK(VAL(sys_mem_read(ro, 0, buf, 8)) == 8 && buf[0] == 0); /* nothing was written */
    int wo = (int)VAL(sys_mem_alloc(8, AX_PROT_WRITE));
    CHECK(VAL(sys_mem_write(wo, 0, "zz", 2)) == 2);
    CHECK(ERR(sys_mem_read(wo, 0, buf, 2)) == AX_EACCES);
    int none = (int)VAL(sys_mem_alloc(8, AX_PROT_NONE));
    CHECK(ERR(sys_mem_read(none, 0, buf, 2)) == AX_EACCES);
    CHECK(ERR(sys_mem_write(none, 0, buf, 2)) == AX_EACCES);
    int ex = (int)VAL(sys_mem_alloc(8, AX_PROT_EXEC)); /* exec does not imply read */
    CHECK(ERR(sys_mem_read(ex, 0, buf, 2)) == AX_EACCES);
    /* protection is checked before bounds */
    CHECK(ERR(sys_mem_read(none, 100, buf, 2)) == AX_EACCES);
    CHECK(ERR(sys_mem_write(ro, 100, buf, 2)) == AX_EACCES);
    /* mem_protect changes the rules, both ways */
    CHECK(ERR(sys_mem_protect(wo, AX_PROT_READ)) == AX_OK);
    CHECK(VAL(sys_mem_read(wo, 0, buf, 2)) == 2 && memcmp(buf, "zz", 2) == 0);
    CHECK(ERR(sys_mem_write(wo, 0, "yy", 2)) == AX_EACCES);
    CHECK(ERR(sys_mem_protect(ro, AX_PROT_READ | AX_PROT_WRITE | AX_PROT_EXEC)) == AX_OK);
    CHECK(VAL(sys_mem_write(ro, 0, "ok", 2)) == 2);
    CHECK(ERR(sys_mem_protect(ro, 0)) == AX_OK);
    CHECK(ERR(sys_mem_read(ro, 0, buf, 2)) == AX_EACCES);
    return 0;
}

static void test_protection_violations_are_eacces(void **state) {
    Kernel *k = harness_kernel(NULL);
    mt_run_ok(k, prog_protection, NULL);
    harness_destroy(k);
}

/* ---- limits, peak and the figures ---- */

/* Every figure below is on top of the program's own stack (base), which
 * its account pays for from the start. */
static int prog_limits(int argc, char **argv) {
    MemStats m = mt_memstats();
    uint64_t base = mt_base();
    CHECK(base > 0 && m.stack_bytes == base);
    CHECK(m.limit == 0 && m.allocated == base && m.peak == base);
    CHECK(ERR(sys_set_memlimit(base + 1000)) == AX_OK);
    int a = (int)VAL(sys_mem_alloc(600, AX_PROT_READ));
    CHECK(a >= 0);
    CHECK(ERR(sys_mem_alloc(401, AX_PROT_READ)) == AX_ENOMEM);
    m = mt_memstats();
    CHECK(m.limit == base + 1000 && m.allocated == base + 600 && m.peak == base + 600 &&
          m.region_count == 1);
    int b = (int)VAL(sys_mem_alloc(400, AX_PROT_READ)); /* exactly at the limit */
    CHECK(b >= 0);
    CHECK(ERR(sys_mem_alloc(1, AX_PROT_READ)) == AX_ENOMEM);
    CHECK(ERR(sys_heap_alloc(1)) == AX_ENOMEM); /* the heap counts too */
    sys_mem_free(a);
    sys_mem_free(b);
    m = mt_memstats();
    CHECK(m.allocated == base && m.peak == base + 1000 && m.region_count == 0);

    /* the heap is part of allocated */
    void *p = (void *)(uintptr_t)VAL(sys_heap_alloc(300));
    CHECK(p != NULL);
    m = mt_memstats();
    CHECK(m.heap_bytes == 300 && m.allocated == base + 300);
    CHECK(ERR(sys_mem_alloc(701, AX_PROT_READ)) == AX_ENOMEM);
    sys_heap_free(p);

    /* a limit below what is held is allowed; it only stops growth */
    a = (int)VAL(sys_mem_alloc(500, AX_PROT_READ));
    CHECK(ERR(sys_set_memlimit(100)) == AX_OK);
    m = mt_memstats();
    CHECK(m.allocated == base + 500 && m.limit == 100);
    CHECK(ERR(sys_mem_alloc(1, AX_PROT_READ)) == AX_ENOMEM);
    /* a process never raises its own limit (unlimited is the highest);
     * the host may */
    CHECK(ERR(sys_set_memlimit(0)) == AX_EPERM);
    CHECK(ERR(sys_set_memlimit(101)) == AX_EPERM);
    CHECK(mt_memstats().limit == 100);
    CHECK(ERR(sys_set_memlimit(100)) == AX_OK && ERR(sys_set_memlimit(99)) == AX_OK);
    CHECK(kernel_set_memlimit(mt_kernel, (int)VAL(sys_getpid()), 0) == 0);
    CHECK(VAL(sys_mem_alloc(5000, AX_PROT_READ)) >= 0);
    m = mt_memstats();
    CHECK(m.peak == base + 5500 && m.limit == 0);
    CHECK(kernel_set_memlimit(mt_kernel, 1, 10) == -AX_ESRCH); /* init has none */
    CHECK(kernel_set_memlimit(mt_kernel, 9999, 10) == -AX_ESRCH);
    return 0;
}

static void test_process_limit_refuses_and_peak_tracks(void **state) {
    Kernel *k = harness_kernel(NULL);
    mt_kernel = k;
    mt_run_ok(k, prog_limits, NULL);
    harness_destroy(k);
}

static int prog_system_limit(int argc, char **argv) {
    SystemMemStats s = mt_sysstats();
    CHECK(s.system_limit == mt_sys_baseline + 4096 && s.total_allocated == mt_sys_baseline);
    CHECK(s.stack_bytes == mt_base());
    int a = (int)VAL(sys_mem_alloc(4000, AX_PROT_READ));
    CHECK(a >= 0);
    MemStats before = mt_memstats();
    CHECK(ERR(sys_mem_alloc(97, AX_PROT_READ)) == AX_ENOMEM);
    MemStats after = mt_memstats();
    CHECK(memcmp(&before, &after, sizeof before) == 0); /* peak did not move */
    CHECK(VAL(sys_mem_alloc(96, AX_PROT_READ)) >= 0);
    s = mt_sysstats();
    CHECK(s.total_allocated == mt_sys_baseline + 4096);
    /* a child's stack counts against the system limit too */
    CHECK(ERR(sys_spawn("/bin/t", (char *[]){"t", NULL}, NULL, NULL)) == AX_ENOMEM);
    CHECK(ERR(sys_mem_free(a)) == AX_OK);
    CHECK(ERR(sys_spawn("/bin/t", (char *[]){"t", NULL}, NULL, NULL)) == AX_ENOMEM);
    return 0;
}

static void test_system_limit_from_config(void **state) {
    KernelConfig cfg = {.stack_size = 16384};
    Kernel *k = mt_kernel_with_room(&cfg, 4096);
    mt_run_ok(k, prog_system_limit, NULL);
    harness_destroy(k);
}

/* ---- isolation ---- */

static int prog_isolation_child(int argc, char **argv) {
    char buf[8];
    /* the parent's region 0 does not exist here */
    CHECK(ERR(sys_mem_read(0, 0, buf, 6)) == AX_EINVAL);
    CHECK(ERR(sys_mem_write(0, 0, "x", 1)) == AX_EINVAL);
    CHECK(ERR(sys_mem_free(0)) == AX_EINVAL);
    /* its own region 0 is a different one */
    CHECK(VAL(sys_mem_alloc(16, AX_PROT_READ | AX_PROT_WRITE)) == 0);
    CHECK(VAL(sys_mem_read(0, 0, buf, 6)) == 6 && buf[0] == 0);
    CHECK(VAL(sys_mem_write(0, 0, "child", 6)) == 6);
    MemStats m = mt_memstats();
    CHECK(m.allocated == m.stack_bytes + 16 && m.region_count == 1);
    return 0;
}

static int prog_isolation(int argc, char **argv) {
    CHECK(VAL(sys_mem_alloc(64, AX_PROT_READ | AX_PROT_WRITE)) == 0);
    CHECK(VAL(sys_mem_alloc(64, AX_PROT_READ | AX_PROT_WRITE)) == 1);
    CHECK(VAL(sys_mem_write(0, 0, "secret", 7)) == 7);
    int st;
    int pid = (int)VAL(sys_spawn("/bin/child", (char *[]){"child", NULL}, NULL, NULL));
    CHECK(pid > 0 && VAL(sys_waitpid(pid, &st, 0)) == pid);
    CHECK(st == 0);
    char buf[8];
    CHECK(VAL(sys_mem_read(0, 0, buf, 7)) == 7 && strcmp(buf, "secret") == 0);
    MemStats m = mt_memstats();
    CHECK(m.allocated == m.stack_bytes + 128 && m.region_count == 2); /* the child's were its own */
    return 0;
}

static void test_processes_cannot_reach_each_others_regions(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/child", prog_isolation_child);
    mt_run_ok(k, prog_isolation, NULL);
    harness_destroy(k);
}

/* ---- release: exit, exec, SIGKILL ---- */

static int prog_leaves_regions(int argc, char **argv) {
    for (int i = 0; i < 40; i++) /* past the first table growth */
        CHECK(VAL(sys_mem_alloc(100 + (size_t)i, AX_PROT_READ)) == i);
    CHECK(VAL(sys_heap_alloc(1000)) != 0);
    return 0; /* frees nothing itself */
}

static void test_exit_releases_regions(void **state) {
    Kernel *k = harness_kernel(NULL);
    mt_run_ok(k, prog_leaves_regions, NULL);
    KernelStats st;
    kernel_stats(k, &st);
    assert_int_equal(st.regions, 0);
    assert_int_equal(st.heap_blocks, 0);
    harness_destroy(k);
}

static int prog_after_exec(int argc, char **argv) {
    MemStats m = mt_memstats();
    CHECK(m.allocated == m.stack_bytes && m.region_count == 0 && m.heap_bytes == 0);
    CHECK(m.limit == m.stack_bytes + 12345); /* the limit survives exec */
    char b[4];
    CHECK(ERR(sys_mem_read(0, 0, b, 4)) == AX_EINVAL);
    CHECK(VAL(sys_mem_alloc(8, AX_PROT_READ)) == 0);
    return 0;
}

static int prog_exec(int argc, char **argv) {
    sys_set_memlimit(mt_base() + 12345);
    CHECK(VAL(sys_mem_alloc(100, AX_PROT_READ)) == 0);
    CHECK(VAL(sys_mem_alloc(200, AX_PROT_READ)) == 1);
    sys_exec("/bin/after", (char *[]){"after", NULL}, NULL);
    mt_fail_line = __LINE__; /* exec returned */
    return 1;
}

static void test_exec_frees_regions_and_keeps_limit(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/after", prog_after_exec);
    mt_run_ok(k, prog_exec, NULL);
    harness_destroy(k);
}

static int prog_blocked_holder(int argc, char **argv) {
    for (int i = 0; i < 20; i++)
        sys_mem_alloc(4096, AX_PROT_READ | AX_PROT_WRITE);
    sys_heap_alloc(64);
    sys_pause(); /* blocked here when SIGKILL comes */
    return 1;
}

static int prog_kill_blocked(int argc, char **argv) {
    int pid = (int)VAL(sys_spawn("/bin/holder", (char *[]){"holder", NULL}, NULL, NULL));
    CHECK(pid > 0);
    SystemMemStats s0 = mt_sysstats();
    CHECK(ERR(sys_sleep(1000000)) == AX_OK); /* the holder runs and blocks */
    SystemMemStats s = mt_sysstats();
    CHECK(s.total_allocated == s0.total_allocated + 20 * 4096 + 64);
    CHECK(ERR(sys_kill(pid, AX_SIGKILL)) == AX_OK);
    int st;
    CHECK(VAL(sys_waitpid(pid, &st, 0)) == pid);
    CHECK(AX_WIFSIGNALED(st) && AX_WTERMSIG(st) == AX_SIGKILL);
    s = mt_sysstats();
    /* its stack went too */
    CHECK(s.total_allocated == s0.total_allocated - s0.stack_bytes + mt_base());
    return 0;
}

static void test_sigkill_while_blocked_releases_regions(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/holder", prog_blocked_holder);
    mt_run_ok(k, prog_kill_blocked, NULL);
    KernelStats st;
    kernel_stats(k, &st);
    assert_int_equal(st.regions, 0);
    harness_destroy(k);
}

/* kernel_destroy with a process still blocked holding regions frees all. */
static void test_destroy_with_live_holder_leaks_nothing(void **state) {
    HarnessAlloc a = {0};
    KernelConfig cfg = {.alloc = harness_alloc, .alloc_ud = &a};
    Kernel *k = kernel_create(&cfg);
    assert_non_null(k);
    kernel_install_program(k, "/bin/holder", prog_blocked_holder);
    assert_int_equal(kernel_spawn(k, "/bin/holder", NULL).error, AX_OK);
    assert_int_equal(kernel_run(k), AX_RUN_DEADLOCK);
    KernelStats st;
    kernel_stats(k, &st);
    assert_int_equal(st.regions, 20);
    kernel_destroy(k);
    assert_int_equal(a.live_blocks, 0);
}

/* ---- the heap's realloc ---- */

static int prog_heap_realloc(int argc, char **argv) {
    unsigned char *p = (void *)(uintptr_t)VAL(sys_heap_alloc(100));
    CHECK(p && (uintptr_t)p % 16 == 0);
    memset(p, 7, 100);
    unsigned char *q = (void *)(uintptr_t)VAL(sys_heap_realloc(p, 1 << 20));
    CHECK(q && (uintptr_t)q % 16 == 0);
    CHECK(q[0] == 7 && q[99] == 7 && q[100] == 0 && q[(1 << 20) - 1] == 0); /* growth reads as zero */
    MemStats m = mt_memstats();
    uint64_t base = m.stack_bytes;
    CHECK(m.heap_bytes == 1 << 20 && m.allocated == base + (1 << 20));
    CHECK(ERR(sys_heap_free(p)) == (q == p ? AX_OK : AX_EINVAL)); /* the old address is gone */
    if (q == p)
        return 0;
    p = (void *)(uintptr_t)VAL(sys_heap_realloc(q, 50)); /* shrinks, keeps the first bytes */
    CHECK(p && p[0] == 7 && p[49] == 7);
    m = mt_memstats();
    CHECK(m.heap_bytes == 50 && m.allocated == base + 50 && m.peak == base + (1 << 20));
    /* the limit counts the growth only; a refusal leaves the block */
    CHECK(ERR(sys_set_memlimit(base + 1000)) == AX_OK);
    CHECK(ERR(sys_heap_realloc(p, 1001)) == AX_ENOMEM);
    CHECK(p[0] == 7 && mt_memstats().heap_bytes == 50);
    CHECK(VAL(sys_heap_realloc(p, 1000)) != 0);
    CHECK(ERR(sys_heap_realloc((char *)p + 1, 10)) == AX_EINVAL); /* not a block */
    CHECK(ERR(sys_heap_realloc(NULL, 0)) == AX_EINVAL);
    return 0;
}

static void test_heap_realloc_keeps_bytes_zeroes_growth_and_counts(void **state) {
    Kernel *k = harness_kernel(NULL);
    mt_run_ok(k, prog_heap_realloc, NULL);
    harness_destroy(k);
}

/* ---- allocation failure ---- */

/* Fail each allocation mem_alloc makes in turn: every failure is ENOMEM
 * and leaves the figures exactly as they were. The first call grows the
 * region table, the second does not. */
static int prog_alloc_failures(int argc, char **argv) {
    SyscallResult r;
    FAIL_EACH(r, sys_mem_alloc(256, AX_PROT_READ | AX_PROT_WRITE));
    CHECK(r.value == 0 && mt_refused >= 1);
    FAIL_EACH(r, sys_mem_alloc(256, AX_PROT_READ | AX_PROT_WRITE));
    CHECK(r.value == 1 && mt_refused >= 1);
    MemStats m = mt_memstats();
    CHECK(m.allocated == m.stack_bytes + 512 && m.peak == m.stack_bytes + 512 &&
          m.region_count == 2);
    return 0;
}

static void test_allocation_failure_leaves_no_state(void **state) {
    Kernel *k = harness_kernel(NULL);
    mt_alloc = harness_allocator(k);
    mt_run_ok(k, prog_alloc_failures, NULL);
    harness_destroy(k);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_region_ids_are_lowest_free_and_memory_zeroed),
        cmocka_unit_test(test_bad_sizes_prots_and_ids_are_einval),
        cmocka_unit_test(test_bounds_read_short_write_refused_beyond_end),
        cmocka_unit_test(test_protection_violations_are_eacces),
        cmocka_unit_test(test_process_limit_refuses_and_peak_tracks),
        cmocka_unit_test(test_system_limit_from_config),
        cmocka_unit_test(test_processes_cannot_reach_each_others_regions),
        cmocka_unit_test(test_exit_releases_regions),
        cmocka_unit_test(test_exec_frees_regions_and_keeps_limit),
        cmocka_unit_test(test_sigkill_while_blocked_releases_regions),
        cmocka_unit_test(test_destroy_with_live_holder_leaks_nothing),
        cmocka_unit_test(test_heap_realloc_keeps_bytes_zeroes_growth_and_counts),
        cmocka_unit_test(test_allocation_failure_leaves_no_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
