/* paste [-s] [-d LIST] [FILE...]: join corresponding lines of files with
 * tabs (or the delimiters of LIST, used in turn), or with -s each file's
 * lines into one. */
#include <string.h>

#include "ulib.h"

typedef struct PasteOpts {
    char *delims;  /* decoded LIST; "\0" stands for "no delimiter" */
    size_t ndelims;
    bool serial;
    char eol;
} PasteOpts;

/* LIST with its escapes: \n \t \\ and \0 (empty). */
static void decode_list(const char *list, PasteOpts *o)
{
    o->delims = xmalloc(strlen(list) + 1);
    o->ndelims = 0;
    for (const char *p = list; *p; p++) {
        char c = *p;
        if (c == '\\' && p[1]) {
            p++;
            c = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p == '0' ? '\0' : *p;
        }
        o->delims[o->ndelims++] = c;
    }
}

static void put_delim(UStream *out, const PasteOpts *o, size_t i)
{
    char d = o->delims[i % o->ndelims];
    if (d)
        u_putc(d, out);
}

static int paste_serial(UStream *in, const char *name, void *ctx)
{
    const PasteOpts *o = ctx;
    UStream *out = u_stdout();
    char *line = NULL;
    size_t cap = 0, i = 0;
    int64_t len;
    while ((len = u_getdelim(&line, &cap, o->eol, in)) >= 0) {
        if (len > 0 && line[len - 1] == o->eol)
            len--;
        if (i > 0)
            put_delim(out, o, i - 1);
        u_fwrite(line, (size_t)len, out);
        i++;
    }
    u_putc(o->eol, out);
    xfree(line);
    (void)name;
    return 0;
}

static int paste_parallel(char *const *files, size_t n, const PasteOpts *o)
{
    UStream **ins = xcalloc(n, sizeof *ins);
    int status = 0;
    size_t open = 0;
    for (size_t i = 0; i < n; i++) {
        SyscallError err;
        ins[i] = u_input_open(files[i], &err);
        if (!ins[i]) {
            u_perror("paste", files[i], err);
            status = 1;
            xfree(ins);
            return status;
        }
        open++;
    }
    UStream *out = u_stdout();
    char **lines = xcalloc(n, sizeof *lines);
    size_t *caps = xcalloc(n, sizeof *caps);
    int64_t *lens = xcalloc(n, sizeof *lens);
    while (open > 0) {
        /* read the row first: a row where every file has ended is none */
        bool any = false;
        for (size_t i = 0; i < n; i++) {
            lens[i] = ins[i] ? u_getdelim(&lines[i], &caps[i], o->eol, ins[i]) : -1;
            if (lens[i] < 0 && ins[i]) {
                ins[i] = NULL;
                open--;
            }
            if (lens[i] >= 0)
                any = true;
        }
        if (!any)
            break;
        for (size_t i = 0; i < n; i++) {
            if (i > 0)
                put_delim(out, o, i - 1);
            int64_t len = lens[i];
            if (len > 0 && lines[i][len - 1] == o->eol)
                len--;
            if (len > 0)
                u_fwrite(lines[i], (size_t)len, out);
        }
        u_putc(o->eol, out);
    }
    for (size_t i = 0; i < n; i++)
        xfree(lines[i]);
    xfree(lines);
    xfree(caps);
    xfree(lens);
    xfree(ins);
    return status;
}

int paste_main(int argc, char **argv)
{
    PasteOpts o = {NULL, 0, false, '\n'};
    static const ULongOpt longopts[] = {
        {"delimiters", U_REQ_ARG, 'd'}, {"serial", U_NO_ARG, 's'},
        {"zero-terminated", U_NO_ARG, 'z'}, {NULL, 0, 0},
    };
    const char *list = "\t";
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "d:sz", longopts)) != -1) {
        switch (c) {
        case 'd': list = g.arg; break;
        case 's': o.serial = true; break;
        case 'z': o.eol = '\0'; break;
        default: return 1;
        }
    }
    decode_list(list, &o);
    if (o.ndelims == 0) {
        o.delims[0] = '\0';
        o.ndelims = 1;
    }
    size_t n;
    char *const *files = u_operands(argc, argv, g.ind, &n);
    if (o.serial)
        return u_each_stream("paste", files, n, paste_serial, &o);
    return paste_parallel(files, n, &o);
}
