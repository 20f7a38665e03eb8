/* The kernel's entry points, as a program built with the layer reaches
 * them: through the table the loader fills in this image's stamp, not
 * through symbols of the host executable. syscall/wrappers.c is compiled
 * into the layer too, so the program may also call any sys_* function of
 * axos.h; all of them come through sys_dispatch here. */
#include "posix/internal.h"

/* errno is the host thread's: put the caller's value back after the call,
 * whatever other processes (or the kernel) did to it while this one was
 * switched away inside the call. The caller then sets it if the call
 * failed. */
SyscallResult sys_dispatch(SyscallNo no, const SyscallArgs *args) {
    int saved = errno;
    SyscallResult r = axos_program_stamp.imports.dispatch(no, args);
    errno = saved;
    return r;
}

void **sys_tls(void) {
    return axos_program_stamp.imports.tls();
}

void sys_set_exit_hook(void (*fn)(void)) {
    axos_program_stamp.imports.set_exit_hook(fn);
}

const char *sys_strerror(SyscallError err) {
    return axos_program_stamp.imports.strerror(err);
}

const char *sys_errname(SyscallError err) {
    return axos_program_stamp.imports.errname(err);
}

const char *sys_name(SyscallNo no) {
    return axos_program_stamp.imports.name(no);
}

const char *sys_signame(int sig) {
    return axos_program_stamp.imports.signame(sig);
}

int sys_sigbyname(const char *name) {
    return axos_program_stamp.imports.sigbyname(name);
}
