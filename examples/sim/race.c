/* An ordering race between two processes, and its fix.
 *
 * `main` starts `producer`, which writes /tmp/ready, and then reads the
 * file, assuming the producer has run by then because it yielded a few
 * times. Under FIFO scheduling it always has; under random scheduling
 * (what axos sweep uses) some seeds run main first and it finds no file.
 * The fix waits for the producer before reading. No fault is needed:
 * --shrink reports that the seed fails with no fault at all.
 *
 *   axos sweep --seeds 1..10000 --scenario race.so buggy   (fails)
 *   axos sweep --seeds 1..10000 --scenario race.so fixed   (passes)
 */
#include <string.h>

#include "axos.h"

static int producer(int argc, char **argv) {
    int fd = (int)sys_open("/tmp/ready", AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, 0644).value;
    sys_write(fd, "42", 2);
    sys_close(fd);
    return 0;
}

static int consume(void) {
    char buf[8] = "";
    int fd = (int)sys_open("/tmp/ready", AX_O_RDONLY, 0).value;
    if (fd < 0) {
        ax_assert_unreachable("the consumer ran before the producer");
        return 1;
    }
    sys_read(fd, buf, sizeof buf - 1);
    sys_close(fd);
    return strcmp(buf, "42") == 0 ? 0 : 1;
}

static int main_buggy(int argc, char **argv) {
    SyscallResult r = sys_spawn("/bin/producer", (char *[]){"producer", NULL}, NULL, NULL);
    if (r.error)
        return 2;
    for (int i = 0; i < 3; i++) /* BUG: "it must have run by now" */
        sys_yield();
    int e = consume();
    sys_waitpid((int)r.value, NULL, 0);
    return e;
}

static int main_fixed(int argc, char **argv) {
    SyscallResult r = sys_spawn("/bin/producer", (char *[]){"producer", NULL}, NULL, NULL);
    int st;
    if (r.error || sys_waitpid((int)r.value, &st, 0).error || st != 0)
        return 2;
    return consume();
}

__attribute__((visibility("default"))) int ax_scenario_setup(Kernel *k, int argc, char **argv) {
    int fixed = argc > 0 && strcmp(argv[0], "fixed") == 0;
    if (kernel_install_program(k, "/bin/producer", producer) < 0 ||
        kernel_install_program(k, "/bin/main", fixed ? main_fixed : main_buggy) < 0)
        return -1;
    SyscallResult r = kernel_spawn(k, "/bin/main", (char *[]){"main", NULL});
    return r.error ? -1 : (int)r.value;
}
