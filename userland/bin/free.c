/* free: the amount of free and used memory, read from /proc/meminfo as
 * procps's free does:
 *
 *                  total        used        free      shared  buff/cache   available
 *   Mem:         3145728       10240     3135488           0           0     3135488
 *   Swap:              0           0           0
 *
 * used is total - available; buff/cache is Buffers + Cached +
 * SReclaimable. KiB by default; -b, -m, -g, --tera in bytes, MiB, GiB,
 * TiB (--si: powers of 1000), -h picks a unit per number. -w splits
 * buffers and cache, -t adds a Total line, -s DELAY and -c COUNT repeat. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

enum { OPT_SI = 256, OPT_TERA, OPT_KILO, OPT_MEGA, OPT_GIGA, OPT_TERA_SI };

typedef struct FreeOpts {
    int shift;      /* the unit's power of the base: 0 bytes, 1 KiB, 2 MiB... */
    bool human, si, wide, total;
} FreeOpts;

/* bytes in the chosen unit, right-aligned in a 12-column cell */
static void amount(const FreeOpts *o, uint64_t bytes, char *buf, size_t size)
{
    uint64_t base = o->si ? 1000 : 1024;
    if (!o->human) {
        uint64_t v = bytes;
        for (int i = 0; i < o->shift; i++)
            v /= base;
        snprintf(buf, size, "%12llu", (unsigned long long)v);
        return;
    }
    static const char *const bin[] = {"B", "Ki", "Mi", "Gi", "Ti", "Pi"};
    static const char *const dec[] = {"B", "K", "M", "G", "T", "P"};
    const char *const *unit = o->si ? dec : bin;
    if (bytes < base) {
        char t[24];
        snprintf(t, sizeof t, "%llu%s", (unsigned long long)bytes, unit[0]);
        snprintf(buf, size, "%12s", t);
        return;
    }
    int i = 1;
    double scale = (double)base;
    while (i < 5 && (double)bytes >= scale * (double)base) {
        scale *= (double)base;
        i++;
    }
    double v = (double)bytes / scale;
    char t[24];
    /* one decimal under 10 of a unit, whole units above, as procps */
    if (v < 10)
        snprintf(t, sizeof t, "%.1f%s", v, unit[i]);
    else
        snprintf(t, sizeof t, "%llu%s", (unsigned long long)v, unit[i]);
    snprintf(buf, size, "%12s", t);
}

static void row(const FreeOpts *o, const char *name, const uint64_t *v, size_t n)
{
    UStream *out = u_stdout();
    u_fprintf(out, "%-8s", name);
    for (size_t i = 0; i < n; i++) {
        char b[32];
        amount(o, v[i], b, sizeof b);
        u_fputs(b, out);
    }
    u_putc('\n', out);
}

static int show(const FreeOpts *o)
{
    USysInfo si;
    if (u_sysinfo_read(&si) != AX_OK) {
        u_eprintf("free: cannot read /proc/meminfo\n");
        return 1;
    }
    UStream *out = u_stdout();
    uint64_t used = si.mem_total > si.mem_available ? si.mem_total - si.mem_available : 0;
    uint64_t cache = si.cached; /* Cached + SReclaimable */
    if (o->wide) {
        u_fputs("               total        used        free      shared     buffers       cache"
                "   available\n", out);
        row(o, "Mem:", (uint64_t[]){si.mem_total, used, si.mem_free, si.shared, si.buffers, cache,
                                    si.mem_available}, 7);
    } else {
        u_fputs("               total        used        free      shared  buff/cache   available\n",
                out);
        row(o, "Mem:", (uint64_t[]){si.mem_total, used, si.mem_free, si.shared,
                                    si.buffers + cache, si.mem_available}, 6);
    }
    uint64_t swap_used = si.swap_total - si.swap_free;
    row(o, "Swap:", (uint64_t[]){si.swap_total, swap_used, si.swap_free}, 3);
    if (o->total)
        row(o, "Total:", (uint64_t[]){si.mem_total + si.swap_total, used + swap_used,
                                      si.mem_free + si.swap_free}, 3);
    return 0;
}

int free_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"bytes", U_NO_ARG, 'b'},  {"kibi", U_NO_ARG, 'k'},    {"mebi", U_NO_ARG, 'm'},
        {"gibi", U_NO_ARG, 'g'},   {"tebi", U_NO_ARG, OPT_TERA}, {"human", U_NO_ARG, 'h'},
        {"si", U_NO_ARG, OPT_SI},  {"kilo", U_NO_ARG, OPT_KILO}, {"mega", U_NO_ARG, OPT_MEGA},
        {"giga", U_NO_ARG, OPT_GIGA}, {"tera", U_NO_ARG, OPT_TERA_SI}, {"wide", U_NO_ARG, 'w'},
        {"total", U_NO_ARG, 't'},  {"seconds", U_REQ_ARG, 's'}, {"count", U_REQ_ARG, 'c'},
        {NULL, 0, 0}};
    UGetopt g = U_GETOPT_INIT;
    FreeOpts o = {.shift = 1};
    double delay = -1;
    long count = -1;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "bkmghwts:c:", longopts)) != -1) {
        switch (c) {
        case 'b': o.shift = 0; break;
        case 'k': o.shift = 1; break;
        case 'm': o.shift = 2; break;
        case 'g': o.shift = 3; break;
        case OPT_TERA: o.shift = 4; break;
        case OPT_KILO: o.shift = 1, o.si = true; break;
        case OPT_MEGA: o.shift = 2, o.si = true; break;
        case OPT_GIGA: o.shift = 3, o.si = true; break;
        case OPT_TERA_SI: o.shift = 4, o.si = true; break;
        case OPT_SI: o.si = true; break;
        case 'h': o.human = true; break;
        case 'w': o.wide = true; break;
        case 't': o.total = true; break;
        case 's': {
            char *end;
            delay = strtod(g.arg, &end);
            if (*end || !(delay > 0) || delay > 1e6) {
                u_eprintf("free: seconds argument failed: '%s': %s\n", g.arg,
                          *end ? "Invalid argument" : "Numerical result out of range");
                return 1;
            }
            break;
        }
        case 'c': {
            char *end;
            count = strtol(g.arg, &end, 10);
            if (*end || count < 1) {
                u_eprintf("free: failed to parse count argument: '%s': %s\n", g.arg,
                          *end ? "Invalid argument" : "Numerical result out of range");
                return 1;
            }
            break;
        }
        default: return 1;
        }
    }
    if (g.ind < argc) {
        u_usage_error("free", "extra operand '%s'", argv[g.ind]);
        return 1;
    }
    if (count > 0 && delay < 0)
        delay = 1;
    for (long i = 0;; i++) {
        if (show(&o) != 0)
            return 1;
        if (delay < 0 || (count > 0 && i + 1 >= count))
            return 0;
        u_putc('\n', u_stdout());
        u_fflush(u_stdout());
        sys_sleep((uint64_t)(delay * 1e9));
    }
}
