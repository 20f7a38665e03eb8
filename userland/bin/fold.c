/* fold [-bs] [-w WIDTH] [FILE...]: wrap lines at WIDTH columns (80).
 * Columns count as a terminal shows them: a tab to the next multiple of
 * 8, a backspace one back, a carriage return to 0; -b counts bytes. -s
 * breaks after the last blank that fits, where there is one. */
#include <string.h>

#include "ulib.h"

typedef struct FoldOpts {
    size_t width;
    bool bytes, spaces;
} FoldOpts;

static size_t advance(size_t col, char c, bool bytes)
{
    if (bytes)
        return col + 1;
    if (c == '\t')
        return col + 8 - col % 8;
    if (c == '\b')
        return col ? col - 1 : 0;
    if (c == '\r')
        return 0;
    return col + 1;
}

static int fold_stream(UStream *in, const char *name, void *ctx)
{
    const FoldOpts *o = ctx;
    UStream *out = u_stdout();
    char *line = NULL;
    size_t cap = 0;
    int64_t len;
    while ((len = u_getline(&line, &cap, in)) >= 0) {
        bool nl = len > 0 && line[len - 1] == '\n';
        size_t n = (size_t)len - nl, start = 0, col = 0;
        for (size_t i = 0; i < n;) {
            size_t next = advance(col, line[i], o->bytes);
            if (next > o->width && i > start) {
                size_t cut = i;
                if (o->spaces) {
                    size_t b = i;
                    while (b > start && line[b - 1] != ' ' && line[b - 1] != '\t')
                        b--;
                    if (b > start)
                        cut = b;
                }
                u_fwrite(line + start, cut - start, out);
                u_putc('\n', out);
                start = cut;
                col = 0;
                for (size_t k = start; k < i; k++)
                    col = advance(col, line[k], o->bytes);
                continue;
            }
            col = next;
            i++;
        }
        u_fwrite(line + start, n - start, out);
        if (nl)
            u_putc('\n', out);
    }
    xfree(line);
    (void)name;
    return 0;
}

int fold_main(int argc, char **argv)
{
    FoldOpts o = {80, false, false};
    static const ULongOpt longopts[] = {
        {"bytes", U_NO_ARG, 'b'}, {"spaces", U_NO_ARG, 's'}, {"width", U_REQ_ARG, 'w'},
        {NULL, 0, 0},
    };
    UGetopt g = U_GETOPT_INIT;
    int c;
    int64_t w = 1;
    /* the old -WIDTH form */
    if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
        if (!u_parse_i64(argv[1] + 1, &w) || w < 1) {
            u_eprintf("fold: invalid number of columns: '%s'%s\n", argv[1] + 1,
                      w < 1 ? ": Numerical result out of range" : "");
            return 1;
        }
        o.width = (size_t)w;
        g.ind = 2;
    }
    while ((c = u_getopt_long(&g, argc, argv, "bsw:", longopts)) != -1) {
        switch (c) {
        case 'b': o.bytes = true; break;
        case 's': o.spaces = true; break;
        case 'w':
            if (!u_parse_i64(g.arg, &w) || w < 1) {
                w = u_parse_i64(g.arg, &w) ? 0 : 1;
                u_eprintf("fold: invalid number of columns: '%s'%s\n", g.arg,
                          w < 1 ? ": Numerical result out of range" : "");
                return 1;
            }
            o.width = (size_t)w;
            break;
        default: return 1;
        }
    }
    size_t n;
    char *const *files = u_operands(argc, argv, g.ind, &n);
    return u_each_stream("fold", files, n, fold_stream, &o);
}
