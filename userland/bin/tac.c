/* tac [-b] [-s SEP] [FILE...]: print files with their lines in reverse
 * order. Each input is read whole, then written from its end. */
#include <string.h>

#include "ulib.h"

typedef struct TacOpts {
    const char *sep; /* the separator string ("\n") */
    size_t seplen;
    bool before;     /* -b: the separator starts a record instead of ending it */
} TacOpts;

/* Split buf into records (each ends after a separator, or with -b starts
 * at one) and write them last first. */
static void tac_buffer(const char *buf, size_t len, const TacOpts *o, UStream *out)
{
    size_t cap = 64, n = 0;
    size_t *starts = xmalloc(cap * sizeof *starts);
    starts[n++] = 0;
    for (size_t i = 0; i + o->seplen <= len;) {
        const char *hit = o->seplen == 1 ? memchr(buf + i, o->sep[0], len - i)
                                         : memmem(buf + i, len - i, o->sep, o->seplen);
        if (!hit)
            break;
        size_t at = (size_t)(hit - buf);
        size_t next = o->before ? at : at + o->seplen;
        if (next > starts[n - 1] && next < len) {
            if (n == cap)
                starts = xrealloc(starts, (cap *= 2) * sizeof *starts);
            starts[n++] = next;
        }
        i = at + o->seplen;
    }
    size_t end = len;
    while (n > 0) {
        size_t start = starts[--n];
        u_fwrite(buf + start, end - start, out);
        end = start;
    }
    xfree(starts);
}

static int tac_stream(UStream *in, const char *name, void *ctx)
{
    char *buf;
    size_t len;
    SyscallError err = u_read_all(u_fileno(in), &buf, &len);
    if (err != AX_OK) {
        u_perror("tac", name, err);
        return 1;
    }
    tac_buffer(buf, len, ctx, u_stdout());
    xfree(buf);
    return 0;
}

int tac_main(int argc, char **argv)
{
    TacOpts o = {"\n", 1, false};
    static const ULongOpt longopts[] = {
        {"before", U_NO_ARG, 'b'}, {"separator", U_REQ_ARG, 's'}, {NULL, 0, 0},
    };
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "bs:", longopts)) != -1) {
        switch (c) {
        case 'b': o.before = true; break;
        case 's':
            if (!*g.arg) {
                u_eprintf("tac: separator cannot be empty\n");
                return 1;
            }
            o.sep = g.arg;
            o.seplen = strlen(g.arg);
            break;
        default: return 1;
        }
    }
    size_t n;
    char *const *files = u_operands(argc, argv, g.ind, &n);
    return u_each_stream("tac", files, n, tac_stream, &o);
}
