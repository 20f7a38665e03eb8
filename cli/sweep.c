/* axos sweep: the command line, the worker processes and the summary.
 *
 * Seeds run in N host worker processes, so a scenario that crashes the
 * host process takes one worker down, not the runner: worker w of N runs
 * the seeds first+w, first+w+N, ... and writes one JSON line per seed to
 * its own pipe. The runner reads the pipes in seed order, so the output
 * is the same whatever N is; when a worker dies in the middle of a seed,
 * that seed is reported as crashed and a new worker takes over the rest
 * of its seeds. */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sweep.h"

static void sweep_usage(FILE *f) {
    fputs("usage: axos sweep --seeds A..B [options]\n"
          "                  (--script FILE | --program PROG.so [arg...] | --scenario LIB.so [arg...])\n"
          "       axos sweep --merge FILE... [--report OUT.html]\n"
          "\n"
          "Run a scenario once per seed, each in a fresh simulated machine (virtual\n"
          "clock, random scheduling), and report the seeds that fail, one JSON line\n"
          "per seed on stdout, with the command that replays each failing seed.\n"
          "A run fails when its main process exits non-zero or is killed by a signal,\n"
          "on a deadlock, a failed ax_assert_always, a reached ax_assert_unreachable,\n"
          "a --timeout, or when the scenario's own check says so.\n"
          "\n"
          "  --seeds A..B        the seeds to run (or one seed: --seeds A)\n"
          "  -j N                host worker processes (default 1)\n"
          "  --faults SPEC       the fault plan (docs/simulation.md has the grammar)\n"
          "  --sched random|fifo scheduling policy (default random)\n"
          "  --script FILE       run FILE (a host file) with the simulated /bin/sh\n"
          "  --program PROG.so   run a program built with the POSIX layer (axos-cc,\n"
          "                      axos_add_program), installed as /bin/PROG; the words\n"
          "                      after it are its arguments\n"
          "  --recover FILE      after a power loss (the powerloss fault), run FILE with\n"
          "                      /bin/sh in a fresh machine booted on the disk the crash\n"
          "                      left; its exit status is the verdict\n"
          "  --scenario LIB.so   a library exporting ax_scenario_setup (and\n"
          "                      ax_scenario_check); the words after it are its argv\n"
          "  --shard I/N         run only the I-th of N interleaved slices of the seeds\n"
          "  --shrink            for the first failing seeds, find the fewest fired\n"
          "                      faults that still fail and print their replay\n"
          "  --shrink-max N      how many failing seeds to shrink (default 3)\n"
          "  --timeout SECS      host seconds a seed may take (default 60; 0: none)\n"
          "  --mem-limit N[KMG]  memory of each machine (default 256M)\n"
          "  --out FILE          write the JSON lines to FILE instead of stdout\n"
          "  --report OUT.html   write an HTML report with plots (needs python3-matplotlib)\n"
          "  --merge FILE...     summarise JSON lines written by shards, and stop\n"
          "  -v                  show each run's console output on stderr\n"
          "\n"
          "Exit status: 0 when every seed passed, 1 when one failed, 2 on bad usage.\n",
          f);
}

static _Noreturn void sweep_bad(const char *fmt, const char *what) {
    fputs("axos sweep: ", stderr);
    fprintf(stderr, fmt, what);
    fputs("\nTry 'axos sweep --help'.\n", stderr);
    exit(2);
}

static bool parse_u64(const char *s, const char *end, uint64_t *out) {
    uint64_t x = 0;
    if (s == end)
        return false;
    for (const char *p = s; p < end; p++) {
        if (*p < '0' || *p > '9' || x > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
            return false;
        x = x * 10 + (uint64_t)(*p - '0');
    }
    *out = x;
    return true;
}

static void parse_seeds(SweepOptions *o, const char *v) {
    const char *dots = strstr(v, "..");
    const char *end = v + strlen(v);
    if (!parse_u64(v, dots ? dots : end, &o->first) ||
        !parse_u64(dots ? dots + 2 : v, end, &o->last) || o->last < o->first)
        sweep_bad("--seeds: expected A..B with A <= B, or one seed: %s", v);
}

static uint64_t parse_mem(const char *v) {
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    unsigned shift = *end == 'K' ? 10 : *end == 'M' ? 20 : *end == 'G' ? 30 : 0;
    if (shift)
        end++;
    if (errno || *end || !n || *v < '0' || *v > '9' || n > (UINT64_MAX >> shift))
        sweep_bad("--mem-limit: not a size: %s", v);
    return (uint64_t)n << shift;
}

static char *read_file(const char *option, const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "axos sweep: %s: cannot open %s: %s\n", option, path, strerror(errno));
        fputs("Try 'axos sweep --help'.\n", stderr);
        exit(2);
    }
    char *s = NULL;
    size_t len = 0, cap = 0, n;
    char buf[4096];
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (len + n + 1 > cap) {
            cap = (len + n + 1) * 2;
            s = realloc(s, cap);
            if (!s)
                abort();
        }
        memcpy(s + len, buf, n);
        len += n;
    }
    fclose(f);
    if (!s)
        s = calloc(1, 1);
    s[len] = '\0';
    return s;
}

/* "--name value" or "--name=value" */
static const char *opt(const char *name, int argc, char **argv, int *i) {
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return NULL;
    if (argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (argv[*i][n])
        return NULL;
    if (*i + 1 >= argc)
        sweep_bad("%s needs a value", name);
    return argv[++*i];
}

static void load_scenario(SweepOptions *o) {
    /* a bare name would be searched for on the library path: say ./ */
    void *h = dlopen(o->scenario, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        fprintf(stderr, "axos sweep: --scenario: %s\n", dlerror());
        exit(2);
    }
    o->setup = (ScenarioSetup)dlsym(h, "ax_scenario_setup");
    o->check = (ScenarioCheck)dlsym(h, "ax_scenario_check");
    o->recover = (ScenarioRecover)dlsym(h, "ax_scenario_recover");
    if (!o->setup)
        sweep_bad("--scenario: %s exports no ax_scenario_setup", o->scenario);
}

/* --program: check the file once, as every seed's kernel will load it
 * (a usage error, not 10,000 failed seeds), and name its /bin path. */
static void load_program(SweepOptions *o) {
    const char *base = strrchr(o->program, '/');
    base = base ? base + 1 : o->program;
    size_t n = strlen(base);
    if (n > 3 && strcmp(base + n - 3, ".so") == 0)
        n -= 3;
    if (n == 0 || n > 255)
        sweep_bad("--program: cannot name a program after %s", o->program);
    snprintf(o->program_path, sizeof o->program_path, "/bin/%.*s", (int)n, base);
    Kernel *k = kernel_create(NULL);
    if (!k) {
        fputs("axos sweep: cannot boot a kernel: out of memory\n", stderr);
        exit(2);
    }
    int r = kernel_load_program(k, o->program_path, o->program);
    if (r < 0) {
        const char *why = kernel_load_error(k);
        fprintf(stderr, "axos sweep: --program: %s\n", why[0] ? why : sys_strerror((SyscallError)-r));
        kernel_destroy(k);
        exit(2);
    }
    kernel_destroy(k);
}

static void parse_args(SweepOptions *o, int argc, char **argv, int *merge_at) {
    o->jobs = 1;
    o->sched = AX_SCHED_RANDOM;
    o->timeout_s = 60;
    o->mem_limit = 256u << 20;
    o->shrink_max = 3;
    bool have_seeds = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        uint64_t x;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            sweep_usage(stdout);
            exit(0);
        } else if (!strcmp(a, "--merge")) {
            *merge_at = i + 1;
            return;
        } else if ((v = opt("--seeds", argc, argv, &i))) {
            parse_seeds(o, v);
            have_seeds = true;
        } else if ((v = opt("-j", argc, argv, &i))) {
            if (!parse_u64(v, v + strlen(v), &x) || x < 1 || x > 1024)
                sweep_bad("-j: a number of workers from 1 to 1024: %s", v);
            o->jobs = (unsigned)x;
        } else if ((v = opt("--faults", argc, argv, &i))) {
            char err[256];
            o->faults_text = v;
            int e = kernel_faults_parse(v, o->faults, AX_FAULT_RULES_MAX, &o->nfaults, err, sizeof err);
            if (e < 0) {
                fprintf(stderr, "axos sweep: --faults: %s\n", err);
                exit(2);
            }
        } else if ((v = opt("--sched", argc, argv, &i))) {
            if (!strcmp(v, "random"))
                o->sched = AX_SCHED_RANDOM;
            else if (!strcmp(v, "fifo"))
                o->sched = AX_SCHED_FIFO;
            else
                sweep_bad("--sched: random or fifo, not %s", v);
        } else if ((v = opt("--script", argc, argv, &i))) {
            o->script = v;
        } else if ((v = opt("--recover", argc, argv, &i))) {
            o->recover_script = v;
        } else if ((v = opt("--program", argc, argv, &i))) {
            o->program = v;
            o->program_args = argv + i + 1;
            o->nprogram_args = argc - i - 1;
            break;
        } else if ((v = opt("--scenario", argc, argv, &i))) {
            o->scenario = v;
            o->scenario_args = argv + i + 1;
            o->nscenario_args = argc - i - 1;
            break;
        } else if ((v = opt("--shard", argc, argv, &i))) {
            const char *slash = strchr(v, '/');
            uint64_t si, sn;
            if (!slash || !parse_u64(v, slash, &si) || !parse_u64(slash + 1, v + strlen(v), &sn) ||
                si < 1 || si > sn || sn > 1000000)
                sweep_bad("--shard: I/N with 1 <= I <= N: %s", v);
            o->shard = (unsigned)si;
            o->nshards = (unsigned)sn;
        } else if (!strcmp(a, "--shrink")) {
            o->shrink = true;
        } else if ((v = opt("--shrink-max", argc, argv, &i))) {
            if (!parse_u64(v, v + strlen(v), &x) || x > 1000)
                sweep_bad("--shrink-max: a number up to 1000: %s", v);
            o->shrink_max = (unsigned)x;
        } else if ((v = opt("--timeout", argc, argv, &i))) {
            char *end;
            o->timeout_s = strtod(v, &end);
            if (*end || !(o->timeout_s >= 0) || o->timeout_s > 1e6)
                sweep_bad("--timeout: seconds, 0 for none: %s", v);
        } else if ((v = opt("--mem-limit", argc, argv, &i))) {
            o->mem_limit = parse_mem(v);
        } else if ((v = opt("--out", argc, argv, &i))) {
            o->out = v;
        } else if ((v = opt("--report", argc, argv, &i))) {
            o->report = v;
        } else if (!strcmp(a, "-v")) {
            o->verbose = true;
        } else {
            sweep_bad("unknown option: %s", a);
        }
    }
    if (!have_seeds)
        sweep_bad("%s", "--seeds is required");
    if (!!o->script + !!o->program + !!o->scenario != 1)
        sweep_bad("%s", "give one of --script FILE, --program PROG.so or --scenario LIB.so");
    if (o->recover_script && o->scenario)
        sweep_bad("%s", "--recover is for --script and --program (a scenario exports "
                        "ax_scenario_recover)");
    if (o->script)
        o->script_text = read_file("--script", o->script);
    else if (o->program)
        load_program(o);
    else
        load_scenario(o);
    if (o->recover_script)
        o->recover_text = read_file("--recover", o->recover_script);
}

/* ---- workers ---- */

typedef struct Worker {
    pid_t pid;
    FILE *in;         /* its JSON lines */
} Worker;

/* The k-th seed of this shard (k from 0), or false past the end. */
static bool shard_seed(const SweepOptions *o, uint64_t k, uint64_t *seed) {
    uint64_t step = o->nshards ? o->nshards : 1;
    uint64_t off = o->nshards ? o->shard - 1 : 0;
    if (k > (UINT64_MAX - off) / step)
        return false;
    uint64_t d = off + k * step;
    if (d > o->last - o->first)
        return false;
    *seed = o->first + d;
    return true;
}

/* Run this shard's seeds start, start+jobs, ... and write their lines. */
static _Noreturn void worker_main(const SweepOptions *o, uint64_t start, int fd) {
    FILE *out = fdopen(fd, "w");
    if (!out)
        _exit(3);
    sweep_timer_init();
    uint64_t seed;
    for (uint64_t k = start; shard_seed(o, k, &seed); k += o->jobs) {
        SeedResult res;
        sweep_run_seed(o, seed, o->faults, o->nfaults, &res);
        char *line = sweep_json_line(o, &res);
        fputs(line, out);
        fflush(out); /* the runner reads in seed order: each line as it is done */
        free(line);
        seed_result_free(&res);
        if (k > UINT64_MAX - o->jobs)
            break;
    }
    fclose(out);
    _exit(0);
}

static void worker_start(const SweepOptions *o, Worker *w, uint64_t start) {
    int fds[2];
    if (pipe(fds) < 0) {
        perror("axos sweep: pipe");
        exit(2);
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        perror("axos sweep: fork");
        exit(2);
    }
    if (pid == 0) {
        close(fds[0]);
        worker_main(o, start, fds[1]);
    }
    close(fds[1]);
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    w->pid = pid;
    w->in = fdopen(fds[0], "r");
}

static void worker_stop(Worker *w, int *status) {
    if (w->in)
        fclose(w->in);
    w->in = NULL;
    int st = 0;
    while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR)
        ;
    if (status)
        *status = st;
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void progress(const SweepOptions *o, uint64_t done, uint64_t total, uint64_t failed,
                     double t0, bool last) {
    static double shown;
    double t = now_s();
    if (!o->progress || (!last && t - shown < 0.1))
        return;
    shown = t;
    int width = 30, filled = total ? (int)((double)done / (double)total * width) : width;
    fprintf(stderr, "\r[%.*s%*s] %llu/%llu seeds, %llu failed, %.0f seeds/s%s", filled,
            "##############################", width - filled, "", (unsigned long long)done,
            (unsigned long long)total, (unsigned long long)failed,
            t > t0 ? (double)done / (t - t0) : 0.0, last ? "\n" : "");
}

/* A seed whose worker died before its line: a line of its own. */
static char *crash_line(const SweepOptions *o, uint64_t seed, int status) {
    SeedResult res = {.seed = seed, .pass = false};
    if (WIFSIGNALED(status))
        snprintf(res.reason, sizeof res.reason, "the host process crashed (signal %d)",
                 WTERMSIG(status));
    else
        snprintf(res.reason, sizeof res.reason, "the host process exited (status %d)",
                 WEXITSTATUS(status));
    return sweep_json_line(o, &res);
}

static uint64_t shard_count(const SweepOptions *o) {
    uint64_t span = o->last - o->first; /* seeds - 1 */
    uint64_t step = o->nshards ? o->nshards : 1, off = o->nshards ? o->shard - 1 : 0;
    return off > span ? 0 : (span - off) / step + 1;
}

/* Seeds whose lines said "fail", for --shrink: the first few. */
typedef struct FailList {
    uint64_t seeds[1000];
    size_t n;
} FailList;

static int sweep_run(SweepOptions *o) {
    FILE *out = stdout;
    if (o->out && !(out = fopen(o->out, "w"))) {
        fprintf(stderr, "axos sweep: --out: cannot write %s: %s\n", o->out, strerror(errno));
        return 2;
    }
    char tmpl[] = "/tmp/axos-sweep-XXXXXX";
    FILE *keep = NULL; /* the lines again, for --report */
    if (o->report) {
        int fd = mkstemp(tmpl);
        keep = fd >= 0 ? fdopen(fd, "w+") : NULL;
    }
    o->progress = isatty(2) && !o->verbose;
    uint64_t total = shard_count(o);
    unsigned jobs = o->jobs;
    if (jobs > total)
        jobs = total ? (unsigned)total : 1;
    o->jobs = jobs;
    Worker *w = calloc(jobs, sizeof *w);
    for (unsigned i = 0; i < jobs; i++)
        worker_start(o, &w[i], i);

    SweepTally *t = tally_new();
    FailList *fails = calloc(1, sizeof *fails);
    double t0 = now_s();
    char *line = NULL;
    size_t cap = 0;
    uint64_t failed = 0, seed;
    for (uint64_t k = 0; k < total && shard_seed(o, k, &seed); k++) {
        Worker *wk = &w[k % jobs];
        ssize_t n = getline(&line, &cap, wk->in);
        char *text = line;
        char *crash = NULL;
        if (n <= 0 || line[n - 1] != '\n') {
            int status;
            worker_stop(wk, &status);
            text = crash = crash_line(o, seed, status);
            worker_start(o, wk, k + jobs);
        }
        fputs(text, out);
        if (keep)
            fputs(text, keep);
        if (strstr(text, "\"verdict\":\"fail\"")) {
            failed++;
            if (fails->n < sizeof fails->seeds / sizeof *fails->seeds)
                fails->seeds[fails->n++] = seed;
        }
        tally_line(t, text);
        free(crash);
        progress(o, k + 1, total, failed, t0, false);
    }
    progress(o, total, total, failed, t0, true);
    for (unsigned i = 0; i < jobs; i++)
        worker_stop(&w[i], NULL);
    free(w);
    free(line);
    fflush(out);
    if (out != stdout)
        fclose(out);

    tally_print(t, stderr, now_s() - t0);
    tally_free(t);
    if (o->shrink)
        for (size_t i = 0; i < fails->n && i < o->shrink_max; i++) {
            SeedResult res;
            sweep_run_seed(o, fails->seeds[i], o->faults, o->nfaults, &res);
            free(sweep_shrink(o, &res, stderr));
            seed_result_free(&res);
        }
    free(fails);
    if (keep) {
        fflush(keep);
        if (sweep_write_report(tmpl, o->report) < 0)
            failed = failed ? failed : 0; /* the sweep's verdict stands; the error was said */
        fclose(keep);
        unlink(tmpl);
    }
    return failed ? 1 : 0;
}

int sweep_main(int argc, char **argv) {
    static SweepOptions o;
    int merge_at = 0;
    parse_args(&o, argc, argv, &merge_at);
    if (merge_at) {
        const char *report = NULL;
        int n = argc - merge_at;
        /* --report may follow the files */
        for (int i = merge_at; i < argc; i++)
            if (!strcmp(argv[i], "--report") && i + 1 < argc) {
                report = argv[i + 1];
                n = i - merge_at;
                break;
            }
        if (n < 1)
            sweep_bad("%s", "--merge needs at least one file");
        return sweep_merge(n, argv + merge_at, report);
    }
    signal(SIGPIPE, SIG_IGN);
    return sweep_run(&o);
}
