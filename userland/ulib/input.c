/* ulib streams: the read side (buffered reads, lines, operands). */
#include <string.h>

#include "ulib_internal.h"

/* Refill s's buffer. Returns the bytes now held, 0 at end of file, -1 on
 * error. Before blocking, pending terminal output is flushed, so a prompt
 * written without a newline shows before the program waits for input. */
static int64_t stream_fill(UStream *s)
{
    if (s->eof)
        return 0;
    ULibState *st = ulib_state();
    if (st->out && st->out->bufmode == U_IOLBF && st->out->wlen)
        u_fflush(st->out);
    if ((s->flags & US_WRITE) && s->wlen)
        u_fflush(s);
    if (s->buf == NULL)
        s->buf = xmalloc(U_BUFSIZ);
    s->rpos = s->rlen = 0;
    SyscallResult r = sys_read(s->fd, s->buf, U_BUFSIZ);
    if (r.error != AX_OK) {
        s->err = true;
        return -1;
    }
    if (r.value == 0)
        s->eof = true;
    s->rlen = (size_t)r.value;
    return r.value;
}

int u_getc(UStream *s)
{
    if (s == NULL || !(s->flags & US_READ))
        return -1;
    if (s->rpos == s->rlen && stream_fill(s) <= 0)
        return -1;
    return (unsigned char)s->buf[s->rpos++];
}

int64_t u_getline(char **line, size_t *cap, UStream *s)
{
    if (s == NULL || !(s->flags & US_READ) || line == NULL || cap == NULL)
        return -1;
    size_t len = 0;
    for (;;) {
        if (s->rpos == s->rlen && stream_fill(s) <= 0)
            break;
        const char *start = s->buf + s->rpos;
        size_t avail = s->rlen - s->rpos;
        const char *nl = memchr(start, '\n', avail);
        size_t take = nl ? (size_t)(nl - start) + 1 : avail;
        if (*line == NULL || len + take + 1 > *cap) {
            size_t ncap = *cap ? *cap : 128;
            while (ncap < len + take + 1)
                ncap *= 2;
            *line = xrealloc(*line, ncap);
            *cap = ncap;
        }
        memcpy(*line + len, start, take);
        len += take;
        s->rpos += take;
        if (nl)
            break;
    }
    if (len == 0)
        return -1;
    (*line)[len] = '\0';
    return (int64_t)len;
}

size_t u_fread(void *buf, size_t n, UStream *s)
{
    if (s == NULL || !(s->flags & US_READ))
        return 0;
    char *dst = buf;
    size_t got = 0;
    while (got < n) {
        if (s->rpos < s->rlen) {
            size_t take = s->rlen - s->rpos;
            if (take > n - got)
                take = n - got;
            memcpy(dst + got, s->buf + s->rpos, take);
            s->rpos += take;
            got += take;
            continue;
        }
        if (s->eof)
            break;
        if (n - got >= U_BUFSIZ) {
            /* Large reads go straight into the caller's buffer. */
            SyscallResult r = sys_read(s->fd, dst + got, n - got);
            if (r.error != AX_OK) {
                s->err = true;
                break;
            }
            if (r.value == 0) {
                s->eof = true;
                break;
            }
            got += (size_t)r.value;
            continue;
        }
        if (stream_fill(s) <= 0)
            break;
    }
    return got;
}

bool u_feof(UStream *s) { return s == NULL || (s->eof && s->rpos == s->rlen); }

UStream *u_input_open(const char *path, SyscallError *err)
{
    if (strcmp(path, "-") == 0) {
        if (err)
            *err = AX_OK;
        return u_stdin();
    }
    return u_fopen(path, "r", err);
}

void u_input_close(UStream *s)
{
    if (s && !(s->flags & US_STD))
        u_fclose(s);
}
