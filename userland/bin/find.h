/* find's pieces: the expression tree (find_expr.c parses it), the walk and
 * the tests (find.c), the actions that run commands or format (find_exec.c). */
#ifndef AXOS_USERLAND_FIND_H
#define AXOS_USERLAND_FIND_H

#include "ulib.h"

typedef enum FindKind {
    FN_AND, FN_OR, FN_NOT, FN_COMMA, FN_TRUE, FN_FALSE,
    FN_NAME, FN_PATH, FN_TYPE, FN_SIZE, FN_MTIME, FN_ATIME, FN_CTIME, FN_MMIN, FN_AMIN,
    FN_CMIN, FN_NEWER, FN_PERM, FN_EMPTY, FN_LINKS, FN_INUM, FN_UID, FN_GID, FN_PRUNE,
    FN_PRINT, FN_PRINT0, FN_PRINTF, FN_FPRINTF, FN_DELETE, FN_EXEC, FN_OK, FN_QUIT,
} FindKind;

typedef struct FindNode {
    FindKind kind;
    struct FindNode *left, *right; /* operators; NOT uses left */
    const char *str;  /* -name/-path pattern, -type letters, -printf format */
    bool icase;       /* -iname, -ipath */
    int cmp;          /* numeric tests: -1 "-N", 0 "N", +1 "+N"; -perm: 0 exact, -1 all, +1 any */
    int64_t num;      /* the N; -newer: the reference's mtime (kernel ns) */
    uint64_t unit;    /* -size: bytes per unit */
    uint32_t perm;    /* -perm bits */
    /* -exec / -ok: the command words, "{}" where the name goes */
    char **argv;
    int argc;
    bool plus;        /* -exec ... {} +: names gathered, run in batches */
    char **batch;     /* the gathered names (plus) */
    size_t nbatch, batch_bytes;
    bool failed;      /* a batch command failed: find exits 1 */
} FindNode;

typedef struct FindState {
    FindNode *expr;
    FindNode **nodes;  /* every node, to free */
    size_t nnodes;
    int maxdepth, mindepth;
    bool depth_first;  /* -depth (or -delete): a directory after its contents */
    bool quit;
    int status;
    int64_t now;       /* kernel clock, ns */
    char follow;       /* symbolic links: 'P' never followed (the default),
                          'L' always, 'H' on the command line only */
} FindState;

/* Parse the expression argv[0..argc) into s->expr (with the default
 * -print added when it has no action). Prints GNU's message and returns
 * -1 on a bad expression. */
int find_parse(FindState *s, int argc, char **argv);
void find_free(FindState *s);

/* -exec / -ok for one name: true when the command exited 0 (always true
 * for a "+" batch, which runs later). */
bool find_exec(FindState *s, FindNode *n, const char *path);
/* Run what "+" batches still hold. */
void find_exec_flush(FindState *s);
/* -printf FORMAT for one file; st NULL when it could not be read. */
void find_printf(FindState *s, const char *fmt, const char *path, const char *name, int depth,
                 const FileStat *st);

#endif
