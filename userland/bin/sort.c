/* sort [OPTION]... [FILE]...: sort lines, as GNU sort does: keys (-k
 * POS1[,POS2] with per-key modifiers), a field separator (-t), the
 * orderings -n -g -h -M -V -d -f -i -b -r, -s, -u, -c/-C, -m, -o FILE and
 * -z. Every input is read into one buffer; lines are ranges of it, sorted
 * with a stable merge sort. As GNU sort, lines whose keys compare equal
 * are then ordered by their bytes (the "last resort" comparison) unless
 * -s or -u is given. */
#include <stdlib.h>
#include <string.h>

#include "sort.h"


/* ---- keys ---- */

/* Where field f (1-based) starts in line: with -t, after f-1 separators;
 * without, at the blanks before the f-th non-blank run. */
static const char *field_start(const Line *l, size_t f, int sep)
{
    const char *p = l->text, *end = l->text + l->len;
    for (size_t i = 1; i < f && p < end; i++) {
        if (sep >= 0) {
            const char *s = memchr(p, sep, (size_t)(end - p));
            p = s ? s + 1 : end;
        } else {
            while (p < end && is_blank(*p))
                p++;
            while (p < end && !is_blank(*p))
                p++;
        }
    }
    return p;
}

static const char *field_end(const char *p, const char *end, int sep)
{
    if (sep >= 0) {
        const char *s = memchr(p, sep, (size_t)(end - p));
        return s ? s : end;
    }
    while (p < end && is_blank(*p))
        p++;
    while (p < end && !is_blank(*p))
        p++;
    return p;
}

/* The key's bytes in l: [*b, *e). */
void sort_key_range(const Line *l, const Key *k, int sep, const char **b, const char **e)
{
    const char *end = l->text + l->len;
    const char *s = field_start(l, k->sfield, sep);
    if (k->flags & KF_BLANK)
        while (s < end && is_blank(*s))
            s++;
    for (size_t i = 1; i < k->schar && s < end; i++)
        s++;
    const char *t = end;
    if (k->efield) {
        t = field_start(l, k->efield, sep);
        if (k->echar == 0) {
            t = field_end(t, end, sep);
        } else {
            if (k->flags & KF_EBLANK)
                while (t < end && is_blank(*t))
                    t++;
            for (size_t i = 0; i < k->echar && t < end; i++)
                t++;
        }
    }
    if (t < s)
        t = s;
    *b = s;
    *e = t;
}

/* ---- comparisons of one key ---- */

/* -n: [blanks][-]digits[.digits], compared as decimal strings (exact at
 * any length). No number at all is 0. */
int sort_num_cmp(const char *a, const char *ae, const char *b, const char *be, bool human)
{
    while (a < ae && is_blank(*a))
        a++;
    while (b < be && is_blank(*b))
        b++;
    bool na = a < ae && *a == '-', nb = b < be && *b == '-';
    a += na, b += nb;
    const char *ai = a, *bi = b;
    while (ai < ae && *ai == '0')
        ai++;
    while (bi < be && *bi == '0')
        bi++;
    const char *aie = ai, *bie = bi;
    while (aie < ae && *aie >= '0' && *aie <= '9')
        aie++;
    while (bie < be && *bie >= '0' && *bie <= '9')
        bie++;
    const char *af = aie < ae && *aie == '.' ? aie + 1 : aie, *bf = bie < be && *bie == '.' ? bie + 1 : bie;
    const char *afe = af, *bfe = bf;
    while (afe < ae && *afe >= '0' && *afe <= '9')
        afe++;
    while (bfe < be && *bfe >= '0' && *bfe <= '9')
        bfe++;
    /* zero, whatever its sign or form */
    bool za = aie == ai, zb = bie == bi;
    for (const char *p = af; za && p < afe; p++)
        za = *p == '0';
    for (const char *p = bf; zb && p < bfe; p++)
        zb = *p == '0';
    int sa = za ? 0 : na ? -1 : 1, sb = zb ? 0 : nb ? -1 : 1;
    if (human) {
        /* the suffix ranks first: 2K is more than 999 */
        static const char order[] = "KMGTPEZY";
        const char *pa = afe < ae ? strchr(order, *afe == 'k' ? 'K' : *afe) : NULL;
        const char *pb = bfe < be ? strchr(order, *bfe == 'k' ? 'K' : *bfe) : NULL;
        int ra = pa && *afe ? (int)(pa - order) + 1 : 0, rb = pb && *bfe ? (int)(pb - order) + 1 : 0;
        if (sa != sb)
            return sa < sb ? -1 : 1;
        if (ra != rb)
            return sa * (ra < rb ? -1 : 1);
    }
    if (sa != sb)
        return sa < sb ? -1 : 1;
    if (sa == 0)
        return 0;
    int c = 0;
    size_t la = (size_t)(aie - ai), lb = (size_t)(bie - bi);
    if (la != lb) {
        c = la < lb ? -1 : 1;
    } else {
        c = memcmp(ai, bi, la);
        c = (c > 0) - (c < 0);
        for (; c == 0 && (af < afe || bf < bfe); af++, bf++) {
            char da = af < afe ? *af : '0', db = bf < bfe ? *bf : '0';
            c = (da > db) - (da < db);
        }
    }
    return sa < 0 ? -c : c;
}

/* -g: as strtod reads it; what is not a number sorts first, then NaN. */
static int gen_cmp(const char *a, const char *ae, const char *b, const char *be)
{
    char ba[128], bb[128];
    size_t la = (size_t)(ae - a) < sizeof ba - 1 ? (size_t)(ae - a) : sizeof ba - 1;
    size_t lb = (size_t)(be - b) < sizeof bb - 1 ? (size_t)(be - b) : sizeof bb - 1;
    memcpy(ba, a, la), ba[la] = '\0';
    memcpy(bb, b, lb), bb[lb] = '\0';
    char *ea, *eb;
    double x = strtod(ba, &ea), y = strtod(bb, &eb);
    int ka = ea == ba ? 0 : x != x ? 1 : 2, kb = eb == bb ? 0 : y != y ? 1 : 2;
    if (ka != kb || ka < 2)
        return (ka > kb) - (ka < kb);
    return (x > y) - (x < y);
}

static int month_of(const char *p, const char *e)
{
    static const char names[] = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";
    while (p < e && is_blank(*p))
        p++;
    if (e - p < 3)
        return 0;
    for (int m = 0; m < 12; m++) {
        int i = 0;
        while (i < 3 && (p[i] & ~0x20) == names[m * 3 + i])
            i++;
        if (i == 3)
            return m + 1;
    }
    return 0;
}

/* Is byte c left out by -d / -i? */
static bool skipped(unsigned char c, unsigned flags)
{
    if ((flags & KF_DICT) && !(is_blank((char)c) || (c >= '0' && c <= '9') ||
                               ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
        return true;
    return (flags & KF_IGN) && (c < 32 || c >= 127);
}

static int text_cmp(const char *a, const char *ae, const char *b, const char *be, unsigned flags)
{
    if (!(flags & (KF_DICT | KF_IGN | KF_FOLD))) {
        size_t la = (size_t)(ae - a), lb = (size_t)(be - b);
        int c = memcmp(a, b, la < lb ? la : lb);
        return c ? c : (la > lb) - (la < lb);
    }
    for (;;) {
        while (a < ae && skipped((unsigned char)*a, flags))
            a++;
        while (b < be && skipped((unsigned char)*b, flags))
            b++;
        if (a == ae || b == be)
            return (a < ae) - (b < be);
        unsigned char x = (unsigned char)*a++, y = (unsigned char)*b++;
        if (flags & KF_FOLD) {
            if (x >= 'a' && x <= 'z')
                x -= 32;
            if (y >= 'a' && y <= 'z')
                y -= 32;
        }
        if (x != y)
            return x < y ? -1 : 1;
    }
}

static int key_cmp(const Line *x, const Line *y, const Key *k, int sep)
{
    const char *a, *ae, *b, *be;
    sort_key_range(x, k, sep, &a, &ae);
    sort_key_range(y, k, sep, &b, &be);
    int c;
    if (k->flags & (KF_NUM | KF_HUM))
        c = sort_num_cmp(a, ae, b, be, k->flags & KF_HUM);
    else if (k->flags & KF_GEN)
        c = gen_cmp(a, ae, b, be);
    else if (k->flags & KF_MON)
        c = month_of(a, ae) - month_of(b, be);
    else if (k->flags & KF_VER)
        c = u_strverscmp_n(a, (size_t)(ae - a), b, (size_t)(be - b));
    else
        c = text_cmp(a, ae, b, be, k->flags);
    c = (c > 0) - (c < 0);
    return k->flags & KF_REV ? -c : c;
}

/* The key comparison: what -u calls equal. */
int sort_keys_cmp(const Line *a, const Line *b, const SortOpts *o)
{
    for (size_t i = 0; i < o->nkeys; i++) {
        int c = key_cmp(a, b, &o->keys[i], o->sep);
        if (c)
            return c;
    }
    return 0;
}

int sort_line_cmp(const void *pa, const void *pb, void *ctx)
{
    const SortOpts *o = ctx;
    const Line *a = pa, *b = pb;
    int c = sort_keys_cmp(a, b, o);
    if (c || o->stable || o->unique)
        return c;
    size_t n = a->len < b->len ? a->len : b->len;
    c = memcmp(a->text, b->text, n);
    c = c ? (c > 0) - (c < 0) : (a->len > b->len) - (a->len < b->len);
    return o->global & KF_REV ? -c : c;
}

/* ---- options ---- */

/* Ordering letters after a key position ("nr", "b"...). */
static bool key_flags(const char **p, unsigned *flags, bool end)
{
    for (; **p; (*p)++) {
        switch (**p) {
        case 'b': *flags |= end ? KF_EBLANK : KF_BLANK; break;
        case 'd': *flags |= KF_DICT; break;
        case 'f': *flags |= KF_FOLD; break;
        case 'g': *flags |= KF_GEN; break;
        case 'h': *flags |= KF_HUM; break;
        case 'i': *flags |= KF_IGN; break;
        case 'M': *flags |= KF_MON; break;
        case 'n': *flags |= KF_NUM; break;
        case 'r': *flags |= KF_REV; break;
        case 'V': *flags |= KF_VER; break;
        case ',': return true;
        default: return false;
        }
    }
    return true;
}

static bool parse_pos(const char **p, size_t *field, size_t *chr)
{
    int64_t v = 0;
    const char *s = *p;
    if (*s < '0' || *s > '9')
        return false;
    for (; *s >= '0' && *s <= '9'; s++)
        v = v > 100000000 ? v : v * 10 + (*s - '0');
    *field = (size_t)v;
    *chr = SIZE_MAX; /* not given */
    if (*s == '.') {
        s++;
        if (*s < '0' || *s > '9')
            return false;
        for (v = 0; *s >= '0' && *s <= '9'; s++)
            v = v > 100000000 ? v : v * 10 + (*s - '0');
        *chr = (size_t)v;
    }
    *p = s;
    return true;
}

/* -k POS1[,POS2]; reports errors as GNU sort does. */
static bool parse_key(const char *prog, const char *spec, Key *k)
{
    const char *p = spec;
    memset(k, 0, sizeof *k);
    if (!parse_pos(&p, &k->sfield, &k->schar)) {
        u_eprintf("%s: invalid number at field start: invalid count at start of '%s'\n", prog, spec);
        return false;
    }
    if (k->sfield == 0) {
        u_eprintf("%s: field number is zero: invalid field specification '%s'\n", prog, spec);
        return false;
    }
    if (k->schar == SIZE_MAX)
        k->schar = 1;
    if (k->schar == 0) {
        u_eprintf("%s: character offset is zero: invalid field specification '%s'\n", prog, spec);
        return false;
    }
    if (!key_flags(&p, &k->flags, false)) {
        u_eprintf("%s: stray character in field spec: invalid field specification '%s'\n", prog,
                  spec);
        return false;
    }
    if (*p == ',') {
        p++;
        if (!parse_pos(&p, &k->efield, &k->echar) || k->efield == 0) {
            u_eprintf("%s: invalid number after ',': invalid count at start of '%s'\n", prog,
                      p);
            return false;
        }
        if (k->echar == SIZE_MAX)
            k->echar = 0; /* the end of the field */
        if (!key_flags(&p, &k->flags, true) || *p) {
            u_eprintf("%s: stray character in field spec: invalid field specification '%s'\n",
                      prog, spec);
            return false;
        }
    }
    return true;
}

enum { OPT_PARALLEL = 256, OPT_BUFSIZE, OPT_TMPDIR, OPT_SORT, OPT_CHECK };

static const ULongOpt sort_longopts[] = {
    {"ignore-leading-blanks", U_NO_ARG, 'b'}, {"dictionary-order", U_NO_ARG, 'd'},
    {"ignore-case", U_NO_ARG, 'f'},           {"general-numeric-sort", U_NO_ARG, 'g'},
    {"human-numeric-sort", U_NO_ARG, 'h'},    {"ignore-nonprinting", U_NO_ARG, 'i'},
    {"month-sort", U_NO_ARG, 'M'},            {"numeric-sort", U_NO_ARG, 'n'},
    {"reverse", U_NO_ARG, 'r'},               {"version-sort", U_NO_ARG, 'V'},
    {"check", U_OPT_ARG, OPT_CHECK},          {"merge", U_NO_ARG, 'm'},
    {"key", U_REQ_ARG, 'k'},                  {"output", U_REQ_ARG, 'o'},
    {"stable", U_NO_ARG, 's'},                {"field-separator", U_REQ_ARG, 't'},
    {"unique", U_NO_ARG, 'u'},                {"zero-terminated", U_NO_ARG, 'z'},
    {"parallel", U_REQ_ARG, OPT_PARALLEL},    {"buffer-size", U_REQ_ARG, 'S'},
    {"temporary-directory", U_REQ_ARG, 'T'},  {"sort", U_REQ_ARG, OPT_SORT},
    {NULL, 0, 0},
};

static int parse_options(int argc, char **argv, SortOpts *o)
{
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "bdfghiMnrVcCmk:o:st:uzS:T:", sort_longopts)) != -1) {
        switch (c) {
        case 'b': o->global |= KF_BLANK | KF_EBLANK; break;
        case 'd': o->global |= KF_DICT; break;
        case 'f': o->global |= KF_FOLD; break;
        case 'g': o->global |= KF_GEN; break;
        case 'h': o->global |= KF_HUM; break;
        case 'i': o->global |= KF_IGN; break;
        case 'M': o->global |= KF_MON; break;
        case 'n': o->global |= KF_NUM; break;
        case 'r': o->global |= KF_REV; break;
        case 'V': o->global |= KF_VER; break;
        case 'c': o->check = true; break;
        case 'C': o->check = o->check_quiet = true; break;
        case OPT_CHECK:
            if (g.arg && strcmp(g.arg, "quiet") != 0 && strcmp(g.arg, "silent") != 0 &&
                strcmp(g.arg, "diagnose-first") != 0) {
                u_usage_error(argv[0], "invalid argument '%s' for '--check'", g.arg);
                return -1;
            }
            o->check = true;
            o->check_quiet = g.arg && g.arg[0] != 'd';
            break;
        case 'm': o->merge = true; break;
        case 'k':
            o->keys = xrealloc(o->keys, (o->nkeys + 1) * sizeof *o->keys);
            if (!parse_key(argv[0], g.arg, &o->keys[o->nkeys]))
                return -1;
            o->nkeys++;
            break;
        case 'o': o->output = g.arg; break;
        case 's': o->stable = true; break;
        case 't':
            if (strcmp(g.arg, "\\0") == 0) {
                o->sep = '\0';
            } else if (strlen(g.arg) != 1) {
                if (g.arg[0])
                    u_eprintf("%s: multi-character tab '%s'\n", argv[0], g.arg);
                else
                    u_eprintf("%s: empty tab\n", argv[0]);
                return -1;
            } else {
                o->sep = (unsigned char)g.arg[0];
            }
            break;
        case 'u': o->unique = true; break;
        case 'z': o->eol = '\0'; break;
        case OPT_SORT: {
            static const char *const w[] = {"general-numeric", "human-numeric", "month",
                                            "numeric", "version", NULL};
            static const unsigned f[] = {KF_GEN, KF_HUM, KF_MON, KF_NUM, KF_VER};
            int i = 0;
            while (w[i] && strcmp(w[i], g.arg) != 0)
                i++;
            if (!w[i]) {
                u_usage_error(argv[0], "invalid argument '%s' for '--sort'", g.arg);
                return -1;
            }
            o->global |= f[i];
            break;
        }
        case 'S':
        case 'T':
        case OPT_PARALLEL: break; /* everything is sorted in memory */
        default: return -1;
        }
    }
    /* Keys without ordering letters take the global ones; no key at all
     * is one key over the whole line. */
    for (size_t i = 0; i < o->nkeys; i++)
        if (!(o->keys[i].flags & (KF_ORDER | KF_BLANK | KF_EBLANK)))
            o->keys[i].flags |= o->global;
    if (o->nkeys == 0) {
        o->keys = xmalloc(sizeof *o->keys);
        o->keys[0] = (Key){1, 1, 0, 0, o->global & ~KF_EBLANK};
        o->nkeys = 1;
    }
    return g.ind;
}

/* ---- input and output ---- */

static int read_input(const char *name, char **buf, size_t *len, size_t *cap)
{
    int fd = u_open_operand(name);
    if (fd < 0) {
        u_eprintf("sort: cannot read: %s: %s\n", name, sys_strerror((SyscallError)-fd));
        return -1;
    }
    for (;;) {
        if (*cap - *len < 65536) {
            *cap = *cap ? *cap * 2 : 131072;
            *buf = xrealloc(*buf, *cap);
        }
        SyscallResult r = sys_read(fd, *buf + *len, *cap - *len);
        if (r.error != AX_OK) {
            u_eprintf("sort: read failed: %s: %s\n", name, sys_strerror(r.error));
            if (fd != 0)
                sys_close(fd);
            return -1;
        }
        if (r.value == 0)
            break;
        *len += (size_t)r.value;
    }
    if (fd != 0)
        sys_close(fd);
    return 0;
}

/* Split buf into lines; a last line without its end counts. */
static Line *split_lines(char *buf, size_t len, char eol, size_t *n)
{
    size_t cap = 1024, count = 0;
    Line *lines = xmalloc(cap * sizeof *lines);
    for (size_t i = 0; i < len;) {
        const char *e = memchr(buf + i, eol, len - i);
        size_t l = e ? (size_t)(e - (buf + i)) : len - i;
        if (count == cap)
            lines = xrealloc(lines, (cap *= 2) * sizeof *lines);
        lines[count++] = (Line){buf + i, l};
        i += l + 1;
    }
    *n = count;
    return lines;
}

static int check_sorted(const Line *lines, size_t n, const SortOpts *o, const char *name)
{
    for (size_t i = 1; i < n; i++) {
        int c = sort_line_cmp(&lines[i - 1], &lines[i], (void *)o);
        if (c > 0 || (c == 0 && o->unique)) {
            if (!o->check_quiet)
                u_eprintf("sort: %s:%zu: disorder: %.*s\n", name, i + 1, (int)lines[i].len,
                          lines[i].text);
            return 1;
        }
    }
    return 0;
}

/* The sorted lines to out (-u: the first of each run of equal keys). */
static void write_sorted(const Line *lines, size_t n, const SortOpts *o, UStream *out)
{
    const Line *prev = NULL;
    for (size_t i = 0; i < n; i++) {
        const Line *l = &lines[i];
        if (o->unique && prev && sort_keys_cmp(prev, l, o) == 0)
            continue;
        u_fwrite(l->text, l->len, out);
        u_putc(o->eol, out);
        prev = l;
    }
}

int sort_main(int argc, char **argv)
{
    SortOpts o = {.sep = -1, .eol = '\n'};
    int first = parse_options(argc, argv, &o);
    if (first < 0)
        return 2;
    size_t nfiles;
    char *const *files = u_operands(argc, argv, first, &nfiles);
    if (o.check && nfiles > 1) {
        u_usage_error(argv[0], "extra operand '%s' not allowed with -c", files[1]);
        return 2;
    }
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (size_t i = 0; i < nfiles; i++) {
        if (read_input(files[i], &buf, &len, &cap) < 0)
            return 2;
        /* inputs are joined: one without a final line end still ends a line */
        if (len > 0 && buf[len - 1] != o.eol && i + 1 < nfiles) {
            if (len == cap)
                buf = xrealloc(buf, cap *= 2);
            buf[len++] = o.eol;
        }
    }
    size_t n;
    if (o.check) {
        Line *lines = split_lines(buf, len, o.eol, &n);
        return check_sorted(lines, n, &o, files[0]);
    }
    /* every line ends with eol from here on, the last one too */
    if (len > 0 && buf[len - 1] != o.eol) {
        if (len == cap)
            buf = xrealloc(buf, cap += 1);
        buf[len++] = o.eol;
    }
    UStream *out = u_stdout();
    if (o.output && strcmp(o.output, "-") != 0) {
        SyscallError err;
        out = u_fopen(o.output, "w", &err);
        if (!out) {
            u_eprintf("sort: open failed: %s: %s\n", o.output, sys_strerror(err));
            return 2;
        }
    }
    if (sort_fast(&o, buf, len, out) != 0) {
        Line *lines = split_lines(buf, len, o.eol, &n);
        u_sort(lines, n, sizeof *lines, sort_line_cmp, &o);
        write_sorted(lines, n, &o, out);
    }
    int status = 0;
    if (out != u_stdout() && u_fclose(out) < 0) {
        u_eprintf("sort: write failed: %s\n", o.output);
        status = 2;
    }
    return status;
}
