/* builtins_var.c — builtins about variables and the shell's own state:
 * export, readonly, unset, local, set, shift, getopts, cd, pwd, times.
 */
#include "sh.h"

/* bash's set -o options, in the order set -o lists them */
const ShOption sh_options[] = {
    {OPT_ALLEXPORT, 'a', "allexport"},
    {OPT_BRACEEXPAND, 'B', "braceexpand"},
    {OPT_EMACS, 0, "emacs"},
    {OPT_ERREXIT, 'e', "errexit"},
    {OPT_ERRTRACE, 'E', "errtrace"},
    {OPT_FUNCTRACE, 'T', "functrace"},
    {OPT_HASHALL, 'h', "hashall"},
    {OPT_HISTEXPAND, 'H', "histexpand"},
    {OPT_HISTORY, 0, "history"},
    {OPT_IGNOREEOF, 0, "ignoreeof"},
    {OPT_INTCOMMENTS, 0, "interactive-comments"},
    {OPT_KEYWORD, 'k', "keyword"},
    {OPT_MONITOR, 'm', "monitor"},
    {OPT_NOCLOBBER, 'C', "noclobber"},
    {OPT_NOEXEC, 'n', "noexec"},
    {OPT_NOGLOB, 'f', "noglob"},
    {OPT_NOLOG, 0, "nolog"},
    {OPT_NOTIFY, 'b', "notify"},
    {OPT_NOUNSET, 'u', "nounset"},
    {OPT_ONECMD, 't', "onecmd"},
    {OPT_PHYSICAL, 'P', "physical"},
    {OPT_PIPEFAIL, 0, "pipefail"},
    {OPT_POSIX, 0, "posix"},
    {OPT_PRIVILEGED, 'p', "privileged"},
    {OPT_VERBOSE, 'v', "verbose"},
    {OPT_VI, 0, "vi"},
    {OPT_XTRACE, 'x', "xtrace"},
    {0, 0, NULL},
};

static void apply_option(Shell *sh, unsigned bit, bool on)
{
    if (on)
        sh->opts |= bit;
    else
        sh->opts &= ~bit;
    if (on && (bit & (OPT_EMACS | OPT_VI)))
        sh->opts &= ~((OPT_EMACS | OPT_VI) & ~bit); /* one editing mode at a time */
    if (bit == OPT_MONITOR)
        sh->jobctl = on;
    sh_update_shellopts(sh);
}

char *sh_option_letters(Shell *sh)
{
    StrBuf b;
    sb_init(&b);
    for (const char *l = "abefhikmnptuvxBCEHPT"; *l; l++) {
        if (*l == 'i') {
            if (sh->interactive)
                sb_putc(&b, 'i');
            continue;
        }
        for (const ShOption *o = sh_options; o->name; o++)
            if (o->letter == *l && (sh->opts & o->bit))
                sb_putc(&b, *l);
    }
    if (sh->input_letter)
        sb_putc(&b, sh->input_letter); /* s: commands from stdin, c: from -c */
    return sb_take(&b);
}

void sh_update_shellopts(Shell *sh)
{
    StrBuf b;
    sb_init(&b);
    for (const ShOption *o = sh_options; o->name; o++) {
        if (!(sh->opts & o->bit))
            continue;
        if (b.len)
            sb_putc(&b, ':');
        sb_puts(&b, o->name);
    }
    Var *v = var_lookup(sh, "SHELLOPTS");
    if (v)
        v->flags &= ~(unsigned)VAR_READONLY;
    var_set(sh, "SHELLOPTS", b.s ? b.s : "", 0);
    v = var_lookup(sh, "SHELLOPTS");
    if (v)
        v->flags |= VAR_READONLY;
    sb_free(&b);
}

int sh_set_option(Shell *sh, int c, bool on)
{
    for (const ShOption *o = sh_options; o->name; o++) {
        if (o->letter && o->letter == c) {
            apply_option(sh, o->bit, on);
            return 0;
        }
    }
    return -1;
}

int sh_set_option_long(Shell *sh, const char *name, bool on)
{
    for (const ShOption *o = sh_options; o->name; o++) {
        if (strcmp(o->name, name) == 0) {
            apply_option(sh, o->bit, on);
            return 0;
        }
    }
    return -1;
}

void sh_set_args(Shell *sh, char **argv, int n)
{
    char **args = xmalloc(sizeof(char *) * (size_t)(n > 0 ? n : 1));
    for (int i = 0; i < n; i++)
        args[i] = xstrdup(argv[i]);
    for (int i = 0; i < sh->nargs; i++)
        xfree(sh->args[i]);
    xfree(sh->args);
    sh->args = args;
    sh->nargs = n;
}

int bi_unset(Shell *sh, int argc, char **argv)
{
    int i = 1;
    char mode = 0;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-f") == 0)
            mode = 'f';
        else if (strcmp(argv[i], "-v") == 0)
            mode = 'v';
        else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else {
            sh_error(sh, "unset: %s: invalid option", argv[i]);
            return 2;
        }
    }
    int st = 0;
    for (; i < argc; i++) {
        if (mode == 'f') {
            func_unset(sh, argv[i]);
            continue;
        }
        size_t nl, sl;
        const char *sub;
        if (mode != 'f' && var_split_ref(argv[i], &nl, &sub, &sl) && sub && sub[sl + 1] == '\0') {
            char *name = xstrndup(argv[i], nl), *s = xstrndup(sub, sl);
            if (var_unset_elem(sh, name, s) < 0)
                st = 1;
            xfree(name);
            xfree(s);
            continue;
        }
        if (!sh_is_name(argv[i])) {
            if (mode == 0) {
                /* bash: no variable has that name, so it is taken as a
                 * function's (whose names may be almost anything) */
                func_unset(sh, argv[i]);
                continue;
            }
            sh_error(sh, "unset: `%s': not a valid identifier", argv[i]);
            st = 1;
            continue;
        }
        if (mode == 0 && !var_lookup(sh, argv[i]) && func_get(sh, argv[i])) {
            func_unset(sh, argv[i]);
            continue;
        }
        if (var_unset(sh, argv[i]) < 0)
            st = 1;
    }
    return st;
}

int bi_let(Shell *sh, int argc, char **argv)
{
    int64_t v = 0;
    if (argc < 2) {
        sh_error(sh, "let: expression expected");
        return 1;
    }
    for (int i = 1; i < argc; i++)
        if (arith_eval(sh, argv[i], &v) != 0)
            return 1;
    return v != 0 ? 0 : 1;
}

static int print_options(Shell *sh, bool as_commands)
{
    Out o;
    out_init(&o, 1);
    for (const ShOption *op = sh_options; op->name; op++) {
        bool on = (sh->opts & op->bit) != 0;
        if (as_commands)
            sb_printf(&o.b, "set %co %s\n", on ? '-' : '+', op->name);
        else
            sb_printf(&o.b, "%-15s\t%s\n", op->name, on ? "on" : "off");
    }
    return out_flush(&o);
}

int bi_set(Shell *sh, int argc, char **argv)
{
    if (argc == 1)
        return sh_list_vars(sh);
    int i = 1;
    bool set_args = false;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            set_args = true;
            break;
        }
        if (strcmp(a, "-") == 0) {
            sh->opts &= ~(unsigned)(OPT_XTRACE | OPT_VERBOSE);
            i++;
            set_args = i < argc;
            break;
        }
        if (strcmp(a, "+") == 0)
            continue; /* a lone + is an empty flag word (bash) */
        if ((a[0] != '-' && a[0] != '+') || !a[1])
            break;
        bool on = a[0] == '-';
        for (const char *c = a + 1; *c; c++) {
            if (*c == 'o') {
                if (i + 1 >= argc) {
                    print_options(sh, !on);
                    continue;
                }
                if (sh_set_option_long(sh, argv[++i], on) != 0) {
                    sh_error(sh, "set: %s: invalid option name", argv[i]);
                    return 2;
                }
                continue;
            }
            if (sh_set_option(sh, *c, on) != 0) {
                sh_error(sh, "set: %c%c: invalid option", a[0], *c);
                return 2;
            }
        }
    }
    if (i < argc || set_args)
        sh_set_args(sh, argv + i, argc - i);
    return 0;
}

int bi_shift(Shell *sh, int argc, char **argv)
{
    int64_t n = 1;
    if (argc > 1 && (!sh_parse_int(argv[1], &n) || n < 0)) {
        sh_error(sh, "shift: %s: numeric argument required", argv[1]);
        return 2;
    }
    if (n > sh->nargs)
        return 1;
    for (int i = 0; i < n; i++)
        xfree(sh->args[i]);
    memmove(sh->args, sh->args + n, sizeof(char *) * (size_t)(sh->nargs - n));
    sh->nargs -= (int)n;
    return 0;
}

int bi_getopts(Shell *sh, int argc, char **argv)
{
    if (argc < 3) {
        sh_error(sh, "getopts: usage: getopts optstring name [arg ...]");
        return 2;
    }
    const char *opts = argv[1], *name = argv[2];
    char **args = argc > 3 ? argv + 3 : sh->args;
    int nargs = argc > 3 ? argc - 3 : sh->nargs;
    const char *oi = var_get(sh, "OPTIND");
    int64_t optind = 1;
    if (oi && (!sh_parse_int(oi, &optind) || optind < 1))
        optind = 1;
    /* the position inside "-abc" is ours; a reset OPTIND forgets it */
    if (optind != sh->getopts_ind)
        sh->getopts_pos = 0;
    bool silent = opts[0] == ':';
    char result = '?';
    int st = 0;
    char *optarg = NULL;
    if (optind > nargs) {
        optind = nargs + 1; /* past the end: bash says where the end is */
        st = 1;
    } else {
        const char *arg = args[optind - 1];
        if (sh->getopts_pos == 0) {
            if (arg[0] != '-' || !arg[1]) {
                st = 1;
            } else if (strcmp(arg, "--") == 0) {
                optind++;
                st = 1;
            } else {
                sh->getopts_pos = 1;
            }
        }
        if (st == 0) {
            char c = arg[sh->getopts_pos++];
            char cs[2] = {c, 0};
            bool last = !arg[sh->getopts_pos];
            const char *spec = c != ':' ? strchr(opts, c) : NULL;
            if (!spec) {
                if (silent)
                    optarg = xstrdup(cs);
                else
                    sh_error(sh, "illegal option -- %c", c);
            } else if (spec[1] != ':') {
                result = c;
            } else if (!last) {
                optarg = xstrdup(arg + sh->getopts_pos);
                last = true;
                result = c;
            } else if (optind < nargs) {
                optarg = xstrdup(args[optind]);
                optind++;
                result = c;
            } else if (silent) {
                optarg = xstrdup(cs);
                result = ':';
            } else {
                sh_error(sh, "option requires an argument -- %c", c);
            }
            if (last) {
                optind++;
                sh->getopts_pos = 0;
            }
        }
    }
    if (optarg)
        var_set(sh, "OPTARG", optarg, 0);
    else
        var_unset(sh, "OPTARG");
    xfree(optarg);
    char num[24];
    snprintf(num, sizeof num, "%lld", (long long)optind);
    var_set(sh, "OPTIND", num, 0);
    sh->getopts_ind = (int)optind;
    if (!sh_is_name(name)) {
        /* bash: the scan still moves OPTIND and OPTARG */
        sh_error(sh, "getopts: `%s': not a valid identifier", name);
        return 1;
    }
    char rs[2] = {result, 0};
    var_set(sh, name, rs, 0);
    return st;
}

/* ---- cd and pwd: POSIX's logical directory (cd -L) ---- */

/* Does path name the directory st describes? */
static bool same_dir(const char *path, const FileStat *st)
{
    FileStat p;
    return sys_stat(path, &p).error == AX_OK && p.dev == st->dev && p.ino == st->ino;
}

/* The current directory as $PWD gives it, when $PWD is an absolute path
 * with no . or .. component that still names it (POSIX pwd -L); NULL
 * otherwise. */
const char *sh_logical_pwd(Shell *sh)
{
    const char *pwd = var_get(sh, "PWD");
    if (!pwd || pwd[0] != '/')
        return NULL;
    for (const char *s = pwd; *s; s++)
        if (s[0] == '/' && s[1] == '.' && (!s[2] || s[2] == '/' || (s[2] == '.' && (!s[3] || s[3] == '/'))))
            return NULL;
    FileStat dot;
    if (sys_stat(".", &dot).error != AX_OK || !same_dir(pwd, &dot))
        return NULL;
    return pwd;
}

/* POSIX cd step 8: base/dir (dir alone when absolute) with . dropped and
 * each .. taking away the component before it, which must be a
 * directory. NULL (*err set) when one is not. */
static char *cd_canonical(const char *base, const char *dir, SyscallError *err)
{
    StrBuf in, out;
    sb_init(&in);
    sb_init(&out);
    if (dir[0] != '/') {
        sb_puts(&in, base);
        sb_putc(&in, '/');
    }
    sb_puts(&in, dir);
    for (const char *s = in.s; *s;) {
        while (*s == '/')
            s++;
        size_t n = strcspn(s, "/");
        if (n == 0)
            break;
        if (n == 1 && s[0] == '.') {
            /* nothing */
        } else if (n == 2 && s[0] == '.' && s[1] == '.') {
            FileStat st;
            SyscallResult r = sys_stat(out.len ? out.s : "/", &st);
            if (r.error != AX_OK || !AX_S_ISDIR(st.mode)) {
                *err = r.error != AX_OK ? r.error : AX_ENOTDIR;
                sb_free(&in);
                sb_free(&out);
                return NULL;
            }
            while (out.len && out.s[out.len - 1] != '/')
                out.len--;
            if (out.len)
                out.len--;
            if (out.s)
                out.s[out.len] = '\0';
        } else {
            sb_putc(&out, '/');
            sb_putn(&out, s, n);
        }
        s += n;
    }
    sb_free(&in);
    if (!out.len)
        sb_putc(&out, '/');
    return sb_take(&out);
}

/* cd's operand through $CDPATH: the directory to use, and whether to
 * print the new directory (found through a non-empty entry). */
static char *cd_search(Shell *sh, const char *dir, bool *print)
{
    const char *cdpath = var_get(sh, "CDPATH");
    bool dotted = dir[0] == '.' && (dir[1] == '/' || !dir[1] || (dir[1] == '.' && (dir[2] == '/' || !dir[2])));
    if (!cdpath || dir[0] == '/' || dotted)
        return xstrdup(dir);
    for (const char *p = cdpath;;) {
        const char *e = strchr(p, ':');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char *cand = n ? sh_strdup_printf("%.*s%s%s", (int)n, p, p[n - 1] == '/' ? "" : "/", dir) : xstrdup(dir);
        FileStat st;
        if (sys_stat(cand, &st).error == AX_OK && AX_S_ISDIR(st.mode)) {
            *print = n > 0;
            return cand;
        }
        xfree(cand);
        if (!e)
            break;
        p = e + 1;
    }
    return xstrdup(dir);
}

/* cd [-L|-P] [-e] [dir | -]: POSIX. -L (the default) keeps the path as
 * typed through symbolic links in $PWD, -P the physical one. */
int bi_cd(Shell *sh, int argc, char **argv)
{
    bool physical = (sh->opts & OPT_PHYSICAL) != 0;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        const char *o = argv[i] + 1;
        if (strspn(o, "LPe@") != strlen(o))
            break; /* "-" or an operand such as -foo */
        for (; *o; o++)
            if (*o == 'L' || *o == 'P')
                physical = *o == 'P';
    }
    if (argc - i > 1) {
        sh_error(sh, "cd: too many arguments");
        return 1;
    }
    const char *arg = i < argc ? argv[i] : NULL;
    bool print = false;
    if (!arg) {
        arg = var_get(sh, "HOME");
        if (!arg) {
            sh_error(sh, "cd: HOME not set");
            return 1;
        }
    } else if (strcmp(arg, "-") == 0) {
        arg = var_get(sh, "OLDPWD");
        if (!arg || !*arg) {
            sh_error(sh, "cd: OLDPWD not set");
            return 1;
        }
        print = true;
    }
    if (!*arg)
        return 0; /* bash: an empty operand changes nothing */
    char *dir = cd_search(sh, arg, &print);
    char cwd[AX_PATH_MAX + 1];
    const char *base = sh_logical_pwd(sh);
    if (!base)
        base = sys_getcwd(cwd, sizeof cwd).error == AX_OK ? cwd : NULL;
    char *oldpwd = xstrdup(base ? base : "");
    char *newpwd = NULL;
    SyscallError err = AX_OK;
    if (!physical && base) {
        char *logical = cd_canonical(base, dir, &err);
        if (logical && (err = sys_chdir(logical).error) == AX_OK)
            newpwd = logical;
        else
            xfree(logical);
    }
    if (!newpwd && (physical || !base || err != AX_ENOENT)) {
        /* -P, or a logical path that failed otherwise than by a missing
         * name: the path as the system resolves it (bash does both) */
        err = sys_chdir(dir).error;
        if (err == AX_OK)
            newpwd = xstrdup(sys_getcwd(cwd, sizeof cwd).error == AX_OK ? cwd : dir);
    }
    xfree(dir);
    if (!newpwd) {
        sh_error(sh, "cd: %s: %s", arg, sys_strerror(err));
        xfree(oldpwd);
        return 1;
    }
    var_set(sh, "OLDPWD", oldpwd, VAR_EXPORT);
    var_set(sh, "PWD", newpwd, VAR_EXPORT);
    xfree(oldpwd);
    int st = 0;
    if (print)
        st = sh_fdprintf(1, "%s\n", newpwd) != 0;
    xfree(newpwd);
    return st;
}

/* pwd [-L|-P]: POSIX. */
int bi_pwd(Shell *sh, int argc, char **argv)
{
    bool physical = (sh->opts & OPT_PHYSICAL) != 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (argv[i][0] != '-' || !argv[i][1])
            break; /* bash ignores operands */
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o != 'L' && *o != 'P') {
                sh_error(sh, "pwd: -%c: invalid option", *o);
                sh_fdprintf(2, "pwd: usage: pwd [-LP]\n");
                return 2;
            }
            physical = *o == 'P';
        }
    }
    char cwd[AX_PATH_MAX + 1];
    const char *out = physical ? NULL : sh_logical_pwd(sh);
    if (!out) {
        SyscallResult r = sys_getcwd(cwd, sizeof cwd);
        if (r.error != AX_OK) {
            sh_error(sh, "pwd: error retrieving current directory: %s", sys_strerror(r.error));
            return 1;
        }
        out = cwd;
    }
    Out o;
    out_init(&o, 1);
    sb_printf(&o.b, "%s\n", out);
    return out_flush(&o);
}

int bi_times(Shell *sh, int argc, char **argv)
{
    (void)argc, (void)argv;
    uint64_t cpu = 0;
    int me = (int)sys_getpid().value;
    size_t cap = 64;
    ProcInfo *all = xmalloc(cap * sizeof *all);
    SyscallResult r = sys_proclist(all, cap);
    for (int64_t i = 0; r.error == AX_OK && i < r.value && (size_t)i < cap; i++)
        if (all[i].pid == me)
            cpu = all[i].cpu_ns;
    xfree(all);
    (void)sh;
    uint64_t ms = cpu / 1000000;
    return sh_fdprintf(1, "%dm%d.%03ds 0m0.000s\n0m0.000s 0m0.000s\n", (int)(ms / 60000), (int)(ms / 1000 % 60),
                       (int)(ms % 1000)) != 0;
}

/* umask [-p] [-S] [MODE]: POSIX. MODE is octal or symbolic, as chmod
 * reads it, applied to the permissions the mask lets through (so
 * "u=rwx,go=rx" is 022); -S shows those permissions symbolically, -p in
 * a form the shell reads back. */
int bi_umask(Shell *sh, int argc, char **argv)
{
    bool symbolic = false, reusable = false;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (const char *c = argv[i] + 1; *c; c++) {
            if (*c == 'S') {
                symbolic = true;
            } else if (*c == 'p') {
                reusable = true;
            } else {
                sh_error(sh, "umask: -%c: invalid option", *c);
                sh_fdprintf(2, "umask: usage: umask [-p] [-S] [mode]\n");
                return 2;
            }
        }
    }
    uint32_t mask = (uint32_t)sys_umask(0).value;
    sys_umask(mask);
    if (i < argc) {
        uint32_t allowed;
        if (!u_mode_apply(argv[i], AX_S_IFREG | (0777 & ~mask), 0, &allowed)) {
            sh_error(sh, "umask: %s: invalid symbolic mode operator", argv[i]);
            return 1;
        }
        /* an octal MODE is the mask itself */
        bool octal = argv[i][0] >= '0' && argv[i][0] <= '7';
        sys_umask(octal ? allowed & 0777 : 0777 & ~allowed);
        return 0;
    }
    if (!symbolic)
        return sh_fdprintf(1, "%s%04o\n", reusable ? "umask " : "", mask) != 0;
    char who[3][8];
    for (int c = 0; c < 3; c++) {
        uint32_t bits = (~mask >> (6 - 3 * c)) & 7;
        snprintf(who[c], sizeof who[c], "%s%s%s", bits & 4 ? "r" : "", bits & 2 ? "w" : "",
                 bits & 1 ? "x" : "");
    }
    return sh_fdprintf(1, "%su=%s,g=%s,o=%s\n", reusable ? "umask -S " : "", who[0], who[1],
                       who[2]) != 0;
}
