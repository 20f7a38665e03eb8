/* gzip streams over axos fds for gzip and tar: zlib's deflate and
 * inflate (Debian zlib1g-dev) with their memory in the process's heap.
 * Without zlib (AXOS_WITH_ZLIB=OFF) every call fails with AX_ENOSYS. */
#ifndef AXOS_USERLAND_ZSTREAM_H
#define AXOS_USERLAND_ZSTREAM_H

#include <stdbool.h>
#include <stddef.h>

#include "ulib.h"

typedef struct ZStream ZStream;

/* A gzip writer onto fd at level (1-9) or a reader of fd (one or more
 * concatenated gzip members). NULL with *err set: AX_ENOSYS without zlib,
 * AX_ENOMEM. The fd stays the caller's. */
ZStream *zs_writer(int fd, int level, SyscallError *err);
ZStream *zs_reader(int fd, SyscallError *err);
/* Compress n bytes: 0 or -AX_* (the fd's write error). */
int zs_write(ZStream *z, const void *buf, size_t n);
/* Decompressed bytes into buf: the count (0 at the end of the data), or
 * -AX_EIO for data that is not gzip or is corrupt (*why says what), or
 * the fd's read error. */
int64_t zs_read(ZStream *z, void *buf, size_t n, const char **why);
/* Finish (a writer's trailer) and free: 0 or -AX_*. */
int zs_close(ZStream *z);

#endif
