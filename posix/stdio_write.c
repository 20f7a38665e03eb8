/* stdio output: characters, strings, blocks, and formatted text. The
 * formatting itself is the host's vsnprintf (a pure function); the bytes
 * then go through the stream. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "posix/stdio_impl.h"

/* Where glibc's inline putc goes when the write room runs out (always,
 * for a line-buffered or unbuffered stream). ch EOF only flushes. */
int __overflow(FILE *fp, int ch) {
    PxFile *f = px_file(fp);
    if (ch == EOF) {
        if (px_to_write(f) < 0)
            return EOF;
        return px_flush(f) < 0 ? EOF : 0;
    }
    unsigned char c = (unsigned char)ch;
    return px_write(f, &c, 1) == 1 ? c : EOF;
}

int fputc(int ch, FILE *fp) {
    if (fp->_IO_write_ptr < fp->_IO_write_end)
        return (unsigned char)(*fp->_IO_write_ptr++ = (char)ch);
    return __overflow(fp, (unsigned char)ch);
}
int putc(int ch, FILE *fp) __attribute__((alias("fputc")));
int fputc_unlocked(int ch, FILE *fp) __attribute__((alias("fputc")));
int putc_unlocked(int ch, FILE *fp) __attribute__((alias("fputc")));
int _IO_putc(int ch, FILE *fp) __attribute__((alias("fputc")));

int putchar(int ch) {
    return fputc(ch, stdout);
}
int putchar_unlocked(int ch) __attribute__((alias("putchar")));

size_t fwrite(const void *ptr, size_t size, size_t nmemb, FILE *fp) {
    if (size == 0 || nmemb == 0)
        return 0;
    if (nmemb > SIZE_MAX / size) {
        fp->_flags |= _IO_ERR_SEEN;
        errno = EOVERFLOW;
        return 0;
    }
    return px_write(px_file(fp), ptr, size * nmemb) / size;
}
#undef fwrite_unlocked /* a macro in glibc's optimised headers */
size_t fwrite_unlocked(const void *ptr, size_t size, size_t nmemb, FILE *fp)
    __attribute__((alias("fwrite")));

int fputs(const char *s, FILE *fp) {
    size_t n = strlen(s);
    return px_write(px_file(fp), s, n) == n ? 1 : EOF;
}
int fputs_unlocked(const char *s, FILE *fp) __attribute__((alias("fputs")));

int puts(const char *s) {
    PxFile *f = px_file(stdout);
    size_t n = strlen(s);
    if (px_write(f, s, n) != n || px_write(f, "\n", 1) != 1)
        return EOF;
    return 1;
}

/* ---- formatted output ---- */

#define FMT_STACK 1024

/* Format into out (a stack buffer of FMT_STACK bytes, or a malloc'd one
 * for longer text: *heap is then set). Returns the length or -1. */
static int fmt_text(char *stack, char **out, bool *heap, const char *fmt, va_list ap) {
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(stack, FMT_STACK, fmt, aq);
    va_end(aq);
    *out = stack;
    *heap = false;
    if (n < 0 || n < FMT_STACK)
        return n;
    char *big = malloc((size_t)n + 1);
    if (!big)
        return -1;
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    *out = big;
    *heap = true;
    return n;
}

int vfprintf(FILE *fp, const char *fmt, va_list ap) {
    PxFile *f = px_file(fp);
    if (px_to_write(f) < 0)
        return -1;
    char stack[FMT_STACK], *text;
    bool heap;
    int n = fmt_text(stack, &text, &heap, fmt, ap);
    if (n < 0) {
        fp->_flags |= _IO_ERR_SEEN;
        return -1;
    }
    size_t w = px_write(f, text, (size_t)n);
    if (heap)
        free(text);
    return w == (size_t)n ? n : -1;
}

int fprintf(FILE *fp, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(fp, fmt, ap);
    va_end(ap);
    return n;
}

int vprintf(const char *fmt, va_list ap) {
    return vfprintf(stdout, fmt, ap);
}

int printf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n;
}

int vdprintf(int fd, const char *fmt, va_list ap) {
    char stack[FMT_STACK], *text;
    bool heap;
    int n = fmt_text(stack, &text, &heap, fmt, ap);
    if (n < 0)
        return -1;
    size_t done = 0;
    while (done < (size_t)n) {
        ssize_t w = write(fd, text + done, (size_t)n - done);
        if (w < 0)
            break;
        done += (size_t)w;
    }
    if (heap)
        free(text);
    return done == (size_t)n ? n : -1;
}

int dprintf(int fd, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(fd, fmt, ap);
    va_end(ap);
    return n;
}

int vasprintf(char **out, const char *fmt, va_list ap) {
    char stack[FMT_STACK], *text;
    bool heap;
    int n = fmt_text(stack, &text, &heap, fmt, ap);
    if (n < 0)
        return -1;
    if (!heap) {
        text = malloc((size_t)n + 1);
        if (!text)
            return -1;
        memcpy(text, stack, (size_t)n + 1);
    }
    *out = text;
    return n;
}

int asprintf(char **out, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(out, fmt, ap);
    va_end(ap);
    return n;
}

/* The _FORTIFY_SOURCE names: flag asks for %n checks, which the host's
 * vsnprintf makes in its own fortified form only; the text is the same. */
int __vfprintf_chk(FILE *fp, int flag, const char *fmt, va_list ap) {
    (void)flag;
    return vfprintf(fp, fmt, ap);
}

int __fprintf_chk(FILE *fp, int flag, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = __vfprintf_chk(fp, flag, fmt, ap);
    va_end(ap);
    return n;
}

int __vprintf_chk(int flag, const char *fmt, va_list ap) {
    return __vfprintf_chk(stdout, flag, fmt, ap);
}

int __printf_chk(int flag, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = __vfprintf_chk(stdout, flag, fmt, ap);
    va_end(ap);
    return n;
}

int __vdprintf_chk(int fd, int flag, const char *fmt, va_list ap) {
    (void)flag;
    return vdprintf(fd, fmt, ap);
}

int __dprintf_chk(int fd, int flag, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(fd, fmt, ap);
    va_end(ap);
    (void)flag;
    return n;
}

int __vasprintf_chk(char **out, int flag, const char *fmt, va_list ap) {
    (void)flag;
    return vasprintf(out, fmt, ap);
}

int __asprintf_chk(char **out, int flag, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(out, fmt, ap);
    va_end(ap);
    (void)flag;
    return n;
}

/* "s: message\n" (or "message\n" for s NULL or ""), one write on an
 * unbuffered stderr, errno untouched. */
void perror(const char *s) {
    int saved = errno;
    const char *msg = strerror(saved);
    if (s && *s)
        fprintf(stderr, "%s: %s\n", s, msg);
    else
        fprintf(stderr, "%s\n", msg);
    errno = saved;
}
