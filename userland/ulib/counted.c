/* ulib: the option and operand conventions that head and tail share. */
#include <string.h>

#include "ulib.h"

static bool parse_count(const char *arg, UCountOpts *o)
{
    const char *s = arg;
    char sign = *s == '-' || *s == '+' ? *s++ : 0;
    uint64_t v;
    if (!u_parse_size(s, &v))
        return false;
    o->sign = sign;
    o->count = v;
    return true;
}

enum { OPT_PID = 256, OPT_RETRY, OPT_FOLLOW };

static const ULongOpt head_longopts[] = {
    {"lines", U_REQ_ARG, 'n'},  {"bytes", U_REQ_ARG, 'c'},   {"quiet", U_NO_ARG, 'q'},
    {"silent", U_NO_ARG, 'q'},  {"verbose", U_NO_ARG, 'v'},  {"zero-terminated", U_NO_ARG, 'z'},
    {NULL, 0, 0},
};

static const ULongOpt tail_longopts[] = {
    {"lines", U_REQ_ARG, 'n'},  {"bytes", U_REQ_ARG, 'c'},   {"quiet", U_NO_ARG, 'q'},
    {"silent", U_NO_ARG, 'q'},  {"verbose", U_NO_ARG, 'v'},  {"zero-terminated", U_NO_ARG, 'z'},
    {"follow", U_OPT_ARG, OPT_FOLLOW}, {"retry", U_NO_ARG, OPT_RETRY},
    {"sleep-interval", U_REQ_ARG, 's'}, {"pid", U_REQ_ARG, OPT_PID},
    {NULL, 0, 0},
};

int u_count_options(const char *prog, int argc, char **argv, bool is_tail, UCountOpts *o)
{
    *o = (UCountOpts){false, 0, 10, -1, '\n', 0, false, 1000000000, 0};
    UGetopt g = U_GETOPT_INIT;
    const char *a = argc > 1 ? argv[1] : "";
    if ((a[0] == '-' || (a[0] == '+' && is_tail)) && a[1] >= '0' && a[1] <= '9') {
        /* "-5" is the old "-n 5"; "+5" the old "-n +5". */
        if (!parse_count(a[0] == '+' ? a : a + 1, o)) {
            u_eprintf("%s: invalid number of lines: '%s'\n", prog, a);
            return -1;
        }
        g.ind = 2;
    }
    int c;
    int64_t pid;
    while ((c = u_getopt_long(&g, argc, argv, is_tail ? "n:c:qvzfFs:" : "n:c:qvz",
                              is_tail ? tail_longopts : head_longopts)) != -1) {
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
        case 'z': o->delim = '\0'; break;
        case 'f': o->follow = 'd'; break;
        case 'F': o->follow = 'n'; o->retry = true; break;
        case OPT_FOLLOW:
            if (g.arg == NULL || strcmp(g.arg, "descriptor") == 0) {
                o->follow = 'd';
            } else if (strcmp(g.arg, "name") == 0) {
                o->follow = 'n';
            } else {
                u_usage_error(prog, "invalid argument '%s' for '--follow'", g.arg);
                return -1;
            }
            break;
        case OPT_RETRY: o->retry = true; break;
        case 's':
            if (!u_parse_duration(g.arg, &o->sleep_ns)) {
                u_eprintf("%s: invalid number of seconds: '%s'\n", prog, g.arg);
                return -1;
            }
            break;
        case OPT_PID:
            if (!u_parse_i64(g.arg, &pid) || pid < 0 || pid > INT32_MAX) {
                u_eprintf("%s: invalid PID: '%s'\n", prog, g.arg);
                return -1;
            }
            o->pid = (int)pid;
            break;
        default: return -1;
        }
    }
    return g.ind;
}

void u_put_stdout(const char *prog, const char *buf, size_t n)
{
    u_fflush(u_stdout());
    int w = u_write_all(1, buf, n);
    if (w < 0) {
        u_eprintf("%s: write error: %s\n", prog,
                  sys_strerror((SyscallError)-w));
        u_exit(1);
    }
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
