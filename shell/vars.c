/* vars.c — shell variables, `local` frames, functions and aliases.
 *
 * The shell keeps its own variable table; the environment a child gets is
 * built from the exported entries at spawn time (and cached until an
 * exported variable changes), so the process environment of the shell
 * itself is only read once, at start.
 */
#include "sh.h"

static unsigned var_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h % VAR_BUCKETS;
}

Var *var_lookup(Shell *sh, const char *name)
{
    for (Var *v = sh->vars[var_hash(name)]; v; v = v->next)
        if (strcmp(v->name, name) == 0)
            return v;
    return NULL;
}

const char *var_get(Shell *sh, const char *name)
{
    Var *v = var_lookup(sh, name);
    if (v && v->arr) /* $a is ${a[0]} */
        return v->arr->assoc ? arr_get_key(v->arr, "0") : arr_get(v->arr, 0);
    return v ? v->value : NULL;
}

static Var *var_create(Shell *sh, const char *name)
{
    Var *v = xcalloc(1, sizeof *v);
    v->name = xstrdup(name);
    unsigned h = var_hash(name);
    v->next = sh->vars[h];
    sh->vars[h] = v;
    return v;
}

int var_set(Shell *sh, const char *name, const char *value, unsigned add_flags)
{
    if (name[0] == 'R' && value && strcmp(name, "RANDOM") == 0) {
        sh_random_seed(sh, (uint32_t)strtoul(value, NULL, 10)); /* RANDOM=n reseeds, as in bash */
        return 0;
    }
    Var *v = var_lookup(sh, name);
    if (v && (v->flags & VAR_READONLY)) {
        sh_error(sh, "%s: readonly variable", name);
        return -1;
    }
    if (name[0] == 'P' && strcmp(name, "PATH") == 0)
        hash_clear(sh); /* a new PATH forgets where commands were (POSIX) */
    if (!v)
        v = var_create(sh, name);
    if (sh->opts & OPT_ALLEXPORT)
        add_flags |= VAR_EXPORT;
    if (value && v->arr) {
        if (v->arr->assoc)
            arr_set_key(v->arr, "0", value);
        else
            arr_set(v->arr, 0, value);
    } else if (value) {
        char *copy = xstrdup(value);
        xfree(v->value);
        v->value = copy;
    }
    v->flags |= add_flags;
    if (v->flags & VAR_EXPORT)
        sh->var_gen++;
    return 0;
}

int var_unset(Shell *sh, const char *name)
{
    Var **pp = &sh->vars[var_hash(name)];
    for (; *pp; pp = &(*pp)->next) {
        Var *v = *pp;
        if (strcmp(v->name, name) != 0)
            continue;
        if (v->flags & VAR_READONLY) {
            sh_error(sh, "unset: %s: cannot unset: readonly variable", name);
            return -1;
        }
        if (v->flags & VAR_EXPORT)
            sh->var_gen++;
        *pp = v->next;
        xfree(v->name);
        xfree(v->value);
        arr_free(v->arr);
        xfree(v);
        return 0;
    }
    return 0;
}

void var_import_env(Shell *sh)
{
    size_t cap = 256;
    char *buf = xmalloc(cap);
    for (size_t i = 0;; i++) {
        SyscallResult r = sys_environ(i, buf, cap);
        if (r.error == AX_ERANGE) {
            cap *= 4;
            buf = xrealloc(buf, cap);
            i--;
            continue;
        }
        if (r.error != AX_OK)
            break;
        char *eq = strchr(buf, '=');
        if (!eq)
            continue;
        *eq = '\0';
        if (sh_is_name(buf))
            var_set(sh, buf, eq + 1, VAR_EXPORT);
    }
    xfree(buf);
}

static void build_env(Shell *sh, StrList *out, char **extra, size_t nextra)
{
    sl_init(out);
    for (size_t i = 0; i < nextra; i++)
        sl_push(out, xstrdup(extra[i]));
    for (int b = 0; b < VAR_BUCKETS; b++) {
        for (Var *v = sh->vars[b]; v; v = v->next) {
            if (!(v->flags & VAR_EXPORT) || !v->value)
                continue;
            size_t nl = strlen(v->name);
            bool overridden = false;
            for (size_t i = 0; i < nextra && !overridden; i++)
                overridden = strncmp(extra[i], v->name, nl) == 0 && extra[i][nl] == '=';
            if (!overridden)
                sl_push(out, sh_strdup_printf("%s=%s", v->name, v->value));
        }
    }
    sl_terminate(out);
}

char **var_env(Shell *sh, char **extra, size_t nextra, StrList *tmp)
{
    sl_init(tmp);
    if (nextra) {
        build_env(sh, tmp, extra, nextra);
        return tmp->v;
    }
    /* the common case: the same environment as last time, until an
     * exported variable changes */
    if (!sh->env_cache.v || sh->env_gen != sh->var_gen) {
        sl_free(&sh->env_cache);
        build_env(sh, &sh->env_cache, NULL, 0);
        sh->env_gen = sh->var_gen;
    }
    return sh->env_cache.v;
}

static int var_cmp(const void *a, const void *b)
{
    return strcmp((*(Var *const *)a)->name, (*(Var *const *)b)->name);
}

Var **var_sorted(Shell *sh, size_t *n)
{
    size_t count = 0;
    for (int b = 0; b < VAR_BUCKETS; b++)
        for (Var *v = sh->vars[b]; v; v = v->next)
            count++;
    Var **arr = xmalloc((count + 1) * sizeof *arr);
    size_t i = 0;
    for (int b = 0; b < VAR_BUCKETS; b++)
        for (Var *v = sh->vars[b]; v; v = v->next)
            arr[i++] = v;
    qsort(arr, count, sizeof *arr, var_cmp);
    *n = count;
    return arr;
}

/* ---- local ---- */

static LocalSave *save_one(Shell *sh, const char *name, LocalSave *next)
{
    LocalSave *s = xcalloc(1, sizeof *s);
    s->name = xstrdup(name);
    Var *v = var_lookup(sh, name);
    if (v) {
        s->existed = true;
        s->value = v->value ? xstrdup(v->value) : NULL;
        s->arr = v->arr ? arr_copy(v->arr) : NULL;
        s->flags = v->flags;
    }
    s->next = next;
    return s;
}

/* Put a saved variable back and free the save. */
static void restore_one(Shell *sh, LocalSave *s)
{
    Var *v = var_lookup(sh, s->name);
    if (s->existed) {
        if (!v)
            v = var_create(sh, s->name);
        xfree(v->value);
        v->value = s->value;
        arr_free(v->arr);
        v->arr = s->arr;
        if ((v->flags | s->flags) & VAR_EXPORT)
            sh->var_gen++;
        v->flags = s->flags;
    } else if (v) {
        v->flags &= ~VAR_READONLY;
        var_unset(sh, s->name);
    }
    if (!s->existed)
        arr_free(s->arr);
    xfree(s->name);
    xfree(s);
}

bool var_local(Shell *sh, const char *name)
{
    for (LocalSave *s = sh->locals; s && s != sh->local_frame; s = s->next)
        if (strcmp(s->name, name) == 0)
            return false; /* already local in this call */
    sh->locals = save_one(sh, name, sh->locals);
    return true;
}

void var_pop_locals(Shell *sh, LocalSave *upto)
{
    while (sh->locals && sh->locals != upto) {
        LocalSave *s = sh->locals;
        sh->locals = s->next;
        restore_one(sh, s);
    }
}

LocalSave *var_save_temp(Shell *sh, const char *name, LocalSave *list)
{
    return save_one(sh, name, list);
}

void var_restore_temp(Shell *sh, LocalSave *list)
{
    while (list) {
        LocalSave *next = list->next;
        restore_one(sh, list);
        list = next;
    }
}

/* ---- functions ---- */

Func *func_get(Shell *sh, const char *name)
{
    for (Func *f = sh->funcs; f; f = f->next)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

void func_release(Func *f)
{
    if (--f->refs > 0)
        return;
    arena_free(&f->arena);
    xfree(f->name);
    xfree(f->source);
    xfree(f);
}

int func_unset(Shell *sh, const char *name)
{
    for (Func **pp = &sh->funcs; *pp; pp = &(*pp)->next) {
        if (strcmp((*pp)->name, name) == 0) {
            Func *f = *pp;
            *pp = f->next;
            func_release(f);
            return 0;
        }
    }
    return -1;
}

void func_define(Shell *sh, const char *name, const Node *body)
{
    Func *f = xcalloc(1, sizeof *f);
    f->name = xstrdup(name);
    f->source = xstrdup(sh->source_name ? sh->source_name : "main");
    arena_init(&f->arena);
    f->body = ast_copy(&f->arena, body);
    f->refs = 1;
    func_unset(sh, name);
    /* keep definition order: `set`-like listings and subshell state */
    Func **pp = &sh->funcs;
    while (*pp)
        pp = &(*pp)->next;
    *pp = f;
}

/* ---- aliases ---- */

const char *alias_get(Shell *sh, const char *name)
{
    for (Alias *a = sh->aliases; a; a = a->next)
        if (strcmp(a->name, name) == 0)
            return a->value;
    return NULL;
}

void alias_set(Shell *sh, const char *name, const char *value)
{
    Alias **pp = &sh->aliases;
    for (; *pp; pp = &(*pp)->next) {
        int c = strcmp((*pp)->name, name);
        if (c == 0) {
            char *v = xstrdup(value);
            xfree((*pp)->value);
            (*pp)->value = v;
            return;
        }
        if (c > 0)
            break; /* kept sorted for `alias` listings */
    }
    Alias *a = xcalloc(1, sizeof *a);
    a->name = xstrdup(name);
    a->value = xstrdup(value);
    a->next = *pp;
    *pp = a;
}

int alias_unset(Shell *sh, const char *name)
{
    for (Alias **pp = &sh->aliases; *pp; pp = &(*pp)->next) {
        if (strcmp((*pp)->name, name) == 0) {
            Alias *a = *pp;
            *pp = a->next;
            xfree(a->name);
            xfree(a->value);
            xfree(a);
            return 0;
        }
    }
    return -1;
}
