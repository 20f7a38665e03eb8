/* brace.c — bash's brace expansion: a{b,c}d gives abd acd, {1..5} and
 * {a..e} (with a step, {1..10..3}, and zero padding, {01..10}) give
 * sequences. It comes before every other expansion. Only unquoted
 * literal braces and commas count, but the elements may hold anything:
 * {"a b",$x} gives the two words "a b" and $x, each expanded after.
 *
 * A word is first cut into pieces: one per character of its unquoted
 * literal text, and each other part (quoted text, $x, $( )) whole. The
 * expansion works on those, and the results are joined back into words.
 */
#include <limits.h>
#include <stdio.h>

#include "sh.h"

/* At most this many words from one word: {a,b}{a,b}... doubles each time. */
#define BRACE_MAX 100000

typedef struct Piece {
    const WordPart *part; /* NULL: the literal character c */
    char c;
} Piece;

typedef struct Pieces {
    Piece *v;
    size_t n, cap;
} Pieces;

static void pc_push(Pieces *p, Piece x)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->v = xrealloc(p->v, p->cap * sizeof *p->v);
    }
    p->v[p->n++] = x;
}

static void pc_append(Pieces *p, const Piece *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        pc_push(p, v[i]);
}

static bool is_lit(const Piece *p, char c)
{
    return !p->part && p->c == c;
}

/* Find the first brace pair that expands: one with a top-level comma, or
 * a sequence {x..y[..z]} made only of literal characters. */
static bool find_pair(const Piece *v, size_t n, size_t *open, size_t *close, bool *is_seq)
{
    for (size_t i = 0; i < n; i++) {
        if (!is_lit(&v[i], '{'))
            continue;
        int depth = 0;
        bool comma = false, plain = true;
        for (size_t j = i + 1; j < n; j++) {
            if (v[j].part)
                plain = false;
            if (is_lit(&v[j], '{')) {
                depth++;
            } else if (is_lit(&v[j], '}')) {
                if (depth-- > 0)
                    continue;
                if (comma || plain) {
                    *open = i;
                    *close = j;
                    *is_seq = !comma;
                    if (comma || j > i + 1)
                        return true;
                }
                break;
            } else if (is_lit(&v[j], ',') && depth == 0) {
                comma = true;
            }
        }
    }
    return false;
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The items of a sequence {a..b[..step]}; false if body is not one. */
static bool sequence(const char *body, StrList *items)
{
    char x[64], y[64];
    long step = 0;
    char extra;
    int n = sscanf(body, "%63[^.]..%63[^.]..%ld%c", x, y, &step, &extra);
    if (n < 2 || n > 3)
        return false;
    if (n == 2 && strcmp(body + strlen(x) + 2 + strlen(y), "") != 0)
        return false;
    char *ex, *ey;
    long a = strtol(x, &ex, 10), b = strtol(y, &ey, 10);
    bool numeric = *x && *y && !*ex && !*ey;
    /* {a..z}: two letters; {1..a} is no sequence at all */
    bool chars = !numeric && is_alpha(x[0]) && !x[1] && is_alpha(y[0]) && !y[1];
    if (!numeric && !chars)
        return false;
    if (chars) {
        a = (unsigned char)x[0];
        b = (unsigned char)y[0];
    }
    if (step < 0)
        step = step == LONG_MIN ? LONG_MAX : -step;
    if (step == 0)
        step = 1;
    /* {01..10}: as wide as the wider end, padded with zeros */
    int width = 0;
    if (numeric && ((x[0] == '0' && x[1]) || (x[0] == '-' && x[1] == '0') || (y[0] == '0' && y[1]) ||
                    (y[0] == '-' && y[1] == '0')))
        width = (int)(strlen(x) > strlen(y) ? strlen(x) : strlen(y));
    for (long v = a, k = 0; a <= b ? v <= b : v >= b; k++) {
        if (k >= BRACE_MAX)
            break;
        sl_push(items, chars ? sh_strdup_printf("%c", (char)v) : sh_strdup_printf("%0*ld", width, v));
        if (a <= b ? v > b - step : v < b + step)
            break; /* the next step would pass the end (or overflow) */
        v += a <= b ? step : -step;
    }
    return true;
}

/* Expand the braces of v into out, each result a Pieces (recursively:
 * a result may hold more pairs). */
static void brace_pieces(const Piece *v, size_t n, Pieces **out, size_t *nout, size_t *cap, int depth)
{
    size_t open, close;
    bool is_seq;
    if (depth > 64 || *nout >= BRACE_MAX || !find_pair(v, n, &open, &close, &is_seq)) {
        if (*nout == *cap) {
            *cap = *cap ? *cap * 2 : 8;
            *out = xrealloc(*out, *cap * sizeof **out);
        }
        Pieces *r = &(*out)[(*nout)++];
        memset(r, 0, sizeof *r);
        pc_append(r, v, n);
        return;
    }
    Pieces tmp = {0};
    if (is_seq) {
        StrBuf body;
        sb_init(&body);
        for (size_t i = open + 1; i < close; i++)
            sb_putc(&body, v[i].c);
        StrList items;
        sl_init(&items);
        bool ok = sequence(body.s ? body.s : "", &items);
        sb_free(&body);
        if (!ok) {
            /* not a sequence: keep this pair as it is, expand what follows */
            sl_free(&items);
            size_t before = *nout;
            brace_pieces(v + close + 1, n - close - 1, out, nout, cap, depth + 1);
            for (size_t k = before; k < *nout; k++) {
                Pieces joined = {0};
                pc_append(&joined, v, close + 1);
                pc_append(&joined, (*out)[k].v, (*out)[k].n);
                xfree((*out)[k].v);
                (*out)[k] = joined;
            }
            return;
        }
        for (size_t i = 0; i < items.n && *nout < BRACE_MAX; i++) {
            tmp.n = 0;
            pc_append(&tmp, v, open);
            for (const char *c = items.v[i]; *c; c++)
                pc_push(&tmp, (Piece){NULL, *c});
            pc_append(&tmp, v + close + 1, n - close - 1);
            brace_pieces(tmp.v, tmp.n, out, nout, cap, depth + 1);
        }
        sl_free(&items);
        xfree(tmp.v);
        return;
    }
    int d = 0;
    size_t start = open + 1;
    for (size_t i = open + 1; i <= close && *nout < BRACE_MAX; i++) {
        if (i < close && is_lit(&v[i], '{'))
            d++;
        else if (i < close && is_lit(&v[i], '}'))
            d--;
        if (i == close || (is_lit(&v[i], ',') && d == 0)) {
            tmp.n = 0;
            pc_append(&tmp, v, open);
            pc_append(&tmp, v + start, i - start);
            pc_append(&tmp, v + close + 1, n - close - 1);
            brace_pieces(tmp.v, tmp.n, out, nout, cap, depth + 1);
            start = i + 1;
        }
    }
    xfree(tmp.v);
}

/* Rebuild a word from pieces: runs of literal characters become one
 * literal part again. */
static Word *pieces_word(Arena *a, const Word *w, const Pieces *p)
{
    Word *copy = arena_alloc(a, sizeof *copy);
    copy->raw = w->raw;
    WordPart **tail = &copy->parts;
    for (size_t i = 0; i < p->n;) {
        WordPart *np = arena_alloc(a, sizeof *np);
        if (p->v[i].part) {
            *np = *p->v[i].part;
            np->next = NULL;
            i++;
        } else {
            size_t j = i;
            while (j < p->n && !p->v[j].part)
                j++;
            char *t = arena_alloc(a, j - i + 1);
            for (size_t k = i; k < j; k++)
                t[k - i] = p->v[k].c;
            np->kind = WP_LIT;
            np->text = t;
            i = j;
        }
        *tail = np;
        tail = &np->next;
    }
    return copy;
}

Word *brace_expand(Arena *a, const Word *w)
{
    bool any = false;
    for (const WordPart *p = w->parts; p && !any; p = p->next)
        any = p->kind == WP_LIT && strchr(p->text, '{');
    if (!any)
        return NULL;
    Pieces v = {0};
    for (const WordPart *p = w->parts; p; p = p->next) {
        if (p->kind == WP_LIT)
            for (const char *c = p->text; *c; c++)
                pc_push(&v, (Piece){NULL, *c});
        else
            pc_push(&v, (Piece){p, 0});
    }
    size_t open, close;
    bool seq;
    if (!find_pair(v.v, v.n, &open, &close, &seq)) {
        xfree(v.v);
        return NULL;
    }
    Pieces *outs = NULL;
    size_t nout = 0, cap = 0;
    brace_pieces(v.v, v.n, &outs, &nout, &cap, 0);
    Word *head = NULL, **tail = &head;
    for (size_t i = 0; i < nout; i++) {
        *tail = pieces_word(a, w, &outs[i]);
        tail = &(*tail)->next;
        xfree(outs[i].v);
    }
    xfree(outs);
    xfree(v.v);
    return head;
}
