/* tr [-cdst] SET1 [SET2]: translate, delete or squeeze bytes from stdin.
 * Sets take ranges (a-z), escapes (\n, \t, \\, \NNN), classes
 * ([:alpha:], [:digit:], [:lower:], [:upper:], [:space:], [:alnum:],
 * [:punct:], [:blank:], [:cntrl:], [:print:], [:graph:], [:xdigit:]),
 * equivalence classes ([=c=], the byte itself) and, in SET2, repeats
 * ([c*N], and [c*] to fill SET2 to SET1's length). */
#include <ctype.h>
#include <string.h>

#include "ulib.h"

#define TR_BUF 65536

typedef struct Set {
    unsigned char c[1024]; /* expanded, in order (classes may repeat) */
    size_t n;
} Set;

static void set_add(Set *s, int c)
{
    if (s->n < sizeof s->c)
        s->c[s->n++] = (unsigned char)c;
}

static bool add_class(Set *s, const char *name, size_t len)
{
    static const struct {
        const char *name;
        int (*is)(int);
    } classes[] = {{"alpha", isalpha}, {"digit", isdigit}, {"lower", islower},
                   {"upper", isupper}, {"space", isspace}, {"alnum", isalnum},
                   {"punct", ispunct}, {"blank", isblank}, {"cntrl", iscntrl},
                   {"print", isprint}, {"graph", isgraph}, {"xdigit", isxdigit}};
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
        if (strlen(classes[i].name) == len && memcmp(classes[i].name, name, len) == 0) {
            for (int c = 0; c < 128; c++)
                if (classes[i].is(c))
                    set_add(s, c);
            return true;
        }
    }
    return false;
}

/* One character of a set, with backslash escapes; advances *p. An
 * unknown escape stands for the character after the backslash. */
static int set_char(const char **p)
{
    const char *s = *p;
    int c = (unsigned char)*s++;
    if (c == '\\' && *s) {
        size_t used;
        c = u_unescape(s, 0, &used);
        if (c == U_ESC_NONE) {
            c = (unsigned char)*s;
            used = 1;
        }
        s += used;
    }
    *p = s;
    return c;
}

/* [c*N] or [c*] at p (SET2 only): *count gets N, or 0 for "fill". */
static bool repeat_at(const char *p, int *c, size_t *count, const char **after)
{
    if (p[0] != '[' || p[1] == '\0')
        return false;
    const char *q = p + 1;
    int ch = set_char(&q);
    if (*q != '*')
        return false;
    q++;
    size_t n = 0;
    bool octal = *q == '0';
    while (*q >= '0' && *q <= '9')
        n = n * (octal ? 8 : 10) + (size_t)(*q++ - '0');
    if (*q != ']')
        return false;
    *c = ch;
    *count = n;
    *after = q + 1;
    return true;
}

/* Expand spec into s. In SET2 (fill_to > 0) a [c*] repeat grows to make
 * the set fill_to bytes long. */
static bool parse_set(const char *spec, Set *s, size_t fill_to)
{
    s->n = 0;
    const char *p = spec;
    size_t fill_at = SIZE_MAX;
    int fill_c = 0;
    while (*p) {
        int rc;
        size_t count;
        const char *after;
        if (fill_to && repeat_at(p, &rc, &count, &after)) {
            if (count == 0) {
                fill_at = s->n;
                fill_c = rc;
            }
            while (count-- > 0)
                set_add(s, rc);
            p = after;
            continue;
        }
        if (p[0] == '[' && p[1] == '=' && p[2] && p[3] == '=' && p[4] == ']') {
            set_add(s, (unsigned char)p[2]);
            p += 5;
            continue;
        }
        if (p[0] == '[' && p[1] == ':') {
            const char *end = strstr(p + 2, ":]");
            if (end && add_class(s, p + 2, (size_t)(end - p - 2))) {
                p = end + 2;
                continue;
            }
            if (end) {
                u_eprintf("tr: invalid character class '%.*s'\n", (int)(end - p - 2), p + 2);
                return false;
            }
        }
        int lo = set_char(&p);
        if (p[0] == '-' && p[1]) {
            p++;
            int hi = set_char(&p);
            if (hi < lo) {
                u_eprintf("tr: range-endpoints of '%c-%c' are in reverse collating sequence "
                          "order\n", lo, hi);
                return false;
            }
            for (int c = lo; c <= hi; c++)
                set_add(s, c);
            continue;
        }
        set_add(s, lo);
    }
    if (fill_at != SIZE_MAX && s->n < fill_to && fill_to <= sizeof s->c) {
        size_t extra = fill_to - s->n;
        memmove(s->c + fill_at + extra, s->c + fill_at, s->n - fill_at);
        memset(s->c + fill_at, fill_c, extra);
        s->n = fill_to;
    }
    return true;
}

static void complement(Set *s)
{
    bool in[256] = {false};
    for (size_t i = 0; i < s->n; i++)
        in[s->c[i]] = true;
    s->n = 0;
    for (int c = 0; c < 256; c++)
        if (!in[c])
            set_add(s, c);
}

typedef struct TrPlan {
    int map[256];       /* translation; identity by default */
    bool del[256];      /* -d */
    bool squeeze[256];  /* -s */
} TrPlan;

static int run(const TrPlan *t)
{
    unsigned char *in = xmalloc(TR_BUF), *outb = xmalloc(TR_BUF);
    UStream *out = u_stdout();
    int last = -1; /* last byte written, for squeezing */
    /* Translation alone (no -d, no -s) is a table lookup per byte, done
     * in place: the general loop's two tests a byte cost six times as much. */
    bool plain = true;
    unsigned char lut[256];
    for (int c = 0; c < 256; c++) {
        plain &= !t->del[c] && !t->squeeze[c];
        lut[c] = (unsigned char)t->map[c];
    }
    for (;;) {
        SyscallResult r = sys_read(0, in, TR_BUF);
        if (r.error != AX_OK) {
            u_perror("tr", "read error", r.error);
            return 1;
        }
        if (r.value == 0)
            break;
        if (plain) {
            for (int64_t i = 0; i < r.value; i++)
                in[i] = lut[in[i]];
            u_fwrite(in, (size_t)r.value, out);
            continue;
        }
        size_t n = 0;
        for (int64_t i = 0; i < r.value; i++) {
            int c = in[i];
            if (t->del[c])
                continue;
            c = t->map[c];
            if (t->squeeze[c] && c == last)
                continue;
            outb[n++] = (unsigned char)c;
            last = c;
        }
        u_fwrite(outb, n, out);
    }
    return 0;
}

int tr_main(int argc, char **argv)
{
    bool comp = false, del = false, sq = false, trunc = false;
    static const ULongOpt longopts[] = {
        {"complement", U_NO_ARG, 'c'},      {"delete", U_NO_ARG, 'd'},
        {"squeeze-repeats", U_NO_ARG, 's'}, {"truncate-set1", U_NO_ARG, 't'},
        {NULL, 0, 0},
    };
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "cCdst", longopts)) != -1) {
        switch (c) {
        case 'c':
        case 'C': comp = true; break;
        case 'd': del = true; break;
        case 's': sq = true; break;
        case 't': trunc = true; break;
        default: return 1;
        }
    }
    int nsets = argc - g.ind;
    int need = del && !sq ? 1 : (!del && !sq ? 2 : 1);
    if (nsets < need) {
        if (nsets == 0)
            u_eprintf("tr: missing operand\n");
        else
            u_eprintf("tr: missing operand after '%s'\n"
                      "Two strings must be given when translating.\n", argv[g.ind]);
        u_eprintf("Try 'tr --help' for more information.\n");
        return 1;
    }
    if (nsets > 2 || (del && !sq && nsets > 1)) {
        u_eprintf("tr: extra operand '%s'\n", argv[g.ind + (del && !sq ? 1 : 2)]);
        if (del && !sq)
            u_eprintf("Only one string may be given when deleting without squeezing repeats.\n");
        u_eprintf("Try 'tr --help' for more information.\n");
        return 1;
    }
    Set *s1 = xmalloc(sizeof(Set)), *s2 = xmalloc(sizeof(Set));
    s2->n = 0;
    if (!parse_set(argv[g.ind], s1, 0))
        return 1;
    if (comp)
        complement(s1);
    if (nsets == 2 && !parse_set(argv[g.ind + 1], s2, s1->n ? s1->n : 1))
        return 1;
    if (trunc && s1->n > s2->n && nsets == 2)
        s1->n = s2->n;
    TrPlan *t = xcalloc(1, sizeof(TrPlan));
    for (int i = 0; i < 256; i++)
        t->map[i] = i;
    if (del) {
        for (size_t i = 0; i < s1->n; i++)
            t->del[s1->c[i]] = true;
    } else if (nsets == 2) {
        if (s2->n == 0) {
            u_eprintf("tr: when not truncating set1, string2 must be non-empty\n");
            return 1;
        }
        /* A short SET2 is padded with its last byte, as GNU tr does. */
        for (size_t i = 0; i < s1->n; i++)
            t->map[s1->c[i]] = s2->c[i < s2->n ? i : s2->n - 1];
    }
    if (sq) {
        const Set *squeeze = nsets == 2 ? s2 : s1;
        for (size_t i = 0; i < squeeze->n; i++)
            t->squeeze[squeeze->c[i]] = true;
    }
    return run(t);
}
