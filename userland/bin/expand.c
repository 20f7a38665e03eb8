/* expand [-i] [-t LIST] [FILE...] and unexpand [-a] [-t LIST] [FILE...]:
 * turn tabs into spaces, or (unexpand) leading runs of spaces back into
 * tabs (-a: every run that reaches a tab stop). Tab stops are every 8
 * columns, every N with -t N, or at the listed columns. */
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

typedef struct TabOpts {
    size_t *stops; /* explicit stops, ascending; none: every `every` */
    size_t nstops;
    size_t every;
    bool initial;  /* expand -i / unexpand without -a: leading blanks only */
} TabOpts;

/* The column of the next tab stop after col. */
static size_t next_stop(size_t col, const TabOpts *o)
{
    if (o->nstops == 0)
        return col + o->every - col % o->every;
    for (size_t i = 0; i < o->nstops; i++)
        if (o->stops[i] > col)
            return o->stops[i];
    return col + 1; /* past the last stop: one column, as GNU */
}

static bool parse_tabs(const char *prog, const char *list, TabOpts *o)
{
    const char *p = list;
    while (*p) {
        char *end;
        long v = strtol(p, &end, 10);
        if (end == p || v < 0) {
            u_eprintf("%s: tab size contains invalid character(s): '%s'\n", prog, p);
            return false;
        }
        if (v == 0) {
            u_eprintf("%s: tab size cannot be 0\n", prog);
            return false;
        }
        if (o->nstops && (size_t)v <= o->stops[o->nstops - 1]) {
            u_eprintf("%s: tab sizes must be ascending\n", prog);
            return false;
        }
        o->stops = xrealloc(o->stops, (o->nstops + 1) * sizeof *o->stops);
        o->stops[o->nstops++] = (size_t)v;
        p = end;
        if (*p == ',' || *p == ' ')
            p++;
        else if (*p) {
            u_eprintf("%s: tab size contains invalid character(s): '%s'\n", prog, p);
            return false;
        }
    }
    if (o->nstops == 1) { /* one number: every N columns */
        o->every = o->stops[0];
        o->nstops = 0;
    }
    return true;
}

static int expand_stream(UStream *in, const char *name, void *ctx)
{
    const TabOpts *o = ctx;
    UStream *out = u_stdout();
    int c;
    size_t col = 0;
    bool leading = true;
    while ((c = u_getc(in)) != -1) {
        if (c == '\t' && (!o->initial || leading)) {
            size_t stop = next_stop(col, o);
            while (col < stop) {
                u_putc(' ', out);
                col++;
            }
            continue;
        }
        u_putc(c, out);
        if (c == '\n') {
            col = 0;
            leading = true;
        } else if (c == '\b') {
            col = col ? col - 1 : 0;
        } else {
            col++;
            if (c != ' ' && c != '\t')
                leading = false;
        }
    }
    (void)name;
    return 0;
}

/* unexpand: blanks are held until the next tab stop or non-blank; when a
 * run of them reaches a stop it becomes one tab. */
static int unexpand_stream(UStream *in, const char *name, void *ctx)
{
    const TabOpts *o = ctx;
    UStream *out = u_stdout();
    int c;
    size_t col = 0, pending = 0; /* columns of held blanks */
    bool leading = true, held_tab = false;
    while ((c = u_getc(in)) != -1) {
        bool convert = leading || !o->initial;
        if ((c == ' ' || c == '\t') && convert) {
            size_t next = c == '\t' ? next_stop(col, o) : col + 1;
            if (c == '\t')
                held_tab = true;
            pending += next - col;
            col = next;
            if (next_stop(col - 1, o) == col && pending > 0) {
                /* a stop reached: the held run becomes one tab (a lone
                 * space stays a space) */
                if (pending > 1 || held_tab)
                    u_putc('\t', out);
                else
                    u_putc(' ', out);
                pending = 0;
                held_tab = false;
            }
            continue;
        }
        while (pending > 0) {
            u_putc(' ', out);
            pending--;
        }
        held_tab = false;
        u_putc(c, out);
        if (c == '\n') {
            col = 0;
            leading = true;
        } else if (c == '\b') {
            col = col ? col - 1 : 0;
        } else if (c == '\t') {
            col = next_stop(col, o);
        } else {
            col++;
            leading = false;
        }
    }
    while (pending-- > 0)
        u_putc(' ', out);
    (void)name;
    return 0;
}

static int run(int argc, char **argv, bool unexpand)
{
    TabOpts o = {NULL, 0, 8, unexpand}; /* unexpand: leading blanks unless -a */
    enum { OPT_FIRST_ONLY = 256 };
    static const ULongOpt expand_longopts[] = {
        {"initial", U_NO_ARG, 'i'}, {"tabs", U_REQ_ARG, 't'}, {NULL, 0, 0},
    };
    static const ULongOpt unexpand_longopts[] = {
        {"all", U_NO_ARG, 'a'}, {"tabs", U_REQ_ARG, 't'},
        {"first-only", U_NO_ARG, OPT_FIRST_ONLY}, {NULL, 0, 0},
    };
    bool tabs_given = false;
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, unexpand ? "at:" : "it:",
                              unexpand ? unexpand_longopts : expand_longopts)) != -1) {
        switch (c) {
        case 'i': o.initial = true; break;
        case 'a': o.initial = false; break;
        case OPT_FIRST_ONLY: o.initial = true; break;
        case 't':
            if (!parse_tabs(argv[0], g.arg, &o))
                return 1;
            tabs_given = true;
            if (unexpand)
                o.initial = false; /* -t implies -a */
            break;
        default: return 1;
        }
    }
    (void)tabs_given;
    size_t n;
    char *const *files = u_operands(argc, argv, g.ind, &n);
    return u_each_stream(unexpand ? "unexpand" : "expand", files, n,
                         unexpand ? unexpand_stream : expand_stream, &o);
}

int expand_main(int argc, char **argv) { return run(argc, argv, false); }
int unexpand_main(int argc, char **argv) { return run(argc, argv, true); }
