/* A key-value store that saves with write + rename but no fsync, and its
 * fix.
 *
 * `kv` saves four versions of its database the classic way: write the
 * whole new version to /data/db.tmp, then rename it over /data/db, so
 * that a reader sees the old version or the new one, never half of one.
 * That holds while the machine runs. It does not hold across a power
 * loss: rename is durable on a journaling file system, but the data of
 * db.tmp is not until fsync, so after the crash /data/db may name a file
 * whose data never reached the disk (empty or torn: the zero-length-file
 * problem ext4 users met in 2009). The fix fsyncs db.tmp before the
 * rename (and the directory after it).
 *
 * After a power loss the sweep runs ax_scenario_recover: `kvcheck` opens
 * the database and checks its header and checksum.
 *
 *   axos sweep --seeds 1..10000 --faults 'class=file,proc=kv,p=0.1,powerloss' \
 *       --scenario kvstore.so buggy     (fails: the database is corrupt)
 *   ... --scenario kvstore.so fixed     (passes every seed)
 */
#include <stdio.h>
#include <string.h>

#include "axos.h"

#define VERSIONS 4
#define KEYS 8

static uint32_t checksum(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static int write_all(int fd, const char *buf, size_t n) {
    for (size_t done = 0; done < n;) {
        SyscallResult r = sys_write(fd, buf + done, n - done);
        if (r.error == AX_EINTR)
            continue;
        if (r.error)
            return -1;
        done += (size_t)r.value;
    }
    return 0;
}

static int save(int version, int fixed) {
    char body[512], head[64];
    size_t n = 0;
    for (int i = 0; i < KEYS; i++)
        n += (size_t)snprintf(body + n, sizeof body - n, "key%d=value%d.%d\n", i, version, i);
    int hn = snprintf(head, sizeof head, "KV1 %d %zu %08x\n", version, n, checksum(body, n));
    int fd = (int)sys_open("/data/db.tmp", AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, 0644).value;
    if (fd < 0 || write_all(fd, head, (size_t)hn) < 0 || write_all(fd, body, n) < 0)
        return -1;
    if (fixed && sys_fsync(fd).error) /* the fix: the data is on disk before the name moves */
        return -1;
    sys_close(fd);
    if (sys_rename("/data/db.tmp", "/data/db").error)
        return -1;
    if (fixed) { /* and the rename itself is on disk before we say "saved" */
        int dfd = (int)sys_open("/data", AX_O_RDONLY, 0).value;
        if (dfd >= 0) {
            sys_fsync(dfd);
            sys_close(dfd);
        }
    }
    return 0;
}

static int kv_main(int argc, char **argv) {
    int fixed = argc > 1 && strcmp(argv[1], "fixed") == 0;
    sys_mkdir("/data", 0755);
    for (int v = 1; v <= VERSIONS; v++)
        if (save(v, fixed) < 0)
            return 1;
    return 0;
}

/* Recovery: the database is absent (never saved) or whole. */
static int kvcheck_main(int argc, char **argv) {
    char buf[1024];
    SyscallResult o = sys_open("/data/db", AX_O_RDONLY, 0);
    if (o.error == AX_ENOENT)
        return 0;
    size_t n = 0;
    for (SyscallResult r; n < sizeof buf - 1 && (r = sys_read((int)o.value, buf + n, sizeof buf - 1 - n)).value > 0;)
        n += (size_t)r.value;
    buf[n] = '\0';
    int version;
    size_t len;
    unsigned sum;
    int hn = 0;
    int ok = sscanf(buf, "KV1 %d %zu %x\n%n", &version, &len, &sum, &hn) == 3 && hn > 0 &&
             (size_t)hn + len == n && checksum(buf + hn, len) == sum;
    if (!ok)
        ax_assert_unreachable("the database is corrupt after a crash");
    ax_assert_sometimes(ok && version == VERSIONS, "the last version survived a crash");
    return ok ? 0 : 1;
}

__attribute__((visibility("default"))) int ax_scenario_setup(Kernel *k, int argc, char **argv) {
    const char *mode = argc > 0 ? argv[0] : "buggy";
    if (kernel_install_program(k, "/bin/kv", kv_main) < 0 ||
        kernel_install_program(k, "/bin/kvcheck", kvcheck_main) < 0)
        return -1;
    SyscallResult r = kernel_spawn(k, "/bin/kv", (char *[]){"kv", (char *)mode, NULL});
    return r.error ? -1 : (int)r.value;
}

/* Called by the sweep after a power loss, in the same kernel: a fresh
 * boot's view of the disk. */
__attribute__((visibility("default"))) int ax_scenario_recover(Kernel *k) {
    SyscallResult r = kernel_spawn(k, "/bin/kvcheck", (char *[]){"kvcheck", NULL});
    return r.error ? -1 : (int)r.value;
}
