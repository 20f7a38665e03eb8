/* util.c — growable strings, arenas, string lists and messages for the
 * shell. Everything lives on the process heap (xmalloc), so whatever a
 * killed shell leaves behind goes with the process. */
#include <stdio.h>
#include <stdlib.h>

#include "sh.h"

/* ---- StrBuf ---- */

void sb_init(StrBuf *b)
{
    b->s = NULL;
    b->len = b->cap = 0;
}

void sb_free(StrBuf *b)
{
    xfree(b->s);
    sb_init(b);
}

void sb_clear(StrBuf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

void sb_grow(StrBuf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->s = xrealloc(b->s, cap);
    b->cap = cap;
}

size_t sh_fmt_int(int64_t v, char *buf)
{
    if (v >= 0)
        return u_utoa((uint64_t)v, buf);
    buf[0] = '-';
    return 1 + u_utoa(0 - (uint64_t)v, buf + 1);
}

void sb_puts(StrBuf *b, const char *s)
{
    sb_putn(b, s, strlen(s));
}

void sb_vprintf(StrBuf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return;
    sb_grow(b, (size_t)n);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void sb_printf(StrBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(b, fmt, ap);
    va_end(ap);
}

char *sb_take(StrBuf *b)
{
    if (!b->s)
        return xstrdup("");
    char *s = b->s;
    sb_init(b);
    return s;
}

/* Single quotes unless the string is made of safe characters only; an
 * embedded ' becomes '\''. This is what `set`, `alias`, `trap` and `-x`
 * print, and what the subshell state carries. */
void sb_quote(StrBuf *b, const char *s)
{
    bool safe = *s != '\0';
    for (const char *c = s; *c; c++) {
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              strchr("_-./,:+@%=", *c))) {
            safe = false;
            break;
        }
    }
    if (safe) {
        sb_puts(b, s);
        return;
    }
    sb_putc(b, '\'');
    for (const char *c = s; *c; c++) {
        if (*c == '\'')
            sb_puts(b, "'\\''");
        else
            sb_putc(b, *c);
    }
    sb_putc(b, '\'');
}

/* ---- Arena ---- */

struct ArenaChunk {
    ArenaChunk *next;
    size_t used, size;
    max_align_t data[];
};

void arena_init(Arena *a)
{
    a->head = NULL;
}

void arena_free(Arena *a)
{
    ArenaChunk *c = a->head;
    while (c) {
        ArenaChunk *next = c->next;
        xfree(c);
        c = next;
    }
    a->head = NULL;
}

void *arena_alloc(Arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    ArenaChunk *c = a->head;
    if (!c || c->used + n > c->size) {
        size_t size = n > 4000 ? n : 4000;
        c = xmalloc(sizeof(ArenaChunk) + size);
        c->used = 0;
        c->size = size;
        c->next = a->head;
        a->head = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *d = arena_alloc(a, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *arena_strdup(Arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

/* ---- StrList ---- */

void sl_init(StrList *l)
{
    l->v = NULL;
    l->n = l->cap = 0;
}

void sl_push(StrList *l, char *s)
{
    if (l->n + 2 > l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = xrealloc(l->v, l->cap * sizeof(char *));
    }
    l->v[l->n++] = s;
    l->v[l->n] = NULL;
}

void sl_free(StrList *l)
{
    for (size_t i = 0; i < l->n; i++)
        xfree(l->v[i]);
    xfree(l->v);
    sl_init(l);
}

char **sl_terminate(StrList *l)
{
    if (!l->v) {
        l->cap = 8;
        l->v = xmalloc(l->cap * sizeof(char *));
        l->v[0] = NULL;
    }
    return l->v;
}

/* ---- output ---- */

int sh_write_all(int fd, const char *buf, size_t n)
{
    while (n > 0) {
        SyscallResult r = sys_write(fd, buf, n);
        if (r.error == AX_EINTR)
            continue;
        if (r.error != AX_OK)
            return -(int)r.error;
        buf += r.value;
        n -= (size_t)r.value;
    }
    return 0;
}

int sh_fdprintf(int fd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = sh_vformat(fmt, ap);
    va_end(ap);
    int rc = sh_write_all(fd, s, strlen(s));
    xfree(s);
    return rc;
}

void sh_error(Shell *sh, const char *fmt, ...)
{
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, sh && sh->script_name ? sh->script_name : "sh");
    sb_puts(&b, ": ");
    if (sh && sh->script_name && sh->lineno > 0)
        sb_printf(&b, "line %d: ", sh->lineno);
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    sb_putc(&b, '\n');
    sh_write_all(2, b.s, b.len);
    sb_free(&b);
}

void out_init(Out *o, int fd)
{
    o->fd = fd;
    sb_init(&o->b);
    o->error = false;
}

int out_flush(Out *o)
{
    int rc = 0;
    if (o->b.len > 0) {
        int w = sh_write_all(o->fd, o->b.s, o->b.len);
        if (w < 0) {
            /* A builtin writing into a closed pipe: the message bash gives. */
            if (w != -AX_EPIPE)
                sh_error(NULL, "write error: %s", sys_strerror((SyscallError)-w));
            rc = 1;
        }
    }
    sb_free(&o->b);
    return rc;
}

/* ---- names and numbers ---- */

size_t sh_name_len(const char *s)
{
    size_t i = 0;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
        return 0;
    for (i = 1; (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                (s[i] >= '0' && s[i] <= '9') || s[i] == '_';
         i++)
        ;
    return i;
}

bool sh_is_name(const char *s)
{
    size_t n = sh_name_len(s);
    return n > 0 && s[n] == '\0';
}

bool sh_parse_int(const char *s, int64_t *out)
{
    while (*s == ' ' || *s == '\t')
        s++;
    bool neg = false;
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    if (*s < '0' || *s > '9')
        return false;
    uint64_t v = 0;
    for (; *s >= '0' && *s <= '9'; s++)
        v = v * 10 + (uint64_t)(*s - '0');
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s)
        return false;
    *out = neg ? (int64_t)(0 - v) : (int64_t)v; /* wraps as bash does, no overflow */
    return true;
}

char *sh_vformat(const char *fmt, va_list ap)
{
    StrBuf b;
    sb_init(&b);
    sb_vprintf(&b, fmt, ap);
    return sb_take(&b);
}

char *sh_strdup_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = sh_vformat(fmt, ap);
    va_end(ap);
    return s;
}

void sh_read_all(int fd, StrBuf *out)
{
    char buf[4096];
    for (;;) {
        SyscallResult r = sys_read(fd, buf, sizeof buf);
        if (r.error == AX_EINTR)
            continue;
        if (r.error != AX_OK || r.value == 0)
            break;
        sb_putn(out, buf, (size_t)r.value);
    }
}

bool sh_stack_low(Shell *sh)
{
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    return sh && sh->stack_base && sh->stack_base - here > SH_STACK_BUDGET;
}
