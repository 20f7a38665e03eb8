/* cut -f LIST [-d DELIM] [-s] | -c LIST | -b LIST [--complement]
 * [--output-delimiter=STR] [FILE...]: print selected fields or characters
 * of each line. LIST is N, N-M, N- and -M, comma-separated; selections
 * print in input order, as POSIX says. */
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

typedef struct Range {
    uint64_t lo, hi; /* 1-based, inclusive; hi UINT64_MAX for "N-" */
} Range;

typedef struct CutOpts {
    Range *ranges;
    size_t nranges;
    bool fields, only_delimited, complement;
    char delim;
    const char *out_delim; /* NULL: the input delimiter (fields), none (bytes) */
} CutOpts;

static bool selected(const CutOpts *o, uint64_t n)
{
    for (size_t i = 0; i < o->nranges; i++)
        if (n >= o->ranges[i].lo && n <= o->ranges[i].hi)
            return !o->complement;
    return o->complement;
}

static bool parse_num(const char **p, uint64_t *v)
{
    if (**p < '0' || **p > '9')
        return false;
    char *end;
    *v = strtoull(*p, &end, 10);
    *p = end;
    return true;
}

static bool parse_list(const char *list, CutOpts *o)
{
    const char *p = list;
    for (;;) {
        Range r = {1, UINT64_MAX};
        bool lo = parse_num(&p, &r.lo);
        if (*p == '-') {
            p++;
            if (!parse_num(&p, &r.hi))
                r.hi = UINT64_MAX;
            else if (!lo)
                r.lo = 1;
            if (!lo && r.hi == UINT64_MAX && p[-1] == '-')
                break; /* a lone "-" */
        } else if (lo) {
            r.hi = r.lo;
        } else {
            break;
        }
        if (r.lo == 0) {
            u_usage_error("cut", o->fields ? "fields are numbered from 1"
                                           : "byte/character positions are numbered from 1");
            return false;
        }
        if (r.hi < r.lo) {
            u_usage_error("cut", "invalid decreasing range");
            return false;
        }
        o->ranges = xrealloc(o->ranges, (o->nranges + 1) * sizeof(Range));
        o->ranges[o->nranges++] = r;
        if (*p == '\0')
            return true;
        if (*p != ',')
            break;
        p++;
    }
    u_usage_error("cut", o->fields ? "invalid field value '%s'" : "invalid byte/character position '%s'", list);
    return false;
}

static void cut_line(UStream *out, const char *line, size_t len, const CutOpts *o)
{
    if (!o->fields) {
        /* --output-delimiter goes between runs of selected bytes */
        bool in_run = false, any = false;
        for (size_t i = 0; i < len; i++) {
            bool sel = selected(o, i + 1);
            if (sel && !in_run && any && o->out_delim)
                u_fputs(o->out_delim, out);
            if (sel) {
                u_putc(line[i], out);
                any = true;
            }
            in_run = sel;
        }
        u_putc('\n', out);
        return;
    }
    if (memchr(line, o->delim, len) == NULL) {
        if (!o->only_delimited) {
            u_fwrite(line, len, out);
            u_putc('\n', out);
        }
        return;
    }
    bool first = true;
    uint64_t field = 1;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && line[i] != o->delim)
            continue;
        if (selected(o, field)) {
            if (!first) {
                if (o->out_delim)
                    u_fputs(o->out_delim, out);
                else
                    u_putc(o->delim, out);
            }
            u_fwrite(line + start, i - start, out);
            first = false;
        }
        field++;
        start = i + 1;
    }
    u_putc('\n', out);
}

int cut_main(int argc, char **argv)
{
    CutOpts o = {NULL, 0, false, false, false, '\t', NULL};
    enum { OPT_COMPLEMENT = 256, OPT_OUT_DELIM };
    static const ULongOpt longopts[] = {
        {"bytes", U_REQ_ARG, 'b'},          {"characters", U_REQ_ARG, 'c'},
        {"fields", U_REQ_ARG, 'f'},         {"delimiter", U_REQ_ARG, 'd'},
        {"only-delimited", U_NO_ARG, 's'},  {"complement", U_NO_ARG, OPT_COMPLEMENT},
        {"output-delimiter", U_REQ_ARG, OPT_OUT_DELIM}, {NULL, 0, 0},
    };
    const char *list = NULL;
    bool have_delim = false;
    int kinds = 0;
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "b:c:f:d:sn", longopts)) != -1) {
        switch (c) {
        case 'b':
        case 'c':
        case 'f':
            list = g.arg;
            o.fields = c == 'f';
            kinds++;
            break;
        case 'd':
            if (strlen(g.arg) > 1) {
                u_usage_error(argv[0], "the delimiter must be a single character");
                return 1;
            }
            o.delim = g.arg[0] ? g.arg[0] : '\n';
            have_delim = true;
            break;
        case 's': o.only_delimited = true; break;
        case 'n': break;
        case OPT_COMPLEMENT: o.complement = true; break;
        case OPT_OUT_DELIM: o.out_delim = g.arg; break;
        default: return 1;
        }
    }
    if (kinds == 0) {
        u_usage_error(argv[0], "you must specify a list of bytes, characters, or fields");
        return 1;
    }
    if (kinds > 1) {
        u_usage_error(argv[0], "only one list may be specified");
        return 1;
    }
    if (!o.fields && (have_delim || o.only_delimited)) {
        u_usage_error(argv[0], "an input delimiter may be specified only when operating on fields");
        return 1;
    }
    if (!parse_list(list, &o))
        return 1;
    size_t nfiles;
    char *const *files = u_operands(argc, argv, g.ind, &nfiles);
    UStream *out = u_stdout();
    char *line = NULL;
    size_t cap = 0;
    int status = 0;
    for (; *files; files++) {
        SyscallError err;
        UStream *in = u_input_open(*files, &err);
        if (in == NULL) {
            u_perror("cut", *files, err);
            status = 1;
            continue;
        }
        int64_t len;
        while ((len = u_getline(&line, &cap, in)) >= 0) {
            if (len > 0 && line[len - 1] == '\n')
                len--;
            cut_line(out, line, (size_t)len, &o);
        }
        u_input_close(in);
    }
    return status;
}
