/* free [-b | -k | -m | -h]: the system's memory, then each process's.
 *
 *                total        used        free      shared    segments
 *   Mem:     unlimited        9216   unlimited        4096           1
 *
 *     PID      MEMORY  COMMAND
 *       2        9216  holder
 *
 * total is KernelConfig.mem_limit, used what every region, heap and shm
 * segment holds, shared the bytes of shm segments. A process's MEMORY is
 * its regions, attachments and heap. Amounts in axos are small, so unlike
 * procps the default unit is bytes; -k and -m divide by 1024 and 1024²,
 * -h picks a unit per number (B, Ki, Mi, Gi, Ti). Zombies are not listed. */
#include <stdio.h>

#include "ulib.h"

enum { UNIT_BYTES, UNIT_KIB, UNIT_MIB, UNIT_HUMAN };

/* n in the chosen unit into buf. */
static const char *amount(uint64_t n, int unit, char *buf, size_t size)
{
    static const char *const suffix[] = {"B", "Ki", "Mi", "Gi", "Ti"};
    switch (unit) {
    case UNIT_KIB:
        n /= 1024;
        break;
    case UNIT_MIB:
        n /= 1024 * 1024;
        break;
    case UNIT_HUMAN: {
        int i = 0;
        uint64_t scale = 1;
        while (i < 4 && n >= scale * 1024) {
            scale *= 1024;
            i++;
        }
        /* one decimal below 10 of a unit, as procps does */
        if (i > 0 && n < scale * 10)
            snprintf(buf, size, "%llu.%llu%s", (unsigned long long)(n / scale),
                     (unsigned long long)(n % scale * 10 / scale), suffix[i]);
        else
            snprintf(buf, size, "%llu%s", (unsigned long long)(n / scale), suffix[i]);
        return buf;
    }
    default:
        break;
    }
    snprintf(buf, size, "%llu", (unsigned long long)n);
    return buf;
}

static ProcInfo *proc_snapshot(size_t *n)
{
    for (size_t cap = 64;;) {
        ProcInfo *list = xmalloc(cap * sizeof(ProcInfo));
        SyscallResult r = sys_proclist(list, cap);
        *n = r.error == AX_OK ? (size_t)r.value : 0;
        if (*n <= cap)
            return list;
        xfree(list);
        cap = *n + 16; /* more processes than room: again */
    }
}

int free_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    int unit = UNIT_BYTES, c;
    while ((c = u_getopt_long(&g, argc, argv, "bkmh", NULL)) != -1) {
        switch (c) {
        case 'b': unit = UNIT_BYTES; break;
        case 'k': unit = UNIT_KIB; break;
        case 'm': unit = UNIT_MIB; break;
        case 'h': unit = UNIT_HUMAN; break;
        default:
            u_eprintf("usage: free [-b | -k | -m | -h]\n");
            return 1;
        }
    }
    if (g.ind < argc) {
        u_eprintf("free: extra operand '%s'\n", argv[g.ind]);
        return 1;
    }
    /* The process list first, then the figures: our own heap then counts
     * the same in "used" and in our line. */
    size_t n;
    ProcInfo *procs = proc_snapshot(&n);
    SystemMemStats s;
    SyscallResult r = sys_system_memstats(&s);
    if (r.error != AX_OK) {
        u_perror("free", "system_memstats", r.error);
        return 1;
    }

    char b1[48], b2[48], b3[48], b4[48];
    const char *total = s.system_limit ? amount(s.system_limit, unit, b1, sizeof b1) : "unlimited";
    const char *avail = "unlimited";
    if (s.system_limit)
        avail = amount(s.system_limit > s.total_allocated ? s.system_limit - s.total_allocated : 0,
                       unit, b3, sizeof b3);
    UStream *out = u_stdout();
    u_fprintf(out, "%-4s %11s %11s %11s %11s %11s\n", "", "total", "used", "free", "shared",
              "segments");
    u_fprintf(out, "%-4s %11s %11s %11s %11s %11llu\n", "Mem:", total,
              amount(s.total_allocated, unit, b2, sizeof b2), avail,
              amount(s.shm_total_size, unit, b4, sizeof b4), (unsigned long long)s.shm_count);
    u_fprintf(out, "\n%5s %11s  %s\n", "PID", "MEMORY", "COMMAND");
    for (size_t i = 0; i < n; i++) {
        if (procs[i].state == AX_PROC_ZOMBIE)
            continue;
        u_fprintf(out, "%5d %11s  %s\n", procs[i].pid, amount(procs[i].mem_bytes, unit, b1, sizeof b1),
                  procs[i].name);
    }
    xfree(procs);
    return 0;
}
