/* Reading a sweep's JSON lines back: the tallies its summary is made of,
 * for the runner's own lines and for `axos sweep --merge` over the files
 * shards wrote (their lines merge by concatenation). Only the runner's
 * own format is read (sweep_run.c writes it): one object per line, keys
 * in a fixed order, strings escaped as JSON escapes them. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sweep.h"

#define TALLY_FAILS_SHOWN 10

typedef struct TallyAssert {
    char name[AX_ASSERT_NAME_MAX];
    char kind[16];
    uint64_t hits, passes, seeds;
} TallyAssert;

typedef struct TallyFail {
    uint64_t seed;
    char reason[160];
    char *replay;
} TallyFail;

struct SweepTally {
    uint64_t seeds, failed, faults, wall_ns;
    TallyFail fails[TALLY_FAILS_SHOWN];
    size_t nfails;
    TallyAssert *asserts;
    size_t nasserts, cap;
};

SweepTally *tally_new(void) { return calloc(1, sizeof(SweepTally)); }

void tally_free(SweepTally *t) {
    if (!t)
        return;
    for (size_t i = 0; i < t->nfails; i++)
        free(t->fails[i].replay);
    free(t->asserts);
    free(t);
}

/* The JSON string starting at s (after its opening quote) into out (cap
 * bytes, cut to fit); returns the text after the closing quote. */
static const char *json_string(const char *s, char *out, size_t cap) {
    size_t n = 0;
    while (*s && *s != '"') {
        char c = *s++;
        if (c == '\\' && *s) {
            c = *s++;
            if (c == 'u' && strlen(s) >= 4) {
                char hex[5] = {s[0], s[1], s[2], s[3], 0};
                c = (char)strtol(hex, NULL, 16);
                s += 4;
            } else if (c == 'n') {
                c = '\n';
            } else if (c == 't') {
                c = '\t';
            }
        }
        if (n + 1 < cap)
            out[n++] = c;
    }
    if (cap)
        out[n] = '\0';
    return *s ? s + 1 : s;
}

/* The value of "key": in the line (at its first place), or NULL. */
static const char *json_at(const char *line, const char *key) {
    char pat[40];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = strstr(line, pat);
    return p ? p + strlen(pat) : NULL;
}

static uint64_t json_u64(const char *line, const char *key) {
    const char *v = json_at(line, key);
    return v ? strtoull(v, NULL, 10) : 0;
}

static TallyAssert *tally_assert(SweepTally *t, const char *name, const char *kind) {
    for (size_t i = 0; i < t->nasserts; i++)
        if (!strcmp(t->asserts[i].name, name))
            return &t->asserts[i];
    if (t->nasserts == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        TallyAssert *a = realloc(t->asserts, cap * sizeof *a);
        if (!a)
            return NULL;
        t->asserts = a;
        t->cap = cap;
    }
    TallyAssert *a = &t->asserts[t->nasserts++];
    memset(a, 0, sizeof *a);
    snprintf(a->name, sizeof a->name, "%s", name);
    snprintf(a->kind, sizeof a->kind, "%s", kind);
    return a;
}

void tally_line(SweepTally *t, const char *line) {
    if (!json_at(line, "seed"))
        return; /* not one of ours */
    t->seeds++;
    t->wall_ns += json_u64(line, "wall_ns");
    const char *f = json_at(line, "faults");
    const char *fend = f ? strstr(f, "],\"failed\"") : NULL;
    for (const char *p = f; p && fend && (p = strstr(p, "{\"rule\":")) && p < fend; p++)
        t->faults++;
    const char *v = json_at(line, "verdict");
    if (v && !strncmp(v, "\"fail\"", 6)) {
        t->failed++;
        if (t->nfails < TALLY_FAILS_SHOWN) {
            TallyFail *fl = &t->fails[t->nfails++];
            fl->seed = json_u64(line, "seed");
            const char *r = json_at(line, "reason");
            fl->reason[0] = '\0';
            if (r && *r == '"')
                json_string(r + 1, fl->reason, sizeof fl->reason);
            const char *rp = json_at(line, "replay");
            fl->replay = NULL;
            if (rp && *rp == '"') {
                size_t cap = strlen(rp);
                fl->replay = malloc(cap + 1);
                if (fl->replay)
                    json_string(rp + 1, fl->replay, cap + 1);
            }
        }
    }
    const char *a = json_at(line, "asserts");
    while (a && (a = strstr(a, "{\"name\":\""))) {
        char name[AX_ASSERT_NAME_MAX], kind[16] = "";
        a = json_string(a + 9, name, sizeof name);
        const char *k = json_at(a, "kind");
        if (k && *k == '"')
            json_string(k + 1, kind, sizeof kind);
        TallyAssert *ta = tally_assert(t, name, kind);
        if (!ta)
            break;
        uint64_t passes = json_u64(a, "passes");
        ta->hits += json_u64(a, "hits");
        ta->passes += passes;
        ta->seeds += passes > 0;
    }
}

uint64_t tally_print(SweepTally *t, FILE *f, double wall_s) {
    fprintf(f, "sweep: %llu seeds, %llu passed, %llu failed; %llu faults fired",
            (unsigned long long)t->seeds, (unsigned long long)(t->seeds - t->failed),
            (unsigned long long)t->failed, (unsigned long long)t->faults);
    if (wall_s > 0)
        fprintf(f, "; %.0f seeds/s", (double)t->seeds / wall_s);
    if (t->seeds)
        fprintf(f, " (%.1f us of host time per seed)", (double)t->wall_ns / (double)t->seeds / 1e3);
    fputc('\n', f);
    for (size_t i = 0; i < t->nfails; i++) {
        fprintf(f, "FAIL seed %llu: %s\n", (unsigned long long)t->fails[i].seed,
                t->fails[i].reason);
        if (t->fails[i].replay)
            fprintf(f, "  replay: %s\n", t->fails[i].replay);
    }
    if (t->failed > t->nfails)
        fprintf(f, "(and %llu more failing seeds: see the JSON lines)\n",
                (unsigned long long)(t->failed - t->nfails));
    for (size_t i = 0; i < t->nasserts; i++) {
        const TallyAssert *a = &t->asserts[i];
        if (!strcmp(a->kind, "sometimes") && a->passes == 0)
            fprintf(f, "sometimes-assertion `%s` never held in any seed\n", a->name);
        else if (!strcmp(a->kind, "reachable") && a->hits == 0)
            fprintf(f, "reachable-assertion `%s` never reached\n", a->name);
    }
    return t->failed;
}

int sweep_merge(int nfiles, char **files, const char *report) {
    SweepTally *t = tally_new();
    char *line = NULL;
    size_t cap = 0;
    int status = 0;
    FILE *all = NULL;
    char tmpl[] = "/tmp/axos-merge-XXXXXX";
    if (report) {
        int fd = mkstemp(tmpl);
        all = fd >= 0 ? fdopen(fd, "w") : NULL;
    }
    for (int i = 0; i < nfiles; i++) {
        FILE *f = strcmp(files[i], "-") ? fopen(files[i], "r") : stdin;
        if (!f) {
            fprintf(stderr, "axos sweep: --merge: cannot read %s\n", files[i]);
            status = 2;
            continue;
        }
        while (getline(&line, &cap, f) > 0) {
            tally_line(t, line);
            if (all)
                fputs(line, all);
        }
        if (f != stdin)
            fclose(f);
    }
    free(line);
    uint64_t failed = tally_print(t, stdout, 0);
    tally_free(t);
    if (all) {
        fclose(all);
        if (sweep_write_report(tmpl, report) < 0 && !status)
            status = 2;
        unlink(tmpl);
    }
    return status ? status : failed ? 1 : 0;
}
