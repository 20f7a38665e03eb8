/* ulib streams: per-process state, opening and closing, and the write side.
 * The read side is in input.c. All state hangs off the process's user
 * area (area.c), because a program's static variables are shared by every
 * process running it; the area's exit hook flushes the streams. */
#include <string.h>

#include "ulib_internal.h"

ULibState *ulib_state(void)
{
    UArea *a = u_area();
    if (!a)
        xmalloc(1); /* reports "out of memory" and exits */
    if (!a->ulib)
        a->ulib = xcalloc(1, sizeof(ULibState));
    return a->ulib;
}

static int mode_flags(const char *mode, int *oflags)
{
    int rw;
    switch (mode ? mode[0] : 0) {
    case 'r': rw = US_READ; *oflags = AX_O_RDONLY; break;
    case 'w': rw = US_WRITE; *oflags = AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC; break;
    case 'a': rw = US_WRITE; *oflags = AX_O_WRONLY | AX_O_CREAT | AX_O_APPEND; break;
    default: return -1;
    }
    if (strchr(mode, '+')) {
        rw = US_READ | US_WRITE;
        *oflags = (*oflags & ~AX_O_ACCMODE) | AX_O_RDWR;
    }
    return rw;
}

static UStream *stream_new(int fd, int flags, int bufmode)
{
    ULibState *st = ulib_state();
    UStream *s = xcalloc(1, sizeof(*s));
    s->fd = fd;
    s->flags = flags;
    s->bufmode = bufmode;
    s->next = st->streams;
    st->streams = s;
    return s;
}

/* Streams on a terminal are line-buffered, as C stdio does it. */
static int default_bufmode(int fd, int flags)
{
    if (!(flags & US_WRITE))
        return U_IOFBF;
    return u_isatty(fd) ? U_IOLBF : U_IOFBF;
}

UStream *u_stdin(void)
{
    ULibState *st = ulib_state();
    if (!st->in)
        st->in = stream_new(0, US_READ | US_STD, U_IOFBF);
    return st->in;
}

UStream *u_stdout(void)
{
    ULibState *st = ulib_state();
    if (!st->out)
        st->out = stream_new(1, US_WRITE | US_STD, default_bufmode(1, US_WRITE));
    return st->out;
}

UStream *u_stderr(void)
{
    ULibState *st = ulib_state();
    if (!st->err)
        st->err = stream_new(2, US_WRITE | US_STD, U_IONBF);
    return st->err;
}

UStream *u_fdopen(int fd, const char *mode)
{
    int oflags;
    int rw = mode_flags(mode, &oflags);
    if (rw < 0 || fd < 0)
        return NULL;
    return stream_new(fd, rw, default_bufmode(fd, rw));
}

UStream *u_fopen(const char *path, const char *mode, SyscallError *err)
{
    int oflags;
    int rw = mode_flags(mode, &oflags);
    if (rw < 0) {
        if (err)
            *err = AX_EINVAL;
        return NULL;
    }
    /* axos has no umask: create files as a umask of 022 would leave them. */
    SyscallResult r = sys_open(path, oflags, 0666);
    if (r.error != AX_OK) {
        if (err)
            *err = r.error;
        return NULL;
    }
    if (err)
        *err = AX_OK;
    return stream_new((int)r.value, rw, default_bufmode((int)r.value, rw));
}

int u_fileno(UStream *s) { return s ? s->fd : -AX_EBADF; }

/* Write out the pending bytes. On error they are dropped and the stream's
 * error flag is set, so a dead pipe does not make every later call retry. */
static int flush_pending(UStream *s)
{
    if (s->wlen == 0)
        return 0;
    int r = u_write_all(s->fd, s->buf, s->wlen);
    s->wlen = 0;
    if (r < 0)
        s->err = true;
    return r;
}

/* Before writing on a stream that was read from ("r+"), give back the bytes
 * read ahead so the write lands where the reader stopped. */
static void drop_readahead(UStream *s)
{
    if (s->rlen > s->rpos)
        sys_lseek(s->fd, -(int64_t)(s->rlen - s->rpos), AX_SEEK_CUR);
    s->rpos = s->rlen = 0;
}

int u_fflush(UStream *s)
{
    if (s == NULL) {
        ulib_flush_all();
        return 0;
    }
    if (!(s->flags & US_WRITE))
        return 0;
    return flush_pending(s);
}

void ulib_flush_all(void)
{
    UArea *a = ulib_area_if_made();
    ULibState *st = a ? a->ulib : NULL;
    if (!st)
        return;
    for (UStream *s = st->streams; s; s = s->next)
        if (s->flags & US_WRITE)
            flush_pending(s);
}

int u_setvbuf(UStream *s, int mode)
{
    if (mode != U_IONBF && mode != U_IOLBF && mode != U_IOFBF)
        return -AX_EINVAL;
    int r = u_fflush(s);
    s->bufmode = mode;
    return r;
}

int u_fclose(UStream *s)
{
    if (s == NULL)
        return -AX_EBADF;
    ULibState *st = ulib_state();
    int r = u_fflush(s);
    for (UStream **pp = &st->streams; *pp; pp = &(*pp)->next) {
        if (*pp == s) {
            *pp = s->next;
            break;
        }
    }
    if (st->in == s)
        st->in = NULL;
    if (st->out == s)
        st->out = NULL;
    if (st->err == s)
        st->err = NULL;
    SyscallResult c = sys_close(s->fd);
    if (r == 0 && c.error != AX_OK)
        r = -(int)c.error;
    xfree(s->buf);
    xfree(s);
    return r;
}

size_t u_fwrite(const void *buf, size_t n, UStream *s)
{
    if (s == NULL)
        return 0;
    if (!(s->flags & US_WRITE)) {
        s->err = true;
        return 0;
    }
    if (n == 0)
        return 0;
    if (s->rlen)
        drop_readahead(s);
    if (s->bufmode == U_IONBF) {
        if (flush_pending(s) < 0 || u_write_all(s->fd, buf, n) < 0) {
            s->err = true;
            return 0;
        }
        return n;
    }
    if (s->buf == NULL)
        s->buf = xmalloc(U_BUFSIZ);
    if (s->wlen + n > U_BUFSIZ) {
        if (flush_pending(s) < 0)
            return 0;
        /* Big writes skip the buffer: one syscall, no copy. */
        if (n >= U_BUFSIZ) {
            if (u_write_all(s->fd, buf, n) < 0) {
                s->err = true;
                return 0;
            }
            return n;
        }
    }
    memcpy(s->buf + s->wlen, buf, n);
    s->wlen += n;
    if (s->bufmode == U_IOLBF && memchr(buf, '\n', n) && flush_pending(s) < 0)
        return 0;
    return n;
}

int u_putc(int c, UStream *s)
{
    /* The common case (a buffered stream with room) stays cheap. */
    if (s && s->bufmode == U_IOFBF && s->buf && s->wlen < U_BUFSIZ && s->rlen == 0 &&
        (s->flags & US_WRITE)) {
        s->buf[s->wlen++] = (char)c;
        return (unsigned char)c;
    }
    unsigned char ch = (unsigned char)c;
    return u_fwrite(&ch, 1, s) == 1 ? ch : -1;
}

int u_fputs(const char *str, UStream *s)
{
    size_t n = strlen(str);
    if (u_fwrite(str, n, s) != n && n > 0)
        return -AX_EIO;
    return (int)n;
}

int u_puts(const char *str)
{
    UStream *out = u_stdout();
    if (u_fputs(str, out) < 0 || u_putc('\n', out) < 0)
        return -AX_EIO;
    return (int)strlen(str) + 1;
}

bool u_ferror(UStream *s) { return s == NULL || s->err; }
