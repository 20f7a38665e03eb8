/* The disk calls in a build without SQLite (cmake -DAXOS_WITH_DISK=OFF,
 * as the aarch64 cross build is made, where Debian has no arm64 SQLite to
 * link): no disk can be attached, and the calls say so instead of leaving
 * the symbols out, so the library's interface is the same in every build. */
#include <stdio.h>
#include <string.h>

#include "kernel/kernel.h"

int kernel_disk_open(Kernel *k, const char *path, char *msg, size_t msglen)
{
    if (!k || !path || !*path)
        return -AX_EINVAL;
    if (msg && msglen)
        snprintf(msg, msglen, "%s: this axos was built without disk support", path);
    return -AX_EOPNOTSUPP;
}

int kernel_disk_sync(Kernel *k) { return -AX_ENODEV; }

int kernel_disk_close(Kernel *k) { return -AX_ENODEV; }

int kernel_disk_info(Kernel *k, DiskInfo *out)
{
    if (!out)
        return -AX_EINVAL;
    memset(out, 0, sizeof *out);
    return -AX_ENODEV;
}
