/* axos_bench: runs the areas listed in areas.def.
 *
 *   axos_bench [--smoke] [--scale=X] [--reps=N] [--list] [area...]
 *
 * No area: all of them, in order. --scale multiplies every iteration count
 * (also AXOS_BENCH_SCALE); --smoke is a tiny run that only checks that
 * everything still works (scale 0.001, 3 repetitions). --reps (also
 * AXOS_BENCH_REPS) sets the repetitions per figure, default 7. Exit status
 * 1 when a figure failed to measure, 2 on bad usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define BENCH_AREA(id, title) void bench_##id(Bench *b);
#include "areas.def"
#undef BENCH_AREA

typedef struct Area {
    const char *id, *title;
    void (*run)(Bench *b);
} Area;

static const Area areas[] = {
#define BENCH_AREA(id, title) {#id, title, bench_##id},
#include "areas.def"
#undef BENCH_AREA
};
#define NAREAS (sizeof areas / sizeof areas[0])

static int usage(void) {
    fprintf(stderr, "usage: axos_bench [--smoke] [--scale=X] [--reps=N] [--list] [area...]\n");
    return 2;
}

static const Area *area_find(const char *id) {
    for (size_t i = 0; i < NAREAS; i++)
        if (strcmp(areas[i].id, id) == 0)
            return &areas[i];
    return NULL;
}

int main(int argc, char **argv) {
    Bench b = {.scale = 1.0, .reps = 7};
    const char *env = getenv("AXOS_BENCH_SCALE");
    if (env && *env)
        b.scale = atof(env);
    env = getenv("AXOS_BENCH_REPS");
    if (env && *env)
        b.reps = atoi(env);

    const Area *chosen[NAREAS];
    size_t nchosen = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--smoke") == 0) {
            b.scale = 0.001;
            b.reps = 3;
        } else if (strncmp(a, "--scale=", 8) == 0) {
            b.scale = atof(a + 8);
        } else if (strncmp(a, "--reps=", 7) == 0) {
            b.reps = atoi(a + 7);
        } else if (strcmp(a, "--list") == 0) {
            for (size_t j = 0; j < NAREAS; j++)
                printf("%s\n", areas[j].id);
            return 0;
        } else if (a[0] == '-') {
            return usage();
        } else {
            const Area *ar = area_find(a);
            if (!ar) {
                fprintf(stderr, "axos_bench: no area '%s' (see --list)\n", a);
                return 2;
            }
            if (nchosen < NAREAS)
                chosen[nchosen++] = ar;
        }
    }
    if (!(b.scale > 0) || b.reps < 1 || b.reps > BENCH_MAX_REPS)
        return usage();
    if (nchosen == 0)
        for (size_t j = 0; j < NAREAS; j++)
            chosen[nchosen++] = &areas[j];

    printf("axos_bench: scale %g, %d repetitions per figure\n", b.scale, b.reps);
    for (size_t i = 0; i < nchosen; i++) {
        bench_area_begin(&b, chosen[i]->id, chosen[i]->title);
        chosen[i]->run(&b);
        bench_area_end(&b);
    }
    free(b.slots);
    return b.errors ? 1 : 0;
}
