/* realpath [OPTION]... FILE...: print each FILE's absolute name with no
 * "." or ".." (axos has no symbolic links to resolve yet). As GNU: every
 * component but the last must exist (-e: the last too; -m: none). */
#include <string.h>

#include "ulib.h"

int realpath_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"canonicalize-existing", U_NO_ARG, 'e'}, {"canonicalize-missing", U_NO_ARG, 'm'},
        {"strip", U_NO_ARG, 's'},                 {"no-symlinks", U_NO_ARG, 's'},
        {"quiet", U_NO_ARG, 'q'},                 {"zero", U_NO_ARG, 'z'},
        {NULL, 0, 0},
    };
    int mode = 0; /* 0: the parent must exist; 'e': all; 'm': none */
    bool quiet = false;
    char end = '\n';
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "emsqzL", longopts)) != -1) {
        switch (c) {
        case 'e': case 'm': mode = c; break;
        case 's': case 'L': break;
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
        if (!*argv[i]) {
            if (!quiet)
                u_eprintf("realpath: '': No such file or directory\n");
            status = 1;
            continue;
        }
        char *abs = u_path_abs(argv[i]);
        FileStat st;
        SyscallError err = AX_OK;
        if (mode == 'e') {
            err = sys_stat(abs, &st).error;
        } else if (mode == 0) {
            SyscallResult r = sys_stat(abs, &st);
            if (r.error != AX_OK) {
                /* the last one may be missing; its directory may not */
                char *slash = strrchr(abs, '/');
                char *dir = xstrndup(abs, slash && slash != abs ? (size_t)(slash - abs) : 1);
                SyscallResult d = sys_stat(dir, &st);
                err = d.error != AX_OK ? d.error : !AX_S_ISDIR(st.mode) ? AX_ENOTDIR : AX_OK;
                xfree(dir);
            }
        }
        if (err != AX_OK) {
            if (!quiet)
                u_eprintf("realpath: %s: %s\n", argv[i], sys_strerror(err));
            status = 1;
        } else {
            u_printf("%s%c", abs, end);
        }
        xfree(abs);
    }
    return status;
}
