/* expand.c — word expansion, in POSIX order: tilde, parameters, command
 * substitution and arithmetic (left to right), then field splitting,
 * pathname expansion and quote removal.
 *
 * A word expands into a buffer of characters with a flag per character:
 *   F_LIT    unquoted text of the word itself (globbing applies)
 *   F_QUOTED quoted text (neither split nor globbed)
 *   F_EXP    the result of an unquoted expansion (split on IFS, globbed)
 * Quote removal is then just dropping the flags. "$@" ends the field in
 * the middle of a word, which is why a word may give several fields.
 */
#include "sh.h"

enum { F_LIT = 0, F_QUOTED = 1, F_EXP = 2 };

/* Expander.err: 0 fine; X_ERROR the command fails; X_ABORT the command
 * line is abandoned; X_FATAL a non-interactive shell exits. */
enum { X_ERROR = 1, X_FATAL = 2, X_ABORT = 3 };

typedef struct Expander {
    Shell *sh;
    int flags;
    StrList *out;    /* fields (NULL: single-string mode) */
    StrBuf s, q;     /* the field being built: chars and their flags */
    bool quoted;     /* the field had quotes: "" gives an empty field */
    int err;
} Expander;

static void x_init(Expander *e, Shell *sh, int flags, StrList *out)
{
    e->sh = sh;
    e->flags = flags;
    e->out = out;
    sb_init(&e->s);
    sb_init(&e->q);
    e->quoted = false;
    e->err = 0;
}

static void x_fini(Expander *e)
{
    sb_free(&e->s);
    sb_free(&e->q);
}

static void x_add(Expander *e, const char *s, size_t n, int flag)
{
    sb_putn(&e->s, s, n);
    for (size_t i = 0; i < n; i++)
        sb_putc(&e->q, (char)flag);
}

static void x_adds(Expander *e, const char *s, int flag)
{
    x_add(e, s, strlen(s), flag);
}

const char *sh_ifs(Shell *sh)
{
    const char *ifs = var_get(sh, "IFS");
    return ifs ? ifs : " \t\n";
}

bool ifs_is_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/* Skip one field separator at s[i]: IFS white space around at most one
 * other IFS character (*hard tells whether there was one). Only F_EXP
 * characters count when q is given. Returns the index after it. */
size_t ifs_skip_separator(const char *s, const char *q, size_t i, size_t n, const char *ifs, bool *hard)
{
    *hard = false;
    while (i < n && (!q || q[i] == F_EXP) && strchr(ifs, s[i])) {
        if (!ifs_is_blank(s[i])) {
            if (*hard)
                break;
            *hard = true;
        }
        i++;
    }
    return i;
}

/* Build a pattern from chars+flags: quoted characters get a backslash. */
static char *make_escaped(const char *s, const char *q, size_t n, const char *specials)
{
    StrBuf p;
    sb_init(&p);
    for (size_t i = 0; i < n; i++) {
        if (q[i] == F_QUOTED && strchr(specials, s[i]))
            sb_putc(&p, '\\');
        sb_putc(&p, s[i]);
    }
    return sb_take(&p);
}

#define GLOB_SPECIALS "\\*?[]"
#define REGEX_SPECIALS "\\.[]()*+?{}|^$"

static char *make_pattern(const char *s, const char *q, size_t n)
{
    return make_escaped(s, q, n, GLOB_SPECIALS);
}

/* One finished piece of a field: glob it, or keep it as it is. */
static void emit_piece(Expander *e, const char *s, const char *q, size_t n)
{
    Shell *sh = e->sh;
    bool maybe_glob = false;
    if ((e->flags & EXP_GLOB) && !(sh->opts & OPT_NOGLOB))
        for (size_t i = 0; i < n && !maybe_glob; i++)
            maybe_glob = q[i] != F_QUOTED && (s[i] == '*' || s[i] == '?' || s[i] == '[');
    if (maybe_glob) {
        char *pat = make_pattern(s, q, n);
        size_t got = glob_has_magic(pat) ? glob_expand(sh, pat, e->out) : 0;
        xfree(pat);
        if (got)
            return;
    }
    sl_push(e->out, xstrndup(s, n));
}

/* Split the current field on IFS (only F_EXP characters split), then emit. */
static void split_field(Expander *e, const char *s, const char *q, size_t n, bool keep_empty)
{
    const char *ifs = sh_ifs(e->sh);
    bool split = (e->flags & EXP_SPLIT) && *ifs;
    size_t start = 0, i = 0;
    bool have = false; /* the current piece has content */
    size_t emitted = 0;
    while (split && i < n) {
        if (q[i] != F_EXP || !strchr(ifs, s[i])) {
            if (!have)
                start = i;
            have = true;
            i++;
            continue;
        }
        size_t end = i;
        bool hard; /* a non-blank IFS char delimits even empty fields */
        i = ifs_skip_separator(s, q, i, n, ifs, &hard);
        if (have || hard) {
            emit_piece(e, s + start, q + start, have ? end - start : 0);
            emitted++;
        }
        have = false;
    }
    if (!split) {
        if (n > 0 || keep_empty)
            emit_piece(e, s, q, n);
        return;
    }
    if (have)
        emit_piece(e, s + start, q + start, n - start);
    else if (emitted == 0 && keep_empty)
        emit_piece(e, s, q, 0);
}

/* End the field being built ("$@" inside a word, or the word's end). */
static void x_break(Expander *e, bool keep)
{
    if (e->out)
        split_field(e, e->s.s ? e->s.s : "", e->q.s ? e->q.s : "", e->s.len, e->quoted || keep);
    sb_clear(&e->s);
    sb_clear(&e->q);
    e->quoted = false;
}

static void expand_parts(Expander *e, const WordPart *p, bool dq);

/* ---- parameters ---- */

static char *positional_join(Shell *sh, bool star_quoted)
{
    StrBuf b;
    sb_init(&b);
    const char *ifs = sh_ifs(sh);
    for (int i = 0; i < sh->nargs; i++) {
        if (i > 0) {
            if (!star_quoted)
                sb_putc(&b, ' ');
            else if (*ifs)
                sb_putc(&b, *ifs);
        }
        sb_puts(&b, sh->args[i]);
    }
    return sb_take(&b);
}

/* The value of a parameter as a heap string, NULL when unset. */
static char *param_value(Shell *sh, const char *name, bool dq)
{
    char c = name[0];
    if (name[1] == '\0' && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')) {
        switch (c) {
        case '?': return sh_strdup_printf("%d", sh->status);
        case '$': return sh_strdup_printf("%d", sh->pid);
        case '!': return sh->last_bg ? sh_strdup_printf("%d", sh->last_bg) : NULL;
        case '#': return sh_strdup_printf("%d", sh->nargs);
        case '0': return xstrdup(sh->arg0 ? sh->arg0 : "sh");
        case '@':
        case '*': return sh->nargs ? positional_join(sh, dq && c == '*') : NULL;
        case '-': {
            StrBuf b;
            sb_init(&b);
            for (const ShOption *o = sh_options; o->name; o++)
                if (o->letter && (sh->opts & o->bit))
                    sb_putc(&b, o->letter);
            if (sh->interactive)
                sb_putc(&b, 'i');
            return sb_take(&b);
        }
        }
    }
    if (c >= '0' && c <= '9') {
        int n = atoi(name);
        if (n == 0)
            return xstrdup(sh->arg0 ? sh->arg0 : "sh");
        return n <= sh->nargs ? xstrdup(sh->args[n - 1]) : NULL;
    }
    const char *v = var_get(sh, name);
    if (v)
        return xstrdup(v);
    if (strcmp(name, "RANDOM") == 0) {
        sh->rand = sh->rand * 6364136223846793005ull + 1442695040888963407ull;
        return sh_strdup_printf("%d", (int)((sh->rand >> 33) % 32768));
    }
    if (strcmp(name, "LINENO") == 0)
        return sh_strdup_printf("%d", sh->lineno);
    return NULL;
}

static char *expand_sub_str(Expander *e, const WordPart *p, int flags)
{
    char *s = expand_parts_str(e->sh, p, flags);
    if (!s)
        e->err = 1;
    return s;
}

/* ${x/pat/rep} and ${x//pat/rep} */
static char *param_replace(const char *val, const char *pat, const char *rep, bool all)
{
    StrBuf b;
    sb_init(&b);
    size_t n = strlen(val), i = 0;
    bool done = false;
    bool anchor_start = pat[0] == '#', anchor_end = pat[0] == '%';
    if (anchor_start || anchor_end)
        pat++;
    while (i <= n) {
        long m = -1;
        if (!done && (!anchor_start || i == 0)) {
            m = anchor_end ? (glob_match(pat, val + i) ? (long)(n - i) : -1)
                           : glob_match_prefix(pat, val + i, true);
        }
        if (m > 0) {
            sb_puts(&b, rep);
            i += (size_t)m;
            if (!all)
                done = true;
            continue;
        }
        if (i < n)
            sb_putc(&b, val[i]);
        i++;
    }
    return sb_take(&b);
}

/* Parameters as $@ gives them: one field each ("$@", unquoted $@ and $*),
 * or joined by the first character of IFS ("$*"). */
static void expand_list(Expander *e, char **items, int n, bool dq, bool star)
{
    if (star && dq) {
        const char *ifs = sh_ifs(e->sh);
        for (int i = 0; i < n; i++) {
            if (i > 0 && *ifs)
                x_add(e, ifs, 1, F_QUOTED);
            x_adds(e, items[i], F_QUOTED);
        }
        return;
    }
    for (int i = 0; i < n; i++) {
        if (i > 0 && e->out)
            x_break(e, dq);
        else if (i > 0)
            x_add(e, " ", 1, dq ? F_QUOTED : F_EXP);
        if (dq)
            e->quoted = true;
        x_adds(e, items[i], dq ? F_QUOTED : F_EXP);
    }
}

/* An arithmetic operand of ${x:offset:length}; false after an error. */
static bool substr_operand(Expander *e, const WordPart *parts, int64_t *out)
{
    char *text = expand_sub_str(e, parts, 0);
    if (!text)
        return false;
    bool ok = arith_eval(e->sh, text, out) == 0;
    xfree(text);
    if (!ok)
        e->err = X_ABORT;
    return ok;
}

/* ${x:offset:length}: which [start, end) of n items (characters, or
 * positional parameters) it selects. Negative offsets count from the end,
 * a negative length is an end counted from the end. */
static bool substr_range(Expander *e, const WordPart *p, int64_t n, int64_t *start, int64_t *end)
{
    int64_t off, len = n;
    if (!substr_operand(e, p->sub, &off) || (p->sub2 && !substr_operand(e, p->sub2, &len)))
        return false;
    if (off < 0)
        off += n;
    if (off < 0 || off > n) {
        *start = *end = 0;
        return true;
    }
    int64_t stop = len < 0 ? n + len : (len > n - off ? n : off + len);
    *start = off;
    *end = stop < off ? off : stop;
    return true;
}

static void expand_param(Expander *e, const WordPart *p, bool dq)
{
    Shell *sh = e->sh;
    const char *name = p->text;
    bool star = strcmp(name, "*") == 0;
    bool at = strcmp(name, "@") == 0 || star;
    if (p->op == PO_NONE && at) {
        expand_list(e, sh->args, sh->nargs, dq, star);
        return;
    }
    if (p->op == PO_SUBSTR && at) {
        /* ${@:2}: parameters from $2 on; offset 0 is $0 */
        char **all = xmalloc(sizeof(char *) * (size_t)(sh->nargs + 1));
        all[0] = sh->arg0 ? sh->arg0 : "sh";
        for (int i = 0; i < sh->nargs; i++)
            all[i + 1] = sh->args[i];
        int64_t a, b;
        if (substr_range(e, p, sh->nargs + 1, &a, &b))
            expand_list(e, all + a, (int)(b - a), dq, star);
        xfree(all);
        return;
    }
    char *val = param_value(sh, name, dq);
    int flag = dq ? F_QUOTED : F_EXP;
    bool unset_or_null = !val || (p->colon && !*val);
    switch (p->op) {
    case PO_NONE:
        if (!val && (sh->opts & OPT_NOUNSET) && strcmp(name, "@") && strcmp(name, "*")) {
            sh_error(sh, "%s: unbound variable", name);
            e->err = X_FATAL;
            return;
        }
        break;
    case PO_LENGTH: {
        size_t len = strcmp(name, "@") == 0 || strcmp(name, "*") == 0 ? (size_t)sh->nargs
                                                                       : (val ? strlen(val) : 0);
        xfree(val);
        val = sh_strdup_printf("%zu", len);
        break;
    }
    case PO_DEFAULT:
        if (unset_or_null) {
            xfree(val);
            expand_parts(e, p->sub, dq);
            return;
        }
        break;
    case PO_ALT:
        xfree(val);
        if (!unset_or_null)
            expand_parts(e, p->sub, dq);
        return;
    case PO_ASSIGN:
        if (unset_or_null) {
            xfree(val);
            val = expand_sub_str(e, p->sub, 0);
            if (!val)
                return;
            if (!sh_is_name(name)) {
                sh_error(sh, "$%s: cannot assign in this way", name);
                e->err = X_ERROR;
                xfree(val);
                return;
            }
            if (var_set(sh, name, val, 0) < 0) {
                e->err = 1;
                xfree(val);
                return;
            }
        }
        break;
    case PO_ERROR:
        if (unset_or_null) {
            xfree(val);
            char *msg = p->sub ? expand_sub_str(e, p->sub, 0) : NULL;
            sh_error(sh, "%s: %s", name, msg && *msg ? msg : "parameter null or not set");
            xfree(msg);
            e->err = X_FATAL;
            return;
        }
        break;
    case PO_RM_SSUF:
    case PO_RM_LSUF:
    case PO_RM_SPRE:
    case PO_RM_LPRE: {
        if (!val)
            break;
        char *pat = expand_sub_str(e, p->sub, EXP_PATTERN);
        if (!pat)
            break;
        bool longest = p->op == PO_RM_LSUF || p->op == PO_RM_LPRE;
        if (p->op == PO_RM_SPRE || p->op == PO_RM_LPRE) {
            long m = glob_match_prefix(pat, val, longest);
            if (m > 0)
                memmove(val, val + m, strlen(val + m) + 1);
        } else {
            long m = glob_match_suffix(pat, val, longest);
            if (m > 0)
                val[strlen(val) - (size_t)m] = '\0';
        }
        xfree(pat);
        break;
    }
    case PO_SUBSTR: {
        if (!val)
            val = xstrdup("");
        int64_t a, b;
        if (!substr_range(e, p, (int64_t)strlen(val), &a, &b)) {
            xfree(val);
            return;
        }
        memmove(val, val + a, (size_t)(b - a));
        val[b - a] = '\0';
        break;
    }
    case PO_UPPER:
    case PO_UPPER_ALL:
    case PO_LOWER:
    case PO_LOWER_ALL: {
        bool up = p->op == PO_UPPER || p->op == PO_UPPER_ALL;
        bool all = p->op == PO_UPPER_ALL || p->op == PO_LOWER_ALL;
        for (char *c = val; c && *c; c++) {
            if (up && *c >= 'a' && *c <= 'z')
                *c = (char)(*c - 32);
            else if (!up && *c >= 'A' && *c <= 'Z')
                *c = (char)(*c + 32);
            if (!all)
                break;
        }
        break;
    }
    case PO_REPL:
    case PO_REPL_ALL: {
        if (!val)
            break;
        char *pat = expand_sub_str(e, p->sub, EXP_PATTERN);
        char *rep = p->sub2 ? expand_sub_str(e, p->sub2, 0) : xstrdup("");
        if (pat && rep) {
            char *r = param_replace(val, pat, rep, p->op == PO_REPL_ALL);
            xfree(val);
            val = r;
        }
        xfree(pat);
        xfree(rep);
        break;
    }
    }
    if (val)
        x_adds(e, val, flag);
    xfree(val);
}

/* ---- tilde ---- */

/* s starts with '~': expand the prefix up to '/' (or ':' in assignments).
 * Returns the number of characters consumed (0: not a tilde prefix). */
static size_t expand_tilde(Expander *e, const char *s, bool word_end_ok)
{
    size_t n = 1;
    while (s[n] && s[n] != '/' && !((e->flags & EXP_TILDE_ASSIGN) && s[n] == ':'))
        n++;
    if (!s[n] && !word_end_ok)
        return 0;
    const char *home = NULL;
    if (n == 1)
        home = var_get(e->sh, "HOME");
    else if (n == 2 && s[1] == '+')
        home = var_get(e->sh, "PWD");
    else if (n == 2 && s[1] == '-')
        home = var_get(e->sh, "OLDPWD");
    else {
        const char *user = var_get(e->sh, "USER");
        if (user && strlen(user) == n - 1 && memcmp(user, s + 1, n - 1) == 0)
            home = var_get(e->sh, "HOME");
        else if (n - 1 == 4 && memcmp(s + 1, "root", 4) == 0)
            home = "/root";
    }
    if (!home)
        return 0;
    x_adds(e, home, F_QUOTED);
    return n;
}

static void expand_lit(Expander *e, const WordPart *p, bool first)
{
    const char *s = p->text;
    /* tilde only where the prefix is wholly in this literal */
    bool ends_word = !p->next;
    if (first && s[0] == '~' && !(e->flags & EXP_PATTERN)) {
        size_t n = expand_tilde(e, s, ends_word);
        s += n;
    }
    while (*s) {
        if ((e->flags & EXP_TILDE_ASSIGN) && s[0] == ':' && s[1] == '~') {
            x_add(e, ":", 1, F_LIT);
            s++;
            size_t n = expand_tilde(e, s, ends_word);
            if (n) {
                s += n;
                continue;
            }
        }
        x_add(e, s, 1, F_LIT);
        s++;
    }
}

/* ---- parts ---- */

static void expand_parts(Expander *e, const WordPart *p, bool dq)
{
    if (sh_stack_low(e->sh)) {
        sh_error(e->sh, "expansion nested too deeply");
        e->err = X_ABORT;
        return;
    }
    bool first = !dq && e->s.len == 0;
    for (; p && !e->err; p = p->next, first = false) {
        switch (p->kind) {
        case WP_LIT:
            if (dq)
                x_adds(e, p->text, F_QUOTED);
            else
                expand_lit(e, p, first);
            break;
        case WP_QLIT:
            e->quoted = true;
            x_adds(e, p->text, F_QUOTED);
            break;
        case WP_DQ: {
            /* "$@" with no parameters is no field at all */
            bool lone_at = p->sub && !p->sub->next && p->sub->kind == WP_PARAM &&
                           p->sub->op == PO_NONE && strcmp(p->sub->text, "@") == 0;
            if (!lone_at)
                e->quoted = true;
            expand_parts(e, p->sub, true);
            break;
        }
        case WP_PARAM: expand_param(e, p, dq); break;
        case WP_CMDSUB: {
            int st = 0;
            char *outp = sh_command_subst(e->sh, p->text, &st);
            size_t n = strlen(outp);
            while (n > 0 && outp[n - 1] == '\n')
                n--;
            x_add(e, outp, n, dq ? F_QUOTED : F_EXP);
            xfree(outp);
            break;
        }
        case WP_ARITH: {
            char *expr = expand_sub_str(e, p->sub, 0);
            if (!expr)
                break;
            int64_t v;
            if (arith_eval(e->sh, expr, &v) != 0) {
                e->err = X_ABORT;
            } else {
                char num[32];
                snprintf(num, sizeof num, "%lld", (long long)v);
                x_adds(e, num, dq ? F_QUOTED : F_EXP);
            }
            xfree(expr);
            break;
        }
        }
    }
}

/* What an expansion error does, as in bash: ${x?} and an unbound
 * variable end a non-interactive shell (status 1); bad
 * arithmetic abandons the command line being run (JUMP_ABORT unwinds to
 * the loop reading commands, or to eval). */
static int x_result(Expander *e)
{
    if (e->err == X_FATAL && !e->sh->interactive)
        sh_exit(e->sh, 1);
    if (e->err == X_FATAL || e->err == X_ABORT) {
        e->sh->jump = JUMP_ABORT;
        e->sh->status = 1;
    }
    return e->err ? 1 : 0;
}

int expand_words(Shell *sh, const Word *w, StrList *out, int flags)
{
    Expander e;
    x_init(&e, sh, flags, out);
    Arena braces;
    arena_init(&braces);
    for (; w && !e.err; w = w->next) {
        /* brace expansion first: a{b,c} is two words from here on */
        const Word *words = (flags & EXP_SPLIT) ? brace_expand(&braces, w) : NULL;
        bool single = !words;
        for (const Word *x = single ? w : words; x && !e.err; x = single ? NULL : x->next) {
            expand_parts(&e, x->parts, false);
            if (!e.err)
                x_break(&e, false);
        }
    }
    arena_free(&braces);
    x_fini(&e);
    sl_terminate(out);
    return x_result(&e);
}

char *expand_parts_str(Shell *sh, const WordPart *parts, int flags)
{
    Expander e;
    x_init(&e, sh, flags, NULL);
    expand_parts(&e, parts, false);
    char *r;
    if (flags & EXP_PATTERN)
        r = make_pattern(e.s.s ? e.s.s : "", e.q.s ? e.q.s : "", e.s.len);
    else if (flags & EXP_REGEX)
        r = make_escaped(e.s.s ? e.s.s : "", e.q.s ? e.q.s : "", e.s.len, REGEX_SPECIALS);
    else
        r = xstrndup(e.s.s ? e.s.s : "", e.s.len);
    x_fini(&e);
    if (x_result(&e)) {
        xfree(r);
        return NULL;
    }
    return r;
}

char *expand_word_str(Shell *sh, const Word *w, int flags)
{
    return expand_parts_str(sh, w->parts, flags);
}
