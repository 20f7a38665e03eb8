/* Helpers shared by the IPC tests (poll, epoll, FIFOs, sockets, SysV,
 * locks): small programs run inside the kernel and a way to start them. */
#ifndef AXOS_TESTS_IPC_TEST_H
#define AXOS_TESTS_IPC_TEST_H

#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define MS 1000000ull

/* A check inside a test program: on failure print where and return a
 * distinct exit status (the line number, so the test's message says
 * which check failed). */
#define CHECK(cond)                                                   \
    do {                                                              \
        if (!(cond)) {                                                \
            tprintf("check failed at line %d: %s\n", __LINE__, #cond); \
            return __LINE__ % 256 ? __LINE__ % 256 : 1;               \
        }                                                             \
    } while (0)

/* Spawn path with up to four string arguments; returns the pid. */
static inline int ipc_spawn4(const char *path, const char *a1, const char *a2, const char *a3,
                             const char *a4) {
    char *argv[] = {(char *)path, (char *)a1, (char *)a2, (char *)a3, (char *)a4, NULL};
    SyscallResult r = sys_spawn(path, argv, NULL, NULL);
    return r.error == AX_OK ? (int)r.value : -1;
}

static inline int ipc_spawn(const char *path, const char *a1, const char *a2, const char *a3) {
    return ipc_spawn4(path, a1, a2, a3, NULL);
}

/* Wait for pid; returns its raw wait status (-1 on error). */
static inline int ipc_wait(int pid) {
    int st = -1;
    if (sys_waitpid(pid, &st, 0).error != AX_OK)
        return -1;
    return st;
}

/* Spawn argv[0] with argv (NULL-terminated); returns the pid or -1. */
static inline int ipc_spawnv(char *argv[]) {
    SyscallResult r = sys_spawn(argv[0], argv, NULL, NULL);
    return r.error == AX_OK ? (int)r.value : -1;
}
/* IPC_SPAWN(path, arg...): any number of string arguments. */
#define IPC_SPAWN(...) ipc_spawnv((char *[]){__VA_ARGS__, NULL})

/* v in decimal, in one of 8 buffers used in turn (enough for one argv). */
static inline char *ipc_num(int v) {
    static char buf[8][16];
    static int i;
    i = (i + 1) % 8;
    snprintf(buf[i], sizeof buf[i], "%d", v);
    return buf[i];
}

/* A handler that counts the signals it catches in *ipc_hits(). */
static inline int *ipc_hits(void) {
    static int n;
    return &n;
}
static inline void ipc_count_signal(int sig) {
    (void)sig;
    ++*ipc_hits();
}

static inline const char *ipc_itoa(int v, char *buf) {
    snprintf(buf, 16, "%d", v);
    return buf;
}

/* Run /bin/t in a fresh kernel (cfg may be NULL) with the programs
 * installed, expect exit status 0, and check that nothing leaked. */
typedef struct IpcProg {
    const char *path;
    ProgramMain main;
} IpcProg;

static inline void ipc_run(const KernelConfig *cfg, ProgramMain t, const IpcProg *extra, size_t n) {
    Kernel *k = harness_kernel(cfg);
    kernel_install_program(k, "/bin/t", t);
    for (size_t i = 0; i < n; i++)
        kernel_install_program(k, extra[i].path, extra[i].main);
    int st = harness_run(k, (char *[]){"/bin/t", NULL});
    if (!AX_WIFEXITED(st) || AX_WEXITSTATUS(st) != 0)
        print_error("program output:\n%s\n", harness_output(k));
    assert_true(AX_WIFEXITED(st));
    assert_int_equal(AX_WEXITSTATUS(st), 0);
    harness_destroy(k);
}

#endif
