/* join [OPTION]... FILE1 FILE2: join the lines of two files sorted on a
 * common field, as GNU join does: blank-separated fields (or -t CHAR),
 * join fields -1 / -2 / -j, unpaired lines with -a / -v, a chosen output
 * with -o (and -e for missing fields), -i, --header and order checks. */
#include <string.h>
#include <strings.h>

#include "ulib.h"

typedef struct Field {
    const char *s;
    size_t len;
} Field;

typedef struct Line {
    char *text;
    size_t len;
    Field *f;
    size_t nf;
} Line;

typedef struct OutSpec {
    int file;     /* 0 (the join field), 1 or 2 */
    size_t field; /* 1-based */
} OutSpec;

typedef struct JoinOpts {
    int sep;            /* -t char, or -1 for blanks */
    size_t key[2];      /* 1-based join fields */
    bool unpaired[2];   /* -a */
    bool only_unpaired; /* -v */
    const char *empty;  /* -e */
    OutSpec *out;
    size_t nout;
    bool auto_out;      /* -o auto */
    size_t auto_nf[2];
    bool icase, header, check, nocheck;
    char eol;
} JoinOpts;

static void split(Line *l, const JoinOpts *o)
{
    size_t cap = 8;
    l->f = xmalloc(cap * sizeof *l->f);
    l->nf = 0;
    const char *p = l->text, *end = l->text + l->len;
    if (o->sep < 0) {
        for (;;) {
            while (p < end && (*p == ' ' || *p == '\t'))
                p++;
            if (p == end)
                break;
            const char *s = p;
            while (p < end && *p != ' ' && *p != '\t')
                p++;
            if (l->nf == cap)
                l->f = xrealloc(l->f, (cap *= 2) * sizeof *l->f);
            l->f[l->nf++] = (Field){s, (size_t)(p - s)};
        }
        return;
    }
    if (l->len == 0)
        return;
    for (;;) {
        const char *q = memchr(p, o->sep, (size_t)(end - p));
        const char *e = q ? q : end;
        if (l->nf == cap)
            l->f = xrealloc(l->f, (cap *= 2) * sizeof *l->f);
        l->f[l->nf++] = (Field){p, (size_t)(e - p)};
        if (!q)
            break;
        p = q + 1;
    }
}

static bool read_line(UStream *in, Line *l, const JoinOpts *o)
{
    size_t cap = 0;
    l->text = NULL;
    int64_t len = u_getdelim(&l->text, &cap, o->eol, in);
    if (len < 0) {
        xfree(l->text);
        return false;
    }
    if (len > 0 && l->text[len - 1] == o->eol)
        len--;
    l->len = (size_t)len;
    split(l, o);
    return true;
}

static void free_line(Line *l)
{
    xfree(l->text);
    xfree(l->f);
}

static Field key_of(const Line *l, size_t k)
{
    return k <= l->nf ? l->f[k - 1] : (Field){"", 0};
}

static int key_cmp(Field a, Field b, bool icase)
{
    size_t n = a.len < b.len ? a.len : b.len;
    int c = icase ? strncasecmp(a.s, b.s, n) : memcmp(a.s, b.s, n);
    return c ? c : (a.len > b.len) - (a.len < b.len);
}

static void put_sep(UStream *out, const JoinOpts *o)
{
    u_putc(o->sep >= 0 ? o->sep : ' ', out);
}

static void put_field(UStream *out, const Field *f, const JoinOpts *o)
{
    if (f && (f->len || !o->empty))
        u_fwrite(f->s, f->len, out);
    else if (o->empty)
        u_fputs(o->empty, out);
}

/* One output line: a pair (both set), or an unpaired line (one NULL). */
static void emit(UStream *out, const Line *a, const Line *b, const JoinOpts *o)
{
    const Line *l[2] = {a, b};
    const Line *keyl = a ? a : b;
    Field key = key_of(keyl, o->key[a ? 0 : 1]);
    if (o->nout || o->auto_out) {
        size_t n = o->auto_out ? 1 + (o->auto_nf[0] ? o->auto_nf[0] - 1 : 0) +
                                     (o->auto_nf[1] ? o->auto_nf[1] - 1 : 0)
                               : o->nout;
        for (size_t i = 0; i < n; i++) {
            OutSpec s;
            if (!o->auto_out) {
                s = o->out[i];
            } else if (i == 0) {
                s = (OutSpec){0, 0};
            } else {
                /* auto: the fields of each file but its join field */
                size_t k = i - 1, f1 = o->auto_nf[0] ? o->auto_nf[0] - 1 : 0;
                int file = k < f1 ? 1 : 2;
                size_t idx = file == 1 ? k : k - f1;
                size_t skip = o->key[file - 1];
                s = (OutSpec){file, idx + 1 >= skip ? idx + 2 : idx + 1};
            }
            if (i)
                put_sep(out, o);
            if (s.file == 0) {
                put_field(out, &key, o);
                continue;
            }
            const Line *src = l[s.file - 1];
            Field f = src && s.field <= src->nf ? src->f[s.field - 1] : (Field){"", 0};
            put_field(out, src && s.field <= src->nf ? &f : NULL, o);
        }
        u_putc(o->eol, out);
        return;
    }
    put_field(out, &key, o);
    for (int k = 0; k < 2; k++) {
        if (!l[k])
            continue;
        for (size_t i = 0; i < l[k]->nf; i++) {
            if (i + 1 == o->key[k])
                continue;
            put_sep(out, o);
            put_field(out, &l[k]->f[i], o);
        }
    }
    u_putc(o->eol, out);
}

static bool parse_format(const char *prog, const char *arg, JoinOpts *o)
{
    if (strcmp(arg, "auto") == 0) {
        o->auto_out = true;
        return true;
    }
    const char *p = arg;
    while (*p) {
        OutSpec s;
        if (p[0] == '0' && (p[1] == '\0' || p[1] == ',' || p[1] == ' ')) {
            s = (OutSpec){0, 0};
            p++;
        } else if (p[0] >= '0' && p[0] <= '9' && p[1] == '.' && (p[0] != '1' && p[0] != '2')) {
            u_eprintf("%s: invalid file number in field spec: '%s'\n", prog, p);
            return false;
        } else if ((p[0] == '1' || p[0] == '2') && p[1] == '.' && p[2] >= '1' && p[2] <= '9') {
            s.file = p[0] - '0';
            s.field = 0;
            for (p += 2; *p >= '0' && *p <= '9'; p++)
                s.field = s.field * 10 + (size_t)(*p - '0');
        } else {
            u_eprintf("%s: invalid field specifier: '%s'\n", prog, p);
            return false;
        }
        o->out = xrealloc(o->out, (o->nout + 1) * sizeof *o->out);
        o->out[o->nout++] = s;
        if (*p == ',' || *p == ' ')
            p++;
        else if (*p) {
            u_eprintf("%s: invalid field specifier: '%s'\n", prog, p);
            return false;
        }
    }
    return true;
}

static bool field_number(const char *prog, const char *arg, size_t *out)
{
    int64_t v;
    if (!u_parse_i64(arg, &v) || v < 1) {
        u_eprintf("%s: invalid field number: '%s'\n", prog, arg);
        return false;
    }
    *out = (size_t)v;
    return true;
}

/* A group: the lines in a row with the same key (the merge's unit). */
typedef struct Group {
    Line *v;
    size_t n, cap;
} Group;

typedef struct Side {
    UStream *in;
    const char *name;
    Line next;
    bool have;
    int which;
    bool told;
    uint64_t lineno; /* of next */
} Side;

/* Take the group of lines with the key of s->next. */
static void take_group(Side *s, Group *g, const JoinOpts *o, bool *disorder)
{
    g->n = 0;
    if (!s->have)
        return;
    Field key;
    do {
        if (g->n == g->cap)
            g->v = xrealloc(g->v, (g->cap = g->cap ? g->cap * 2 : 4) * sizeof *g->v);
        g->v[g->n++] = s->next;
        key = key_of(&g->v[0], o->key[s->which]);
        s->have = read_line(s->in, &s->next, o);
        s->lineno += s->have;
        if (s->have && !o->nocheck && !s->told &&
            key_cmp(key_of(&g->v[g->n - 1], o->key[s->which]),
                    key_of(&s->next, o->key[s->which]), o->icase) > 0) {
            u_eprintf("join: %s:%llu: is not sorted: %.*s\n", s->name,
                      (unsigned long long)s->lineno, (int)s->next.len, s->next.text);
            s->told = true;
            *disorder = true;
        }
    } while (s->have && key_cmp(key, key_of(&s->next, o->key[s->which]), o->icase) == 0);
}

static void free_group(Group *g)
{
    for (size_t i = 0; i < g->n; i++)
        free_line(&g->v[i]);
    g->n = 0;
}

int join_main(int argc, char **argv)
{
    JoinOpts o = {.sep = -1, .key = {1, 1}, .eol = '\n'};
    enum { OPT_CHECK = 256, OPT_NOCHECK, OPT_HEADER };
    static const ULongOpt longopts[] = {
        {"ignore-case", U_NO_ARG, 'i'}, {"check-order", U_NO_ARG, OPT_CHECK},
        {"nocheck-order", U_NO_ARG, OPT_NOCHECK}, {"header", U_NO_ARG, OPT_HEADER},
        {"zero-terminated", U_NO_ARG, 'z'}, {NULL, 0, 0},
    };
    UGetopt g = U_GETOPT_INIT;
    int c;
    size_t f;
    while ((c = u_getopt_long(&g, argc, argv, "a:e:i1:2:j:o:t:v:z", longopts)) != -1) {
        switch (c) {
        case 'a':
        case 'v':
            if (strcmp(g.arg, "1") != 0 && strcmp(g.arg, "2") != 0) {
                u_eprintf("join: invalid field number: '%s'\n", g.arg);
                return 1;
            }
            o.unpaired[g.arg[0] - '1'] = true;
            if (c == 'v')
                o.only_unpaired = true;
            break;
        case 'e': o.empty = g.arg; break;
        case 'i': o.icase = true; break;
        case '1':
        case '2':
            if (!field_number(argv[0], g.arg, &f))
                return 1;
            o.key[c - '1'] = f;
            break;
        case 'j':
            if (!field_number(argv[0], g.arg, &f))
                return 1;
            o.key[0] = o.key[1] = f;
            break;
        case 'o':
            if (!parse_format(argv[0], g.arg, &o))
                return 1;
            break;
        case 't':
            if (strlen(g.arg) > 1) {
                u_eprintf("join: multi-character tab '%s'\n", g.arg);
                return 1;
            }
            o.sep = g.arg[0] ? (unsigned char)g.arg[0] : '\n';
            break;
        case 'z': o.eol = '\0'; break;
        case OPT_CHECK: o.check = true; o.nocheck = false; break;
        case OPT_NOCHECK: o.nocheck = true; o.check = false; break;
        case OPT_HEADER: o.header = true; break;
        default: return 1;
        }
    }
    if (!u_two_operands(argv[0], argc, argv, g.ind))
        return 1;
    Side s[2];
    for (int i = 0; i < 2; i++) {
        SyscallError err;
        s[i] = (Side){.which = i, .name = argv[g.ind + i]};
        s[i].in = u_input_open(argv[g.ind + i], &err);
        if (!s[i].in) {
            u_perror("join", argv[g.ind + i], err);
            return 1;
        }
        s[i].have = read_line(s[i].in, &s[i].next, &o);
        s[i].lineno = s[i].have;
        if (o.auto_out && s[i].have)
            o.auto_nf[i] = s[i].next.nf;
    }
    UStream *out = u_stdout();
    bool disorder = false;
    if (o.header) {
        if (s[0].have || s[1].have)
            emit(out, s[0].have ? &s[0].next : NULL, s[1].have ? &s[1].next : NULL, &o);
        for (int i = 0; i < 2; i++) {
            if (s[i].have) {
                free_line(&s[i].next);
                s[i].have = read_line(s[i].in, &s[i].next, &o);
                s[i].lineno += s[i].have;
            }
        }
    }
    Group grp[2] = {{0}, {0}};
    take_group(&s[0], &grp[0], &o, &disorder);
    take_group(&s[1], &grp[1], &o, &disorder);
    while ((grp[0].n || grp[1].n) && !(o.check && disorder)) {
        int d = !grp[1].n ? -1 : !grp[0].n ? 1
                : key_cmp(key_of(&grp[0].v[0], o.key[0]), key_of(&grp[1].v[0], o.key[1]), o.icase);
        if (d == 0) {
            if (!o.only_unpaired)
                for (size_t i = 0; i < grp[0].n; i++)
                    for (size_t j = 0; j < grp[1].n; j++)
                        emit(out, &grp[0].v[i], &grp[1].v[j], &o);
            free_group(&grp[0]);
            free_group(&grp[1]);
            take_group(&s[0], &grp[0], &o, &disorder);
            take_group(&s[1], &grp[1], &o, &disorder);
            continue;
        }
        int k = d < 0 ? 0 : 1;
        if (o.unpaired[k])
            for (size_t i = 0; i < grp[k].n; i++)
                emit(out, k == 0 ? &grp[k].v[i] : NULL, k == 1 ? &grp[k].v[i] : NULL, &o);
        free_group(&grp[k]);
        take_group(&s[k], &grp[k], &o, &disorder);
    }
    free_group(&grp[0]);
    free_group(&grp[1]);
    xfree(grp[0].v);
    xfree(grp[1].v);
    if (disorder) {
        if (!o.check)
            u_eprintf("join: input is not in sorted order\n");
        return 1;
    }
    return 0;
}
