/* column [-t] [-s SEP] [-o OUTSEP] [-x] [-c WIDTH] [FILE]...: arrange the
 * input in columns, as util-linux column. By default the lines are items
 * filled down columns that fit WIDTH (-c, else $COLUMNS, the terminal's
 * width or 80), each column a whole number of tab stops wider than the
 * longest item and the gaps made of tabs (-x fills across rows first).
 * With -t each line is a table row: its fields (split at runs of blanks,
 * or at each character of -s) are padded to the widest of their column
 * and joined by OUTSEP (two spaces); the last field is not padded. Empty
 * lines are skipped. */
#include <string.h>

#include "ulib.h"

typedef struct ColItems {
    char **v;
    size_t n, cap;
} ColItems;

static void col_add(ColItems *c, char *s)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->v = xrealloc(c->v, c->cap * sizeof *c->v);
    }
    c->v[c->n++] = s;
}

static int col_read(UStream *in, const char *name, void *ctx)
{
    ColItems *items = ctx;
    char *line = NULL;
    size_t cap = 0;
    int64_t n;
    while ((n = u_getline(&line, &cap, in)) >= 0) {
        if (n > 0 && line[n - 1] == '\n')
            line[--n] = '\0';
        bool blank = true;
        for (int64_t i = 0; i < n && blank; i++)
            blank = line[i] == ' ' || line[i] == '\t';
        if (!blank)
            col_add(items, xstrndup(line, (size_t)n));
    }
    xfree(line);
    return 0;
}

/* Display width: bytes, UTF-8 continuation bytes not counted */
static size_t col_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xc0) != 0x80;
    return w;
}

static void col_fill(const ColItems *it, size_t width, bool across)
{
    size_t maxlen = 0;
    for (size_t i = 0; i < it->n; i++) {
        size_t w = col_width(it->v[i]);
        if (w > maxlen)
            maxlen = w;
    }
    size_t colw = (maxlen + 8) & ~(size_t)7;
    size_t ncols = colw ? width / colw : 1;
    if (ncols == 0)
        ncols = 1;
    size_t nrows = (it->n + ncols - 1) / ncols;
    UStream *o = u_stdout();
    for (size_t r = 0; r < nrows; r++) {
        size_t chcnt = 0, endcol = colw;
        for (size_t c = 0; c < ncols; c++) {
            size_t idx = across ? r * ncols + c : c * nrows + r;
            if (idx >= it->n)
                break;
            /* tabs up to the next column, unless nothing follows */
            size_t next = across ? idx + 1 : idx + nrows;
            u_fputs(it->v[idx], o);
            chcnt += col_width(it->v[idx]);
            if (c + 1 == ncols || next >= it->n || (across && next >= (r + 1) * ncols))
                break;
            size_t cnt;
            while ((cnt = (chcnt + 8) & ~(size_t)7) <= endcol) {
                u_putc('\t', o);
                chcnt = cnt;
            }
            endcol += colw;
        }
        u_putc('\n', o);
    }
}

static void col_table(const ColItems *it, const char *sep, const char *osep)
{
    /* cut every line into fields */
    size_t **lens = xcalloc(it->n ? it->n : 1, sizeof *lens);
    char ***fields = xcalloc(it->n ? it->n : 1, sizeof *fields);
    size_t *nf = xcalloc(it->n ? it->n : 1, sizeof *nf);
    size_t *widths = NULL, ncols = 0;
    for (size_t i = 0; i < it->n; i++) {
        char *s = it->v[i];
        size_t cap = 8;
        fields[i] = xmalloc(cap * sizeof **fields);
        for (;;) {
            if (!sep)
                while (*s == ' ' || *s == '\t')
                    s++;
            if (!sep && !*s)
                break;
            char *e = s;
            while (*e && (sep ? !strchr(sep, *e) : (*e != ' ' && *e != '\t')))
                e++;
            if (nf[i] == cap)
                fields[i] = xrealloc(fields[i], (cap *= 2) * sizeof **fields);
            fields[i][nf[i]++] = xstrndup(s, (size_t)(e - s));
            if (!*e)
                break;
            s = e + 1;
        }
        if (nf[i] > ncols) {
            widths = xrealloc(widths, nf[i] * sizeof *widths);
            memset(widths + ncols, 0, (nf[i] - ncols) * sizeof *widths);
            ncols = nf[i];
        }
        for (size_t f = 0; f < nf[i]; f++) {
            size_t w = col_width(fields[i][f]);
            if (w > widths[f])
                widths[f] = w;
        }
    }
    UStream *o = u_stdout();
    for (size_t i = 0; i < it->n; i++) {
        for (size_t f = 0; f < nf[i]; f++) {
            u_fputs(fields[i][f], o);
            if (f + 1 < nf[i]) {
                for (size_t w = col_width(fields[i][f]); w < widths[f]; w++)
                    u_putc(' ', o);
                u_fputs(osep, o);
            }
            xfree(fields[i][f]);
        }
        u_putc('\n', o);
        xfree(fields[i]);
    }
    xfree(fields);
    xfree(nf);
    xfree(lens);
    xfree(widths);
}

int column_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"table", U_NO_ARG, 't'}, {"separator", U_REQ_ARG, 's'},
        {"output-separator", U_REQ_ARG, 'o'}, {"fillrows", U_NO_ARG, 'x'},
        {"output-width", U_REQ_ARG, 'c'}, {NULL, 0, 0},
    };
    UGetopt g = U_GETOPT_INIT;
    int c;
    bool table = false, across = false;
    const char *sep = NULL, *osep = "  ";
    int64_t width = -1;
    while ((c = u_getopt_long(&g, argc, argv, "ts:o:xc:", longopts)) != -1) {
        switch (c) {
        case 't': table = true; break;
        case 's': sep = g.arg; break;
        case 'o': osep = g.arg; break;
        case 'x': across = true; break;
        case 'c':
            if (!u_parse_i64(g.arg, &width) || width <= 0) {
                u_eprintf("column: invalid columns argument: '%s'\n", g.arg);
                return 1;
            }
            break;
        default: return 1;
        }
    }
    if (width < 0) {
        char *env = u_getenv("COLUMNS");
        if (!env || !u_parse_i64(env, &width) || width <= 0) {
            WinSize ws;
            width = sys_tcgetwinsize(1, &ws).error == AX_OK && ws.cols ? ws.cols : 80;
        }
        xfree(env);
    }
    ColItems items = {0};
    size_t n;
    char *const *files = u_operands(argc, argv, g.ind, &n);
    int status = u_each_stream("column", files, n, col_read, &items);
    if (table)
        col_table(&items, sep && *sep ? sep : NULL, osep);
    else
        col_fill(&items, (size_t)width, across);
    for (size_t i = 0; i < items.n; i++)
        xfree(items.v[i]);
    xfree(items.v);
    return status;
}
