/* Hypotheses about ulib's allocator (u_malloc and friends) and the user
 * area: a randomized run against a model, what each call promises, the
 * memory limit, chunks going back to the kernel, one heap per process,
 * death and exec, double frees, the exit functions, and (in sanitizer
 * builds) poisoned free space. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ulib_check.h"

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ASAN 1
#include <sanitizer/asan_interface.h>
#endif

/* Programs in this file return 0, or say which check failed and return 1
 * (CHECK in ulib_check.h). */

static int heap_ok(void)
{
    UHeapStats st;
    return u_heap_check(&st) == 0;
}

/* ---- a randomized run against a model ---- */

#define SLOTS 256

typedef struct Live {
    unsigned char *p;
    size_t n;
    size_t align;
    unsigned char fill;
} Live;

static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Mostly small sizes, some medium, a few large (own kernel block). */
static size_t rand_size(uint64_t *s)
{
    uint64_t r = rng_next(s) % 1000;
    if (r < 700)
        return rng_next(s) % 600;
    if (r < 980)
        return 600 + rng_next(s) % 30000;
    return 200000 + rng_next(s) % 400000;
}

static int fill_ok(const Live *l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (l->p[i] != (unsigned char)(l->fill + i * 7))
            return 0;
    return 1;
}

static void fill(Live *l, size_t from)
{
    for (size_t i = from; i < l->n; i++)
        l->p[i] = (unsigned char)(l->fill + i * 7);
}

static int cmp_live(const void *a, const void *b)
{
    const Live *x = a, *y = b;
    return x->p < y->p ? -1 : x->p > y->p;
}

/* Every live block holds what was written, is aligned and overlaps no
 * other; the heap's own check passes. */
static int model_agrees(Live *slots)
{
    Live sorted[SLOTS];
    size_t m = 0;
    for (size_t i = 0; i < SLOTS; i++) {
        if (!slots[i].p)
            continue;
        if (!fill_ok(&slots[i], slots[i].n) || (uintptr_t)slots[i].p % slots[i].align)
            return 0;
        if (u_malloc_usable_size(slots[i].p) < slots[i].n)
            return 0;
        sorted[m++] = slots[i];
    }
    qsort(sorted, m, sizeof *sorted, cmp_live);
    for (size_t i = 1; i < m; i++)
        if (sorted[i - 1].p + sorted[i - 1].n > sorted[i].p)
            return 0;
    return heap_ok();
}

static int prog_model(int argc, char **argv)
{
    uint64_t seed = strtoull(argv[1], NULL, 10) * 0x9e3779b97f4a7c15ULL + 1;
    Live slots[SLOTS];
    memset(slots, 0, sizeof slots);
    for (int op = 0; op < 6000; op++) {
        Live *l = &slots[rng_next(&seed) % SLOTS];
        unsigned kind = (unsigned)(rng_next(&seed) % 10);
        if (l->p && kind < 4) { /* free */
            CHECK(fill_ok(l, l->n));
            u_free(l->p);
            l->p = NULL;
        } else if (l->p) { /* realloc: the common prefix survives */
            size_t n = rand_size(&seed);
            unsigned char *q = u_realloc(l->p, n);
            CHECK(q && (uintptr_t)q % 16 == 0);
            l->p = q;
            size_t keep = l->n < n ? l->n : n;
            l->n = n;
            l->align = 16;
            CHECK(fill_ok(l, keep));
            fill(l, keep);
        } else {
            size_t n = rand_size(&seed);
            l->align = 16;
            l->fill = (unsigned char)rng_next(&seed);
            l->n = n;
            if (kind < 5) {
                l->p = u_calloc(1, n);
                CHECK(l->p);
                for (size_t i = 0; i < n; i++)
                    CHECK(l->p[i] == 0);
            } else if (kind < 7) {
                l->align = (size_t)32 << (rng_next(&seed) % 9); /* 32 .. 8192 */
                l->p = u_memalign(l->align, n);
            } else {
                l->p = u_malloc(n);
            }
            CHECK(l->p);
            fill(l, 0);
        }
        if (op % 97 == 0)
            CHECK(model_agrees(slots));
    }
    CHECK(model_agrees(slots));
    for (size_t i = 0; i < SLOTS; i++)
        u_free(slots[i].p);
    u_heap_trim();
    UHeapStats st;
    CHECK(u_heap_check(&st) == 0);
    CHECK(st.used_blocks == 0 && st.large_blocks == 0);
    /* what is left: the home chunk and at most the newest chunk */
    CHECK(st.chunks <= 2);
    return 0;
}

static void test_random_operations_agree_with_a_model(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/bin/t_model", prog_model), 0);
    for (int seed = 1; seed <= 6; seed++) {
        char arg[16];
        snprintf(arg, sizeof arg, "%d", seed);
        expect_ok(RUN(k, NULL, "t_model", arg));
    }
    harness_destroy(k);
}

/* ---- what each call promises ---- */

static int prog_calls(int argc, char **argv)
{
    /* alignment of every size class, and n == 0 */
    void *ps[64];
    for (size_t i = 0; i < 64; i++) {
        ps[i] = u_malloc(i * 13);
        CHECK(ps[i] && (uintptr_t)ps[i] % 16 == 0);
        CHECK(u_malloc_usable_size(ps[i]) >= i * 13);
    }
    CHECK(ps[0] != ps[1]); /* size 0: unique blocks */
    for (size_t i = 0; i < 64; i++)
        u_free(ps[i]);

    /* calloc zeroes memory that was used before */
    unsigned char *a = u_malloc(200);
    memset(a, 0xff, 200);
    u_free(a);
    unsigned char *z = u_calloc(10, 20);
    CHECK(z == a); /* the same block, reused */
    for (int i = 0; i < 200; i++)
        CHECK(z[i] == 0);
    u_free(z);
    CHECK(u_calloc(SIZE_MAX / 2, 3) == NULL); /* count * size overflows */

    /* realloc grows in place into free space after the block */
    char *g = u_malloc(600);
    char *fence = u_malloc(40);
    u_free(fence); /* a small block: cached, still in use to its neighbours */
    char *big = u_malloc(5000);
    char *after = u_malloc(2000);
    u_free(after);
    strcpy(big, "kept");
    CHECK(u_realloc(big, 6500) == big && strcmp(big, "kept") == 0);
    CHECK(u_realloc(big, 100) == big && strcmp(big, "kept") == 0); /* shrinks in place */
    CHECK(u_malloc_usable_size(big) < 200);
    u_free(big);
    u_free(g);

    /* realloc(NULL) allocates; realloc(p, 0) keeps a minimum block */
    char *r = u_realloc(NULL, 10);
    CHECK(r);
    CHECK(u_realloc(r, 0) == r);
    u_free(r);

    /* aligned blocks of any power of two; others refused */
    for (size_t al = 1; al <= (size_t)1 << 20; al <<= 1) {
        char *p = u_memalign(al, 100);
        CHECK(p && (uintptr_t)p % al == 0);
        memset(p, 1, 100);
        CHECK(heap_ok());
        u_free(p);
    }
    CHECK(u_memalign(24, 10) == NULL && u_memalign(0, 10) == NULL);

    /* large blocks: their own kernel block, resized keeping their bytes */
    UHeapStats st;
    char *L = u_malloc(1 << 20);
    CHECK(L && (uintptr_t)L % 16 == 0);
    for (int i = 0; i < 1 << 20; i += 4096)
        L[i] = (char)(i >> 12);
    CHECK(u_heap_check(&st) == 0 && st.large_blocks == 1);
    L = u_realloc(L, 3 << 20);
    CHECK(L);
    for (int i = 0; i < 1 << 20; i += 4096)
        CHECK(L[i] == (char)(i >> 12));
    L = u_realloc(L, 1000); /* back into the chunks */
    CHECK(L && L[0] == 0);
    CHECK(u_heap_check(&st) == 0 && st.large_blocks == 0);
    u_free(L);
    unsigned char *Z = u_calloc(1, 512 * 1024);
    CHECK(Z && Z[0] == 0 && Z[512 * 1024 - 1] == 0);
    u_free(Z);
    CHECK(u_heap_check(&st) == 0 && st.used_blocks == 0);
    return 0;
}

static void test_each_call_keeps_its_promise(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/bin/t_calls", prog_calls), 0);
    expect_ok(RUN(k, NULL, "t_calls"));
    harness_destroy(k);
}

/* ---- the kernel's side: limits, chunks, O(chunks) ---- */

static int prog_limit(int argc, char **argv)
{
    MemStats m;
    sys_memstats(&m);
    uint64_t base = m.allocated; /* its stack: charged from the start */
    sys_set_memlimit(base + (1 << 20));
    void *ps[4096];
    size_t n = 0, bytes = 0;
    while (n < 4096 && (ps[n] = u_malloc(1000)) != NULL) {
        bytes += 1000;
        n++;
    }
    CHECK(n < 4096 && bytes > 700 * 1024); /* refused near the limit, not far before */
    CHECK(u_malloc(1 << 20) == NULL);      /* large ones too */
    sys_memstats(&m);
    CHECK(m.heap_bytes <= 1 << 20 && m.allocated <= base + (1 << 20));
    CHECK(heap_ok());
    for (size_t i = 0; i < n; i++)
        u_free(ps[i]);
    CHECK(heap_ok());
    void *again = u_malloc(500 * 1024);
    CHECK(again);
    if (argc > 1)
        for (;;)
            xmalloc(100000); /* runs out: "out of memory", status 1 */
    return 0;
}

static void test_the_memory_limit_counts_the_heap(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/bin/t_limit", prog_limit), 0);
    expect_ok(RUN(k, NULL, "t_limit"));
    assert_int_equal(RUN(k, NULL, "t_limit", "x"), 1);
    assert_string_equal(ul_output(), "out of memory\n");
    harness_destroy(k);
}

static int prog_chunks(int argc, char **argv)
{
    enum { N = 20000 };
    void **ps = u_malloc(N * sizeof *ps);
    CHECK(ps);
    for (size_t i = 0; i < N; i++)
        CHECK((ps[i] = u_malloc(40 + i % 200)) != NULL);
    UHeapStats st;
    CHECK(u_heap_check(&st) == 0 && st.used_blocks == N + 1);
    CHECK(st.chunks >= 3 && st.chunks <= 8); /* the kernel sees chunks, not blocks */
    MemStats full;
    sys_memstats(&full);
    CHECK(full.heap_bytes == st.chunk_bytes);
    for (size_t i = 0; i < N; i++)
        u_free(ps[i]);
    u_free(ps);
    CHECK(u_heap_check(&st) == 0 && st.used_blocks == 0 && st.cached_blocks > 0);
    u_heap_trim();
    CHECK(u_heap_check(&st) == 0 && st.used_blocks == 0 && st.cached_blocks == 0);
    CHECK(st.chunks <= 2); /* the rest went back */
    MemStats after;
    sys_memstats(&after);
    CHECK(after.heap_bytes == st.chunk_bytes && after.heap_bytes < full.heap_bytes);
    return 0;
}

static void test_chunks_go_back_to_the_kernel_when_empty(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/bin/t_chunks", prog_chunks), 0);
    expect_ok(RUN(k, NULL, "t_chunks"));
    harness_destroy(k);
}

/* Allocates a lot, frees nothing, then blocks (argv[1]) or exits. */
static int prog_hoard(int argc, char **argv)
{
    for (int i = 0; i < 10000; i++)
        xmalloc(100 + (size_t)i % 300);
    xmalloc(1 << 20);
    if (argc > 1) {
        char c;
        sys_read(0, &c, 1); /* block on the console until killed */
    }
    return 0;
}

static void test_a_killed_process_costs_the_kernel_its_chunks(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/bin/t_hoard", prog_hoard), 0);
    SyscallResult r = kernel_spawn(k, "/bin/t_hoard", (char *const[]){"t_hoard", "block", NULL});
    assert_int_equal(r.error, AX_OK);
    assert_int_equal(kernel_run(k), AX_RUN_INPUT);
    KernelStats st;
    kernel_stats(k, &st);
    assert_true(st.heap_blocks >= 3 && st.heap_blocks <= 10); /* 10,001 blocks, a few chunks */
    assert_int_equal(kernel_kill(k, (int)r.value, AX_SIGKILL), 0);
    int status;
    assert_int_equal(kernel_wait(k, (int)r.value, &status), 0);
    assert_true(AX_WIFSIGNALED(status));
    kernel_stats(k, &st);
    assert_int_equal(st.heap_blocks, 0);
    expect_ok(RUN(k, NULL, "t_hoard"));
    kernel_stats(k, &st);
    assert_int_equal(st.heap_blocks, 0);
    harness_destroy(k);
}

/* ---- one heap and one user area per process ---- */

/* Two of these run side by side; each fills its blocks with its pid and
 * yields between steps, so the other's allocations come in between. */
static int prog_twin(int argc, char **argv)
{
    int pid = (int)sys_getpid().value;
    UArea *a = u_area();
    CHECK(a && a->program == NULL && a->posix == NULL);
    a->program = &pid;
    unsigned char *ps[200];
    for (int i = 0; i < 200; i++) {
        ps[i] = u_malloc(64 + (size_t)i);
        memset(ps[i], pid, 64 + (size_t)i);
        sys_yield();
    }
    for (int i = 0; i < 200; i += 2) {
        u_free(ps[i]);
        ps[i] = NULL;
        sys_yield();
    }
    for (int i = 1; i < 200; i += 2)
        for (int j = 0; j < 64 + i; j++)
            CHECK(ps[i][j] == (unsigned char)pid);
    CHECK(u_area() == a && a->program == &pid);
    return heap_ok() ? 0 : 1;
}

static int prog_twins(int argc, char **argv)
{
    int a = (int)sys_spawn("/bin/t_twin", (char *[]){"t_twin", NULL}, NULL, NULL).value;
    int b = (int)sys_spawn("/bin/t_twin", (char *[]){"t_twin", NULL}, NULL, NULL).value;
    int sa = -1, sb = -1;
    sys_waitpid(a, &sa, 0);
    sys_waitpid(b, &sb, 0);
    CHECK(sa == 0 && sb == 0);
    return 0;
}

static void test_each_process_has_its_own_heap_and_area(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/bin/t_twin", prog_twin), 0);
    assert_int_equal(kernel_install_program(k, "/bin/t_twins", prog_twins), 0);
    expect_ok(RUN(k, NULL, "t_twins"));
    harness_destroy(k);
}

static int prog_fresh(int argc, char **argv)
{
    UHeapStats st;
    CHECK(u_heap_check(&st) == 0 && st.chunks == 0); /* nothing made yet */
    UArea *a = u_area();
    CHECK(a && a->program == NULL);
    CHECK(u_heap_check(&st) == 0 && st.chunks == 1 && st.used_blocks == 0);
    return 0;
}

static int prog_exec_after_alloc(int argc, char **argv)
{
    for (int i = 0; i < 1000; i++)
        xmalloc(300);
    u_area()->program = argv;
    sys_exec("/bin/t_fresh", (char *[]){"t_fresh", NULL}, NULL);
    return 1;
}

static void test_exec_starts_with_a_new_heap(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/bin/t_fresh", prog_fresh), 0);
    assert_int_equal(kernel_install_program(k, "/bin/t_exec", prog_exec_after_alloc), 0);
    expect_ok(RUN(k, NULL, "t_exec"));
    harness_destroy(k);
}

/* ---- misuse ---- */

static int prog_double_free(int argc, char **argv)
{
    size_t n = (size_t)atoi(argv[1]);
    void *keep = u_malloc(n); /* a neighbour, so the block is not merged away */
    void *p = u_malloc(n);
    void *keep2 = u_malloc(n);
    u_free(p);
    u_free(p);
    u_free(keep);
    u_free(keep2);
    return 0;
}

static void test_a_double_free_aborts_the_process(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/bin/t_df", prog_double_free), 0);
    /* a small block (quick list) and a bigger one (free lists) */
    assert_int_equal(RUN(k, NULL, "t_df", "48"), 128 + AX_SIGABRT);
    assert_string_equal(ul_output(), "ulib heap: double free\n");
    assert_int_equal(RUN(k, NULL, "t_df", "3000"), 128 + AX_SIGABRT);
    assert_string_equal(ul_output(), "ulib heap: double free\n");
    harness_destroy(k);
}

/* ---- exit functions ---- */

static void say_one(void) { u_printf("one\n"); }
static void say_two(void) { u_printf("two\n"); }

static int prog_atexit(int argc, char **argv)
{
    u_printf("main\n"); /* buffered: stdout is a pipe; flushed after the functions */
    CHECK(u_atexit(say_one) == 0);
    CHECK(u_atexit(say_two) == 0);
    if (argc > 1 && strcmp(argv[1], "full") == 0) {
        for (int i = 2; i < U_ATEXIT_MAX; i++)
            CHECK(u_atexit(say_one) == 0);
        CHECK(u_atexit(say_one) == -AX_ENOMEM);
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "exit") == 0)
        u_exit(3);
    if (argc > 1 && strcmp(argv[1], "kill") == 0)
        sys_kill((int)sys_getpid().value, AX_SIGKILL);
    return 0;
}

static void test_exit_functions_run_last_first_before_the_flush(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/bin/t_atexit", prog_atexit), 0);
    expect_ok(RUN_PIPED(k, NULL, "t_atexit"));
    assert_string_equal(ul_output(), "main\ntwo\none\n");
    assert_int_equal(RUN_PIPED(k, NULL, "t_atexit", "exit"), 3);
    assert_string_equal(ul_output(), "main\ntwo\none\n");
    assert_int_equal(RUN_PIPED(k, NULL, "t_atexit", "kill"), 128 + AX_SIGKILL);
    assert_string_equal(ul_output(), ""); /* killed: nothing runs, nothing is flushed */
    expect_ok(RUN_PIPED(k, NULL, "t_atexit", "full"));
    harness_destroy(k);
}

/* ---- sanitizer builds: free space is poisoned ---- */

#ifdef HAVE_ASAN
static int prog_poison(int argc, char **argv)
{
    char *p = u_malloc(40);
    CHECK(!__asan_region_is_poisoned(p, 40));
    CHECK(__asan_address_is_poisoned(p + 40)); /* the slack past the request */
    CHECK(__asan_address_is_poisoned(p - 1));  /* the block's head */
    CHECK((unsigned char)p[0] == 0xbe);        /* junk, not zeroes */
    char *q = u_malloc(3000);
    u_free(p);
    u_free(q);
    CHECK(__asan_address_is_poisoned(p) && __asan_address_is_poisoned(q + 100));
    char *r = u_malloc(100);
    r = u_realloc(r, 50);
    CHECK(!__asan_region_is_poisoned(r, 50) && __asan_address_is_poisoned(r + 50));
    CHECK(u_malloc_usable_size(r) >= 50 && !__asan_address_is_poisoned(r + 50));
    u_free(r);
    return heap_ok() ? 0 : 1;
}

static void test_free_space_is_poisoned(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/bin/t_poison", prog_poison), 0);
    expect_ok(RUN(k, NULL, "t_poison"));
    harness_destroy(k);
}
#endif

/* ---- outside a process ---- */

static void test_outside_a_process_there_is_no_heap(void **state)
{
    assert_null(u_malloc(10));
    assert_null(u_area());
    assert_int_equal(u_heap_check(NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_operations_agree_with_a_model),
        cmocka_unit_test(test_each_call_keeps_its_promise),
        cmocka_unit_test(test_the_memory_limit_counts_the_heap),
        cmocka_unit_test(test_chunks_go_back_to_the_kernel_when_empty),
        cmocka_unit_test(test_a_killed_process_costs_the_kernel_its_chunks),
        cmocka_unit_test(test_each_process_has_its_own_heap_and_area),
        cmocka_unit_test(test_exec_starts_with_a_new_heap),
        cmocka_unit_test(test_a_double_free_aborts_the_process),
        cmocka_unit_test(test_exit_functions_run_last_first_before_the_flush),
#ifdef HAVE_ASAN
        cmocka_unit_test(test_free_space_is_poisoned),
#endif
        cmocka_unit_test(test_outside_a_process_there_is_no_heap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
