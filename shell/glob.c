/* glob.c — shell pattern matching (case, ${x#pat}, pathname expansion).
 *
 * A pattern is a string in which a backslash quotes the next character:
 * expansion turns quoted characters of a word into \c, so "*" stays a
 * star and only unquoted * ? [ are special. Pathname expansion walks the
 * directories with sys_readdir and sorts the matches in byte order.
 */
#include "sh.h"

static bool class_match(const char *name, size_t n, int c)
{
#define CLS(s, cond)                                   \
    if (n == sizeof(s) - 1 && memcmp(name, s, n) == 0) \
        return cond;
    CLS("alpha", (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
    CLS("digit", c >= '0' && c <= '9')
    CLS("alnum", (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
    CLS("upper", c >= 'A' && c <= 'Z')
    CLS("lower", c >= 'a' && c <= 'z')
    CLS("space", c == ' ' || (c >= '\t' && c <= '\r'))
    CLS("blank", c == ' ' || c == '\t')
    CLS("punct", c > ' ' && c < 127 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                         (c >= '0' && c <= '9')))
    CLS("xdigit", (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
    CLS("print", c >= ' ' && c < 127)
    CLS("cntrl", c < ' ' || c == 127)
#undef CLS
    return false;
}

/* Match the bracket expression at *pp ('[' already skipped) against c.
 * Returns 1 match, 0 no match, -1 not a bracket expression (no ']'). On
 * 0/1 *pp is moved past the ']'. */
static int bracket(const char **pp, int c)
{
    const char *p = *pp;
    bool neg = false, found = false;
    if (*p == '!' || *p == '^') {
        neg = true;
        p++;
    }
    bool first = true;
    for (;;) {
        if (*p == '\0')
            return -1;
        if (*p == ']' && !first)
            break;
        first = false;
        if (p[0] == '[' && p[1] == ':') {
            const char *end = strstr(p + 2, ":]");
            if (end) {
                if (class_match(p + 2, (size_t)(end - p - 2), c))
                    found = true;
                p = end + 2;
                continue;
            }
        }
        int lo = (unsigned char)*p;
        if (lo == '\\' && p[1])
            lo = (unsigned char)*++p;
        p++;
        int hi = lo;
        if (p[0] == '-' && p[1] && p[1] != ']') {
            p++;
            hi = (unsigned char)*p;
            if (hi == '\\' && p[1])
                hi = (unsigned char)*++p;
            p++;
        }
        if (c >= lo && c <= hi)
            found = true;
    }
    *pp = p + 1;
    return found != neg;
}

/* Does the whole of s[0..n) match pat? */
static bool match_n(const char *pat, const char *s, size_t n)
{
    const char *star_p = NULL; /* backtrack point: the pattern after the last * */
    size_t star_i = 0, i = 0;
    for (;;) {
        if (*pat == '*') {
            while (*pat == '*')
                pat++;
            star_p = pat;
            star_i = i;
            continue;
        }
        if (i < n && *pat) {
            int c = (unsigned char)s[i];
            const char *p = pat;
            bool ok;
            size_t step = 1;
            if (*p == '?') {
                /* one character, not one byte, in axos's UTF-8 locale */
                ok = true;
                p++;
                step = utf8_char_len(s + i);
                ok = step > 0 && i + step <= n;
            } else if (*p == '[') {
                p++;
                int r = bracket(&p, c);
                if (r < 0) {
                    ok = c == '[';
                    p = pat + 1;
                } else {
                    ok = r == 1;
                }
            } else {
                if (*p == '\\' && p[1])
                    p++;
                ok = (unsigned char)*p == c;
                p++;
            }
            if (ok) {
                pat = p;
                i += step;
                continue;
            }
        } else if (i == n && *pat == '\0') {
            return true;
        }
        if (!star_p || star_i >= n)
            return false;
        pat = star_p;
        i = ++star_i;
    }
}

bool glob_match(const char *pat, const char *str)
{
    return match_n(pat, str, strlen(str));
}

long glob_match_prefix(const char *pat, const char *str, bool longest)
{
    size_t n = strlen(str);
    if (longest) {
        for (size_t i = n + 1; i-- > 0;)
            if (match_n(pat, str, i))
                return (long)i;
    } else {
        for (size_t i = 0; i <= n; i++)
            if (match_n(pat, str, i))
                return (long)i;
    }
    return -1;
}

long glob_match_suffix(const char *pat, const char *str, bool longest)
{
    size_t n = strlen(str);
    if (longest) {
        for (size_t i = 0; i <= n; i++)
            if (match_n(pat, str + i, n - i))
                return (long)(n - i);
    } else {
        for (size_t i = n + 1; i-- > 0;)
            if (match_n(pat, str + i, n - i))
                return (long)(n - i);
    }
    return -1;
}

bool glob_has_magic(const char *pat)
{
    for (const char *p = pat; *p; p++) {
        if (*p == '\\' && p[1])
            p++;
        else if (*p == '*' || *p == '?')
            return true;
        else if (*p == '[') {
            const char *q = p + 1;
            if (bracket(&q, 0) >= 0)
                return true;
        }
    }
    return false;
}

char *glob_unescape(const char *pat)
{
    char *out = xmalloc(strlen(pat) + 1), *o = out;
    for (const char *p = pat; *p; p++) {
        if (*p == '\\' && p[1])
            p++;
        *o++ = *p;
    }
    *o = '\0';
    return out;
}

/* ---- pathname expansion ---- */

typedef struct GlobCtx {
    Shell *sh;
    StrList found;
    DirEntry *ents;
} GlobCtx;

/* prefix: the path so far ("" or ending in '/'); rest: pattern components */
static void glob_walk(GlobCtx *g, StrBuf *prefix, const char *rest)
{
    if (sh_stack_low(g->sh))
        return; /* a path this deep matches nothing more */
    while (*rest == '/') {
        sb_putc(prefix, '/');
        rest++;
    }
    if (*rest == '\0') {
        if (prefix->len && sys_exists(prefix->s).value == 1)
            sl_push(&g->found, xstrdup(prefix->s));
        return;
    }
    const char *end = rest;
    while (*end && *end != '/') {
        if (*end == '\\' && end[1])
            end++;
        end++;
    }
    char *comp = xstrndup(rest, (size_t)(end - rest));
    size_t saved = prefix->len;
    if (!glob_has_magic(comp)) {
        char *lit = glob_unescape(comp);
        sb_puts(prefix, lit);
        xfree(lit);
        glob_walk(g, prefix, end);
    } else {
        SyscallResult r = sys_open(prefix->len ? prefix->s : ".", AX_O_RDONLY | AX_O_DIRECTORY | AX_O_CLOEXEC, 0);
        if (r.error == AX_OK) {
            int fd = (int)r.value;
            bool dot_ok = comp[0] == '.' || (comp[0] == '\\' && comp[1] == '.');
            bool dotglob = (g->sh->shopts & SHOPT_DOTGLOB) && !dot_ok;
            for (;;) {
                SyscallResult n = sys_readdir(fd, g->ents, 32);
                if (n.error != AX_OK || n.value <= 0)
                    break;
                for (int i = 0; i < n.value; i++) {
                    const char *name = g->ents[i].name;
                    if (name[0] == '.' && !dot_ok &&
                        (!dotglob || !name[1] || (name[1] == '.' && !name[2])))
                        continue; /* dotglob: hidden names, never . and .. */
                    if (!glob_match(comp, name))
                        continue;
                    if (*end == '/' && g->ents[i].type != AX_DT_DIR && g->ents[i].type != AX_DT_UNKNOWN)
                        continue;
                    sb_puts(prefix, name);
                    glob_walk(g, prefix, end);
                    prefix->len = saved;
                    prefix->s[saved] = '\0';
                }
            }
            sys_close(fd);
        }
    }
    prefix->len = saved;
    if (prefix->s)
        prefix->s[saved] = '\0';
    xfree(comp);
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t glob_expand(Shell *sh, const char *pat, StrList *out)
{
    GlobCtx g;
    g.sh = sh;
    sl_init(&g.found);
    g.ents = xmalloc(32 * sizeof(DirEntry));
    StrBuf prefix;
    sb_init(&prefix);
    glob_walk(&g, &prefix, pat);
    sb_free(&prefix);
    xfree(g.ents);
    if (g.found.n > 1)
        qsort(g.found.v, g.found.n, sizeof(char *), str_cmp);
    size_t n = g.found.n;
    for (size_t i = 0; i < n; i++)
        sl_push(out, g.found.v[i]);
    xfree(g.found.v);
    return n;
}
