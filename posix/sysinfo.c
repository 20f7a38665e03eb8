/* What a program asks about the system and itself: sysconf and limits,
 * uname and the host name (from /etc/hostname), user and group ids.
 * axos has no users yet: every process is uid 0 and gid 0 (the caller is
 * judged as root, as access does), and changing ids is refused. */
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "posix/internal.h"

long sysconf(int name) {
    switch (name) {
    case _SC_ARG_MAX: return 128 * 1024;
    case _SC_CHILD_MAX: return 32768;
    case _SC_CLK_TCK: return 100;
    case _SC_OPEN_MAX: return AX_OPEN_MAX;
    case _SC_PAGESIZE: return 4096;
    case _SC_NPROCESSORS_CONF:
    case _SC_NPROCESSORS_ONLN: return 1;
    case _SC_LINE_MAX: return 2048;
    case _SC_NGROUPS_MAX: return 65536;
    case _SC_HOST_NAME_MAX: return 64;
    case _SC_LOGIN_NAME_MAX: return 256;
    case _SC_TTY_NAME_MAX: return 32;
    case _SC_SYMLOOP_MAX: return 40;
    case _SC_IOV_MAX: return IOV_MAX;
    case _SC_STREAM_MAX: return 16;
    case _SC_TZNAME_MAX: return -1;
    case _SC_VERSION: return 200809L;
    case _SC_JOB_CONTROL:
    case _SC_SAVED_IDS: return 1;
    case _SC_PHYS_PAGES:
    case _SC_AVPHYS_PAGES: return 262144; /* 1 GiB of 4 KiB pages */
    default:
        errno = EINVAL;
        return -1;
    }
}

int getpagesize(void) {
    return 4096;
}

int getdtablesize(void) {
    return AX_OPEN_MAX;
}

static long px_pathconf(int name) {
    switch (name) {
    case _PC_LINK_MAX: return 1;
    case _PC_NAME_MAX: return AX_NAME_MAX;
    case _PC_PATH_MAX: return AX_PATH_MAX;
    case _PC_PIPE_BUF: return AX_PIPE_BUF;
    case _PC_MAX_CANON:
    case _PC_MAX_INPUT: return 4095;
    case _PC_CHOWN_RESTRICTED:
    case _PC_NO_TRUNC: return 1;
    case _PC_VDISABLE: return 0;
    default:
        errno = EINVAL;
        return -1;
    }
}

long pathconf(const char *path, int name) {
    if (access(path, F_OK) < 0)
        return -1;
    return px_pathconf(name);
}

long fpathconf(int fd, int name) {
    if (fcntl(fd, F_GETFD) < 0)
        return -1;
    return px_pathconf(name);
}

/* The host name is what /etc/hostname of the axos machine says. */
int gethostname(char *name, size_t len) {
    char buf[256];
    int fd = open("/etc/hostname", O_RDONLY | O_CLOEXEC);
    ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
    if (fd >= 0)
        close(fd);
    if (n <= 0) {
        strcpy(buf, "axos");
        n = 4;
    }
    buf[n] = '\0';
    buf[strcspn(buf, "\n")] = '\0';
    size_t l = strlen(buf);
    if (l + 1 > len)
        return px_fail(ENAMETOOLONG);
    memcpy(name, buf, l + 1);
    return 0;
}

int sethostname(const char *name, size_t len) {
    (void)name;
    (void)len;
    return px_fail(EPERM);
}

int getdomainname(char *name, size_t len) {
    if (len < 7)
        return px_fail(EINVAL);
    memcpy(name, "(none)", 7);
    return 0;
}

int uname(struct utsname *u) {
    if (!u)
        return px_fail(EFAULT);
    memset(u, 0, sizeof *u);
    strcpy(u->sysname, "axos");
    if (gethostname(u->nodename, sizeof u->nodename) < 0)
        strcpy(u->nodename, "axos");
    strcpy(u->release, AX_VERSION_STRING);
    strcpy(u->version, "axos " AX_VERSION_STRING);
#if defined(__x86_64__)
    strcpy(u->machine, "x86_64");
#elif defined(__aarch64__)
    strcpy(u->machine, "aarch64");
#else
    strcpy(u->machine, "unknown");
#endif
    return 0;
}

/* ---- resource limits: what axos has, reported; no change takes effect ---- */

int getrlimit(__rlimit_resource_t res, struct rlimit *rl) {
    if (!rl)
        return px_fail(EFAULT);
    switch (res) {
    case RLIMIT_NOFILE: rl->rlim_cur = rl->rlim_max = AX_OPEN_MAX; return 0;
    case RLIMIT_STACK: rl->rlim_cur = rl->rlim_max = AX_DEFAULT_STACK_SIZE; return 0;
    case RLIMIT_CORE: rl->rlim_cur = rl->rlim_max = 0; return 0;
    default:
        if ((int)res < 0 || res >= RLIM_NLIMITS)
            return px_fail(EINVAL);
        rl->rlim_cur = rl->rlim_max = RLIM_INFINITY;
        return 0;
    }
}

_Static_assert(sizeof(struct rlimit64) == sizeof(struct rlimit), "rlimit64 is rlimit");
int getrlimit64(__rlimit_resource_t res, struct rlimit64 *rl) {
    return getrlimit(res, (struct rlimit *)rl);
}

/* Lowering a limit is accepted (axos does not enforce it); raising one
 * past its maximum is refused, as for an unprivileged process. */
int setrlimit(__rlimit_resource_t res, const struct rlimit *rl) {
    struct rlimit cur;
    if (!rl)
        return px_fail(EFAULT);
    if (getrlimit(res, &cur) < 0)
        return -1;
    if (rl->rlim_cur > rl->rlim_max)
        return px_fail(EINVAL);
    if (rl->rlim_max > cur.rlim_max)
        return px_fail(EPERM);
    return 0;
}
int setrlimit64(__rlimit_resource_t res, const struct rlimit64 *rl) {
    return setrlimit(res, (const struct rlimit *)rl);
}

int prlimit(pid_t pid, __rlimit_resource_t res, const struct rlimit *new, struct rlimit *old) {
    if (pid != 0 && pid != getpid())
        return px_fail(EPERM);
    if (old && getrlimit(res, old) < 0)
        return -1;
    return new ? setrlimit(res, new) : 0;
}
int prlimit64(pid_t pid, __rlimit_resource_t res, const struct rlimit64 *new, struct rlimit64 *old) {
    return prlimit(pid, res, (const struct rlimit *)new, (struct rlimit *)old);
}

int getpriority(__priority_which_t which, id_t who) {
    (void)which;
    (void)who;
    errno = 0;
    return 0;
}

int setpriority(__priority_which_t which, id_t who, int prio) {
    (void)which;
    (void)who;
    return prio == 0 ? 0 : px_fail(EACCES);
}

int nice(int inc) {
    return inc == 0 ? 0 : px_fail(EPERM);
}

/* ---- ids: the process's credentials, which the kernel keeps ---- */

_Static_assert(sizeof(uid_t) == sizeof(uint32_t) && sizeof(gid_t) == sizeof(uint32_t), "ids");

uid_t getuid(void) { return (uid_t)sys_getuid().value; }
uid_t geteuid(void) { return (uid_t)sys_geteuid().value; }
gid_t getgid(void) { return (gid_t)sys_getgid().value; }
gid_t getegid(void) { return (gid_t)sys_getegid().value; }

int getresuid(uid_t *r, uid_t *e, uid_t *s) { return (int)px_ret(sys_getresuid(r, e, s)); }
int getresgid(gid_t *r, gid_t *e, gid_t *s) { return (int)px_ret(sys_getresgid(r, e, s)); }

int getgroups(int size, gid_t list[]) {
    return (int)px_ret(sys_getgroups(size, list));
}

int setgroups(size_t n, const gid_t *list) {
    if (n > AX_NGROUPS_MAX)
        return px_fail(EINVAL);
    return (int)px_ret(sys_setgroups((int)n, list));
}

int setuid(uid_t uid) { return (int)px_ret(sys_setuid(uid)); }
int seteuid(uid_t uid) { return (int)px_ret(sys_seteuid(uid)); }
int setgid(gid_t gid) { return (int)px_ret(sys_setgid(gid)); }
int setegid(gid_t gid) { return (int)px_ret(sys_setegid(gid)); }
int setreuid(uid_t r, uid_t e) { return (int)px_ret(sys_setreuid(r, e)); }
int setregid(gid_t r, gid_t e) { return (int)px_ret(sys_setregid(r, e)); }
int setresuid(uid_t r, uid_t e, uid_t s) { return (int)px_ret(sys_setresuid(r, e, s)); }
int setresgid(gid_t r, gid_t e, gid_t s) { return (int)px_ret(sys_setresgid(r, e, s)); }

