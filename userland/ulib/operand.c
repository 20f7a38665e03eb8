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

/* Call fn for one source, into dir when dir is set. */
static int one_target(const char *src, const char *dest, bool into_dir, UTargetFn fn, void *ctx)
{
    if (!into_dir)
        return fn(src, dest, ctx);
    char *base = u_path_base(src);
    char *target = u_path_join(dest, base);
    int r = fn(src, target, ctx);
    xfree(target);
    xfree(base);
    return r;
}

int u_each_target(const char *prog, int argc, char **argv, int first, const char *target_dir,
                  bool no_target_dir, UTargetFn fn, void *ctx)
{
    int n = argc - first;
    FileStat st;
    if (target_dir) {
        SyscallResult r = sys_stat(target_dir, &st);
        if (r.error != AX_OK) {
            u_eprintf("%s: failed to access '%s': %s\n", prog, target_dir, sys_strerror(r.error));
            return 1;
        }
        if (!AX_S_ISDIR(st.mode)) {
            u_eprintf("%s: target directory '%s': Not a directory\n", prog, target_dir);
            return 1;
        }
        if (n == 0) {
            u_usage_error(prog, "missing file operand");
            return 1;
        }
        int status = 0;
        for (int i = first; i < argc; i++)
            status |= one_target(argv[i], target_dir, true, fn, ctx);
        return status;
    }
    if (n < 2) {
        if (n == 0)
            u_usage_error(prog, "missing file operand");
        else
            u_usage_error(prog, "missing destination file operand after '%s'", argv[first]);
        return 1;
    }
    if (no_target_dir && n > 2) {
        u_usage_error(prog, "extra operand '%s'", argv[first + 2]);
        return 1;
    }
    const char *dest = argv[argc - 1];
    bool dest_dir = !no_target_dir && sys_stat(dest, &st).error == AX_OK && AX_S_ISDIR(st.mode);
    if (n > 2 && !dest_dir) {
        u_eprintf("%s: target '%s': Not a directory\n", prog, dest);
        return 1;
    }
    int status = 0;
    for (int i = first; i < argc - 1; i++)
        status |= one_target(argv[i], dest, dest_dir, fn, ctx);
    return status;
}

bool u_yes(void)
{
    u_fflush(u_stderr());
    char *line = NULL;
    size_t cap = 0;
    int64_t n = u_getline(&line, &cap, u_stdin());
    bool yes = n > 0 && (line[0] == 'y' || line[0] == 'Y');
    xfree(line);
    return yes;
}
