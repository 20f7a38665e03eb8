/* The user area: a process's per-process state behind its sys_tls() slot,
 * at the start of its heap's first chunk, and the exit hook that runs the
 * libraries' exit functions and flushes ulib's streams. */
#include <string.h>

#include "uheap.h"
#include "ulib_internal.h"

static void area_exit_hook(void)
{
    UArea *a = ulib_area_if_made();
    if (!a)
        return;
    UHome *home = (UHome *)a;
    while (home->exit_count > 0) {
        void (*fn)(void) = home->exit_fns[--home->exit_count]; /* each runs once */
        fn();
    }
    ulib_flush_all();
}

UHome *uh_home_make(void **slot)
{
    if (!slot)
        return NULL; /* outside a process */
    SyscallResult r = sys_heap_alloc(UH_HOME_CHUNK);
    if (r.error != AX_OK)
        return NULL;
    if (*slot) {
        /* a signal handler run on the way out of the call made it */
        sys_heap_free((void *)(uintptr_t)r.value);
        return *slot;
    }
    UHome *home = (UHome *)(uintptr_t)r.value; /* zeroed by the kernel */
    uh_init(&home->heap, home, UH_HOME_CHUNK, sizeof *home);
    *slot = home;
    sys_set_exit_hook(area_exit_hook);
    return home;
}

UArea *u_area(void)
{
    UHome *home = uh_home();
    return home ? &home->area : NULL;
}

UArea *ulib_area_if_made(void)
{
    void **slot = sys_tls();
    return slot && *slot ? &((UHome *)*slot)->area : NULL;
}

int u_atexit(void (*fn)(void))
{
    UHome *home = uh_home();
    if (!home || home->exit_count == U_ATEXIT_MAX)
        return -AX_ENOMEM;
    home->exit_fns[home->exit_count++] = fn;
    return 0;
}

_Noreturn void uh_corrupt(const char *what)
{
    static const char prefix[] = "ulib heap: ";
    u_write_all(2, prefix, sizeof prefix - 1);
    u_write_all(2, what, strlen(what));
    u_write_all(2, "\n", 1);
    sys_kill((int)sys_getpid().value, AX_SIGABRT);
    sys_exit(128 + AX_SIGABRT); /* SIGABRT caught and returned from */
    for (;;) {
    }
}
