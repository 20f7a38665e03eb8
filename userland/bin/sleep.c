/* sleep NUMBER[smhd]...: pause for the sum of the intervals, in kernel
 * time (fractions allowed). */
#include <stdlib.h>

#include "ulib.h"

int sleep_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    if (u_getopt_long(&g, argc, argv, "", NULL) == '?')
        return 1;
    if (g.ind >= argc) {
        u_eprintf("sleep: missing operand\nTry 'sleep --help' for more information.\n");
        return 1;
    }
    double total = 0;
    for (int i = g.ind; i < argc; i++) {
        char *end;
        double v = strtod(argv[i], &end);
        double scale = 1;
        switch (*end) {
        case '\0':
        case 's': break;
        case 'm': scale = 60; break;
        case 'h': scale = 3600; break;
        case 'd': scale = 86400; break;
        default: scale = -1; break;
        }
        if (end == argv[i] || scale < 0 || (*end && end[1]) || !(v >= 0)) {
            u_eprintf("sleep: invalid time interval '%s'\n", argv[i]);
            return 1;
        }
        total += v * scale;
    }
    double ns = total * 1e9;
    uint64_t wait = ns >= 1.8e19 ? UINT64_MAX : (uint64_t)ns;
    SyscallResult r = sys_sleep(wait);
    return r.error == AX_OK ? 0 : 1;
}
