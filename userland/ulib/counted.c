/* ulib: the option and operand conventions that head and tail share. */
#include <string.h>

#include "ulib.h"

static bool parse_count(const char *arg, UCountOpts *o)
{
    int64_t v;
    if (!u_parse_i64(arg, &v))
        return false;
    o->sign = arg[0] == '-' || arg[0] == '+' ? arg[0] : 0;
    o->count = (uint64_t)(v < 0 ? -v : v);
    return true;
}

int u_count_options(const char *prog, int argc, char **argv, bool plus_shorthand, UCountOpts *o)
{
    *o = (UCountOpts){false, 0, 10, -1};
    UGetopt g = U_GETOPT_INIT;
    const char *a = argc > 1 ? argv[1] : "";
    if ((a[0] == '-' || (a[0] == '+' && plus_shorthand)) && a[1] >= '0' && a[1] <= '9') {
        /* "-5" is the old "-n 5"; "+5" the old "-n +5". */
        if (!parse_count(a[0] == '+' ? a : a + 1, o)) {
            u_eprintf("%s: invalid number of lines: '%s'\n", prog, a);
            return -1;
        }
        g.ind = 2;
    }
    int c;
    while ((c = u_getopt(&g, argc, argv, "n:c:qv")) != -1) {
        switch (c) {
        case 'n':
        case 'c':
            o->bytes = c == 'c';
            if (!parse_count(g.arg, o)) {
                u_eprintf("%s: invalid number of %s: '%s'\n", prog, o->bytes ? "bytes" : "lines",
                          g.arg);
                return -1;
            }
            break;
        case 'q': o->verbose = 0; break;
        case 'v': o->verbose = 1; break;
        default: return -1;
        }
    }
    return g.ind;
}

int u_each_input(const char *prog, char *const *files, size_t n, bool headers, UInputFn fn,
                 void *ctx)
{
    int status = 0;
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        bool is_stdin = strcmp(files[i], "-") == 0;
        int fd = u_open_operand(files[i]);
        if (fd < 0) {
            u_eprintf("%s: cannot open '%s' for reading: %s\n", prog, files[i],
                      sys_strerror((SyscallError)-fd));
            status = 1;
            continue;
        }
        if (headers) {
            u_printf("%s==> %s <==\n", first ? "" : "\n", is_stdin ? "standard input" : files[i]);
            u_fflush(u_stdout()); /* fn may write to fd 1 directly */
        }
        first = false;
        SyscallError err = fn(fd, ctx);
        if (fd != 0)
            sys_close(fd);
        if (err != AX_OK) {
            u_eprintf("%s: error reading '%s': %s\n", prog, files[i], sys_strerror(err));
            status = 1;
        }
    }
    return status;
}
