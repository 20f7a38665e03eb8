/* head [-n N] [-c N] [-N] [-qvz] [FILE...]: the first lines or bytes.
 * A negative N prints all but the last N. head reads in big chunks and
 * stops as soon as it has what it needs, so `yes | head -n 3` ends. */
#include <string.h>

#include "ulib.h"

#define HEAD_BUF 16384

typedef struct Head {
    UCountOpts o;
    char *buf; /* HEAD_BUF bytes */
} Head;

/* The first o->count lines or bytes of fd. */
static SyscallError head_first(int fd, const UCountOpts *o, char *buf)
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
            while (left > 0 && (nl = memchr(p, o->delim, (size_t)(end - p))) != NULL) {
                p = nl + 1;
                left--;
            }
            take = left == 0 ? (size_t)(p - buf) : n;
        }
        u_put_stdout("head", buf, take);
    }
    return AX_OK;
}

/* Everything but the last o->count lines or bytes: read it all first. */
static SyscallError head_all_but(int fd, const UCountOpts *o)
{
    char *all;
    size_t len;
    SyscallError err = u_read_all(fd, &all, &len);
    if (err != AX_OK)
        return err;
    size_t end = len;
    if (o->bytes) {
        end = o->count >= len ? 0 : len - (size_t)o->count;
    } else {
        /* Walk back over count line ends (a last line without '\n' counts). */
        uint64_t left = o->count;
        size_t i = len;
        char d = o->delim;
        if (i > 0 && all[i - 1] != d && left > 0) {
            while (i > 0 && all[i - 1] != d)
                i--;
            left--;
        }
        while (left > 0 && i > 0) {
            i--;
            while (i > 0 && all[i - 1] != d)
                i--;
            left--;
        }
        end = i;
    }
    u_put_stdout("head", all, end);
    xfree(all);
    return AX_OK;
}

static SyscallError head_fd(int fd, void *ctx)
{
    Head *h = ctx;
    return h->o.sign == '-' ? head_all_but(fd, &h->o) : head_first(fd, &h->o, h->buf);
}

int head_main(int argc, char **argv)
{
    Head h;
    int first = u_count_options(argv[0], argc, argv, false, &h.o);
    if (first < 0)
        return 1;
    size_t n;
    char *const *files = u_operands(argc, argv, first, &n);
    h.buf = xmalloc(HEAD_BUF);
    bool headers = h.o.verbose == 1 || (h.o.verbose == -1 && n > 1);
    return u_each_input("head", files, n, headers, head_fd, &h);
}
