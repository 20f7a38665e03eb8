/* sort [-rnusf] [FILE...]: sort lines. All input is read into the heap.
 * As GNU sort, lines whose keys compare equal are ordered by their bytes
 * (the "last resort" comparison) unless -s asks for a stable sort; -u
 * keeps the first line of each run of equal keys. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ulib.h"

typedef struct Line {
    char *text; /* without its '\n' */
    size_t len;
    size_t index; /* input order, the stable tie-break */
    double num;   /* -n key */
} Line;

typedef struct SortOpts {
    bool reverse, numeric, unique, stable, fold;
} SortOpts;

/* qsort's comparator has no context argument, and a static would be shared
 * between processes: the options ride in every element instead. */
typedef struct Item {
    Line *line;
    const SortOpts *o;
} Item;

/* Leading blanks, an optional '-', digits with an optional fraction, as GNU
 * -n reads them (no '+', no exponent); no number is 0. */
static double numeric_key(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    bool neg = *s == '-';
    if (neg)
        s++;
    double v = 0;
    for (; *s >= '0' && *s <= '9'; s++)
        v = v * 10 + (*s - '0');
    if (*s == '.') {
        double scale = 0.1;
        for (s++; *s >= '0' && *s <= '9'; s++, scale /= 10)
            v += (*s - '0') * scale;
    }
    return neg ? -v : v;
}

static int bytes_cmp(const Line *a, const Line *b)
{
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->text, b->text, n);
    if (c)
        return c;
    return a->len < b->len ? -1 : a->len > b->len;
}

/* The key comparison: what -u calls equal. */
static int key_cmp(const Line *a, const Line *b, const SortOpts *o)
{
    if (o->numeric)
        return a->num < b->num ? -1 : a->num > b->num;
    if (o->fold) {
        int c = strcasecmp(a->text, b->text);
        if (c)
            return c;
        return 0;
    }
    return bytes_cmp(a, b);
}

static int item_cmp(const void *pa, const void *pb)
{
    const Item *ia = pa, *ib = pb;
    const SortOpts *o = ia->o;
    int c = key_cmp(ia->line, ib->line, o);
    if (c == 0 && !o->stable && !o->unique)
        c = bytes_cmp(ia->line, ib->line);
    if (o->reverse)
        c = -c;
    if (c == 0) /* keep input order: qsort itself is not stable */
        c = ia->line->index < ib->line->index ? -1 : 1;
    return c;
}

static int read_lines(UStream *in, Line **lines, size_t *n, size_t *cap, const SortOpts *o)
{
    char *buf = NULL;
    size_t bcap = 0;
    int64_t len;
    while ((len = u_getline(&buf, &bcap, in)) >= 0) {
        if (len > 0 && buf[len - 1] == '\n')
            buf[--len] = '\0';
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 256;
            *lines = xrealloc(*lines, *cap * sizeof(Line));
        }
        Line *l = &(*lines)[*n];
        l->text = xstrndup(buf, (size_t)len);
        l->len = (size_t)len;
        l->index = *n;
        l->num = o->numeric ? numeric_key(l->text) : 0;
        (*n)++;
    }
    xfree(buf);
    return u_ferror(in) ? -1 : 0;
}

int sort_main(int argc, char **argv)
{
    SortOpts o = {false, false, false, false, false};
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt(&g, argc, argv, "rnusf")) != -1) {
        switch (c) {
        case 'r': o.reverse = true; break;
        case 'n': o.numeric = true; break;
        case 'u': o.unique = true; break;
        case 's': o.stable = true; break;
        case 'f': o.fold = true; break;
        default: return 2;
        }
    }
    size_t nfiles;
    char *const *files = u_operands(argc, argv, g.ind, &nfiles);
    Line *lines = NULL;
    size_t n = 0, cap = 0;
    for (; *files; files++) {
        SyscallError err;
        UStream *in = u_input_open(*files, &err);
        if (in == NULL) {
            u_eprintf("sort: cannot read: %s: %s\n", *files, sys_strerror(err));
            return 2;
        }
        int r = read_lines(in, &lines, &n, &cap, &o);
        u_input_close(in);
        if (r < 0) {
            u_eprintf("sort: read failed: %s\n", *files);
            return 2;
        }
    }
    Item *items = xmalloc((n ? n : 1) * sizeof(Item));
    for (size_t i = 0; i < n; i++) {
        items[i].line = &lines[i];
        items[i].o = &o;
    }
    qsort(items, n, sizeof(Item), item_cmp);
    UStream *out = u_stdout();
    const Line *prev = NULL;
    for (size_t i = 0; i < n; i++) {
        const Line *l = items[i].line;
        if (o.unique && prev && key_cmp(prev, l, &o) == 0)
            continue;
        u_fwrite(l->text, l->len, out);
        u_putc('\n', out);
        prev = l;
    }
    return 0;
}
