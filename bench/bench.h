/* The benchmark harness: repetitions, medians, the report, and running a
 * measurement inside a fresh kernel.
 *
 * An area (bench_<area>.c, listed once in areas.def) measures its figures
 * with bench_measure, once for axos (usually from inside a task) and,
 * where the host has an equivalent, once for the host, then hands both to
 * bench_report. Timing always uses the host's CLOCK_MONOTONIC
 * (bench_now_ns), never the kernel clock: kernels here run on
 * AX_CLOCK_VIRTUAL, which does not move while tasks compute.
 *
 * Output, per area: a readable table, then one line per figure
 *   BENCH name=<id> value=<v> unit=<u> min=<v> max=<v> [target=<op><v> met=yes|no]
 * plus, with a host equivalent,
 *   BENCH name=<id>_host value=<v> unit=<u> min=<v> max=<v>
 *   BENCH name=<id>_vs_host value=<ratio> unit=ratio
 * where the ratio is oriented so that below 1 means axos is better. */
#ifndef AXOS_BENCH_H
#define AXOS_BENCH_H

#include <stddef.h>
#include <stdint.h>

#include "axos.h"

#define BENCH_MAX_FIGURES 32
#define BENCH_MAX_REPS 101

/* One run of the harness: options and the figures of the current area. */
typedef struct Bench {
    double scale;   /* iteration multiplier (1: full run) */
    int reps;       /* repetitions per figure */
    int errors;     /* figures that failed to measure: exit status 1 */
    const char *area;
    int nfig;
    struct BenchSlot *slots; /* BENCH_MAX_FIGURES figures of the area */
} Bench;

/* median, min and max over the repetitions (value units are the figure's) */
typedef struct BenchStat {
    double median, min, max;
    int n;         /* repetitions measured; 0: not measured */
    int preempted; /* of those, how many the host preempted (busy machine) */
} BenchStat;

/* bench_measure tries up to this many times the repetitions asked for to
 * get repetitions the host did not preempt. */
#define BENCH_ATTEMPTS 10

/* Which way a figure improves: lower (times, bytes, ratios) or higher
 * (throughput). It decides the target check and the _vs_host ratio. */
typedef enum BenchBetter { BENCH_LOWER, BENCH_HIGHER } BenchBetter;

typedef struct BenchFigure {
    const char *name;   /* the id in BENCH lines: [a-z0-9_]; name, label and
                           unit are kept by pointer (use literals) */
    const char *label;  /* what a person reads in the table */
    const char *unit;   /* ns, GB/s, ops/s, bytes, ratio, count */
    BenchBetter better;
    BenchStat axos;
    BenchStat host;     /* host.n == 0: no host equivalent */
    int has_target;
    double target;      /* the DESIGN.md budget, in `unit` */
    int target_vs_host; /* the budget is on the _vs_host ratio instead:
                           met when ratio < target ("faster than the host") */
    const char *note;   /* printed under the table, or NULL */
} BenchFigure;

/* Host monotonic clock, nanoseconds. */
uint64_t bench_now_ns(void);

/* base scaled by b->scale, at least `floor_n` (and at least 1). */
uint64_t bench_iters(const Bench *b, uint64_t base, uint64_t floor_n);

/* One repetition: returns the figure's value (ns per op, GB/s...), or a
 * negative number when the measurement failed. Keep one to a few
 * milliseconds: on a shared machine (2 cores, several busy neighbours) a
 * repetition of 10 ms or more is almost never left alone by the host,
 * while about half of those of 2 ms are. */
typedef double (*BenchRepFn)(void *ud);

/* Run fn b->reps times and fill *out. A repetition during which the host
 * preempted the thread (getrusage ru_nivcsw moved) is run again, up to
 * BENCH_ATTEMPTS times the count; preempted ones are used only when clean
 * ones did not come, and counted in out->preempted. Returns 0, or -1 as
 * soon as a repetition fails (*out then has n == 0). */
int bench_measure(const Bench *b, BenchRepFn fn, void *ud, BenchStat *out);

/* Repetitions to run (b->reps, clamped to 1..BENCH_MAX_REPS). */
int bench_reps(const Bench *b);

/* Median, min and max of v[0..n) (sorts v), for areas that collect their
 * repetitions themselves. n < 1 gives a stat with n == 0. */
BenchStat bench_stat(double *v, int n);

/* Add a figure (copied, note included) to the area's report; a figure whose axos stat
 * was not measured counts as an error. */
void bench_report(Bench *b, const BenchFigure *f);

/* Say that a figure could not be measured yet (the feature is missing):
 * printed in the table, not an error. */
void bench_skip(Bench *b, const char *name, const char *why);

/* Say that a figure failed: printed, and the run exits with status 1. */
void bench_fail(Bench *b, const char *name, const char *why);

/* Start / finish an area: the finish prints the table and BENCH lines. */
void bench_area_begin(Bench *b, const char *area, const char *title);
void bench_area_end(Bench *b);

/* ---- running code inside axos ---- */

typedef struct BenchProgram {
    const char *path;
    ProgramMain main;
} BenchProgram;

/* Boot a kernel with cfg (NULL: defaults), install the n programs (and
 * the bundled userland when `userland`), run progs[0] with argv
 * { path, "<ud>" } until it exits, and destroy the kernel. Returns the
 * program's exit status (0..255), or -1 when the kernel could not be set
 * up or the program was killed. */
int bench_kernel_run(const KernelConfig *cfg, const BenchProgram *progs, size_t n,
                     int userland, void *ud);

/* Inside a program started by bench_kernel_run (or a child given the same
 * argv[1]): the ud pointer. */
void *bench_task_ud(int argc, char **argv);

/* argv[1] as bench_kernel_run passes it, to hand on to children. */
const char *bench_task_ud_arg(int argc, char **argv);

/* Inside a task: spawn path with argv, fd `in` as its stdin and `out` as
 * its stdout (-1: inherited), and the fds listed in close[] (all > 2)
 * closed in the child, as a shell sets up a pipeline. Returns the pid, or
 * -AX_E* (negative) when the spawn failed. */
int bench_spawn_io(const char *path, char *const argv[], int in, int out, const int *close,
                   size_t nclose);

/* Resident set size of the host process in bytes (/proc/self/statm), or
 * 0 where it cannot be read. */
uint64_t bench_rss_bytes(void);

/* Keep the compiler from dropping a computation whose result is unused. */
static inline void bench_keep(uint64_t v) { __asm__ volatile("" : : "r"(v) : "memory"); }

#endif
