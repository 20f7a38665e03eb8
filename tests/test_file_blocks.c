/* Hypotheses about regular file data in blocks: holes read as zeros and
 * take no memory, contents survive every mix of writes, truncations and
 * appends (checked against a model), files grow past the old 1 GiB cap,
 * and every byte is charged to whoever wrote it, under the memory limits:
 * ENOSPC at a limit, short writes when some bytes fit, nothing half done. */
#include <stdio.h>
#include <stdlib.h>

#include "vfs_test.h"

#define KB 1024u
#define BLOCK (64 * KB)

static MemStats memstats(void) {
    MemStats m;
    OK(sys_memstats(&m));
    return m;
}

static SystemMemStats sysstats(void) {
    SystemMemStats s;
    OK(sys_system_memstats(&s));
    return s;
}

/* ---- contents ---- */

/* Writes across block boundaries, holes between them, a cut in the
 * middle of a block and growth after it: what reads back is exact. */
TASK_TEST(test_holes_boundaries_and_cuts) {
    int fd = (int)OK(sys_open("/tmp/f", AX_O_RDWR | AX_O_CREAT, 0644));
    OK(sys_lseek(fd, BLOCK - 3, AX_SEEK_SET));
    assert_int_equal(OK(sys_write(fd, "ABCDEF", 6)), 6); /* crosses into block 1 */
    OK(sys_lseek(fd, 5 * BLOCK + 7, AX_SEEK_SET));
    assert_int_equal(OK(sys_write(fd, "Z", 1)), 1);       /* blocks 2..4 are holes */
    FileStat st;
    OK(sys_fstat(fd, &st));
    assert_int_equal(st.size, 5 * BLOCK + 8);
    char buf[16];
    OK(sys_lseek(fd, BLOCK - 5, AX_SEEK_SET));
    assert_int_equal(OK(sys_read(fd, buf, 10)), 10);
    assert_memory_equal(buf, "\0\0ABCDEF\0\0", 10);
    OK(sys_lseek(fd, 3 * BLOCK, AX_SEEK_SET));
    assert_int_equal(OK(sys_read(fd, buf, 8)), 8);
    assert_memory_equal(buf, "\0\0\0\0\0\0\0\0", 8);
    /* cut inside "ABCDEF", then grow: the cut bytes read as zeros */
    OK(sys_ftruncate(fd, BLOCK + 1)); /* keeps "ABCD" */
    OK(sys_ftruncate(fd, 2 * BLOCK));
    OK(sys_lseek(fd, BLOCK - 3, AX_SEEK_SET));
    assert_int_equal(OK(sys_read(fd, buf, 6)), 6);
    assert_memory_equal(buf, "ABCD\0\0", 6);
    /* a write far past the end of a short block */
    OK(sys_ftruncate(fd, 10));
    OK(sys_lseek(fd, 1000, AX_SEEK_SET));
    OK(sys_write(fd, "q", 1));
    OK(sys_lseek(fd, 8, AX_SEEK_SET));
    assert_int_equal(OK(sys_read(fd, buf, 4)), 4);
    assert_memory_equal(buf, "\0\0\0\0", 4);
    /* O_APPEND writes at the end, whatever the offset */
    int ap = (int)OK(sys_open("/tmp/f", AX_O_WRONLY | AX_O_APPEND, 0));
    OK(sys_lseek(ap, 0, AX_SEEK_SET));
    OK(sys_write(ap, "end", 3));
    assert_int_equal(OK(sys_lseek(ap, 0, AX_SEEK_CUR)), 1004);
    OK(sys_close(ap));
    OK(sys_lseek(fd, 1000, AX_SEEK_SET));
    assert_int_equal(OK(sys_read(fd, buf, sizeof buf)), 4);
    assert_memory_equal(buf, "qend", 4);
    OK(sys_close(fd));
    OK(sys_unlink("/tmp/f"));
    return 0;
}

/* A model of the file in host memory and random operations on both:
 * writes anywhere (holes included), truncations, appends, reads. */
#define MODEL_MAX (6 * BLOCK)
static unsigned char model[MODEL_MAX];
static size_t model_size;

static uint64_t rng_state = 12345;
static uint64_t rng(void) {
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return rng_state >> 33;
}

TASK_TEST(test_random_operations_match_a_model) {
    static unsigned char buf[2 * BLOCK + 100], got[2 * BLOCK + 100];
    int fd = (int)OK(sys_open("/tmp/m", AX_O_RDWR | AX_O_CREAT | AX_O_TRUNC, 0644));
    model_size = 0;
    memset(model, 0, sizeof model);
    for (int step = 0; step < 3000; step++) {
        unsigned op = (unsigned)(rng() % 10);
        size_t pos = (size_t)(rng() % MODEL_MAX);
        size_t len = (size_t)(rng() % 3 == 0 ? rng() % (2 * BLOCK + 100) : rng() % 300);
        if (pos + len > MODEL_MAX)
            len = MODEL_MAX - pos;
        if (op < 4) { /* write */
            for (size_t i = 0; i < len; i++)
                buf[i] = (unsigned char)rng();
            OK(sys_lseek(fd, (int64_t)pos, AX_SEEK_SET));
            assert_int_equal(OK(sys_write(fd, buf, len)), len);
            memcpy(model + pos, buf, len);
            if (len && pos + len > model_size)
                model_size = pos + len;
        } else if (op < 6) { /* truncate, either way */
            OK(sys_ftruncate(fd, (int64_t)pos));
            if (pos < model_size)
                memset(model + pos, 0, model_size - pos);
            model_size = pos;
        } else if (op < 7) { /* append */
            if (model_size + len > MODEL_MAX)
                len = MODEL_MAX - model_size;
            for (size_t i = 0; i < len; i++)
                buf[i] = (unsigned char)rng();
            int ap = (int)OK(sys_open("/tmp/m", AX_O_WRONLY | AX_O_APPEND, 0));
            assert_int_equal(OK(sys_write(ap, buf, len)), len);
            OK(sys_close(ap));
            memcpy(model + model_size, buf, len);
            model_size += len;
        } else { /* read */
            OK(sys_lseek(fd, (int64_t)pos, AX_SEEK_SET));
            size_t want = pos >= model_size ? 0 : model_size - pos < len ? model_size - pos : len;
            assert_int_equal(OK(sys_read(fd, got, len)), want);
            if (memcmp(got, model + pos, want) != 0)
                fail_msg("step %d: read of %zu at %zu differs", step, len, pos);
        }
        FileStat st;
        OK(sys_fstat(fd, &st));
        assert_int_equal(st.size, model_size);
    }
    /* the whole file, at the end */
    OK(sys_lseek(fd, 0, AX_SEEK_SET));
    size_t off = 0;
    int64_t n;
    while ((n = OK(sys_read(fd, got, sizeof got))) > 0) {
        assert_memory_equal(got, model + off, (size_t)n);
        off += (size_t)n;
    }
    assert_int_equal(off, model_size);
    OK(sys_close(fd));
    return 0;
}

/* ---- memory ---- */

/* A hole costs nothing; a small file costs about its size (a power of two
 * from 64 bytes); a written block 64 KiB. All of it is charged to the
 * writer and the system, and goes with the data. */
TASK_TEST(test_file_bytes_are_charged_to_the_writer) {
    uint64_t sys0 = sysstats().file_bytes;
    int fd = (int)OK(sys_open("/tmp/f", AX_O_RDWR | AX_O_CREAT, 0644));
    OK(sys_write(fd, "hello", 5));
    assert_int_equal(memstats().file_bytes, 64);
    OK(sys_ftruncate(fd, (int64_t)1 << 40)); /* a hole of 1 TiB: nothing */
    assert_int_equal(memstats().file_bytes, 64);
    OK(sys_ftruncate(fd, 5));
    static char buf[3 * BLOCK];
    OK(sys_lseek(fd, 0, AX_SEEK_SET));
    OK(sys_write(fd, buf, 100));
    assert_int_equal(memstats().file_bytes, 128);
    OK(sys_write(fd, buf, 3 * BLOCK - 100)); /* three whole blocks */
    MemStats m = memstats();
    assert_int_equal(m.file_bytes, 3 * BLOCK);
    assert_int_equal(m.allocated, m.stack_bytes + 3 * BLOCK);
    assert_true(sysstats().file_bytes >= sys0 + 3 * BLOCK);
    OK(sys_ftruncate(fd, BLOCK + 1)); /* two blocks stay */
    assert_int_equal(memstats().file_bytes, 2 * BLOCK);
    OK(sys_close(fd));
    OK(sys_unlink("/tmp/f"));
    assert_int_equal(memstats().file_bytes, 0);
    assert_int_equal(sysstats().file_bytes, sys0);
    return 0;
}

static int prog_writer(int argc, char **argv) {
    static char buf[100 * KB];
    int fd = (int)sys_open(argv[1], AX_O_WRONLY | AX_O_CREAT | AX_O_APPEND, 0644).value;
    if (sys_write(fd, buf, (size_t)atoi(argv[2])).error != AX_OK)
        return 1;
    MemStats m;
    sys_memstats(&m);
    return m.file_bytes == (uint64_t)atoi(argv[3]) ? 0 : 2;
}

/* A file outlives its writer, and so does the charge: the system keeps
 * paying until the data goes. A block grown by another process moves to
 * that one's account. */
TASK_TEST(test_charges_outlive_the_writer) {
    kernel_install_program(vt_kernel, "/bin/w", prog_writer);
    uint64_t sys0 = sysstats().file_bytes;
    int st;
    int c = (int)OK(sys_spawn("/bin/w", (char *[]){"w", "/tmp/g", "100", "128", NULL}, NULL, NULL));
    OK(sys_waitpid(c, &st, 0));
    assert_int_equal(st, 0);
    assert_int_equal(sysstats().file_bytes, sys0 + 128);
    /* this process grows the block: it pays for all of it now */
    int fd = (int)OK(sys_open("/tmp/g", AX_O_WRONLY | AX_O_APPEND, 0));
    static char kb[1000];
    OK(sys_write(fd, kb, sizeof kb));
    assert_int_equal(memstats().file_bytes, 2048);
    assert_int_equal(sysstats().file_bytes, sys0 + 2048);
    OK(sys_close(fd));
    /* a child grows it to a whole block and starts the next (5564 bytes
     * of it: 8 KiB); it pays for both */
    c = (int)OK(sys_spawn("/bin/w", (char *[]){"w", "/tmp/g", "70000", "73728", NULL}, NULL, NULL));
    OK(sys_waitpid(c, &st, 0));
    assert_int_equal(st, 0);
    assert_int_equal(memstats().file_bytes, 0);
    /* two blocks, and now a table node (64 pointers) to hold them */
    uint64_t sys = sysstats().file_bytes;
    assert_true(sys > sys0 + BLOCK + 8 * KB && sys <= sys0 + BLOCK + 9 * KB);
    OK(sys_unlink("/tmp/g"));
    assert_int_equal(sysstats().file_bytes, sys0);
    return 0;
}

/* The process limit stops file growth: a short write while some blocks
 * fit, then ENOSPC, and the file holds exactly what went in. */
TASK_TEST(test_process_limit_stops_file_growth) {
    MemStats m = memstats();
    OK(sys_set_memlimit(m.allocated + 3 * BLOCK + BLOCK / 2));
    static char buf[8 * BLOCK];
    memset(buf, 'a', sizeof buf);
    int fd = (int)OK(sys_open("/tmp/f", AX_O_RDWR | AX_O_CREAT, 0644));
    assert_int_equal(OK(sys_write(fd, buf, sizeof buf)), 3 * BLOCK);
    ERR(sys_write(fd, buf, sizeof buf), AX_ENOSPC); /* a whole block no longer fits */
    FileStat st;
    OK(sys_fstat(fd, &st));
    assert_int_equal(st.size, 3 * BLOCK);
    assert_int_equal(OK(sys_lseek(fd, 0, AX_SEEK_CUR)), 3 * BLOCK);
    /* a small tail does: a block is as big as what it holds */
    assert_int_equal(OK(sys_write(fd, buf, 1000)), 1000);
    ERR(sys_write(fd, buf, BLOCK), AX_ENOSPC);
    OK(sys_fstat(fd, &st));
    assert_int_equal(st.size, 3 * BLOCK + 1000);
    /* rewriting what exists needs nothing new */
    OK(sys_lseek(fd, 0, AX_SEEK_SET));
    assert_int_equal(OK(sys_write(fd, buf, 3 * BLOCK)), 3 * BLOCK);
    /* freeing makes room again */
    OK(sys_ftruncate(fd, BLOCK));
    OK(sys_lseek(fd, 0, AX_SEEK_END));
    assert_int_equal(OK(sys_write(fd, buf, 2 * BLOCK)), 2 * BLOCK);
    /* other memory still says ENOMEM */
    ERR(sys_mem_alloc(BLOCK, AX_PROT_READ), AX_ENOMEM);
    OK(sys_close(fd));
    OK(sys_unlink("/tmp/f"));
    return 0;
}

/* The system limit: a process with no limit of its own cannot write more
 * than the machine allows (it once wrote 1 GiB under a 64 MiB limit). */
static int prog_system_fill(int argc, char **argv) {
    static char buf[256 * KB];
    int fd = (int)OK(sys_open("/tmp/big", AX_O_WRONLY | AX_O_CREAT, 0644));
    uint64_t total = 0;
    SyscallResult r;
    while ((r = sys_write(fd, buf, sizeof buf)).error == AX_OK)
        total += (uint64_t)r.value;
    assert_int_equal(r.error, AX_ENOSPC);
    SystemMemStats s = sysstats();
    assert_true(s.total_allocated <= s.system_limit);
    assert_true(total >= (1u << 20) - 2 * BLOCK && total <= (1u << 20));
    FileStat st;
    OK(sys_fstat(fd, &st));
    assert_int_equal(st.size, total);
    /* everything else is out of room too, with ENOMEM */
    int p[2];
    ERR(sys_pipe(p), AX_ENOMEM);
    OK(sys_close(fd));
    OK(sys_unlink("/tmp/big"));
    OK(sys_pipe(p)); /* and back */
    OK(sys_close(p[0]));
    OK(sys_close(p[1]));
    return 0;
}

static uint64_t baseline;
static int prog_baseline(int argc, char **argv) {
    baseline = sysstats().total_allocated;
    return 0;
}

static void test_system_limit_stops_file_growth(void **state) {
    vt_run(prog_baseline, NULL);
    KernelConfig cfg = {.mem_limit = baseline + (1u << 20)};
    vt_run(prog_system_fill, &cfg);
}

/* ---- pipes ---- */

/* A pipe's buffer is charged to its creator until its last end closes:
 * a limit bounds how many pipes a process holds (ENOMEM, nothing made). */
TASK_TEST(test_pipes_are_charged_to_their_creator) {
    MemStats m0 = memstats();
    int p[2];
    OK(sys_pipe(p));
    MemStats m = memstats();
    uint64_t each = m.pipe_bytes;
    assert_true(each >= AX_PIPE_CAPACITY);
    assert_int_equal(m.allocated, m0.allocated + each);
    OK(sys_set_memlimit(m.allocated + 2 * each));
    int q[2], r[2];
    OK(sys_pipe(q));
    OK(sys_pipe(r));
    uint64_t objects_before = 0;
    KernelStats ks;
    kernel_stats(vt_kernel, &ks);
    objects_before = ks.objects;
    int x[2] = {-1, -1};
    ERR(sys_pipe(x), AX_ENOMEM);
    assert_int_equal(x[0], -1);
    kernel_stats(vt_kernel, &ks);
    assert_int_equal(ks.objects, objects_before);
    OK(sys_close(q[0]));
    assert_int_equal(memstats().pipe_bytes, 3 * each); /* an end is still open */
    OK(sys_close(q[1]));
    assert_int_equal(memstats().pipe_bytes, 2 * each);
    OK(sys_pipe(q));
    for (int i = 0; i < 2; i++) {
        OK(sys_close(p[i]));
        OK(sys_close(q[i]));
        OK(sys_close(r[i]));
    }
    assert_int_equal(memstats().pipe_bytes, 0);
    return 0;
}

/* ---- stacks ---- */

/* A child's stack is charged to the child, whose limit is its parent's:
 * a limit below a stack's size leaves no room for a child (ENOMEM). */
TASK_TEST(test_stacks_are_charged_and_limits_inherited) {
    MemStats m = memstats();
    assert_int_equal(m.stack_bytes, AX_DEFAULT_STACK_SIZE);
    kernel_install_program(vt_kernel, "/bin/w", prog_writer);
    OK(sys_set_memlimit(AX_DEFAULT_STACK_SIZE - 1));
    ERR(sys_spawn("/bin/w", (char *[]){"w", "/tmp/x", "1", "64", NULL}, NULL, NULL), AX_ENOMEM);
    assert_int_equal(OK(sys_exists("/tmp/x")), 0);
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_holes_boundaries_and_cuts),
        cmocka_unit_test(test_random_operations_match_a_model),
        cmocka_unit_test(test_file_bytes_are_charged_to_the_writer),
        cmocka_unit_test(test_charges_outlive_the_writer),
        cmocka_unit_test(test_process_limit_stops_file_growth),
        cmocka_unit_test(test_system_limit_stops_file_growth),
        cmocka_unit_test(test_pipes_are_charged_to_their_creator),
        cmocka_unit_test(test_stacks_are_charged_and_limits_inherited),
    };
    (void)vt_put;
    (void)vt_get;
    (void)vt_nodes;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
