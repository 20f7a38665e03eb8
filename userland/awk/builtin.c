/* awk's built-in functions (XCU awk, "Functions"): the string functions,
 * the arithmetic ones, and system/close/fflush. Strings count bytes (the
 * C locale). */
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "awk.h"

static Node *arg_n(Node *n, int i)
{
    Node *a = n->a;
    while (a && i-- > 0)
        a = a->next;
    return a;
}

/* ---- sub, gsub, match, split ---- */

/* The replacement text for one match: & is the match, \& a literal &,
 * \\ one backslash, any other backslash stays (POSIX). */
static void add_replacement(AwkBuf *b, const char *repl, size_t rlen, const char *m, size_t mlen)
{
    for (size_t i = 0; i < rlen; i++) {
        if (repl[i] == '\\' && i + 1 < rlen && (repl[i + 1] == '&' || repl[i + 1] == '\\')) {
            awk_buf_addc(b, repl[++i]);
        } else if (repl[i] == '&') {
            awk_buf_add(b, m, mlen);
        } else {
            awk_buf_addc(b, repl[i]);
        }
    }
}

/* Replace the first (or, global, every) match of re in s; returns the
 * count. An empty match right after a match is not replaced. */
static int substitute(regex_t *re, const char *repl, size_t rlen, const char *s, size_t slen,
                      bool global, AwkBuf *out)
{
    int count = 0;
    size_t pos = 0;
    long last_end = -1;
    awk_buf_add(out, "", 0);
    while (pos <= slen) {
        regmatch_t m;
        if (regexec(re, s + pos, 1, &m, pos > 0 ? REG_NOTBOL : 0) != 0)
            break;
        size_t ms = pos + (size_t)m.rm_so, me = pos + (size_t)m.rm_eo;
        if (ms == me && (long)ms == last_end) {
            /* the empty match just after the last one: step over a byte */
            if (ms >= slen)
                break;
            awk_buf_add(out, s + pos, ms + 1 - pos);
            pos = ms + 1;
            continue;
        }
        awk_buf_add(out, s + pos, ms - pos);
        add_replacement(out, repl, rlen, s + ms, me - ms);
        count++;
        last_end = (long)me;
        if (me == ms) {
            if (ms < slen)
                awk_buf_addc(out, s[ms]);
            pos = ms + 1;
        } else {
            pos = me;
        }
        if (!global)
            break;
    }
    if (pos < slen)
        awk_buf_add(out, s + pos, slen - pos);
    return count;
}

static void do_sub(Awk *A, Node *n, bool global, Cell *out)
{
    Node *target = arg_n(n, 2);
    size_t rlen;
    char *repl = awk_eval_str(A, arg_n(n, 1), &rlen);
    /* the target's current value */
    Cell cur = {0};
    if (target)
        awk_eval(A, target, &cur);
    else
        awk_cell_copy(&cur, &A->fields[0]);
    char t[AWK_NUMBUF];
    size_t slen;
    const char *s = awk_cell_str(A, &cur, t, &slen);
    regex_t *re = awk_re_of(A, n->a);
    AwkBuf b = {0};
    int count = substitute(re, repl, rlen, s, slen, global, &b);
    xfree(repl);
    awk_cell_free(&cur);
    if (count > 0) {
        Cell v = {0};
        awk_cell_take_str(&v, b.s, b.len);
        if (target) {
            awk_assign_cell(A, target, &v);
        } else {
            awk_cell_free(&A->fields[0]);
            A->fields[0] = v;
            awk_field_assigned(A, 0);
        }
    } else {
        xfree(b.s);
    }
    awk_cell_set_num(out, count);
}

static void do_match(Awk *A, Node *n, Cell *out)
{
    size_t len;
    char *s = awk_eval_str(A, n->a, &len);
    regex_t *re = awk_re_of(A, n->a->next);
    regmatch_t m;
    double start = 0, mlen = -1;
    if (regexec(re, s, 1, &m, 0) == 0) {
        start = (double)m.rm_so + 1;
        mlen = (double)(m.rm_eo - m.rm_so);
    }
    xfree(s);
    awk_cell_set_num(awk_var_scalar(A, &A->globals[V_RSTART]), start);
    awk_cell_set_num(awk_var_scalar(A, &A->globals[V_RLENGTH]), mlen);
    awk_cell_set_num(out, start);
}

static void do_split(Awk *A, Node *n, Cell *out)
{
    size_t len;
    char *s = awk_eval_str(A, n->a, &len);
    Node *sep = arg_n(n, 2);
    char *fs = NULL;
    regex_t *re = NULL;
    if (sep && sep->op == N_REGEX) {
        re = sep->re;
    } else if (sep) {
        size_t fl;
        fs = awk_eval_str(A, sep, &fl);
    } else {
        char t[AWK_NUMBUF];
        size_t fl;
        const char *cur = awk_cell_str(A, &A->globals[V_FS].c, t, &fl);
        fs = xstrndup(cur, fl);
    }
    /* a multi-character separator is a regex (its own, not the FS one) */
    if (fs && strlen(fs) > 1 && !(fs[0] == '\\' && fs[2] == '\0'))
        re = awk_re_dynamic(A, fs);
    AwkArray *arr = awk_array_of(A, n->a->next);
    awk_array_clear(arr);
    size_t count = awk_split(A, s, len, fs, re, arr);
    xfree(s);
    xfree(fs);
    awk_cell_set_num(out, (double)count);
}

/* ---- the rest ---- */

static void do_substr(Awk *A, Node *n, Cell *out)
{
    size_t len;
    char *s = awk_eval_str(A, n->a, &len);
    double m = awk_eval_num(A, n->a->next);
    /* truncated, and a start before 1 taken as 1, as BWK awk and GNU awk */
    double start = isnan(m) ? 1 : trunc(m), cnt = (double)len;
    if (n->nargs == 3) {
        cnt = awk_eval_num(A, arg_n(n, 2));
        cnt = isnan(cnt) ? 0 : trunc(cnt);
    }
    if (start < 1)
        start = 1;
    if (start > (double)len + 1)
        start = (double)len + 1;
    if (cnt < 0)
        cnt = 0;
    if (cnt > (double)len + 1 - start)
        cnt = (double)len + 1 - start;
    size_t a = (size_t)start - 1;
    awk_cell_set_str(out, s + a, (size_t)cnt);
    xfree(s);
}

static void do_index(Awk *A, Node *n, Cell *out)
{
    size_t sl, tl;
    char *s = awk_eval_str(A, n->a, &sl);
    char *t = awk_eval_str(A, n->a->next, &tl);
    double r = 0;
    if (tl == 0) {
        r = 1; /* the empty string is found at once (GNU awk) */
    } else {
        for (size_t i = 0; i + tl <= sl; i++) {
            if (memcmp(s + i, t, tl) == 0) {
                r = (double)i + 1;
                break;
            }
        }
    }
    xfree(s);
    xfree(t);
    awk_cell_set_num(out, r);
}

static void do_length(Awk *A, Node *n, Cell *out)
{
    if (!n->a) {
        char t[AWK_NUMBUF];
        size_t len;
        awk_cell_str(A, &A->fields[0], t, &len);
        awk_cell_set_num(out, (double)len);
        return;
    }
    if (n->a->op == N_GVAR || n->a->op == N_LVAR) {
        /* length(arr): its element count (GNU awk, mawk and POSIX 2024) */
        Var *v = awk_var_of(A, n->a);
        if (v->kind == V_REF)
            v = v->ref;
        if (v->kind == V_ARRAY) {
            awk_cell_set_num(out, (double)v->arr->count);
            return;
        }
        if (v->kind == V_UNTYPED) { /* stays untyped: it may be an array later */
            awk_cell_set_num(out, 0);
            return;
        }
    }
    size_t len;
    char *s = awk_eval_str(A, n->a, &len);
    xfree(s);
    awk_cell_set_num(out, (double)len);
}

static double next_rand(Awk *A)
{
    /* xorshift64*: the stream is the seed's alone (determinism) */
    uint64_t x = A->rand_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    A->rand_state = x;
    return (double)((x * 2685821657736338717ull) >> 11) / 9007199254740992.0;
}

void awk_seed(Awk *A, double seed)
{
    A->seed = seed;
    uint64_t s = (uint64_t)(int64_t)seed * 0x9e3779b97f4a7c15ull + 0x2545f4914f6cdd1dull;
    A->rand_state = s ? s : 1;
}

void awk_builtin_call(Awk *A, Node *n, Cell *out)
{
    size_t len;
    switch (n->idx) {
    case B_LENGTH: do_length(A, n, out); return;
    case B_SUBSTR: do_substr(A, n, out); return;
    case B_INDEX: do_index(A, n, out); return;
    case B_SPLIT: do_split(A, n, out); return;
    case B_SUB: do_sub(A, n, false, out); return;
    case B_GSUB: do_sub(A, n, true, out); return;
    case B_MATCH: do_match(A, n, out); return;
    case B_SPRINTF: {
        size_t flen;
        char *fmt = awk_eval_str(A, n->a, &flen);
        AwkBuf b = {0};
        awk_format(A, fmt, flen, n->a->next, &b);
        xfree(fmt);
        awk_cell_take_str(out, b.s, b.len);
        return;
    }
    case B_SIN: awk_cell_set_num(out, sin(awk_eval_num(A, n->a))); return;
    case B_COS: awk_cell_set_num(out, cos(awk_eval_num(A, n->a))); return;
    case B_ATAN2: {
        double y = awk_eval_num(A, n->a);
        awk_cell_set_num(out, atan2(y, awk_eval_num(A, n->a->next)));
        return;
    }
    case B_EXP: awk_cell_set_num(out, exp(awk_eval_num(A, n->a))); return;
    case B_LOG: awk_cell_set_num(out, log(awk_eval_num(A, n->a))); return;
    case B_SQRT: awk_cell_set_num(out, sqrt(awk_eval_num(A, n->a))); return;
    case B_INT: awk_cell_set_num(out, trunc(awk_eval_num(A, n->a))); return;
    case B_RAND: awk_cell_set_num(out, next_rand(A)); return;
    case B_SRAND: {
        double prev = A->seed;
        double seed;
        if (n->a) {
            seed = awk_eval_num(A, n->a);
        } else {
            SyscallResult r = sys_clock_gettime(AX_CLOCK_REALTIME);
            seed = (double)(r.value / 1000000000);
        }
        awk_seed(A, seed);
        awk_cell_set_num(out, prev);
        return;
    }
    case B_TOLOWER:
    case B_TOUPPER: {
        char *s = awk_eval_str(A, n->a, &len);
        for (size_t i = 0; i < len; i++)
            s[i] = (char)(n->idx == B_TOLOWER ? tolower((unsigned char)s[i])
                                              : toupper((unsigned char)s[i]));
        awk_cell_take_str(out, s, len);
        return;
    }
    case B_SYSTEM: {
        char *cmd = awk_eval_str(A, n->a, &len);
        int r = awk_system(A, cmd);
        xfree(cmd);
        awk_cell_set_num(out, r);
        return;
    }
    case B_CLOSE: {
        char *name = awk_eval_str(A, n->a, &len);
        int r = awk_stream_close(A, name);
        xfree(name);
        awk_cell_set_num(out, r);
        return;
    }
    case B_FFLUSH: {
        if (!n->a) {
            awk_cell_set_num(out, awk_flush(A, NULL, true));
            return;
        }
        char *name = awk_eval_str(A, n->a, &len);
        awk_cell_set_num(out, awk_flush(A, name, false));
        xfree(name);
        return;
    }
    default:
        awk_fatal(A, "internal error: built-in %d", n->idx);
    }
}
