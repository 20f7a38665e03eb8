/* awk's values: cells that are numbers, strings or both (numeric strings
 * from input), their conversions (POSIX awk "Expressions in awk": CONVFMT
 * for strings, OFMT for output, integers as %d), comparison, the
 * associative arrays, and variables. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "awk.h"

void awk_buf_add(AwkBuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2 + 32;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void awk_buf_addc(AwkBuf *b, char c)
{
    awk_buf_add(b, &c, 1);
}

void awk_cell_free(Cell *c)
{
    if (c->flags & CF_STR)
        xfree(c->str);
    c->flags = 0;
    c->str = NULL;
    c->num = 0;
    c->len = 0;
}

void awk_cell_copy(Cell *dst, const Cell *src)
{
    *dst = *src;
    if (src->flags & CF_STR)
        dst->str = xstrndup(src->str, src->len);
}

void awk_cell_set_num(Cell *c, double d)
{
    awk_cell_free(c);
    c->flags = CF_NUM;
    c->num = d;
}

void awk_cell_set_str(Cell *c, const char *s, size_t n)
{
    char *copy = xstrndup(s, n);
    awk_cell_free(c);
    c->flags = CF_STR;
    c->str = copy;
    c->len = n;
}

void awk_cell_take_str(Cell *c, char *s, size_t n)
{
    awk_cell_free(c);
    c->flags = CF_STR;
    c->str = s;
    c->len = n;
}

/* The decimal number at the start of s (after blanks): POSIX's numeric
 * string rule without hex, inf or nan (as awk programs expect). *whole
 * says whether only blanks follow it. */
double awk_strtod(const char *s, bool *whole)
{
    const char *p = s;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')
        p++;
    const char *start = p;
    if (*p == '+' || *p == '-')
        p++;
    const char *digits = p;
    while (isdigit((unsigned char)*p))
        p++;
    bool any = p > digits;
    if (*p == '.') {
        p++;
        const char *frac = p;
        while (isdigit((unsigned char)*p))
            p++;
        any = any || p > frac;
    }
    if (!any) {
        if (whole)
            *whole = false;
        return 0;
    }
    if (*p == 'e' || *p == 'E') {
        const char *e = p + 1;
        if (*e == '+' || *e == '-')
            e++;
        if (isdigit((unsigned char)*e)) {
            while (isdigit((unsigned char)*e))
                e++;
            p = e;
        }
    }
    char small[64];
    size_t n = (size_t)(p - start);
    double d;
    if (n < sizeof small) {
        memcpy(small, start, n);
        small[n] = '\0';
        d = strtod(small, NULL);
    } else {
        char *big = xstrndup(start, n);
        d = strtod(big, NULL);
        xfree(big);
    }
    if (whole) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')
            p++;
        *whole = *p == '\0';
    }
    return d;
}

void awk_cell_set_input(Cell *c, const char *s, size_t n)
{
    awk_cell_set_str(c, s, n);
    bool whole;
    double d = awk_strtod(c->str, &whole);
    if (whole) {
        c->flags |= CF_NUM | CF_STRNUM;
        c->num = d;
    }
}

double awk_cell_num(const Cell *c)
{
    if (c->flags & CF_NUM)
        return c->num;
    if (c->flags & CF_STR)
        return awk_strtod(c->str, NULL);
    return 0;
}

/* A number as a string: integral values as integers (all their digits,
 * as GNU awk), others with CONVFMT or OFMT; nan and inf as GNU awk. */
void awk_num_format(Awk *A, double d, int fmtvar, char tmp[AWK_NUMBUF], size_t *len)
{
    int n;
    if (isnan(d)) {
        n = snprintf(tmp, AWK_NUMBUF, signbit(d) ? "-nan" : "+nan");
    } else if (isinf(d)) {
        n = snprintf(tmp, AWK_NUMBUF, d < 0 ? "-inf" : "+inf");
    } else if (d == trunc(d)) {
        n = snprintf(tmp, AWK_NUMBUF, "%.0f", d);
    } else {
        char fbuf[AWK_NUMBUF];
        size_t flen;
        const char *fmt = awk_cell_str(A, &A->globals[fmtvar].c, fbuf, &flen);
        AwkBuf out = {0};
        Node arg = {.op = N_NUM, .num = d};
        awk_format(A, fmt, flen, &arg, &out);
        n = snprintf(tmp, AWK_NUMBUF, "%s", out.s ? out.s : "");
        xfree(out.s);
    }
    *len = n < AWK_NUMBUF ? (size_t)n : AWK_NUMBUF - 1;
}

const char *awk_cell_str(Awk *A, const Cell *c, char tmp[AWK_NUMBUF], size_t *len)
{
    if (c->flags & CF_STR) {
        *len = c->len;
        return c->str;
    }
    if (c->flags & CF_NUM) {
        awk_num_format(A, c->num, V_CONVFMT, tmp, len);
        return tmp;
    }
    *len = 0;
    return "";
}

const char *awk_cell_ostr(Awk *A, const Cell *c, char tmp[AWK_NUMBUF], size_t *len)
{
    if (!(c->flags & CF_STR) && (c->flags & CF_NUM)) {
        awk_num_format(A, c->num, V_OFMT, tmp, len);
        return tmp;
    }
    return awk_cell_str(A, c, tmp, len);
}

bool awk_cell_true(const Cell *c)
{
    if (c->flags & CF_STRNUM)
        return c->num != 0;
    if (c->flags & CF_STR)
        return c->len > 0;
    if (c->flags & CF_NUM)
        return c->num != 0;
    return false;
}

static bool numeric(const Cell *c)
{
    return c->flags == 0 || (c->flags & CF_STRNUM) || c->flags == CF_NUM;
}

/* POSIX: numerically when both are numbers or numeric strings (or
 * uninitialised), else as strings (bytes: axos's locale is C). */
int awk_cell_compare(Awk *A, const Cell *x, const Cell *y)
{
    if (numeric(x) && numeric(y)) {
        double a = awk_cell_num(x), b = awk_cell_num(y);
        return a < b ? -1 : a > b ? 1 : 0;
    }
    char ta[AWK_NUMBUF], tb[AWK_NUMBUF];
    size_t la, lb;
    const char *a = awk_cell_str(A, x, ta, &la), *b = awk_cell_str(A, y, tb, &lb);
    int r = memcmp(a, b, la < lb ? la : lb);
    if (r == 0)
        r = la < lb ? -1 : la > lb;
    return r;
}

/* ---- arrays ---- */

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

AwkArray *awk_array_new(void)
{
    AwkArray *a = xcalloc(1, sizeof *a);
    a->nbuckets = 16;
    a->buckets = xcalloc(a->nbuckets, sizeof *a->buckets);
    return a;
}

void awk_array_clear(AwkArray *a)
{
    for (AwkElem *e = a->first, *next; e; e = next) {
        next = e->next;
        awk_cell_free(&e->val);
        xfree(e->key);
        xfree(e);
    }
    memset(a->buckets, 0, a->nbuckets * sizeof *a->buckets);
    a->first = a->last = NULL;
    a->count = 0;
}

void awk_array_free(AwkArray *a)
{
    if (!a)
        return;
    awk_array_clear(a);
    xfree(a->buckets);
    xfree(a);
}

static void grow(AwkArray *a)
{
    size_t nb = a->nbuckets * 2;
    AwkElem **b = xcalloc(nb, sizeof *b);
    for (AwkElem *e = a->first; e; e = e->next) {
        size_t i = hash(e->key, e->klen) & (nb - 1);
        e->hnext = b[i];
        b[i] = e;
    }
    xfree(a->buckets);
    a->buckets = b;
    a->nbuckets = nb;
}

/* The element's cell (stable until it is deleted: elements are separate
 * blocks), made uninitialised when create is set; NULL when missing. */
Cell *awk_array_get(AwkArray *a, const char *key, size_t klen, bool create)
{
    size_t i = hash(key, klen) & (a->nbuckets - 1);
    for (AwkElem *e = a->buckets[i]; e; e = e->hnext)
        if (e->klen == klen && memcmp(e->key, key, klen) == 0)
            return &e->val;
    if (!create)
        return NULL;
    if (a->count + 1 > a->nbuckets) {
        grow(a);
        i = hash(key, klen) & (a->nbuckets - 1);
    }
    AwkElem *e = xcalloc(1, sizeof *e);
    e->key = xstrndup(key, klen);
    e->klen = klen;
    e->hnext = a->buckets[i];
    a->buckets[i] = e;
    e->prev = a->last;
    if (a->last)
        a->last->next = e;
    else
        a->first = e;
    a->last = e;
    a->count++;
    return &e->val;
}

void awk_array_delete(AwkArray *a, const char *key, size_t klen)
{
    size_t i = hash(key, klen) & (a->nbuckets - 1);
    for (AwkElem **pp = &a->buckets[i]; *pp; pp = &(*pp)->hnext) {
        AwkElem *e = *pp;
        if (e->klen != klen || memcmp(e->key, key, klen) != 0)
            continue;
        *pp = e->hnext;
        if (e->prev)
            e->prev->next = e->next;
        else
            a->first = e->next;
        if (e->next)
            e->next->prev = e->prev;
        else
            a->last = e->prev;
        a->count--;
        awk_cell_free(&e->val);
        xfree(e->key);
        xfree(e);
        return;
    }
}

/* ---- variables ---- */

void awk_var_free(Var *v)
{
    if (v->kind == V_SCALAR)
        awk_cell_free(&v->c);
    else if (v->kind == V_ARRAY)
        awk_array_free(v->arr);
    v->kind = V_UNTYPED;
}

Cell *awk_var_scalar(Awk *A, Var *v)
{
    if (v->kind == V_REF) {
        if (v->ref->kind == V_ARRAY)
            awk_fatal(A, "can't use array in scalar context");
        v->kind = V_SCALAR; /* an untyped variable passed in: a local scalar now */
        v->c = (Cell){0};
    }
    if (v->kind == V_ARRAY)
        awk_fatal(A, "can't use array in scalar context");
    v->kind = V_SCALAR;
    return &v->c;
}

AwkArray *awk_var_array(Awk *A, Var *v)
{
    if (v->kind == V_REF)
        v = v->ref;
    if (v->kind == V_SCALAR)
        awk_fatal(A, "can't use scalar as array");
    if (v->kind == V_UNTYPED) {
        v->kind = V_ARRAY;
        v->arr = awk_array_new();
    }
    return v->arr;
}

_Noreturn void awk_exit(Awk *A, int status)
{
    awk_streams_close_all(A);
    awk_re_free_all(A);
    u_exit(status);
}

_Noreturn void awk_fatal(Awk *A, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    u_fflush(u_stdout());
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (A->src_name)
        u_eprintf("awk: %s\n", msg);
    else
        u_eprintf("awk: %s\n", msg);
    awk_exit(A, 2);
}
