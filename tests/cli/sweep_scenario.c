/* A scenario library for tests/cli/sweep.sh (axos sweep --scenario): one
 * program that writes ten bytes to a file and asserts they all went in.
 * Under a short-write fault plan the "always" assertion fails. With the
 * argument "bad-check", its own end-state check fails every seed. */
#include <string.h>

#include "axos.h"

static int demo_bad_check;

static int demo_main(int argc, char **argv) {
    int fd = (int)sys_open("/tmp/log", AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, 0644).value;
    SyscallResult w = sys_write(fd, "0123456789", 10);
    ax_assert_always(w.error == AX_OK && w.value == 10, "whole write");
    ax_assert_sometimes(w.value < 10, "short write seen");
    ax_assert_sometimes(0, "never true");
    ax_assert_reachable("end");
    sys_close(fd);
    return 0;
}

__attribute__((visibility("default"))) int ax_scenario_setup(Kernel *k, int argc, char **argv) {
    demo_bad_check = argc > 0 && strcmp(argv[0], "bad-check") == 0;
    if (kernel_install_program(k, "/bin/demo", demo_main) < 0)
        return -1;
    SyscallResult r = kernel_spawn(k, "/bin/demo", (char *[]){"demo", NULL});
    return r.error ? -1 : (int)r.value;
}

__attribute__((visibility("default"))) int ax_scenario_check(Kernel *k) {
    return demo_bad_check;
}
