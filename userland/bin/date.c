/* date [-uR] [-d STRING | -r FILE] [-I[FMT] | --rfc-3339=FMT] [+FORMAT]:
 * print the kernel's wall clock, or the date STRING names, or FILE's
 * modification time (UTC: axos has no time zones), by default as
 * `Thu Jan  1 00:00:00 UTC 2026`. Setting the clock (-s) is refused: the
 * clock belongs to the kernel's configuration. */
#include <string.h>

#include "ulib.h"

enum { OPT_RFC3339 = 256 };

static const ULongOpt date_longopts[] = {
    {"date", U_REQ_ARG, 'd'},         {"reference", U_REQ_ARG, 'r'},
    {"utc", U_NO_ARG, 'u'},           {"universal", U_NO_ARG, 'u'},
    {"rfc-email", U_NO_ARG, 'R'},     {"rfc-2822", U_NO_ARG, 'R'},
    {"iso-8601", U_OPT_ARG, 'I'},     {"rfc-3339", U_REQ_ARG, OPT_RFC3339},
    {"set", U_REQ_ARG, 's'},          {NULL, 0, 0},
};

/* The format -I / --iso-8601 names ("date" when none is given). */
static const char *iso_format(const char *what)
{
    static const char *const names[] = {"date", "hours", "minutes", "seconds", "ns"};
    static const char *const fmts[] = {"%Y-%m-%d", "%Y-%m-%dT%H%:z", "%Y-%m-%dT%H:%M%:z",
                                       "%Y-%m-%dT%H:%M:%S%:z", "%Y-%m-%dT%H:%M:%S,%N%:z"};
    if (what == NULL)
        return fmts[0];
    for (int i = 0; i < 5; i++)
        if (strncmp(names[i], what, strlen(what)) == 0 && *what)
            return fmts[i];
    return NULL;
}

static const char *rfc3339_format(const char *what)
{
    if (strcmp(what, "date") == 0)
        return "%Y-%m-%d";
    if (strcmp(what, "seconds") == 0)
        return "%Y-%m-%d %H:%M:%S%:z";
    if (strcmp(what, "ns") == 0)
        return "%Y-%m-%d %H:%M:%S.%N%:z";
    return NULL;
}

int date_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    const char *when = NULL, *ref = NULL, *fmt = NULL;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "ud:r:RI::s:", date_longopts)) != -1) {
        switch (c) {
        case 'd': when = g.arg; break;
        case 'r': ref = g.arg; break;
        case 'u': break; /* always UTC */
        case 'R': fmt = "%a, %d %b %Y %H:%M:%S %z"; break;
        case 'I':
            fmt = iso_format(g.arg);
            if (!fmt) {
                u_usage_error(argv[0], "invalid argument '%s' for '--iso-8601'", g.arg);
                return 1;
            }
            break;
        case OPT_RFC3339:
            fmt = rfc3339_format(g.arg);
            if (!fmt) {
                u_usage_error(argv[0], "invalid argument '%s' for '--rfc-3339'", g.arg);
                return 1;
            }
            break;
        case 's':
            u_eprintf("date: cannot set date: %s\n", sys_strerror(AX_EPERM));
            return 1;
        default: return 1;
        }
    }
    if (when && ref) {
        u_usage_error(argv[0], "the options to specify dates for printing are mutually exclusive");
        return 1;
    }
    if (g.ind < argc) {
        if (argv[g.ind][0] != '+') {
            u_eprintf("date: invalid date '%s'\n", argv[g.ind]);
            return 1;
        }
        if (fmt) {
            u_usage_error(argv[0], "multiple output formats specified");
            return 1;
        }
        fmt = argv[g.ind] + 1;
        if (g.ind + 1 < argc) {
            u_usage_error(argv[0], "extra operand '%s'", argv[g.ind + 1]);
            return 1;
        }
    }
    if (!fmt)
        fmt = "%a %b %e %H:%M:%S %Z %Y";
    SyscallResult r = sys_clock_gettime(AX_CLOCK_REALTIME);
    if (r.error != AX_OK) {
        u_perror("date", "clock_gettime", r.error);
        return 1;
    }
    int64_t ns = r.value;
    if (when && !u_parse_date(when, r.value, &ns)) {
        u_eprintf("date: invalid date '%s'\n", when);
        return 1;
    }
    if (ref) {
        FileStat st;
        SyscallResult s = sys_stat(ref, &st);
        if (s.error != AX_OK) {
            u_perror("date", ref, s.error);
            return 1;
        }
        ns = (int64_t)st.mtime_ns + u_boot_realtime();
    }
    UTm tm;
    u_gmtime(ns, &tm);
    char buf[4096];
    u_strftime(buf, sizeof buf, fmt, &tm);
    u_puts(buf);
    return 0;
}
