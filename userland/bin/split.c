/* split [-l N | -b SIZE | -n N] [-a LEN] [-d | -x] [--additional-suffix=S]
 * [--verbose] [FILE [PREFIX]]: cut FILE (standard input with none or
 * with -) into pieces named PREFIX (x) with suffixes aa, ab..., as GNU
 * split: 1000 lines each by default; without -a the suffixes grow when
 * they run short (xyz is followed by xzaaa). */
#include <string.h>

#include "ulib.h"

typedef struct Split {
    const char *prefix, *extra;
    char *mid;      /* what auto-widening moved into the prefix ("z", "zz"...) */
    int width;
    bool auto_width, verbose;
    const char *digits;
    int base;
    int idx[64];    /* the suffix's digits */
    bool first;
    int fd;
    uint64_t count;
} Split;

/* The next file name, or NULL when the suffixes are used up. */
static char *split_next_name(Split *s)
{
    if (!s->first) {
        int i = s->width - 1;
        while (i >= 0 && ++s->idx[i] == s->base)
            s->idx[i--] = 0;
        if (i < 0)
            return NULL;
        if (s->auto_width && s->idx[0] == s->base - 1 && s->width + 2 < 64) {
            /* the first digit is the last one: move it into the prefix and widen */
            size_t ml = strlen(s->mid);
            s->mid = xrealloc(s->mid, ml + 2);
            s->mid[ml] = s->digits[s->base - 1];
            s->mid[ml + 1] = '\0';
            s->width += 1; /* GNU: xyz is followed by xzaaa */
            memset(s->idx, 0, sizeof s->idx);
        }
    }
    s->first = false;
    size_t pl = strlen(s->prefix), ml = strlen(s->mid), el = strlen(s->extra);
    char *name = xmalloc(pl + ml + (size_t)s->width + el + 1);
    memcpy(name, s->prefix, pl);
    memcpy(name + pl, s->mid, ml);
    for (int i = 0; i < s->width; i++)
        name[pl + ml + (size_t)i] = s->digits[s->idx[i]];
    memcpy(name + pl + ml + s->width, s->extra, el + 1);
    return name;
}

/* Close the current piece and open the next: false after a message */
static bool split_open(Split *s)
{
    if (s->fd >= 0)
        sys_close(s->fd);
    s->fd = -1;
    char *name = split_next_name(s);
    if (!name) {
        u_eprintf("split: output file suffixes exhausted\n");
        return false;
    }
    if (s->verbose)
        u_printf("creating file '%s'\n", name);
    SyscallResult r = sys_open(name, AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, 0666);
    if (r.error != AX_OK) {
        u_eprintf("split: %s: %s\n", name, sys_strerror(r.error));
        xfree(name);
        return false;
    }
    xfree(name);
    s->fd = (int)r.value;
    return true;
}

static bool split_write(Split *s, const char *p, size_t n)
{
    if (u_write_all(s->fd, p, n) < 0) {
        u_eprintf("split: write error\n");
        return false;
    }
    return true;
}

static const ULongOpt split_longopts[] = {
    {"lines", U_REQ_ARG, 'l'}, {"bytes", U_REQ_ARG, 'b'}, {"number", U_REQ_ARG, 'n'},
    {"suffix-length", U_REQ_ARG, 'a'}, {"numeric-suffixes", U_NO_ARG, 'd'},
    {"hex-suffixes", U_NO_ARG, 'x'}, {"additional-suffix", U_REQ_ARG, 256},
    {"verbose", U_NO_ARG, 257}, {NULL, 0, 0},
};

int split_main(int argc, char **argv)
{
    Split s = {.prefix = "x", .extra = "", .width = 2, .auto_width = true,
               .digits = "abcdefghijklmnopqrstuvwxyz", .base = 26, .first = true, .fd = -1};
    char mode = 'l';
    uint64_t n = 1000;
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "l:b:n:a:dx", split_longopts)) != -1) {
        switch (c) {
        case 'l':
        case 'b':
        case 'n': {
            const char *what = c == 'l' ? "lines" : c == 'b' ? "bytes" : "chunks";
            uint64_t v;
            bool ok = c == 'b' ? u_parse_size(g.arg, &v) : (u_parse_i64(g.arg, (int64_t *)&v) && (int64_t)v >= 0);
            if (!ok) {
                u_eprintf("split: invalid number of %s: '%s'\n", what, g.arg);
                return 1;
            }
            if (v == 0) {
                u_eprintf("split: invalid number of %s: '%s': Numerical result out of range\n", what, g.arg);
                return 1;
            }
            mode = (char)c;
            n = v;
            break;
        }
        case 'a': {
            int64_t v;
            if (!u_parse_i64(g.arg, &v) || v < 0 || v > 60) {
                u_eprintf("split: invalid suffix length: '%s'\n", g.arg);
                return 1;
            }
            s.width = v ? (int)v : 2;
            s.auto_width = false;
            break;
        }
        case 'd': s.digits = "0123456789"; s.base = 10; break;
        case 'x': s.digits = "0123456789abcdef"; s.base = 16; break;
        case 256:
            if (strchr(g.arg, '/')) {
                u_eprintf("split: invalid suffix '%s', contains directory separator\n", g.arg);
                return 1;
            }
            s.extra = g.arg;
            break;
        case 257: s.verbose = true; break;
        default: return 1;
        }
    }
    if (argc - g.ind > 2) {
        u_usage_error("split", "extra operand '%s'", argv[g.ind + 2]);
        return 1;
    }
    const char *file = g.ind < argc ? argv[g.ind] : "-";
    if (g.ind + 1 < argc)
        s.prefix = argv[g.ind + 1];
    s.mid = xstrdup("");
    int in = u_open_operand(file);
    if (in < 0) {
        u_eprintf("split: cannot open '%s' for reading: %s\n", file, sys_strerror((SyscallError)-in));
        return 1;
    }
    /* the whole input, then the pieces (-n needs its size anyway) */
    char *data;
    size_t len;
    SyscallError err = u_read_all(in, &data, &len);
    if (in != 0)
        sys_close(in);
    if (err != AX_OK) {
        u_eprintf("split: %s: %s\n", file, sys_strerror(err));
        return 1;
    }
    int status = 0;
    if (mode == 'n') {
        for (uint64_t k = 0; k < n && status == 0; k++) {
            /* GNU: N pieces of size/N bytes, the last with the rest */
            size_t a = (size_t)(k * (len / n)), b = k + 1 == n ? len : (size_t)((k + 1) * (len / n));
            if (!split_open(&s) || !split_write(&s, data + a, b - a))
                status = 1;
        }
    } else {
        size_t pos = 0;
        while (pos < len && status == 0) {
            size_t end;
            if (mode == 'b') {
                end = len - pos > n ? pos + (size_t)n : len;
            } else {
                end = pos;
                for (uint64_t l = 0; l < n && end < len; l++) {
                    const char *nl = memchr(data + end, '\n', len - end);
                    end = nl ? (size_t)(nl - data) + 1 : len;
                }
            }
            if (!split_open(&s) || !split_write(&s, data + pos, end - pos))
                status = 1;
            pos = end;
        }
    }
    if (s.fd >= 0)
        sys_close(s.fd);
    xfree(data);
    xfree(s.mid);
    return status;
}
