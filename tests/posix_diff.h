/* Differential runs of POSIX programs, host against axos (posix_diff.c). */
#ifndef AXOS_TESTS_POSIX_DIFF_H
#define AXOS_TESTS_POSIX_DIFF_H

#include <stddef.h>

typedef struct DiffCase {
    const char *name;  /* the cmocka test's name */
    const char *cmd;   /* a sh command line over the programs */
    const char *input; /* its stdin (a file on both sides), or NULL */
} DiffCase;

typedef struct DiffSet {
    const char *host_dir;      /* the programs built for the host */
    const char *axos_dir;      /* NAME.so for each of progs */
    const char *const *progs;
    size_t nprogs;
} DiffSet;

/* Run every case as a cmocka test; returns cmocka's result. */
int diff_main(const DiffSet *set, const DiffCase *cases, size_t n);

#endif
