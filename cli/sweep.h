/* axos sweep: run one scenario under many seeds, each in a fresh kernel,
 * and say which seeds fail, how to replay them, and (--shrink) which of
 * their faults matter. docs/simulation.md is the manual.
 *
 * Files:
 *   sweep.c         options, the worker processes, ordering, progress, summary
 *   sweep_run.c     one seed in one kernel: its verdict and JSON line
 *   sweep_shrink.c  delta debugging over a failing seed's fired faults
 *   sweep_merge.c   reading JSON lines back: --merge, the summary's tallies
 */
#ifndef AXOS_CLI_SWEEP_H
#define AXOS_CLI_SWEEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "axos.h"

typedef struct SweepOptions {
    uint64_t first, last;      /* --seeds A..B (inclusive) */
    unsigned jobs;             /* -j N host worker processes */
    unsigned shard, nshards;   /* --shard i/n: the seeds s with (s - first) % n == i - 1 */
    int sched;                 /* --sched (default AX_SCHED_RANDOM) */
    const char *faults_text;   /* --faults SPEC as given */
    FaultRule faults[AX_FAULT_RULES_MAX];
    size_t nfaults;
    const char *script;        /* --script FILE (host path) */
    char *script_text;         /* its contents */
    const char *scenario;      /* --scenario lib.so */
    char **scenario_args;      /* the words after it */
    int nscenario_args;
    ScenarioSetup setup;       /* from the library */
    ScenarioCheck check;       /* may be NULL */
    ScenarioRecover recover;   /* may be NULL */
    const char *program;       /* --program prog.so (built with the POSIX layer) */
    char **program_args;       /* the words after it (its argv[1..]) */
    int nprogram_args;
    char program_path[64 + 256]; /* where each kernel gets it: /bin/NAME */
    const char *recover_script; /* --recover FILE: run after a power loss */
    char *recover_text;
    double timeout_s;          /* --timeout: host seconds per seed (0: none) */
    uint64_t mem_limit;        /* bytes per kernel */
    bool verbose;              /* -v: the run's console output to stderr */
    bool shrink;               /* --shrink */
    unsigned shrink_max;       /* failing seeds to shrink (the first ones) */
    const char *out;           /* --out FILE for the JSON lines (default stdout) */
    const char *report;        /* --report out.html */
    bool progress;             /* stderr is a terminal */
} SweepOptions;

/* What one seed's run gave. */
typedef struct SeedResult {
    uint64_t seed;
    bool pass;
    char reason[160];          /* why it failed ("" when it passed) */
    uint64_t digest;
    uint64_t syscalls;
    uint64_t virtual_ns, wall_ns;
    FaultFired *fired;         /* malloc'd */
    size_t nfired;
    AssertInfo *asserts;       /* malloc'd */
    size_t nasserts;
} SeedResult;

/* sweep_run.c */
/* Run one seed under plan rules[0..n) (the options' plan, or a shrunk
 * one). Fills *res (free with seed_result_free). */
void sweep_run_seed(const SweepOptions *o, uint64_t seed, const FaultRule *rules, size_t n,
                    SeedResult *res);
void seed_result_free(SeedResult *res);
/* The JSON line for res (with '\n'), malloc'd. */
char *sweep_json_line(const SweepOptions *o, const SeedResult *res);
/* The shell command that replays seed under plan text spec (NULL: none),
 * malloc'd. */
char *sweep_replay_command(const SweepOptions *o, uint64_t seed, const char *spec);
/* Arm the host timer that interrupts a seed running past --timeout. */
void sweep_timer_init(void);

/* sweep_shrink.c: reduce the failing seed's fired faults to a minimal
 * set that still fails the same way; prints what it found to `log`.
 * Returns the minimal plan's text, malloc'd (NULL: it could not shrink). */
char *sweep_shrink(const SweepOptions *o, const SeedResult *failed, FILE *log);

/* sweep_merge.c: the tallies a summary is made of, fed one JSON line at a
 * time (lines the runner wrote, from this run or from shards' files). */
typedef struct SweepTally SweepTally;
SweepTally *tally_new(void);
void tally_line(SweepTally *t, const char *line);
/* Print the summary; returns the number of failing seeds. */
uint64_t tally_print(SweepTally *t, FILE *f, double wall_s);
void tally_free(SweepTally *t);
/* axos sweep --merge FILE...: read shards' JSON lines, print a summary
 * (and --report). Returns the exit status. */
int sweep_merge(int nfiles, char **files, const char *report);
/* Write the HTML report of the JSON lines in `jsonl` with matplotlib
 * (tools/sweep_report.py). Returns 0 or -1. */
int sweep_write_report(const char *jsonl, const char *html);

/* Quote s for a POSIX shell (single quotes), appended to *buf. */
void sweep_shell_quote(char **buf, size_t *len, const char *s);

int sweep_main(int argc, char **argv);

#endif
