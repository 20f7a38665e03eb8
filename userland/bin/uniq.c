/* uniq [-cdui] [INPUT [OUTPUT]]: collapse runs of equal adjacent lines. */
#include <string.h>
#include <strings.h>

#include "ulib.h"

typedef struct UniqOpts {
    bool count, dups_only, uniques_only, icase;
} UniqOpts;

static void emit(UStream *out, const char *line, size_t len, uint64_t n, const UniqOpts *o)
{
    if ((o->dups_only && n < 2) || (o->uniques_only && n > 1))
        return;
    if (o->count)
        u_fprintf(out, "%7llu ", (unsigned long long)n);
    u_fwrite(line, len, out);
    u_putc('\n', out);
}

static bool same(const char *a, size_t al, const char *b, size_t bl, bool icase)
{
    if (al != bl)
        return false;
    return icase ? strncasecmp(a, b, al) == 0 : memcmp(a, b, al) == 0;
}

int uniq_main(int argc, char **argv)
{
    UniqOpts o = {false, false, false, false};
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt(&g, argc, argv, "cdui")) != -1) {
        switch (c) {
        case 'c': o.count = true; break;
        case 'd': o.dups_only = true; break;
        case 'u': o.uniques_only = true; break;
        case 'i': o.icase = true; break;
        default: return 1;
        }
    }
    if (argc - g.ind > 2) {
        u_eprintf("uniq: extra operand '%s'\nTry 'uniq --help' for more information.\n",
                  argv[g.ind + 2]);
        return 1;
    }
    SyscallError err;
    const char *inname = g.ind < argc ? argv[g.ind] : "-";
    UStream *in = u_input_open(inname, &err);
    if (in == NULL) {
        u_perror("uniq", inname, err);
        return 1;
    }
    UStream *out = u_stdout();
    if (argc - g.ind == 2 && strcmp(argv[g.ind + 1], "-") != 0) {
        out = u_fopen(argv[g.ind + 1], "w", &err);
        if (out == NULL) {
            u_perror("uniq", argv[g.ind + 1], err);
            return 1;
        }
    }
    char *line = NULL, *prev = NULL;
    size_t cap = 0, pcap = 0, plen = 0;
    uint64_t run = 0;
    int64_t len;
    while ((len = u_getline(&line, &cap, in)) >= 0) {
        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        if (run > 0 && same(line, (size_t)len, prev, plen, o.icase)) {
            run++;
            continue;
        }
        if (run > 0)
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
    if (run > 0)
        emit(out, prev, plen, run, &o);
    if (out != u_stdout())
        u_fclose(out);
    u_input_close(in);
    return 0;
}
