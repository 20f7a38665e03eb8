/* ulib heap for programs that cannot use a NULL: xmalloc and friends over
 * the allocator (uheap.c), exiting with status 1 when memory runs out. */
#include <string.h>

#include "ulib_internal.h"

static _Noreturn void out_of_memory(void)
{
    static const char msg[] = "out of memory\n";
    /* No ulib stream here: making one would need the memory we lack. */
    u_write_all(2, msg, sizeof msg - 1);
    sys_exit(1);
    for (;;) {
    }
}

void *xmalloc(size_t n)
{
    void *p = u_malloc(n ? n : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    if (!count || !size)
        count = size = 1;
    void *p = u_calloc(count, size);
    if (!p)
        out_of_memory();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = u_realloc(p, n ? n : 1);
    if (!q)
        out_of_memory();
    return q;
}

void xfree(void *p)
{
    u_free(p);
}

char *xstrndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *d = xmalloc(len + 1);
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

char *xstrdup(const char *s)
{
    size_t len = strlen(s);
    char *d = xmalloc(len + 1);
    memcpy(d, s, len + 1);
    return d;
}
