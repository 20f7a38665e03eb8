/* The POSIX layer's internals (posix/, linked into every program built
 * with it; see docs/posix.md).
 *
 * The layer is a static archive linked into the program's shared object
 * with hidden visibility: its read, printf, malloc, stdout, environ...
 * bind inside the .so, so the program's calls land here and never in the
 * host's C library. Each axos process running the program has its own
 * copy of the .so (loader/), so every global below is per process: that
 * is where errno's save area, the streams, the environment, the heap's
 * state and the atexit handlers live, with no sys_tls() needed.
 *
 * errno is the host's thread-local errno: every kernel entry goes through
 * sys_dispatch (sys.c), which puts the caller's value back after the call,
 * so a process keeps its errno across the switches made inside the call.
 *
 * This room sees include/axos.h only, like any program. */
#ifndef AXOS_POSIX_INTERNAL_H
#define AXOS_POSIX_INTERNAL_H

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "axos.h"

/* The program's own main (the layer's entry calls it). */
extern int main(int argc, char **argv, char **envp);

extern ProgramStamp axos_program_stamp;

/* A call's result the POSIX way: the value, or -1 with errno set. */
static inline long px_ret(SyscallResult r) {
    if (r.error != AX_OK) {
        errno = (int)r.error;
        return -1;
    }
    return (long)r.value;
}

/* Fail with errno = err; returns -1 (for `return px_fail(EINVAL);`). */
static inline int px_fail(int err) {
    errno = err;
    return -1;
}

/* The fortify checks' failure paths (crt.c): end the process. */
_Noreturn void __chk_fail(void);
_Noreturn void __fortify_fail(const char *msg);

/* The host's open flags as axos's, or -1 with errno (fd.c). */
int px_oflags(int flags);

/* execvp's search: run(dir/file) for each directory of PATH (file
 * itself when it has a '/'), past ENOENT, ENOTDIR and EACCES. Returns
 * run's first success, or -1 with errno (EACCES if one was seen). The
 * paths are built on the stack (proc.c). */
int px_path_search(const char *file, int (*run)(const char *path, void *ud), void *ud);

/* A glibc sigset_t as axos's SigSet, signals 1..64 (spawn.c). */
SigSet px_sigset_to_ax(const sigset_t *set);

/* ---- process start and end (crt.c) ---- */
/* Run the atexit handlers and flush the streams (exit's first half). */
void px_run_exit_handlers(int status);
/* End the process with status, skipping handlers and streams (_exit). */
_Noreturn void px_exit_now(int status);

/* ---- environment (env.c) ---- */
/* Fill environ from the kernel's copy (process start). 0 or -1 (ENOMEM). */
int px_env_init(void);

/* ---- stdio (stdio_*.c) ---- */
void px_stdio_flush_all(void);
/* Flush stdout if it is line-buffered (before reading a terminal). */
void px_stdio_flush_linebuffered(void);

/* ---- time (time.c) ---- */
/* AX_CLOCK_REALTIME - AX_CLOCK_MONOTONIC: what turns the kernel's file
 * times (ns since boot) into times since the epoch. */
int64_t px_boot_ns(void);

struct rusage;
/* The kernel's ResourceUsage as a struct rusage (time.c): the fields
 * axos has no figure for (page faults, block I/O, messages) are 0. */
void px_rusage(const ResourceUsage *from, struct rusage *ru);

/* ---- vfork (vfork.c) ---- */
/* Is the caller a vfork child still borrowing its parent's stack? */
bool px_in_vfork_child(void);

#endif
