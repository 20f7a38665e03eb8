/* realpath [OPTION]... FILE...: print each FILE's absolute name with no
 * ".", ".." or symbolic link, as GNU realpath: every component but the
 * last must exist (-e: the last too; -m: none); -s leaves links as they
 * are; -L resolves ".." before the links before it (-P, the default,
 * after). */
#include <string.h>

#include "ulib.h"

int realpath_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"canonicalize-existing", U_NO_ARG, 'e'}, {"canonicalize-missing", U_NO_ARG, 'm'},
        {"strip", U_NO_ARG, 's'},                 {"no-symlinks", U_NO_ARG, 's'},
        {"logical", U_NO_ARG, 'L'},               {"physical", U_NO_ARG, 'P'},
        {"quiet", U_NO_ARG, 'q'},                 {"zero", U_NO_ARG, 'z'},
        {NULL, 0, 0},
    };
    int mode = U_CANON_PARENT, flags = 0;
    bool quiet = false, logical = false;
    char end = '\n';
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "emsLPqz", longopts)) != -1) {
        switch (c) {
        case 'e': mode = U_CANON_EXISTING; break;
        case 'm': mode = U_CANON_MISSING; break;
        case 's': flags = U_CANON_NOLINKS; break;
        case 'L': logical = true; break;
        case 'P': logical = false; break;
        case 'q': quiet = true; break;
        case 'z': end = '\0'; break;
        default: return 1;
        }
    }
    if (g.ind == argc) {
        u_usage_error("realpath", "missing operand");
        return 1;
    }
    int status = 0;
    for (int i = g.ind; i < argc; i++) {
        /* -L and -s: ".." takes the name before it away first */
        char *lexical = *argv[i] && (logical || flags) ? u_path_abs(argv[i]) : NULL;
        char out[AX_PATH_MAX];
        SyscallError err = u_canonicalize(lexical ? lexical : argv[i], mode | flags, out, sizeof out);
        xfree(lexical);
        if (err != AX_OK) {
            if (!quiet)
                u_eprintf("realpath: %s: %s\n", *argv[i] ? argv[i] : "''", sys_strerror(err));
            status = 1;
            continue;
        }
        u_printf("%s%c", out, end);
    }
    return status;
}
