/* ulib formatted output: format with the host's vsnprintf (pure, no host
 * I/O) and hand the bytes to the stream in one piece. */
#include <stdio.h>

#include "ulib_internal.h"

int u_vfprintf(UStream *s, const char *fmt, va_list ap)
{
    char small[512];
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n < 0) {
        va_end(again);
        return -AX_EINVAL;
    }
    char *text = small;
    if ((size_t)n >= sizeof small) {
        text = xmalloc((size_t)n + 1);
        vsnprintf(text, (size_t)n + 1, fmt, again);
    }
    va_end(again);
    /* A message to stderr comes after what stdout holds, as GNU's error()
     * flushes stdout first: the two stay in order on one terminal or pipe. */
    ULibState *st = ulib_state();
    if (s == st->err && st->out && st->out->wlen)
        u_fflush(st->out);
    size_t put = u_fwrite(text, (size_t)n, s);
    if (text != small)
        xfree(text);
    return put == (size_t)n ? n : -AX_EIO;
}

int u_fprintf(UStream *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = u_vfprintf(s, fmt, ap);
    va_end(ap);
    return n;
}

int u_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = u_vfprintf(u_stdout(), fmt, ap);
    va_end(ap);
    return n;
}

int u_eprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = u_vfprintf(u_stderr(), fmt, ap);
    va_end(ap);
    return n;
}
