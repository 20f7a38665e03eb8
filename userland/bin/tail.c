/* tail [-n [+]N] [-c [+]N] [-N] [-qv] [FILE...]: the last lines or bytes,
 * or everything from line / byte N with "+N". The input is read whole into
 * the heap, then the start is found by walking back from the end. */
#include <string.h>

#include "ulib.h"

/* Offset in buf[0..len) where the output starts. */
static size_t start_of(const char *buf, size_t len, const UCountOpts *o)
{
    bool from = o->sign == '+';
    if (o->bytes) {
        if (from)
            return o->count > 1 ? (o->count - 1 < len ? (size_t)o->count - 1 : len) : 0;
        return o->count >= len ? 0 : len - (size_t)o->count;
    }
    if (from) {
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

static SyscallError tail_fd(int fd, void *ctx)
{
    char *buf;
    size_t len;
    SyscallError err = u_read_all(fd, &buf, &len);
    if (err != AX_OK)
        return err;
    size_t start = start_of(buf, len, ctx);
    u_fwrite(buf + start, len - start, u_stdout());
    xfree(buf);
    return AX_OK;
}

int tail_main(int argc, char **argv)
{
    UCountOpts o;
    int first = u_count_options("tail", argc, argv, true, &o);
    if (first < 0)
        return 1;
    size_t n;
    char *const *files = u_operands(argc, argv, first, &n);
    bool headers = o.verbose == 1 || (o.verbose == -1 && n > 1);
    return u_each_input("tail", files, n, headers, tail_fd, &o);
}
