/* yes [string...]: print the line forever. A buffer full of copies goes
 * out per write, so a reader gets big chunks and yes costs little. */
#include <string.h>

#include "ulib.h"

#define YES_CHUNK 16384

int yes_main(int argc, char **argv)
{
    u_std_options(argc, argv);
    size_t len = 0;
    for (int i = 1; i < argc; i++)
        len += strlen(argv[i]) + 1;
    if (argc < 2)
        len = 2;
    char *line = xmalloc(len + 1);
    if (argc < 2) {
        memcpy(line, "y\n", 3);
    } else {
        char *p = line;
        for (int i = 1; i < argc; i++) {
            size_t n = strlen(argv[i]);
            memcpy(p, argv[i], n);
            p += n;
            *p++ = i + 1 < argc ? ' ' : '\n';
        }
    }
    size_t cap = len > YES_CHUNK ? len : YES_CHUNK;
    char *buf = xmalloc(cap);
    size_t fill = 0;
    while (fill + len <= cap) {
        memcpy(buf + fill, line, len);
        fill += len;
    }
    /* Runs until the reader goes away (EPIPE, or SIGPIPE kills us). */
    for (;;) {
        if (u_write_all(1, buf, fill) < 0)
            return 1;
    }
}
