/* ulib option parsing: POSIX getopt with its state in the caller's struct
 * (a static optind would be shared by every process running the program). */
#include <string.h>

#include "ulib.h"

int u_getopt(UGetopt *g, int argc, char **argv, const char *optstring)
{
    bool quiet = optstring[0] == ':';
    g->arg = NULL;
    if (g->pos == 0) {
        if (g->ind >= argc || argv[g->ind] == NULL)
            return -1;
        const char *a = argv[g->ind];
        if (a[0] != '-' || a[1] == '\0')
            return -1; /* an operand, or "-" alone */
        if (strcmp(a, "--") == 0) {
            g->ind++;
            return -1;
        }
        g->pos = 1;
    }
    char *a = argv[g->ind];
    int c = (unsigned char)a[g->pos++];
    g->opt = c;
    const char *spec = c == ':' ? NULL : strchr(optstring + quiet, c);
    bool last = a[g->pos] == '\0';
    if (spec == NULL) {
        if (last) {
            g->ind++;
            g->pos = 0;
        }
        if (!quiet)
            u_eprintf("%s: invalid option -- '%c'\n", argv[0], c);
        return '?';
    }
    if (spec[1] != ':') {
        if (last) {
            g->ind++;
            g->pos = 0;
        }
        return c;
    }
    /* The option takes an argument: the rest of this word, or the next. */
    if (!last) {
        g->arg = a + g->pos;
        g->ind++;
    } else if (g->ind + 1 < argc) {
        g->arg = argv[g->ind + 1];
        g->ind += 2;
    } else {
        g->ind++;
        g->pos = 0;
        if (quiet)
            return ':';
        u_eprintf("%s: option requires an argument -- '%c'\n", argv[0], c);
        return '?';
    }
    g->pos = 0;
    return c;
}
