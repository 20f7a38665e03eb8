/* A program that ignores short writes, and its fix.
 *
 * `saver` writes a 3000-byte record to /tmp/record in one write(2) and
 * takes for granted that it all went in; POSIX lets write return fewer
 * bytes (a signal, a full disk, a pipe, a device), and then the record is
 * cut. `check` reads it back. The fixed saver loops until every byte is
 * written.
 *
 *   axos sweep --seeds 1..10000 --faults 'write,obj=file,p=0.2,short' \
 *       --scenario shortwrite.so buggy      (fails: "exit status 1")
 *   ... --scenario shortwrite.so fixed      (passes every seed)
 */
#include <string.h>

#include "axos.h"

#define RECORD 3000

static void fill(char *buf) {
    for (int i = 0; i < RECORD; i++)
        buf[i] = (char)('a' + i % 26);
}

static int saver_buggy(int argc, char **argv) {
    static char buf[RECORD];
    fill(buf);
    int fd = (int)sys_open("/tmp/record", AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, 0644).value;
    if (fd < 0)
        return 1;
    if (sys_write(fd, buf, RECORD).error) /* BUG: a short count is taken as success */
        return 1;
    sys_close(fd);
    return 0;
}

static int saver_fixed(int argc, char **argv) {
    static char buf[RECORD];
    fill(buf);
    int fd = (int)sys_open("/tmp/record", AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, 0644).value;
    if (fd < 0)
        return 1;
    for (size_t done = 0; done < RECORD;) {
        SyscallResult r = sys_write(fd, buf + done, RECORD - done);
        if (r.error == AX_EINTR)
            continue;
        if (r.error)
            return 1;
        done += (size_t)r.value;
    }
    sys_close(fd);
    return 0;
}

/* Runs the saver, then reads the record back: exit 1 when it is cut. */
static int driver(int argc, char **argv) {
    int st;
    SyscallResult r = sys_spawn("/bin/saver", (char *[]){"saver", NULL}, NULL, NULL);
    if (r.error || sys_waitpid((int)r.value, &st, 0).error || st != 0)
        return 2;
    static char want[RECORD], got[RECORD + 1];
    fill(want);
    int fd = (int)sys_open("/tmp/record", AX_O_RDONLY, 0).value;
    size_t n = 0;
    for (SyscallResult rr; n < sizeof got && (rr = sys_read(fd, got + n, sizeof got - n)).value > 0;)
        n += (size_t)rr.value;
    ax_assert_sometimes(n == RECORD, "a record was saved whole");
    return n == RECORD && memcmp(got, want, RECORD) == 0 ? 0 : 1;
}

__attribute__((visibility("default"))) int ax_scenario_setup(Kernel *k, int argc, char **argv) {
    int fixed = argc > 0 && strcmp(argv[0], "fixed") == 0;
    if (kernel_install_program(k, "/bin/saver", fixed ? saver_fixed : saver_buggy) < 0 ||
        kernel_install_program(k, "/bin/driver", driver) < 0)
        return -1;
    SyscallResult r = kernel_spawn(k, "/bin/driver", (char *[]){"driver", NULL});
    return r.error ? -1 : (int)r.value;
}
