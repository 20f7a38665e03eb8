/* A program that handles EINTR wrongly, and its fix.
 *
 * `reader` counts the bytes a `writer` sends it through a pipe until end
 * of file. The buggy reader stops at the first read that fails, so an
 * interrupted read (EINTR: a signal came before any byte moved) ends its
 * count early, as if the writer had finished. The fixed reader tries the
 * read again on EINTR and stops only at end of file or a real error.
 *
 *   axos sweep --seeds 1..10000 --faults 'read,obj=pipe,p=0.05,errno=EINTR' \
 *       --scenario eintr.so buggy    (fails)
 *   ... --scenario eintr.so fixed    (passes)
 */
#include <string.h>

#include "axos.h"

#define LINES 20
#define LINE "the quick brown fox\n"

static int writer(int argc, char **argv) {
    for (int i = 0; i < LINES; i++)
        if (sys_write(1, LINE, sizeof LINE - 1).error)
            return 1;
    return 0;
}

static int reader(int argc, char **argv) {
    int fixed = argc > 1 && strcmp(argv[1], "fixed") == 0;
    char buf[64];
    size_t total = 0;
    for (;;) {
        SyscallResult r = sys_read(0, buf, sizeof buf);
        if (r.error == AX_EINTR && fixed)
            continue; /* the fix: interrupted before anything moved, so try again */
        if (r.error || r.value == 0) /* BUG (buggy): EINTR taken for the end */
            break;
        total += (size_t)r.value;
    }
    ax_assert_always(total == LINES * (sizeof LINE - 1), "every byte the writer sent was read");
    return total == LINES * (sizeof LINE - 1) ? 0 : 1;
}

/* writer | reader */
static int pipeline(int argc, char **argv) {
    int p[2];
    if (sys_pipe(p).error)
        return 2;
    SpawnFileAction wa[] = {{.kind = AX_SPAWN_DUP2, .fd = p[1], .newfd = 1},
                        {.kind = AX_SPAWN_CLOSE, .fd = p[0]}};
    SpawnFileAction ra[] = {{.kind = AX_SPAWN_DUP2, .fd = p[0], .newfd = 0},
                        {.kind = AX_SPAWN_CLOSE, .fd = p[1]}};
    SpawnAttr wattr = {.actions = wa, .nactions = 2}, rattr = {.actions = ra, .nactions = 2};
    SyscallResult w = sys_spawn("/bin/writer", (char *[]){"writer", NULL}, NULL, &wattr);
    SyscallResult r = sys_spawn("/bin/reader", (char *[]){"reader", argv[1], NULL}, NULL, &rattr);
    sys_close(p[0]);
    sys_close(p[1]);
    int ws = 0, rs = 0;
    if (w.error || r.error)
        return 2;
    sys_waitpid((int)w.value, &ws, 0);
    sys_waitpid((int)r.value, &rs, 0);
    /* a writer whose reader quit early may die of SIGPIPE: the reader's
     * status is the verdict */
    return rs == 0 ? 0 : 1;
}

__attribute__((visibility("default"))) int ax_scenario_setup(Kernel *k, int argc, char **argv) {
    const char *mode = argc > 0 ? argv[0] : "buggy";
    if (kernel_install_program(k, "/bin/writer", writer) < 0 ||
        kernel_install_program(k, "/bin/reader", reader) < 0 ||
        kernel_install_program(k, "/bin/pipeline", pipeline) < 0)
        return -1;
    SyscallResult r = kernel_spawn(k, "/bin/pipeline", (char *[]){"pipeline", (char *)mode, NULL});
    return r.error ? -1 : (int)r.value;
}
