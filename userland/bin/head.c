/* head [-n N] [-c N] [-N] [-qv] [FILE...]: the first lines or bytes.
 * A negative N prints all but the last N. head reads in big chunks and
 * stops as soon as it has what it needs, so `yes | head -n 3` ends. */
#include <string.h>

#include "ulib.h"

#define HEAD_BUF 16384

typedef struct HeadOpts {
    bool bytes;  /* -c: count bytes, not lines */
    bool all_but; /* a negative count */
    uint64_t count;
} HeadOpts;

static SyscallError put(const char *buf, size_t n)
{
    int w = u_write_all(1, buf, n);
    return w < 0 ? (SyscallError)-w : AX_OK;
}

/* The first o->count lines or bytes of fd. */
static SyscallError head_first(int fd, const HeadOpts *o, char *buf)
{
    uint64_t left = o->count;
    while (left > 0) {
        SyscallResult r = sys_read(fd, buf, HEAD_BUF);
        if (r.error != AX_OK)
            return r.error;
        if (r.value == 0)
            break;
        size_t n = (size_t)r.value, take = n;
        if (o->bytes) {
            if (take > left)
                take = (size_t)left;
            left -= take;
        } else {
            const char *p = buf, *end = buf + n, *nl;
            while (left > 0 && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
                p = nl + 1;
                left--;
            }
            take = left == 0 ? (size_t)(p - buf) : n;
        }
        SyscallError err = put(buf, take);
        if (err != AX_OK)
            return err;
    }
    return AX_OK;
}

/* Everything but the last o->count lines or bytes: read it all first. */
static SyscallError head_all_but(int fd, const HeadOpts *o)
{
    size_t len = 0, cap = HEAD_BUF;
    char *all = xmalloc(cap);
    for (;;) {
        if (len == cap)
            all = xrealloc(all, cap *= 2);
        SyscallResult r = sys_read(fd, all + len, cap - len);
        if (r.error != AX_OK) {
            xfree(all);
            return r.error;
        }
        if (r.value == 0)
            break;
        len += (size_t)r.value;
    }
    size_t end = len;
    if (o->bytes) {
        end = o->count >= len ? 0 : len - (size_t)o->count;
    } else {
        /* Walk back over count line ends (a last line without '\n' counts). */
        uint64_t left = o->count;
        size_t i = len;
        if (i > 0 && all[i - 1] != '\n' && left > 0) {
            while (i > 0 && all[i - 1] != '\n')
                i--;
            left--;
        }
        while (left > 0 && i > 0) {
            i--;
            while (i > 0 && all[i - 1] != '\n')
                i--;
            left--;
        }
        end = i;
    }
    SyscallError err = put(all, end);
    xfree(all);
    return err;
}

static bool parse_count(const char *arg, HeadOpts *o)
{
    int64_t v;
    if (!u_parse_i64(arg, &v))
        return false;
    o->all_but = arg[0] == '-';
    o->count = (uint64_t)(v < 0 ? -v : v);
    return true;
}

int head_main(int argc, char **argv)
{
    HeadOpts o = {false, false, 10};
    int verbose = -1; /* -1: headers when there are several files */
    UGetopt g = U_GETOPT_INIT;
    /* "-5" is the old spelling of "-n 5". */
    if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
        if (!parse_count(argv[1] + 1, &o)) {
            u_eprintf("head: invalid number of lines: '%s'\n", argv[1] + 1);
            return 1;
        }
        g.ind = 2;
    }
    int c;
    while ((c = u_getopt(&g, argc, argv, "n:c:qv")) != -1) {
        switch (c) {
        case 'n':
        case 'c':
            o.bytes = c == 'c';
            if (!parse_count(g.arg, &o)) {
                u_eprintf("head: invalid number of %s: '%s'\n", o.bytes ? "bytes" : "lines",
                          g.arg);
                return 1;
            }
            break;
        case 'q': verbose = 0; break;
        case 'v': verbose = 1; break;
        default: return 1;
        }
    }
    static char *const only_stdin[] = {"-", NULL};
    char *const *files = g.ind < argc ? argv + g.ind : only_stdin;
    size_t n = g.ind < argc ? (size_t)(argc - g.ind) : 1;
    bool headers = verbose == 1 || (verbose == -1 && n > 1);
    char *buf = xmalloc(HEAD_BUF);
    int status = 0;
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        bool is_stdin = strcmp(files[i], "-") == 0;
        int fd = 0;
        if (!is_stdin) {
            SyscallResult r = sys_open(files[i], AX_O_RDONLY, 0);
            if (r.error != AX_OK) {
                u_eprintf("head: cannot open '%s' for reading: %s\n", files[i],
                          sys_strerror(r.error));
                status = 1;
                continue;
            }
            fd = (int)r.value;
        }
        if (headers) {
            u_printf("%s==> %s <==\n", first ? "" : "\n", is_stdin ? "standard input" : files[i]);
            u_fflush(u_stdout());
        }
        first = false;
        SyscallError err = o.all_but ? head_all_but(fd, &o) : head_first(fd, &o, buf);
        if (fd != 0)
            sys_close(fd);
        if (err != AX_OK) {
            u_eprintf("head: error reading '%s': %s\n", files[i], sys_strerror(err));
            status = 1;
        }
    }
    return status;
}
