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
    size_t nfiles;
    char *const *files = u_operands(argc, argv, g.ind, &nfiles);
    int status = 0;
    for (; *files; files++) {
        const char *name = *files;
        int fd = u_open_operand(name);
        if (fd < 0) {
            u_perror("cat", name, (SyscallError)-fd);
            status = 1;
            continue;
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
