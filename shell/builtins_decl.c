/* builtins_decl.c — the declaration builtins: export, readonly, local,
 * declare and typeset, and the variable listings of set, export -p,
 * readonly -p and declare -p.
 *
 * Their NAME=value arguments arrive expanded as assignments (simple.c):
 * NAME=v, NAME+=v, NAME[sub]=v, and NAME=( 'w1' 'w2' ) for an array,
 * whose words this file splits again (bash reparses them the same way,
 * which is why `declare -a 'a=(1 2)'` works too).
 */
#include "sh.h"

/* ---- listings ---- */

enum { LIST_SET, LIST_DECLARE, LIST_EXPORT, LIST_READONLY };

static void list_line(StrBuf *b, const Var *x, int how)
{
    if (how == LIST_SET) {
        sb_printf(b, "%s", x->name);
        if (x->arr) {
            var_print_value(b, x);
        } else {
            sb_putc(b, '=');
            sb_quote(b, x->value);
        }
        sb_putc(b, '\n');
        return;
    }
    if (how == LIST_EXPORT || how == LIST_READONLY) {
        /* POSIX mode: `export NAME="value"`, as bash --posix prints */
        sb_puts(b, how == LIST_EXPORT ? "export " : "readonly ");
        if (x->arr) {
            sb_puts(b, "-");
            var_print_flags(b, x);
            sb_putc(b, ' ');
        }
    } else {
        sb_puts(b, "declare -");
        var_print_flags(b, x);
        sb_putc(b, ' ');
    }
    sb_puts(b, x->name);
    var_print_value(b, x);
    sb_putc(b, '\n');
}

static int list_vars(Shell *sh, unsigned only, int how)
{
    size_t n;
    Var **vs = var_sorted(sh, &n);
    Out o;
    out_init(&o, 1);
    for (size_t i = 0; i < n; i++) {
        const Var *x = vs[i];
        if (how == LIST_SET ? !x->value && !x->arr : (only && (x->flags & only) != only))
            continue;
        list_line(&o.b, x, how);
    }
    xfree(vs);
    return out_flush(&o);
}

int sh_list_vars(Shell *sh)
{
    return list_vars(sh, 0, LIST_SET);
}

/* ---- the words of NAME=( ... ) ---- */

/* Split "( w1 'w 2' $'w\n3' )" into words, removing the quotes. */
static void split_array_text(const char *s, StrList *out)
{
    StrBuf w;
    sb_init(&w);
    while (*s) {
        while (*s == ' ' || *s == '\t' || *s == '\n')
            s++;
        if (!*s)
            break;
        sb_clear(&w);
        bool any = false;
        while (*s && *s != ' ' && *s != '\t' && *s != '\n') {
            any = true;
            if (s[0] == '$' && s[1] == '\'') {
                StrBuf raw;
                sb_init(&raw);
                for (s += 2; *s && *s != '\''; s++) {
                    if (*s == '\\' && s[1]) {
                        if (s[1] == '\'') {
                            sb_putc(&raw, '\'');
                            s++;
                            continue;
                        }
                        sb_putc(&raw, *s++);
                    }
                    sb_putc(&raw, *s);
                }
                if (raw.s) {
                    /* \NNN octal as $'...' writes it: echo -e wants \0NNN */
                    StrBuf fixed;
                    sb_init(&fixed);
                    for (const char *r = raw.s; *r; r++) {
                        sb_putc(&fixed, *r);
                        if (r[0] == '\\' && r[1] >= '0' && r[1] <= '7')
                            sb_putc(&fixed, '0');
                        else if (r[0] == '\\' && r[1])
                            sb_putc(&fixed, *++r);
                    }
                    sh_put_escapes(&w, fixed.s);
                    sb_free(&fixed);
                }
                sb_free(&raw);
                if (*s)
                    s++;
            } else if (*s == '\'') {
                for (s++; *s && *s != '\''; s++)
                    sb_putc(&w, *s);
                if (*s)
                    s++;
            } else if (*s == '"') {
                for (s++; *s && *s != '"'; s++) {
                    if (*s == '\\' && s[1] && strchr("\"\\$`", s[1]))
                        s++;
                    sb_putc(&w, *s);
                }
                if (*s)
                    s++;
            } else if (*s == '\\' && s[1]) {
                sb_putc(&w, s[1]);
                s += 2;
            } else {
                sb_putc(&w, *s++);
            }
        }
        if (any)
            sl_push(out, xstrdup(w.s ? w.s : ""));
    }
    sb_free(&w);
}

/* ---- one argument ---- */

typedef struct DeclOpts {
    const char *who;
    unsigned add, remove; /* flags */
    char kind;            /* 'a', 'A' or 0 */
    bool local;           /* local to the running function */
} DeclOpts;

static int decl_one(Shell *sh, const DeclOpts *o, char *arg)
{
    size_t nl, sl;
    const char *sub;
    bool ok = var_split_ref(arg, &nl, &sub, &sl);
    const char *rest = ok ? (sub ? sub + sl + 1 : arg + nl) : arg;
    bool append = rest[0] == '+' && rest[1] == '=';
    const char *val = append ? rest + 2 : rest[0] == '=' ? rest + 1 : NULL;
    if (!ok || (!val && *rest) || (sub && o->kind == 0 && !val)) {
        sh_error(sh, "%s: `%s': not a valid identifier", o->who, arg);
        return 1;
    }
    char *name = xstrndup(arg, nl);
    int st = 0;
    Var *v = var_lookup(sh, name);
    if (v && (v->flags & VAR_READONLY) && (val || (o->remove & VAR_READONLY))) {
        sh_error(sh, "%s: readonly variable", name);
        sh->fatal_error = val != NULL;
        xfree(name);
        return 1;
    }
    bool fresh = o->local && var_local(sh, name);
    size_t vl = val ? strlen(val) : 0;
    bool array_text = val && !sub && vl >= 2 && val[0] == '(' && val[vl - 1] == ')';
    if (o->kind || array_text) {
        Var *a = var_array(sh, name, o->kind == 'A' || (v && v->arr && v->arr->assoc));
        if (!a) {
            xfree(name);
            return 1;
        }
    }
    if (array_text) {
        char *inner = xstrndup(val + 1, vl - 2);
        StrList words;
        sl_init(&words);
        split_array_text(inner, &words);
        if (var_set_array(sh, name, words.v, words.n, append, o->kind == 'A' ? ARR_ASSOC : 0) < 0)
            st = 1;
        sl_free(&words);
        xfree(inner);
    } else if (val) {
        Var *x = var_lookup(sh, name);
        if (x && (o->add & VAR_INTEGER))
            x->flags |= VAR_INTEGER;
        char *ref = xstrndup(arg, sub ? (size_t)(sub + sl + 1 - arg) : nl);
        if (sh_assign_value(sh, ref, val, append, 0) < 0)
            st = 1;
        xfree(ref);
    } else if (fresh && !o->kind && (v = var_lookup(sh, name)) != NULL) {
        /* bash: `local x` starts x declared but unset, whatever the
         * caller's x holds (dash would keep the value) */
        if (v->flags & VAR_EXPORT)
            sh->var_gen++;
        xfree(v->value);
        v->value = NULL;
        arr_free(v->arr);
        v->arr = NULL;
    } else if (!var_lookup(sh, name) || o->local) {
        if (!var_lookup(sh, name) && var_set(sh, name, NULL, 0) < 0)
            st = 1;
    }
    Var *x = var_lookup(sh, name);
    if (st == 0 && x) {
        unsigned before = x->flags;
        x->flags = (x->flags | o->add) & ~o->remove;
        if ((before ^ x->flags) & VAR_EXPORT)
            sh->var_gen++;
    }
    xfree(name);
    return st;
}

/* declare -f [names]: the definitions; declare -F: just the names. */
int sh_declare_functions(Shell *sh, int argc, char **argv)
{
    Out o;
    out_init(&o, 1);
    int st = 0;
    for (Func *f = sh->funcs; f; f = f->next) {
        bool want = argc == 0;
        for (int i = 0; i < argc && !want; i++)
            want = strcmp(argv[i], f->name) == 0;
        if (!want)
            continue;
        sb_printf(&o.b, "%s () \n", f->name);
        ast_print(&o.b, f->body, true);
        sb_putc(&o.b, '\n');
    }
    for (int i = 0; i < argc; i++)
        if (!func_get(sh, argv[i]))
            st = 1;
    return out_flush(&o) | st;
}

/* ---- the builtins ---- */

static int parse_decl_opts(Shell *sh, int argc, char **argv, DeclOpts *o, bool *print, bool *global, bool *funcs)
{
    int i = 1;
    for (; i < argc && (argv[i][0] == '-' || argv[i][0] == '+') && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0)
            return i + 1;
        bool on = argv[i][0] == '-';
        for (const char *c = argv[i] + 1; *c; c++) {
            unsigned bit = 0;
            switch (*c) {
            case 'x': bit = VAR_EXPORT; break;
            case 'r': bit = VAR_READONLY; break;
            case 'i': bit = VAR_INTEGER; break;
            case 'a':
            case 'A': o->kind = *c; break;
            case 'g': *global = true; break;
            case 'p': *print = true; break;
            case 'f':
            case 'F': *funcs = true; break;
            case 'n':
                if (strcmp(o->who, "export") == 0) { /* export -n: no longer exported */
                    o->remove |= VAR_EXPORT;
                    break;
                }
                /* fall through */
            default:
                sh_error(sh, "%s: %c%c: invalid option", o->who, argv[i][0], *c);
                return -1;
            }
            if (bit && on)
                o->add |= bit;
            else if (bit)
                o->remove |= bit;
        }
    }
    return i;
}

static int print_named(Shell *sh, const DeclOpts *o, int argc, char **argv, int i)
{
    Out out;
    out_init(&out, 1);
    int st = 0;
    for (; i < argc; i++) {
        Var *x = var_lookup(sh, argv[i]);
        if (x) {
            list_line(&out.b, x, LIST_DECLARE);
        } else {
            sh_error(sh, "%s: %s: not found", o->who, argv[i]);
            st = 1;
        }
    }
    return out_flush(&out) | st;
}

static int declaration(Shell *sh, int argc, char **argv, unsigned always, bool local_only)
{
    DeclOpts o = {.who = argv[0], .add = always};
    bool print = false, global = false, funcs = false;
    int i = parse_decl_opts(sh, argc, argv, &o, &print, &global, &funcs);
    if (i < 0)
        return 2;
    if (local_only && sh->func_depth == 0) {
        sh_error(sh, "%s: can only be used in a function", o.who);
        return 1;
    }
    if (funcs)
        return sh_declare_functions(sh, argc - i, argv + i);
    int how = always == VAR_EXPORT ? LIST_EXPORT : always == VAR_READONLY ? LIST_READONLY : LIST_DECLARE;
    if (i >= argc) {
        if (how == LIST_DECLARE && !print && !o.add && !o.kind)
            return list_vars(sh, 0, LIST_SET);
        unsigned only = o.add | (o.kind == 'a' ? VAR_ARRAY : o.kind == 'A' ? VAR_ASSOC : 0);
        return list_vars(sh, only, how);
    }
    if (print)
        return print_named(sh, &o, argc, argv, i);
    o.local = sh->func_depth > 0 && !global && how == LIST_DECLARE;
    int st = 0;
    for (; i < argc; i++)
        st |= decl_one(sh, &o, argv[i]);
    return st;
}

int bi_export(Shell *sh, int argc, char **argv)
{
    return declaration(sh, argc, argv, VAR_EXPORT, false);
}

int bi_readonly(Shell *sh, int argc, char **argv)
{
    return declaration(sh, argc, argv, VAR_READONLY, false);
}

int bi_local(Shell *sh, int argc, char **argv)
{
    return declaration(sh, argc, argv, 0, true);
}

int bi_declare(Shell *sh, int argc, char **argv)
{
    return declaration(sh, argc, argv, 0, false);
}
