/* rev [FILE...]: print each line with its characters in reverse order
 * (UTF-8 sequences stay whole). */
#include <string.h>

#include "ulib.h"

static int rev_stream(UStream *in, const char *name, void *ctx)
{
    UStream *out = u_stdout();
    char *line = NULL, *rev = NULL;
    size_t cap = 0, rcap = 0;
    int64_t len;
    while ((len = u_getline(&line, &cap, in)) >= 0) {
        bool nl = len > 0 && line[len - 1] == '\n';
        size_t n = (size_t)len - nl;
        if (rcap < n + 1)
            rev = xrealloc(rev, rcap = n + 1);
        /* copy characters from the end, each with its continuation bytes */
        size_t o = 0, i = n;
        while (i > 0) {
            size_t start = i - 1;
            while (start > 0 && ((unsigned char)line[start] & 0xc0) == 0x80 && i - start < 4)
                start--;
            if (((unsigned char)line[start] & 0xc0) != 0xc0 && start != i - 1)
                start = i - 1; /* not a valid sequence: bytes one by one */
            memcpy(rev + o, line + start, i - start);
            o += i - start;
            i = start;
        }
        u_fwrite(rev, o, out);
        if (nl)
            u_putc('\n', out);
    }
    xfree(line);
    xfree(rev);
    return 0;
}

int rev_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    if (u_getopt_long(&g, argc, argv, "", NULL) != -1)
        return 1;
    size_t n;
    char *const *files = u_operands(argc, argv, g.ind, &n);
    return u_each_stream("rev", files, n, rev_stream, NULL);
}
