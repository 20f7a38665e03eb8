/* find's expression parser: GNU find's grammar, by precedence
 *   list  := or { "," or }
 *   or    := and { ("-o" | "-or") and }
 *   and   := unary { ["-a" | "-and"] unary }
 *   unary := ("!" | "-not") unary | "(" list ")" | primary
 * The options -maxdepth, -mindepth and -depth are primaries that are always
 * true and set the walk's state, as in GNU find. With no action in the
 * expression, the whole of it is wrapped as "( EXPR ) -print". */
#include <string.h>

#include "find.h"

typedef struct Parser {
    FindState *s;
    char **v;
    int n, i;
    bool has_action;
} Parser;

static FindNode *node(Parser *p, FindKind kind)
{
    FindNode *n = xcalloc(1, sizeof *n);
    n->kind = kind;
    FindState *s = p->s;
    s->nodes = xrealloc(s->nodes, (s->nnodes + 1) * sizeof *s->nodes);
    s->nodes[s->nnodes++] = n;
    return n;
}

static FindNode *binary(Parser *p, FindKind kind, FindNode *l, FindNode *r)
{
    FindNode *n = node(p, kind);
    n->left = l;
    n->right = r;
    return n;
}

static const char *peek(Parser *p) { return p->i < p->n ? p->v[p->i] : NULL; }

static const char *arg_of(Parser *p, const char *pred)
{
    if (p->i >= p->n) {
        u_eprintf("find: missing argument to `%s'\n", pred);
        return NULL;
    }
    return p->v[p->i++];
}

/* "+N", "-N" or "N" for the numeric tests; a unit suffix for -size. */
static bool parse_num(FindNode *n, const char *a, const char *pred, bool size)
{
    const char *s = a;
    n->cmp = *s == '+' ? 1 : *s == '-' ? -1 : 0;
    if (n->cmp)
        s++;
    if (*s < '0' || *s > '9')
        goto bad;
    int64_t v = 0;
    while (*s >= '0' && *s <= '9') {
        if (v > (INT64_MAX - 9) / 10)
            goto bad;
        v = v * 10 + (*s++ - '0');
    }
    n->num = v;
    if (size) {
        n->unit = 512;
        if (*s) {
            switch (*s) {
            case 'b': n->unit = 512; break;
            case 'c': n->unit = 1; break;
            case 'w': n->unit = 2; break;
            case 'k': n->unit = 1024; break;
            case 'M': n->unit = 1024 * 1024; break;
            case 'G': n->unit = 1024 * 1024 * 1024; break;
            default:
                u_eprintf("find: invalid -size type `%c'\n", *s);
                return false;
            }
            if (s[1]) {
                u_eprintf("find: invalid -size type `%s'\n", s);
                return false;
            }
        }
        return true;
    }
    if (*s)
        goto bad;
    return true;
bad:
    u_eprintf("find: invalid argument `%s' to `%s'\n", a, pred);
    return false;
}

/* -perm MODE: octal, or symbolic as chmod takes it (u+x,g=r...), applied
 * to 0. The leading '-' or '/' has been taken off. */
static bool parse_mode(const char *s, uint32_t *out)
{
    if (*s >= '0' && *s <= '7') {
        uint32_t m = 0;
        for (; *s; s++) {
            if (*s < '0' || *s > '7' || m > 07777)
                return false;
            m = m * 8 + (uint32_t)(*s - '0');
        }
        if (m > 07777)
            return false;
        *out = m;
        return true;
    }
    uint32_t mode = 0;
    while (*s) {
        uint32_t who = 0;
        for (; strchr("ugoa", *s) && *s; s++)
            who |= *s == 'u' ? 04700 : *s == 'g' ? 02070 : *s == 'o' ? 01007 : 07777;
        if (!who)
            who = 07777;
        if (*s != '+' && *s != '-' && *s != '=')
            return false;
        while (*s == '+' || *s == '-' || *s == '=') {
            char op = *s++;
            uint32_t bits = 0;
            for (; *s && strchr("rwxXst", *s); s++)
                bits |= *s == 'r' ? 0444 : *s == 'w' ? 0222 : *s == 'x' || *s == 'X' ? 0111
                      : *s == 's' ? 06000 : 01000;
            bits &= who;
            if (op == '=')
                mode &= ~who;
            if (op == '-')
                mode &= ~bits;
            else
                mode |= bits;
        }
        if (*s == ',')
            s++;
        else if (*s)
            return false;
    }
    *out = mode;
    return true;
}

static FindNode *parse_list(Parser *p);

/* -exec / -ok: the words up to ";" or "{} +". */
static FindNode *parse_exec(Parser *p, FindKind kind, const char *pred)
{
    FindNode *n = node(p, kind);
    int start = p->i;
    for (; p->i < p->n; p->i++) {
        const char *w = p->v[p->i];
        if (strcmp(w, ";") == 0)
            break;
        if (strcmp(w, "+") == 0 && kind == FN_EXEC && p->i > start &&
            strcmp(p->v[p->i - 1], "{}") == 0) {
            n->plus = true;
            break;
        }
    }
    if (p->i >= p->n || p->i == start) {
        u_eprintf("find: missing argument to `%s'\n", pred);
        return NULL;
    }
    n->argc = p->i - start;
    n->argv = p->v + start;
    p->i++;
    p->has_action = true;
    return n;
}

/* -user NAME|UID, -group NAME|GID: a name from the account files, or a
 * number (GNU's messages for neither). */
static FindNode *owner_test(Parser *p, const char *a)
{
    bool user = a[1] == 'u';
    FindNode *n = node(p, user ? FN_UID : FN_GID);
    const char *v = arg_of(p, a);
    if (!v)
        return NULL;
    UAccounts acc;
    u_accounts_load(&acc);
    const UAccount *who = user ? u_user_by_name(&acc, v) : u_group_by_name(&acc, v);
    int64_t id = -1;
    if (who) {
        id = who->id;
    } else if (*v) {
        id = 0;
        for (const char *c = v; *c && id >= 0; c++)
            id = *c >= '0' && *c <= '9' && id < 0xffffffffLL ? id * 10 + (*c - '0') : -1;
    }
    u_accounts_free(&acc);
    if (id < 0 || id > 0xffffffffLL) {
        u_eprintf(user ? "find: '%s' is not the name of a known user\n"
                       : "find: '%s' is not the name of an existing group\n", v);
        return NULL;
    }
    n->num = id;
    return n;
}

static FindNode *parse_primary(Parser *p)
{
    const char *a = p->v[p->i++];
    static const struct {
        const char *name;
        FindKind kind;
    } simple[] = {
        {"-true", FN_TRUE},   {"-false", FN_FALSE}, {"-print", FN_PRINT}, {"-print0", FN_PRINT0},
        {"-prune", FN_PRUNE}, {"-empty", FN_EMPTY}, {"-delete", FN_DELETE}, {"-quit", FN_QUIT},
    };
    for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++) {
        if (strcmp(a, simple[i].name) == 0) {
            FindNode *n = node(p, simple[i].kind);
            if (n->kind == FN_PRINT || n->kind == FN_PRINT0 || n->kind == FN_DELETE ||
                n->kind == FN_QUIT)
                p->has_action = true;
            if (n->kind == FN_DELETE)
                p->s->depth_first = true;
            return n;
        }
    }
    /* options that do not test anything; -xdev & co mean nothing on one fs */
    if (strcmp(a, "-depth") == 0 || strcmp(a, "-d") == 0) {
        p->s->depth_first = true;
        return node(p, FN_TRUE);
    }
    if (strcmp(a, "-xdev") == 0 || strcmp(a, "-mount") == 0 || strcmp(a, "-noleaf") == 0 ||
        strcmp(a, "-ignore_readdir_race") == 0)
        return node(p, FN_TRUE);
    if (strcmp(a, "-follow") == 0) { /* the old name of -L */
        p->s->follow = 'L';
        return node(p, FN_TRUE);
    }
    if (strcmp(a, "-user") == 0 || strcmp(a, "-group") == 0)
        return owner_test(p, a);
    if (strcmp(a, "-uid") == 0 || strcmp(a, "-gid") == 0) {
        FindNode *n = node(p, a[1] == 'u' ? FN_UID : FN_GID);
        const char *v = arg_of(p, a);
        if (!v || !parse_num(n, v, a, false))
            return NULL;
        return n;
    }
    if (strcmp(a, "-maxdepth") == 0 || strcmp(a, "-mindepth") == 0) {
        const char *v = arg_of(p, a);
        if (!v)
            return NULL;
        int64_t d = 0;
        const char *c = v;
        for (; *c >= '0' && *c <= '9' && d < 1000000000; c++)
            d = d * 10 + (*c - '0');
        if (!*v || *c) {
            u_eprintf("find: Expected a positive decimal integer argument to %s, but got `%s'\n",
                      a, v);
            return NULL;
        }
        if (a[2] == 'a')
            p->s->maxdepth = (int)d;
        else
            p->s->mindepth = (int)d;
        return node(p, FN_TRUE);
    }
    struct {
        const char *name;
        FindKind kind;
        bool icase;
    } pats[] = {{"-name", FN_NAME, false},       {"-iname", FN_NAME, true},
                {"-path", FN_PATH, false},       {"-ipath", FN_PATH, true},
                {"-wholename", FN_PATH, false},  {"-iwholename", FN_PATH, true}};
    for (size_t i = 0; i < sizeof pats / sizeof pats[0]; i++) {
        if (strcmp(a, pats[i].name) == 0) {
            FindNode *n = node(p, pats[i].kind);
            n->icase = pats[i].icase;
            if (!(n->str = arg_of(p, a)))
                return NULL;
            return n;
        }
    }
    if (strcmp(a, "-type") == 0) {
        FindNode *n = node(p, FN_TYPE);
        const char *v = arg_of(p, a);
        if (!v)
            return NULL;
        /* GNU: one letter, or several separated by commas */
        for (const char *c = v; *c; c += 2) {
            if (!strchr("bcdpfls", *c) || (c[1] && c[1] != ',') || (c[1] == ',' && !c[2])) {
                u_eprintf("find: Unknown argument to -type: %s\n", v);
                return NULL;
            }
            if (!c[1])
                break;
        }
        if (!*v) {
            u_eprintf("find: Arguments to -type should contain at least one letter\n");
            return NULL;
        }
        n->str = v;
        return n;
    }
    struct {
        const char *name;
        FindKind kind;
    } nums[] = {{"-size", FN_SIZE},   {"-mtime", FN_MTIME}, {"-atime", FN_ATIME},
                {"-ctime", FN_CTIME}, {"-mmin", FN_MMIN},   {"-amin", FN_AMIN},
                {"-cmin", FN_CMIN},   {"-links", FN_LINKS}, {"-inum", FN_INUM}};
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        if (strcmp(a, nums[i].name) == 0) {
            FindNode *n = node(p, nums[i].kind);
            const char *v = arg_of(p, a);
            if (!v || !parse_num(n, v, a, n->kind == FN_SIZE))
                return NULL;
            return n;
        }
    }
    if (strcmp(a, "-newer") == 0) {
        FindNode *n = node(p, FN_NEWER);
        const char *v = arg_of(p, a);
        if (!v)
            return NULL;
        FileStat st;
        SyscallResult r = sys_stat(v, &st);
        if (r.error != AX_OK) {
            u_perror("find", v, r.error);
            return NULL;
        }
        n->num = (int64_t)st.mtime_ns;
        return n;
    }
    if (strcmp(a, "-perm") == 0) {
        FindNode *n = node(p, FN_PERM);
        const char *v = arg_of(p, a);
        if (!v)
            return NULL;
        const char *m = v;
        if (*m == '-' || *m == '/' || *m == '+') {
            n->cmp = *m == '-' ? -1 : 1;
            m++;
        }
        if (!parse_mode(m, &n->perm)) {
            u_eprintf("find: invalid mode `%s'\n", v);
            return NULL;
        }
        return n;
    }
    if (strcmp(a, "-printf") == 0) {
        FindNode *n = node(p, FN_PRINTF);
        if (!(n->str = arg_of(p, a)))
            return NULL;
        p->has_action = true;
        return n;
    }
    if (strcmp(a, "-exec") == 0)
        return parse_exec(p, FN_EXEC, a);
    if (strcmp(a, "-ok") == 0)
        return parse_exec(p, FN_OK, a);
    if (a[0] == '-' && a[1])
        u_eprintf("find: unknown predicate `%s'\n", a);
    else
        u_eprintf("find: paths must precede expression: `%s'\n", a);
    return NULL;
}

static bool is_op(const char *t, const char *a, const char *b)
{
    return t && (strcmp(t, a) == 0 || (b && strcmp(t, b) == 0));
}

static FindNode *parse_unary(Parser *p)
{
    const char *t = peek(p);
    if (!t) {
        u_eprintf("find: invalid expression\n");
        return NULL;
    }
    if (is_op(t, "!", "-not")) {
        p->i++;
        FindNode *l = parse_unary(p);
        if (!l)
            return NULL;
        FindNode *n = node(p, FN_NOT);
        n->left = l;
        return n;
    }
    if (strcmp(t, "(") == 0) {
        p->i++;
        if (is_op(peek(p), ")", NULL)) {
            u_eprintf("find: invalid expression; empty parentheses are not allowed.\n");
            return NULL;
        }
        FindNode *n = parse_list(p);
        if (!n)
            return NULL;
        if (!is_op(peek(p), ")", NULL)) {
            u_eprintf("find: invalid expression; I was expecting to find a ')' somewhere but "
                      "did not see one.\n");
            return NULL;
        }
        p->i++;
        return n;
    }
    if (is_op(t, "-o", "-or") || is_op(t, "-a", "-and") || is_op(t, ",", NULL)) {
        u_eprintf("find: invalid expression; you have used a binary operator '%s' with nothing "
                  "before it.\n",
                  t);
        return NULL;
    }
    if (strcmp(t, ")") == 0) {
        u_eprintf("find: invalid expression; you have too many ')'\n");
        return NULL;
    }
    return parse_primary(p);
}

static FindNode *parse_and(Parser *p)
{
    FindNode *l = parse_unary(p);
    while (l) {
        const char *t = peek(p);
        if (!t || is_op(t, "-o", "-or") || is_op(t, ",", NULL) || is_op(t, ")", NULL))
            break;
        if (is_op(t, "-a", "-and")) {
            p->i++;
            if (!peek(p)) {
                u_eprintf("find: invalid expression; you have used a binary operator '%s' with "
                          "nothing after it.\n",
                          t);
                return NULL;
            }
        }
        FindNode *r = parse_unary(p);
        if (!r)
            return NULL;
        l = binary(p, FN_AND, l, r);
    }
    return l;
}

static FindNode *parse_or(Parser *p)
{
    FindNode *l = parse_and(p);
    while (l && is_op(peek(p), "-o", "-or")) {
        const char *t = p->v[p->i++];
        if (!peek(p)) {
            u_eprintf("find: invalid expression; you have used a binary operator '%s' with "
                      "nothing after it.\n",
                      t);
            return NULL;
        }
        FindNode *r = parse_and(p);
        if (!r)
            return NULL;
        l = binary(p, FN_OR, l, r);
    }
    return l;
}

static FindNode *parse_list(Parser *p)
{
    FindNode *l = parse_or(p);
    while (l && is_op(peek(p), ",", NULL)) {
        p->i++;
        FindNode *r = parse_or(p);
        if (!r)
            return NULL;
        l = binary(p, FN_COMMA, l, r);
    }
    return l;
}

int find_parse(FindState *s, int argc, char **argv)
{
    Parser p = {s, argv, argc, 0, false};
    FindNode *e;
    if (argc == 0) {
        e = node(&p, FN_TRUE);
    } else {
        e = parse_list(&p);
        if (e && p.i < p.n) {
            u_eprintf("find: invalid expression; you have too many ')'\n");
            e = NULL;
        }
        if (!e) {
            find_free(s);
            return -1;
        }
    }
    if (!p.has_action)
        e = binary(&p, FN_AND, e, node(&p, FN_PRINT));
    s->expr = e;
    return 0;
}

void find_free(FindState *s)
{
    for (size_t i = 0; i < s->nnodes; i++) {
        FindNode *n = s->nodes[i];
        for (size_t j = 0; j < n->nbatch; j++)
            xfree(n->batch[j]);
        xfree(n->batch);
        xfree(n);
    }
    xfree(s->nodes);
    s->nodes = NULL;
    s->nnodes = 0;
    s->expr = NULL;
}
