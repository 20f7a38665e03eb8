/* sort's fast paths, for the two commonest cases; everything else takes
 * the general path in sort.c, which gives the same output.
 *
 * Plain byte order (no -k and no ordering option but -r): each line is a
 * 4-byte offset into the input, and a three-way radix quicksort (Bentley
 * and Sedgewick's multikey quicksort) orders them one byte position at a
 * time, so a comparison never rereads a common prefix and runs of equal
 * lines cost one pass per byte. The index is 4 bytes a line where the
 * general path keeps 32 (a line and a merge buffer), which is what keeps a
 * 10 MB sort inside a few MB more than its input.
 *
 * One numeric key (-n, with -r, -b and a -k position allowed): the key is
 * parsed once per line, into an integer when it is one that fits; lines
 * compare by that integer and fall back to the exact decimal comparison
 * only when one of them does not fit. A stable merge sort keeps -s and -u
 * right; equal keys are then ordered by their bytes (the last resort)
 * unless -s or -u is given, as in the general path. */
#include <string.h>

#include "sort.h"

/* ---- plain byte order ---- */

typedef struct Plain {
    const unsigned char *buf;
    size_t len; /* every line, the last too, ends with eol */
    unsigned char eol;
} Plain;

/* Byte d of the line at off, plus one; 0 past its end. */
static inline int byte_at(const Plain *p, uint32_t off, size_t d)
{
    unsigned char c = p->buf[off + d];
    return c == p->eol ? 0 : c + 1;
}

/* Lines a and b from byte d on, as memcmp with the shorter first. */
static int plain_cmp(const Plain *p, uint32_t a, uint32_t b, size_t d)
{
    for (;; d++) {
        int x = byte_at(p, a, d), y = byte_at(p, b, d);
        if (x != y || x == 0)
            return x - y;
    }
}

static void plain_insertion(const Plain *p, uint32_t *v, size_t n, size_t d)
{
    for (size_t i = 1; i < n; i++) {
        uint32_t x = v[i];
        size_t j = i;
        while (j > 0 && plain_cmp(p, v[j - 1], x, d) > 0) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

static void swap32(uint32_t *v, size_t i, size_t j)
{
    uint32_t t = v[i];
    v[i] = v[j];
    v[j] = t;
}

/* Multikey quicksort of v[0..n), all equal before byte d. The two smaller
 * of the three parts recurse and the largest loops, so the stack holds
 * at most log2(n) frames. */
static void plain_sort(const Plain *p, uint32_t *v, size_t n, size_t d)
{
    while (n > 12) {
        int a = byte_at(p, v[0], d), b = byte_at(p, v[n / 2], d), c = byte_at(p, v[n - 1], d);
        int pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
        /* Dijkstra's three-way partition: [0,lt) < pivot, [lt,i) ==, (gt,n) > */
        size_t lt = 0, i = 0, gt = n;
        while (i < gt) {
            int x = byte_at(p, v[i], d);
            if (x < pivot)
                swap32(v, lt++, i++);
            else if (x > pivot)
                swap32(v, i, --gt);
            else
                i++;
        }
        size_t nl = lt, ne = gt - lt, ng = n - gt;
        uint32_t *pl = v, *pe = v + lt, *pg = v + gt;
        /* the equal part goes on at the next byte, unless its lines ended */
        size_t de = d + 1;
        if (pivot == 0)
            ne = 0;
        if (nl >= ne && nl >= ng) {
            plain_sort(p, pe, ne, de);
            plain_sort(p, pg, ng, d);
            n = nl;
        } else if (ne >= ng) {
            plain_sort(p, pl, nl, d);
            plain_sort(p, pg, ng, d);
            v = pe, n = ne, d = de;
        } else {
            plain_sort(p, pl, nl, d);
            plain_sort(p, pe, ne, de);
            v = pg, n = ng;
        }
    }
    plain_insertion(p, v, n, d);
}

static size_t line_len(const Plain *p, uint32_t off)
{
    const unsigned char *e = memchr(p->buf + off, p->eol, p->len - off);
    return (size_t)(e - (p->buf + off));
}

static int sort_plain(const SortOpts *o, char *buf, size_t len, UStream *out)
{
    if (len > UINT32_MAX)
        return 1;
    Plain p = {(const unsigned char *)buf, len, (unsigned char)o->eol};
    size_t n = 0, cap = 4096;
    uint32_t *v = xmalloc(cap * sizeof *v);
    for (size_t i = 0; i < len;) {
        if (n == cap)
            v = xrealloc(v, (cap += cap / 2) * sizeof *v);
        v[n++] = (uint32_t)i;
        i += line_len(&p, (uint32_t)i) + 1;
    }
    plain_sort(&p, v, n, 0);
    bool rev = o->keys[0].flags & KF_REV;
    for (size_t k = 0; k < n; k++) {
        uint32_t off = v[rev ? n - 1 - k : k];
        size_t l = line_len(&p, off);
        /* -u: equal lines are the same bytes here, and they are adjacent */
        if (o->unique && k > 0) {
            uint32_t prev = v[rev ? n - k : k - 1];
            if (line_len(&p, prev) == l && memcmp(buf + prev, buf + off, l) == 0)
                continue;
        }
        u_fwrite(buf + off, l + 1, out); /* the line and its end */
    }
    xfree(v);
    return 0;
}

/* ---- one numeric key ---- */

typedef struct NumLine {
    const char *text;
    uint32_t len;
    bool fits;  /* val holds the key */
    int64_t val;
} NumLine;

/* The key [s, e) as an integer, when it is [blanks][-]digits with at most
 * 18 significant ones and nothing that sort_num_cmp reads after them
 * (a fraction); false otherwise. */
static bool parse_key_int(const char *s, const char *e, int64_t *out)
{
    while (s < e && is_blank(*s))
        s++;
    bool neg = s < e && *s == '-';
    s += neg;
    while (s < e && *s == '0')
        s++;
    int64_t v = 0;
    int digits = 0;
    for (; s < e && *s >= '0' && *s <= '9'; s++) {
        if (++digits > 18)
            return false;
        v = v * 10 + (*s - '0');
    }
    if (s < e && *s == '.' && s + 1 < e && s[1] >= '0' && s[1] <= '9')
        return false; /* a fraction: the exact comparison */
    *out = neg ? -v : v;
    return true;
}

typedef struct NumCtx {
    const SortOpts *o;
    const Key *k;
    bool rev, last_resort, global_rev;
} NumCtx;

static int num_line_cmp(const NumCtx *c, const NumLine *a, const NumLine *b)
{
    int r;
    if (a->fits && b->fits) {
        r = (a->val > b->val) - (a->val < b->val);
    } else {
        const char *as, *ae, *bs, *be;
        Line la = {a->text, a->len}, lb = {b->text, b->len};
        sort_key_range(&la, c->k, c->o->sep, &as, &ae);
        sort_key_range(&lb, c->k, c->o->sep, &bs, &be);
        r = sort_num_cmp(as, ae, bs, be, false);
        r = (r > 0) - (r < 0);
    }
    if (r)
        return c->rev ? -r : r;
    if (!c->last_resort)
        return 0;
    size_t n = a->len < b->len ? a->len : b->len;
    r = memcmp(a->text, b->text, n);
    r = r ? (r > 0) - (r < 0) : (a->len > b->len) - (a->len < b->len);
    return c->global_rev ? -r : r;
}

/* Stable bottom-up merge sort through tmp. */
static void num_sort(const NumCtx *c, NumLine *v, NumLine *tmp, size_t n)
{
    for (size_t i = 0; i + 1 < n; i += 2)
        if (num_line_cmp(c, &v[i], &v[i + 1]) > 0) {
            NumLine t = v[i];
            v[i] = v[i + 1];
            v[i + 1] = t;
        }
    NumLine *src = v, *dst = tmp;
    for (size_t w = 2; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, k = lo;
            if (mid < hi && num_line_cmp(c, &src[mid - 1], &src[mid]) <= 0) {
                memcpy(dst + lo, src + lo, (hi - lo) * sizeof *src); /* in order already */
                continue;
            }
            while (i < mid && j < hi)
                dst[k++] = num_line_cmp(c, &src[j], &src[i]) < 0 ? src[j++] : src[i++];
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        NumLine *t = src;
        src = dst;
        dst = t;
    }
    if (src != v)
        memcpy(v, src, n * sizeof *v);
}

static int sort_numeric(const SortOpts *o, char *buf, size_t len, UStream *out)
{
    const Key *k = &o->keys[0];
    NumCtx c = {o, k, k->flags & KF_REV, !o->stable && !o->unique, o->global & KF_REV};
    size_t n = 0, cap = 4096;
    NumLine *v = xmalloc(cap * sizeof *v);
    for (size_t i = 0; i < len;) {
        const char *s = buf + i, *e = memchr(s, o->eol, len - i);
        if ((size_t)(e - s) > UINT32_MAX) {
            xfree(v);
            return 1;
        }
        if (n == cap)
            v = xrealloc(v, (cap += cap / 2) * sizeof *v);
        NumLine *l = &v[n++];
        l->text = s;
        l->len = (uint32_t)(e - s);
        const char *ks, *ke;
        sort_key_range(&(Line){s, l->len}, k, o->sep, &ks, &ke);
        l->fits = parse_key_int(ks, ke, &l->val);
        i += l->len + 1;
    }
    NumLine *tmp = xmalloc((n ? n : 1) * sizeof *tmp);
    num_sort(&c, v, tmp, n);
    xfree(tmp);
    for (size_t i = 0; i < n; i++) {
        if (o->unique && i > 0) {
            NumCtx keys_only = c;
            keys_only.last_resort = false;
            if (num_line_cmp(&keys_only, &v[i - 1], &v[i]) == 0)
                continue;
        }
        u_fwrite(v[i].text, (size_t)v[i].len + 1, out);
    }
    xfree(v);
    return 0;
}

int sort_fast(const SortOpts *o, char *buf, size_t len, UStream *out)
{
    if (o->nkeys != 1 || o->check)
        return 1;
    const Key *k = &o->keys[0];
    bool whole = k->sfield == 1 && k->schar == 1 && k->efield == 0;
    if (whole && !(k->flags & ~KF_REV))
        return sort_plain(o, buf, len, out);
    if ((k->flags & ~(KF_REV | KF_BLANK | KF_EBLANK)) == KF_NUM)
        return sort_numeric(o, buf, len, out);
    return 1;
}
