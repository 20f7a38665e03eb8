/* diff [OPTION]... FILE1 FILE2: compare files line by line, as GNU diff
 * does: the normal format (2c2, < and >) or the unified one (-u, -U N),
 * -q to only say whether they differ, -r over directory trees (with
 * "Only in" for names on one side, or -N to compare them with nothing),
 * -i -b -w to see past case and blanks. A directory against a file
 * compares the file with the one of the same name in the directory.
 * Exit status: 0 no difference, 1 some, 2 trouble. */
#include <string.h>

#include "diff.h"

static void put_range(size_t lo, size_t hi) /* 1-based lines lo..hi, or the line before */
{
    if (hi <= lo + 1)
        u_printf("%zu", hi > lo ? lo + 1 : lo);
    else
        u_printf("%zu,%zu", lo + 1, hi);
}

static void put_line(const DiffFile *f, size_t i, const char *mark)
{
    u_fputs(mark, u_stdout());
    u_fwrite(f->line[i], f->len[i], u_stdout());
    u_putc('\n', u_stdout());
    if (i + 1 == f->n && f->no_eol)
        u_puts("\\ No newline at end of file");
}

static void normal_format(const DiffFile *a, const DiffFile *b, const DiffEdits *e)
{
    for (size_t i = 0; i < e->n; i++) {
        const DiffChange *c = &e->v[i];
        put_range(c->a0, c->a1);
        u_putc(c->a0 == c->a1 ? 'a' : c->b0 == c->b1 ? 'd' : 'c', u_stdout());
        put_range(c->b0, c->b1);
        u_putc('\n', u_stdout());
        for (size_t j = c->a0; j < c->a1; j++)
            put_line(a, j, "< ");
        if (c->a0 < c->a1 && c->b0 < c->b1)
            u_puts("---");
        for (size_t j = c->b0; j < c->b1; j++)
            put_line(b, j, "> ");
    }
}

static void unified_range(size_t start, size_t count)
{
    if (count == 1)
        u_printf("%zu", start + 1);
    else
        u_printf("%zu,%zu", count ? start + 1 : start, count);
}

static void unified_format(const DiffOpts *o, const DiffFile *a, const DiffFile *b,
                           const DiffEdits *e)
{
    size_t ctx = (size_t)o->context;
    for (size_t i = 0; i < e->n;) {
        /* a hunk: changes closer than 2*ctx lines go together */
        size_t j = i;
        while (j + 1 < e->n && e->v[j + 1].a0 - e->v[j].a1 <= 2 * ctx)
            j++;
        size_t a0 = e->v[i].a0 > ctx ? e->v[i].a0 - ctx : 0;
        size_t b0 = e->v[i].b0 - (e->v[i].a0 - a0);
        size_t a1 = e->v[j].a1 + ctx < a->n ? e->v[j].a1 + ctx : a->n;
        size_t b1 = e->v[j].b1 + (a1 - e->v[j].a1);
        u_fputs("@@ -", u_stdout());
        unified_range(a0, a1 - a0);
        u_fputs(" +", u_stdout());
        unified_range(b0, b1 - b0);
        u_puts(" @@");
        size_t ai = a0;
        for (size_t k = i; k <= j; k++) {
            const DiffChange *c = &e->v[k];
            for (; ai < c->a0; ai++)
                put_line(a, ai, " ");
            for (size_t x = c->a0; x < c->a1; x++)
                put_line(a, x, "-");
            for (size_t x = c->b0; x < c->b1; x++)
                put_line(b, x, "+");
            ai = c->a1;
        }
        for (; ai < a1; ai++)
            put_line(a, ai, " ");
        i = j + 1;
    }
}

/* "2026-12-03 15:00:00.000000000 +0000", the time GNU diff -u shows. */
static void put_time(const FileStat *st)
{
    int64_t ns = u_boot_realtime() + (int64_t)st->mtime_ns;
    int64_t sec = ns >= 0 ? ns / 1000000000 : -((-ns + 999999999) / 1000000000);
    UTm tm;
    u_gmtime(sec * 1000000000, &tm);
    char buf[64];
    u_strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    u_printf("%s.%09lld +0000", buf, (long long)(ns - sec * 1000000000));
}

static SyscallError load(const char *path, DiffFile *f)
{
    memset(f, 0, sizeof *f);
    if (!path) /* -N: a file that is not there is empty */
        return AX_OK;
    int fd = u_open_operand(path);
    if (fd < 0)
        return (SyscallError)-fd;
    SyscallError e = u_read_all(fd, &f->data, &f->size);
    if (fd > 0)
        sys_close(fd);
    return e;
}

static void unload(DiffFile *f)
{
    xfree(f->data);
    xfree(f->line);
    xfree(f->len);
    xfree(f->hash);
}

/* Compare two files (a NULL path: absent, with -N). Returns 0, 1 or 2. */
static int diff_files(DiffOpts *o, const char *pa, const char *pb, const char *na,
                      const char *nb, bool header)
{
    DiffFile a, b;
    SyscallError e;
    if ((e = load(pa, &a)) != AX_OK) {
        u_eprintf("diff: %s: %s\n", na, sys_strerror(e));
        return 2;
    }
    if ((e = load(pb, &b)) != AX_OK) {
        u_eprintf("diff: %s: %s\n", nb, sys_strerror(e));
        unload(&a);
        return 2;
    }
    int status = 0;
    bool binary = memchr(a.data ? a.data : "", 0, a.size < 4096 ? a.size : 4096) ||
                  memchr(b.data ? b.data : "", 0, b.size < 4096 ? b.size : 4096);
    if (binary || o->brief) {
        bool differ = a.size != b.size || (a.size && memcmp(a.data, b.data, a.size) != 0);
        if (differ && !binary) { /* -q with -i/-b/-w: the lines decide */
            diff_index(o, &a);
            diff_index(o, &b);
            DiffEdits ed = {0};
            diff_compare(o, &a, &b, &ed);
            differ = ed.n > 0;
            xfree(ed.v);
        }
        if (differ) {
            u_printf(binary ? "Binary files %s and %s differ\n" : "Files %s and %s differ\n", na,
                     nb);
            status = 1;
        }
    } else {
        diff_index(o, &a);
        diff_index(o, &b);
        DiffEdits ed = {0};
        diff_compare(o, &a, &b, &ed);
        if (ed.n) {
            status = 1;
            if (header)
                u_printf("%s %s %s\n", o->cmdline, na, nb);
            if (o->unified) {
                FileStat st = {0};
                u_fputs("--- ", u_stdout());
                if (o->label[0]) {
                    u_fputs(o->label[0], u_stdout());
                } else {
                    u_fputs(na, u_stdout());
                    u_putc('\t', u_stdout());
                    if (pa)
                        sys_stat(pa, &st);
                    put_time(&st);
                }
                u_fputs("\n+++ ", u_stdout());
                if (o->label[1]) {
                    u_fputs(o->label[1], u_stdout());
                } else {
                    u_fputs(nb, u_stdout());
                    u_putc('\t', u_stdout());
                    memset(&st, 0, sizeof st);
                    if (pb)
                        sys_stat(pb, &st);
                    put_time(&st);
                }
                u_putc('\n', u_stdout());
                unified_format(o, &a, &b, &ed);
            } else {
                normal_format(&a, &b, &ed);
            }
        }
        xfree(ed.v);
    }
    if (status == 0 && o->report_same)
        u_printf("Files %s and %s are identical\n", na, nb);
    unload(&a);
    unload(&b);
    return status;
}

static int diff_paths(DiffOpts *o, const char *a, const char *b, bool top);

/* Two directories: the names of both, in order. */
static int diff_dirs(DiffOpts *o, const char *a, const char *b)
{
    UDirEnt *ea, *eb;
    int64_t na = u_dir_read(a, &ea), nb;
    if (na < 0) {
        u_eprintf("diff: %s: %s\n", a, sys_strerror((SyscallError)-na));
        return 2;
    }
    nb = u_dir_read(b, &eb);
    if (nb < 0) {
        u_eprintf("diff: %s: %s\n", b, sys_strerror((SyscallError)-nb));
        u_dir_free(ea, (size_t)na);
        return 2;
    }
    int status = 0;
    int64_t i = 0, j = 0;
    while (i < na || j < nb) {
        int cmp = i >= na ? 1 : j >= nb ? -1 : strcmp(ea[i].name, eb[j].name);
        char *pa = cmp <= 0 ? u_path_join(a, ea[i].name) : NULL;
        char *pb = cmp >= 0 ? u_path_join(b, eb[j].name) : NULL;
        int r = 0;
        if (cmp == 0) {
            r = o->recursive || (ea[i].type != AX_DT_DIR && eb[j].type != AX_DT_DIR)
                    ? diff_paths(o, pa, pb, false)
                    : (u_printf("Common subdirectories: %s and %s\n", pa, pb), 0);
        } else if (o->new_file && (cmp < 0 ? ea[i].type : eb[j].type) != AX_DT_DIR) {
            char *other = cmp < 0 ? u_path_join(b, ea[i].name) : u_path_join(a, eb[j].name);
            r = cmp < 0 ? diff_files(o, pa, NULL, pa, other, true)
                        : diff_files(o, NULL, pb, other, pb, true);
            xfree(other);
        } else {
            u_printf("Only in %s: %s\n", cmp < 0 ? a : b, cmp < 0 ? ea[i].name : eb[j].name);
            r = 1;
        }
        if (r > status)
            status = r;
        xfree(pa);
        xfree(pb);
        if (cmp <= 0)
            i++;
        if (cmp >= 0)
            j++;
    }
    u_dir_free(ea, (size_t)na);
    u_dir_free(eb, (size_t)nb);
    return status;
}

static int diff_paths(DiffOpts *o, const char *a, const char *b, bool top)
{
    FileStat sa, sb;
    bool da = strcmp(a, "-") != 0 && sys_stat(a, &sa).error == AX_OK && AX_S_ISDIR(sa.mode);
    bool db = strcmp(b, "-") != 0 && sys_stat(b, &sb).error == AX_OK && AX_S_ISDIR(sb.mode);
    if (da && db)
        return diff_dirs(o, a, b);
    if (da != db) {
        if (!top) {
            u_printf("File %s is a %s while file %s is a %s\n", a,
                     da ? "directory" : "regular file", b, db ? "directory" : "regular file");
            return 1;
        }
        /* a file against a directory: the directory's file of that name */
        char *base = u_path_base(da ? b : a);
        char *inner = u_path_join(da ? a : b, base);
        xfree(base);
        int r = da ? diff_files(o, inner, b, inner, b, false)
                   : diff_files(o, a, inner, a, inner, false);
        xfree(inner);
        return r;
    }
    return diff_files(o, a, b, a, b, !top);
}

int diff_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"unified", U_OPT_ARG, 'U'},           {"brief", U_NO_ARG, 'q'},
        {"recursive", U_NO_ARG, 'r'},          {"new-file", U_NO_ARG, 'N'},
        {"ignore-case", U_NO_ARG, 'i'},        {"ignore-space-change", U_NO_ARG, 'b'},
        {"ignore-all-space", U_NO_ARG, 'w'},   {"report-identical-files", U_NO_ARG, 's'},
        {"label", U_REQ_ARG, 'L'},             {"text", U_NO_ARG, 'a'},
        {NULL, 0, 0},
    };
    DiffOpts o = {.context = 3};
    int nlabels = 0;
    UGetopt g = U_GETOPT_INIT;
    g.prog_try = 1; /* diffutils says "diff: Try 'diff --help'..." */
    int c;
    /* "diff -ru": the options as given, for the headers of -r */
    size_t cl = 5;
    for (int i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
        cl += strlen(argv[i]) + 1;
    o.cmdline = xmalloc(cl);
    strcpy(o.cmdline, "diff");
    while ((c = u_getopt_long(&g, argc, argv, "uU:qrNibwsL:a", longopts)) != -1) {
        switch (c) {
        case 'u':
            o.unified = true;
            break;
        case 'U': {
            int64_t v = 3;
            if (g.arg && (!u_parse_i64(g.arg, &v) || v < 0)) {
                u_eprintf("diff: invalid context length '%s'\n", g.arg);
                u_eprintf("diff: Try 'diff --help' for more information.\n");
                xfree(o.cmdline);
                return 2;
            }
            o.unified = true;
            o.context = v > 100000 ? 100000 : (int)v;
            break;
        }
        case 'q': o.brief = true; break;
        case 'r': o.recursive = true; break;
        case 'N': o.new_file = true; break;
        case 'i': o.ignore_case = true; break;
        case 'b': o.ignore_space_change = true; break;
        case 'w': o.ignore_all_space = true; break;
        case 's': o.report_same = true; break;
        case 'a': break;
        case 'L':
            if (nlabels < 2)
                o.label[nlabels++] = g.arg;
            break;
        default:
            xfree(o.cmdline);
            return 2;
        }
    }
    for (int i = 1; i < g.ind; i++) {
        if (strcmp(argv[i], "--") == 0 || argv[i][0] != '-')
            continue;
        if (strlen(o.cmdline) + strlen(argv[i]) + 2 > cl)
            break;
        strcat(o.cmdline, " ");
        strcat(o.cmdline, argv[i]);
    }
    if (argc - g.ind != 2) {
        if (argc - g.ind < 2)
            u_eprintf("diff: missing operand after '%s'\n", argv[argc - 1]);
        else
            u_eprintf("diff: extra operand '%s'\n", argv[g.ind + 2]);
        u_eprintf("diff: Try 'diff --help' for more information.\n");
        xfree(o.cmdline);
        return 2;
    }
    const char *a = argv[g.ind], *b = argv[g.ind + 1];
    int status = 2;
    FileStat st;
    SyscallResult r;
    if (strcmp(a, "-") != 0 && (r = sys_stat(a, &st)).error != AX_OK)
        u_eprintf("diff: %s: %s\n", a, sys_strerror(r.error));
    else if (strcmp(b, "-") != 0 && (r = sys_stat(b, &st)).error != AX_OK)
        u_eprintf("diff: %s: %s\n", b, sys_strerror(r.error));
    else
        status = diff_paths(&o, a, b, true);
    xfree(o.cmdline);
    return status;
}
