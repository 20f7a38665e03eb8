#include "console_util.h"

#include <string.h>

const char *cu_drain(Kernel *k) {
    static char buf[8192];
    size_t n = kernel_console_take_output(k, buf, sizeof buf - 1);
    buf[n] = '\0';
    return buf;
}

void cu_push(Kernel *k, const char *s) {
    assert_int_equal(kernel_console_push_input(k, s, strlen(s)), strlen(s));
}

int cu_start(Kernel *k, ProgramMain m, char *const argv[]) {
    assert_int_equal(kernel_install_program(k, argv[0], m), 0);
    SyscallResult r = kernel_spawn(k, argv[0], argv);
    assert_int_equal(r.error, AX_OK);
    return (int)r.value;
}

int cu_finish(Kernel *k, int pid) {
    int st = -1;
    assert_int_equal(kernel_wait(k, pid, &st), 0);
    return st;
}
