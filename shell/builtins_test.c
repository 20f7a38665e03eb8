/* builtins_test.c — test and [: POSIX's rules by argument count (so
 * `test -n` and `test ! = x` mean what POSIX says), then a recursive
 * descent with ! ( ) -a -o for longer expressions.
 */
#include "sh.h"

typedef struct TestCtx {
    Shell *sh;
    char **v;
    int n, i;
    int err; /* 2 after a syntax or number error */
    const char *who;
} TestCtx;

static int test_expr(TestCtx *t);

static bool is_unary(const char *s)
{
    return s[0] == '-' && s[1] && !s[2] && strchr("aedfrwxsLhpcbSzntugkGONov", s[1]);
}

static bool is_binary(const char *s)
{
    static const char *const ops[] = {"=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge",
                                      "-nt", "-ot", "-ef", NULL};
    for (int i = 0; ops[i]; i++)
        if (strcmp(s, ops[i]) == 0)
            return true;
    return false;
}

static void test_fail(TestCtx *t, const char *fmt, const char *arg)
{
    if (t->err)
        return;
    t->err = 2;
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, fmt, arg);
    sh_error(t->sh, "%s: %s", t->who, b.s);
    sb_free(&b);
}

static int64_t test_int(TestCtx *t, const char *s)
{
    int64_t v;
    if (!sh_parse_int(s, &v)) {
        test_fail(t, "%s: integer expression expected", s);
        return 0;
    }
    return v;
}

/* Is the set -o option `name` on? (test -o; an unknown name is false) */
static bool option_on(Shell *sh, const char *name)
{
    for (int i = 0; sh_options[i].name; i++)
        if (strcmp(sh_options[i].name, name) == 0)
            return (sh->opts & sh_options[i].bit) != 0;
    return false;
}

/* test -v: is the variable, or the array element name[sub], set? */
static bool var_is_set(Shell *sh, const char *name)
{
    const char *br = strchr(name, '[');
    size_t len = strlen(name);
    if (br && len > 2 && name[len - 1] == ']') {
        char *base = xstrndup(name, (size_t)(br - name));
        char *sub = xstrndup(br + 1, len - (size_t)(br - name) - 2);
        bool err = false;
        char *v = sh_is_name(base) ? var_get_elem(sh, base, sub, &err) : NULL;
        bool set = v != NULL;
        xfree(v);
        xfree(base);
        xfree(sub);
        return set;
    }
    if (!sh_is_name(name))
        return false;
    char *v = sh_dynamic_value(sh, name);
    bool set = v != NULL;
    xfree(v);
    return set;
}

static bool unary(TestCtx *t, const char *op, const char *arg)
{
    char c = op[1];
    switch (c) {
    case 'z': return !*arg;
    case 'n': return *arg != 0;
    case 'o': return option_on(t->sh, arg);
    case 'v': return var_is_set(t->sh, arg);
    case 't': {
        /* bash: an operand that is no number is simply false */
        int64_t fd;
        return sh_parse_int(arg, &fd) && fd >= 0 && fd <= INT32_MAX && u_isatty((int)fd);
    }
    case 'r':
    case 'w':
    case 'x':
        /* the permission the caller has, as access(2) judges it, not the
         * mode bits alone (bash uses eaccess; axos's ids are equal) */
        return sys_access(arg, c == 'r' ? AX_R_OK : c == 'w' ? AX_W_OK : AX_X_OK).error == AX_OK;
    }
    FileStat st;
    if ((c == 'L' || c == 'h' ? sys_lstat(arg, &st) : sys_stat(arg, &st)).error != AX_OK)
        return false;
    switch (c) {
    case 'a':
    case 'e': return true;
    case 'f': return AX_S_ISREG(st.mode);
    case 'd': return AX_S_ISDIR(st.mode);
    case 's': return st.size > 0;
    case 'p': return AX_S_ISFIFO(st.mode);
    case 'c': return AX_S_ISCHR(st.mode);
    case 'S': return AX_S_ISSOCK(st.mode);
    case 'L':
    case 'h': return AX_S_ISLNK(st.mode);
    case 'u': return (st.mode & AX_S_ISUID) != 0;
    case 'g': return (st.mode & AX_S_ISGID) != 0;
    case 'k': return (st.mode & AX_S_ISVTX) != 0;
    case 'O': return st.uid == (uint32_t)sys_geteuid().value;
    case 'G': return st.gid == (uint32_t)sys_getegid().value;
    case 'N': return st.mtime_ns > st.atime_ns;
    case 'b': return false; /* axos has no block devices */
    }
    return false;
}

static bool binary(TestCtx *t, const char *a, const char *op, const char *b)
{
    if (strcmp(op, "=") == 0 || strcmp(op, "==") == 0)
        return strcmp(a, b) == 0;
    if (strcmp(op, "!=") == 0)
        return strcmp(a, b) != 0;
    if (strcmp(op, "<") == 0)
        return strcmp(a, b) < 0;
    if (strcmp(op, ">") == 0)
        return strcmp(a, b) > 0;
    if (strcmp(op, "-nt") == 0 || strcmp(op, "-ot") == 0 || strcmp(op, "-ef") == 0) {
        FileStat sa, sb;
        bool ha = sys_stat(a, &sa).error == AX_OK, hb = sys_stat(b, &sb).error == AX_OK;
        if (op[1] == 'e')
            return ha && hb && sa.ino == sb.ino && sa.dev == sb.dev;
        if (op[1] == 'n')
            return ha && (!hb || sa.mtime_ns > sb.mtime_ns);
        return hb && (!ha || sa.mtime_ns < sb.mtime_ns);
    }
    int64_t x = test_int(t, a), y = test_int(t, b);
    if (strcmp(op, "-eq") == 0)
        return x == y;
    if (strcmp(op, "-ne") == 0)
        return x != y;
    if (strcmp(op, "-lt") == 0)
        return x < y;
    if (strcmp(op, "-le") == 0)
        return x <= y;
    if (strcmp(op, "-gt") == 0)
        return x > y;
    return x >= y;
}

/* For [[ ]] (cond.c): the same operators, errors reported as `who`.
 * *err becomes 2 after an error (a bad integer). */
bool test_is_unary(const char *op)
{
    return is_unary(op);
}

bool test_is_binary(const char *op)
{
    return is_binary(op);
}

bool test_unary(Shell *sh, const char *who, const char *op, const char *arg, int *err)
{
    TestCtx t = {.sh = sh, .who = who};
    bool r = unary(&t, op, arg);
    *err = t.err;
    return r;
}

bool test_binary(Shell *sh, const char *who, const char *a, const char *op, const char *b, int *err)
{
    TestCtx t = {.sh = sh, .who = who};
    bool r = binary(&t, a, op, b);
    *err = t.err;
    return r;
}

static const char *peek(TestCtx *t, int k)
{
    return t->i + k < t->n ? t->v[t->i + k] : NULL;
}

static int test_primary(TestCtx *t)
{
    const char *a = peek(t, 0);
    if (!a) {
        test_fail(t, "%s", "argument expected");
        return 0;
    }
    if (strcmp(a, "(") == 0) {
        t->i++;
        int r = test_expr(t);
        if (!peek(t, 0) || strcmp(peek(t, 0), ")") != 0) {
            test_fail(t, "%s", "`)' expected");
            return 0;
        }
        t->i++;
        return r;
    }
    const char *b = peek(t, 1);
    if (b && is_binary(b) && peek(t, 2)) {
        t->i += 3;
        return binary(t, a, b, peek(t, -1));
    }
    if (is_unary(a) && b) {
        t->i += 2;
        return unary(t, a, b);
    }
    t->i++;
    return *a != 0;
}

static int test_not(TestCtx *t)
{
    if (peek(t, 0) && strcmp(peek(t, 0), "!") == 0 && peek(t, 1)) {
        t->i++;
        return !test_not(t);
    }
    return test_primary(t);
}

static int test_and(TestCtx *t)
{
    int r = test_not(t);
    while (peek(t, 0) && strcmp(peek(t, 0), "-a") == 0) {
        t->i++;
        int r2 = test_not(t);
        r = r && r2;
    }
    return r;
}

static int test_expr(TestCtx *t)
{
    int r = test_and(t);
    while (peek(t, 0) && strcmp(peek(t, 0), "-o") == 0) {
        t->i++;
        int r2 = test_and(t);
        r = r || r2;
    }
    return r;
}

/* POSIX: up to four arguments are decided by their count. */
static int test_by_count(TestCtx *t, char **v, int n)
{
    switch (n) {
    case 0: return 0;
    case 1: return *v[0] != 0;
    case 2:
        if (strcmp(v[0], "!") == 0)
            return !test_by_count(t, v + 1, 1);
        if (is_unary(v[0]))
            return unary(t, v[0], v[1]);
        break;
    case 3:
        if (is_binary(v[1]))
            return binary(t, v[0], v[1], v[2]);
        if (strcmp(v[1], "-a") == 0)
            return *v[0] && *v[2];
        if (strcmp(v[1], "-o") == 0)
            return *v[0] || *v[2];
        if (strcmp(v[0], "!") == 0)
            return !test_by_count(t, v + 1, 2);
        if (strcmp(v[0], "(") == 0 && strcmp(v[2], ")") == 0)
            return test_by_count(t, v + 1, 1);
        break;
    case 4:
        if (strcmp(v[0], "!") == 0)
            return !test_by_count(t, v + 1, 3);
        if (strcmp(v[0], "(") == 0 && strcmp(v[3], ")") == 0)
            return test_by_count(t, v + 1, 2);
        break;
    }
    t->v = v;
    t->n = n;
    t->i = 0;
    int r = test_expr(t);
    if (!t->err && t->i < t->n)
        test_fail(t, "%s", t->i == 0 || n > 3 ? "too many arguments" : "syntax error");
    return r;
}

static int run_test(Shell *sh, const char *who, int argc, char **argv)
{
    TestCtx t = {.sh = sh, .who = who};
    int r = test_by_count(&t, argv, argc);
    if (t.err)
        return 2;
    return r ? 0 : 1;
}

int bi_test(Shell *sh, int argc, char **argv)
{
    return run_test(sh, "test", argc - 1, argv + 1);
}

int bi_bracket(Shell *sh, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[argc - 1], "]") != 0) {
        sh_error(sh, "[: missing `]'");
        return 2;
    }
    return run_test(sh, "[", argc - 2, argv + 1);
}
