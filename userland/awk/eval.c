/* awk's expressions (XCU awk, "Expressions in awk"): each Node evaluates
 * into a Cell the caller owns. Assignments evaluate their right side
 * first and find the target after, so a target's cell cannot move while
 * the right side runs (fields are an array that may grow). */
#include <math.h>
#include <string.h>

#include "awk.h"

Var *awk_var_of(Awk *A, Node *n)
{
    return n->op == N_GVAR ? &A->globals[n->idx] : &A->frame->locals[n->idx];
}

AwkArray *awk_array_of(Awk *A, Node *n)
{
    return awk_var_array(A, awk_var_of(A, n->op == N_ARRAY ? n->a : n));
}

/* The subscripts of list joined by SUBSEP into key (reset first). */
void awk_subscript(Awk *A, Node *list, AwkBuf *key)
{
    key->len = 0;
    awk_buf_add(key, "", 0);
    for (Node *e = list; e; e = e->next) {
        if (e != list) {
            char t[AWK_NUMBUF];
            size_t n;
            const char *sep = awk_cell_str(A, &A->globals[V_SUBSEP].c, t, &n);
            awk_buf_add(key, sep, n);
        }
        Cell c = {0};
        awk_eval(A, e, &c);
        char t[AWK_NUMBUF];
        size_t n;
        const char *s = awk_cell_str(A, &c, t, &n);
        awk_buf_add(key, s, n);
        awk_cell_free(&c);
    }
}

double awk_eval_num(Awk *A, Node *n)
{
    if (n->op == N_NUM)
        return n->num;
    Cell c = {0};
    awk_eval(A, n, &c);
    double d = awk_cell_num(&c);
    awk_cell_free(&c);
    return d;
}

char *awk_eval_str(Awk *A, Node *n, size_t *len)
{
    Cell c = {0};
    awk_eval(A, n, &c);
    if (c.flags & CF_STR) {
        *len = c.len;
        return c.str; /* the cell's string is ours now */
    }
    char t[AWK_NUMBUF];
    const char *s = awk_cell_str(A, &c, t, len);
    return xstrndup(s, *len);
}

/* The cell an lvalue names, made when missing. *field gets the field
 * number for N_FIELD (-1 otherwise). */
static Cell *lvalue_ref(Awk *A, Node *lv, long *field)
{
    *field = -1;
    switch (lv->op) {
    case N_FIELD: {
        double d = awk_eval_num(A, lv->a);
        Cell *c = awk_field_ref(A, d, true);
        *field = (long)d;
        return c;
    }
    case N_INDEX: {
        AwkBuf key = {0};
        awk_subscript(A, lv->b, &key);
        AwkArray *arr = awk_array_of(A, lv->a);
        Cell *c = awk_array_get(arr, key.s, key.len, true);
        xfree(key.s);
        return c;
    }
    default:
        if (lv->op == N_GVAR && lv->idx == V_NF)
            awk_fields_split(A);
        return awk_var_scalar(A, awk_var_of(A, lv));
    }
}

static void lvalue_done(Awk *A, Node *lv, long field)
{
    if (field >= 0)
        awk_field_assigned(A, (size_t)field);
    else if (lv->op == N_GVAR && lv->idx < V_NSPECIAL)
        awk_special_set(A, lv->idx);
}

void awk_assign_cell(Awk *A, Node *lv, Cell *val)
{
    long field;
    Cell *c = lvalue_ref(A, lv, &field);
    awk_cell_free(c);
    *c = *val;
    *val = (Cell){0};
    lvalue_done(A, lv, field);
}

static double arith(Awk *A, int op, double x, double y)
{
    switch (op) {
    case '+': return x + y;
    case '-': return x - y;
    case '*': return x * y;
    case '/':
        if (y == 0)
            awk_fatal(A, "division by zero");
        return x / y;
    case '%':
        if (y == 0)
            awk_fatal(A, "division by zero in %%");
        return fmod(x, y);
    default: /* '^' */
        return pow(x, y);
    }
}

/* The cases below are kept out of awk_eval (noinline) so that its frame,
 * which each level of a recursive awk function stacks several times,
 * stays small. */

static __attribute__((noinline)) void incdec(Awk *A, Node *n, Cell *out)
{
    long field;
    Cell *c = lvalue_ref(A, n->a, &field);
    double old = awk_cell_num(c);
    double now = old + (n->op == N_PREINC || n->op == N_POSTINC ? 1 : -1);
    awk_cell_set_num(c, now);
    lvalue_done(A, n->a, field);
    awk_cell_set_num(out, n->op == N_PREINC || n->op == N_PREDEC ? now : old);
}

static __attribute__((noinline)) void assign(Awk *A, Node *n, Cell *out)
{
    Cell val = {0};
    awk_eval(A, n->b, &val);
    if (n->idx != '=') {
        double rhs = awk_cell_num(&val);
        long field;
        Cell *c = lvalue_ref(A, n->a, &field);
        double r = arith(A, n->idx, awk_cell_num(c), rhs);
        awk_cell_set_num(c, r);
        lvalue_done(A, n->a, field);
        awk_cell_set_num(out, r);
        awk_cell_free(&val);
        return;
    }
    awk_cell_copy(out, &val);
    awk_assign_cell(A, n->a, &val);
}

static __attribute__((noinline)) bool match_record(Awk *A, regex_t *re)
{
    char t[AWK_NUMBUF];
    size_t len;
    const char *s = awk_cell_str(A, &A->fields[0], t, &len);
    return regexec(re, s, 0, NULL, 0) == 0;
}

static __attribute__((noinline)) void concat(Awk *A, Node *n, Cell *out)
{
    Cell x = {0}, y = {0};
    awk_eval(A, n->a, &x);
    awk_eval(A, n->b, &y);
    char tx[AWK_NUMBUF], ty[AWK_NUMBUF];
    size_t lx, ly;
    const char *sx = awk_cell_str(A, &x, tx, &lx), *sy = awk_cell_str(A, &y, ty, &ly);
    char *s = xmalloc(lx + ly + 1);
    memcpy(s, sx, lx);
    memcpy(s + lx, sy, ly);
    s[lx + ly] = '\0';
    awk_cell_take_str(out, s, lx + ly);
    awk_cell_free(&x);
    awk_cell_free(&y);
}

static __attribute__((noinline)) void compare(Awk *A, Node *n, Cell *out)
{
    Cell x = {0}, y = {0};
    awk_eval(A, n->a, &x);
    awk_eval(A, n->b, &y);
    int r = awk_cell_compare(A, &x, &y);
    awk_cell_free(&x);
    awk_cell_free(&y);
    bool t;
    switch (n->idx) {
    case '<': t = r < 0; break;
    case '>': t = r > 0; break;
    case 'l': t = r <= 0; break;
    case 'g': t = r >= 0; break;
    case '=': t = r == 0; break;
    default: t = r != 0; break; /* '!' */
    }
    awk_cell_set_num(out, t);
}

static __attribute__((noinline)) void match_op(Awk *A, Node *n, Cell *out)
{
    size_t len;
    char *s = awk_eval_str(A, n->a, &len);
    regex_t *re = awk_re_of(A, n->b);
    bool m = regexec(re, s, 0, NULL, 0) == 0;
    xfree(s);
    awk_cell_set_num(out, m != n->idx);
}

static __attribute__((noinline)) void index_value(Awk *A, Node *n, Cell *out)
{
    AwkBuf key = {0};
    awk_subscript(A, n->b, &key);
    Cell *c = awk_array_get(awk_array_of(A, n->a), key.s, key.len, true);
    xfree(key.s);
    awk_cell_copy(out, c);
}

static __attribute__((noinline)) void membership(Awk *A, Node *n, Cell *out)
{
    AwkBuf key = {0};
    awk_subscript(A, n->a, &key);
    bool in = awk_array_get(awk_array_of(A, n->b), key.s, key.len, false) != NULL;
    xfree(key.s);
    awk_cell_set_num(out, in);
}

static __attribute__((noinline)) bool truth(Awk *A, Node *n)
{
    Cell c = {0};
    awk_eval(A, n, &c);
    bool t = awk_cell_true(&c);
    awk_cell_free(&c);
    return t;
}

static __attribute__((noinline)) void logical(Awk *A, Node *n, Cell *out)
{
    Cell c = {0};
    awk_eval(A, n->a, &c);
    bool t = awk_cell_true(&c);
    if (n->op == N_NOT) {
        t = !t;
    } else if (n->op == N_AND ? t : !t) {
        awk_eval(A, n->b, &c);
        t = awk_cell_true(&c);
    }
    awk_cell_free(&c);
    awk_cell_set_num(out, t);
}

void awk_eval(Awk *A, Node *n, Cell *out)
{
    awk_cell_free(out);
    switch (n->op) {
    case N_NUM:
        awk_cell_set_num(out, n->num);
        return;
    case N_STR:
        awk_cell_set_str(out, n->str, n->len);
        return;
    case N_REGEX:
        awk_cell_set_num(out, match_record(A, n->re));
        return;
    case N_GVAR:
        if (n->idx == V_NF)
            awk_fields_split(A);
        /* fall through */
    case N_LVAR:
        awk_cell_copy(out, awk_var_scalar(A, awk_var_of(A, n)));
        return;
    case N_FIELD: {
        Cell *f = awk_field_ref(A, awk_eval_num(A, n->a), false);
        if (f)
            awk_cell_copy(out, f);
        return;
    }
    case N_INDEX:
        index_value(A, n, out);
        return;
    case N_ARRAY:
        awk_fatal(A, "can't use array in scalar context");
    case N_ASSIGN:
        assign(A, n, out);
        return;
    case N_COND:
        awk_eval(A, truth(A, n->a) ? n->b : n->c, out);
        return;
    case N_AND:
    case N_OR:
    case N_NOT:
        logical(A, n, out);
        return;
    case N_NEG:
        awk_cell_set_num(out, -awk_eval_num(A, n->a));
        return;
    case N_PLUS:
        awk_cell_set_num(out, awk_eval_num(A, n->a));
        return;
    case N_BINARY: {
        double x = awk_eval_num(A, n->a);
        double y = awk_eval_num(A, n->b);
        awk_cell_set_num(out, arith(A, n->idx, x, y));
        return;
    }
    case N_CONCAT:
        concat(A, n, out);
        return;
    case N_CMP:
        compare(A, n, out);
        return;
    case N_MATCH:
        match_op(A, n, out);
        return;
    case N_IN:
        membership(A, n, out);
        return;
    case N_PREINC:
    case N_PREDEC:
    case N_POSTINC:
    case N_POSTDEC:
        incdec(A, n, out);
        return;
    case N_CALL:
        awk_call_function(A, n, out);
        return;
    case N_BUILTIN:
        awk_builtin_call(A, n, out);
        return;
    case N_GETLINE:
        awk_getline(A, n, out);
        return;
    case N_GROUP:
        awk_eval(A, n->a, out);
        return;
    default:
        awk_fatal(A, "internal error: node %d is not an expression", n->op);
    }
}
