/* tee [-aip] [FILE...]: copy stdin to stdout and to each file, as it comes
 * (no buffering beyond one read). */
#include "ulib.h"

#define TEE_BUF 65536

int tee_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    int flags = AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC;
    int c;
    static const ULongOpt longopts[] = {
        {"append", U_NO_ARG, 'a'},
        {"ignore-interrupts", U_NO_ARG, 'i'},
        {"output-error", U_OPT_ARG, 'p'},
        {NULL, 0, 0},
    };
    while ((c = u_getopt_long(&g, argc, argv, "aip", longopts)) != -1) {
        if (c == '?')
            return 1;
        if (c == 'a')
            flags = AX_O_WRONLY | AX_O_CREAT | AX_O_APPEND;
        if (c == 'i')
            sys_signal(AX_SIGINT, AX_SIG_IGN);
        if (c == 'p')
            sys_signal(AX_SIGPIPE, AX_SIG_IGN); /* a gone reader is an error, not death */
    }
    int nfiles = argc - g.ind;
    int *fds = xmalloc((size_t)(nfiles + 1) * sizeof(int));
    const char **names = xmalloc((size_t)(nfiles + 1) * sizeof(char *));
    int n = 0, status = 0;
    fds[n] = 1;
    names[n++] = "standard output";
    for (int i = g.ind; i < argc; i++) {
        SyscallResult r = sys_open(argv[i], flags, 0666);
        if (r.error != AX_OK) {
            u_perror("tee", argv[i], r.error);
            status = 1;
            continue;
        }
        fds[n] = (int)r.value;
        names[n++] = argv[i];
    }
    char *buf = xmalloc(TEE_BUF);
    for (;;) {
        SyscallResult r = sys_read(0, buf, TEE_BUF);
        if (r.error != AX_OK) {
            u_perror("tee", "read error", r.error);
            status = 1;
            break;
        }
        if (r.value == 0)
            break;
        for (int i = 0; i < n; i++) {
            if (fds[i] < 0)
                continue;
            int w = u_write_all(fds[i], buf, (size_t)r.value);
            if (w < 0) {
                u_perror("tee", names[i], (SyscallError)-w);
                fds[i] = -1; /* stop writing there, keep the others going */
                status = 1;
            }
        }
    }
    for (int i = 1; i < n; i++)
        if (fds[i] >= 0)
            sys_close(fds[i]);
    return status;
}
