#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One allocator record per kernel; tests run one at a time per process. */
typedef struct HarnessKernel {
    Kernel *k;
    HarnessAlloc alloc;
    char *output;
    size_t output_len;
} HarnessKernel;

#define HARNESS_MAX 16
static HarnessKernel harness_kernels[HARNESS_MAX];

typedef struct BlockHeader {
    size_t size;
    size_t pad;
} BlockHeader;

void *harness_alloc(void *ud, void *ptr, size_t size) {
    HarnessAlloc *a = ud;
    if (size == 0) {
        if (ptr) {
            a->live_blocks--;
            /* Poison what is freed: a kernel that reads a freed block
             * then finds garbage pointers and crashes here too, not only
             * under AddressSanitizer. */
            BlockHeader *h = (BlockHeader *)ptr - 1;
            memset(ptr, 0xa5, h->size);
            free(h);
        }
        return NULL;
    }
    a->total_allocs++;
    if (a->fail_at && a->total_allocs == a->fail_at)
        return NULL;
    BlockHeader *h = realloc(ptr ? (BlockHeader *)ptr - 1 : NULL, sizeof *h + size);
    if (!h)
        return NULL;
    if (!ptr)
        a->live_blocks++;
    h->size = size;
    return h + 1;
}

static HarnessKernel *harness_slot(Kernel *k) {
    for (int i = 0; i < HARNESS_MAX; i++)
        if (harness_kernels[i].k == k)
            return &harness_kernels[i];
    return NULL;
}

Kernel *harness_kernel(const KernelConfig *cfg) {
    HarnessKernel *slot = harness_slot(NULL);
    assert_non_null(slot);
    memset(slot, 0, sizeof *slot);
    KernelConfig c = {0};
    if (cfg)
        c = *cfg;
    c.alloc = harness_alloc;
    c.alloc_ud = &slot->alloc;
    Kernel *k = kernel_create(&c);
    assert_non_null(k);
    slot->k = k;
    return k;
}

HarnessAlloc *harness_allocator(Kernel *k) {
    HarnessKernel *slot = harness_slot(k);
    assert_non_null(slot);
    return &slot->alloc;
}

void harness_destroy(Kernel *k) {
    HarnessKernel *slot = harness_slot(k);
    assert_non_null(slot);
    KernelStats st;
    kernel_stats(k, &st);
    assert_int_equal(st.tasks, 0);
    assert_int_equal(st.procs, 1); /* init only: everything reaped */
    assert_int_equal(st.objects, 0);
    assert_int_equal(st.fds, 0);
    assert_int_equal(st.heap_blocks, 0);
    assert_int_equal(st.regions, 0);
    kernel_destroy(k);
    assert_int_equal(slot->alloc.live_blocks, 0);
    free(slot->output);
    memset(slot, 0, sizeof *slot);
}

void harness_destroy_live(Kernel *k) {
    HarnessKernel *slot = harness_slot(k);
    assert_non_null(slot);
    kernel_destroy(k);
    assert_int_equal(slot->alloc.live_blocks, 0);
    free(slot->output);
    memset(slot, 0, sizeof *slot);
}

int harness_run(Kernel *k, char *const argv[]) {
    SyscallResult r = kernel_spawn(k, argv[0], argv);
    assert_int_equal(r.error, AX_OK);
    int status = -1;
    assert_int_equal(kernel_wait(k, (int)r.value, &status), 0);
    return status;
}

const char *harness_output(Kernel *k) {
    HarnessKernel *slot = harness_slot(k);
    assert_non_null(slot);
    char buf[4096];
    size_t n;
    while ((n = kernel_console_take_output(k, buf, sizeof buf)) > 0) {
        slot->output = realloc(slot->output, slot->output_len + n + 1);
        memcpy(slot->output + slot->output_len, buf, n);
        slot->output_len += n;
    }
    if (!slot->output)
        slot->output = calloc(1, 1);
    slot->output[slot->output_len] = '\0';
    return slot->output;
}

void tprintf(const char *fmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof buf - 1)
        n = (int)sizeof buf - 1;
    sys_write(1, buf, (size_t)n);
}

int tspawn_wait(const char *path, char *const argv[]) {
    SyscallResult r = sys_spawn(path, argv, NULL, NULL);
    if (r.error != AX_OK)
        return -1;
    int st = 0;
    if (sys_waitpid((int)r.value, &st, 0).error != AX_OK)
        return -1;
    return st;
}
