/* ps's pieces: the output columns (ps_fmt.c) and the program that picks
 * processes and a format from procps's options (ps.c). */
#ifndef AXOS_USERLAND_PS_H
#define AXOS_USERLAND_PS_H

#include "ulib.h"

/* What the columns need besides the process. */
typedef struct PsCtx {
    USysInfo si;
    int64_t now;         /* wall clock, seconds of the epoch */
    int pid_width;       /* digits of pid_max, as procps sizes PID columns */
    UAccounts accounts;
} PsCtx;

typedef struct PsCol PsCol;

/* One column of a format: which, and the header it prints. */
typedef struct PsField {
    const PsCol *col;
    char *head;          /* the column's own, or -o KEY=HEADER's */
} PsField;

/* The column -o calls key ("pid", "%cpu", "args"...), or NULL. */
const PsCol *ps_col_find(const char *key);
/* Append the fields of a -o list ("pid,tty,comm", "pid=PROCESS": KEYs
 * separated by commas or blanks, the last one may be KEY=HEADER, the
 * header running to the end of the argument as procps's) to *f (*n of
 * them, grown with xrealloc). Returns false and names the bad key in
 * *bad (heap). */
bool ps_fields_parse(const char *list, PsField **f, size_t *n, char **bad);
/* Print the header (unless every header is empty) and one line per
 * process; lines are cut at width columns (0: not cut). */
void ps_print(const PsCtx *c, const PsField *f, size_t nf, const UProc *v, size_t n, int width);

#endif
