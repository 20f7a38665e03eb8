/* The system's files of /proc, in Linux's formats (proc(5)):
 *   meminfo      "MemTotal:       1048576 kB" lines: the total is
 *                KernelConfig.mem_limit (PROCFS_NOMINAL_MEM when there is
 *                none); file data counts as Cached and Shmem, as tmpfs's
 *   uptime       seconds since boot, and the idle share of them: the
 *                time no task was charged for (kernel clock)
 *   loadavg      "0.00 0.00 0.00 running/total last-pid": axos keeps no
 *                load average (docs/differences.md)
 *   stat         one CPU's lines in ticks, ctxt, btime, processes...
 *   mounts, filesystems, version, cpuinfo: what axos is
 *   sys/kernel/  hostname (/etc/hostname's first line), ostype,
 *                osrelease, pid_max */
#include <stdio.h>
#include <string.h>

#include "kernel/sched.h"
#include "vfs/internal.h"

#define TICKS_PER_SEC 100
#define NS_PER_TICK (1000000000ull / TICKS_PER_SEC)
/* What MemTotal says when no memory limit is set (4 GiB). */
#define PROCFS_NOMINAL_MEM (4ull << 30)

#if defined(__x86_64__)
#define PROCFS_MACHINE "x86_64"
#elif defined(__aarch64__)
#define PROCFS_MACHINE "aarch64"
#else
#define PROCFS_MACHINE "unknown"
#endif

/* How many processes are runnable (ready or running). */
static int procs_running(Kernel *k) {
    int running = 0;
    for (size_t b = 0; b < k->pid_hash_cap; b++)
        for (Proc *t = k->pid_hash[b]; t; t = t->hash_next)
            running += t->state == PROC_READY || t->state == PROC_RUNNING;
    return running;
}

/* The CPU time every task has had since boot (user + system, the caller's
 * call under way included) and the rest of the uptime: idle. */
static uint64_t cpu_busy_ns(Kernel *k) {
    return k->cpu_user_ns + k->cpu_sys_ns + sched_uncharged_ns(k);
}

static void kb_line(Kernel *k, PBuf *b, const char *name, uint64_t bytes) {
    char label[32];
    snprintf(label, sizeof label, "%s:", name);
    pbuf_printf(k, b, "%-16s%8llu kB\n", label, (unsigned long long)(bytes / 1024));
}

static void gen_meminfo(Kernel *k, PBuf *b) {
    uint64_t total = k->cfg.mem_limit ? k->cfg.mem_limit : PROCFS_NOMINAL_MEM;
    uint64_t used = k->mem_total < total ? k->mem_total : total;
    uint64_t files = k->mem_bytes[MEM_FILE], shm = k->mem_bytes[MEM_SHM];
    uint64_t free = total - used;
    const struct {
        const char *name;
        uint64_t bytes;
    } rows[] = {
        {"MemTotal", total},     {"MemFree", free},
        {"MemAvailable", free},  {"Buffers", 0},
        {"Cached", files},       {"SwapCached", 0},
        {"Active", used},        {"Inactive", 0},
        {"SwapTotal", 0},        {"SwapFree", 0},
        {"Dirty", 0},            {"Writeback", 0},
        {"AnonPages", used - (files < used ? files : used)},
        {"Mapped", shm},         {"Shmem", shm + files},
        {"KReclaimable", 0},     {"Slab", 0},
        {"SReclaimable", 0},     {"SUnreclaim", 0},
        {"KernelStack", k->mem_bytes[MEM_STACK]},
        {"PageTables", 0},       {"CommitLimit", total},
        {"Committed_AS", used},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        kb_line(k, b, rows[i].name, rows[i].bytes);
}

static void gen_uptime(Kernel *k, PBuf *b) {
    uint64_t now = k->now, cpu = cpu_busy_ns(k);
    uint64_t idle = cpu < now ? now - cpu : 0;
    pbuf_printf(k, b, "%llu.%02llu %llu.%02llu\n", (unsigned long long)(now / 1000000000),
                (unsigned long long)(now / NS_PER_TICK % 100),
                (unsigned long long)(idle / 1000000000),
                (unsigned long long)(idle / NS_PER_TICK % 100));
}

static void gen_kstat(Kernel *k, PBuf *b) {
    uint64_t now = k->now, cpu = cpu_busy_ns(k);
    uint64_t sys = cpu - k->cpu_user_ns; /* the call under way is system time */
    uint64_t user = k->cpu_user_ns / NS_PER_TICK, idle = (cpu < now ? now - cpu : 0) / NS_PER_TICK;
    /* user nice system idle iowait irq softirq steal guest guest_nice */
    for (int i = 0; i < 2; i++)
        pbuf_printf(k, b, "%s %llu 0 %llu %llu 0 0 0 0 0 0\n", i ? "cpu0" : "cpu ",
                    (unsigned long long)user, (unsigned long long)(sys / NS_PER_TICK),
                    (unsigned long long)idle);
    pbuf_printf(k, b,
                "intr 0\nctxt %llu\nbtime %llu\nprocesses %d\nprocs_running %d\n"
                "procs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n",
                (unsigned long long)k->stats.context_switches,
                (unsigned long long)(k->cfg.boot_time_ns / 1000000000), k->next_pid - 1,
                procs_running(k));
}

/* The first line of /etc/hostname (what hostname(1) sets), or "axos". */
static void gen_hostname(Kernel *k, PBuf *b) {
    char buf[65] = "";
    VNode *n;
    if (vfs_lookup(k, NULL, "/etc/hostname", &n) == 0 && n->type == VN_FILE) {
        size_t len = vfs_file_peek(n, 0, buf, sizeof buf - 1);
        buf[len] = '\0';
        buf[strcspn(buf, "\n")] = '\0';
    }
    pbuf_printf(k, b, "%s\n", buf[0] ? buf : "axos");
}

int procfs_gen_sys(Kernel *k, Proc *p, const VNode *n, PBuf *b) {
    int running;
    switch (n->u.proc.kind) {
    case PROCFS_F_MEMINFO: gen_meminfo(k, b); break;
    case PROCFS_F_UPTIME: gen_uptime(k, b); break;
    case PROCFS_F_LOADAVG:
        running = procs_running(k);
        pbuf_printf(k, b, "0.00 0.00 0.00 %d/%llu %d\n", running, (unsigned long long)k->nprocs,
                    k->next_pid - 1);
        break;
    case PROCFS_F_KSTAT: gen_kstat(k, b); break;
    case PROCFS_F_MOUNTS:
        pbuf_printf(k, b, "memfs / memfs rw 0 0\ndevfs /dev devfs rw,nosuid 0 0\n"
                          "proc /proc proc rw,nosuid,nodev,noexec 0 0\n");
        break;
    case PROCFS_F_VERSION:
        pbuf_printf(k, b, "axos version %s (axos@axos) #1\n", AX_VERSION_STRING);
        break;
    case PROCFS_F_CPUINFO:
        /* one CPU: axos runs one task at a time */
        pbuf_printf(k, b,
                    "processor\t: 0\nvendor_id\t: axos\nmodel name\t: axos simulated CPU\n"
                    "cpu cores\t: 1\nsiblings\t: 1\narchitecture\t: %s\n\n",
                    PROCFS_MACHINE);
        break;
    case PROCFS_F_FILESYSTEMS: pbuf_printf(k, b, "nodev\tmemfs\nnodev\tdevfs\nnodev\tproc\n"); break;
    case PROCFS_F_HOSTNAME: gen_hostname(k, b); break;
    case PROCFS_F_OSTYPE: pbuf_printf(k, b, "axos\n"); break;
    case PROCFS_F_OSRELEASE: pbuf_printf(k, b, "%s\n", AX_VERSION_STRING); break;
    case PROCFS_F_PIDMAX: pbuf_printf(k, b, "%d\n", PROCFS_PID_MAX); break;
    default: return -AX_EINVAL;
    }
    return 0;
}
