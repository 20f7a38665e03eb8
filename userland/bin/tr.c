/* tr [-cds] SET1 [SET2]: translate, delete or squeeze bytes from stdin.
 * Sets take ranges (a-z), escapes (\n, \t, \\, \NNN) and classes
 * ([:alpha:], [:digit:], [:lower:], [:upper:], [:space:], [:alnum:],
 * [:punct:], [:blank:], [:cntrl:], [:print:], [:graph:], [:xdigit:]). */
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

static bool parse_set(const char *spec, Set *s)
{
    s->n = 0;
    const char *p = spec;
    while (*p) {
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
    for (;;) {
        SyscallResult r = sys_read(0, in, TR_BUF);
        if (r.error != AX_OK) {
            u_perror("tr", "read error", r.error);
            return 1;
        }
        if (r.value == 0)
            break;
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
    bool comp = false, del = false, sq = false;
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt(&g, argc, argv, "cCds")) != -1) {
        switch (c) {
        case 'c':
        case 'C': comp = true; break;
        case 'd': del = true; break;
        case 's': sq = true; break;
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
    if (!parse_set(argv[g.ind], s1) || (nsets == 2 && !parse_set(argv[g.ind + 1], s2)))
        return 1;
    if (comp)
        complement(s1);
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
