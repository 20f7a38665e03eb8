/* strings [-a] [-n MIN] [-t o|d|x] [FILE...]: print the runs of at least
 * MIN (4) printable characters in files, one per line (GNU binutils' ASCII
 * rule: tabs count as printable, newlines end a run). */
#include <string.h>

#include "ulib.h"

typedef struct StringsOpts {
    uint64_t min;
    char radix; /* 0, 'o', 'd', 'x' */
    bool with_name;
} StringsOpts;

static bool printable(int c) { return (c >= 32 && c < 127) || c == '\t'; }

static void flush_run(UStream *out, const char *run, size_t n, uint64_t start,
                      const StringsOpts *o, const char *name)
{
    if (n < o->min)
        return;
    if (o->with_name)
        u_fprintf(out, "%s: ", name);
    if (o->radix == 'o')
        u_fprintf(out, "%7llo ", (unsigned long long)start);
    else if (o->radix == 'd')
        u_fprintf(out, "%7llu ", (unsigned long long)start);
    else if (o->radix == 'x')
        u_fprintf(out, "%7llx ", (unsigned long long)start);
    u_fwrite(run, n, out);
    u_putc('\n', out);
}

static int strings_stream(UStream *in, const char *name, void *ctx)
{
    const StringsOpts *o = ctx;
    UStream *out = u_stdout();
    size_t cap = 256, n = 0;
    char *run = xmalloc(cap);
    uint64_t off = 0, start = 0;
    int c;
    while ((c = u_getc(in)) != -1) {
        if (printable(c)) {
            if (n == 0)
                start = off;
            if (n == cap)
                run = xrealloc(run, cap *= 2);
            run[n++] = (char)c;
        } else {
            flush_run(out, run, n, start, o, name);
            n = 0;
        }
        off++;
    }
    flush_run(out, run, n, start, o, name);
    xfree(run);
    return 0;
}

int strings_main(int argc, char **argv)
{
    StringsOpts o = {4, 0, false};
    static const ULongOpt longopts[] = {
        {"all", U_NO_ARG, 'a'},   {"bytes", U_REQ_ARG, 'n'}, {"radix", U_REQ_ARG, 't'},
        {"print-file-name", U_NO_ARG, 'f'}, {NULL, 0, 0},
    };
    UGetopt g = U_GETOPT_INIT;
    int c;
    int64_t v;
    while ((c = u_getopt_long(&g, argc, argv, "an:t:fo", longopts)) != -1) {
        switch (c) {
        case 'a': break; /* the whole file is always scanned */
        case 'f': o.with_name = true; break;
        case 'o': o.radix = 'o'; break;
        case 'n':
            if (!u_parse_i64(g.arg, &v) || v < 1) {
                u_eprintf("strings: invalid minimum string length %s\n", g.arg);
                return 1;
            }
            o.min = (uint64_t)v;
            break;
        case 't':
            if (strlen(g.arg) != 1 || !strchr("odx", g.arg[0])) {
                u_eprintf("strings: invalid radix: %s\n", g.arg);
                return 1;
            }
            o.radix = g.arg[0];
            break;
        default: return 1;
        }
    }
    size_t n;
    char *const *files = u_operands(argc, argv, g.ind, &n);
    if (g.ind >= argc)
        o.with_name = false;
    return u_each_stream("strings", files, n, strings_stream, &o);
}
