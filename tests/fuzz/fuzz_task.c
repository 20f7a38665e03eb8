/* The fuzzer's program: every task runs fz_main, which turns its script
 * into ops and checks after each one that a call that failed without
 * blocking changed nothing. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

const unsigned char fz_zeros[FZ_WRITE_MAX];

/* ---- input ---- */

uint8_t fz_u8(FzTask *t) { return t->pos < t->len ? t->in[t->pos++] : 0; }
uint16_t fz_u16(FzTask *t) { return (uint16_t)(fz_u8(t) | fz_u8(t) << 8); }
uint32_t fz_u32(FzTask *t) { return fz_u16(t) | (uint32_t)fz_u16(t) << 16; }
uint64_t fz_u64(FzTask *t) { return fz_u32(t) | (uint64_t)fz_u32(t) << 32; }
int fz_done(const FzTask *t) { return t->pos >= t->len; }

/* ---- argument pools ---- */

int fz_fd(FzTask *t) {
    uint8_t b = fz_u8(t);
    if (b < 200)
        return b % 12; /* the fds a script opens land here */
    static const int odd[] = {-1, 12, 15, 1023, 1024, INT_MAX, INT_MIN, -2};
    return odd[b % 8];
}

int fz_pid(FzTask *t) {
    uint8_t b = fz_u8(t);
    switch (b % 12) {
    case 0:
        return 0;
    case 1:
        return -1;
    case 2:
        return (int)sys_getpid().value;
    case 3:
        return (int)sys_getppid().value;
    case 4:
    case 5:
        return t->nkids ? t->kids[fz_u8(t) % t->nkids] : 2;
    case 6:
        return t->nkids ? -t->kids[fz_u8(t) % t->nkids] : -2;
    case 7:
        return 1;
    case 8: {
        static const int odd[] = {INT_MIN, -INT_MAX, INT_MAX, 99999};
        return odd[fz_u8(t) % 4];
    }
    default:
        return 2 + fz_u8(t) % (fz.maxpid > 1 ? fz.maxpid - 1 : 1); /* anyone's */
    }
}

int fz_sig(FzTask *t) {
    uint8_t b = fz_u8(t);
    if (b < 240)
        return b % 32;
    static const int odd[] = {-1, 0, 64, 65, 66, INT_MIN, INT_MAX, 33};
    return odd[b % 8];
}

static char fz_long_path[AX_PATH_MAX + 2];
static char fz_long_path2[AX_PATH_MAX + 1];
static char fz_long_name[AX_NAME_MAX + 8];

static void fz_make_long(char *buf, size_t len) {
    for (size_t i = 0; i < len; i++)
        buf[i] = (i % 2 == 0 && i + 2 < len) ? '/' : 'a';
    buf[0] = '/';
    buf[len] = '\0';
}

const char *fz_path(FzTask *t) {
    static const char *const paths[] = {
        "/tmp/f0", "/tmp/f1", "/tmp/d0", "/tmp/d0/f2", "/tmp/d0/d1", "/tmp/d0/d1/f3",
        "/tmp/p0", "/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/console",
        "/dev/tty", "/dev/stdin", "/dev/stdout", "/dev/fd/3", "/dev/fd/0", "/dev/fd",
        "/bin/fz", "/bin", "/", "/tmp", "", ".", "..", "/tmp/f0/", "/tmp/d0/../d0/./f2",
        "/missing/x", "tmp/f0", "f0", "/etc/hostname", "/dev", NULL,
        fz_long_path, fz_long_path2, fz_long_name,
    };
    if (!fz_long_path[0]) { /* all three are the same for every task */
        fz_make_long(fz_long_path, AX_PATH_MAX);
        fz_make_long(fz_long_path2, AX_PATH_MAX - 1);
        memset(fz_long_name, 'n', AX_NAME_MAX + 1);
        memcpy(fz_long_name, "/tmp/", 5);
    }
    return paths[fz_u8(t) % (sizeof paths / sizeof *paths)];
}

size_t fz_size(FzTask *t, size_t max) {
    uint8_t b = fz_u8(t);
    switch (b % 8) {
    case 0:
        return 0;
    case 1:
        return 1;
    case 2:
        return (size_t)SSIZE_MAX + 1 + fz_u8(t); /* promised AX_EINVAL */
    case 3:
        return max;
    default: {
        size_t n = fz_u16(t);
        return n > max ? n % (max + 1) : n;
    }
    }
}

int64_t fz_off(FzTask *t) {
    static const int64_t odd[] = {-1, 0, 1, 4096, 65536, 1 << 20, (int64_t)1 << 31,
                                  (int64_t)1 << 30, ((int64_t)1 << 30) + 1, INT64_MAX,
                                  INT64_MIN, -4096};
    uint8_t b = fz_u8(t);
    if (b < 128)
        return fz_u16(t) % 20000;
    return odd[b % 12];
}

uint64_t fz_ns(FzTask *t) {
    uint8_t b = fz_u8(t);
    if (b < 200)
        return (uint64_t)fz_u16(t) * 1000u; /* up to 65 ms */
    static const uint64_t odd[] = {0, 1, 1000, UINT64_MAX, (uint64_t)INT64_MAX, 1000000000u};
    return odd[b % 6];
}

int fz_oflags(FzTask *t) {
    static const int common[] = {
        AX_O_RDONLY, AX_O_WRONLY | AX_O_CREAT, AX_O_RDWR | AX_O_CREAT | AX_O_TRUNC,
        AX_O_WRONLY | AX_O_APPEND, AX_O_RDONLY | AX_O_DIRECTORY, AX_O_RDWR | AX_O_NONBLOCK,
        AX_O_WRONLY | AX_O_CREAT | AX_O_EXCL, AX_O_RDONLY | AX_O_CLOEXEC, AX_O_RDONLY | AX_O_TRUNC,
    };
    uint8_t b = fz_u8(t);
    if (b < 200)
        return common[b % 9];
    return (int)fz_u32(t);
}

static void fz_handler_fn(int sig) { (void)sig; }

SigHandler fz_handler(FzTask *t) {
    switch (fz_u8(t) % 3) {
    case 0:
        return AX_SIG_DFL;
    case 1:
        return AX_SIG_IGN;
    default:
        return fz_handler_fn;
    }
}

char *const *fz_argv(FzTask *t) {
    static char *const a0[] = {"fz", "0", NULL};
    static char *const a1[] = {"fz", "1", NULL};
    static char *const a2[] = {"fz", "2", NULL};
    static char *const a3[] = {"fz", "3", NULL};
    static char *const bad[] = {"fz", "x", NULL};
    static char *const none[] = {NULL};
    static char *const *const argvs[] = {a0, a1, a2, a3, bad, none};
    return argvs[fz_u8(t) % 6];
}

void fz_note_kid(FzTask *t, int pid) {
    if (pid <= 0)
        return;
    if (pid > fz.maxpid) /* the final kills must reach it, run or not */
        fz.maxpid = pid;
    if (t->nkids < FZ_KIDS)
        t->kids[t->nkids++] = pid;
    else
        t->kids[pid % FZ_KIDS] = pid;
}

void fz_note_ptr(FzTask *t, uintptr_t p) {
    if (!p)
        return;
    /* slots by count, never by address: a replay must choose the same */
    if (t->nptrs < FZ_PTRS)
        t->ptrs[t->nptrs++] = p;
    else
        t->ptrs[fz.nptrs_shared % FZ_PTRS] = p;
    fz.shared_ptrs[fz.nptrs_shared++ % FZ_PTRS] = p;
}

/* ---- the failed-call check ---- */

/* Times a task was given the CPU: unchanged across a call that did not
 * block (nobody else ran). */
static uint64_t fz_switches(void) {
    static TraceSummary ts; /* filled and read with no switch between */
    kernel_trace_summary(fz.k, &ts);
    return ts.tasks_run;
}

void fz_arm(FzTask *t, const char *call) {
    t->call = call;
    state_take(fz.k, &t->before);
    t->runs = fz_switches();
    t->armed = 1;
}

static void fz_check_failed(FzTask *t, SyscallResult r) {
    if (!t->armed || r.error == AX_OK || fz_switches() != t->runs)
        return; /* succeeded, or blocked: others ran and may change things */
    ProcState after;
    char why[256];
    state_take(fz.k, &after);
    if (state_diff(&t->before, &after, why, sizeof why))
        fuzz_fail("%s failed with %s but changed %s", t->call, sys_errname(r.error), why);
}

/* ---- the program ---- */

static const FzOp *const fz_areas[] = {fz_ops_files, fz_ops_proc, fz_ops_mem};

/* One byte picks an op: a quarter go to the generic op. */
static FzOp fz_pick(uint8_t b) {
    static size_t counts[3];
    if (!counts[0])
        for (int a = 0; a < 3; a++)
            while (fz_areas[a][counts[a]])
                counts[a]++;
    if (b >= 192)
        return fz_op_generic;
    return fz_areas[b % 3][(b / 3) % counts[b % 3]];
}

int fz_main(int argc, char **argv) {
    int pid = (int)sys_getpid().value;
    if (pid > fz.maxpid)
        fz.maxpid = pid;
    if (++fz.starts > FZ_STARTS || argc < 2 || argv[1][0] < '0' || argv[1][0] > '9')
        return 0;
    int slot = atoi(argv[1]);
    if (slot >= fz.nslots)
        return 0;
    _Alignas(16) unsigned char scratch[FZ_SCRATCH];
    FzTask t = {.slot = slot, .in = fz.script[slot], .len = fz.script_len[slot],
                .scratch = scratch};
    for (int i = 0; i < FZ_OPS && !fz_done(&t); i++) {
        FzOp op = fz_pick(fz_u8(&t));
        t.armed = 0;
        SyscallResult r = op(&t);
        fz_check_failed(&t, r);
    }
    return 0;
}
