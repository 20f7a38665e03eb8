/* readlink [OPTION]... FILE...: print the target of each symbolic link,
 * or with -f / -e / -m its canonical name (every link resolved: all but
 * the last component must exist / all / none), as GNU readlink. Quiet by
 * default (-v reports errors); -n drops the newline for one FILE; -z
 * ends each name with a NUL. */
#include <string.h>

#include "ulib.h"

int readlink_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"canonicalize", U_NO_ARG, 'f'},         {"canonicalize-existing", U_NO_ARG, 'e'},
        {"canonicalize-missing", U_NO_ARG, 'm'}, {"no-newline", U_NO_ARG, 'n'},
        {"quiet", U_NO_ARG, 'q'},                {"silent", U_NO_ARG, 's'},
        {"verbose", U_NO_ARG, 'v'},              {"zero", U_NO_ARG, 'z'},
        {NULL, 0, 0},
    };
    int mode = -1; /* -1: the link's own target; else a U_CANON_* mode */
    bool verbose = false, no_newline = false;
    char end = '\n';
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "femnqsvz", longopts)) != -1) {
        switch (c) {
        case 'f': mode = U_CANON_PARENT; break;
        case 'e': mode = U_CANON_EXISTING; break;
        case 'm': mode = U_CANON_MISSING; break;
        case 'n': no_newline = true; break;
        case 'q': case 's': verbose = false; break;
        case 'v': verbose = true; break;
        case 'z': end = '\0'; break;
        default: return 1;
        }
    }
    if (g.ind == argc) {
        u_usage_error("readlink", "missing operand");
        return 1;
    }
    if (no_newline && argc - g.ind > 1) {
        u_eprintf("readlink: ignoring --no-newline with multiple arguments\n");
        no_newline = false;
    }
    int status = 0;
    for (int i = g.ind; i < argc; i++) {
        char out[AX_PATH_MAX];
        SyscallError err;
        if (mode >= 0) {
            err = u_canonicalize(argv[i], mode, out, sizeof out);
        } else {
            SyscallResult r = sys_readlink(argv[i], out, sizeof out - 1);
            err = r.error;
            if (err == AX_OK)
                out[r.value] = '\0';
        }
        if (err != AX_OK) {
            if (verbose)
                u_eprintf("readlink: %s: %s\n", argv[i], sys_strerror(err));
            status = 1;
            continue;
        }
        u_fputs(out, u_stdout());
        if (!no_newline)
            u_putc(end, u_stdout());
    }
    return status;
}
