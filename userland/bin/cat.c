/* cat [FILE...]: copy files (or stdin, "-") to stdout in big reads and
 * writes, straight through the fds. */
#include <string.h>

#include "ulib.h"

#define CAT_BUF 65536

/* Copy fd to stdout. Returns 0, 1 on a read error (reported), or -1 on a
 * write error (reported; cat stops there). */
static int copy_fd(int fd, const char *name, char *buf)
{
    for (;;) {
        SyscallResult r = sys_read(fd, buf, CAT_BUF);
        if (r.error != AX_OK) {
            u_perror("cat", name, r.error);
            return 1;
        }
        if (r.value == 0)
            return 0;
        int w = u_write_all(1, buf, (size_t)r.value);
        if (w < 0) {
            u_perror("cat", "write error", (SyscallError)-w);
            return -1;
        }
    }
}

int cat_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt(&g, argc, argv, "u")) != -1)
        if (c == '?')
            return 1;
    char *buf = xmalloc(CAT_BUF);
    static char *const only_stdin[] = {"-", NULL};
    char *const *files = g.ind < argc ? argv + g.ind : only_stdin;
    int status = 0;
    for (; *files; files++) {
        const char *name = *files;
        int fd = 0;
        if (strcmp(name, "-") != 0) {
            SyscallResult o = sys_open(name, AX_O_RDONLY, 0);
            if (o.error != AX_OK) {
                u_perror("cat", name, o.error);
                status = 1;
                continue;
            }
            fd = (int)o.value;
        }
        int r = copy_fd(fd, name, buf);
        if (fd != 0)
            sys_close(fd);
        if (r < 0)
            return 1;
        if (r > 0)
            status = 1;
    }
    return status;
}
