/* Shared by the VFS tests: each test body is a program run as a task in a
 * fresh kernel (syscalls need a calling process), with cmocka checks on
 * every result. */
#ifndef AXOS_TESTS_VFS_TEST_H
#define AXOS_TESTS_VFS_TEST_H

#include <string.h>

#include "harness.h"

/* The kernel the current test runs (for kernel_stats / the allocator). */
static Kernel *vt_kernel;

/* The call must succeed; evaluates to its value. */
#define OK(call)                                                                     \
    ({                                                                               \
        SyscallResult r_ = (call);                                                   \
        if (r_.error != AX_OK)                                                       \
            fail_msg("%s failed with %s", #call, sys_errname(r_.error));             \
        r_.value;                                                                    \
    })

/* The call must fail with error e. */
#define ERR(call, e)                                                                 \
    do {                                                                             \
        SyscallResult r_ = (call);                                                   \
        if (r_.error != (e))                                                         \
            fail_msg("%s gave %s (value %lld), expected %s", #call,                  \
                     sys_errname(r_.error), (long long)r_.value, sys_errname(e));    \
    } while (0)

/* Run main as /bin/t in a kernel made with cfg (may be NULL); it must exit
 * 0. Returns the kernel, still alive for a look at what the program did. */
static inline Kernel *vt_run_keep(ProgramMain main, const KernelConfig *cfg) {
    Kernel *k = harness_kernel(cfg);
    vt_kernel = k;
    assert_int_equal(kernel_install_program(k, "/bin/t", main), 0);
    int status = harness_run(k, (char *[]){"/bin/t", NULL});
    assert_true(AX_WIFEXITED(status));
    assert_int_equal(AX_WEXITSTATUS(status), 0);
    return k;
}

static inline void vt_run(ProgramMain main, const KernelConfig *cfg) {
    harness_destroy(vt_run_keep(main, cfg));
    vt_kernel = NULL;
}

/* TASK_TEST(name) { body }: a cmocka test whose body runs in a task. */
#define TASK_TEST(name)                                                              \
    static int name##_main(int argc, char **argv);                                   \
    static void name(void **state) { vt_run(name##_main, NULL); }                    \
    static int name##_main(int argc, char **argv)

/* Create (or replace) path holding text. */
static inline void vt_put(const char *path, const char *text) {
    int fd = (int)OK(sys_open(path, AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, 0644));
    size_t n = strlen(text);
    assert_int_equal(OK(sys_write(fd, text, n)), n);
    OK(sys_close(fd));
}

/* The whole content of path, NUL-terminated, in buf (cap bytes). */
static inline const char *vt_get(const char *path, char *buf, size_t cap) {
    int fd = (int)OK(sys_open(path, AX_O_RDONLY, 0));
    size_t len = 0;
    int64_t n;
    while ((n = OK(sys_read(fd, buf + len, cap - 1 - len))) > 0)
        len += (size_t)n;
    buf[len] = '\0';
    OK(sys_close(fd));
    return buf;
}

/* Act as uid (gid the same) while keeping root in the saved ids, so
 * that vt_back_to_root undoes it. */
static inline void vt_act_as(uint32_t uid) {
    OK(sys_setresgid(uid, uid, 0));
    OK(sys_setresuid(uid, uid, 0));
}
static inline void vt_back_to_root(void) {
    OK(sys_setresuid(0, 0, 0));
    OK(sys_setresgid(0, 0, 0));
}

static inline uint64_t vt_nodes(void) {
    KernelStats st;
    kernel_stats(vt_kernel, &st);
    return st.nodes;
}

#endif
