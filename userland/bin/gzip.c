/* gzip [-cdfkqtv19] [FILE]..., gunzip (gzip -d) and zcat (gzip -dc):
 * compress FILE into FILE.gz (or back), keeping its mode and times and
 * removing FILE unless -k or -c; standard input to standard output with
 * no FILE or "-". GNU gzip's messages and statuses: 1 for an error, 2
 * when only warnings were given (a skipped file). The data is zlib's. */
#include <string.h>

#include "zstream.h"

typedef struct GzOpts {
    const char *prog;
    bool decompress, to_stdout, force, keep, quiet, test, verbose;
    int level;
    const char *suffix;
    int status;
} GzOpts;

static void gz_warn(GzOpts *o)
{
    if (o->status == 0)
        o->status = 2;
}

/* Copy in to out, compressing or decompressing: 0, or 1 after a message. */
static int gz_copy(GzOpts *o, int in, int out, const char *name, uint64_t *bytes_in,
                   uint64_t *bytes_out)
{
    SyscallError err = AX_OK;
    static const size_t CH = 65536;
    char *buf = xmalloc(CH);
    int rc = 0;
    if (!o->decompress) {
        ZStream *z = zs_writer(out, o->level, &err);
        if (!z) {
            u_eprintf("%s: %s: %s\n", o->prog, name, sys_strerror(err));
            xfree(buf);
            return 1;
        }
        for (;;) {
            SyscallResult r = sys_read(in, buf, CH);
            if (r.error == AX_EINTR)
                continue;
            if (r.error != AX_OK) {
                u_eprintf("%s: %s: %s\n", o->prog, name, sys_strerror(r.error));
                rc = 1;
                break;
            }
            if (r.value == 0)
                break;
            *bytes_in += (uint64_t)r.value;
            int w = zs_write(z, buf, (size_t)r.value);
            if (w < 0) {
                u_eprintf("%s: %s\n", o->prog, sys_strerror(-w));
                rc = 1;
                break;
            }
        }
        int c = zs_close(z);
        if (c < 0 && !rc) {
            u_eprintf("%s: %s\n", o->prog, sys_strerror(-c));
            rc = 1;
        }
    } else {
        ZStream *z = zs_reader(in, &err);
        if (!z) {
            u_eprintf("%s: %s: %s\n", o->prog, name, sys_strerror(err));
            xfree(buf);
            return 1;
        }
        for (;;) {
            const char *why;
            int64_t n = zs_read(z, buf, CH, &why);
            if (n < 0) {
                u_eprintf("%s: %s: %s\n", o->prog, name, why ? why : sys_strerror((SyscallError)-n));
                rc = 1;
                break;
            }
            if (n == 0)
                break;
            *bytes_out += (uint64_t)n;
            if (!o->test) {
                int w = u_write_all(out, buf, (size_t)n);
                if (w < 0) {
                    u_eprintf("%s: %s\n", o->prog, sys_strerror(-w));
                    rc = 1;
                    break;
                }
            }
        }
        zs_close(z);
    }
    xfree(buf);
    return rc;
}

static bool has_suffix(const char *name, const char *suf)
{
    size_t n = strlen(name), s = strlen(suf);
    return n > s && strcmp(name + n - s, suf) == 0;
}

static void gz_stdin(GzOpts *o)
{
    if (!o->decompress && !o->force && u_isatty(1)) {
        u_eprintf("%s: compressed data not written to a terminal. Use -f to force compression.\n"
                  "For help, type: %s -h\n", o->prog, o->prog);
        o->status = 1;
        return;
    }
    uint64_t bi = 0, bo = 0;
    u_fflush(NULL);
    if (gz_copy(o, 0, 1, "stdin", &bi, &bo))
        o->status = 1;
}

static void gz_file(GzOpts *o, const char *path)
{
    if (strcmp(path, "-") == 0) {
        gz_stdin(o);
        return;
    }
    FileStat st;
    SyscallResult r = sys_stat(path, &st);
    if (r.error != AX_OK) {
        u_eprintf("%s: %s: %s\n", o->prog, path, sys_strerror(r.error));
        o->status = 1;
        return;
    }
    if (AX_S_ISDIR(st.mode)) {
        if (!o->quiet)
            u_eprintf("%s: %s is a directory -- ignored\n", o->prog, path);
        gz_warn(o);
        return;
    }
    char *target = NULL;
    if (!o->to_stdout && !o->test) {
        if (!o->decompress) {
            if (has_suffix(path, o->suffix)) {
                if (!o->quiet)
                    u_eprintf("%s: %s already has %s suffix -- unchanged\n", o->prog, path, o->suffix);
                gz_warn(o);
                return;
            }
            target = xmalloc(strlen(path) + strlen(o->suffix) + 1);
            strcpy(target, path);
            strcat(target, o->suffix);
        } else {
            size_t n = strlen(path);
            if (has_suffix(path, o->suffix))
                target = xstrndup(path, n - strlen(o->suffix));
            else if (has_suffix(path, ".tgz")) {
                target = xmalloc(n + 1);
                memcpy(target, path, n - 4);
                strcpy(target + n - 4, ".tar");
            } else {
                if (!o->quiet)
                    u_eprintf("%s: %s: unknown suffix -- ignored\n", o->prog, path);
                gz_warn(o);
                return;
            }
        }
        FileStat ts;
        if (!o->force && sys_stat(target, &ts).error == AX_OK) {
            u_eprintf("%s: %s already exists;\tnot overwritten\n", o->prog, target);
            gz_warn(o);
            xfree(target);
            return;
        }
    }
    r = sys_open(path, AX_O_RDONLY, 0);
    if (r.error != AX_OK) {
        u_eprintf("%s: %s: %s\n", o->prog, path, sys_strerror(r.error));
        o->status = 1;
        xfree(target);
        return;
    }
    int in = (int)r.value, out = 1;
    if (target) {
        r = sys_open(target, AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, st.mode & 07777);
        if (r.error != AX_OK) {
            u_eprintf("%s: %s: %s\n", o->prog, target, sys_strerror(r.error));
            o->status = 1;
            sys_close(in);
            xfree(target);
            return;
        }
        out = (int)r.value;
    } else {
        u_fflush(NULL);
    }
    uint64_t bi = 0, bo = 0;
    int rc = gz_copy(o, in, out, path, &bi, &bo);
    sys_close(in);
    if (target) {
        int64_t times[2] = {(int64_t)st.atime_ns, (int64_t)st.mtime_ns};
        sys_futimens(out, times);
        sys_close(out);
        if (rc) {
            sys_unlink(target); /* never leave half a file */
        } else {
            if (!o->keep)
                sys_unlink(path);
            if (o->verbose) {
                FileStat os;
                uint64_t csize = sys_stat(target, &os).error == AX_OK ? os.size : 0;
                uint64_t big = o->decompress ? os.size : st.size, small = o->decompress ? st.size : csize;
                double ratio = big ? 100.0 * (1.0 - (double)small / (double)big) : 0.0;
                u_eprintf("%s:\t%5.1f%% -- %s with %s\n", path, ratio,
                          o->keep ? "created" : "replaced", target);
            }
        }
    } else if (o->test && o->verbose && !rc) {
        u_eprintf("%s:\t OK\n", path);
    }
    if (rc)
        o->status = 1;
    xfree(target);
}

static const ULongOpt gz_longopts[] = {
    {"stdout", U_NO_ARG, 'c'}, {"to-stdout", U_NO_ARG, 'c'}, {"decompress", U_NO_ARG, 'd'},
    {"uncompress", U_NO_ARG, 'd'}, {"force", U_NO_ARG, 'f'}, {"keep", U_NO_ARG, 'k'},
    {"quiet", U_NO_ARG, 'q'}, {"test", U_NO_ARG, 't'}, {"verbose", U_NO_ARG, 'v'},
    {"suffix", U_REQ_ARG, 'S'}, {"fast", U_NO_ARG, '1'}, {"best", U_NO_ARG, '9'},
    {"no-name", U_NO_ARG, 'n'}, {"name", U_NO_ARG, 'N'}, {NULL, 0, 0},
};

static int gz_run(int argc, char **argv, bool decompress, bool to_stdout)
{
    /* gunzip and zcat speak as gzip, as GNU's (scripts running gzip) do */
    GzOpts o = {.prog = "gzip", .decompress = decompress, .to_stdout = to_stdout, .level = 6,
                .suffix = ".gz"};
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "cdfkqtvS:nN123456789", gz_longopts)) != -1) {
        switch (c) {
        case 'c': o.to_stdout = true; break;
        case 'd': o.decompress = true; break;
        case 'f': o.force = true; break;
        case 'k': o.keep = true; break;
        case 'q': o.quiet = true; break;
        case 't': o.test = o.decompress = true; break;
        case 'v': o.verbose = true; break;
        case 'S':
            if (!g.arg[0] || strchr(g.arg, '/')) {
                u_eprintf("gzip: invalid suffix '%s'\n", g.arg);
                return 1;
            }
            o.suffix = g.arg;
            break;
        case 'n': case 'N': break; /* the name and time are not stored */
        case '?': return 1;
        default: o.level = c - '0'; break;
        }
    }
    if (g.ind >= argc)
        gz_stdin(&o);
    for (int i = g.ind; i < argc; i++)
        gz_file(&o, argv[i]);
    return o.status;
}

int gzip_main(int argc, char **argv)
{
    return gz_run(argc, argv, false, false);
}

int gunzip_main(int argc, char **argv)
{
    return gz_run(argc, argv, true, false);
}

int zcat_main(int argc, char **argv)
{
    return gz_run(argc, argv, true, true);
}
