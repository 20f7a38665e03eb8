/* tail [-n [+]N] [-c [+]N] [-N] [-qv] [FILE...]: the last lines or bytes,
 * or everything from line / byte N with "+N". The input is read whole into
 * the heap, then the start is found by walking back from the end. */
#include <string.h>

#include "ulib.h"

#define TAIL_CHUNK 65536

typedef struct TailOpts {
    bool bytes; /* -c */
    bool from;  /* "+N": start at line / byte N */
    uint64_t count;
} TailOpts;

static SyscallError read_all(int fd, char **out, size_t *len)
{
    size_t cap = TAIL_CHUNK, n = 0;
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

/* Offset in buf[0..len) where the output starts. */
static size_t start_of(const char *buf, size_t len, const TailOpts *o)
{
    if (o->bytes) {
        if (o->from)
            return o->count > 1 ? (o->count - 1 < len ? (size_t)o->count - 1 : len) : 0;
        return o->count >= len ? 0 : len - (size_t)o->count;
    }
    if (o->from) {
        size_t i = 0;
        for (uint64_t line = 1; line < o->count && i < len; line++) {
            const char *nl = memchr(buf + i, '\n', len - i);
            i = nl ? (size_t)(nl - buf) + 1 : len;
        }
        return i;
    }
    if (o->count == 0)
        return len;
    /* Walk back: the last line may lack its '\n'. */
    size_t i = len;
    if (i > 0 && buf[i - 1] == '\n')
        i--;
    uint64_t seen = 0;
    while (i > 0) {
        if (buf[i - 1] == '\n' && ++seen == o->count)
            break;
        i--;
    }
    return i;
}

static bool parse_count(const char *arg, TailOpts *o)
{
    int64_t v;
    o->from = arg[0] == '+';
    if (!u_parse_i64(arg, &v))
        return false;
    o->count = (uint64_t)(v < 0 ? -v : v);
    return true;
}

int tail_main(int argc, char **argv)
{
    TailOpts o = {false, false, 10};
    int verbose = -1;
    UGetopt g = U_GETOPT_INIT;
    /* "-5" and "+5": the old spellings of "-n 5" and "-n +5". */
    if (argc > 1 && (argv[1][0] == '-' || argv[1][0] == '+') && argv[1][1] >= '0' &&
        argv[1][1] <= '9') {
        if (!parse_count(argv[1][0] == '+' ? argv[1] : argv[1] + 1, &o)) {
            u_eprintf("tail: invalid number of lines: '%s'\n", argv[1]);
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
                u_eprintf("tail: invalid number of %s: '%s'\n", o.bytes ? "bytes" : "lines",
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
    int status = 0;
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        bool is_stdin = strcmp(files[i], "-") == 0;
        int fd = 0;
        if (!is_stdin) {
            SyscallResult r = sys_open(files[i], AX_O_RDONLY, 0);
            if (r.error != AX_OK) {
                u_eprintf("tail: cannot open '%s' for reading: %s\n", files[i],
                          sys_strerror(r.error));
                status = 1;
                continue;
            }
            fd = (int)r.value;
        }
        char *buf;
        size_t len;
        SyscallError err = read_all(fd, &buf, &len);
        if (fd != 0)
            sys_close(fd);
        if (err != AX_OK) {
            u_eprintf("tail: error reading '%s': %s\n", files[i], sys_strerror(err));
            status = 1;
            continue;
        }
        if (headers)
            u_printf("%s==> %s <==\n", first ? "" : "\n", is_stdin ? "standard input" : files[i]);
        first = false;
        size_t start = start_of(buf, len, &o);
        u_fwrite(buf + start, len - start, u_stdout());
        xfree(buf);
    }
    return status;
}
