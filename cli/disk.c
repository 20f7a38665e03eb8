/* The REPL's disk and host copies: --disk FILE (or none with
 * --ephemeral), --import HOSTDIR:/path at boot, --export /path:HOSTDIR at
 * the end, and the sync on a timer of the host clock (every few seconds,
 * whatever the kernel's clock does, so a run under the virtual clock
 * writes its disk too; the writes change nothing the machine sees). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "repl.h"

#define SYNC_EVERY_NS (5ull * 1000000000ull)

static uint64_t host_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* "A:B" split at the colon that separates two paths: the first one for
 * --import (a host path may hold colons less often than... it may: the
 * axos side is an absolute path, so the split is at the last ":/"). */
static bool split_pair(const char *arg, bool axos_second, char **a, char **b)
{
    const char *colon = NULL;
    if (axos_second) { /* HOSTDIR:/path */
        for (const char *p = arg; (p = strstr(p, ":/")) != NULL; p++)
            colon = p;
    } else { /* /path:HOSTDIR */
        colon = arg[0] == '/' ? strchr(arg, ':') : NULL;
    }
    if (!colon || colon == arg || !colon[1])
        return false;
    *a = strndup(arg, (size_t)(colon - arg));
    *b = strdup(colon + 1);
    return *a && *b;
}

int disk_boot(Repl *r, const DiskOptions *o)
{
    Kernel *k = r->k;
    char msg[512];
    if (o->path && !o->ephemeral) {
        int e = kernel_disk_open(k, o->path, msg, sizeof msg);
        if (e < 0) {
            fprintf(stderr, "axos: --disk %s\n", msg[0] ? msg : sys_strerror((SyscallError)-e));
            return -1;
        }
        r->disk = true;
        r->next_sync_ns = host_now() + SYNC_EVERY_NS;
    }
    for (int i = 0; i < o->nimports; i++) {
        char *host, *path;
        if (!split_pair(o->imports[i], true, &host, &path)) {
            fprintf(stderr, "axos: --import %s: HOSTDIR:/path expected\n", o->imports[i]);
            return -1;
        }
        int e = kernel_import(k, host, path, msg, sizeof msg);
        free(host);
        free(path);
        if (e < 0) {
            fprintf(stderr, "axos: --import %s\n", msg[0] ? msg : sys_strerror((SyscallError)-e));
            return -1;
        }
    }
    /* --export's arguments are checked now, so a mistake shows before the
     * session rather than after it */
    for (int i = 0; i < o->nexports; i++) {
        char *path, *host;
        if (!split_pair(o->exports[i], false, &path, &host)) {
            fprintf(stderr, "axos: --export %s: /path:HOSTDIR expected\n", o->exports[i]);
            return -1;
        }
        free(path);
        free(host);
    }
    return 0;
}

uint64_t disk_wait_cap(Repl *r, uint64_t timeout_ns)
{
    if (!r->disk)
        return timeout_ns;
    uint64_t now = host_now();
    uint64_t left = r->next_sync_ns > now ? r->next_sync_ns - now : 0;
    return left < timeout_ns ? left : timeout_ns;
}

void disk_tick(Repl *r)
{
    if (!r->disk)
        return;
    uint64_t now = host_now();
    if (now < r->next_sync_ns)
        return;
    r->next_sync_ns = now + SYNC_EVERY_NS;
    if (kernel_disk_sync(r->k) < 0 && !r->disk_warned) {
        fputs("axos: the disk could not be written; it keeps its last committed state\n", stderr);
        r->disk_warned = true;
    }
}

int disk_finish(Repl *r, const DiskOptions *o)
{
    int status = 0;
    char msg[512];
    for (int i = 0; i < o->nexports; i++) {
        char *path, *host;
        if (!split_pair(o->exports[i], false, &path, &host))
            continue;
        int e = kernel_export(r->k, path, host, msg, sizeof msg);
        if (e < 0) {
            fprintf(stderr, "axos: --export %s\n", msg[0] ? msg : sys_strerror((SyscallError)-e));
            status = -1;
        }
        free(path);
        free(host);
    }
    if (r->disk && kernel_disk_close(r->k) < 0) {
        fputs("axos: the disk could not be written at exit; it keeps its last committed state\n",
              stderr);
        status = -1;
    }
    r->disk = false;
    return status;
}
