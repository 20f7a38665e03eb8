/* df [OPTION]... [FILE]...: the file systems' size and use, as GNU df
 * prints them. axos has two: the memory file system at / (its size is
 * the machine's memory limit, its use the bytes file data holds, what is
 * available what the limit leaves after everything the machine holds;
 * "-" without a limit)
 * and the device directory /dev (nothing stored). With FILEs, the file
 * system each is on. */
#include <string.h>

#include "ulib.h"

typedef struct DfFs {
    const char *name, *type, *mount;
    uint64_t size, used, avail;
    bool unlimited; /* no memory limit: no size to give */
} DfFs;

typedef struct DfOpts {
    bool human, type, inodes;
    uint64_t unit;
} DfOpts;

static void amount(const DfOpts *o, uint64_t v, char *buf, size_t size)
{
    if (o->human)
        u_human_size(v, buf, size);
    else
        snprintf(buf, size, "%llu", (unsigned long long)((v + o->unit - 1) / o->unit));
}

static void show(const DfOpts *o, const DfFs *f)
{
    char size[32], used[32], avail[32], pct[8];
    amount(o, f->size, size, sizeof size);
    amount(o, f->used, used, sizeof used);
    amount(o, f->avail, avail, sizeof avail);
    if (f->unlimited) {
        snprintf(size, sizeof size, "-");
        snprintf(avail, sizeof avail, "-");
    }
    if (f->size == 0 || f->unlimited)
        snprintf(pct, sizeof pct, "-");
    else /* GNU rounds the percentage up */
        snprintf(pct, sizeof pct, "%llu%%",
                 (unsigned long long)((f->used * 100 + f->used + f->avail - 1) /
                                      (f->used + f->avail ? f->used + f->avail : 1)));
    if (o->type)
        u_printf("%-10s %-6s %10s %8s %9s %4s %s\n", f->name, f->type, size, used, avail, pct,
                 f->mount);
    else
        u_printf("%-10s %10s %8s %9s %4s %s\n", f->name, size, used, avail, pct, f->mount);
}

int df_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"human-readable", U_NO_ARG, 'h'}, {"print-type", U_NO_ARG, 'T'},
        {"block-size", U_REQ_ARG, 'B'},    {"all", U_NO_ARG, 'a'},
        {"local", U_NO_ARG, 'l'},          {"portability", U_NO_ARG, 'P'},
        {NULL, 0, 0},
    };
    DfOpts o = {.unit = 1024};
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "hTB:kmalP", longopts)) != -1) {
        switch (c) {
        case 'h': o.human = true; break;
        case 'T': o.type = true; break;
        case 'k': o.unit = 1024; o.human = false; break;
        case 'm': o.unit = 1024 * 1024; o.human = false; break;
        case 'B':
            if (!u_parse_size(g.arg, &o.unit) || o.unit == 0) {
                u_eprintf("df: invalid -B argument '%s'\n", g.arg);
                return 1;
            }
            o.human = false;
            break;
        case 'a': case 'l': case 'P': break;
        default: return 1;
        }
    }
    SystemMemStats ms;
    sys_system_memstats(&ms);
    uint64_t limit = ms.system_limit;
    uint64_t avail = limit > ms.total_allocated ? limit - ms.total_allocated : 0;
    DfFs fs[2] = {
        {"memfs", "memfs", "/", ms.file_bytes + avail, ms.file_bytes, avail, limit == 0},
        {"devfs", "devfs", "/dev", 0, 0, 0, false},
    };
    char head[16];
    if (o.human)
        snprintf(head, sizeof head, "Size");
    else if (o.unit == 1024)
        snprintf(head, sizeof head, "1K-blocks");
    else if (o.unit == 1024 * 1024)
        snprintf(head, sizeof head, "1M-blocks");
    else
        snprintf(head, sizeof head, "%llu-blocks", (unsigned long long)o.unit);
    if (o.type)
        u_printf("%-10s %-6s %10s %8s %9s %4s %s\n", "Filesystem", "Type", head, "Used",
                 "Available", "Use%", "Mounted on");
    else
        u_printf("%-10s %10s %8s %9s %4s %s\n", "Filesystem", head, "Used", "Available", "Use%",
                 "Mounted on");
    if (g.ind >= argc) {
        show(&o, &fs[0]);
        show(&o, &fs[1]);
        return 0;
    }
    int status = 0;
    for (int i = g.ind; i < argc; i++) {
        FileStat st;
        SyscallResult r = sys_stat(argv[i], &st);
        if (r.error != AX_OK) {
            u_eprintf("df: %s: %s\n", argv[i], sys_strerror(r.error));
            status = 1;
            continue;
        }
        /* the device directory holds devices; everything else is memfs */
        char *abs = u_path_abs(argv[i]);
        bool dev = strcmp(abs, "/dev") == 0 || strncmp(abs, "/dev/", 5) == 0;
        xfree(abs);
        show(&o, &fs[dev ? 1 : 0]);
    }
    return status;
}
