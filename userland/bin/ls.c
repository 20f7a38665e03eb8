/* ls [OPTION]... [FILE]...: list directory contents, as GNU ls does.
 * Formats: columns (-C, the default on a terminal), rows across (-x), one
 * per line (-1, the default into a pipe), commas (-m), long (-l). Sorting:
 * by name (the default), time (-t), size (-S), extension (-X), version
 * (-v), none (-U), reversed with -r. -R recurses (not into links). The
 * long format shows a symbolic link as "name -> target"; -L shows what
 * links lead to instead. */
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

enum { FMT_ONE, FMT_COLS, FMT_ACROSS, FMT_COMMAS, FMT_LONG };
enum { SORT_NAME, SORT_TIME, SORT_SIZE, SORT_EXT, SORT_VERSION, SORT_NONE };
enum { TIME_M, TIME_C, TIME_A };

typedef struct LsOpts {
    int format, sort, time_field;
    bool all, almost_all, dir_only, recursive, reverse, human, inode, size_blocks;
    bool classify, slash, color, dirs_first, full_time, numeric, no_group, no_owner;
    bool deref; /* -L: show what symbolic links lead to */
    int cols;         /* line width for columns */
    int64_t boot;     /* realtime at kernel clock 0, for times */
    int64_t now_real; /* realtime now, for the six-month rule */
} LsOpts;

typedef struct LsEnt {
    char *name; /* as shown */
    char *path; /* for stat and recursion */
    char *target; /* a symbolic link's, for "name -> target" (long format) */
    FileStat st;
    bool have_st;
} LsEnt;

static int64_t ent_time(const LsEnt *e, int field)
{
    return (int64_t)(field == TIME_C ? e->st.ctime_ns : field == TIME_A ? e->st.atime_ns
                                                                        : e->st.mtime_ns);
}

static const char *extension(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && dot != name ? dot : "";
}

static int cmp_name(const LsEnt *a, const LsEnt *b) { return strcmp(a->name, b->name); }

/* The order o asks for; ties fall back to the name. */
static int compare(const LsEnt *a, const LsEnt *b, const LsOpts *o)
{
    int c = 0;
    if (o->dirs_first) {
        bool da = AX_S_ISDIR(a->st.mode), db = AX_S_ISDIR(b->st.mode);
        if (da != db)
            return da ? -1 : 1;
    }
    switch (o->sort) {
    case SORT_TIME: {
        int64_t ta = ent_time(a, o->time_field), tb = ent_time(b, o->time_field);
        c = ta > tb ? -1 : ta < tb;
        break;
    }
    case SORT_SIZE: c = a->st.size > b->st.size ? -1 : a->st.size < b->st.size; break;
    case SORT_EXT: c = strcmp(extension(a->name), extension(b->name)); break;
    case SORT_VERSION: c = u_strverscmp(a->name, b->name); break;
    default: break;
    }
    if (c == 0 && o->sort != SORT_NONE)
        c = cmp_name(a, b);
    return o->reverse ? -c : c;
}

static int compare_ctx(const void *a, const void *b, void *o) { return compare(a, b, o); }

static void sort_ents(LsEnt *ents, size_t n, const LsOpts *o)
{
    if (o->sort != SORT_NONE || o->dirs_first)
        u_sort(ents, n, sizeof *ents, compare_ctx, (void *)o);
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

/* 1 KiB blocks a file takes, as ls -s and "total" count them (axos keeps
 * no block counts: whole 4 KiB blocks of the size, as most Linux file
 * systems allocate them). */
static uint64_t blocks_1k(const FileStat *st)
{
    if (!AX_S_ISREG(st->mode) && !AX_S_ISDIR(st->mode))
        return 0;
    uint64_t size = AX_S_ISDIR(st->mode) ? 4096 : st->size;
    return (size + 4095) / 4096 * 4;
}

static const char *color_of(const FileStat *st)
{
    if (AX_S_ISLNK(st->mode))
        return "01;36";
    if (AX_S_ISDIR(st->mode))
        return (st->mode & 01002) == 01002 ? "30;42" : "01;34";
    if (AX_S_ISCHR(st->mode))
        return "40;33;01";
    if (AX_S_ISFIFO(st->mode))
        return "40;33";
    if (st->mode & 0111)
        return "01;32";
    return NULL;
}

static char type_mark(const FileStat *st, const LsOpts *o)
{
    if (AX_S_ISDIR(st->mode) && (o->classify || o->slash))
        return '/';
    if (!o->classify)
        return 0;
    if (AX_S_ISFIFO(st->mode))
        return '|';
    if (AX_S_ISLNK(st->mode))
        return '@';
    if (AX_S_ISREG(st->mode) && (st->mode & 0111))
        return '*';
    return 0;
}

/* Width of an entry in the column formats: prefix fields, name, mark. */
static size_t name_width(const LsEnt *e, const LsOpts *o, size_t wi, size_t ws)
{
    size_t w = strlen(e->name) + (e->have_st && type_mark(&e->st, o) ? 1 : 0);
    if (o->inode)
        w += wi + 1;
    if (o->size_blocks)
        w += ws + 1;
    return w;
}

static void put_size_field(UStream *out, uint64_t v, size_t width, bool human)
{
    char buf[32];
    if (human)
        u_human_size(v, buf, sizeof buf);
    else
        u_utoa(v, buf);
    u_fprintf(out, "%*s", (int)width, buf);
}

static size_t size_field_width(uint64_t v, bool human)
{
    char buf[32];
    return human ? u_human_size(v, buf, sizeof buf) : digits(v);
}

/* The prefix fields and the decorated name. */
static void put_name(UStream *out, const LsEnt *e, const LsOpts *o, size_t wi, size_t ws)
{
    if (o->inode)
        u_fprintf(out, "%*llu ", (int)wi, (unsigned long long)e->st.ino);
    if (o->size_blocks) {
        uint64_t b = blocks_1k(&e->st);
        put_size_field(out, o->human ? b * 1024 : b, ws, o->human);
        u_putc(' ', out);
    }
    const char *col = o->color && e->have_st ? color_of(&e->st) : NULL;
    if (col)
        u_fprintf(out, "\033[%sm%s\033[0m", col, e->name);
    else
        u_fputs(e->name, out);
    char mark = e->have_st ? type_mark(&e->st, o) : 0;
    if (mark)
        u_putc(mark, out);
}

static void prefix_widths(const LsEnt *ents, size_t n, const LsOpts *o, size_t *wi, size_t *ws)
{
    *wi = *ws = 1;
    for (size_t i = 0; i < n; i++) {
        if (digits(ents[i].st.ino) > *wi)
            *wi = digits(ents[i].st.ino);
        uint64_t b = blocks_1k(&ents[i].st);
        size_t w = size_field_width(o->human ? b * 1024 : b, o->human);
        if (w > *ws)
            *ws = w;
    }
}

static void put_time(UStream *out, const LsEnt *e, const LsOpts *o)
{
    char when[64];
    UTm tm;
    int64_t t = ent_time(e, o->time_field) + o->boot;
    u_gmtime(t, &tm);
    if (o->full_time) {
        u_strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S.%N +0000", &tm);
    } else {
        /* Older than about six months (or in the future): show the year. */
        int64_t age = (o->now_real - t) / 1000000000;
        u_strftime(when, sizeof when, age < 15778476 && age > -3600 ? "%b %e %H:%M" : "%b %e  %Y",
                   &tm);
    }
    u_fputs(when, out);
}

/* The owner (user) or group column of st: a name from the account files,
 * or the number (-n, or an id without a name). */
static const char *owner_text(const UAccounts *a, const FileStat *st, bool user, const LsOpts *o,
                              char buf[12])
{
    uint32_t id = user ? st->uid : st->gid;
    if (o->numeric) {
        u_utoa(id, buf);
        return buf;
    }
    return u_account_name(a, user, id, buf);
}

static void print_long(UStream *out, LsEnt *ents, size_t n, const LsOpts *o)
{
    size_t wl = 1, wsz = 1, wu = 0, wg = 0, wi, ws;
    char buf[12];
    UAccounts acc = {0};
    if (!o->numeric && (!o->no_owner || !o->no_group))
        u_accounts_load(&acc);
    prefix_widths(ents, n, o, &wi, &ws);
    for (size_t i = 0; i < n; i++) {
        if (digits(ents[i].st.nlink) > wl)
            wl = digits(ents[i].st.nlink);
        size_t w = size_field_width(ents[i].st.size, o->human);
        if (w > wsz)
            wsz = w;
        if ((w = strlen(owner_text(&acc, &ents[i].st, true, o, buf))) > wu)
            wu = w;
        if ((w = strlen(owner_text(&acc, &ents[i].st, false, o, buf))) > wg)
            wg = w;
    }
    for (size_t i = 0; i < n; i++) {
        const FileStat *st = &ents[i].st;
        char mode[11];
        if (o->inode)
            u_fprintf(out, "%*llu ", (int)wi, (unsigned long long)st->ino);
        if (o->size_blocks) {
            uint64_t b = blocks_1k(st);
            put_size_field(out, o->human ? b * 1024 : b, ws, o->human);
            u_putc(' ', out);
        }
        u_mode_string(st->mode, mode);
        if (!ents[i].have_st) { /* stat failed (-L on a dangling link): GNU's "?"s */
            u_fprintf(out, "%c????????? %*s ", mode[0], (int)wl, "?");
            if (!o->no_owner)
                u_fprintf(out, "%-*s ", (int)wu, "?");
            if (!o->no_group)
                u_fprintf(out, "%-*s ", (int)wg, "?");
            u_fprintf(out, "%*s %12s %s\n", (int)wsz, "?", "?", ents[i].name);
            continue;
        }
        u_fprintf(out, "%s %*u ", mode, (int)wl, st->nlink);
        if (!o->no_owner)
            u_fprintf(out, "%-*s ", (int)wu, owner_text(&acc, st, true, o, buf));
        if (!o->no_group)
            u_fprintf(out, "%-*s ", (int)wg, owner_text(&acc, st, false, o, buf));
        put_size_field(out, st->size, wsz, o->human);
        u_putc(' ', out);
        put_time(out, &ents[i], o);
        u_putc(' ', out);
        LsOpts plain = *o;
        plain.inode = plain.size_blocks = false;
        if (ents[i].target) /* GNU: the link's own mark goes, its target shows */
            plain.classify = false;
        put_name(out, &ents[i], &plain, 0, 0);
        if (ents[i].target)
            u_fprintf(out, " -> %s", ents[i].target);
        u_putc('\n', out);
    }
    u_accounts_free(&acc);
}

static void pad(UStream *out, size_t n)
{
    while (n--)
        u_putc(' ', out);
}

/* Columns: the most columns whose total width stays under the line width,
 * filled top to bottom (-C) or left to right (-x), as GNU ls lays them. */
static void print_grid(UStream *out, LsEnt *ents, size_t n, const LsOpts *o, bool across)
{
    size_t wi, ws;
    prefix_widths(ents, n, o, &wi, &ws);
    size_t *len = xmalloc(n * sizeof *len);
    size_t *colw = xmalloc(n * sizeof *colw);
    size_t maxcols = (size_t)o->cols / 3 + 1, rows = n, used = 1;
    for (size_t i = 0; i < n; i++)
        len[i] = name_width(&ents[i], o, wi, ws);
    for (size_t cols = maxcols < n ? maxcols : n; cols >= 1; cols--) {
        rows = (n + cols - 1) / cols;
        used = across ? cols : (n + rows - 1) / rows;
        size_t total = 0;
        for (size_t c = 0; c < used; c++) {
            colw[c] = 0;
            for (size_t r = 0; r < rows; r++) {
                size_t idx = across ? r * used + c : c * rows + r;
                if (idx < n && len[idx] > colw[c])
                    colw[c] = len[idx];
            }
            total += colw[c] + (c + 1 < used ? 2 : 0);
        }
        if (total < (size_t)o->cols || cols == 1)
            break;
    }
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < used; c++) {
            size_t idx = across ? r * used + c : c * rows + r;
            if (idx >= n)
                break;
            put_name(out, &ents[idx], o, wi, ws);
            size_t next = across ? idx + 1 : idx + rows;
            if (c + 1 < used && next < n && (!across || c + 1 < used))
                pad(out, colw[c] + 2 - len[idx]);
        }
        u_putc('\n', out);
    }
    xfree(len);
    xfree(colw);
}

static void print_commas(UStream *out, LsEnt *ents, size_t n, const LsOpts *o)
{
    size_t wi, ws, col = 0;
    prefix_widths(ents, n, o, &wi, &ws);
    for (size_t i = 0; i < n; i++) {
        size_t w = name_width(&ents[i], o, wi, ws) + (i + 1 < n ? 1 : 0);
        if (col > 0 && col + w + 1 > (size_t)o->cols) {
            u_putc('\n', out);
            col = 0;
        } else if (col > 0) {
            u_putc(' ', out);
            col++;
        }
        put_name(out, &ents[i], o, wi, ws);
        if (i + 1 < n)
            u_putc(',', out);
        col += w;
    }
    if (n)
        u_putc('\n', out);
}

static void print_ents(LsEnt *ents, size_t n, const LsOpts *o)
{
    UStream *out = u_stdout();
    if (n == 0)
        return;
    size_t wi, ws;
    switch (o->format) {
    case FMT_LONG: print_long(out, ents, n, o); break;
    case FMT_COLS: print_grid(out, ents, n, o, false); break;
    case FMT_ACROSS: print_grid(out, ents, n, o, true); break;
    case FMT_COMMAS: print_commas(out, ents, n, o); break;
    default:
        prefix_widths(ents, n, o, &wi, &ws);
        for (size_t i = 0; i < n; i++) {
            put_name(out, &ents[i], o, wi, ws);
            u_putc('\n', out);
        }
    }
}

static void free_ents(LsEnt *ents, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        xfree(ents[i].name);
        xfree(ents[i].path);
        xfree(ents[i].target);
    }
    xfree(ents);
}

static bool shown(const char *name, const LsOpts *o)
{
    return name[0] != '.' || o->all || o->almost_all;
}

/* Does the listing need each entry's stat? */
static bool needs_stat(const LsOpts *o)
{
    return o->format == FMT_LONG || o->sort == SORT_TIME || o->sort == SORT_SIZE ||
           o->classify || o->slash || o->color || o->size_blocks || o->dirs_first ||
           o->recursive;
}

static int list_dir(const char *path, const LsOpts *o, bool header, bool *first);

/* A symbolic link shown in the long format keeps its target. */
static void link_target(LsEnt *e, const LsOpts *o)
{
    if (o->format != FMT_LONG || !AX_S_ISLNK(e->st.mode))
        return;
    char buf[AX_PATH_MAX];
    SyscallResult r = sys_readlink(e->path, buf, sizeof buf - 1);
    if (r.error != AX_OK)
        return;
    buf[r.value] = '\0';
    e->target = xstrdup(buf);
}

/* List the contents of directory path, then (with -R) its subdirectories.
 * Returns 0, 1 (an entry could not be read) or 2 (cannot open). */
static int list_dir(const char *path, const LsOpts *o, bool header, bool *first)
{
    if (header) {
        u_printf("%s%s:\n", *first ? "" : "\n", path);
    }
    *first = false;
    UDirEnt *d;
    int dirfd;
    /* the directory stays open while its entries are looked at, as GNU ls
     * keeps its DIR: /proc/self/fd lists that fd and it is still there */
    int64_t nd = u_dir_read_open(path, &d, &dirfd);
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
    for (int64_t i = 0; i < nd; i++) {
        if (!shown(d[i].name, o))
            continue;
        ents[n].name = xstrdup(d[i].name);
        ents[n].st.ino = d[i].ino;
        ents[n].st.mode = d[i].type == AX_DT_DIR   ? AX_S_IFDIR
                          : d[i].type == AX_DT_CHR ? AX_S_IFCHR
                          : d[i].type == AX_DT_LNK ? AX_S_IFLNK
                                                   : AX_S_IFREG;
        n++;
    }
    u_dir_free(d, (size_t)nd);
    int status = 0;
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        ents[i].path = u_path_join(path, ents[i].name);
        if (!needs_stat(o))
            continue;
        /* entries are shown as themselves, links too (-L: what they lead to) */
        SyscallResult r = o->deref ? sys_stat(ents[i].path, &ents[i].st)
                                   : sys_lstat(ents[i].path, &ents[i].st);
        if (r.error != AX_OK) {
            /* GNU names an entry of "." without the "./" */
            u_eprintf("ls: cannot access '%s': %s\n",
                      strcmp(path, ".") == 0 ? ents[i].name : ents[i].path, sys_strerror(r.error));
            status = 1;
            continue;
        }
        ents[i].have_st = true;
        link_target(&ents[i], o);
        total += blocks_1k(&ents[i].st);
    }
    sys_close(dirfd);
    sort_ents(ents, n, o);
    if (o->format == FMT_LONG || o->size_blocks) {
        char buf[32];
        if (o->human)
            u_human_size(total * 1024, buf, sizeof buf);
        else
            u_utoa(total, buf);
        u_printf("total %s\n", buf);
    }
    print_ents(ents, n, o);
    if (o->recursive) {
        for (size_t i = 0; i < n; i++) {
            if (!ents[i].have_st || !AX_S_ISDIR(ents[i].st.mode) ||
                strcmp(ents[i].name, ".") == 0 || strcmp(ents[i].name, "..") == 0)
                continue;
            int r = list_dir(ents[i].path, o, true, first);
            if (r > status)
                status = r;
        }
    }
    free_ents(ents, n);
    return status;
}

enum {
    OPT_COLOR = 256, OPT_DIRS_FIRST, OPT_FULL_TIME, OPT_SORT, OPT_TIME, OPT_FORMAT,
};

static const ULongOpt ls_longopts[] = {
    {"all", U_NO_ARG, 'a'},
    {"almost-all", U_NO_ARG, 'A'},
    {"directory", U_NO_ARG, 'd'},
    {"recursive", U_NO_ARG, 'R'},
    {"reverse", U_NO_ARG, 'r'},
    {"human-readable", U_NO_ARG, 'h'},
    {"inode", U_NO_ARG, 'i'},
    {"size", U_NO_ARG, 's'},
    {"classify", U_NO_ARG, 'F'},
    {"numeric-uid-gid", U_NO_ARG, 'n'},
    {"no-group", U_NO_ARG, 'G'},
    {"dereference", U_NO_ARG, 'L'},
    {"color", U_OPT_ARG, OPT_COLOR},
    {"colour", U_OPT_ARG, OPT_COLOR},
    {"group-directories-first", U_NO_ARG, OPT_DIRS_FIRST},
    {"full-time", U_NO_ARG, OPT_FULL_TIME},
    {"sort", U_REQ_ARG, OPT_SORT},
    {"time", U_REQ_ARG, OPT_TIME},
    {"format", U_REQ_ARG, OPT_FORMAT},
    {NULL, 0, 0},
};

/* The word of a --sort / --time / --format / --color argument, or -1
 * after reporting it as GNU does. */
static int choose(const char *prog, const char *opt, const char *arg, const char *const *words,
                  const int *values)
{
    for (int i = 0; words[i]; i++)
        if (strcmp(arg, words[i]) == 0)
            return values[i];
    u_eprintf("%s: invalid argument '%s' for '--%s'\n", prog, arg, opt);
    u_eprintf("Valid arguments are:");
    for (int i = 0; words[i]; i++)
        u_eprintf("\n  - '%s'", words[i]);
    u_eprintf("\nTry '%s --help' for more information.\n", prog);
    return -1;
}

static int parse_opts(int argc, char **argv, LsOpts *o, int *first, int *color_when)
{
    static const char *const sort_w[] = {"none", "size", "time", "version", "extension", "name",
                                         NULL};
    static const int sort_v[] = {SORT_NONE, SORT_SIZE, SORT_TIME, SORT_VERSION, SORT_EXT,
                                 SORT_NAME};
    static const char *const time_w[] = {"atime", "access", "use", "ctime", "status", "mtime",
                                         "modification", NULL};
    static const int time_v[] = {TIME_A, TIME_A, TIME_A, TIME_C, TIME_C, TIME_M, TIME_M};
    static const char *const fmt_w[] = {"verbose", "long", "commas", "horizontal", "across",
                                        "vertical", "single-column", NULL};
    static const int fmt_v[] = {FMT_LONG, FMT_LONG, FMT_COMMAS, FMT_ACROSS, FMT_ACROSS, FMT_COLS,
                                FMT_ONE};
    static const char *const color_w[] = {"always", "yes", "force", "never", "no", "none", "auto",
                                          "tty", "if-tty", NULL};
    static const int color_v[] = {1, 1, 1, 0, 0, 0, 2, 2, 2};
    UGetopt g = U_GETOPT_INIT;
    int c, v;
    while ((c = u_getopt_long(&g, argc, argv, "1aAdlCxmRrhisFpStUXvcuGgnoL", ls_longopts)) != -1) {
        switch (c) {
        case '1': o->format = FMT_ONE; break;
        case 'C': o->format = FMT_COLS; break;
        case 'x': o->format = FMT_ACROSS; break;
        case 'm': o->format = FMT_COMMAS; break;
        case 'l': o->format = FMT_LONG; break;
        case 'g': o->format = FMT_LONG; o->no_owner = true; break;
        case 'o': o->format = FMT_LONG; o->no_group = true; break;
        case 'n': o->format = FMT_LONG; o->numeric = true; break;
        case 'G': o->no_group = true; break;
        case 'L': o->deref = true; break;
        case 'a': o->all = true; break;
        case 'A': o->almost_all = true; break;
        case 'd': o->dir_only = true; break;
        case 'R': o->recursive = true; break;
        case 'r': o->reverse = true; break;
        case 'h': o->human = true; break;
        case 'i': o->inode = true; break;
        case 's': o->size_blocks = true; break;
        case 'F': o->classify = true; break;
        case 'p': o->slash = true; break;
        case 'S': o->sort = SORT_SIZE; break;
        case 't': o->sort = SORT_TIME; break;
        case 'U': o->sort = SORT_NONE; break;
        case 'X': o->sort = SORT_EXT; break;
        case 'v': o->sort = SORT_VERSION; break;
        case 'c': o->time_field = TIME_C; break;
        case 'u': o->time_field = TIME_A; break;
        case OPT_DIRS_FIRST: o->dirs_first = true; break;
        case OPT_FULL_TIME: o->full_time = true; o->format = FMT_LONG; break;
        case OPT_COLOR:
            if (!g.arg) {
                *color_when = 1;
                break;
            }
            if ((v = choose(argv[0], "color", g.arg, color_w, color_v)) < 0)
                return -1;
            *color_when = v;
            break;
        case OPT_SORT:
            if ((v = choose(argv[0], "sort", g.arg, sort_w, sort_v)) < 0)
                return -1;
            o->sort = v;
            break;
        case OPT_TIME:
            if ((v = choose(argv[0], "time", g.arg, time_w, time_v)) < 0)
                return -1;
            o->time_field = v;
            break;
        case OPT_FORMAT:
            if ((v = choose(argv[0], "format", g.arg, fmt_w, fmt_v)) < 0)
                return -1;
            o->format = v;
            break;
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
    o.format = -1;
    int first, color_when = 0;
    if (parse_opts(argc, argv, &o, &first, &color_when) < 0)
        return 2;
    /* Columns on a terminal: as wide as the terminal, else $COLUMNS, else
     * 80. One per line into a pipe. */
    WinSize ws;
    bool tty = sys_tcgetwinsize(1, &ws).error == AX_OK && ws.cols;
    if (o.format < 0)
        o.format = tty ? FMT_COLS : FMT_ONE;
    o.color = color_when == 1 || (color_when == 2 && tty);
    o.cols = tty ? ws.cols : 80;
    char *env_cols = tty ? NULL : u_getenv("COLUMNS");
    int64_t width;
    if (env_cols && u_parse_i64(env_cols, &width) && width > 0 && width < 10000)
        o.cols = (int)width;
    xfree(env_cols);
    o.boot = u_boot_realtime();
    SyscallResult now = sys_clock_gettime(AX_CLOCK_REALTIME);
    o.now_real = now.error == AX_OK ? now.value : 0;
    static char *const dot[] = {".", NULL};
    char *const *ops = first < argc ? argv + first : dot;
    size_t nops = first < argc ? (size_t)(argc - first) : 1;

    /* Operands: files are listed together first, then each directory. */
    LsEnt *files = xcalloc(nops, sizeof *files), *dirs = xcalloc(nops, sizeof *dirs);
    size_t nf = 0, ndirs = 0;
    int status = 0;
    for (size_t i = 0; i < nops; i++) {
        /* GNU: an operand that is a link is followed (to list the
         * directory it leads to) unless -l, -d or -F show it as itself;
         * -L always follows; a dangling one is shown as itself */
        FileStat st;
        bool as_is = !o.deref && (o.format == FMT_LONG || o.dir_only || o.classify);
        SyscallResult r = as_is ? sys_lstat(ops[i], &st) : sys_stat(ops[i], &st);
        if (r.error == AX_ENOENT && !o.deref && sys_lstat(ops[i], &st).error == AX_OK)
            r.error = AX_OK;
        if (r.error != AX_OK) {
            u_eprintf("ls: cannot access '%s': %s\n", ops[i], sys_strerror(r.error));
            status = 2;
            continue;
        }
        LsEnt *e = AX_S_ISDIR(st.mode) && !o.dir_only ? &dirs[ndirs++] : &files[nf++];
        e->name = xstrdup(ops[i]);
        e->path = xstrdup(ops[i]);
        e->st = st;
        e->have_st = true;
        link_target(e, &o);
    }
    sort_ents(files, nf, &o);
    bool dirs_first = o.dirs_first;
    o.dirs_first = false; /* operand directories are all directories */
    sort_ents(dirs, ndirs, &o);
    o.dirs_first = dirs_first;
    print_ents(files, nf, &o);
    bool headers = nops > 1 || status != 0 || o.recursive;
    bool first_out = nf == 0;
    for (size_t i = 0; i < ndirs; i++) {
        int r = list_dir(dirs[i].name, &o, headers, &first_out);
        if (r > status)
            status = r;
    }
    free_ents(files, nf);
    free_ents(dirs, ndirs);
    return status;
}
