/* uniq [-cdDiuz] [-f N] [-s N] [-w N] [INPUT [OUTPUT]]: collapse runs of
 * equal adjacent lines. Lines compare from after N fields (-f) and N more
 * characters (-s), over at most N characters (-w). */
#include <string.h>
#include <strings.h>

#include "ulib.h"

typedef struct UniqOpts {
    bool count, dups_only, all_dups, uniques_only, icase;
    int all_sep;        /* -D's grouping: 0 none, 'p' prepend, 's' separate */
    uint64_t skip_fields, skip_chars, width;
    char eol;
} UniqOpts;

/* The compared part of a line: after the skipped fields and chars. */
static const char *key_of(const char *line, size_t len, const UniqOpts *o, size_t *klen)
{
    const char *p = line, *end = line + len;
    for (uint64_t f = 0; f < o->skip_fields && p < end; f++) {
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        while (p < end && *p != ' ' && *p != '\t')
            p++;
    }
    for (uint64_t c = 0; c < o->skip_chars && p < end; c++)
        p++;
    size_t n = (size_t)(end - p);
    if (o->width && n > o->width)
        n = (size_t)o->width;
    *klen = n;
    return p;
}

static bool same(const char *a, size_t al, const char *b, size_t bl, const UniqOpts *o)
{
    size_t ka, kb;
    const char *x = key_of(a, al, o, &ka), *y = key_of(b, bl, o, &kb);
    if (ka != kb)
        return false;
    return o->icase ? strncasecmp(x, y, ka) == 0 : memcmp(x, y, ka) == 0;
}

static void put_line(UStream *out, const char *line, size_t len, char eol)
{
    u_fwrite(line, len, out);
    u_putc(eol, out);
}

/* The end of a run of n equal lines whose first is `line`. */
static void emit(UStream *out, const char *line, size_t len, uint64_t n, const UniqOpts *o)
{
    if ((o->dups_only && n < 2) || (o->uniques_only && n > 1))
        return;
    if (o->count)
        u_fprintf(out, "%7llu ", (unsigned long long)n);
    put_line(out, line, len, o->eol);
}

/* One line ended by eol (kept), as u_getline reads '\n' lines. */
static int64_t read_record(char **line, size_t *cap, UStream *in, char eol)
{
    if (eol == '\n')
        return u_getline(line, cap, in);
    size_t n = 0;
    int c;
    while ((c = u_getc(in)) != -1) {
        if (n + 2 > *cap) {
            *cap = *cap ? *cap * 2 : 128;
            *line = xrealloc(*line, *cap);
        }
        (*line)[n++] = (char)c;
        if (c == eol)
            break;
    }
    if (n == 0)
        return -1;
    (*line)[n] = '\0';
    return (int64_t)n;
}

enum { OPT_ALL_REPEATED = 256, OPT_GROUP };

static const ULongOpt uniq_longopts[] = {
    {"count", U_NO_ARG, 'c'},         {"repeated", U_NO_ARG, 'd'},
    {"all-repeated", U_OPT_ARG, OPT_ALL_REPEATED},
    {"unique", U_NO_ARG, 'u'},        {"ignore-case", U_NO_ARG, 'i'},
    {"skip-fields", U_REQ_ARG, 'f'},  {"skip-chars", U_REQ_ARG, 's'},
    {"check-chars", U_REQ_ARG, 'w'},  {"zero-terminated", U_NO_ARG, 'z'},
    {NULL, 0, 0},
};

static bool count_arg(const char *prog, const char *arg, const char *what, uint64_t *out)
{
    if (!u_parse_size(arg, out) || strpbrk(arg, "bcwkKMGTPE")) {
        u_eprintf("%s: %s: invalid number of %s\n", prog, arg, what);
        return false;
    }
    return true;
}

static int parse_options(int argc, char **argv, UniqOpts *o)
{
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "cdDuif:s:w:z", uniq_longopts)) != -1) {
        switch (c) {
        case 'c': o->count = true; break;
        case 'd': o->dups_only = true; break;
        case 'D': o->all_dups = true; break;
        case OPT_ALL_REPEATED:
            o->all_dups = true;
            if (!g.arg || strcmp(g.arg, "none") == 0) {
                o->all_sep = 0;
            } else if (strcmp(g.arg, "prepend") == 0 || strcmp(g.arg, "separate") == 0) {
                o->all_sep = g.arg[0];
            } else {
                u_usage_error(argv[0], "invalid argument '%s' for '--all-repeated'", g.arg);
                return -1;
            }
            break;
        case 'u': o->uniques_only = true; break;
        case 'i': o->icase = true; break;
        case 'f':
            if (!count_arg(argv[0], g.arg, "fields to skip", &o->skip_fields))
                return -1;
            break;
        case 's':
            if (!count_arg(argv[0], g.arg, "bytes to skip", &o->skip_chars))
                return -1;
            break;
        case 'w':
            if (!count_arg(argv[0], g.arg, "bytes to compare", &o->width))
                return -1;
            break;
        case 'z': o->eol = '\0'; break;
        default: return -1;
        }
    }
    if (o->all_dups && o->count) {
        u_usage_error(argv[0], "printing all duplicated lines and repeat counts is meaningless");
        return -1;
    }
    return g.ind;
}

int uniq_main(int argc, char **argv)
{
    UniqOpts o = {.eol = '\n'};
    int first = parse_options(argc, argv, &o);
    if (first < 0)
        return 1;
    if (argc - first > 2) {
        u_usage_error(argv[0], "extra operand '%s'", argv[first + 2]);
        return 1;
    }
    SyscallError err;
    const char *inname = first < argc ? argv[first] : "-";
    UStream *in = u_input_open(inname, &err);
    if (in == NULL) {
        u_perror("uniq", inname, err);
        return 1;
    }
    UStream *out = u_stdout();
    if (argc - first == 2 && strcmp(argv[first + 1], "-") != 0) {
        out = u_fopen(argv[first + 1], "w", &err);
        if (out == NULL) {
            u_perror("uniq", argv[first + 1], err);
            return 1;
        }
    }
    char *line = NULL, *prev = NULL;
    size_t cap = 0, pcap = 0, plen = 0;
    uint64_t run = 0;
    bool any_group = false;
    int64_t len;
    while ((len = read_record(&line, &cap, in, o.eol)) >= 0) {
        if (len > 0 && line[len - 1] == o.eol)
            line[--len] = '\0';
        if (run > 0 && same(line, (size_t)len, prev, plen, &o)) {
            run++;
            if (o.all_dups) {
                if (run == 2) {
                    if (o.all_sep == 'p' || (o.all_sep == 's' && any_group))
                        u_putc(o.eol, out);
                    any_group = true;
                    put_line(out, prev, plen, o.eol);
                }
                put_line(out, line, (size_t)len, o.eol);
            }
            continue;
        }
        if (run > 0 && !o.all_dups)
            emit(out, prev, plen, run, &o);
        /* The new line becomes the run's first: swap the buffers. */
        char *t = prev;
        size_t tc = pcap;
        prev = line;
        pcap = cap;
        plen = (size_t)len;
        line = t;
        cap = tc;
        run = 1;
    }
    if (run > 0 && !o.all_dups)
        emit(out, prev, plen, run, &o);
    xfree(line);
    xfree(prev);
    int status = 0;
    if (out != u_stdout() && u_fclose(out) < 0)
        status = 1;
    u_input_close(in);
    return status;
}
