/* fmt [-w WIDTH | -WIDTH] [-g GOAL] [-s] [-u] [FILE]...: refill
 * paragraphs, as GNU fmt: blank lines and lines of another indentation
 * separate paragraphs, the first two lines' indentations are kept (the
 * second one's for the lines after), spacing between words stays, and a
 * joint at the end of a sentence gets two spaces (one otherwise). The
 * breaks keep lines within WIDTH (75) and as near GOAL (93% of WIDTH) as
 * they can, over the whole paragraph; GNU fmt's measure of "near" has
 * more terms, so some of its lines break elsewhere (docs/differences.md). */
#include <string.h>

#include "ulib.h"

typedef struct FmtOpts {
    size_t width, goal;
    bool split_only, uniform;
} FmtOpts;

typedef struct FmtWord {
    const char *s;
    size_t n;
    size_t space; /* blanks after it in the input (its line's end: 0) */
    bool sentence_end;
    bool line_end;
} FmtWord;

typedef struct FmtPara {
    char *first_indent, *rest_indent;
    FmtWord *w;
    size_t n, cap;
    char **lines; /* the input lines, owned */
    size_t nlines;
} FmtPara;

static size_t indent_len(const char *s)
{
    size_t i = 0;
    while (s[i] == ' ' || s[i] == '\t')
        i++;
    return i;
}

/* Columns an indentation takes (tabs to multiples of 8) */
static size_t indent_cols(const char *s)
{
    size_t c = 0;
    for (; *s; s++)
        c = *s == '\t' ? (c + 8) & ~(size_t)7 : c + 1;
    return c;
}

static void para_add_line(FmtPara *p, char *line)
{
    p->lines = xrealloc(p->lines, (p->nlines + 1) * sizeof *p->lines);
    p->lines[p->nlines++] = line;
    const char *s = line + indent_len(line);
    while (*s) {
        const char *e = s;
        while (*e && *e != ' ' && *e != '\t')
            e++;
        const char *next = e;
        while (*next == ' ' || *next == '\t')
            next++;
        if (p->n == p->cap) {
            p->cap = p->cap ? p->cap * 2 : 32;
            p->w = xrealloc(p->w, p->cap * sizeof *p->w);
        }
        FmtWord *w = &p->w[p->n++];
        w->s = s;
        w->n = (size_t)(e - s);
        w->line_end = *next == '\0';
        w->space = w->line_end ? 0 : (size_t)(next - e);
        /* a sentence ends at . ? or ! (before closing quotes or brackets) */
        size_t k = w->n;
        while (k > 0 && strchr("\"')]", w->s[k - 1]))
            k--;
        w->sentence_end = k > 0 && strchr(".?!", w->s[k - 1]) &&
                          (w->line_end || w->space >= 2);
        s = next;
    }
}

/* The blanks between word i - 1 and word i when they share a line */
static size_t gap_before(const FmtOpts *o, const FmtPara *p, size_t i)
{
    const FmtWord *prev = &p->w[i - 1];
    if (o->uniform || prev->line_end)
        return prev->sentence_end ? 2 : 1;
    return prev->space;
}

/* Lay the paragraph out: the breaks that keep every line within WIDTH
 * and minimise the sum of (GOAL - length)^2 (doubled past GOAL) over all
 * lines but the last (dynamic programming over the break points), then
 * print it. */
static void para_flush(const FmtOpts *o, FmtPara *p)
{
    UStream *out = u_stdout();
    if (p->nlines == 0)
        return;
    size_t n = p->n, ind = indent_cols(p->first_indent);
    uint64_t *best = xmalloc((n + 1) * sizeof *best);
    size_t *next = xmalloc((n + 1) * sizeof *next);
    best[n] = 0;
    for (size_t i = n; i-- > 0;) {
        best[i] = UINT64_MAX;
        size_t len = ind;
        for (size_t j = i; j < n; j++) {
            len += (j > i ? gap_before(o, p, j) : 0) + p->w[j].n;
            if (len > o->width && j > i)
                break;
            /* a line past the goal costs twice one as far short of it:
             * the nearest to GNU fmt's choices this simple measure gets */
            uint64_t d = len > o->goal ? len - o->goal : o->goal - len;
            uint64_t cost = (j + 1 == n ? 0 : d * d * (len > o->goal ? 2 : 1)) + best[j + 1];
            if (best[j + 1] != UINT64_MAX && cost < best[i]) {
                best[i] = cost;
                next[i] = j + 1;
            }
        }
    }
    for (size_t i = 0; i < n;) {
        u_fputs(p->first_indent, out);
        size_t end = next[i];
        for (size_t j = i; j < end; j++) {
            for (size_t k = j > i ? gap_before(o, p, j) : 0; k > 0; k--)
                u_putc(' ', out);
            u_fwrite(p->w[j].s, p->w[j].n, out);
        }
        u_putc('\n', out);
        i = end;
    }
    xfree(best);
    xfree(next);
    for (size_t i = 0; i < p->nlines; i++)
        xfree(p->lines[i]);
    xfree(p->lines);
    xfree(p->w);
    xfree(p->first_indent);
    xfree(p->rest_indent);
    *p = (FmtPara){0};
}

static int fmt_stream(UStream *in, const char *name, void *ctx)
{
    const FmtOpts *o = ctx;
    FmtPara p = {0};
    char *line = NULL;
    size_t cap = 0;
    int64_t n;
    while ((n = u_getline(&line, &cap, in)) >= 0) {
        if (n > 0 && line[n - 1] == '\n')
            line[--n] = '\0';
        size_t il = indent_len(line);
        if (line[il] == '\0') { /* a blank line: kept, and ends the paragraph */
            para_flush(o, &p);
            u_putc('\n', u_stdout());
            continue;
        }
        if (o->split_only) {
            para_flush(o, &p);
            p.first_indent = xstrndup(line, il);
            p.rest_indent = xstrndup(line, il);
            para_add_line(&p, xstrdup(line));
            para_flush(o, &p);
            continue;
        }
        /* lines of another indentation are another paragraph (GNU's default) */
        if (p.nlines > 0 && strlen(p.first_indent) != il)
            para_flush(o, &p);
        if (p.nlines == 0) {
            p.first_indent = xstrndup(line, il);
            p.rest_indent = xstrndup(line, il);
        }
        para_add_line(&p, xstrdup(line));
    }
    para_flush(o, &p);
    xfree(line);
    return 0;
}

int fmt_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"width", U_REQ_ARG, 'w'}, {"goal", U_REQ_ARG, 'g'}, {"split-only", U_NO_ARG, 's'},
        {"uniform-spacing", U_NO_ARG, 'u'}, {NULL, 0, 0},
    };
    FmtOpts o = {.width = 75};
    int64_t goal = -1;
    /* the old "-WIDTH" first */
    int skip = 0;
    if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
        int64_t v;
        if (!u_parse_i64(argv[1] + 1, &v) || v < 0 || v > 2500) {
            u_eprintf("fmt: invalid width: '%s'\n", argv[1] + 1);
            return 1;
        }
        o.width = (size_t)v;
        skip = 1;
    }
    UGetopt g = U_GETOPT_INIT;
    g.ind += skip;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "w:g:su", longopts)) != -1) {
        int64_t v;
        switch (c) {
        case 'w':
        case 'g':
            if (!u_parse_i64(g.arg, &v) || v < 0 || v > 2500) {
                u_eprintf("fmt: invalid %s: '%s'\n", c == 'w' ? "width" : "goal", g.arg);
                return 1;
            }
            if (c == 'w')
                o.width = (size_t)v;
            else
                goal = v;
            break;
        case 's': o.split_only = true; break;
        case 'u': o.uniform = true; break;
        default: return 1;
        }
    }
    if (goal < 0)
        o.goal = o.width * 187 / 200 > 0 ? o.width * 187 / 200 : o.width; /* GNU: 93.5% */
    else if ((size_t)goal > o.width) {
        u_eprintf("fmt: invalid width: '%zu'\n", o.width);
        return 1;
    } else
        o.goal = (size_t)goal;
    size_t n;
    char *const *files = u_operands(argc, argv, g.ind, &n);
    return u_each_stream("fmt", files, n, fmt_stream, &o);
}
