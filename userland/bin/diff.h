/* diff's pieces: the comparison of two files' lines (diff_lcs.c) and the
 * program around it: files, directories, output formats (diff.c). */
#ifndef AXOS_USERLAND_DIFF_H
#define AXOS_USERLAND_DIFF_H

#include "ulib.h"

typedef struct DiffOpts {
    bool ignore_case, ignore_space_change, ignore_all_space;
    bool unified, brief, recursive, new_file, report_same;
    int context;             /* lines of context in unified output */
    const char *label[2];    /* --label */
    char *cmdline;           /* "diff -ru" as given, for -r's headers */
} DiffOpts;

typedef struct DiffFile {
    char *data;
    size_t size;
    const char **line;
    size_t *len;
    uint64_t *hash;
    size_t n;
    bool no_eol; /* the last line has no newline */
} DiffFile;

/* Lines a[a0, a1) become b[b0, b1). */
typedef struct DiffChange {
    size_t a0, a1, b0, b1;
} DiffChange;

typedef struct DiffEdits {
    DiffChange *v;
    size_t n, cap;
} DiffEdits;

/* Cut f->data into lines and key them under the options. */
void diff_index(const DiffOpts *o, DiffFile *f);
/* The changes from a to b, in order, none touching another. */
void diff_compare(const DiffOpts *o, const DiffFile *a, const DiffFile *b, DiffEdits *e);

#endif
