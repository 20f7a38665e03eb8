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
#include "expand.h"

/* A buffer for an expander: a spare one, else a new (empty) one. */
static void x_buf_take(Shell *sh, StrBuf *b)
{
    if (sh->nspare_bufs > 0)
        *b = sh->spare_bufs[--sh->nspare_bufs];
    else
        sb_init(b);
}

/* Keep b for the next expander unless enough are kept or it grew big. */
static void x_buf_give(Shell *sh, StrBuf *b)
{
    if (b->s && b->cap <= 4096 && sh->nspare_bufs < SH_SPARE_BUFS) {
        sb_clear(b);
        sh->spare_bufs[sh->nspare_bufs++] = *b;
    } else {
        sb_free(b);
    }
}

static void x_init(Expander *e, Shell *sh, int flags, StrList *out)
{
    e->sh = sh;
    e->flags = flags;
    e->out = out;
    x_buf_take(sh, &e->s);
    x_buf_take(sh, &e->q);
    e->quoted = false;
    e->lit_flag = F_LIT;
    e->err = 0;
}

static void x_fini(Expander *e)
{
    x_buf_give(e->sh, &e->s);
    x_buf_give(e->sh, &e->q);
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

#define GLOB_SPECIALS "\\*?[]!^-()|@+" /* with extglob's group characters */
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
            maybe_glob = q[i] != F_QUOTED && (s[i] == '*' || s[i] == '?' || s[i] == '[' ||
                                              (s[i] == '(' && (sh->shopts & SHOPT_EXTGLOB)));
    if (maybe_glob) {
        char *pat = make_pattern(s, q, n);
        bool magic = glob_has_magic(pat, glob_flags(sh, 0));
        size_t got = magic ? glob_expand(sh, pat, e->out) : 0;
        if (!got && magic && (sh->shopts & SHOPT_FAILGLOB)) {
            char *lit = glob_unescape(pat);
            sh_error(sh, "no match: %s", lit);
            xfree(lit);
            e->err = X_ABORT; /* bash: the command line is abandoned */
        }
        xfree(pat);
        if (got || (magic && (sh->shopts & (SHOPT_NULLGLOB | SHOPT_FAILGLOB))))
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

void x_break(Expander *e, bool keep)
{
    if (e->out)
        split_field(e, e->s.s ? e->s.s : "", e->q.s ? e->q.s : "", e->s.len, e->quoted || keep);
    sb_clear(&e->s);
    sb_clear(&e->q);
    e->quoted = false;
}

char *expand_sub_str(Expander *e, const WordPart *p, int flags)
{
    char *s = expand_parts_str(e->sh, p, flags);
    if (!s)
        e->err = 1;
    return s;
}

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
    if (first && s[0] == '~') { /* patterns too: case ~), ${x#~}, [[ x == ~ ]] (bash) */
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
        /* the text up to the next place a tilde may follow, in one go */
        const char *run = (e->flags & EXP_TILDE_ASSIGN) ? strchr(s + 1, ':') : NULL;
        size_t n = run ? (size_t)(run - s) : strlen(s);
        x_add(e, s, n, e->lit_flag);
        s += n;
    }
}

/* ---- parts ---- */

/* $name of an ordinary set variable, the commonest expansion of all (a
 * loop's `$i`): its value straight from the table, with no copy and none
 * of expand_param's machinery. False leaves everything else to
 * expand_param: operators, subscripts, special and positional
 * parameters, the names refreshed on use (PIPESTATUS, FUNCNAME,
 * BASH_SOURCE), and unset names (RANDOM, LINENO, set -u). */
static inline bool expand_plain_name(Expander *e, const WordPart *p, bool dq)
{
    const char *name = p->text;
    char c = name[0];
    if (p->op != PO_NONE || p->has_index || p->indirect || c == 'P' || c == 'F' || c == 'B')
        return false;
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c == '_' && name[1])))
        return false;
    const char *v = var_get(e->sh, name);
    if (!v)
        return false;
    x_adds(e, v, dq ? F_QUOTED : F_EXP);
    return true;
}

void expand_parts(Expander *e, const WordPart *p, bool dq)
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
            const WordPart *q = p->sub;
            bool lone_at = q && !q->next && q->kind == WP_PARAM &&
                           (q->op == PO_NONE || q->op == PO_SUBSTR || (q->op >= PO_RM_SSUF && q->op != PO_NAMES)) &&
                           ((!q->has_index && strcmp(q->text, "@") == 0) || x_index_is(q, '@'));
            if (!lone_at)
                e->quoted = true;
            expand_parts(e, p->sub, true);
            break;
        }
        case WP_PARAM:
            if (!expand_plain_name(e, p, dq))
                expand_param(e, p, dq);
            break;
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
                e->err = X_FATAL; /* bash: a bad $(( )) ends a script */
            } else {
                char num[32];
                sh_fmt_int(v, num);
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

/* Is w one unquoted literal that expands to itself: no tilde prefix, no
 * brace, no glob character (or globbing off)? Most command words are
 * ("[", "-lt", "10"), and they skip the expander. */
static bool word_is_plain(Shell *sh, const Word *w, int flags)
{
    const WordPart *p = w->parts;
    if (!p || p->next || p->kind != WP_LIT || p->text[0] == '~' || !p->text[0])
        return false;
    const char *specials = !(flags & EXP_GLOB) || (sh->opts & OPT_NOGLOB) ? "{"
                           : (sh->shopts & SHOPT_EXTGLOB)               ? "{*?[("
                                                                        : "{*?[";
    return !p->text[strcspn(p->text, specials)];
}

int expand_words(Shell *sh, const Word *w, StrList *out, int flags)
{
    if (!(flags & ~(EXP_SPLIT | EXP_GLOB))) {
        while (w && word_is_plain(sh, w, flags)) {
            sl_push(out, xstrdup(w->parts->text));
            w = w->next;
        }
        if (!w) {
            sl_terminate(out);
            return 0;
        }
    }
    Expander e;
    x_init(&e, sh, flags, out);
    Arena braces;
    arena_init(&braces);
    for (; w && !e.err; w = w->next) {
        /* brace expansion first: a{b,c} is two words from here on */
        const Word *words = (flags & EXP_SPLIT) && (sh->opts & OPT_BRACEEXPAND) ? brace_expand(&braces, w) : NULL;
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
