/* The benchmark harness: statistics, the report and kernels to measure in. */
#include "bench.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/* what became of a figure */
enum { FIG_OK, FIG_SKIPPED, FIG_FAILED };

uint64_t bench_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t bench_iters(const Bench *b, uint64_t base, uint64_t floor_n) {
    double n = (double)base * b->scale;
    uint64_t r = n < 1 ? 1 : (uint64_t)n;
    if (r < floor_n)
        r = floor_n;
    return r;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

BenchStat bench_stat(double *v, int n) {
    BenchStat s = {0};
    if (n < 1)
        return s;
    qsort(v, (size_t)n, sizeof v[0], cmp_double);
    s.min = v[0];
    s.max = v[n - 1];
    s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    s.n = n;
    return s;
}

int bench_reps(const Bench *b) {
    return b->reps < 1 ? 1 : b->reps > BENCH_MAX_REPS ? BENCH_MAX_REPS : b->reps;
}

/* Times the host preempted this thread so far. A repetition during which
 * it happened measured someone else's work too (the clock is wall time). */
static long preemptions(void) {
    struct rusage ru;
    return getrusage(RUSAGE_THREAD, &ru) == 0 ? ru.ru_nivcsw : 0;
}

int bench_measure(const Bench *b, BenchRepFn fn, void *ud, BenchStat *out) {
    double clean[BENCH_MAX_REPS], dirty[BENCH_MAX_REPS];
    int n = bench_reps(b), nclean = 0, ndirty = 0;
    *out = (BenchStat){0};
    /* On a busy machine, retry preempted repetitions a few times; keep
     * them (and say so) only when clean ones do not come. */
    for (int attempt = 0; nclean < n && attempt < BENCH_ATTEMPTS * n; attempt++) {
        long before = preemptions();
        double v = fn(ud);
        if (!(v >= 0)) /* negative or NaN */
            return -1;
        if (preemptions() == before)
            clean[nclean++] = v;
        else if (ndirty < n)
            dirty[ndirty++] = v;
    }
    int used_dirty = 0;
    while (nclean < n && used_dirty < ndirty)
        clean[nclean++] = dirty[used_dirty++];
    *out = bench_stat(clean, nclean);
    out->preempted = used_dirty;
    return 0;
}

/* ---- the report ---- */

typedef struct BenchSlot {
    BenchFigure f;
    int state;
    char note[240]; /* f.note points here: the caller's string may not last */
} FigSlot;

static void slot_set_note(FigSlot *s, const char *note) {
    if (!note)
        return;
    snprintf(s->note, sizeof s->note, "%s", note);
    s->f.note = s->note;
}

static FigSlot *slot_add(Bench *b) {
    if (!b->slots || b->nfig >= BENCH_MAX_FIGURES) {
        fprintf(stderr, "bench: too many figures in area %s\n", b->area);
        b->errors++;
        return NULL;
    }
    FigSlot *s = &b->slots[b->nfig++];
    memset(s, 0, sizeof *s);
    return s;
}

void bench_report(Bench *b, const BenchFigure *f) {
    FigSlot *s = slot_add(b);
    if (!s)
        return;
    s->f = *f;
    s->f.note = NULL;
    slot_set_note(s, f->note);
    s->state = f->axos.n > 0 ? FIG_OK : FIG_FAILED;
    if (s->state == FIG_FAILED)
        b->errors++;
}

static void note_figure(Bench *b, const char *name, const char *why, int state) {
    FigSlot *s = slot_add(b);
    if (!s)
        return;
    s->f.name = name;
    s->f.label = name;
    slot_set_note(s, why);
    s->state = state;
}

void bench_skip(Bench *b, const char *name, const char *why) {
    note_figure(b, name, why, FIG_SKIPPED);
}

void bench_fail(Bench *b, const char *name, const char *why) {
    note_figure(b, name, why, FIG_FAILED);
    b->errors++;
}

void bench_area_begin(Bench *b, const char *area, const char *title) {
    b->area = area;
    b->nfig = 0;
    if (!b->slots)
        b->slots = calloc(BENCH_MAX_FIGURES, sizeof *b->slots);
    printf("\n== %s: %s ==\n", area, title);
    fflush(stdout);
}

/* Numbers for people: about four significant digits, no exponent. */
static const char *fmt_num(char *buf, size_t n, double v) {
    double a = fabs(v);
    if (a >= 1000 || (a < 1e15 && v == floor(v)))
        snprintf(buf, n, "%.0f", v);
    else
        snprintf(buf, n, a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : "%.3f", v);
    return buf;
}

static double fig_vs_host(const BenchFigure *f) {
    return f->better == BENCH_LOWER ? f->axos.median / f->host.median
                                    : f->host.median / f->axos.median;
}

/* Is the budget met? A budget on the host ratio with no host figure is not. */
static int fig_met(const BenchFigure *f) {
    if (f->target_vs_host)
        return f->host.n > 0 && fig_vs_host(f) < f->target;
    return f->better == BENCH_LOWER ? f->axos.median <= f->target : f->axos.median >= f->target;
}

/* "<=250" / ">=10" / "<1" as BENCH lines give it */
static const char *fig_target_op(const BenchFigure *f) {
    return f->target_vs_host ? "<" : f->better == BENCH_LOWER ? "<=" : ">=";
}

#define ROW_FORMAT "%-38s %15s %-22s %15s %8s %18s %s\n"

static void print_row(const FigSlot *s) {
    const BenchFigure *f = &s->f;
    char a[32], lo[32], hi[32], h[32], t[48];
    if (s->state != FIG_OK) {
        printf("%-40s %s: %s\n", f->label, s->state == FIG_SKIPPED ? "skipped" : "FAILED",
               f->note ? f->note : "");
        return;
    }
    char range[72];
    snprintf(range, sizeof range, "[%s .. %s]", fmt_num(lo, sizeof lo, f->axos.min),
             fmt_num(hi, sizeof hi, f->axos.max));
    char axos[48];
    snprintf(axos, sizeof axos, "%s %s", fmt_num(a, sizeof a, f->axos.median), f->unit);
    char host[48] = "-", ratio[32] = "-";
    if (f->host.n > 0) {
        snprintf(host, sizeof host, "%s %s", fmt_num(h, sizeof h, f->host.median), f->unit);
        fmt_num(ratio, sizeof ratio, fig_vs_host(f));
    }
    char target[64] = "-";
    const char *met = "";
    if (f->has_target) {
        snprintf(target, sizeof target, "%s %s %s", fig_target_op(f),
                 fmt_num(t, sizeof t, f->target), f->target_vs_host ? "x host" : f->unit);
        met = fig_met(f) ? "yes" : "NO";
    }
    printf(ROW_FORMAT, f->label, axos, range, host, ratio, target, met);
}

/* Numbers for machines: six significant digits, whole numbers from a
 * million up (no exponent, so a plain float parser reads them). */
static const char *fmt_machine(char *buf, size_t n, double v) {
    snprintf(buf, n, fabs(v) >= 1e6 ? "%.0f" : "%.6g", v);
    return buf;
}

static void print_target(const BenchFigure *f) {
    char t[40];
    printf(" target=%s%s met=%s", fig_target_op(f), fmt_machine(t, sizeof t, f->target),
           fig_met(f) ? "yes" : "no");
}

static void print_stat_line(const char *name, const char *suffix, const BenchStat *st,
                            const char *unit) {
    char v[40], lo[40], hi[40];
    printf("BENCH name=%s%s value=%s unit=%s min=%s max=%s", name, suffix,
           fmt_machine(v, sizeof v, st->median), unit, fmt_machine(lo, sizeof lo, st->min),
           fmt_machine(hi, sizeof hi, st->max));
    if (st->preempted)
        printf(" preempted=%d", st->preempted);
}

static void print_bench_lines(const FigSlot *s) {
    const BenchFigure *f = &s->f;
    if (s->state != FIG_OK)
        return;
    print_stat_line(f->name, "", &f->axos, f->unit);
    if (f->has_target && (!f->target_vs_host || f->host.n == 0))
        print_target(f);
    printf("\n");
    if (f->host.n == 0)
        return;
    print_stat_line(f->name, "_host", &f->host, f->unit);
    char r[40];
    printf("\nBENCH name=%s_vs_host value=%s unit=ratio", f->name,
           fmt_machine(r, sizeof r, fig_vs_host(f)));
    if (f->has_target && f->target_vs_host)
        print_target(f);
    printf("\n");
}

void bench_area_end(Bench *b) {
    const FigSlot *slots = b->slots;
    printf(ROW_FORMAT, "figure", "axos median", "[min .. max]", "host median", "vs host", "target",
           "met");
    for (int i = 0; i < b->nfig; i++)
        print_row(&slots[i]);
    for (int i = 0; i < b->nfig; i++) {
        const BenchFigure *f = &slots[i].f;
        if (slots[i].state != FIG_OK)
            continue;
        if (f->note)
            printf("  note (%s): %s\n", f->name, f->note);
        if (f->axos.preempted || f->host.preempted) {
            printf("  busy host (%s): preempted repetitions kept: axos %d of %d", f->name,
                   f->axos.preempted, f->axos.n);
            if (f->host.n > 0)
                printf(", host %d of %d", f->host.preempted, f->host.n);
            printf("; such figures are pessimistic\n");
        }
    }
    for (int i = 0; i < b->nfig; i++)
        print_bench_lines(&slots[i]);
    fflush(stdout);
    b->nfig = 0;
}

/* ---- kernels ---- */

int bench_kernel_run(const KernelConfig *cfg, const BenchProgram *progs, size_t n,
                     int userland, void *ud) {
    Kernel *k = kernel_create(cfg);
    if (!k)
        return -1;
    int status = -1;
    if (userland && kernel_install_userland(k) < 0)
        goto out;
    for (size_t i = 0; i < n; i++)
        if (kernel_install_program(k, progs[i].path, progs[i].main) < 0)
            goto out;
    char arg[32];
    snprintf(arg, sizeof arg, "%p", ud);
    SyscallResult r = kernel_spawn(k, progs[0].path, (char *[]){(char *)progs[0].path, arg, NULL});
    if (r.error != AX_OK)
        goto out;
    int st;
    if (kernel_wait(k, (int)r.value, &st) == 0 && AX_WIFEXITED(st))
        status = AX_WEXITSTATUS(st);
out:
    kernel_destroy(k);
    return status;
}

void *bench_task_ud(int argc, char **argv) {
    void *p = NULL;
    if (argc > 1 && sscanf(argv[1], "%p", &p) == 1)
        return p;
    return NULL;
}

const char *bench_task_ud_arg(int argc, char **argv) {
    return argc > 1 ? argv[1] : "0";
}

int bench_spawn_io(const char *path, char *const argv[], int in, int out, const int *close,
                   size_t nclose) {
    SpawnFileAction fa[8];
    size_t n = 0;
    if (in >= 0)
        fa[n++] = (SpawnFileAction){.kind = AX_SPAWN_DUP2, .fd = in, .newfd = 0};
    if (out >= 0)
        fa[n++] = (SpawnFileAction){.kind = AX_SPAWN_DUP2, .fd = out, .newfd = 1};
    for (size_t i = 0; i < nclose && n < sizeof fa / sizeof fa[0]; i++)
        if (close[i] > 2)
            fa[n++] = (SpawnFileAction){.kind = AX_SPAWN_CLOSE, .fd = close[i]};
    SpawnAttr attr = {.actions = fa, .nactions = n};
    SyscallResult r = sys_spawn(path, argv, NULL, &attr);
    return r.error == AX_OK ? (int)r.value : -(int)r.error;
}

uint64_t bench_rss_bytes(void) {
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    unsigned long size, resident;
    int ok = fscanf(f, "%lu %lu", &size, &resident) == 2;
    fclose(f);
    long page = sysconf(_SC_PAGESIZE);
    return ok ? (uint64_t)resident * (uint64_t)(page > 0 ? page : 4096) : 0;
}
