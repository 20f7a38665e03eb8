/* ulib operands: the shared conventions of file filters and of cp / mv. */
#include <string.h>

#include "ulib.h"

char *const *u_operands(int argc, char **argv, int first, size_t *n)
{
    static char *const only_stdin[] = {"-", NULL};
    if (first >= argc) {
        *n = 1;
        return only_stdin;
    }
    *n = (size_t)(argc - first);
    return argv + first;
}

int u_open_operand(const char *path)
{
    if (strcmp(path, "-") == 0)
        return 0;
    SyscallResult r = sys_open(path, AX_O_RDONLY, 0);
    return r.error == AX_OK ? (int)r.value : -(int)r.error;
}

SyscallError u_read_all(int fd, char **out, size_t *len)
{
    size_t cap = 65536, n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (n == cap)
            buf = xrealloc(buf, cap *= 2);
        SyscallResult r = sys_read(fd, buf + n, cap - n);
        if (r.error != AX_OK) {
            xfree(buf);
            return r.error;
        }
        if (r.value == 0)
            break;
        n += (size_t)r.value;
    }
    *out = buf;
    *len = n;
    return AX_OK;
}

int u_each_target(const char *prog, int argc, char **argv, int first, UTargetFn fn, void *ctx)
{
    int n = argc - first;
    if (n < 2) {
        if (n == 0)
            u_eprintf("%s: missing file operand\n", prog);
        else
            u_eprintf("%s: missing destination file operand after '%s'\n", prog, argv[first]);
        u_eprintf("Try '%s --help' for more information.\n", prog);
        return 1;
    }
    const char *dest = argv[argc - 1];
    FileStat st;
    bool dest_dir = sys_stat(dest, &st).error == AX_OK && AX_S_ISDIR(st.mode);
    if (n > 2 && !dest_dir) {
        u_eprintf("%s: target '%s': Not a directory\n", prog, dest);
        return 1;
    }
    int status = 0;
    for (int i = first; i < argc - 1; i++) {
        if (!dest_dir) {
            status |= fn(argv[i], dest, ctx);
            continue;
        }
        char *base = u_path_base(argv[i]);
        char *target = u_path_join(dest, base);
        status |= fn(argv[i], target, ctx);
        xfree(target);
        xfree(base);
    }
    return status;
}
