/* stdio input: characters, lines, blocks, and push-back. */
#include <stdlib.h>
#include <string.h>

#include "posix/stdio_impl.h"

/* Where glibc's inline getc goes when no byte is buffered: refill and
 * take the next byte (EOF at end of file or on an error). */
int __uflow(FILE *fp) {
    PxFile *f = px_file(fp);
    if (px_to_read(f) < 0)
        return EOF;
    if (fp->_IO_read_ptr >= fp->_IO_read_end && px_fill(f) <= 0)
        return EOF;
    return *(unsigned char *)fp->_IO_read_ptr++;
}

/* The same without taking the byte. */
int __underflow(FILE *fp) {
    PxFile *f = px_file(fp);
    if (px_to_read(f) < 0)
        return EOF;
    if (fp->_IO_read_ptr >= fp->_IO_read_end && px_fill(f) <= 0)
        return EOF;
    return *(unsigned char *)fp->_IO_read_ptr;
}

int fgetc(FILE *fp) {
    if (fp->_IO_read_ptr < fp->_IO_read_end)
        return *(unsigned char *)fp->_IO_read_ptr++;
    return __uflow(fp);
}
int getc(FILE *fp) __attribute__((alias("fgetc")));
int fgetc_unlocked(FILE *fp) __attribute__((alias("fgetc")));
int getc_unlocked(FILE *fp) __attribute__((alias("fgetc")));
int _IO_getc(FILE *fp) __attribute__((alias("fgetc")));

int getchar(void) {
    return fgetc(stdin);
}
int getchar_unlocked(void) __attribute__((alias("getchar")));

/* Push c back: it is read next. At least PX_UNGET bytes can be pushed
 * back in a row (C asks for one); the end-of-file indicator clears. */
int ungetc(int c, FILE *fp) {
    PxFile *f = px_file(fp);
    if (c == EOF || px_to_read(f) < 0)
        return EOF;
    if ((unsigned char *)fp->_IO_read_ptr <= f->buf)
        return EOF;
    *(unsigned char *)--fp->_IO_read_ptr = (unsigned char)c;
    fp->_flags &= ~_IO_EOF_SEEN;
    return (unsigned char)c;
}

char *fgets(char *s, int size, FILE *fp) {
    PxFile *f = px_file(fp);
    if (size <= 0) {
        errno = EINVAL;
        return NULL;
    }
    if (px_to_read(f) < 0)
        return NULL;
    size_t len = 0, max = (size_t)size - 1;
    while (len < max) {
        if (fp->_IO_read_ptr >= fp->_IO_read_end) {
            ssize_t r = px_fill(f);
            if (r < 0)
                return NULL; /* an error loses what was read, as C says */
            if (r == 0)
                break;
        }
        size_t avail = (size_t)(fp->_IO_read_end - fp->_IO_read_ptr);
        if (avail > max - len)
            avail = max - len;
        char *nl = memchr(fp->_IO_read_ptr, '\n', avail);
        size_t take = nl ? (size_t)(nl - fp->_IO_read_ptr) + 1 : avail;
        memcpy(s + len, fp->_IO_read_ptr, take);
        fp->_IO_read_ptr += take;
        len += take;
        if (nl)
            break;
    }
    if (len == 0 && max > 0)
        return NULL;
    s[len] = '\0';
    return s;
}
char *fgets_unlocked(char *s, int size, FILE *fp) __attribute__((alias("fgets")));

char *__fgets_chk(char *s, size_t buflen, int size, FILE *fp) {
    if ((size_t)size > buflen)
        __chk_fail();
    return fgets(s, size, fp);
}
char *__fgets_unlocked_chk(char *s, size_t buflen, int size, FILE *fp)
    __attribute__((alias("__fgets_chk")));

ssize_t getdelim(char **lineptr, size_t *n, int delim, FILE *fp) {
    PxFile *f = px_file(fp);
    if (!lineptr || !n) {
        fp->_flags |= _IO_ERR_SEEN;
        return px_fail(EINVAL);
    }
    if (px_to_read(f) < 0)
        return -1;
    if (!*lineptr)
        *n = 0;
    size_t len = 0;
    for (;;) {
        if (fp->_IO_read_ptr >= fp->_IO_read_end) {
            ssize_t r = px_fill(f);
            if (r < 0)
                return -1;
            if (r == 0)
                break;
        }
        size_t avail = (size_t)(fp->_IO_read_end - fp->_IO_read_ptr);
        char *hit = memchr(fp->_IO_read_ptr, delim, avail);
        size_t take = hit ? (size_t)(hit - fp->_IO_read_ptr) + 1 : avail;
        if (len + take + 1 > *n) {
            size_t want = *n ? *n : 120;
            while (want < len + take + 1)
                want *= 2;
            char *grown = realloc(*lineptr, want);
            if (!grown) {
                fp->_flags |= _IO_ERR_SEEN;
                return -1;
            }
            *lineptr = grown;
            *n = want;
        }
        memcpy(*lineptr + len, fp->_IO_read_ptr, take);
        fp->_IO_read_ptr += take;
        len += take;
        if (hit)
            break;
    }
    if (len == 0)
        return -1;
    (*lineptr)[len] = '\0';
    return (ssize_t)len;
}
ssize_t __getdelim(char **lineptr, size_t *n, int delim, FILE *fp) __attribute__((alias("getdelim")));

ssize_t getline(char **lineptr, size_t *n, FILE *fp) {
    return getdelim(lineptr, n, '\n', fp);
}

size_t fread(void *ptr, size_t size, size_t nmemb, FILE *fp) {
    PxFile *f = px_file(fp);
    if (size == 0 || nmemb == 0)
        return 0;
    if (nmemb > SIZE_MAX / size) {
        fp->_flags |= _IO_ERR_SEEN;
        errno = EOVERFLOW;
        return 0;
    }
    if (px_to_read(f) < 0)
        return 0;
    unsigned char *dst = ptr;
    size_t want = size * nmemb, got = 0;
    while (got < want) {
        size_t avail = (size_t)(fp->_IO_read_end - fp->_IO_read_ptr);
        if (avail > 0) {
            size_t take = avail < want - got ? avail : want - got;
            memcpy(dst + got, fp->_IO_read_ptr, take);
            fp->_IO_read_ptr += take;
            got += take;
            continue;
        }
        if (fp->_flags & _IO_EOF_SEEN)
            break;
        if (want - got >= f->bufsize && f->bufsize > 1) {
            /* A buffer's worth or more: straight into the caller's memory. */
            if (f->bufmode != _IOFBF)
                px_stdio_flush_linebuffered();
            ssize_t r = f->ops->read(f, dst + got, want - got);
            if (r < 0) {
                fp->_flags |= _IO_ERR_SEEN;
                break;
            }
            if (r == 0) {
                fp->_flags |= _IO_EOF_SEEN;
                break;
            }
            got += (size_t)r;
            continue;
        }
        if (px_fill(f) <= 0)
            break;
    }
    return got / size;
}
#undef fread_unlocked /* a macro in glibc's optimised headers */
size_t fread_unlocked(void *ptr, size_t size, size_t nmemb, FILE *fp) __attribute__((alias("fread")));

size_t __fread_chk(void *ptr, size_t ptrlen, size_t size, size_t nmemb, FILE *fp) {
    if (size && nmemb > ptrlen / size)
        __chk_fail();
    return fread(ptr, size, nmemb, fp);
}
size_t __fread_unlocked_chk(void *ptr, size_t ptrlen, size_t size, size_t nmemb, FILE *fp)
    __attribute__((alias("__fread_chk")));
