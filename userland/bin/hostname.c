/* hostname [NAME]: print the machine's name (the first line of
 * /etc/hostname), or set it by writing that file. */
#include <string.h>

#include "ulib.h"

int hostname_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {{"short", U_NO_ARG, 's'}, {NULL, 0, 0}};
    bool is_short = false;
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "s", longopts)) != -1) {
        if (c != 's')
            return 1;
        is_short = true;
    }
    if (argc - g.ind > 1) {
        u_usage_error("hostname", "extra operand '%s'", argv[g.ind + 1]);
        return 1;
    }
    if (g.ind < argc) {
        const char *name = argv[g.ind];
        size_t len = strlen(name);
        /* RFC 1123's limit; no blanks or slashes */
        if (len == 0 || len > 64 || strpbrk(name, " \t\n/")) {
            u_eprintf("hostname: the specified hostname is invalid\n");
            return 1;
        }
        SyscallResult fd = sys_open("/etc/hostname", AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, 0644);
        if (fd.error != AX_OK) {
            u_eprintf("hostname: you must be root to change the host name\n");
            return 1;
        }
        int r = u_write_all((int)fd.value, name, len);
        if (r == 0)
            r = u_write_all((int)fd.value, "\n", 1);
        sys_close((int)fd.value);
        if (r < 0) {
            u_perror("hostname", "/etc/hostname", (SyscallError)-r);
            return 1;
        }
        return 0;
    }
    char buf[256] = "axos";
    int fd = u_open_operand("/etc/hostname");
    if (fd >= 0) {
        SyscallResult r = sys_read(fd, buf, sizeof buf - 1);
        sys_close(fd);
        if (r.error == AX_OK && r.value > 0)
            buf[r.value] = 0;
    }
    buf[strcspn(buf, "\n")] = 0;
    if (is_short)
        buf[strcspn(buf, ".")] = 0;
    u_printf("%s\n", buf);
    return 0;
}
