/* diff's comparison: Myers' O((N+M)D) algorithm ("An O(ND) Difference
 * Algorithm and Its Variations", 1986) over lines reduced to numbers,
 * after the common head and tail are taken off. The furthest-reaching
 * diagonals of every round are kept to walk back the edit path, so memory
 * grows as D²: beyond DIFF_MAX_D edits the rest is reported as one change,
 * which is still a correct (if longer) difference. */
#include <string.h>

#include "diff.h"

#define DIFF_MAX_D 4096

/* A line's key under the options: blanks and case folded as asked. */
static uint64_t line_hash(const DiffOpts *o, const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    bool in_blank = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        bool blank = c == ' ' || c == '\t';
        if (o->ignore_all_space && blank)
            continue;
        if (o->ignore_space_change && blank) {
            in_blank = true;
            continue;
        }
        if (in_blank) { /* a run of blanks counts as one, trailing ones as none */
            h = (h ^ ' ') * 1099511628211ULL;
            in_blank = false;
        }
        if (o->ignore_case && c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        h = (h ^ c) * 1099511628211ULL;
    }
    return h;
}

static bool same_line(const DiffOpts *o, const DiffFile *a, size_t i, const DiffFile *b, size_t j)
{
    if (a->hash[i] != b->hash[j])
        return false;
    /* a last line without its newline differs from one with it (GNU) */
    if ((i + 1 == a->n && a->no_eol) != (j + 1 == b->n && b->no_eol))
        return false;
    if (o->ignore_case || o->ignore_space_change || o->ignore_all_space)
        return true; /* the hash is the folded text's; collisions are negligible */
    return a->len[i] == b->len[j] && memcmp(a->line[i], b->line[j], a->len[i]) == 0;
}

void diff_index(const DiffOpts *o, DiffFile *f)
{
    size_t cap = 64;
    f->line = xmalloc(cap * sizeof *f->line);
    f->len = xmalloc(cap * sizeof *f->len);
    f->n = 0;
    for (size_t i = 0; i < f->size;) {
        if (f->n == cap) {
            cap *= 2;
            f->line = xrealloc(f->line, cap * sizeof *f->line);
            f->len = xrealloc(f->len, cap * sizeof *f->len);
        }
        const char *nl = memchr(f->data + i, '\n', f->size - i);
        size_t end = nl ? (size_t)(nl - f->data) : f->size;
        f->line[f->n] = f->data + i;
        f->len[f->n] = end - i;
        f->n++;
        i = end + 1;
    }
    f->no_eol = f->size > 0 && f->data[f->size - 1] != '\n';
    f->hash = xmalloc((f->n ? f->n : 1) * sizeof *f->hash);
    for (size_t i = 0; i < f->n; i++)
        f->hash[i] = line_hash(o, f->line[i], f->len[i]);
}

static void add_edit(DiffEdits *e, size_t a0, size_t a1, size_t b0, size_t b1)
{
    if (a0 == a1 && b0 == b1)
        return;
    /* join with the previous change when they touch */
    if (e->n && e->v[e->n - 1].a1 == a0 && e->v[e->n - 1].b1 == b0) {
        e->v[e->n - 1].a1 = a1;
        e->v[e->n - 1].b1 = b1;
        return;
    }
    if (e->n == e->cap)
        e->v = xrealloc(e->v, (e->cap = e->cap ? e->cap * 2 : 16) * sizeof *e->v);
    e->v[e->n++] = (DiffChange){a0, a1, b0, b1};
}

/* The changes between a[lo_a, hi_a) and b[lo_b, hi_b), in order. */
static void myers(const DiffOpts *o, const DiffFile *a, size_t lo_a, size_t hi_a,
                  const DiffFile *b, size_t lo_b, size_t hi_b, DiffEdits *e)
{
    int64_t n = (int64_t)(hi_a - lo_a), m = (int64_t)(hi_b - lo_b);
    int64_t max = n + m;
    if (max == 0)
        return;
    int64_t limit = max < DIFF_MAX_D ? max : DIFF_MAX_D;
    int64_t off = limit + 1;
    size_t width = (size_t)(2 * limit + 3);
    int64_t **trace = xcalloc((size_t)limit + 1, sizeof *trace);
    int64_t *v = xcalloc(width, sizeof *v);
    int64_t found = -1;
    for (int64_t d = 0; d <= limit && found < 0; d++) {
        for (int64_t k = -d; k <= d; k += 2) {
            int64_t x;
            if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
                x = v[off + k + 1];
            else
                x = v[off + k - 1] + 1;
            int64_t y = x - k;
            while (x < n && y < m && same_line(o, a, lo_a + (size_t)x, b, lo_b + (size_t)y)) {
                x++;
                y++;
            }
            v[off + k] = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
        trace[d] = xmalloc(width * sizeof *v);
        memcpy(trace[d], v, width * sizeof *v);
    }
    if (found < 0) { /* too different: one change for all of it */
        add_edit(e, lo_a, hi_a, lo_b, hi_b);
    } else {
        /* walk back from (n, m), collecting the steps in reverse */
        size_t cap = (size_t)found + 1, ns = 0;
        int64_t(*steps)[2] = xmalloc(cap * sizeof *steps); /* the (x, y) before each edit */
        int64_t *kinds = xmalloc(cap * sizeof *kinds);     /* 1: a line of a; 0: of b */
        int64_t x = n, y = m;
        for (int64_t d = found; d > 0; d--) {
            int64_t *pv = trace[d - 1];
            int64_t k = x - y;
            int64_t pk = (k == -d || (k != d && pv[off + k - 1] < pv[off + k + 1])) ? k + 1
                                                                                    : k - 1;
            int64_t px = pv[off + pk], py = px - pk;
            steps[ns][0] = px;
            steps[ns][1] = py;
            kinds[ns++] = pk == k - 1; /* from k-1: x moved, a line of a went */
            x = px;
            y = py;
        }
        /* forward again: each step deletes a[px] or inserts b[py] */
        for (size_t i = ns; i-- > 0;) {
            size_t px = (size_t)steps[i][0], py = (size_t)steps[i][1];
            if (kinds[i])
                add_edit(e, lo_a + px, lo_a + px + 1, lo_b + py, lo_b + py);
            else
                add_edit(e, lo_a + px, lo_a + px, lo_b + py, lo_b + py + 1);
        }
        xfree(steps);
        xfree(kinds);
    }
    for (int64_t d = 0; d <= limit; d++)
        xfree(trace[d]);
    xfree(trace);
    xfree(v);
}

void diff_compare(const DiffOpts *o, const DiffFile *a, const DiffFile *b, DiffEdits *e)
{
    size_t lo = 0, ha = a->n, hb = b->n;
    while (lo < ha && lo < hb && same_line(o, a, lo, b, lo))
        lo++;
    while (ha > lo && hb > lo && same_line(o, a, ha - 1, b, hb - 1)) {
        ha--;
        hb--;
    }
    e->n = 0;
    myers(o, a, lo, ha, b, lo, hb, e);
}
