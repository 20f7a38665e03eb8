/* The axos side of a differential scenario, as a host program: boot a
 * kernel, run the scenario as its first process, copy what it prints to
 * stdout, and end with "@exit 0xSTATUS" (the raw wait status) for the
 * runner. Anything left behind (a process, an fd, an allocation) is
 * reported on stderr and fails the run with status 3. */
#include <stdio.h>
#include <stdlib.h>

#include "axos.h"
#include "dt_axos.h"

typedef struct Count {
    long live;
} Count;

static void *count_alloc(void *ud, void *ptr, size_t size) {
    Count *c = ud;
    if (size == 0) {
        if (ptr)
            c->live--;
        free(ptr);
        return NULL;
    }
    void *p = realloc(ptr, size);
    if (p && !ptr)
        c->live++;
    return p;
}

static void sink(void *ud, int stream, const void *buf, size_t n) {
    fwrite(buf, 1, n, stream == 2 ? stderr : stdout);
}

int main(void) {
    Count count = {0};
    KernelConfig cfg = {.window_backend = AX_WINDOW_NONE,
                        .alloc = count_alloc,
                        .alloc_ud = &count,
                        .console_output = sink};
    Kernel *k = kernel_create(&cfg);
    if (!k || kernel_install_program(k, DT_AXOS_PATH, dt_axos_program) < 0) {
        fprintf(stderr, "axos: cannot boot\n");
        return 2;
    }
    SyscallResult r = kernel_spawn(k, DT_AXOS_PATH, (char *[]){"scenario", NULL});
    if (r.error) {
        fprintf(stderr, "axos: spawn: %s\n", sys_errname(r.error));
        return 2;
    }
    int status = 0, bad = 0;
    int w = kernel_wait(k, (int)r.value, &status);
    if (w == 0)
        printf("@exit 0x%04x\n", (unsigned)status);
    else
        printf("@exit stuck (%s)\n", sys_errname((SyscallError)-w));
    /* orphans the scenario left get a (virtual) minute to finish */
    kernel_run_for(k, 60ull * 1000000000ull);
    KernelStats st;
    kernel_stats(k, &st);
    if (st.procs != 1 || st.tasks != 0 || st.objects != 0 || st.fds != 0 || st.heap_blocks ||
        st.regions) {
        fprintf(stderr,
                "axos: left behind: procs %llu tasks %llu objects %llu fds %llu heap %llu "
                "regions %llu\n",
                (unsigned long long)st.procs, (unsigned long long)st.tasks,
                (unsigned long long)st.objects, (unsigned long long)st.fds,
                (unsigned long long)st.heap_blocks, (unsigned long long)st.regions);
        bad = 1;
    }
    fflush(stdout);
    kernel_destroy(k);
    if (count.live != 0) {
        fprintf(stderr, "axos: %ld kernel allocations leaked\n", count.live);
        bad = 1;
    }
    return bad ? 3 : 0;
}
