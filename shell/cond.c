/* cond.c — bash's [[ expr ]] and (( expr )).
 *
 * [[ ]] words are expanded without field splitting or globbing; the right
 * side of == and != is a pattern (quoted parts match literally), that of
 * =~ an extended regular expression (the host's regex.h, as grep uses).
 * && || ! ( ) group, with the usual precedence, and the operand of &&
 * or || that does not decide the result is not expanded at all. The file
 * and string operators are test's (builtins_test.c).
 */
#include <regex.h>

#include "sh.h"

typedef struct Cond {
    Shell *sh;     /* NULL: a parse-time check (cond_check), nothing evaluated */
    char *msg;     /* cond_check: where the first error goes */
    size_t msgcap;
    const Word *w; /* next word */
    int err;       /* 2 after an error */
    int noeval;    /* inside an operand that does not count */
} Cond;

static bool cond_or(Cond *c);

static bool is_op(const Word *w, const char *op)
{
    return w && w->cond_op && strcmp(w->raw, op) == 0;
}

static bool is_lit(const Word *w, const char *s)
{
    const char *lit = w && !w->cond_op ? word_literal(w) : NULL;
    return lit && strcmp(lit, s) == 0;
}

static void cond_fail(Cond *c, const char *msg, const char *arg)
{
    if (!c->err && c->sh)
        sh_error(c->sh, "[[: %s%s%s", arg ? arg : "", arg ? ": " : "", msg);
    else if (!c->err)
        snprintf(c->msg, c->msgcap, "%s%s%s", arg ? arg : "", arg ? ": " : "", msg);
    c->err = 2;
}

/* Expand an operand (nothing when it does not count). */
static char *operand(Cond *c, const Word *w, int flags)
{
    if (c->noeval || c->err)
        return xstrdup("");
    char *s = expand_word_str(c->sh, w, flags);
    if (!s) {
        c->err = 2;
        return xstrdup("");
    }
    return s;
}

/* =~: on a match, BASH_REMATCH gets the matched text and each group's
 * (as in bash; a failed match empties it). */
static bool regex_match(Cond *c, const char *s, const char *re)
{
    regex_t rx;
    int cflags = REG_EXTENDED | ((c->sh->shopts & SHOPT_NOCASEMATCH) ? REG_ICASE : 0);
    if (regcomp(&rx, re, cflags) != 0) {
        cond_fail(c, "invalid regular expression", re);
        return false;
    }
    regmatch_t m[10];
    size_t ng = rx.re_nsub + 1 < 10 ? rx.re_nsub + 1 : 10;
    bool hit = regexec(&rx, s, ng, m, 0) == 0;
    regfree(&rx);
    StrList groups;
    sl_init(&groups);
    for (size_t i = 0; hit && i < ng; i++)
        sl_push(&groups, m[i].rm_so < 0 ? xstrdup("") : xstrndup(s + m[i].rm_so, (size_t)(m[i].rm_eo - m[i].rm_so)));
    Var *v = var_lookup(c->sh, "BASH_REMATCH");
    if (!v || !(v->flags & VAR_READONLY))
        var_set_array(c->sh, "BASH_REMATCH", groups.v, groups.n, false, ARR_LITERAL);
    sl_free(&groups);
    return hit;
}

static bool arith_op(const char *op)
{
    static const char *const ops[] = {"-eq", "-ne", "-lt", "-le", "-gt", "-ge"};
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
        if (strcmp(op, ops[i]) == 0)
            return true;
    return false;
}

static bool arith_compare(const char *op, int64_t x, int64_t y)
{
    if (op[1] == 'e')
        return x == y;
    if (op[1] == 'n')
        return x != y;
    if (op[1] == 'l')
        return op[2] == 't' ? x < y : x <= y;
    return op[2] == 't' ? x > y : x >= y;
}

static bool binary_op(const Word *w)
{
    if (!w)
        return false;
    if (w->cond_op)
        return strcmp(w->raw, "<") == 0 || strcmp(w->raw, ">") == 0;
    const char *lit = word_literal(w);
    return lit && (test_is_binary(lit) || strcmp(lit, "=~") == 0);
}

static bool cond_primary(Cond *c)
{
    const Word *w = c->w;
    if (!w) {
        cond_fail(c, "expression expected", NULL);
        return false;
    }
    if (is_op(w, "(")) {
        c->w = w->next;
        bool r = cond_or(c);
        if (!is_op(c->w, ")")) {
            cond_fail(c, "`)' expected", NULL);
            return false;
        }
        c->w = c->w->next;
        return r;
    }
    if (w->cond_op) {
        cond_fail(c, "unexpected operator", w->raw);
        return false;
    }
    /* bash's order: a unary operator takes the next word whatever it is,
     * then WORD OP WORD, then a lone word (a non-empty string test) */
    const char *lit = word_literal(w);
    if (lit && test_is_unary(lit)) {
        const Word *arg = w->next;
        if (!arg || arg->cond_op) {
            cond_fail(c, "unexpected argument to conditional unary operator", arg ? arg->raw : "]]");
            return false;
        }
        c->w = arg->next;
        char *a = operand(c, arg, 0);
        bool r = false;
        if (!c->noeval && !c->err) {
            int err = 0;
            r = test_unary(c->sh, "[[", lit, a, &err);
            if (err)
                c->err = err;
        }
        xfree(a);
        return r;
    }
    if (binary_op(w->next)) {
        const char *op = w->next->cond_op ? w->next->raw : word_literal(w->next);
        const Word *rhs = w->next->next;
        if (!rhs || rhs->cond_op) {
            cond_fail(c, "unexpected argument to conditional binary operator", rhs ? rhs->raw : "]]");
            return false;
        }
        c->w = rhs->next;
        bool pattern = strcmp(op, "==") == 0 || strcmp(op, "=") == 0 || strcmp(op, "!=") == 0;
        char *a = operand(c, w, 0);
        bool regex = strcmp(op, "=~") == 0;
        char *b = operand(c, rhs, pattern ? EXP_PATTERN : regex ? EXP_REGEX : 0);
        bool r = false;
        if (!c->noeval && !c->err) {
            if (pattern) {
                /* bash matches [[ == ]] patterns as if extglob were on */
                r = glob_match(b, a, glob_flags(c->sh, SHOPT_NOCASEMATCH) | GM_EXTGLOB) == (op[0] != '!');
            } else if (regex) {
                r = regex_match(c, a, b);
            } else if (arith_op(op)) {
                /* -eq -ne -lt -le -gt -ge: both sides are arithmetic
                 * expressions in [[ ]] (bash); an error there is false */
                int64_t x = 0, y = 0;
                if (arith_eval(c->sh, a, &x) == 0 && arith_eval(c->sh, b, &y) == 0)
                    r = arith_compare(op, x, y);
            } else {
                int err = 0;
                r = test_binary(c->sh, "[[", a, op, b, &err);
                if (err)
                    c->err = err;
            }
        }
        xfree(a);
        xfree(b);
        return r;
    }
    if (w->next && !w->next->cond_op) {
        cond_fail(c, "conditional binary operator expected", w->next->raw);
        return false;
    }
    c->w = w->next;
    char *a = operand(c, w, 0);
    bool r = *a != '\0';
    xfree(a);
    return r;
}

static bool cond_not(Cond *c)
{
    if (is_lit(c->w, "!")) {
        c->w = c->w->next;
        return !cond_not(c);
    }
    return cond_primary(c);
}

static bool cond_and(Cond *c)
{
    bool r = cond_not(c);
    while (is_op(c->w, "&&")) {
        c->w = c->w->next;
        if (!r)
            c->noeval++;
        bool r2 = cond_not(c);
        if (!r)
            c->noeval--;
        r = r && r2;
    }
    return r;
}

static bool cond_or(Cond *c)
{
    bool r = cond_and(c);
    while (is_op(c->w, "||")) {
        c->w = c->w->next;
        if (r)
            c->noeval++;
        bool r2 = cond_and(c);
        if (r)
            c->noeval--;
        r = r || r2;
    }
    return r;
}

bool cond_check(const Word *words, char *msg, size_t cap)
{
    Cond c = {.msg = msg, .msgcap = cap, .w = words, .noeval = 1};
    cond_or(&c);
    if (!c.err && c.w)
        cond_fail(&c, "syntax error in conditional expression", c.w->raw);
    return c.err == 0;
}

int sh_exec_cond(Shell *sh, const Node *n)
{
    sh->lineno = n->lineno;
    Cond c = {.sh = sh, .w = n->words};
    bool r = cond_or(&c);
    if (!c.err && c.w)
        cond_fail(&c, "syntax error in conditional expression", c.w->raw);
    if (sh->opts & OPT_XTRACE) {
        StrBuf b;
        sb_init(&b);
        sb_puts(&b, "+ [[");
        for (const Word *w = n->words; w; w = w->next) {
            sb_putc(&b, ' ');
            sb_puts(&b, w->raw);
        }
        sb_puts(&b, " ]]\n");
        sh_write_all(2, b.s, b.len);
        sb_free(&b);
    }
    return c.err ? 2 : r ? 0 : 1;
}

int sh_exec_arith(Shell *sh, const Word *expr, int64_t *value)
{
    *value = 0;
    char *text = expand_parts_str(sh, expr->parts, 0);
    if (!text)
        return 1;
    int r = arith_eval(sh, text, value);
    xfree(text);
    return r;
}
