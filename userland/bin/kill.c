/* kill [-s SIG | -SIG | -n NUM] PID... / kill -l [SIG]...: send a signal
 * (SIGTERM by default) to processes, or list signal names. A negative PID
 * names a process group. */
#include <ctype.h>
#include <string.h>

#include "ulib.h"

static const char *short_name(int sig)
{
    const char *name = sys_signame(sig);
    return name && strncmp(name, "SIG", 3) == 0 ? name + 3 : name;
}

static int list_signals(int argc, char **argv, int i, bool table)
{
    if (i >= argc) {
        for (int sig = 1; sig < AX_NSIG; sig++) {
            const char *name = short_name(sig);
            if (!name)
                continue;
            if (table)
                u_printf("%2d %s\n", sig, name);
            else
                u_puts(name);
        }
        return 0;
    }
    int status = 0;
    for (; i < argc; i++) {
        int64_t n;
        if (u_parse_i64(argv[i], &n)) {
            /* An exit status like 130 stands for the signal 130 - 128. */
            int sig = n > 128 ? (int)(n - 128) : (int)n;
            const char *name = sig > 0 && sig < AX_NSIG ? short_name(sig) : NULL;
            if (name) {
                u_puts(name);
                continue;
            }
        } else {
            int sig = u_parse_signal(argv[i]);
            if (sig > 0) {
                u_printf("%d\n", sig);
                continue;
            }
        }
        u_eprintf("kill: '%s': invalid signal specification\n", argv[i]);
        status = 1;
    }
    return status;
}

int kill_main(int argc, char **argv)
{
    u_std_options(argc, argv);
    int sig = AX_SIGTERM;
    int i = 1;
    if (i < argc && (strcmp(argv[i], "-l") == 0 || strcmp(argv[i], "-L") == 0))
        return list_signals(argc, argv, i + 1, argv[i][1] == 'L');
    if (i < argc && argv[i][0] == '-' && argv[i][1] != '\0') {
        const char *spec = NULL;
        if (strcmp(argv[i], "--") == 0) {
            i++;
        } else if (strcmp(argv[i], "-s") == 0 || strcmp(argv[i], "-n") == 0) {
            if (i + 1 >= argc) {
                u_eprintf("kill: option requires an argument -- '%c'\n", argv[i][1]);
                return 1;
            }
            spec = argv[i + 1];
            i += 2;
        } else {
            spec = argv[i] + 1;
            i++;
        }
        if (spec) {
            sig = u_parse_signal(spec);
            if (sig < 0) {
                u_eprintf("kill: '%s': invalid signal specification\n", spec);
                return 1;
            }
        }
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i >= argc) {
        u_eprintf("kill: no process ID specified\nTry 'kill --help' for more information.\n");
        return 1;
    }
    int status = 0;
    for (; i < argc; i++) {
        int64_t pid;
        if (!u_parse_i64(argv[i], &pid) || pid > INT32_MAX || pid < INT32_MIN) {
            u_eprintf("kill: '%s': invalid process id\n", argv[i]);
            status = 1;
            continue;
        }
        SyscallResult r = sys_kill((int)pid, sig);
        if (r.error != AX_OK) {
            u_perror("kill", argv[i], r.error);
            status = 1;
        }
    }
    return status;
}
