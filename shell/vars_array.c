/* vars_array.c — bash's arrays as shell variables: name[sub] references,
 * element assignment and removal, name=(...) compound assignment, and
 * how declare -p and set print them. The element storage is array.c.
 */
#include <stdio.h>

#include "sh.h"

bool var_split_ref(const char *s, size_t *name_len, const char **sub, size_t *sub_len)
{
    size_t n = sh_name_len(s);
    *name_len = n;
    *sub = NULL;
    *sub_len = 0;
    if (n == 0 || s[n] != '[')
        return n > 0;
    /* the subscript ends at the matching ] */
    int depth = 0;
    for (size_t i = n; s[i]; i++) {
        if (s[i] == '[')
            depth++;
        else if (s[i] == ']' && --depth == 0) {
            *sub = s + n + 1;
            *sub_len = i - n - 1;
            return true;
        }
    }
    return false;
}

Var *var_array(Shell *sh, const char *name, bool assoc)
{
    Var *v = var_lookup(sh, name);
    if (v && v->arr) {
        if (assoc && !v->arr->assoc) {
            sh_error(sh, "%s: cannot convert indexed to associative array", name);
            return NULL;
        }
        return v;
    }
    if (v && (v->flags & VAR_READONLY)) {
        sh_error(sh, "%s: readonly variable", name);
        return NULL;
    }
    if (!v) {
        if (var_set(sh, name, NULL, 0) < 0)
            return NULL;
        v = var_lookup(sh, name);
    }
    v->arr = arr_new(assoc);
    if (v->value) { /* a scalar becomes element 0 */
        if (assoc)
            arr_set_key(v->arr, "0", v->value);
        else
            arr_set(v->arr, 0, v->value);
        xfree(v->value);
        v->value = NULL;
    }
    v->flags |= assoc ? VAR_ASSOC : VAR_ARRAY;
    if (v->flags & VAR_EXPORT)
        sh->var_gen++;
    return v;
}

/* An indexed array's subscript: arithmetic, negative from the end.
 * false after an error (message printed). */
static bool index_of(Shell *sh, const char *name, const VarArray *a, const char *sub, int64_t *out, bool for_set)
{
    int64_t i;
    if (arith_eval(sh, sub, &i) != 0)
        return false;
    if (i < 0) {
        int64_t n = a ? arr_next_index(a) : 0;
        if (i < -n || n == 0) {
            sh_error(sh, "%s[%s]: bad array subscript", name, sub);
            if (!for_set) {
                *out = -1;
                return true;
            }
            return false;
        }
        i += n;
    }
    *out = i;
    return true;
}

int var_set_elem(Shell *sh, const char *name, const char *sub, const char *val, bool append)
{
    Var *v = var_lookup(sh, name);
    bool assoc = v && v->arr && v->arr->assoc;
    if (!assoc && (!v || !v->arr)) {
        v = var_array(sh, name, false);
        if (!v)
            return -1;
    }
    if (v->flags & VAR_READONLY) {
        sh_error(sh, "%s: readonly variable", name);
        return -1;
    }
    StrBuf b;
    sb_init(&b);
    if (assoc) {
        if (append)
            sb_puts(&b, arr_get_key(v->arr, sub) ? arr_get_key(v->arr, sub) : "");
        sb_puts(&b, val);
        arr_set_key(v->arr, sub, b.s ? b.s : "");
    } else {
        int64_t i;
        if (!index_of(sh, name, v->arr, sub, &i, true)) {
            sb_free(&b);
            return -1;
        }
        if (append)
            sb_puts(&b, arr_get(v->arr, i) ? arr_get(v->arr, i) : "");
        sb_puts(&b, val);
        arr_set(v->arr, i, b.s ? b.s : "");
    }
    sb_free(&b);
    return 0;
}

char *var_get_elem(Shell *sh, const char *name, const char *sub, bool *err)
{
    Var *v = var_lookup(sh, name);
    if (!v)
        return NULL;
    if (!v->arr) { /* a scalar is an array of one element */
        int64_t i;
        if (arith_eval(sh, sub, &i) != 0) {
            *err = true;
            return NULL;
        }
        return (i == 0 || i == -1) && v->value ? xstrdup(v->value) : NULL;
    }
    if (v->arr->assoc) {
        const char *s = arr_get_key(v->arr, sub);
        return s ? xstrdup(s) : NULL;
    }
    int64_t i;
    if (!index_of(sh, name, v->arr, sub, &i, false)) {
        *err = true;
        return NULL;
    }
    const char *s = i < 0 ? NULL : arr_get(v->arr, i);
    return s ? xstrdup(s) : NULL;
}

int var_unset_elem(Shell *sh, const char *name, const char *sub)
{
    Var *v = var_lookup(sh, name);
    if (!v)
        return 0;
    if (v->flags & VAR_READONLY) {
        sh_error(sh, "%s: cannot unset: readonly variable", name);
        return -1;
    }
    if (!v->arr) {
        int64_t i;
        if (arith_eval(sh, sub, &i) != 0)
            return -1;
        if (i == 0)
            return var_unset(sh, name);
        return 0;
    }
    if (v->arr->assoc) {
        arr_unset_key(v->arr, sub);
        return 0;
    }
    int64_t i;
    if (!index_of(sh, name, v->arr, sub, &i, true))
        return -1;
    arr_unset(v->arr, i);
    return 0;
}

void var_elems(Shell *sh, const char *name, bool keys, StrList *out)
{
    Var *v = var_lookup(sh, name);
    if (!v)
        return;
    if (!v->arr) {
        if (v->value)
            sl_push(out, xstrdup(keys ? "0" : v->value));
        return;
    }
    for (size_t i = 0; i < v->arr->n; i++) {
        const ArrElem *e = &v->arr->v[i];
        if (!keys)
            sl_push(out, xstrdup(e->val));
        else if (e->key)
            sl_push(out, xstrdup(e->key));
        else
            sl_push(out, sh_strdup_printf("%lld", (long long)e->idx));
    }
}

/* "[sub]=value" (the brackets as typed): true with the parts. */
static bool keyed_elem(const char *w, const char **sub, size_t *sub_len, const char **val, bool *append)
{
    if (w[0] != '[')
        return false;
    int depth = 0;
    for (size_t i = 0; w[i]; i++) {
        if (w[i] == '[')
            depth++;
        else if (w[i] == ']' && --depth == 0) {
            *append = w[i + 1] == '+' && w[i + 2] == '=';
            if (w[i + 1] != '=' && !*append)
                return false;
            *sub = w + 1;
            *sub_len = i - 1;
            *val = w + i + (*append ? 3 : 2);
            return true;
        }
    }
    return false;
}

int var_set_array(Shell *sh, const char *name, char **words, size_t n, bool append, int how)
{
    bool assoc = how & ARR_ASSOC;
    Var *v = var_lookup(sh, name);
    if (v && (v->flags & VAR_READONLY)) {
        sh_error(sh, "%s: readonly variable", name);
        return -1;
    }
    if (v && v->arr && v->arr->assoc)
        assoc = true;
    if (v && !append && v->value && !v->arr) {
        xfree(v->value);
        v->value = NULL;
    }
    v = var_array(sh, name, assoc);
    if (!v)
        return -1;
    if (!append)
        arr_clear(v->arr);
    int64_t next = arr_next_index(v->arr);
    int st = 0;
    for (size_t i = 0; i < n; i++) {
        const char *sub, *val;
        size_t sub_len;
        bool app = false;
        if (!(how & ARR_LITERAL) && keyed_elem(words[i], &sub, &sub_len, &val, &app)) {
            char *key = xstrndup(sub, sub_len);
            if (var_set_elem(sh, name, key, val, app) < 0)
                st = -1;
            else if (!assoc) {
                int64_t k;
                if (arith_eval(sh, key, &k) == 0 && k >= 0 && k < INT64_MAX)
                    next = k + 1;
            }
            xfree(key);
        } else if (assoc) {
            /* bash 5.1+: (k1 v1 k2 v2) pairs */
            const char *val2 = i + 1 < n ? words[i + 1] : "";
            arr_set_key(v->arr, words[i], val2);
            i++;
        } else {
            arr_set(v->arr, next, words[i]);
            next++;
        }
    }
    return st;
}

/* A value quoted as declare -p prints it: "..." with \ " $ ` escaped. */
static void dq_value(StrBuf *b, const char *s)
{
    sb_putc(b, '"');
    for (; *s; s++) {
        if (strchr("\"\\$`", *s))
            sb_putc(b, '\\');
        sb_putc(b, *s);
    }
    sb_putc(b, '"');
}

void var_print_value(StrBuf *b, const Var *v)
{
    if (!v->arr) {
        if (v->value) {
            sb_putc(b, '=');
            dq_value(b, v->value);
        }
        return;
    }
    sb_puts(b, "=(");
    for (size_t i = 0; i < v->arr->n; i++) {
        const ArrElem *e = &v->arr->v[i];
        if (e->key) {
            sb_putc(b, '[');
            bool plain = *e->key && strcspn(e->key, " \t\n\"'\\$`[]*?;&|<>()") == strlen(e->key);
            if (plain)
                sb_puts(b, e->key);
            else
                dq_value(b, e->key);
            sb_puts(b, "]=");
        } else {
            sb_printf(b, "[%lld]=", (long long)e->idx);
        }
        dq_value(b, e->val);
        sb_putc(b, ' ');
    }
    if (v->arr->n && v->arr->assoc) {
        /* bash leaves the blank after the last element of an assoc */
    } else if (v->arr->n) {
        b->len--;
        b->s[b->len] = '\0';
    }
    sb_putc(b, ')');
}

char *var_value_ref(Shell *sh, const char *ref, bool *err)
{
    size_t nl, sl;
    const char *sub;
    if (!var_split_ref(ref, &nl, &sub, &sl) || (sub && sub[sl + 1] != '\0') || (!sub && ref[nl])) {
        *err = true;
        return NULL;
    }
    char *name = xstrndup(ref, nl);
    char *r;
    if (sub) {
        char *s = xstrndup(sub, sl);
        r = var_get_elem(sh, name, s, err);
        xfree(s);
    } else {
        const char *v = var_get(sh, name);
        r = v ? xstrdup(v) : NULL;
    }
    xfree(name);
    return r;
}

void var_print_flags(StrBuf *b, const Var *v)
{
    size_t start = b->len;
    if (v->flags & VAR_ARRAY)
        sb_putc(b, 'a');
    if (v->flags & VAR_ASSOC)
        sb_putc(b, 'A');
    if (v->flags & VAR_INTEGER)
        sb_putc(b, 'i');
    if (v->flags & VAR_READONLY)
        sb_putc(b, 'r');
    if (v->flags & VAR_EXPORT)
        sb_putc(b, 'x');
    if (b->len == start)
        sb_putc(b, '-');
}

void sh_set_pipestatus(Shell *sh, const int *codes, int n)
{
    if (n > sh->pipestatus_cap) {
        sh->pipestatus_cap = n < 8 ? 8 : n;
        sh->pipestatus = xrealloc(sh->pipestatus, (size_t)sh->pipestatus_cap * sizeof *sh->pipestatus);
    }
    memcpy(sh->pipestatus, codes, (size_t)n * sizeof *codes);
    sh->npipestatus = n;
}

/* Rebuild a dynamic array from the shell's own record of it. */
static void refresh(Shell *sh, const char *name, char **items, int n)
{
    Var *v = var_lookup(sh, name);
    if (v && (v->flags & VAR_READONLY))
        return;
    var_set_array(sh, name, items, (size_t)n, false, ARR_LITERAL);
}

void var_refresh_dynamic(Shell *sh, const char *name)
{
    if (strcmp(name, "PIPESTATUS") == 0) {
        char **items = xmalloc(((size_t)sh->npipestatus + 1) * sizeof *items);
        for (int i = 0; i < sh->npipestatus; i++)
            items[i] = sh_strdup_printf("%d", sh->pipestatus[i]);
        refresh(sh, name, items, sh->npipestatus);
        for (int i = 0; i < sh->npipestatus; i++)
            xfree(items[i]);
        xfree(items);
    } else if (strcmp(name, "FUNCNAME") == 0 || strcmp(name, "BASH_SOURCE") == 0) {
        /* FUNCNAME exists only while a function runs; both list the
         * frames innermost first, as bash does */
        bool names = name[0] == 'F';
        if (sh->nframes == 0 || (names && sh->nfuncframes == 0)) {
            Var *v = var_lookup(sh, name);
            if (v && v->arr)
                var_unset(sh, name);
            return;
        }
        char **items = xmalloc(((size_t)sh->nframes + 1) * sizeof *items);
        for (int i = 0; i < sh->nframes; i++) {
            const CallFrame *f = &sh->frames[sh->nframes - 1 - i];
            items[i] = (char *)(names ? f->name : f->source);
        }
        refresh(sh, name, items, sh->nframes);
        xfree(items);
    }
}

void frame_push(Shell *sh, const char *name, const char *source, bool func)
{
    if (sh->nframes == sh->frames_cap) {
        sh->frames_cap = sh->frames_cap ? sh->frames_cap * 2 : 16;
        sh->frames = xrealloc(sh->frames, (size_t)sh->frames_cap * sizeof *sh->frames);
    }
    sh->frames[sh->nframes++] = (CallFrame){name, source};
    sh->nfuncframes += func;
}

void frame_pop(Shell *sh, bool func)
{
    sh->nframes--;
    sh->nfuncframes -= func;
}
