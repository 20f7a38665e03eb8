/* nl [OPTION]... [FILE...]: number lines. Logical pages have a header, a
 * body and a footer, started by lines of "\:\:\:", "\:\:" and "\:"; each
 * section has its own numbering style (-h, -b, -f): a (all lines), t
 * (non-empty ones), n (none) or pREGEX (lines that match). */
#include <regex.h>
#include <string.h>

#include "ulib.h"

typedef struct Style {
    char kind;   /* 'a', 't', 'n', 'p' */
    regex_t re;  /* for 'p' */
} Style;

typedef struct NlOpts {
    Style style[3]; /* header, body, footer */
    const char *format; /* "ln", "rn", "rz" */
    int width;
    const char *sep;
    int64_t start, incr;
    int64_t join;   /* -l: that many empty lines count as one */
    char delim[3];  /* the section delimiter characters */
    bool restart;   /* -p is off: numbering restarts at each page */
    int64_t line;
    int section;    /* 0 header, 1 body, 2 footer */
    int64_t empties;
} NlOpts;

static bool parse_style(const char *prog, const char *what, const char *arg, Style *s)
{
    if ((arg[0] == 'a' || arg[0] == 't' || arg[0] == 'n') && arg[1] == '\0') {
        s->kind = arg[0];
        return true;
    }
    if (arg[0] == 'p') {
        int rc = regcomp(&s->re, arg + 1, REG_NOSUB);
        if (rc != 0) {
            char msg[200];
            regerror(rc, &s->re, msg, sizeof msg);
            u_eprintf("%s: %s\n", prog, msg);
            return false;
        }
        s->kind = 'p';
        return true;
    }
    u_eprintf("%s: invalid %s numbering style: '%s'\nTry '%s --help' for more information.\n",
              prog, what, arg, prog);
    return false;
}

/* Is line a section delimiter? Returns the section it starts, or -1. */
static int delimiter(const char *line, size_t len, const NlOpts *o)
{
    size_t dl = strlen(o->delim);
    if (dl == 0 || len == 0 || len % dl || len / dl > 3)
        return -1;
    for (size_t i = 0; i < len; i += dl)
        if (memcmp(line + i, o->delim, dl) != 0)
            return -1;
    return 3 - (int)(len / dl); /* 3 copies: header, 2: body, 1: footer */
}

static void number(UStream *out, NlOpts *o)
{
    int64_t v = o->line;
    if (strcmp(o->format, "ln") == 0)
        u_fprintf(out, "%-*lld", o->width, (long long)v);
    else if (strcmp(o->format, "rz") == 0)
        u_fprintf(out, "%0*lld", o->width, (long long)v);
    else
        u_fprintf(out, "%*lld", o->width, (long long)v);
    u_fputs(o->sep, out);
    o->line += o->incr;
}

static int nl_stream(UStream *in, const char *name, void *ctx)
{
    NlOpts *o = ctx;
    UStream *out = u_stdout();
    char *line = NULL;
    size_t cap = 0;
    int64_t len;
    while ((len = u_getline(&line, &cap, in)) >= 0) {
        bool nlc = len > 0 && line[len - 1] == '\n';
        size_t n = (size_t)len - nlc;
        int sec = delimiter(line, n, o);
        if (sec >= 0) {
            if (o->restart) /* GNU nl starts again at every section */
                o->line = o->start;
            o->section = sec;
            u_putc('\n', out); /* a delimiter line prints as an empty line */
            continue;
        }
        Style *s = &o->style[o->section];
        bool numbered;
        if (s->kind == 'a') {
            if (n == 0 && o->join > 1) {
                numbered = ++o->empties >= o->join;
                if (numbered)
                    o->empties = 0;
            } else {
                numbered = true;
                o->empties = 0;
            }
        } else if (s->kind == 't') {
            numbered = n > 0;
        } else if (s->kind == 'p') {
            line[n] = '\0';
            numbered = regexec(&s->re, line, 0, NULL, 0) == 0;
        } else {
            numbered = false;
        }
        if (numbered)
            number(out, o);
        else /* as GNU nl: as many spaces as a number and its separator */
            u_fprintf(out, "%*s", o->width + (int)strlen(o->sep), "");
        u_fwrite(line, n, out);
        u_putc('\n', out);
    }
    xfree(line);
    (void)name;
    return 0;
}

static const ULongOpt nl_longopts[] = {
    {"body-numbering", U_REQ_ARG, 'b'},   {"section-delimiter", U_REQ_ARG, 'd'},
    {"footer-numbering", U_REQ_ARG, 'f'}, {"header-numbering", U_REQ_ARG, 'h'},
    {"line-increment", U_REQ_ARG, 'i'},   {"join-blank-lines", U_REQ_ARG, 'l'},
    {"number-format", U_REQ_ARG, 'n'},    {"no-renumber", U_NO_ARG, 'p'},
    {"number-separator", U_REQ_ARG, 's'}, {"starting-line-number", U_REQ_ARG, 'v'},
    {"number-width", U_REQ_ARG, 'w'},     {NULL, 0, 0},
};

static bool number_arg(const char *prog, const char *what, const char *arg, int64_t min, int64_t *out)
{
    if (!u_parse_i64(arg, out)) {
        u_eprintf("%s: invalid %s: '%s'\n", prog, what, arg);
        return false;
    }
    if (*out < min) {
        u_eprintf("%s: invalid %s: '%s': %s\n", prog, what, arg, sys_strerror(AX_ERANGE));
        return false;
    }
    return true;
}

int nl_main(int argc, char **argv)
{
    NlOpts o = {.format = "rn", .width = 6, .sep = "\t", .start = 1, .incr = 1, .join = 1,
                .delim = "\\:", .restart = true, .section = 1};
    o.style[0].kind = 'n', o.style[1].kind = 't', o.style[2].kind = 'n';
    UGetopt g = U_GETOPT_INIT;
    int c;
    int64_t v;
    while ((c = u_getopt_long(&g, argc, argv, "b:d:f:h:i:l:n:ps:v:w:", nl_longopts)) != -1) {
        switch (c) {
        case 'b':
        case 'h':
        case 'f':
            if (!parse_style(argv[0], c == 'h' ? "header" : c == 'b' ? "body" : "footer", g.arg,
                             &o.style[c == 'h' ? 0 : c == 'b' ? 1 : 2]))
                return 1;
            break;
        case 'd':
            o.delim[0] = g.arg[0];
            o.delim[1] = g.arg[0] ? (g.arg[1] ? g.arg[1] : ':') : '\0';
            o.delim[2] = '\0';
            break;
        case 'i':
            if (!number_arg(argv[0], "line number increment", g.arg, 0, &o.incr))
                return 1;
            break;
        case 'l':
            if (!number_arg(argv[0], "line number of blank lines", g.arg, 1, &o.join))
                return 1;
            break;
        case 'n':
            if (strcmp(g.arg, "ln") && strcmp(g.arg, "rn") && strcmp(g.arg, "rz")) {
                u_usage_error(argv[0], "invalid line numbering format: '%s'", g.arg);
                return 1;
            }
            o.format = g.arg;
            break;
        case 'p': o.restart = false; break;
        case 's': o.sep = g.arg; break;
        case 'v':
            if (!number_arg(argv[0], "starting line number", g.arg, INT64_MIN, &o.start))
                return 1;
            break;
        case 'w':
            if (!number_arg(argv[0], "line number field width", g.arg, 1, &v) || v > 1000)
                return 1;
            o.width = (int)v;
            break;
        default: return 1;
        }
    }
    o.line = o.start;
    size_t n;
    char *const *files = u_operands(argc, argv, g.ind, &n);
    int status = u_each_stream("nl", files, n, nl_stream, &o);
    for (int i = 0; i < 3; i++)
        if (o.style[i].kind == 'p')
            regfree(&o.style[i].re);
    return status;
}
