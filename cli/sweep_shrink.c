/* --shrink: which of a failing seed's faults matter.
 *
 * Delta debugging (Zeller's ddmin) over the faults that fired: each fault
 * becomes an explicit rule that fires exactly it (kernel_fault_replay_rule:
 * its rule's match, the nth call, and for a short write the length it
 * had), and subsets of those rules are replayed on the same seed until no
 * fault can be taken away without the run passing or failing another way.
 * A subset "still fails" when the run fails with the same reason. Each
 * trial runs in a forked process, like the sweep's seeds, so a trial that
 * crashes the host process is only a trial that did not fail the same way. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sweep.h"

typedef struct Shrink {
    const SweepOptions *o;
    uint64_t seed;
    const char *reason;
    unsigned trials;
} Shrink;

/* Does the seed still fail the same way under rules[0..n)? */
static bool shrink_fails(Shrink *s, const FaultRule *rules, size_t n) {
    s->trials++;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return false;
    if (pid == 0) {
        SeedResult res;
        sweep_run_seed(s->o, s->seed, rules, n, &res);
        _exit(!res.pass && strcmp(res.reason, s->reason) == 0 ? 0 : 1);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* rules[lo, hi) of the set, or all but them (complement), into out. */
static size_t shrink_pick(const FaultRule *set, size_t n, size_t lo, size_t hi, bool complement,
                          FaultRule *out) {
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if ((i >= lo && i < hi) != complement)
            out[m++] = set[i];
    return m;
}

/* ddmin: returns the size of the 1-minimal failing subset left in set. */
static size_t shrink_ddmin(Shrink *s, FaultRule *set, size_t n) {
    FaultRule *trial = malloc((n ? n : 1) * sizeof *trial);
    if (!trial)
        return n;
    size_t parts = 2;
    while (n >= 2) {
        bool reduced = false;
        for (int complement = 0; complement <= 1 && !reduced; complement++) {
            for (size_t p = 0; p < parts && !reduced; p++) {
                size_t lo = n * p / parts, hi = n * (p + 1) / parts;
                size_t m = shrink_pick(set, n, lo, hi, complement, trial);
                if (m == 0 || m == n || !shrink_fails(s, trial, m))
                    continue;
                memcpy(set, trial, m * sizeof *set);
                n = m;
                parts = complement ? (parts > 2 ? parts - 1 : 2) : 2;
                reduced = true;
            }
        }
        if (!reduced) {
            if (parts >= n)
                break;
            parts = parts * 2 < n ? parts * 2 : n;
        }
    }
    free(trial);
    return n;
}

char *sweep_shrink(const SweepOptions *o, const SeedResult *failed, FILE *log) {
    Shrink s = {o, failed->seed, failed->reason, 0};
    size_t n = failed->nfired;
    FaultRule *set = malloc((n ? n : 1) * sizeof *set);
    if (!set)
        return NULL;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (kernel_fault_replay_rule(o->faults, o->nfaults, &failed->fired[i], &set[m]) == 0)
            m++;

    char *spec = NULL;
    if (shrink_fails(&s, NULL, 0)) {
        m = 0; /* the faults do not matter: the schedule alone fails it */
    } else if (!shrink_fails(&s, set, m)) {
        fprintf(log, "shrink seed %llu: replaying its %zu faults as an explicit list does not "
                     "fail the same way; not shrunk\n",
                (unsigned long long)failed->seed, m);
        free(set);
        return NULL;
    } else {
        m = shrink_ddmin(&s, set, m);
    }
    size_t len = kernel_faults_format(set, m, NULL, 0);
    spec = malloc(len + 1);
    if (spec)
        kernel_faults_format(set, m, spec, len + 1);
    free(set);
    if (!spec)
        return NULL;
    fprintf(log, "shrink seed %llu: %zu of %zu faults matter (%u trials)%s\n",
            (unsigned long long)failed->seed, m, n, s.trials,
            m ? "" : ": it fails with no fault at all");
    char *cmd = sweep_replay_command(o, failed->seed, spec);
    fprintf(log, "  replay: %s\n", cmd);
    free(cmd);
    return spec;
}
