/* date [-u] [-d @SECONDS] [+FORMAT]: print the kernel's wall clock (UTC;
 * axos has no time zones), by default as `Thu Jan  1 00:00:00 UTC 2026`. */
#include <stdlib.h>

#include "ulib.h"

int date_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    const char *when = NULL;
    int c;
    while ((c = u_getopt(&g, argc, argv, "ud:R")) != -1) {
        if (c == 'd')
            when = g.arg;
        else if (c == '?')
            return 1;
    }
    const char *fmt = "%a %b %e %H:%M:%S %Z %Y";
    if (g.ind < argc) {
        if (argv[g.ind][0] != '+') {
            u_eprintf("date: invalid date '%s'\n", argv[g.ind]);
            return 1;
        }
        fmt = argv[g.ind] + 1;
        if (g.ind + 1 < argc) {
            u_eprintf("date: extra operand '%s'\n", argv[g.ind + 1]);
            return 1;
        }
    }
    int64_t ns;
    if (when) {
        int64_t secs;
        if (when[0] != '@' || !u_parse_i64(when + 1, &secs)) {
            u_eprintf("date: invalid date '%s'\n", when);
            return 1;
        }
        ns = secs * 1000000000;
    } else {
        SyscallResult r = sys_clock_gettime(AX_CLOCK_REALTIME);
        if (r.error != AX_OK) {
            u_perror("date", "clock_gettime", r.error);
            return 1;
        }
        ns = r.value;
    }
    UTm tm;
    u_gmtime(ns, &tm);
    char buf[1024];
    u_strftime(buf, sizeof buf, fmt, &tm);
    u_puts(buf);
    return 0;
}
