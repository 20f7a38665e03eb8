/* mktemp [OPTION]... [TEMPLATE]: make a new file (or, with -d, a
 * directory) whose name is TEMPLATE with its trailing X's (at least 3)
 * replaced, and print the name. Without TEMPLATE: tmp.XXXXXXXXXX in
 * $TMPDIR or /tmp. The letters come from the pid, the clock and a
 * counter, so a run under axos's virtual clock makes the same names:
 * determinism matters more here than unpredictability, and O_EXCL still
 * guarantees that the name is new. */
#include <string.h>

#include "ulib.h"

static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

int mktemp_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"directory", U_NO_ARG, 'd'}, {"dry-run", U_NO_ARG, 'u'}, {"quiet", U_NO_ARG, 'q'},
        {"tmpdir", U_OPT_ARG, 'p'},   {NULL, 0, 0},
    };
    bool dir = false, dry = false, quiet = false, in_tmpdir = false;
    const char *tmpdir = NULL;
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "dup:qt", longopts)) != -1) {
        switch (c) {
        case 'd': dir = true; break;
        case 'u': dry = true; break;
        case 'q': quiet = true; break;
        case 'p': tmpdir = g.arg; in_tmpdir = true; break;
        case 't': in_tmpdir = true; break;
        default: return 1;
        }
    }
    if (argc - g.ind > 1) {
        u_usage_error("mktemp", "too many templates");
        return 1;
    }
    const char *tmpl = g.ind < argc ? argv[g.ind] : "tmp.XXXXXXXXXX";
    if (g.ind == argc)
        in_tmpdir = true;
    size_t tl = strlen(tmpl), nx = 0;
    while (nx < tl && tmpl[tl - 1 - nx] == 'X')
        nx++;
    if (nx < 3) {
        if (!quiet)
            u_eprintf("mktemp: too few X's in template '%s'\n", tmpl);
        return 1;
    }
    if (in_tmpdir && strchr(tmpl, '/')) {
        if (!quiet)
            u_eprintf("mktemp: invalid template, '%s', contains directory separator\n", tmpl);
        return 1;
    }
    char *env = NULL;
    if (in_tmpdir && (!tmpdir || !*tmpdir)) {
        env = u_getenv("TMPDIR");
        tmpdir = env && *env ? env : "/tmp";
    }
    char *path = in_tmpdir ? u_path_join(tmpdir, tmpl) : xstrdup(tmpl);
    size_t pl = strlen(path);
    uint64_t seed = (uint64_t)sys_getpid().value * 0x9e3779b97f4a7c15ULL ^
                    (uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
    int status = 1;
    SyscallError err = AX_EEXIST;
    for (int attempt = 0; attempt < 1000 && err == AX_EEXIST; attempt++) {
        uint64_t x = seed + (uint64_t)attempt * 0x2545f4914f6cdd1dULL;
        for (size_t i = pl - nx; i < pl; i++) {
            x ^= x >> 33;
            x *= 0xff51afd7ed558ccdULL;
            x ^= x >> 29;
            path[i] = letters[x % (sizeof letters - 1)];
        }
        FileStat st;
        if (dry)
            err = sys_stat(path, &st).error == AX_OK ? AX_EEXIST : AX_OK;
        else if (dir)
            err = sys_mkdir(path, 0700).error;
        else {
            SyscallResult r = sys_open(path, AX_O_WRONLY | AX_O_CREAT | AX_O_EXCL, 0600);
            err = r.error;
            if (err == AX_OK)
                sys_close((int)r.value);
        }
    }
    if (err == AX_OK) {
        u_printf("%s\n", path);
        status = 0;
    } else if (!quiet) {
        memset(path + pl - nx, 'X', nx);
        u_eprintf("mktemp: failed to create %s via template '%s': %s\n",
                  dir ? "directory" : "file", path, sys_strerror(err));
    }
    xfree(path);
    xfree(env);
    return status;
}
