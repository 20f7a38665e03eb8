/* expand_param.c — parameter expansion: $name, $1, $@ and the other
 * special parameters, ${name} with every POSIX and bash operator
 * (defaults, patterns, substrings, case, @ transforms), arrays and
 * slices, and $RANDOM. Called by the expander (expand.c) for each
 * WP_PARAM part; the result goes into its field buffer.
 */
#include "expand.h"

static char *positional_join(Shell *sh, bool star_quoted)
{
    StrBuf b;
    sb_init(&b);
    const char *ifs = sh_ifs(sh);
    for (int i = 0; i < sh->nargs; i++) {
        if (i > 0) {
            if (!star_quoted)
                sb_putc(&b, ' ');
            else if (*ifs)
                sb_putc(&b, *ifs);
        }
        sb_puts(&b, sh->args[i]);
    }
    return sb_take(&b);
}

/* bash's $RANDOM: the Park-Miller generator bash 5 uses, so that
 * RANDOM=n gives the same numbers as there. Seeded from the kernel's
 * /dev/random (the machine's seed) the first time it is read. */
static int rand_step(uint32_t *seed)
{
    int32_t last = (int32_t)(*seed ? *seed : 123459876u);
    int32_t h = last / 127773, l = last - 127773 * h;
    int32_t t = 16807 * l - 2836 * h;
    *seed = (uint32_t)(t < 0 ? t + 0x7fffffff : t);
    return (int)(((*seed >> 16) ^ (*seed & 65535)) & 32767);
}

void sh_random_seed(Shell *sh, uint32_t seed)
{
    sh->rand = seed;
    sh->rand_seeded = true;
    sh->rand_last = -1;
}

static int sh_random(Shell *sh)
{
    if (!sh->rand_seeded) {
        uint32_t seed = (uint32_t)sh->pid;
        SyscallResult fd = sys_open("/dev/random", AX_O_RDONLY, 0);
        if (fd.error == AX_OK) {
            sys_read((int)fd.value, &seed, sizeof seed);
            sys_close((int)fd.value);
        }
        sh_random_seed(sh, seed);
    }
    uint32_t s = (uint32_t)sh->rand;
    int v;
    do
        v = rand_step(&s);
    while (v == sh->rand_last);
    sh->rand = s;
    sh->rand_last = v;
    return v;
}

/* The value of a parameter as a heap string, NULL when unset. */
static char *param_value(Shell *sh, const char *name, bool dq)
{
    char c = name[0];
    if (name[1] == '\0' && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        switch (c) {
        case '?': return sh_strdup_printf("%d", sh->status);
        case '$': return sh_strdup_printf("%d", sh->pid);
        case '!': return sh->last_bg ? sh_strdup_printf("%d", sh->last_bg) : NULL;
        case '#': return sh_strdup_printf("%d", sh->nargs);
        case '0': return xstrdup(sh->arg0 ? sh->arg0 : "sh");
        case '_': return xstrdup(sh->last_arg.s ? sh->last_arg.s : "");
        case '@':
        case '*': return sh->nargs ? positional_join(sh, dq && c == '*') : NULL;
        case '-': return sh_option_letters(sh);
        }
    }
    if (c >= '0' && c <= '9') {
        int n = atoi(name);
        if (n == 0)
            return xstrdup(sh->arg0 ? sh->arg0 : "sh");
        return n <= sh->nargs ? xstrdup(sh->args[n - 1]) : NULL;
    }
    return sh_dynamic_value(sh, name);
}

char *sh_dynamic_value(Shell *sh, const char *name)
{
    const char *v = var_get(sh, name);
    if (v)
        return xstrdup(v);
    if (name[0] == 'R' && strcmp(name, "RANDOM") == 0)
        return sh_strdup_printf("%d", sh_random(sh));
    if (name[0] == 'L' && strcmp(name, "LINENO") == 0)
        return sh_strdup_printf("%d", sh->lineno);
    /* bash's: this process's pid (a subshell's own, unlike $$), and the
     * whole seconds since the shell started, by the kernel's clock */
    if (name[0] == 'B' && strcmp(name, "BASHPID") == 0)
        return sh_strdup_printf("%d", (int)sys_getpid().value);
    if (name[0] == 'S' && strcmp(name, "SECONDS") == 0) {
        int64_t now = sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
        return sh_strdup_printf("%lld", (long long)((now - sh->start_ns) / 1000000000));
    }
    return NULL;
}

/* ${x/pat/rep} and ${x//pat/rep} */
static char *param_replace(const char *val, const char *pat, const char *rep, bool all, unsigned flags)
{
    StrBuf b;
    sb_init(&b);
    size_t n = strlen(val), i = 0;
    bool done = false;
    bool anchor_start = pat[0] == '#', anchor_end = pat[0] == '%';
    if (anchor_start || anchor_end)
        pat++;
    while (i <= n) {
        long m = -1;
        if (!done && (!anchor_start || i == 0)) {
            m = anchor_end ? (glob_match(pat, val + i, flags) ? (long)(n - i) : -1)
                           : glob_match_prefix(pat, val + i, true, flags);
        }
        if (m > 0 || (m == 0 && !*pat && (anchor_start || anchor_end) && !done)) {
            sb_puts(&b, rep);
            i += (size_t)m;
            if (!all || m == 0)
                done = true;
            if (m > 0)
                continue;
        }
        if (i < n)
            sb_putn(&b, val + i, utf8_char_len(val + i));
        i += i < n ? utf8_char_len(val + i) : 1;
    }
    return sb_take(&b);
}

/* Parameters as $@ gives them: one field each ("$@", unquoted $@ and $*),
 * or joined by the first character of IFS ("$*", and $* where no
 * splitting happens, as in an assignment). */
static void expand_list(Expander *e, char **items, int n, bool dq, bool star)
{
    if ((star && dq) || (star && !e->out)) {
        const char *ifs = sh_ifs(e->sh);
        for (int i = 0; i < n; i++) {
            if (i > 0 && *ifs)
                x_add(e, ifs, 1, dq ? F_QUOTED : F_EXP);
            x_adds(e, items[i], dq ? F_QUOTED : F_EXP);
        }
        return;
    }
    for (int i = 0; i < n; i++) {
        if (i > 0 && e->out)
            x_break(e, dq);
        else if (i > 0)
            x_add(e, " ", 1, dq ? F_QUOTED : F_EXP);
        if (dq)
            e->quoted = true;
        x_adds(e, items[i], dq ? F_QUOTED : F_EXP);
    }
}

/* An arithmetic operand of ${x:offset:length}; false after an error. */
static bool substr_operand(Expander *e, const WordPart *parts, int64_t *out)
{
    char *text = expand_sub_str(e, parts, 0);
    if (!text)
        return false;
    bool ok = arith_eval(e->sh, text, out) == 0;
    xfree(text);
    if (!ok)
        e->err = X_FATAL;
    return ok;
}

/* ${x:offset:length}: which [start, end) of n items (characters, or
 * positional parameters) it selects. Negative offsets count from the end,
 * a negative length is an end counted from the end. */
static bool substr_range(Expander *e, const WordPart *p, int64_t n, int64_t *start, int64_t *end)
{
    int64_t off, len = n;
    if (!substr_operand(e, p->sub, &off))
        return false;
    if (p->sub2 && !substr_operand(e, p->sub2, &len))
        return false;
    if (off < 0)
        off = off < -n ? -1 - n : off + n;
    if (off < 0 || off > n) {
        *start = *end = 0;
        return true;
    }
    int64_t stop = len < 0 ? n + len : (len > n - off ? n : off + len);
    if (stop < off && len < 0) {
        sh_error(e->sh, "%s: substring expression < 0", p->text);
        e->err = X_ERROR;
        return false;
    }
    *start = off;
    *end = stop < off ? off : stop;
    return true;
}

/* ${a[@]:offset:length}: offset is an index (elements at or after it),
 * negative from one past the highest; length counts elements. */
static bool array_slice(Expander *e, const WordPart *p, StrList *items, int64_t *start, int64_t *end)
{
    int64_t off, len = (int64_t)items->n;
    if (!substr_operand(e, p->sub, &off) || (p->sub2 && !substr_operand(e, p->sub2, &len)))
        return false;
    Var *v = var_lookup(e->sh, p->text);
    const VarArray *a = v && v->arr && !v->arr->assoc && !p->indirect ? v->arr : NULL;
    int64_t first = 0, n = (int64_t)items->n;
    if (a) {
        int64_t top = arr_next_index(a);
        if (off < 0)
            off = off < -top ? -1 : off + top;
        if (off < 0) {
            *start = *end = 0;
            return true;
        }
        while (first < n && a->v[first].idx < off)
            first++;
    } else {
        if (off < 0)
            off = off < -n ? n + 1 : off + n;
        first = off;
    }
    if (len < 0) {
        sh_error(e->sh, "%s[@]: substring expression < 0", p->text);
        e->err = X_ERROR;
        return false;
    }
    if (first > n)
        first = n;
    *start = first;
    *end = len > n - first ? n : first + len;
    return true;
}

/* ---- what a parameter stands for ---- */

/* Does p stand for a list ($@ $* a[@] a[*] ${!a[@]} ${!pre@})? Then
 * fills items and tells whether it is the * form. */
static bool param_list(Expander *e, const WordPart *p, StrList *items, bool *star)
{
    Shell *sh = e->sh;
    const char *name = p->text;
    if (p->op == PO_NAMES) {
        *star = p->atop == '*';
        size_t n, len = strlen(name);
        Var **vs = var_sorted(sh, &n);
        for (size_t i = 0; i < n; i++)
            if (strncmp(vs[i]->name, name, len) == 0 && (vs[i]->value || vs[i]->arr))
                sl_push(items, xstrdup(vs[i]->name));
        xfree(vs);
        return true;
    }
    if (!p->has_index && !p->indirect && name[1] == '\0' && (name[0] == '@' || name[0] == '*')) {
        *star = name[0] == '*';
        for (int i = 0; i < sh->nargs; i++)
            sl_push(items, xstrdup(sh->args[i]));
        return true;
    }
    if (x_index_is(p, '@') || x_index_is(p, '*')) {
        *star = x_index_is(p, '*');
        var_elems(sh, name, p->indirect, items);
        return true;
    }
    return false;
}

/* The value of a parameter that is not a list; NULL when unset. */
static char *param_scalar(Expander *e, const WordPart *p, bool dq)
{
    Shell *sh = e->sh;
    if (p->has_index) {
        char *sub = expand_sub_str(e, p->index, 0);
        if (!sub)
            return NULL;
        bool err = false;
        char *v = var_get_elem(sh, p->text, sub, &err);
        xfree(sub);
        if (err)
            e->err = X_ERROR;
        return v;
    }
    char *v = param_value(sh, p->text, dq);
    if (!p->indirect)
        return v;
    /* ${!name}: the parameter whose name is name's value */
    if (!v) {
        if (sh->opts & OPT_NOUNSET) {
            sh_error(sh, "%s: unbound variable", p->text);
            e->err = X_FATAL;
        }
        return NULL;
    }
    bool err = false;
    char *r;
    size_t nl = sh_name_len(v);
    if (nl && v[nl] == '\0')
        r = param_value(sh, v, dq);
    else if (v[0] && (v[1] == '\0' || (v[0] >= '0' && v[0] <= '9' && strspn(v, "0123456789") == strlen(v))))
        r = param_value(sh, v, dq);
    else
        r = var_value_ref(sh, v, &err);
    if (err) {
        sh_error(sh, "%s: invalid indirect expansion", v);
        e->err = X_ERROR;
    }
    xfree(v);
    return r;
}

/* ${x@Q} and the other transformations of one value. */
static char *transform(Expander *e, const WordPart *p, char *val)
{
    StrBuf b;
    sb_init(&b);
    switch (p->atop) {
    case 'Q': sb_quote_bash(&b, val); break;
    case 'E': sh_put_escapes(&b, val); break;
    case 'P': {
        char *r = expand_prompt(e->sh, val);
        sb_puts(&b, r);
        xfree(r);
        break;
    }
    case 'U':
    case 'u':
    case 'L':
        sb_puts(&b, val);
        for (size_t i = 0; i < b.len; i++) {
            char c = b.s[i];
            if (p->atop == 'L' && c >= 'A' && c <= 'Z')
                b.s[i] = (char)(c + 32);
            else if (p->atop != 'L' && c >= 'a' && c <= 'z')
                b.s[i] = (char)(c - 32);
            if (p->atop == 'u')
                break;
        }
        break;
    case 'A': {
        Var *v = var_lookup(e->sh, p->text);
        if (v && (v->arr || v->flags)) {
            sb_puts(&b, "declare -");
            var_print_flags(&b, v);
            sb_printf(&b, " %s", p->text);
            if (v->arr)
                var_print_value(&b, v);
            else {
                sb_putc(&b, '=');
                sb_quote_bash(&b, val);
            }
        } else {
            sb_printf(&b, "%s=", p->text);
            sb_quote_bash(&b, val);
        }
        break;
    }
    case 'a': {
        Var *v = var_lookup(e->sh, p->text);
        if (v)
            var_print_flags(&b, v);
        if (b.len == 1 && b.s[0] == '-')
            sb_clear(&b);
        break;
    }
    case 'K':
    case 'k': sb_quote_bash(&b, val); break;
    }
    xfree(val);
    return b.s ? sb_take(&b) : xstrdup("");
}

/* The patterns of # % / and the replacement, expanded once. */
typedef struct ValueOp {
    char *pat, *rep;
} ValueOp;

static bool value_op_prepare(Expander *e, const WordPart *p, ValueOp *vo)
{
    vo->pat = vo->rep = NULL;
    bool case_pat = p->op >= PO_UPPER && p->op <= PO_LOWER_ALL && p->sub;
    if ((p->op >= PO_RM_SSUF && p->op <= PO_REPL_ALL) || case_pat) {
        vo->pat = expand_sub_str(e, p->sub, EXP_PATTERN);
        if (!vo->pat)
            return false;
    }
    if (p->op == PO_REPL || p->op == PO_REPL_ALL) {
        vo->rep = p->sub2 ? expand_sub_str(e, p->sub2, 0) : xstrdup("");
        if (!vo->rep)
            return false;
    }
    return true;
}

/* An operator that maps one value to another (# % / ^ , @X :o:l). */
static char *value_op(Expander *e, const WordPart *p, const ValueOp *vo, char *val)
{
    switch (p->op) {
    case PO_RM_SSUF:
    case PO_RM_LSUF:
    case PO_RM_SPRE:
    case PO_RM_LPRE: {
        bool longest = p->op == PO_RM_LSUF || p->op == PO_RM_LPRE;
        if (p->op == PO_RM_SPRE || p->op == PO_RM_LPRE) {
            long m = glob_match_prefix(vo->pat, val, longest, glob_flags(e->sh, 0));
            if (m > 0)
                memmove(val, val + m, strlen(val + m) + 1);
        } else {
            long m = glob_match_suffix(vo->pat, val, longest, glob_flags(e->sh, 0));
            if (m > 0)
                val[strlen(val) - (size_t)m] = '\0';
        }
        return val;
    }
    case PO_SUBSTR: {
        int64_t a, b, n = (int64_t)utf8_count(val);
        if (!substr_range(e, p, n, &a, &b))
            return val;
        size_t from = utf8_offset(val, (size_t)a), to = utf8_offset(val, (size_t)b);
        memmove(val, val + from, to - from);
        val[to - from] = '\0';
        return val;
    }
    case PO_UPPER:
    case PO_UPPER_ALL:
    case PO_LOWER:
    case PO_LOWER_ALL: {
        bool up = p->op == PO_UPPER || p->op == PO_UPPER_ALL;
        bool all = p->op == PO_UPPER_ALL || p->op == PO_LOWER_ALL;
        for (char *c = val; *c; c++) {
            /* ${x^^pat}: only the characters pat matches (bash) */
            char one[2] = {*c, '\0'};
            if (vo->pat && *vo->pat && !glob_match(vo->pat, one, glob_flags(e->sh, 0))) {
                if (!all)
                    break;
                continue;
            }
            if (up && *c >= 'a' && *c <= 'z')
                *c = (char)(*c - 32);
            else if (!up && *c >= 'A' && *c <= 'Z')
                *c = (char)(*c + 32);
            if (!all)
                break;
        }
        return val;
    }
    case PO_REPL:
    case PO_REPL_ALL: {
        char *r = param_replace(val, vo->pat, vo->rep, p->op == PO_REPL_ALL,
                                glob_flags(e->sh, SHOPT_NOCASEMATCH)); /* bash: nocasematch applies to / */
        xfree(val);
        return r;
    }
    case PO_TRANSFORM: return transform(e, p, val);
    }
    return val;
}

void expand_param(Expander *e, const WordPart *p, bool dq)
{
    Shell *sh = e->sh;
    const char *name = p->text;
    if ((name[0] == 'P' || name[0] == 'F' || name[0] == 'B') && !p->indirect)
        var_refresh_dynamic(sh, name);
    StrList items;
    sl_init(&items);
    bool star = false;
    bool list = param_list(e, p, &items, &star);
    char *val = NULL;
    if (!list) {
        val = param_scalar(e, p, dq);
        if (e->err) {
            xfree(val);
            return;
        }
    }
    int flag = dq ? F_QUOTED : F_EXP;
    bool unset = list ? items.n == 0 : !val;
    bool null = list ? (items.n == 0 || (items.n == 1 && !items.v[0][0])) : (!val || !*val);
    bool unset_or_null = p->colon ? null : unset;
    /* set -u: every operator but - = + ? needs the variable (bash) */
    bool tests_unset = p->op == PO_DEFAULT || p->op == PO_ASSIGN || p->op == PO_ALT || p->op == PO_ERROR;
    if (unset && !list && !tests_unset && (sh->opts & OPT_NOUNSET)) {
        sh_error(sh, "%s: unbound variable", name);
        e->err = X_FATAL;
        goto out;
    }
    switch (p->op) {
    case PO_NONE: break;
    case PO_LENGTH:
    {
        size_t len = list ? items.n : val ? utf8_count(val) : 0;
        xfree(val);
        val = sh_strdup_printf("%zu", len);
        list = false;
    }
        break;
    case PO_DEFAULT:
    case PO_ALT:
        if (unset_or_null == (p->op == PO_DEFAULT)) {
            int saved = e->lit_flag;
            e->lit_flag = dq ? F_LIT : F_EXP; /* ${u:-a b} unquoted is split */
            expand_parts(e, p->sub, dq);
            e->lit_flag = saved;
            goto out;
        }
        if (p->op == PO_ALT)
            goto out;
        break;
    case PO_ASSIGN:
        if (unset_or_null) {
            xfree(val);
            val = expand_sub_str(e, p->sub, 0);
            if (!val)
                goto out;
            if (list || (!sh_is_name(name) && !p->has_index) || p->indirect) {
                sh_error(sh, "$%s: cannot assign in this way", name);
                e->err = X_FATAL;
                goto out;
            }
            int r;
            if (p->has_index) {
                char *sub = expand_sub_str(e, p->index, 0);
                r = sub ? var_set_elem(sh, name, sub, val, false) : -1;
                xfree(sub);
            } else {
                r = var_set(sh, name, val, 0);
            }
            if (r < 0) {
                e->err = X_FATAL;
                goto out;
            }
        }
        break;
    case PO_ERROR:
        if (unset_or_null) {
            char *msg = p->sub ? expand_sub_str(e, p->sub, 0) : NULL;
            sh_error(sh, "%s: %s", name, msg && *msg ? msg : "parameter null or not set");
            xfree(msg);
            e->err = X_FATAL;
            goto out;
        }
        break;
    case PO_SUBSTR:
        if (list) {
            int64_t a, b;
            if (!p->has_index) {
                /* ${@:2}: parameters from $2 on; offset 0 is $0 */
                StrList all;
                sl_init(&all);
                sl_push(&all, xstrdup(sh->arg0 ? sh->arg0 : "sh"));
                for (size_t i = 0; i < items.n; i++)
                    sl_push(&all, xstrdup(items.v[i]));
                if (substr_range(e, p, (int64_t)all.n, &a, &b))
                    expand_list(e, all.v + a, (int)(b - a), dq, star);
                sl_free(&all);
                goto out;
            }
            if (array_slice(e, p, &items, &a, &b))
                expand_list(e, items.v + a, (int)(b - a), dq, star);
            goto out;
        }
        if (!val)
            val = xstrdup("");
        /* fall through */
    default: {
        if (!val && !list)
            break;
        ValueOp vo;
        if (value_op_prepare(e, p, &vo)) {
            if (list)
                for (size_t i = 0; i < items.n && !e->err; i++)
                    items.v[i] = value_op(e, p, &vo, items.v[i]);
            else
                val = value_op(e, p, &vo, val);
        }
        xfree(vo.pat);
        xfree(vo.rep);
        break;
    }
    }
    if (e->err)
        goto out;
    if (list)
        expand_list(e, items.v, (int)items.n, dq, star);
    else if (val)
        x_adds(e, val, flag);
out:
    xfree(val);
    sl_free(&items);
}

/* ---- tilde ---- */

