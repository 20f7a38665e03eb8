/* ulib heap: xmalloc and friends over the process heap. The kernel frees
 * every block when the process dies, however it dies, so programs never
 * leak host memory. */
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
    SyscallResult r = sys_heap_alloc(n ? n : 1);
    if (r.error != AX_OK)
        out_of_memory();
    return (void *)(uintptr_t)r.value;
}

void *xcalloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        out_of_memory();
    /* sys_heap_alloc hands out zeroed memory. */
    return xmalloc(count * size);
}

void *xrealloc(void *p, size_t n)
{
    SyscallResult r = sys_heap_realloc(p, n ? n : 1);
    if (r.error != AX_OK)
        out_of_memory();
    return (void *)(uintptr_t)r.value;
}

void xfree(void *p)
{
    if (p)
        sys_heap_free(p);
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
