/* du [OPTION]... [FILE]...: the space files take, each directory's with
 * everything below it, as GNU du prints it ("SIZE<TAB>NAME", directories
 * after their contents).
 *
 * axos keeps no count of allocated blocks, so a file takes its size
 * rounded up to whole 4 KiB blocks (as ls -s counts them; --apparent-size
 * and -b: its size), and a directory adds nothing of its own; see
 * docs/differences.md. A file with several links counts once. */
#include <string.h>

#include "ulib.h"

typedef struct Du {
    bool all, summarize, human, total, apparent, null_end;
    int64_t max_depth; /* -1: no limit */
    uint64_t unit;     /* bytes per unit printed */
    uint64_t *seen;    /* inodes of files with several links, counted already */
    size_t nseen;
    int status;
} Du;

static uint64_t usage(const Du *d, const FileStat *st)
{
    if (AX_S_ISDIR(st->mode))
        return 0;
    return d->apparent ? st->size : (st->size + 4095) / 4096 * 4096;
}

static void print(const Du *d, uint64_t bytes, const char *path)
{
    char buf[32];
    if (d->human) {
        u_human_size(bytes, buf, sizeof buf);
    } else {
        uint64_t units = (bytes + d->unit - 1) / d->unit;
        snprintf(buf, sizeof buf, "%llu", (unsigned long long)units);
    }
    u_printf("%s\t%s%c", buf, path, d->null_end ? '\0' : '\n');
}

static bool seen_before(Du *d, uint64_t ino)
{
    for (size_t i = 0; i < d->nseen; i++)
        if (d->seen[i] == ino)
            return true;
    d->seen = xrealloc(d->seen, (d->nseen + 1) * sizeof *d->seen);
    d->seen[d->nseen++] = ino;
    return false;
}

/* The bytes below path (itself included); prints what the options ask. */
static uint64_t walk(Du *d, const char *path, int64_t depth)
{
    FileStat st;
    SyscallResult r = sys_stat(path, &st);
    if (r.error != AX_OK) {
        u_eprintf("du: cannot access '%s': %s\n", path, sys_strerror(r.error));
        d->status = 1;
        return 0;
    }
    if (!AX_S_ISDIR(st.mode)) {
        if (st.nlink > 1 && seen_before(d, st.ino))
            return 0;
        uint64_t b = usage(d, &st);
        if ((d->all && !d->summarize && (d->max_depth < 0 || depth <= d->max_depth)) ||
            depth == 0)
            print(d, b, path);
        return b;
    }
    uint64_t total = usage(d, &st);
    UDirEnt *ents;
    int64_t n = u_dir_read(path, &ents);
    if (n < 0) {
        u_eprintf("du: cannot read directory '%s': %s\n", path, sys_strerror((SyscallError)-n));
        d->status = 1;
    } else {
        for (int64_t i = 0; i < n; i++) {
            char *child = u_path_join(path, ents[i].name);
            total += walk(d, child, depth + 1);
            xfree(child);
        }
        u_dir_free(ents, (size_t)n);
    }
    if (depth == 0 || (!d->summarize && (d->max_depth < 0 || depth <= d->max_depth)))
        print(d, total, path);
    return total;
}

int du_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"all", U_NO_ARG, 'a'},           {"summarize", U_NO_ARG, 's'},
        {"human-readable", U_NO_ARG, 'h'}, {"total", U_NO_ARG, 'c'},
        {"bytes", U_NO_ARG, 'b'},         {"apparent-size", U_NO_ARG, 256},
        {"max-depth", U_REQ_ARG, 'd'},    {"null", U_NO_ARG, '0'},
        {"one-file-system", U_NO_ARG, 'x'}, {"block-size", U_REQ_ARG, 'B'},
        {NULL, 0, 0},
    };
    Du d = {.max_depth = -1, .unit = 1024};
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "ashcbd:0xkmB:", longopts)) != -1) {
        switch (c) {
        case 'a': d.all = true; break;
        case 's': d.summarize = true; break;
        case 'h': d.human = true; break;
        case 'c': d.total = true; break;
        case 'b': d.apparent = true; d.unit = 1; break;
        case 256: d.apparent = true; break;
        case 'k': d.unit = 1024; d.human = false; break;
        case 'm': d.unit = 1024 * 1024; d.human = false; break;
        case 'B':
            if (!u_parse_size(g.arg, &d.unit) || d.unit == 0) {
                u_eprintf("du: invalid -B argument '%s'\n", g.arg);
                return 1;
            }
            break;
        case 'd': {
            int64_t v;
            if (!u_parse_i64(g.arg, &v) || v < 0) {
                u_eprintf("du: invalid maximum depth '%s'\n", g.arg);
                return 1;
            }
            d.max_depth = v;
            break;
        }
        case '0': d.null_end = true; break;
        case 'x': break;
        default: return 1;
        }
    }
    if (d.summarize && d.all) {
        u_usage_error("du", "cannot both summarize and show all entries");
        return 1;
    }
    if (d.summarize && d.max_depth > 0) {
        u_eprintf("du: warning: summarizing conflicts with --max-depth=%lld\n",
                  (long long)d.max_depth);
        u_eprintf("Try 'du --help' for more information.\n");
        return 1;
    }
    static char *dot[] = {"."};
    char **files = g.ind < argc ? argv + g.ind : dot;
    int nfiles = g.ind < argc ? argc - g.ind : 1;
    uint64_t total = 0;
    for (int i = 0; i < nfiles; i++)
        total += walk(&d, files[i], 0);
    if (d.total)
        print(&d, total, "total");
    xfree(d.seen);
    return d.status;
}
