/* uptime [-p] [-s]: how long the system has run, read from /proc as
 * procps's uptime does: " 01:02:00 up  1:02,  1 user,  load average:
 * 0.00, 0.00, 0.00". Users are the login sessions: session leaders with
 * a terminal (axos keeps no utmp). -p says it in words, -s prints when
 * the system started. */
#include "ulib.h"

/* Login sessions: processes that lead a session on a terminal. */
static int users(void)
{
    UProc *v;
    size_t n;
    if (u_procs_read(&v, &n) != AX_OK)
        return 0;
    int count = 0;
    for (size_t i = 0; i < n; i++)
        count += v[i].pid == v[i].sid && v[i].tty_nr != 0 && v[i].state != 'Z';
    u_procs_free(v, n);
    return count;
}

static void pretty(UStream *out, uint64_t secs)
{
    static const struct {
        const char *name;
        uint64_t secs;
    } units[] = {{"year", 31536000}, {"week", 604800}, {"day", 86400}, {"hour", 3600}, {"minute", 60}};
    const char *sep = "";
    u_fputs("up ", out);
    for (size_t i = 0; i < 5; i++) {
        uint64_t v = secs / units[i].secs;
        secs %= units[i].secs;
        if (v == 0 && !(i == 4 && !*sep))
            continue;
        u_fprintf(out, "%s%llu %s%s", sep, (unsigned long long)v, units[i].name, v == 1 ? "" : "s");
        sep = ", ";
    }
    u_putc('\n', out);
}

int uptime_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {{"pretty", U_NO_ARG, 'p'}, {"since", U_NO_ARG, 's'}, {NULL, 0, 0}};
    UGetopt g = U_GETOPT_INIT;
    bool words = false, since = false;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "ps", longopts)) != -1) {
        switch (c) {
        case 'p': words = true; break;
        case 's': since = true; break;
        default: return 1;
        }
    }
    if (g.ind < argc) {
        u_usage_error("uptime", "extra operand '%s'", argv[g.ind]);
        return 1;
    }
    USysInfo si;
    SyscallResult real = sys_clock_gettime(AX_CLOCK_REALTIME);
    if (u_sysinfo_read(&si) != AX_OK || real.error != AX_OK) {
        u_eprintf("uptime: cannot read /proc/uptime\n");
        return 1;
    }
    UStream *out = u_stdout();
    uint64_t secs = si.uptime_cs / 100;
    char buf[64];
    UTm tm;
    if (since) {
        u_gmtime(real.value - (int64_t)si.uptime_cs * 10000000, &tm);
        u_strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
        u_puts(buf);
        return 0;
    }
    if (words) {
        pretty(out, secs);
        return 0;
    }
    u_gmtime(real.value, &tm);
    u_strftime(buf, sizeof buf, " %H:%M:%S up ", &tm);
    u_fputs(buf, out);
    uint64_t days = secs / 86400, hours = secs / 3600 % 24, mins = secs / 60 % 60;
    if (days)
        u_fprintf(out, "%llu day%s, ", (unsigned long long)days, days == 1 ? "" : "s");
    if (hours)
        u_fprintf(out, "%2llu:%02llu, ", (unsigned long long)hours, (unsigned long long)mins);
    else
        u_fprintf(out, "%llu min, ", (unsigned long long)mins);
    int n = users();
    u_fprintf(out, "%2d %s,  load average: %s, %s, %s\n", n, n > 1 ? "users" : "user", si.loads[0],
              si.loads[1], si.loads[2]);
    return 0;
}
