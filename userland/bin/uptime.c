/* uptime [-p] [-s]: how long the kernel has run, from its monotonic
 * clock: ` 00:05:00 up 5 min,  3 processes`. -p says it in words, -s
 * prints the boot time. axos keeps no load average, so none is shown. */
#include "ulib.h"

static void pretty(UStream *out, uint64_t secs)
{
    uint64_t days = secs / 86400, hours = secs / 3600 % 24, mins = secs / 60 % 60;
    const char *sep = "";
    u_fputs("up ", out);
    if (days) {
        u_fprintf(out, "%llu day%s", (unsigned long long)days, days == 1 ? "" : "s");
        sep = ", ";
    }
    if (hours) {
        u_fprintf(out, "%s%llu hour%s", sep, (unsigned long long)hours, hours == 1 ? "" : "s");
        sep = ", ";
    }
    if (mins || !*sep)
        u_fprintf(out, "%s%llu minute%s", sep, (unsigned long long)mins, mins == 1 ? "" : "s");
    u_putc('\n', out);
}

int uptime_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    bool words = false, since = false;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "ps", NULL)) != -1) {
        switch (c) {
        case 'p': words = true; break;
        case 's': since = true; break;
        default: return 1;
        }
    }
    SyscallResult mono = sys_clock_gettime(AX_CLOCK_MONOTONIC);
    SyscallResult real = sys_clock_gettime(AX_CLOCK_REALTIME);
    if (mono.error != AX_OK || real.error != AX_OK) {
        u_eprintf("uptime: cannot read the clock\n");
        return 1;
    }
    UStream *out = u_stdout();
    uint64_t secs = (uint64_t)mono.value / 1000000000;
    char buf[64];
    UTm tm;
    if (since) {
        u_gmtime(real.value - mono.value, &tm);
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
        u_fprintf(out, "%2llu:%02llu", (unsigned long long)hours, (unsigned long long)mins);
    else
        u_fprintf(out, "%llu min", (unsigned long long)mins);
    ProcInfo first; /* the call returns how many exist, whatever fits */
    SyscallResult procs = sys_proclist(&first, 1);
    if (procs.error == AX_OK)
        u_fprintf(out, ",  %lld process%s", (long long)procs.value, procs.value == 1 ? "" : "es");
    u_putc('\n', out);
    return 0;
}
