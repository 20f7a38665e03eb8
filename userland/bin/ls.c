/* ls [-1aAdl] [FILE...]: list directory contents, sorted by name. On a
 * terminal names go in columns (vertical order, as GNU ls); otherwise, or
 * with -1, one per line. -l shows mode, links, size, mtime and name. */
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

typedef struct LsOpts {
    bool all, almost_all, long_fmt, one, dir_only, columns;
    int cols;         /* line width for columns */
    int64_t boot;     /* realtime at kernel clock 0, for mtimes */
    int64_t now_real; /* realtime now, for the six-month rule */
} LsOpts;

typedef struct LsEnt {
    char *name; /* as shown */
    FileStat st;
    bool have_st;
} LsEnt;

static int cmp_ent(const void *a, const void *b)
{
    return strcmp(((const LsEnt *)a)->name, ((const LsEnt *)b)->name);
}

static size_t digits(uint64_t v)
{
    size_t n = 1;
    while (v >= 10) {
        v /= 10;
        n++;
    }
    return n;
}

static void print_long(UStream *out, LsEnt *ents, size_t n, const LsOpts *o)
{
    size_t wl = 1, ws = 1;
    for (size_t i = 0; i < n; i++) {
        if (digits(ents[i].st.nlink) > wl)
            wl = digits(ents[i].st.nlink);
        if (digits(ents[i].st.size) > ws)
            ws = digits(ents[i].st.size);
    }
    for (size_t i = 0; i < n; i++) {
        const FileStat *st = &ents[i].st;
        char mode[11], when[32];
        UTm tm;
        int64_t t = (int64_t)st->mtime_ns + o->boot;
        int64_t age = (o->now_real - t) / 1000000000;
        u_gmtime(t, &tm);
        /* Older than about six months (or in the future): show the year. */
        u_strftime(when, sizeof when, age < 15778476 && age > -3600 ? "%b %e %H:%M" : "%b %e  %Y",
                   &tm);
        u_mode_string(st->mode, mode);
        u_fprintf(out, "%s %*u %*llu %s %s\n", mode, (int)wl, st->nlink, (int)ws,
                  (unsigned long long)st->size, when, ents[i].name);
    }
}

static void pad(UStream *out, size_t n)
{
    while (n--)
        u_putc(' ', out);
}

/* Columns, filled top to bottom then left to right: the most columns whose
 * total width stays under the terminal width. */
static void print_columns(UStream *out, LsEnt *ents, size_t n, int width)
{
    size_t *len = xmalloc(n * sizeof *len);
    size_t *colw = xmalloc(n * sizeof *colw);
    size_t maxcols = (size_t)width / 3 + 1, rows = n;
    for (size_t i = 0; i < n; i++)
        len[i] = strlen(ents[i].name);
    for (size_t cols = maxcols < n ? maxcols : n; cols >= 1; cols--) {
        rows = (n + cols - 1) / cols;
        size_t used = (n + rows - 1) / rows, total = 0;
        for (size_t c = 0; c < used; c++) {
            colw[c] = 0;
            for (size_t r = 0; r < rows && c * rows + r < n; r++)
                if (len[c * rows + r] > colw[c])
                    colw[c] = len[c * rows + r];
            total += colw[c] + (c + 1 < used ? 2 : 0);
        }
        if (total < (size_t)width || cols == 1)
            break;
    }
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c * rows + r < n; c++) {
            size_t idx = c * rows + r;
            u_fputs(ents[idx].name, out);
            if ((c + 1) * rows + r < n)
                pad(out, colw[c] + 2 - len[idx]);
        }
        u_putc('\n', out);
    }
    xfree(len);
    xfree(colw);
}

static void print_ents(LsEnt *ents, size_t n, const LsOpts *o)
{
    UStream *out = u_stdout();
    if (n == 0)
        return;
    if (o->long_fmt)
        print_long(out, ents, n, o);
    else if (o->one || !o->columns)
        for (size_t i = 0; i < n; i++)
            u_puts(ents[i].name);
    else
        print_columns(out, ents, n, o->cols);
}

static void free_ents(LsEnt *ents, size_t n)
{
    for (size_t i = 0; i < n; i++)
        xfree(ents[i].name);
    xfree(ents);
}

static bool shown(const char *name, const LsOpts *o)
{
    return name[0] != '.' || o->all || o->almost_all;
}

/* List the contents of directory path. Returns 0 or 2 (cannot open). */
static int list_dir(const char *path, const LsOpts *o)
{
    UDirEnt *d;
    int64_t nd = u_dir_read(path, &d);
    if (nd < 0) {
        u_eprintf("ls: cannot open directory '%s': %s\n", path, sys_strerror((SyscallError)-nd));
        return 2;
    }
    LsEnt *ents = xcalloc((size_t)nd + 2, sizeof *ents);
    size_t n = 0;
    if (o->all) {
        ents[n++].name = xstrdup(".");
        ents[n++].name = xstrdup("..");
    }
    for (int64_t i = 0; i < nd; i++)
        if (shown(d[i].name, o))
            ents[n++].name = xstrdup(d[i].name);
    u_dir_free(d, (size_t)nd);
    int status = 0;
    if (o->long_fmt) {
        for (size_t i = 0; i < n; i++) {
            char *full = u_path_join(path, ents[i].name);
            SyscallResult r = sys_stat(full, &ents[i].st);
            if (r.error != AX_OK) {
                u_eprintf("ls: cannot access '%s': %s\n", full, sys_strerror(r.error));
                status = 1;
            }
            xfree(full);
        }
    }
    print_ents(ents, n, o);
    free_ents(ents, n);
    return status;
}

static int parse_opts(int argc, char **argv, LsOpts *o, int *first)
{
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt(&g, argc, argv, "1aAdlC")) != -1) {
        switch (c) {
        case '1': o->one = true; o->long_fmt = false; o->columns = false; break;
        case 'a': o->all = true; break;
        case 'A': o->almost_all = true; break;
        case 'd': o->dir_only = true; break;
        case 'l': o->long_fmt = true; o->one = false; o->columns = false; break;
        case 'C': o->columns = true; o->one = false; o->long_fmt = false; break;
        default: return -1;
        }
    }
    *first = g.ind;
    return 0;
}

int ls_main(int argc, char **argv)
{
    LsOpts o;
    memset(&o, 0, sizeof o);
    int first;
    if (parse_opts(argc, argv, &o, &first) < 0)
        return 2;
    /* Columns on a terminal (or with -C): as wide as the terminal, else
     * $COLUMNS, else 80. */
    WinSize ws;
    bool tty = sys_tcgetwinsize(1, &ws).error == AX_OK && ws.cols;
    if (tty && !o.one && !o.long_fmt)
        o.columns = true;
    o.cols = tty ? ws.cols : 80;
    char *env_cols = tty ? NULL : u_getenv("COLUMNS");
    int64_t width;
    if (env_cols && u_parse_i64(env_cols, &width) && width > 0 && width < 10000)
        o.cols = (int)width;
    if (o.long_fmt) {
        o.boot = u_boot_realtime();
        SyscallResult now = sys_clock_gettime(AX_CLOCK_REALTIME);
        o.now_real = now.error == AX_OK ? now.value : 0;
    }
    static char *const dot[] = {".", NULL};
    char *const *ops = first < argc ? argv + first : dot;
    size_t nops = first < argc ? (size_t)(argc - first) : 1;

    /* Operands: files are listed together first, then each directory. */
    LsEnt *files = xcalloc(nops, sizeof *files), *dirs = xcalloc(nops, sizeof *dirs);
    size_t nf = 0, ndirs = 0;
    int status = 0;
    for (size_t i = 0; i < nops; i++) {
        FileStat st;
        SyscallResult r = sys_stat(ops[i], &st);
        if (r.error != AX_OK) {
            u_eprintf("ls: cannot access '%s': %s\n", ops[i], sys_strerror(r.error));
            status = 2;
            continue;
        }
        LsEnt *e = AX_S_ISDIR(st.mode) && !o.dir_only ? &dirs[ndirs++] : &files[nf++];
        e->name = xstrdup(ops[i]);
        e->st = st;
        e->have_st = true;
    }
    qsort(files, nf, sizeof *files, cmp_ent);
    qsort(dirs, ndirs, sizeof *dirs, cmp_ent);
    print_ents(files, nf, &o);
    bool headers = nops > 1 || status != 0;
    for (size_t i = 0; i < ndirs; i++) {
        if (headers)
            u_printf("%s%s:\n", nf > 0 || i > 0 ? "\n" : "", dirs[i].name);
        int r = list_dir(dirs[i].name, &o);
        if (r > status)
            status = r;
    }
    free_ents(files, nf);
    free_ents(dirs, ndirs);
    return status;
}
