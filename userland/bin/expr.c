/* expr EXPRESSION: evaluate an expression and print its value, as POSIX
 * and GNU expr do. By increasing precedence:
 *   A | B    A if it is neither null nor 0, else B (or 0 when B is null)
 *   A & B    A if neither is null or 0, else 0
 *   A < B, <=, =, !=, >=, >   1 or 0: numbers compare as numbers, else strings
 *   A + B, A - B
 *   A * B, A / B, A % B
 *   A : RE   the match of the basic RE anchored at the start: \1's text,
 *            or the matched length
 * plus GNU's match STR RE, substr STR POS LEN, index STR CHARS, length STR,
 * + TOKEN, and ( ). Numbers are 64-bit.
 * Exit status: 0 when the value is neither null nor 0, 1 when it is, 2 for
 * a bad expression (division by zero too, as GNU), 3 for another error. */
#include <regex.h>
#include <string.h>

#include "ulib.h"

typedef struct Expr {
    char **v;
    int n, i;
    int error; /* 2: syntax, 3: arithmetic or regex */
} Expr;

/* Values are heap strings. */
static char *num_str(int64_t v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)v);
    return xstrdup(buf);
}

static bool as_num(const char *s, int64_t *out) { return *s && u_parse_i64(s, out); }

static bool is_null(const char *s)
{
    int64_t n;
    return !*s || (as_num(s, &n) && n == 0);
}

static void fail(Expr *e, int code, const char *fmt, const char *arg)
{
    if (e->error)
        return;
    u_eprintf("expr: ");
    u_eprintf(fmt, arg);
    u_eprintf("\n");
    e->error = code;
}

static const char *peek(Expr *e) { return e->i < e->n ? e->v[e->i] : NULL; }

static bool is(Expr *e, const char *op) { return peek(e) && strcmp(peek(e), op) == 0; }

/* STR : RE: anchored at the start; the first group's text, or the length. */
static char *match(Expr *e, const char *s, const char *pat)
{
    regex_t re;
    size_t pl = strlen(pat);
    char *anchored = xmalloc(pl + 2);
    anchored[0] = '^';
    memcpy(anchored + 1, pat, pl + 1);
    int rc = regcomp(&re, anchored, 0);
    xfree(anchored);
    if (rc != 0) {
        char msg[128];
        regerror(rc, &re, msg, sizeof msg);
        fail(e, 2, "%s", msg);
        return xstrdup("");
    }
    regmatch_t m[2];
    char *r;
    bool group = re.re_nsub > 0;
    if (regexec(&re, s, 2, m, 0) != 0)
        r = group ? xstrdup("") : num_str(0);
    else if (group)
        r = m[1].rm_so >= 0 ? xstrndup(s + m[1].rm_so, (size_t)(m[1].rm_eo - m[1].rm_so))
                            : xstrdup("");
    else
        r = num_str(m[0].rm_eo);
    regfree(&re);
    return r;
}

static char *parse_or(Expr *e);

static char *operand(Expr *e)
{
    const char *t = peek(e);
    if (!t) {
        if (e->i > 0)
            fail(e, 2, "syntax error: missing argument after '%s'", e->v[e->i - 1]);
        else
            fail(e, 2, "syntax error: missing argument%s", "");
        return xstrdup("");
    }
    e->i++;
    if (strcmp(t, "(") == 0) {
        char *v = parse_or(e);
        if (!is(e, ")")) {
            if (peek(e))
                fail(e, 2, "syntax error: expecting ')' instead of '%s'", peek(e));
            else
                fail(e, 2, "syntax error: expecting ')' after '%s'", e->v[e->i - 1]);
            return v;
        }
        e->i++;
        return v;
    }
    if (!peek(e)) /* a keyword as the last word is a string */
        return xstrdup(t);
    if (strcmp(t, "+") == 0)
        return xstrdup(e->v[e->i++]);
    if (strcmp(t, "length") == 0) {
        char *s = operand(e);
        char *r = num_str((int64_t)strlen(s));
        xfree(s);
        return r;
    }
    if (strcmp(t, "match") == 0 || strcmp(t, "index") == 0) {
        char *s = operand(e);
        char *p = operand(e);
        char *r;
        if (t[0] == 'm') {
            r = match(e, s, p);
        } else {
            size_t pos = strcspn(s, p);
            r = num_str(s[pos] ? (int64_t)pos + 1 : 0);
        }
        xfree(s);
        xfree(p);
        return r;
    }
    if (strcmp(t, "substr") == 0) {
        char *s = operand(e), *p = operand(e), *l = operand(e);
        int64_t pos, len;
        size_t sl = strlen(s);
        char *r;
        if (!as_num(p, &pos) || !as_num(l, &len) || pos < 1 || len < 1 || (uint64_t)pos > sl)
            r = xstrdup("");
        else if ((uint64_t)len > sl - (size_t)(pos - 1))
            r = xstrdup(s + pos - 1);
        else
            r = xstrndup(s + pos - 1, (size_t)len);
        xfree(s);
        xfree(p);
        xfree(l);
        return r;
    }
    return xstrdup(t);
}

static char *parse_match(Expr *e)
{
    char *l = operand(e);
    while (is(e, ":")) {
        e->i++;
        char *r = operand(e);
        char *v = match(e, l, r);
        xfree(l);
        xfree(r);
        l = v;
    }
    return l;
}

static char *parse_mul(Expr *e)
{
    char *l = parse_match(e);
    while (is(e, "*") || is(e, "/") || is(e, "%")) {
        char op = e->v[e->i++][0];
        char *r = parse_match(e);
        int64_t a, b;
        char *v;
        if (!as_num(l, &a) || !as_num(r, &b)) {
            fail(e, 2, "non-integer argument%s", "");
            v = xstrdup("");
        } else if (op != '*' && b == 0) {
            fail(e, 2, "division by zero%s", "");
            v = xstrdup("");
        } else if (op == '*') {
            v = num_str((int64_t)((uint64_t)a * (uint64_t)b));
        } else if (a == INT64_MIN && b == -1) {
            v = num_str(op == '/' ? INT64_MIN : 0);
        } else {
            v = num_str(op == '/' ? a / b : a % b);
        }
        xfree(l);
        xfree(r);
        l = v;
    }
    return l;
}

static char *parse_add(Expr *e)
{
    char *l = parse_mul(e);
    while (is(e, "+") || is(e, "-")) {
        char op = e->v[e->i++][0];
        char *r = parse_mul(e);
        int64_t a, b;
        char *v;
        if (!as_num(l, &a) || !as_num(r, &b)) {
            fail(e, 2, "non-integer argument%s", "");
            v = xstrdup("");
        } else {
            v = num_str(op == '+' ? (int64_t)((uint64_t)a + (uint64_t)b)
                                  : (int64_t)((uint64_t)a - (uint64_t)b));
        }
        xfree(l);
        xfree(r);
        l = v;
    }
    return l;
}

static char *parse_cmp(Expr *e)
{
    static const char *const ops[] = {"<", "<=", "=", "==", "!=", ">=", ">"};
    char *l = parse_add(e);
    for (;;) {
        int op = -1;
        for (int k = 0; k < 7 && peek(e); k++)
            if (strcmp(peek(e), ops[k]) == 0)
                op = k;
        if (op < 0)
            return l;
        e->i++;
        char *r = parse_add(e);
        int64_t a, b;
        int c = as_num(l, &a) && as_num(r, &b) ? (a > b) - (a < b) : strcmp(l, r);
        bool t = op == 0 ? c < 0 : op == 1 ? c <= 0 : op <= 3 ? c == 0 : op == 4 ? c != 0
               : op == 5 ? c >= 0 : c > 0;
        xfree(l);
        xfree(r);
        l = num_str(t);
    }
}

static char *parse_and(Expr *e)
{
    char *l = parse_cmp(e);
    while (is(e, "&")) {
        e->i++;
        char *r = parse_cmp(e);
        if (is_null(l) || is_null(r)) {
            xfree(l);
            l = num_str(0);
        }
        xfree(r);
    }
    return l;
}

static char *parse_or(Expr *e)
{
    char *l = parse_and(e);
    while (is(e, "|")) {
        e->i++;
        char *r = parse_and(e);
        if (is_null(l)) {
            xfree(l);
            l = is_null(r) ? (xfree(r), num_str(0)) : r;
        } else {
            xfree(r);
        }
    }
    return l;
}

int expr_main(int argc, char **argv)
{
    u_std_options(argc, argv);
    Expr e = {argv + 1, argc - 1, 0, 0};
    if (e.n > 0 && strcmp(e.v[0], "--") == 0) {
        e.v++;
        e.n--;
    }
    if (e.n == 0) {
        u_usage_error("expr", "missing operand");
        return 2;
    }
    char *v = parse_or(&e);
    if (!e.error && e.i < e.n)
        fail(&e, 2, "syntax error: unexpected argument '%s'", e.v[e.i]);
    int status = e.error ? e.error : is_null(v) ? 1 : 0;
    if (!e.error)
        u_printf("%s\n", v);
    xfree(v);
    return status;
}
