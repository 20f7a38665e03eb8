/* mkfifo [-m MODE] NAME...: make FIFOs (named pipes). */
#include <stdlib.h>

#include "ulib.h"

int mkfifo_main(int argc, char **argv)
{
    uint32_t mode = 0666;
    UGetopt g = U_GETOPT_INIT;
    static const ULongOpt longopts[] = {{"mode", U_REQ_ARG, 'm'}, {NULL, 0, 0}};
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "m:", longopts)) != -1) {
        switch (c) {
        case 'm': {
            char *end;
            long m = strtol(g.arg, &end, 8);
            if (!*g.arg || *end || m < 0 || m > 07777) {
                u_eprintf("mkfifo: invalid mode '%s'\n", g.arg);
                return 1;
            }
            mode = (uint32_t)m;
            break;
        }
        default: return 1;
        }
    }
    if (g.ind >= argc) {
        u_eprintf("mkfifo: missing operand\nTry 'mkfifo --help' for more information.\n");
        return 1;
    }
    int status = 0;
    for (int i = g.ind; i < argc; i++) {
        SyscallResult r = sys_mkfifo(argv[i], mode);
        if (r.error != AX_OK) {
            u_eprintf("mkfifo: cannot create fifo '%s': %s\n", argv[i], sys_strerror(r.error));
            status = 1;
        }
    }
    return status;
}
