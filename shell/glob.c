/* glob.c — shell pattern matching (case, ${x#pat}, pathname expansion).
 *
 * A pattern is a string in which a backslash quotes the next character:
 * expansion turns quoted characters of a word into \c, so "*" stays a
 * star and only unquoted * ? [ are special. Pathname expansion walks the
 * directories with sys_readdir and sorts the matches in byte order.
 *
 * bash's options: GM_NOCASE (nocaseglob, nocasematch) folds ASCII case;
 * GM_EXTGLOB (extglob, and always in [[ == ]]) adds the groups @(a|b)
 * ?(...) *(...) +(...) !(...), matched by a backtracking matcher over
 * pattern ranges (the plain matcher below stays iterative and fast);
 * globstar makes a ** component match any depth of directories.
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

/* One character of a bracket expression at *pp, moved past it: a byte,
 * a \-quoted byte, or a collating symbol [.c.] or equivalence class
 * [=c=] of one character (in the C and UTF-8 locales each stands for the
 * character itself, as in bash). -1 for a longer symbol, which matches
 * nothing. */
static int bracket_elem(const char **pp)
{
    const char *p = *pp;
    if (p[0] == '[' && (p[1] == '.' || p[1] == '=')) {
        char close[3] = {p[1], ']', '\0'};
        const char *end = strstr(p + 2, close);
        if (end && end > p + 2) {
            *pp = end + 2;
            return end == p + 3 ? (unsigned char)p[2] : -1;
        }
    }
    int c = (unsigned char)*p;
    if (c == '\\' && p[1])
        c = (unsigned char)*++p;
    *pp = p + 1;
    return c;
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
        int lo = bracket_elem(&p);
        int hi = lo;
        if (p[0] == '-' && p[1] && p[1] != ']') {
            p++;
            hi = bracket_elem(&p);
        }
        if (lo >= 0 && c >= lo && c <= hi)
            found = true;
    }
    *pp = p + 1;
    return found != neg;
}

static int fold(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* bracket() with case folded when flags say so. */
static int bracket_f(const char **pp, int c, unsigned flags)
{
    const char *p = *pp;
    int r = bracket(&p, c);
    if (r == 0 && (flags & GM_NOCASE)) {
        int other = c >= 'a' && c <= 'z' ? c - 'a' + 'A' : fold(c);
        if (other != c) {
            p = *pp;
            r = bracket(&p, other);
        }
    }
    if (r >= 0)
        *pp = p;
    return r;
}

static bool char_eq(int a, int b, unsigned flags)
{
    return a == b || ((flags & GM_NOCASE) && fold(a) == fold(b));
}

/* ---- extglob groups: a recursive matcher over [p, pe) ---- */

static bool is_group(const char *p, const char *pe, unsigned flags)
{
    return (flags & GM_EXTGLOB) && pe - p >= 2 && p[1] == '(' &&
           (p[0] == '@' || p[0] == '!' || p[0] == '+' || p[0] == '*' || p[0] == '?');
}

/* The ')' closing the group whose '(' is at p, or NULL. */
static const char *group_end(const char *p, const char *pe)
{
    int depth = 0;
    for (const char *q = p; q < pe; q++) {
        if (*q == '\\' && q + 1 < pe)
            q++;
        else if (*q == '(')
            depth++;
        else if (*q == ')' && --depth == 0)
            return q;
    }
    return NULL;
}

typedef struct XMatch {
    unsigned flags;
    long budget; /* steps left: a pathological pattern fails instead of running for ever */
} XMatch;

static bool xmatch(XMatch *x, const char *p, const char *pe, const char *s, const char *se);

/* Does [s, se) match one of the |-separated alternatives in [a, ae)? */
static bool any_alt(XMatch *x, const char *a, const char *ae, const char *s, const char *se)
{
    const char *start = a;
    int depth = 0;
    for (const char *q = a;; q++) {
        if (q == ae || (*q == '|' && depth == 0)) {
            if (xmatch(x, start, q, s, se))
                return true;
            if (q == ae)
                return false;
            start = q + 1;
        } else if (*q == '\\' && q + 1 < ae) {
            q++;
        } else if (*q == '(') {
            depth++;
        } else if (*q == ')') {
            depth--;
        }
    }
}

/* [s, se) is a run of zero or more alternatives (each non-empty). */
static bool any_run(XMatch *x, const char *a, const char *ae, const char *s, const char *se)
{
    if (s == se)
        return true;
    for (const char *u = s + 1; u <= se; u++)
        if (any_alt(x, a, ae, s, u) && any_run(x, a, ae, u, se))
            return true;
    return false;
}

/* The group op( [a, ae) ) followed by the pattern [rest, pe) against [s, se). */
static bool group_match(XMatch *x, int op, const char *a, const char *ae, const char *rest, const char *pe,
                        const char *s, const char *se)
{
    for (const char *t = s; t <= se; t++) {
        bool hit;
        switch (op) {
        case '@': hit = any_alt(x, a, ae, s, t); break;
        case '?': hit = t == s || any_alt(x, a, ae, s, t); break;
        case '*': hit = any_run(x, a, ae, s, t); break;
        case '+': hit = any_alt(x, a, ae, s, t) || (t > s && any_run(x, a, ae, s, t)); break;
        default: hit = !any_alt(x, a, ae, s, t); break; /* ! */
        }
        if (hit && xmatch(x, rest, pe, t, se))
            return true;
    }
    return false;
}

static bool xmatch(XMatch *x, const char *p, const char *pe, const char *s, const char *se)
{
    if (--x->budget < 0)
        return false;
    while (p < pe) {
        if (is_group(p, pe, x->flags)) {
            const char *close = group_end(p + 1, pe);
            if (close)
                return group_match(x, *p, p + 2, close, close + 1, pe, s, se);
        }
        if (*p == '*') {
            while (p < pe && *p == '*' && !is_group(p, pe, x->flags))
                p++;
            if (p == pe)
                return true;
            for (const char *t = s; t <= se; t++)
                if (xmatch(x, p, pe, t, se))
                    return true;
            return false;
        }
        if (s == se)
            return false;
        if (*p == '?') {
            size_t step = utf8_char_len(s);
            if (step == 0 || s + step > se)
                return false;
            s += step;
            p++;
            continue;
        }
        if (*p == '[') {
            const char *q = p + 1;
            int r = bracket_f(&q, (unsigned char)*s, x->flags);
            if (r < 0) {
                if (*s != '[')
                    return false;
                p++;
            } else if (r == 0 || q > pe) {
                return false;
            } else {
                p = q;
            }
            s++;
            continue;
        }
        if (*p == '\\' && p + 1 < pe)
            p++;
        if (!char_eq((unsigned char)*p, (unsigned char)*s, x->flags))
            return false;
        p++;
        s++;
    }
    return s == se;
}

static bool has_group(const char *pat, unsigned flags)
{
    if (!(flags & GM_EXTGLOB) || !strchr(pat, '('))
        return false;
    for (const char *p = pat; *p; p++) {
        if (*p == '\\' && p[1])
            p++;
        else if (p[1] == '(' && strchr("@!+*?", *p))
            return true;
    }
    return false;
}

/* Does the whole of s[0..n) match pat (no extglob group)? Inlined with
 * flags constant, so the plain case pays nothing for nocase. */
static inline __attribute__((always_inline)) bool match_iter(const char *pat, const char *s, size_t n,
                                                             unsigned flags)
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
                int r = bracket_f(&p, c, flags);
                if (r < 0) {
                    ok = c == '[';
                    p = pat + 1;
                } else {
                    ok = r == 1;
                }
            } else {
                if (*p == '\\' && p[1])
                    p++;
                ok = char_eq((unsigned char)*p, c, flags);
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

/* Does the whole of s[0..n) match pat? */
static bool match_n(const char *pat, const char *s, size_t n, unsigned flags)
{
    if (__builtin_expect(flags != 0, 0)) {
        if (has_group(pat, flags)) {
            XMatch x = {.flags = flags, .budget = 1000000};
            return xmatch(&x, pat, pat + strlen(pat), s, s + n);
        }
        if (flags & GM_NOCASE)
            return match_iter(pat, s, n, GM_NOCASE);
    }
    return match_iter(pat, s, n, 0);
}

bool glob_match(const char *pat, const char *str, unsigned flags)
{
    return match_n(pat, str, strlen(str), flags);
}

/* Is i inside a UTF-8 character of s (a continuation byte)? A prefix
 * or suffix never splits one: `?` stands for a character (bash in a
 * UTF-8 locale). */
static bool mid_char(const char *s, size_t i)
{
    return ((unsigned char)s[i] & 0xc0) == 0x80;
}

long glob_match_prefix(const char *pat, const char *str, bool longest, unsigned flags)
{
    size_t n = strlen(str);
    if (longest) {
        for (size_t i = n + 1; i-- > 0;)
            if (!mid_char(str, i) && match_n(pat, str, i, flags))
                return (long)i;
    } else {
        for (size_t i = 0; i <= n; i++)
            if (!mid_char(str, i) && match_n(pat, str, i, flags))
                return (long)i;
    }
    return -1;
}

long glob_match_suffix(const char *pat, const char *str, bool longest, unsigned flags)
{
    size_t n = strlen(str);
    if (longest) {
        for (size_t i = 0; i <= n; i++)
            if (!mid_char(str, i) && match_n(pat, str + i, n - i, flags))
                return (long)(n - i);
    } else {
        for (size_t i = n + 1; i-- > 0;)
            if (!mid_char(str, i) && match_n(pat, str + i, n - i, flags))
                return (long)(n - i);
    }
    return -1;
}

bool glob_has_magic(const char *pat, unsigned flags)
{
    if (has_group(pat, flags))
        return true;
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
    unsigned flags; /* GM_* for each component */
    const char *globignore; /* bash's GLOBIGNORE when set and not empty */
} GlobCtx;

/* Does a match fall under GLOBIGNORE's colon-separated patterns? The
 * names . and .. always do, whatever the patterns (bash). */
static bool glob_ignored(const char *ignore, const char *path, unsigned flags)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
        return true;
    for (const char *p = ignore; *p;) {
        const char *end = strchr(p, ':');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char *one = xstrndup(p, len);
        bool hit = len && glob_match(one, path, flags);
        xfree(one);
        if (hit)
            return true;
        p += len + (end ? 1 : 0);
    }
    return false;
}

static void glob_walk(GlobCtx *g, StrBuf *prefix, const char *rest);

/* Should a directory entry be seen by a component? (names starting with
 * '.' only when the component does, or under dotglob; never . and ..) */
static bool glob_visible(GlobCtx *g, const char *name, bool dot_ok)
{
    if (name[0] != '.' || dot_ok)
        return true;
    /* dotglob, or a GLOBIGNORE set, shows hidden names (never . and ..) */
    return ((g->sh->shopts & SHOPT_DOTGLOB) || g->globignore) && name[1] && !(name[1] == '.' && !name[2]);
}

/* The entries of the directory prefix names ("." when empty) that
 * glob_visible lets through, each as a type letter ('d' a directory,
 * '?' unknown, 'f' anything else) and the name. All are read before the
 * walk goes deeper, since it reuses g->ents. False when the directory
 * cannot be opened. */
static bool glob_read_dir(GlobCtx *g, StrBuf *prefix, bool dot_ok, StrList *names)
{
    sl_init(names);
    SyscallResult r = sys_open(prefix->len ? prefix->s : ".", AX_O_RDONLY | AX_O_DIRECTORY | AX_O_CLOEXEC, 0);
    if (r.error != AX_OK)
        return false;
    int fd = (int)r.value;
    for (;;) {
        SyscallResult n = sys_readdir(fd, g->ents, 32);
        if (n.error != AX_OK || n.value <= 0)
            break;
        for (int i = 0; i < n.value; i++) {
            const DirEntry *e = &g->ents[i];
            if (!glob_visible(g, e->name, dot_ok))
                continue;
            char type = e->type == AX_DT_DIR ? 'd' : e->type == AX_DT_UNKNOWN ? '?' : 'f';
            sl_push(names, sh_strdup_printf("%c%s", type, e->name));
        }
    }
    sys_close(fd);
    return true;
}

/* Is the entry just appended to path a directory? (type letter as
 * glob_read_dir gives it; an unknown type asks stat) */
static bool glob_is_dir(StrBuf *path, char type)
{
    if (type != '?')
        return type == 'd';
    FileStat st;
    return sys_stat(path->s, &st).error == AX_OK && AX_S_ISDIR(st.mode);
}

/* globstar's ** below prefix: last, it names every file and directory
 * under prefix; otherwise (a component `**` followed by rest) any run of
 * directories, none included, then rest. */
static void glob_star(GlobCtx *g, StrBuf *prefix, const char *rest, bool last)
{
    if (sh_stack_low(g->sh))
        return;
    if (!last) {
        if (*rest)
            glob_walk(g, prefix, rest);
        else if (prefix->len)
            sl_push(&g->found, xstrdup(prefix->s)); /* a trailing slash: directories */
    }
    StrList names;
    if (!glob_read_dir(g, prefix, false, &names))
        return;
    size_t saved = prefix->len;
    for (size_t i = 0; i < names.n; i++) {
        sb_puts(prefix, names.v[i] + 1);
        if (last)
            sl_push(&g->found, xstrdup(prefix->s));
        if (glob_is_dir(prefix, names.v[i][0])) {
            sb_putc(prefix, '/');
            glob_star(g, prefix, rest, last);
        }
        prefix->len = saved;
        prefix->s[saved] = '\0';
    }
    sl_free(&names);
}

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
    if ((g->sh->shopts & SHOPT_GLOBSTAR) && strcmp(comp, "**") == 0) {
        xfree(comp);
        if (*end == '\0') {
            if (prefix->len)
                sl_push(&g->found, xstrdup(prefix->s));
            glob_star(g, prefix, end, true);
        } else {
            while (*end == '/')
                end++;
            glob_star(g, prefix, end, false);
        }
        return;
    }
    if (!glob_has_magic(comp, g->flags)) {
        char *lit = glob_unescape(comp);
        sb_puts(prefix, lit);
        xfree(lit);
        glob_walk(g, prefix, end);
    } else {
        bool dot_ok = comp[0] == '.' || (comp[0] == '\\' && comp[1] == '.');
        StrList names;
        if (glob_read_dir(g, prefix, dot_ok, &names)) {
            for (size_t i = 0; i < names.n; i++) {
                const char *name = names.v[i] + 1;
                if (!glob_match(comp, name, g->flags))
                    continue;
                if (*end == '/' && names.v[i][0] == 'f')
                    continue; /* only a directory can have more components */
                sb_puts(prefix, name);
                glob_walk(g, prefix, end);
                prefix->len = saved;
                prefix->s[saved] = '\0';
            }
            sl_free(&names);
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
    g.flags = glob_flags(sh, SHOPT_NOCASEGLOB);
    g.globignore = var_get(sh, "GLOBIGNORE");
    if (g.globignore && !*g.globignore)
        g.globignore = NULL;
    sl_init(&g.found);
    g.ents = xmalloc(32 * sizeof(DirEntry));
    StrBuf prefix;
    sb_init(&prefix);
    glob_walk(&g, &prefix, pat);
    sb_free(&prefix);
    xfree(g.ents);
    if (g.found.n > 1)
        qsort(g.found.v, g.found.n, sizeof(char *), str_cmp);
    const char *ignore = g.globignore;
    size_t n = 0;
    for (size_t i = 0; i < g.found.n; i++) {
        if (ignore && glob_ignored(ignore, g.found.v[i], g.flags)) {
            xfree(g.found.v[i]);
            continue;
        }
        sl_push(out, g.found.v[i]);
        n++;
    }
    xfree(g.found.v);
    return n;
}
