/* arith.c — $(( )) arithmetic: 64-bit integers with the C operators the
 * shell has (comma, assignments, ?:, || &&, | ^ &, comparisons, shifts,
 * + - * / % **, unary + - ! ~, ++ --), variables by name, decimal, 0x hex,
 * 0 octal and base#digits numbers. Precedence climbing over the string;
 * `noeval` skips side effects in the branch && || ?: do not take.
 */
#include "sh.h"

typedef struct Arith {
    Shell *sh;
    const char *p;
    const char *expr;
    int noeval;
    int depth;  /* variables holding expressions, evaluated recursively */
    int nest;   /* parentheses, ?: and unary operators: bounded, as the stack is */
    bool err;
    bool unbound; /* set -u: an unset variable (ends a script) */
} Arith;

static int64_t a_comma(Arith *a);
static int64_t a_assign(Arith *a);

/* >> with the count taken mod 64, as the machine (and so bash) does. */
static int64_t arith_shr(int64_t v, int64_t r)
{
    int k = (int)(r & 63);
    return v < 0 ? (int64_t)~(~(uint64_t)v >> k) : (int64_t)((uint64_t)v >> k);
}

static void a_error(Arith *a, const char *msg)
{
    if (a->err)
        return;
    a->err = true;
    if (*a->p)
        sh_error(a->sh, "%s: %s (error token is \"%s\")", a->expr, msg, a->p);
    else
        sh_error(a->sh, "%s: %s", a->expr, msg);
}

static void skip_ws(Arith *a)
{
    while (*a->p == ' ' || *a->p == '\t' || *a->p == '\n')
        a->p++;
}

/* Is the next token op (and not a longer operator starting with it)? */
static bool a_accept(Arith *a, const char *op)
{
    skip_ws(a);
    /* Each level of the grammar tries its operators in turn, so most
     * tries fail: the first byte settles those without strncmp. */
    if (*a->p != op[0])
        return false;
    size_t n = op[1] ? strlen(op) : 1;
    if (n > 1 && strncmp(a->p, op, n) != 0)
        return false;
    char next = a->p[n];
    /* "<" must not eat "<<" or "<=", "&" not "&&", "=" not "==" etc. */
    if (n == 1 && strchr("<>&|=*", op[0]) && (next == op[0] || next == '='))
        return false;
    if (n == 1 && strchr("!+-/%^", op[0]) && next == '=')
        return false;
    if (n == 1 && (op[0] == '+' || op[0] == '-') && next == op[0])
        return false; /* "++" before an operand (after one, binop_at reads "+ +") */
    if (n == 2 && (strcmp(op, "<<") == 0 || strcmp(op, ">>") == 0 || strcmp(op, "**") == 0) && next == '=')
        return false;
    a->p += n;
    return true;
}

static int64_t var_value(Arith *a, const char *name)
{
    bool bad = false;
    char *v = strchr(name, '[') ? var_value_ref(a->sh, name, &bad) : sh_dynamic_value(a->sh, name);
    if (!v && (a->sh->opts & OPT_NOUNSET) && !a->noeval) {
        if (!a->err)
            sh_error(a->sh, "%s: unbound variable", name);
        a->err = true;
        a->unbound = true;
        return 0;
    }
    if (!v)
        return 0;
    int64_t n;
    if (sh_parse_int(v, &n)) {
        xfree(v);
        return n;
    }
    if (a->depth > 32) {
        xfree(v);
        a_error(a, "expression recursion level exceeded");
        return 0;
    }
    /* a variable holding an expression (or only blanks: 0) */
    Arith sub = {.sh = a->sh, .p = v, .expr = v, .depth = a->depth + 1, .noeval = a->noeval};
    skip_ws(&sub);
    int64_t r = *sub.p ? a_comma(&sub) : 0;
    skip_ws(&sub);
    if (!sub.err && *sub.p)
        a_error(&sub, "syntax error in expression");
    if (sub.err)
        a->err = true;
    a->unbound |= sub.unbound;
    xfree(v);
    return r;
}

static void var_store(Arith *a, const char *name, int64_t v)
{
    if (a->noeval)
        return;
    char num[32];
    sh_fmt_int(v, num);
    if (sh_assign_value(a->sh, name, num, false, 0) < 0)
        a->err = true;
}

static int64_t a_number(Arith *a)
{
    const char *s = a->p;
    int64_t v = 0;
    int base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    } else if (s[0] == '0') {
        base = 8;
    }
    const char *digits = s;
    while ((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_' ||
           *s == '#' || *s == '@') {
        if (*s == '#' && base == 10 && s > digits) {
            base = (int)v;
            v = 0;
            if (base < 2 || base > 64) {
                a_error(a, "invalid arithmetic base");
                return 0;
            }
            s++;
            continue;
        }
        int d;
        char c = *s;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'z')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'Z')
            d = base <= 36 ? c - 'A' + 10 : c - 'A' + 36;
        else if (c == '@')
            d = 62;
        else if (c == '_')
            d = 63;
        else
            d = 99;
        if (d >= base) {
            a_error(a, "value too great for base");
            return 0;
        }
        v = (int64_t)((uint64_t)v * (uint64_t)base + (uint64_t)d);
        s++;
    }
    a->p = s;
    return v;
}

static int64_t a_unary(Arith *a);

/* A variable at a->p, NAME or NAME[subscript], into name (cut to
 * size); false if there is none. */
static bool take_name(Arith *a, char *name, size_t size)
{
    size_t n = sh_name_len(a->p);
    if (n == 0)
        return false;
    if (a->p[n] == '[') {
        int depth = 0;
        size_t i = n;
        for (; a->p[i]; i++) {
            if (a->p[i] == '[')
                depth++;
            else if (a->p[i] == ']' && --depth == 0)
                break;
        }
        if (a->p[i] == ']')
            n = i + 1;
    }
    size_t k = n < size ? n : size - 1;
    memcpy(name, a->p, k);
    name[k] = '\0';
    a->p += n;
    return true;
}

/* The length of the variable reference at s (as take_name reads it). */
static size_t ref_len(const char *s)
{
    size_t n = sh_name_len(s);
    if (n && s[n] == '[') {
        int depth = 0;
        for (size_t i = n; s[i]; i++) {
            if (s[i] == '[')
                depth++;
            else if (s[i] == ']' && --depth == 0)
                return i + 1;
        }
    }
    return n;
}

static int64_t a_primary(Arith *a)
{
    skip_ws(a);
    if (a->err)
        return 0;
    if (*a->p == '(') {
        a->p++;
        int64_t v = a_comma(a);
        if (!a_accept(a, ")"))
            a_error(a, "missing `)'");
        return v;
    }
    if (*a->p >= '0' && *a->p <= '9')
        return a_number(a);
    char name[1024];
    if (take_name(a, name, sizeof name)) {
        skip_ws(a);
        if (strncmp(a->p, "++", 2) == 0 || strncmp(a->p, "--", 2) == 0) {
            int64_t v = var_value(a, name);
            var_store(a, name, a->p[0] == '+' ? v + 1 : v - 1);
            a->p += 2;
            return v;
        }
        return var_value(a, name);
    }
    a_error(a, "syntax error: operand expected");
    return 0;
}

/* Enter one level of nesting; false (after an error) when too deep. */
static bool a_enter(Arith *a)
{
    if (++a->nest <= 256 && !sh_stack_low(a->sh))
        return true;
    a_error(a, "expression nested too deeply");
    return false;
}

static int64_t a_unary_ops(Arith *a);

static int64_t a_unary(Arith *a)
{
    int64_t v = a_enter(a) ? a_unary_ops(a) : 0;
    a->nest--;
    return v;
}

static int64_t a_unary_ops(Arith *a)
{
    skip_ws(a);
    if (strncmp(a->p, "++", 2) == 0 || strncmp(a->p, "--", 2) == 0) {
        bool inc = a->p[0] == '+';
        a->p += 2;
        skip_ws(a);
        char name[1024];
        if (!take_name(a, name, sizeof name)) {
            a_error(a, "syntax error: operand expected");
            return 0;
        }
        int64_t v = var_value(a, name) + (inc ? 1 : -1);
        var_store(a, name, v);
        return v;
    }
    if (a_accept(a, "!"))
        return !a_unary(a);
    if (a_accept(a, "~"))
        return ~a_unary(a);
    if (a_accept(a, "-"))
        return -(uint64_t)a_unary(a);
    if (a_accept(a, "+"))
        return a_unary(a);
    return a_primary(a);
}

static int64_t a_power(Arith *a)
{
    int64_t base = a_unary(a);
    if (a_accept(a, "**")) {
        int64_t e = a_power(a); /* right associative */
        if (e < 0) {
            a_error(a, "exponent less than 0");
            return 0;
        }
        uint64_t r = 1, b = (uint64_t)base;
        for (; e > 0; e >>= 1) { /* square and multiply, wrapping as bash does */
            if (e & 1)
                r *= b;
            b *= b;
        }
        return (int64_t)r;
    }
    return base;
}

/* The binary operator at p, if any (&& and || are not: a_and and a_or
 * take them, nor ** which a_power does): its precedence level, lowest
 * first (| then ^, &, == !=, < <= > >=, << >>, + -, and * / %), with its
 * length in *len; -1 when p holds none. An operator followed by '=' is an assignment, not this;
 * after an operand "++" is "+ +". One look at the next bytes replaces a
 * try of each operator at each level: an operand otherwise cost about
 * twenty failed matches. */
static int binop_at(const char *p, int *len)
{
    char c = p[0];
    *len = 1;
    if (!c)
        return -1;
    char d = p[1]; /* p[1] exists: p[0] is not the end */
    switch (c) {
    case '|': return d == '|' || d == '=' ? -1 : 0;
    case '^': return d == '=' ? -1 : 1;
    case '&': return d == '&' || d == '=' ? -1 : 2;
    case '=':
    case '!':
        *len = 2;
        return d == '=' ? 3 : -1;
    case '<':
    case '>':
        if (d == c) {
            *len = 2;
            return p[2] == '=' ? -1 : 5;
        }
        *len = d == '=' ? 2 : 1;
        return 4;
    case '+':
    case '-': return d == '=' ? -1 : 6;
    case '*': return d == '*' || d == '=' ? -1 : 7;
    case '/':
    case '%': return d == '=' ? -1 : 7;
    default: return -1;
    }
}

/* Binary operators of precedence level min_level and above, left to
 * right (precedence climbing). */
static int64_t a_binary(Arith *a, int min_level)
{
    int64_t v = a_power(a);
    for (;;) {
        if (a->err)
            return v;
        skip_ws(a);
        int len, level = binop_at(a->p, &len);
        if (level < min_level)
            return v;
        const char *op = a->p;
        a->p += len;
        int64_t r = a_binary(a, level + 1);
        if (a->err)
            return 0;
        switch (op[0]) {
        case '|': v |= r; break;
        case '^': v ^= r; break;
        case '&': v &= r; break;
        case '=': v = v == r; break;
        case '!': v = v != r; break;
        case '<':
            v = len == 1 ? v < r : op[1] == '=' ? v <= r : (int64_t)((uint64_t)v << (r & 63));
            break;
        case '>': v = len == 1 ? v > r : op[1] == '=' ? v >= r : arith_shr(v, r); break;
        case '+': v = (int64_t)((uint64_t)v + (uint64_t)r); break;
        case '-': v = (int64_t)((uint64_t)v - (uint64_t)r); break;
        case '*': v = (int64_t)((uint64_t)v * (uint64_t)r); break;
        case '/':
        case '%':
            if (r == 0) {
                if (!a->noeval) {
                    a_error(a, "division by 0");
                    return 0;
                }
                v = 0;
            } else if (r == -1) {
                v = op[0] == '/' ? -(uint64_t)v : 0;
            } else {
                v = op[0] == '/' ? v / r : v % r;
            }
            break;
        }
    }
}

static int64_t a_and(Arith *a)
{
    int64_t v = a_binary(a, 0);
    while (a_accept(a, "&&")) {
        if (!v)
            a->noeval++;
        int64_t r = a_binary(a, 0);
        if (!v)
            a->noeval--;
        v = v && r;
    }
    return v;
}

static int64_t a_or(Arith *a)
{
    int64_t v = a_and(a);
    while (a_accept(a, "||")) {
        if (v)
            a->noeval++;
        int64_t r = a_and(a);
        if (v)
            a->noeval--;
        v = v || r;
    }
    return v;
}

static int64_t a_ternary(Arith *a)
{
    int64_t c = a_or(a);
    if (!a_accept(a, "?"))
        return c;
    if (!c)
        a->noeval++;
    int64_t x = a_comma(a); /* bash: a,b is allowed between ? and : */
    if (!c)
        a->noeval--;
    if (!a_accept(a, ":")) {
        a_error(a, "expected `:'");
        return 0;
    }
    if (c)
        a->noeval++;
    int64_t y = a_ternary(a);
    if (c)
        a->noeval--;
    return c ? x : y;
}

static int64_t a_assign_expr(Arith *a);

static int64_t a_assign(Arith *a)
{
    int64_t v = a_enter(a) ? a_assign_expr(a) : 0;
    a->nest--;
    return v;
}

static int64_t a_assign_expr(Arith *a)
{
    skip_ws(a);
    size_t n = ref_len(a->p);
    if (n > 0) {
        const char *after = a->p + n;
        while (*after == ' ' || *after == '\t')
            after++;
        static const char *const ops[] = {"=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|=", NULL};
        for (int i = 0; ops[i]; i++) {
            size_t ol = strlen(ops[i]);
            if (strncmp(after, ops[i], ol) != 0 || (ol == 1 && after[1] == '='))
                continue;
            char name[1024];
            take_name(a, name, sizeof name);
            a->p = after + ol;
            int64_t r = a_assign(a);
            if (a->err)
                return 0;
            int64_t v = ol == 1 ? r : var_value(a, name);
            switch (ops[i][0]) {
            case '+': v = (int64_t)((uint64_t)v + (uint64_t)r); break;
            case '-': v = (int64_t)((uint64_t)v - (uint64_t)r); break;
            case '*': v = (int64_t)((uint64_t)v * (uint64_t)r); break;
            case '/':
            case '%':
                if (r == 0) {
                    a_error(a, "division by 0");
                    return 0;
                }
                v = r == -1 ? (ops[i][0] == '/' ? (int64_t)(0 - (uint64_t)v) : 0) : ops[i][0] == '/' ? v / r : v % r;
                break;
            case '<': v = (int64_t)((uint64_t)v << (r & 63)); break;
            case '>': v = arith_shr(v, r); break;
            case '&': v &= r; break;
            case '^': v ^= r; break;
            case '|': v |= r; break;
            }
            var_store(a, name, v);
            return v;
        }
    }
    return a_ternary(a);
}

static int64_t a_comma(Arith *a)
{
    int64_t v = a_assign(a);
    while (!a->err && a_accept(a, ","))
        v = a_assign(a);
    return v;
}

int arith_eval(Shell *sh, const char *expr, int64_t *out)
{
    Arith a = {.sh = sh, .p = expr, .expr = expr};
    skip_ws(&a);
    if (*a.p == '\0') {
        *out = 0;
        return 0;
    }
    int64_t v = a_comma(&a);
    skip_ws(&a);
    if (!a.err && *a.p)
        a_error(&a, "syntax error in expression");
    if (a.err) {
        if (a.unbound && !sh->interactive)
            sh_exit(sh, 1);
        return 1;
    }
    *out = v;
    return 0;
}
