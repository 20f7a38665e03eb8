/* The fuzzer's host side: boot a kernel for one input, start the tasks,
 * play the host script (run slices, kills, console input), then kill
 * everything and check that nothing is left. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

FzRun fz;

void fuzz_fail(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "fuzz: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    abort();
}

/* Counts the kernel's live allocations: all must be gone after destroy. */
static void *fz_alloc(void *ud, void *ptr, size_t size) {
    long *live = ud;
    if (size == 0) {
        if (ptr)
            (*live)--;
        free(ptr);
        return NULL;
    }
    void *p = realloc(ptr, size);
    if (p && !ptr)
        (*live)++;
    return p;
}

static void fz_discard(void *ud, int stream, const void *buf, size_t n) {}

/* Split the input after its 12-byte header into scripts at each FZ_SEP
 * pair: task scripts first, the host's last. */
#define FZ_HEADER 12
static void fz_split(const uint8_t *data, size_t size) {
    int n = 0;
    size_t start = FZ_HEADER < size ? FZ_HEADER : size;
    for (size_t i = start; i <= size && n < fz.nslots; i++) {
        if (i + 1 < size && data[i] == 0xFF && data[i + 1] == 0xFE) {
            fz.script[n] = data + start;
            fz.script_len[n++] = i - start;
            start = i + 2;
            i++;
        }
    }
    /* what is left is the next script (the host's if every slot is full) */
    int last = n < fz.nslots ? n : fz.nslots;
    fz.script[last] = data + start;
    fz.script_len[last] = size - start;
}

typedef struct HostIn {
    const uint8_t *p;
    size_t len, pos;
} HostIn;

static uint8_t host_u8(HostIn *h) { return h->pos < h->len ? h->p[h->pos++] : 0; }

static void fz_host_script(Kernel *k) {
    HostIn h = {fz.script[fz.nslots], fz.script_len[fz.nslots], 0};
    for (int step = 0; step < FZ_HOST_STEPS && h.pos < h.len; step++) {
        switch (host_u8(&h) % 6) {
        case 0: { /* a slice of virtual time: 0..25 ms */
            uint64_t ns = (uint64_t)host_u8(&h) * 100000u;
            kernel_run_for(k, ns);
            break;
        }
        case 1: { /* a signal from outside, to any pid so far */
            int pid = host_u8(&h) % (fz.maxpid + 2);
            kernel_kill(k, pid, host_u8(&h) % 66);
            break;
        }
        case 2: { /* typed console input */
            uint8_t buf[64];
            size_t n = host_u8(&h) % sizeof buf;
            for (size_t i = 0; i < n; i++)
                buf[i] = host_u8(&h);
            kernel_console_push_input(k, buf, n);
            break;
        }
        case 3: {
            static const int sigs[] = {AX_SIGINT, AX_SIGTSTP, AX_SIGQUIT};
            kernel_console_signal(k, sigs[host_u8(&h) % 3]);
            break;
        }
        case 4: /* a long slice (never kernel_run: an interval timer keeps a
                   * machine busy for ever, rightly) */
            kernel_run_for(k, 1000000000u);
            break;
        default:
            kernel_console_close_input(k);
            break;
        }
    }
}

/* Kill every process, let the kernel finish them, reap the host's. */
static void fz_kill_all(Kernel *k, const int *pids, int npids) {
    for (int round = 0; round < 4; round++) {
        for (int pid = 2; pid <= fz.maxpid; pid++)
            kernel_kill(k, pid, AX_SIGKILL);
        kernel_run(k);
        KernelStats st;
        kernel_stats(k, &st);
        if (st.tasks == 0)
            break;
    }
    for (int i = 0; i < npids; i++)
        if (pids[i] > 0 && kernel_wait(k, pids[i], NULL) != 0)
            fuzz_fail("kernel_wait(%d) after the final kills failed", pids[i]);
}

static void fz_check_empty(Kernel *k) {
    KernelStats st;
    kernel_stats(k, &st);
    if (st.procs != 1 || st.tasks || st.objects || st.fds || st.regions || st.heap_blocks ||
        st.timers)
        fuzz_fail("left after the final kills: procs %llu tasks %llu objects %llu fds %llu "
                  "regions %llu heap %llu timers %llu",
                  (unsigned long long)st.procs, (unsigned long long)st.tasks,
                  (unsigned long long)st.objects, (unsigned long long)st.fds,
                  (unsigned long long)st.regions, (unsigned long long)st.heap_blocks,
                  (unsigned long long)st.timers);
}

uint64_t fuzz_one(const uint8_t *data, size_t size) {
    memset(&fz, 0, sizeof fz);
    uint8_t hdr[FZ_HEADER] = {0};
    memcpy(hdr, data, size < FZ_HEADER ? size : FZ_HEADER);
    fz.nslots = 1 + hdr[0] % FZ_SLOTS;
    int ntasks = 1 + hdr[1] % 3;
    uint64_t seed = 0;
    memcpy(&seed, hdr + 4, 8);
    fz_split(data, size);

    long live = 0;
    static const uint64_t limits[] = {1u << 20, 4u << 20, 16u << 20, 0};
    KernelConfig cfg = {
        .seed = seed,
        .sched = (hdr[2] & 1) ? AX_SCHED_RANDOM : AX_SCHED_FIFO,
        .mem_limit = limits[(hdr[2] >> 1) & 3] ? limits[(hdr[2] >> 1) & 3] : (32u << 20),
        .trace_ring = 128,
        .window_backend = AX_WINDOW_NONE,
        .alloc = fz_alloc,
        .alloc_ud = &live,
        .console_output = fz_discard,
    };
    Kernel *k = kernel_create(&cfg);
    if (!k)
        fuzz_fail("kernel_create failed");
    fz.k = k;
    if (kernel_install_program(k, "/bin/fz", fz_main) < 0)
        fuzz_fail("install failed");

    int pids[3] = {0};
    for (int i = 0; i < ntasks; i++) {
        char slot[4];
        snprintf(slot, sizeof slot, "%d", i % fz.nslots);
        SyscallResult r = kernel_spawn(k, "/bin/fz", (char *[]){"fz", slot, NULL});
        if (r.error)
            fuzz_fail("kernel_spawn: %s", sys_errname(r.error));
        pids[i] = (int)r.value;
        if (pids[i] > fz.maxpid)
            fz.maxpid = pids[i];
    }
    fz_host_script(k);
    kernel_run_for(k, 100000000u); /* 100 ms more for the scripts */
    uint64_t digest = kernel_trace_digest(k);
    fz_kill_all(k, pids, ntasks);
    fz_check_empty(k);
    kernel_destroy(k);
    if (live != 0)
        fuzz_fail("%ld kernel allocations leaked after kernel_destroy", live);
    return digest;
}
