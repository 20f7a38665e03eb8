/* awk's statements (XCU awk, "Actions") and user function calls.
 * exec returns how a statement ended (ST_*): break, continue and return
 * travel up the statement tree that way. next, nextfile and exit inside
 * a function cannot (an expression is half evaluated around the call), so
 * the call longjmps to the action runner with the status instead. */
#include <string.h>

#include "awk.h"

/* The bytes of stack a chain of awk calls may use (task stacks are
 * AX_DEFAULT_STACK_SIZE; regexec and the streams need the rest). */
#define AWK_STACK_LIMIT (AX_DEFAULT_STACK_SIZE - 96u * 1024u)

void awk_call_function(Awk *A, Node *n, Cell *out)
{
    AwkFunc *f = &A->prog.funcs[n->idx];
    if (n->nargs > f->nparams)
        awk_fatal(A, "function %s called with %d args, accepts only %d", f->name, n->nargs,
                  f->nparams);
    char here;
    if (A->stack_base - &here > (long)AWK_STACK_LIMIT)
        awk_fatal(A, "function %s: calls nested too deeply", f->name);
    int nl = f->nparams ? f->nparams : 1;
    Var *locals = xcalloc((size_t)nl, sizeof *locals);
    int i = 0;
    for (Node *arg = n->a; arg; arg = arg->next, i++) {
        if (arg->op == N_GVAR || arg->op == N_LVAR) {
            /* a bare name: arrays (and names not yet typed) go by reference */
            Var *v = awk_var_of(A, arg);
            if (v->kind == V_REF)
                v = v->ref;
            if (v->kind == V_ARRAY || v->kind == V_UNTYPED) {
                locals[i].kind = V_REF;
                locals[i].ref = v;
                continue;
            }
        }
        locals[i].kind = V_SCALAR;
        awk_eval(A, arg, &locals[i].c);
    }
    Frame fr = {.locals = locals, .nlocals = nl};
    Frame *saved = A->frame;
    A->frame = &fr;
    A->depth++;
    int st = awk_exec(A, f->body);
    A->depth--;
    A->frame = saved;
    for (i = 0; i < nl; i++)
        if (locals[i].kind != V_REF)
            awk_var_free(&locals[i]);
    xfree(locals);
    if (st == ST_NEXT || st == ST_NEXTFILE || st == ST_EXIT) {
        awk_cell_free(&fr.ret);
        if (!A->jump_ok)
            awk_fatal(A, "next or exit where it cannot be done");
        longjmp(A->jump, st);
    }
    awk_cell_free(out);
    *out = fr.ret;
}

/* print and printf: the text, then to stdout or the redirection */
static __attribute__((noinline)) void print(Awk *A, Node *n)
{
    AwkBuf b = {0};
    awk_buf_add(&b, "", 0);
    char t[AWK_NUMBUF];
    size_t len;
    if (n->op == S_PRINTF) {
        size_t flen;
        char *fmt = awk_eval_str(A, n->a, &flen);
        awk_format(A, fmt, flen, n->a->next, &b);
        xfree(fmt);
    } else {
        if (!n->a) {
            const char *s = awk_cell_str(A, &A->fields[0], t, &len);
            awk_buf_add(&b, s, len);
        }
        for (Node *e = n->a; e; e = e->next) {
            if (e != n->a) {
                const char *sep = awk_cell_str(A, &A->globals[V_OFS].c, t, &len);
                awk_buf_add(&b, sep, len);
            }
            Cell c = {0};
            awk_eval(A, e, &c);
            const char *s = awk_cell_ostr(A, &c, t, &len);
            awk_buf_add(&b, s, len);
            awk_cell_free(&c);
        }
        const char *end = awk_cell_str(A, &A->globals[V_ORS].c, t, &len);
        awk_buf_add(&b, end, len);
    }
    UStream *out = u_stdout();
    if (n->idx != R_NONE) {
        size_t nlen;
        char *name = awk_eval_str(A, n->b, &nlen);
        out = awk_out_stream(A, n->idx, name);
        xfree(name);
    }
    u_fwrite(b.s, b.len, out);
    xfree(b.s);
}

static __attribute__((noinline)) int exec_delete(Awk *A, Node *n)
{
    AwkArray *arr = awk_array_of(A, n->a);
    if (!n->b) {
        awk_array_clear(arr);
        return ST_NORMAL;
    }
    AwkBuf key = {0};
    awk_subscript(A, n->b, &key);
    awk_array_delete(arr, key.s, key.len);
    xfree(key.s);
    return ST_NORMAL;
}

/* for (k in arr): over a snapshot of the keys, in insertion order; keys
 * deleted meanwhile are skipped */
static __attribute__((noinline)) int exec_forin(Awk *A, Node *n)
{
    AwkArray *arr = awk_array_of(A, n->b);
    size_t count = arr->count, i = 0;
    char **keys = xmalloc((count ? count : 1) * sizeof *keys);
    size_t *lens = xmalloc((count ? count : 1) * sizeof *lens);
    for (AwkElem *e = arr->first; e; e = e->next, i++) {
        keys[i] = xstrndup(e->key, e->klen);
        lens[i] = e->klen;
    }
    int st = ST_NORMAL;
    for (i = 0; i < count; i++) {
        if (!awk_array_get(arr, keys[i], lens[i], false))
            continue;
        Cell k = {0};
        awk_cell_set_input(&k, keys[i], lens[i]);
        awk_assign_cell(A, n->a, &k);
        st = awk_exec(A, n->c);
        if (st == ST_BREAK) {
            st = ST_NORMAL;
            break;
        }
        if (st == ST_CONTINUE)
            st = ST_NORMAL;
        if (st != ST_NORMAL)
            break;
    }
    for (i = 0; i < count; i++)
        xfree(keys[i]);
    xfree(keys);
    xfree(lens);
    return st;
}

static bool cond(Awk *A, Node *n)
{
    Cell c = {0};
    awk_eval(A, n, &c);
    bool t = awk_cell_true(&c);
    awk_cell_free(&c);
    return t;
}

int awk_exec(Awk *A, Node *n)
{
    int st;
    switch (n->op) {
    case S_BLOCK:
        for (Node *s = n->a; s; s = s->next)
            if ((st = awk_exec(A, s)) != ST_NORMAL)
                return st;
        return ST_NORMAL;
    case S_EXPR: {
        Cell c = {0};
        awk_eval(A, n->a, &c);
        awk_cell_free(&c);
        return ST_NORMAL;
    }
    case S_PRINT:
    case S_PRINTF:
        print(A, n);
        return ST_NORMAL;
    case S_IF:
        if (cond(A, n->a))
            return awk_exec(A, n->b);
        return n->c ? awk_exec(A, n->c) : ST_NORMAL;
    case S_WHILE:
    case S_DO:
        if (n->op == S_WHILE && !cond(A, n->a))
            return ST_NORMAL;
        do {
            st = awk_exec(A, n->b);
            if (st == ST_BREAK)
                break;
            if (st != ST_NORMAL && st != ST_CONTINUE)
                return st;
        } while (cond(A, n->a));
        return ST_NORMAL;
    case S_FOR:
        if (n->a && (st = awk_exec(A, n->a)) != ST_NORMAL)
            return st;
        while (!n->b || cond(A, n->b)) {
            st = awk_exec(A, n->d);
            if (st == ST_BREAK)
                break;
            if (st != ST_NORMAL && st != ST_CONTINUE)
                return st;
            if (n->c)
                awk_exec(A, n->c);
        }
        return ST_NORMAL;
    case S_FORIN:
        return exec_forin(A, n);
    case S_BREAK:
        return ST_BREAK;
    case S_CONTINUE:
        return ST_CONTINUE;
    case S_NEXT:
        return ST_NEXT;
    case S_NEXTFILE:
        return ST_NEXTFILE;
    case S_EXIT:
        if (n->a)
            A->exit_status = (int)awk_eval_num(A, n->a) & 0xff;
        return ST_EXIT;
    case S_RETURN:
        if (n->a)
            awk_eval(A, n->a, &A->frame->ret);
        return ST_RETURN;
    case S_DELETE:
        return exec_delete(A, n);
    default:
        awk_fatal(A, "internal error: node %d is not a statement", n->op);
    }
}
