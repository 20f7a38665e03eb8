/* The console sink: simulated stream 1 to the host's stdout, stream 2 to
 * its stderr, so `axos ... 2>/dev/null` works. Interactive sessions hold
 * back a last partial line (it may be the shell's prompt, which libedit
 * then shows), and keep everything while libedit owns the screen. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "repl.h"

void buf_add(Buf *b, const void *p, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d) {
            fputs("axos: out of memory\n", stderr);
            exit(1);
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void buf_drop(Buf *b, size_t n) {
    if (n >= b->len) {
        b->len = 0;
    } else {
        memmove(b->data, b->data + n, b->len - n);
        b->len -= n;
    }
    if (b->data)
        b->data[b->len] = '\0';
}

void buf_free(Buf *b) {
    free(b->data);
    memset(b, 0, sizeof *b);
}

void out_write(Repl *r, int stream, const void *buf, size_t n) {
    if (n == 0)
        return;
    int fd = stream == 2 ? 2 : 1;
    r->col0 = ((const char *)buf)[n - 1] == '\n';
    fflush(stream == 2 ? stderr : stdout); /* libedit writes through stdio */
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break; /* a closed pipe or full disk: the output is lost */
        p += w;
        n -= (size_t)w;
    }
}

void out_flush_tail(Repl *r) {
    if (r->tail.len == 0)
        return;
    out_write(r, r->tail_stream, r->tail.data, r->tail.len);
    buf_drop(&r->tail, r->tail.len);
}

void out_take_tail(Repl *r, Buf *prompt) {
    buf_drop(prompt, prompt->len);
    buf_add(prompt, r->tail.data ? r->tail.data : "", r->tail.len);
    buf_drop(&r->tail, r->tail.len);
}

void out_newline(Repl *r) {
    /* only a terminal gets its cursor put back at the start of a line:
     * output to a file or pipe is exactly what the programs wrote */
    if (!r->col0 && isatty(1))
        out_write(r, 1, "\n", 1);
}

static void held_add(Repl *r, int stream, const void *buf, size_t n) {
    unsigned char head[5] = {(unsigned char)stream, (unsigned char)(n >> 24), (unsigned char)(n >> 16),
                             (unsigned char)(n >> 8), (unsigned char)n};
    buf_add(&r->held, head, sizeof head);
    buf_add(&r->held, buf, n);
}

bool out_flush_held(Repl *r) {
    if (r->held.len == 0)
        return false;
    const unsigned char *p = (const unsigned char *)r->held.data;
    const unsigned char *end = p + r->held.len;
    while (p + 5 <= end) {
        size_t n = ((size_t)p[1] << 24) | ((size_t)p[2] << 16) | ((size_t)p[3] << 8) | p[4];
        out_write(r, p[0], p + 5, n);
        p += 5 + n;
    }
    buf_drop(&r->held, r->held.len);
    return true;
}

void out_sink(void *ud, int stream, const void *buf, size_t n) {
    Repl *r = ud;
    if (r->at_prompt) {
        held_add(r, stream, buf, n);
        return;
    }
    if (!r->hold_tail) {
        out_write(r, stream, buf, n);
        return;
    }
    if (r->tail.len && r->tail_stream != stream)
        out_flush_tail(r);
    const char *s = buf;
    const char *nl = NULL;
    for (size_t i = n; i > 0; i--)
        if (s[i - 1] == '\n') {
            nl = s + i - 1;
            break;
        }
    if (nl) {
        out_flush_tail(r);
        out_write(r, stream, s, (size_t)(nl - s) + 1);
        n -= (size_t)(nl - s) + 1;
        s = nl + 1;
    }
    buf_add(&r->tail, s, n);
    r->tail_stream = stream;
}
