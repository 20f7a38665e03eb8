/* flock [OPTION]... FILE|DIR COMMAND [ARG]...
 * flock [OPTION]... FILE|DIR -c COMMAND
 * flock [OPTION]... FD
 * util-linux's flock(1): take a flock(2) lock on FILE, run COMMAND while
 * holding it (the command inherits the open file, so the lock lasts as
 * long as either holds it), or lock the already open FD of the shell. A
 * timeout interrupts the wait with SIGALRM from a timer, as util-linux
 * does with an itimer. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

#define EX_USAGE 64
#define EX_DATAERR 65
#define EX_NOINPUT 66
#define EX_UNAVAILABLE 69
#define EX_OSERR 71
#define EX_CANTCREAT 73

static void on_alarm(int sig) {
    (void)sig; /* only there to end the wait with EINTR */
}

static uint64_t now_ns(void) {
    return (uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
}

/* The lock file, opened as util-linux does: made when missing, a
 * directory read-only. Exits on failure. */
static int open_lock_file(const char *path, bool cloexec) {
    int cl = cloexec ? AX_O_CLOEXEC : 0;
    SyscallResult r = sys_open(path, AX_O_RDONLY | AX_O_NOCTTY | AX_O_CREAT | cl, 0666);
    if (r.error == AX_EISDIR)
        r = sys_open(path, AX_O_RDONLY | AX_O_NOCTTY | cl, 0);
    if (r.error == AX_OK)
        return (int)r.value;
    u_eprintf("flock: cannot open lock file %s: %s\n", path, sys_strerror(r.error));
    switch (r.error) {
    case AX_ENOMEM:
    case AX_EMFILE:
    case AX_ENFILE: u_exit(EX_OSERR);
    case AX_EROFS:
    case AX_ENOSPC: u_exit(EX_CANTCREAT);
    default: u_exit(EX_NOINPUT);
    }
}

/* Run argv and wait: its status as the shell reports it. */
static int run_command(char **argv) {
    const char *path = u_getenv("PATH");
    const char *cursor = path ? path : "/bin";
    char *prog = strchr(argv[0], '/') ? xstrdup(argv[0]) : u_path_lookup(argv[0], cursor, &cursor);
    u_fflush(NULL);
    SyscallResult r = prog ? sys_spawn(prog, argv, NULL, NULL) : (SyscallResult){-1, AX_ENOENT};
    xfree(prog);
    if (r.error != AX_OK) {
        u_eprintf("flock: failed to execute %s: %s\n", argv[0], sys_strerror(r.error));
        return r.error == AX_ENOMEM ? EX_OSERR : EX_UNAVAILABLE;
    }
    int status = 0;
    SyscallResult w;
    do
        w = sys_waitpid((int)r.value, &status, 0);
    while (w.error == AX_EINTR);
    if (w.error != AX_OK)
        return EX_OSERR;
    if (AX_WIFSIGNALED(status))
        return 128 + AX_WTERMSIG(status);
    return AX_WEXITSTATUS(status);
}

/* A whole number of seconds, or a fraction: "1.5". */
static bool parse_seconds(const char *s, uint64_t *ns) {
    char *end;
    double v = strtod(s, &end);
    if (!*s || *end || !(v >= 0) || v > 1e9)
        return false;
    *ns = (uint64_t)(v * 1e9);
    return true;
}

static int parse_exit_code(const char *s) {
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 0 || v > 255) {
        u_eprintf("flock: exit code out of range (expected 0 to 255)\n");
        u_exit(EX_USAGE);
    }
    return (int)v;
}

int flock_main(int argc, char **argv) {
    int type = AX_LOCK_EX, nb = 0, conflict = 1;
    bool close_fd = false, verbose = false, timeout = false;
    uint64_t timeout_ns = 0;
    const char *command = NULL;
    static const ULongOpt longopts[] = {
        {"shared", U_NO_ARG, 's'},   {"exclusive", U_NO_ARG, 'x'},       {"unlock", U_NO_ARG, 'u'},
        {"nonblock", U_NO_ARG, 'n'}, {"nb", U_NO_ARG, 'n'},              {"timeout", U_REQ_ARG, 'w'},
        {"wait", U_REQ_ARG, 'w'},    {"conflict-exit-code", U_REQ_ARG, 'E'}, {"close", U_NO_ARG, 'o'},
        {"verbose", U_NO_ARG, 300},  {NULL, 0, 0},
    };
    UGetopt g = U_GETOPT_INIT;
    int c;
    /* "+": the options after FILE belong to COMMAND; -c is only seen
     * right after FILE, as util-linux reads it */
    while ((c = u_getopt_long(&g, argc, argv, "+sxeunw:E:o", longopts)) != -1) {
        switch (c) {
        case 's': type = AX_LOCK_SH; break;
        case 'x':
        case 'e': type = AX_LOCK_EX; break;
        case 'u': type = AX_LOCK_UN; break;
        case 'n': nb = AX_LOCK_NB; break;
        case 'w':
            if (!parse_seconds(g.arg, &timeout_ns)) {
                u_eprintf("flock: invalid timeout value: '%s'\n", g.arg);
                return EX_USAGE;
            }
            timeout = true;
            break;
        case 'E': conflict = parse_exit_code(g.arg); break;
        case 'o': close_fd = true; break;
        case 300: verbose = true; break;
        default: return EX_USAGE;
        }
    }
    if (timeout && timeout_ns == 0) { /* -w 0 is -n, as in util-linux */
        timeout = false;
        nb = AX_LOCK_NB;
    }
    if (g.ind >= argc) {
        u_usage_error("flock", "not enough arguments");
        return EX_USAGE;
    }
    const char *target = argv[g.ind++];
    char **cmd_argv = NULL;
    char *sh_argv[4] = {NULL};
    int fd;
    if (g.ind < argc) {
        if (strcmp(argv[g.ind], "-c") == 0 || strcmp(argv[g.ind], "--command") == 0) {
            if (argc != g.ind + 2) {
                u_eprintf("flock: %s requires exactly one command argument\n", argv[g.ind]);
                return EX_USAGE;
            }
            command = argv[g.ind + 1];
        }
        if (command) {
            const char *sh = u_getenv("SHELL");
            sh_argv[0] = (char *)(sh && *sh ? sh : "/bin/sh");
            sh_argv[1] = "-c";
            sh_argv[2] = (char *)command;
            cmd_argv = sh_argv;
        } else {
            cmd_argv = argv + g.ind;
        }
        fd = open_lock_file(target, close_fd);
    } else {
        char *end;
        long v = strtol(target, &end, 10);
        if (!*target || *end || v < 0 || v > INT32_MAX) {
            u_eprintf("flock: bad file descriptor: '%s'\n", target);
            return EX_USAGE;
        }
        fd = (int)v;
    }
    int timer = -1;
    if (timeout) {
        SigAction sa = {.handler = on_alarm}; /* no SA_RESTART: the wait ends */
        sys_sigaction(AX_SIGALRM, &sa, NULL);
        timer = (int)sys_timer_set(timeout_ns, AX_TIMER_SIGALRM | AX_TIMER_CLOEXEC).value;
    }
    uint64_t t0 = now_ns();
    SyscallResult r;
    while ((r = sys_flock(fd, type | nb)).error != AX_OK) {
        if (r.error == AX_EAGAIN || (r.error == AX_EINTR && timeout)) {
            if (verbose)
                u_eprintf(r.error == AX_EAGAIN ? "flock: failed to get lock\n"
                                               : "flock: timeout while waiting to get lock\n");
            return conflict;
        }
        if (r.error != AX_EINTR) {
            u_eprintf("flock: %s: %s\n", target, sys_strerror(r.error));
            return r.error == AX_ENOLCK || r.error == AX_ENOMEM ? EX_OSERR : EX_DATAERR;
        }
    }
    if (timer >= 0)
        sys_close(timer);
    if (verbose) {
        uint64_t dt = now_ns() - t0;
        u_eprintf("flock: getting lock took %llu.%06llu seconds\n", (unsigned long long)(dt / 1000000000u),
                  (unsigned long long)(dt % 1000000000u / 1000u));
    }
    if (!cmd_argv)
        return 0;
    if (verbose)
        u_eprintf("flock: executing %s\n", cmd_argv[0]);
    return run_command(cmd_argv);
}
