/* sort's shared parts: options, keys and the comparisons (sort.c), used
 * by its fast paths (sort_fast.c). */
#ifndef AXOS_USERLAND_SORT_H
#define AXOS_USERLAND_SORT_H

#include "ulib.h"

#define KF_NUM 0x001   /* -n */
#define KF_GEN 0x002   /* -g */
#define KF_HUM 0x004   /* -h */
#define KF_MON 0x008   /* -M */
#define KF_VER 0x010   /* -V */
#define KF_DICT 0x020  /* -d */
#define KF_IGN 0x040   /* -i */
#define KF_FOLD 0x080  /* -f */
#define KF_REV 0x100   /* -r */
#define KF_BLANK 0x200 /* -b (at the start of the key) */
#define KF_EBLANK 0x400 /* b on POS2 */
#define KF_ORDER (KF_NUM | KF_GEN | KF_HUM | KF_MON | KF_VER | KF_DICT | KF_IGN | KF_FOLD | KF_REV)

typedef struct Key {
    size_t sfield, schar; /* 1-based field; character in it, 1-based */
    size_t efield, echar; /* 0: end of line / end of field */
    unsigned flags;
} Key;

typedef struct SortOpts {
    Key *keys;
    size_t nkeys;
    unsigned global; /* KF_* given outside -k */
    int sep;         /* -t: the separator byte, or -1 for blank runs */
    bool stable, unique, check, check_quiet, merge;
    char eol;        /* '\n', or '\0' with -z */
    const char *output;
} SortOpts;

typedef struct Line {
    const char *text;
    size_t len;
} Line;

static inline bool is_blank(char c) { return c == ' ' || c == '\t'; }

/* The key's bytes in l: [*b, *e). */
void sort_key_range(const Line *l, const Key *k, int sep, const char **b, const char **e);
/* -n (-h with human) on two key ranges: <0, 0, >0. */
int sort_num_cmp(const char *a, const char *ae, const char *b, const char *be, bool human);
/* Every key in turn: what -u calls equal. */
int sort_keys_cmp(const Line *a, const Line *b, const SortOpts *o);
/* The keys, then (without -s or -u) the bytes: the order of the output. */
int sort_line_cmp(const void *pa, const void *pb, void *ctx);

/* Sort buf's n lines (each ends with o->eol) to out the quick way when the
 * options allow one (a plain byte order, or a single numeric key).
 * Returns 0 (done, written), 1 (not applicable: nothing done). */
int sort_fast(const SortOpts *o, char *buf, size_t len, UStream *out);

#endif
