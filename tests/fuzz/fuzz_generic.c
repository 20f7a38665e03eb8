/* The generic op: any number of the syscall table (and some outside it),
 * with arguments made from the call's format string in syscalls.def, so
 * a call added to the table is fuzzed without a line here.
 *
 * The format says what each argument is, not how large a struct behind a
 * pointer is, so every pointer gets the task's scratch buffer, zeroed
 * first (a zero struct is a valid input: SIG_DFL, no actions, empty
 * sets), or NULL, which every call must refuse with AX_EFAULT or take as
 * "none". Counts that size an array behind a pointer ('u' on its own) stay
 * small enough for the scratch to hold any element type; buffer lengths
 * ('b' and 'B', then 'u') stay within the scratch. */
#include <limits.h>
#include <string.h>

#include "fuzz.h"

typedef struct FzCall {
    int no;
    const char *name, *fmt;
} FzCall;

static const FzCall fz_calls[] = {
#define AX_SYSCALL(num, name, fmt) {num, #name, fmt},
#include "axos/syscalls.def"
#undef AX_SYSCALL
};
#define FZ_NCALLS (sizeof fz_calls / sizeof *fz_calls)

/* Counts stay below what half the scratch holds of the largest array
 * element a counted pointer may name (TraceEventInfo today). */
#define FZ_MAX_COUNT 16
_Static_assert(FZ_MAX_COUNT * sizeof(TraceEventInfo) <= FZ_SCRATCH / 2, "counts fit");
_Static_assert(sizeof(TraceSummary) <= FZ_SCRATCH / 2, "the largest struct fits");

static uint64_t fz_int_arg(FzTask *t) {
    uint8_t b = fz_u8(t);
    if (b < 160)
        return (uint64_t)(int64_t)(b % 20); /* small: fds, pids, regions */
    static const int odd[] = {-1, 0, 1, 2, 1023, 1024, INT_MAX, INT_MIN, -2, 4096, 65535, 8193};
    if (b < 240)
        return (uint64_t)(int64_t)odd[b % 12];
    return (uint64_t)(int64_t)(int32_t)fz_u32(t);
}

static int fz_einval_size(int no) { return no == AX_SYS_read || no == AX_SYS_write; }

/* semctl's last argument is Linux's union semun: a value for SETVAL, a
 * pointer for the commands that copy (the format can only say 'x'). Those
 * get the scratch, or NULL, and GETALL/SETALL only for a set whose values
 * fit in it. */
static void fz_semctl_arg(FzTask *t, SyscallArgs *a, uint8_t sel) {
    int cmd = (int)a->a[2];
    if (cmd != AX_IPC_STAT && cmd != AX_IPC_SET && cmd != AX_GETALL && cmd != AX_SETALL)
        return;
    a->a[3] = sel % 16 == 0 ? 0 : (uint64_t)(uintptr_t)t->scratch;
    if (cmd == AX_GETALL || cmd == AX_SETALL) {
        SemInfo info;
        SyscallResult r = sys_semctl((int)a->a[0], 0, AX_IPC_STAT, (uint64_t)(uintptr_t)&info);
        if (r.error == AX_OK && info.nsems * sizeof(uint16_t) > FZ_SCRATCH)
            a->a[3] = 0;
    }
}

SyscallResult fz_op_generic(FzTask *t) {
    uint8_t pick = fz_u8(t);
    int no;
    const char *fmt = "";
    const char *name = "unknown";
    if (pick < 250) {
        const FzCall *c = &fz_calls[(pick | fz_u8(t) << 8) % FZ_NCALLS];
        no = c->no;
        fmt = c->fmt;
        name = c->name;
    } else {
        static const int outside[] = {-1, 19, 448, 1000, INT_MAX, 180};
        no = outside[pick % 6];
    }
    memset(t->scratch, 0, FZ_SCRATCH);
    SyscallArgs a = {{0}};
    int nptr = 0;
    for (int i = 0; fmt[i] && i < 6; i++) {
        uint8_t sel = fz_u8(t);
        switch (fmt[i]) {
        case 'p':
        case 'B':
        case 'b': {
            /* one scratch for all pointer arguments: split it */
            size_t part = FZ_SCRATCH / 2;
            unsigned char *p = t->scratch + (nptr++ % 2) * part;
            a.a[i] = sel % 16 == 0 ? 0 : (uint64_t)(uintptr_t)p;
            if (fmt[i] != 'p' && fmt[i + 1] == 'u' && i + 1 < 6) {
                /* past SSIZE_MAX only where the API promises AX_EINVAL
                 * before any copy; elsewhere a length never lies */
                a.a[i + 1] = sel % 16 == 1 && fz_einval_size(no) ? (uint64_t)SSIZE_MAX + 1
                                                                 : fz_u16(t) % (part + 1);
                i++;
            }
            break;
        }
        case 's':
            a.a[i] = (uint64_t)(uintptr_t)fz_path(t);
            break;
        case 'v':
            a.a[i] = sel % 8 == 0 ? 0 : (uint64_t)(uintptr_t)fz_argv(t);
            break;
        case 'u':
            a.a[i] = sel % (FZ_MAX_COUNT + 1);
            break;
        case 'l':
            a.a[i] = (uint64_t)fz_off(t);
            break;
        case 'n':
            a.a[i] = fz_ns(t);
            break;
        case 'f':
            a.a[i] = (uint64_t)(int64_t)fz_oflags(t);
            break;
        case 'S':
            a.a[i] = (uint64_t)(int64_t)fz_sig(t);
            break;
        case 'x':
        case 'o':
            a.a[i] = sel < 128 ? sel % 16 : (uint64_t)fz_u32(t);
            break;
        default: /* 'd' */
            a.a[i] = fz_int_arg(t);
            break;
        }
    }
    if (no == AX_SYS_semctl)
        fz_semctl_arg(t, &a, fz_u8(t));
    /* a handler is code: the scratch would be called when the signal
     * comes (fuzz_ops_proc.c installs real handlers) */
    if (no == AX_SYS_signal)
        a.a[1] = (uint64_t)(uintptr_t)(fz_u8(t) & 1 ? AX_SIG_IGN : AX_SIG_DFL);
    /* vfork's resume function is code too, and must longjmp back: only
     * its refusal is fuzzed */
    if (no == AX_SYS_vfork)
        a.a[0] = 0;
    fz_arm(t, name);
    SyscallResult r = sys_dispatch((SyscallNo)no, &a);
    if (strcmp(name, "spawn") == 0 && r.error == AX_OK)
        fz_note_kid(t, (int)r.value);
    return r;
}
