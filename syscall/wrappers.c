/* The typed sys_* wrappers: each packs its arguments and calls
 * sys_dispatch. Nothing else happens here. */
#include "axos.h"

#define I(x) ((uint64_t)(int64_t)(x))   /* signed integers keep their sign */
#define U(x) ((uint64_t)(x))
#define P(x) ((uint64_t)(uintptr_t)(x))
#define CALL(name, ...) sys_dispatch(AX_SYS_##name, &(SyscallArgs){{__VA_ARGS__}})
/* Calls without arguments share one zeroed block rather than building one
 * on the stack each time (sys_yield is on the task-switch path). */
static const SyscallArgs no_args;
#define CALL0(name) sys_dispatch(AX_SYS_##name, &no_args)

/* files */
SyscallResult sys_read(int fd, void *buf, size_t n) { return CALL(read, I(fd), P(buf), U(n)); }
SyscallResult sys_write(int fd, const void *buf, size_t n) { return CALL(write, I(fd), P(buf), U(n)); }
SyscallResult sys_open(const char *path, int flags, uint32_t mode) { return CALL(open, P(path), I(flags), U(mode)); }
SyscallResult sys_close(int fd) { return CALL(close, I(fd)); }
SyscallResult sys_lseek(int fd, int64_t off, int whence) { return CALL(lseek, I(fd), I(off), I(whence)); }
SyscallResult sys_dup(int fd) { return CALL(dup, I(fd)); }
SyscallResult sys_dup2(int oldfd, int newfd) { return CALL(dup2, I(oldfd), I(newfd)); }
SyscallResult sys_stat(const char *path, FileStat *st) { return CALL(stat, P(path), P(st)); }
SyscallResult sys_fstat(int fd, FileStat *st) { return CALL(fstat, I(fd), P(st)); }
SyscallResult sys_lstat(const char *path, FileStat *st) { return CALL(lstat, P(path), P(st)); }
SyscallResult sys_symlink(const char *target, const char *linkpath) { return CALL(symlink, P(target), P(linkpath)); }
SyscallResult sys_readlink(const char *path, char *buf, size_t size) { return CALL(readlink, P(path), P(buf), U(size)); }
SyscallResult sys_link(const char *oldpath, const char *newpath) { return CALL(link, P(oldpath), P(newpath)); }
SyscallResult sys_openat(int dirfd, const char *path, int flags, uint32_t mode) { return CALL(openat, I(dirfd), P(path), I(flags), U(mode)); }
SyscallResult sys_fstatat(int dirfd, const char *path, FileStat *st, int flags) { return CALL(fstatat, I(dirfd), P(path), P(st), I(flags)); }
SyscallResult sys_mkdirat(int dirfd, const char *path, uint32_t mode) { return CALL(mkdirat, I(dirfd), P(path), U(mode)); }
SyscallResult sys_unlinkat(int dirfd, const char *path, int flags) { return CALL(unlinkat, I(dirfd), P(path), I(flags)); }
SyscallResult sys_renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath) { return CALL(renameat, I(olddirfd), P(oldpath), I(newdirfd), P(newpath)); }
SyscallResult sys_linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags) { return CALL(linkat, I(olddirfd), P(oldpath), I(newdirfd), P(newpath), I(flags)); }
SyscallResult sys_symlinkat(const char *target, int newdirfd, const char *linkpath) { return CALL(symlinkat, P(target), I(newdirfd), P(linkpath)); }
SyscallResult sys_readlinkat(int dirfd, const char *path, char *buf, size_t size) { return CALL(readlinkat, I(dirfd), P(path), P(buf), U(size)); }
SyscallResult sys_fchmodat(int dirfd, const char *path, uint32_t mode, int flags) { return CALL(fchmodat, I(dirfd), P(path), U(mode), I(flags)); }
SyscallResult sys_fchownat(int dirfd, const char *path, uint32_t uid, uint32_t gid, int flags) { return CALL(fchownat, I(dirfd), P(path), U(uid), U(gid), I(flags)); }
SyscallResult sys_faccessat(int dirfd, const char *path, int mode, int flags) { return CALL(faccessat, I(dirfd), P(path), I(mode), I(flags)); }
SyscallResult sys_mknodat(int dirfd, const char *path, uint32_t mode, uint64_t dev) { return CALL(mknodat, I(dirfd), P(path), U(mode), U(dev)); }
SyscallResult sys_utimensat(int dirfd, const char *path, const int64_t times[2], int flags) { return CALL(utimensat, I(dirfd), P(path), P(times), I(flags)); }
SyscallResult sys_fchdir(int fd) { return CALL(fchdir, I(fd)); }
SyscallResult sys_mkdir(const char *path, uint32_t mode) { return CALL(mkdir, P(path), U(mode)); }
SyscallResult sys_rmdir(const char *path) { return CALL(rmdir, P(path)); }
SyscallResult sys_unlink(const char *path) { return CALL(unlink, P(path)); }
SyscallResult sys_rename(const char *oldpath, const char *newpath) { return CALL(rename, P(oldpath), P(newpath)); }
SyscallResult sys_readdir(int fd, DirEntry *ents, size_t count) { return CALL(readdir, I(fd), P(ents), U(count)); }
SyscallResult sys_exists(const char *path) { return CALL(exists, P(path)); }
SyscallResult sys_getcwd(char *buf, size_t size) { return CALL(getcwd, P(buf), U(size)); }
SyscallResult sys_chdir(const char *path) { return CALL(chdir, P(path)); }
SyscallResult sys_fcntl(int fd, int cmd, int64_t arg) {
    /* the lock commands take a pointer: their own call, so a trace and
     * the fuzzer know the argument for what it is */
    if (cmd == AX_F_GETLK || cmd == AX_F_SETLK || cmd == AX_F_SETLKW)
        return CALL(fcntl_lock, I(fd), I(cmd), U(arg));
    return CALL(fcntl, I(fd), I(cmd), I(arg));
}
SyscallResult sys_fcntl_lock(int fd, int cmd, RecordLock *lock) { return CALL(fcntl_lock, I(fd), I(cmd), P(lock)); }
SyscallResult sys_flock(int fd, int op) { return CALL(flock, I(fd), I(op)); }
SyscallResult sys_ftruncate(int fd, int64_t len) { return CALL(ftruncate, I(fd), I(len)); }
SyscallResult sys_sync(void) { return CALL0(sync); }
SyscallResult sys_fsync(int fd) { return CALL(fsync, I(fd)); }
SyscallResult sys_futimens(int fd, const int64_t times[2]) { return CALL(futimens, I(fd), P(times)); }
SyscallResult sys_pread(int fd, void *buf, size_t n, int64_t off) { return CALL(pread, I(fd), P(buf), U(n), I(off)); }
SyscallResult sys_pwrite(int fd, const void *buf, size_t n, int64_t off) {
    return CALL(pwrite, I(fd), P(buf), U(n), I(off));
}
SyscallResult sys_truncate(const char *path, int64_t len) { return CALL(truncate, P(path), I(len)); }
SyscallResult sys_access(const char *path, int mode) { return CALL(access, P(path), I(mode)); }
SyscallResult sys_umask(uint32_t mask) { return CALL(umask, U(mask)); }

/* credentials and permissions */
SyscallResult sys_getuid(void) { return CALL0(getuid); }
SyscallResult sys_geteuid(void) { return CALL0(geteuid); }
SyscallResult sys_getgid(void) { return CALL0(getgid); }
SyscallResult sys_getegid(void) { return CALL0(getegid); }
SyscallResult sys_getresuid(uint32_t *r, uint32_t *e, uint32_t *s) { return CALL(getresuid, P(r), P(e), P(s)); }
SyscallResult sys_getresgid(uint32_t *r, uint32_t *e, uint32_t *s) { return CALL(getresgid, P(r), P(e), P(s)); }
SyscallResult sys_getgroups(int size, uint32_t *list) { return CALL(getgroups, I(size), P(list)); }
SyscallResult sys_setgroups(int size, const uint32_t *list) { return CALL(setgroups, I(size), P(list)); }
SyscallResult sys_setuid(uint32_t uid) { return CALL(setuid, U(uid)); }
SyscallResult sys_setgid(uint32_t gid) { return CALL(setgid, U(gid)); }
SyscallResult sys_seteuid(uint32_t euid) { return CALL(seteuid, U(euid)); }
SyscallResult sys_setegid(uint32_t egid) { return CALL(setegid, U(egid)); }
SyscallResult sys_setreuid(uint32_t ruid, uint32_t euid) { return CALL(setreuid, U(ruid), U(euid)); }
SyscallResult sys_setregid(uint32_t rgid, uint32_t egid) { return CALL(setregid, U(rgid), U(egid)); }
SyscallResult sys_setresuid(uint32_t ruid, uint32_t euid, uint32_t suid) { return CALL(setresuid, U(ruid), U(euid), U(suid)); }
SyscallResult sys_setresgid(uint32_t rgid, uint32_t egid, uint32_t sgid) { return CALL(setresgid, U(rgid), U(egid), U(sgid)); }
SyscallResult sys_chmod(const char *path, uint32_t mode) { return CALL(chmod, P(path), U(mode)); }
SyscallResult sys_fchmod(int fd, uint32_t mode) { return CALL(fchmod, I(fd), U(mode)); }
SyscallResult sys_chown(const char *path, uint32_t uid, uint32_t gid) { return CALL(chown, P(path), U(uid), U(gid)); }
SyscallResult sys_fchown(int fd, uint32_t uid, uint32_t gid) { return CALL(fchown, I(fd), U(uid), U(gid)); }
SyscallResult sys_lchown(const char *path, uint32_t uid, uint32_t gid) { return CALL(lchown, P(path), U(uid), U(gid)); }

/* processes */
SyscallResult sys_spawn(const char *path, char *const argv[], char *const envp[], const SpawnAttr *attr) {
    return CALL(spawn, P(path), P(argv), P(envp), P(attr));
}
SyscallResult sys_vfork(void (*resume)(int pid)) { return CALL(vfork, P(resume)); }
SyscallResult sys_exec(const char *path, char *const argv[], char *const envp[]) {
    return CALL(exec, P(path), P(argv), P(envp));
}
void sys_exit(int status) { CALL(exit, I(status)); }
SyscallResult sys_waitpid(int pid, int *status, int options) { return CALL(waitpid, I(pid), P(status), I(options)); }
SyscallResult sys_wait4(int pid, int *status, int options, ResourceUsage *ru) {
    return CALL(wait4, I(pid), P(status), I(options), P(ru));
}
SyscallResult sys_getrusage(int who, ResourceUsage *out) { return CALL(getrusage, I(who), P(out)); }
SyscallResult sys_times(ProcTimes *out) { return CALL(times, P(out)); }
SyscallResult sys_getpid(void) { return CALL0(getpid); }
SyscallResult sys_getppid(void) { return CALL0(getppid); }
SyscallResult sys_setpgid(int pid, int pgid) { return CALL(setpgid, I(pid), I(pgid)); }
SyscallResult sys_getpgid(int pid) { return CALL(getpgid, I(pid)); }
SyscallResult sys_setsid(void) { return CALL0(setsid); }
SyscallResult sys_getsid(int pid) { return CALL(getsid, I(pid)); }
SyscallResult sys_yield(void) { return CALL0(yield); }
SyscallResult sys_sleep(uint64_t ns) { return CALL(sleep, U(ns)); }
SyscallResult sys_getenv(const char *name, char *buf, size_t size) { return CALL(getenv, P(name), P(buf), U(size)); }
SyscallResult sys_setenv(const char *name, const char *value, int overwrite) {
    return CALL(setenv, P(name), P(value), I(overwrite));
}
SyscallResult sys_unsetenv(const char *name) { return CALL(unsetenv, P(name)); }
SyscallResult sys_environ(size_t index, char *buf, size_t size) { return CALL(environ, U(index), P(buf), U(size)); }
SyscallResult sys_clock_gettime(int clock_id) { return CALL(clock_gettime, I(clock_id)); }
SyscallResult sys_proclist(ProcInfo *out, size_t count) { return CALL(proclist, P(out), U(count)); }
SyscallResult sys_heap_alloc(size_t size) { return CALL(heap_alloc, U(size)); }
SyscallResult sys_heap_free(void *ptr) { return CALL(heap_free, P(ptr)); }
SyscallResult sys_heap_realloc(void *ptr, size_t size) { return CALL(heap_realloc, P(ptr), U(size)); }

/* pipes and timers */
SyscallResult sys_pipe(int fds[2]) { return CALL(pipe, P(fds), 0); }
SyscallResult sys_pipe2(int fds[2], int flags) { return CALL(pipe, P(fds), I(flags)); }
SyscallResult sys_timer_set(uint64_t delay_ns, int flags) { return CALL(timer_set, U(delay_ns), I(flags)); }
SyscallResult sys_timer_interval(uint64_t interval_ns, int flags) { return CALL(timer_interval, U(interval_ns), I(flags)); }
SyscallResult sys_timer_cancel(int fd) { return CALL(timer_cancel, I(fd)); }

/* memory */
SyscallResult sys_mem_alloc(size_t size, int prot) { return CALL(mem_alloc, U(size), I(prot)); }
SyscallResult sys_mem_free(int region) { return CALL(mem_free, I(region)); }
SyscallResult sys_mem_read(int region, size_t offset, void *buf, size_t n) {
    return CALL(mem_read, I(region), U(offset), P(buf), U(n));
}
SyscallResult sys_mem_write(int region, size_t offset, const void *buf, size_t n) {
    return CALL(mem_write, I(region), U(offset), P(buf), U(n));
}
SyscallResult sys_mem_protect(int region, int prot) { return CALL(mem_protect, I(region), I(prot)); }
SyscallResult sys_memstats(MemStats *out) { return CALL(memstats, P(out)); }
SyscallResult sys_set_memlimit(uint64_t bytes) { return CALL(set_memlimit, U(bytes)); }
SyscallResult sys_system_memstats(SystemMemStats *out) { return CALL(system_memstats, P(out)); }
SyscallResult sys_shmget(int key, size_t size, int flags) { return CALL(shmget, I(key), U(size), I(flags)); }
SyscallResult sys_shmat(int shmid, int prot) { return CALL(shmat, I(shmid), I(prot)); }
SyscallResult sys_shmdt(int region) { return CALL(shmdt, I(region)); }
SyscallResult sys_shmctl(int shmid, int cmd, ShmInfo *info) { return CALL(shmctl, I(shmid), I(cmd), P(info)); }
SyscallResult sys_shm_sync(int region) { return CALL(shm_sync, I(region)); }
SyscallResult sys_shm_refresh(int region) { return CALL(shm_refresh, I(region)); }
SyscallResult sys_shm_list(ShmInfo *out, size_t count) { return CALL(shm_list, P(out), U(count)); }

/* signals */
SyscallResult sys_kill(int pid, int sig) { return CALL(kill, I(pid), I(sig)); }
SyscallResult sys_signal(int sig, SigHandler handler) { return CALL(signal, I(sig), P(handler)); }
SyscallResult sys_sigaction(int sig, const SigAction *act, SigAction *old) {
    return CALL(sigaction, I(sig), P(act), P(old));
}
SyscallResult sys_sigprocmask(int how, const SigSet *set, SigSet *old) {
    return CALL(sigprocmask, I(how), P(set), P(old));
}
SyscallResult sys_sigblock(int sig) { return CALL(sigblock, I(sig)); }
SyscallResult sys_sigunblock(int sig) { return CALL(sigunblock, I(sig)); }
SyscallResult sys_sigpending(SigSet *set) { return CALL(sigpending, P(set)); }
SyscallResult sys_pause(void) { return CALL0(pause); }
SyscallResult sys_sigtimedwait(const SigSet *set, const int64_t *timeout_ns) {
    return CALL(sigtimedwait, P(set), P(timeout_ns));
}

/* trace */
SyscallResult sys_trace_enable(void) { return CALL0(trace_enable); }
SyscallResult sys_trace_disable(void) { return CALL0(trace_disable); }
SyscallResult sys_trace_enabled(void) { return CALL0(trace_enabled); }
SyscallResult sys_trace_reset(void) { return CALL0(trace_reset); }
SyscallResult sys_trace_summary(TraceSummary *out) { return CALL(trace_summary, P(out)); }
SyscallResult sys_trace_event(const char *name, const char *detail) { return CALL(trace_event, P(name), P(detail)); }
SyscallResult sys_trace_digest(uint64_t *out) { return CALL(trace_digest, P(out)); }
SyscallResult sys_trace_read(TraceEventInfo *out, size_t count, uint64_t from) {
    return CALL(trace_read, P(out), U(count), U(from));
}
SyscallResult sys_trace_filter(int pgid) { return CALL(trace_filter, I(pgid)); }

/* console */
SyscallResult sys_console_push_input(const void *buf, size_t n) { return CALL(console_push_input, P(buf), U(n)); }
SyscallResult sys_console_take_output(void *buf, size_t n) { return CALL(console_take_output, P(buf), U(n)); }
SyscallResult sys_tcgetattr(int fd, TermAttr *out) { return CALL(tcgetattr, I(fd), P(out)); }
SyscallResult sys_tcsetattr(int fd, int action, const TermAttr *attr) { return CALL(tcsetattr, I(fd), I(action), P(attr)); }
SyscallResult sys_tcsetpgrp(int fd, int pgid) { return CALL(tcsetpgrp, I(fd), I(pgid)); }
SyscallResult sys_tcgetpgrp(int fd) { return CALL(tcgetpgrp, I(fd)); }
SyscallResult sys_tcgetwinsize(int fd, WinSize *out) { return CALL(tcgetwinsize, I(fd), P(out)); }
SyscallResult sys_tcsetwinsize(int fd, const WinSize *ws) { return CALL(tcsetwinsize, I(fd), P(ws)); }

/* pseudo-terminals */
SyscallResult sys_posix_openpt(int flags) { return CALL(posix_openpt, I(flags)); }
SyscallResult sys_grantpt(int fd) { return CALL(grantpt, I(fd)); }
SyscallResult sys_unlockpt(int fd) { return CALL(unlockpt, I(fd)); }
SyscallResult sys_ptsname(int fd, char *buf, size_t size) { return CALL(ptsname, I(fd), P(buf), U(size)); }
SyscallResult sys_tiocsctty(int fd, int force) { return CALL(tiocsctty, I(fd), I(force)); }

/* windows */
SyscallResult sys_window_create(const char *title, int width, int height) {
    return CALL(window_create, P(title), I(width), I(height));
}
SyscallResult sys_window_size(int fd, int *width, int *height) {
    return CALL(window_size, I(fd), P(width), P(height));
}
SyscallResult sys_window_resize(int fd, int width, int height) {
    return CALL(window_resize, I(fd), I(width), I(height));
}
SyscallResult sys_clipboard_set(const void *buf, size_t n) { return CALL(clipboard_set, P(buf), U(n)); }
SyscallResult sys_clipboard_get(void *buf, size_t n) { return CALL(clipboard_get, P(buf), U(n)); }
SyscallResult sys_font_open(const char *name, int size) { return CALL(font_open, P(name), I(size)); }
SyscallResult sys_font_metrics(int fd, FontMetrics *out) { return CALL(font_metrics, I(fd), P(out)); }
SyscallResult sys_font_glyph(int fd, uint32_t codepoint, uint8_t *mask, size_t n) {
    return CALL(font_glyph, I(fd), U(codepoint), P(mask), U(n));
}

/* readiness */
SyscallResult sys_poll(PollFd *fds, size_t nfds, int timeout_ms) { return CALL(poll, P(fds), U(nfds), I(timeout_ms)); }
SyscallResult sys_ppoll(PollFd *fds, size_t nfds, const int64_t *timeout_ns, const SigSet *mask) {
    return CALL(ppoll, P(fds), U(nfds), P(timeout_ns), P(mask));
}
SyscallResult sys_select(int nfds, FdSet *readfds, FdSet *writefds, FdSet *exceptfds, int64_t *timeout_ns) {
    return CALL(select, I(nfds), P(readfds), P(writefds), P(exceptfds), P(timeout_ns));
}
SyscallResult sys_pselect(int nfds, FdSet *readfds, FdSet *writefds, FdSet *exceptfds,
                          const int64_t *timeout_ns, const SigSet *mask) {
    return CALL(pselect, I(nfds), P(readfds), P(writefds), P(exceptfds), P(timeout_ns), P(mask));
}
SyscallResult sys_epoll_create1(int flags) { return CALL(epoll_create1, I(flags)); }
SyscallResult sys_epoll_ctl(int epfd, int op, int fd, EpollEvent *event) {
    return CALL(epoll_ctl, I(epfd), I(op), I(fd), P(event));
}
SyscallResult sys_epoll_wait(int epfd, EpollEvent *events, int maxevents, int timeout_ms) {
    return CALL(epoll_wait, I(epfd), P(events), I(maxevents), I(timeout_ms));
}
SyscallResult sys_epoll_pwait(int epfd, EpollEvent *events, int maxevents, int timeout_ms, const SigSet *mask) {
    return CALL(epoll_pwait, I(epfd), P(events), I(maxevents), I(timeout_ms), P(mask));
}

/* FIFOs */
SyscallResult sys_mknod(const char *path, uint32_t mode, uint64_t dev) { return CALL(mknod, P(path), U(mode), U(dev)); }
SyscallResult sys_mkfifo(const char *path, uint32_t mode) { return CALL(mknod, P(path), U(mode | AX_S_IFIFO), 0); }

/* sockets */
SyscallResult sys_socket(int domain, int type, int protocol) { return CALL(socket, I(domain), I(type), I(protocol)); }
SyscallResult sys_socketpair(int domain, int type, int protocol, int sv[2]) {
    return CALL(socketpair, I(domain), I(type), I(protocol), P(sv));
}
SyscallResult sys_bind(int fd, const SockAddrUn *addr, uint32_t addrlen) { return CALL(bind, I(fd), P(addr), U(addrlen)); }
SyscallResult sys_listen(int fd, int backlog) { return CALL(listen, I(fd), I(backlog)); }
SyscallResult sys_accept4(int fd, SockAddrUn *addr, uint32_t *addrlen, int flags) {
    return CALL(accept4, I(fd), P(addr), P(addrlen), I(flags));
}
SyscallResult sys_accept(int fd, SockAddrUn *addr, uint32_t *addrlen) { return CALL(accept4, I(fd), P(addr), P(addrlen), 0); }
SyscallResult sys_connect(int fd, const SockAddrUn *addr, uint32_t addrlen) {
    return CALL(connect, I(fd), P(addr), U(addrlen));
}
SyscallResult sys_sendto(int fd, const void *buf, size_t n, int flags, const SockAddrUn *addr, uint32_t addrlen) {
    return CALL(sendto, I(fd), P(buf), U(n), I(flags), P(addr), U(addrlen));
}
SyscallResult sys_send(int fd, const void *buf, size_t n, int flags) { return CALL(sendto, I(fd), P(buf), U(n), I(flags), 0, 0); }
SyscallResult sys_recvfrom(int fd, void *buf, size_t n, int flags, SockAddrUn *addr, uint32_t *addrlen) {
    return CALL(recvfrom, I(fd), P(buf), U(n), I(flags), P(addr), P(addrlen));
}
SyscallResult sys_recv(int fd, void *buf, size_t n, int flags) { return CALL(recvfrom, I(fd), P(buf), U(n), I(flags), 0, 0); }
SyscallResult sys_sendmsg(int fd, const MsgHdr *msg, int flags) { return CALL(sendmsg, I(fd), P(msg), I(flags)); }
SyscallResult sys_recvmsg(int fd, MsgHdr *msg, int flags) { return CALL(recvmsg, I(fd), P(msg), I(flags)); }
SyscallResult sys_shutdown(int fd, int how) { return CALL(shutdown, I(fd), I(how)); }
SyscallResult sys_getsockname(int fd, SockAddrUn *addr, uint32_t *addrlen) { return CALL(getsockname, I(fd), P(addr), P(addrlen)); }
SyscallResult sys_getpeername(int fd, SockAddrUn *addr, uint32_t *addrlen) { return CALL(getpeername, I(fd), P(addr), P(addrlen)); }
SyscallResult sys_setsockopt(int fd, int level, int name, const void *val, uint32_t optlen) {
    return CALL(setsockopt, I(fd), I(level), I(name), P(val), U(optlen));
}
SyscallResult sys_getsockopt(int fd, int level, int name, void *val, uint32_t *optlen) {
    return CALL(getsockopt, I(fd), I(level), I(name), P(val), P(optlen));
}

/* SysV message queues and semaphores */
SyscallResult sys_msgget(int key, int flags) { return CALL(msgget, I(key), I(flags)); }
SyscallResult sys_msgsnd(int msqid, const void *msgp, size_t msgsz, int flags) {
    return CALL(msgsnd, I(msqid), P(msgp), U(msgsz), I(flags));
}
SyscallResult sys_msgrcv(int msqid, void *msgp, size_t msgsz, long msgtyp, int flags) {
    return CALL(msgrcv, I(msqid), P(msgp), U(msgsz), I(msgtyp), I(flags));
}
SyscallResult sys_msgctl(int msqid, int cmd, MsqInfo *info) { return CALL(msgctl, I(msqid), I(cmd), P(info)); }
SyscallResult sys_msg_list(MsqInfo *out, size_t count) { return CALL(msg_list, P(out), U(count)); }
SyscallResult sys_semget(int key, int nsems, int flags) { return CALL(semget, I(key), I(nsems), I(flags)); }
SyscallResult sys_semtimedop(int semid, SemBuf *sops, size_t nsops, const int64_t *timeout_ns) {
    return CALL(semtimedop, I(semid), P(sops), U(nsops), P(timeout_ns));
}
SyscallResult sys_semop(int semid, SemBuf *sops, size_t nsops) { return CALL(semtimedop, I(semid), P(sops), U(nsops), 0); }
SyscallResult sys_semctl(int semid, int semnum, int cmd, uint64_t arg) {
    return CALL(semctl, I(semid), I(semnum), I(cmd), U(arg));
}
SyscallResult sys_sem_list(SemInfo *out, size_t count) { return CALL(sem_list, P(out), U(count)); }

/* simulation */
SyscallResult sys_assert(int kind, int cond, const char *name) {
    return CALL(assert, I(kind), I(cond), P(name));
}
