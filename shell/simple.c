/* simple.c — running a simple command: expansion, assignments, then a
 * function, a builtin (in this process, redirections saved and restored
 * around it) or a program (spawned with file actions, waited for as a
 * foreground job).
 */
#include "sh.h"

/* ---- command lookup ---- */

char *sh_find_command(Shell *sh, const char *name)
{
    if (!*name)
        return NULL;
    if (strchr(name, '/'))
        return xstrdup(name);
    const char *path = var_get(sh, "PATH");
    if (!path)
        path = "/bin:/usr/bin";
    StrBuf cand;
    sb_init(&cand);
    const char *p = path;
    for (;;) {
        const char *end = strchr(p, ':');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        sb_clear(&cand);
        if (n == 0)
            sb_putc(&cand, '.');
        else
            sb_putn(&cand, p, n);
        sb_putc(&cand, '/');
        sb_puts(&cand, name);
        FileStat st;
        if (sys_stat(cand.s, &st).error == AX_OK && AX_S_ISREG(st.mode) && (st.mode & 0111))
            return sb_take(&cand);
        if (!end)
            break;
        p = end + 1;
    }
    sb_free(&cand);
    return NULL;
}

/* ---- tracing (set -x) ---- */

void sh_xtrace(Shell *sh, char **assigns, size_t na, char **argv)
{
    StrBuf b;
    sb_init(&b);
    const char *ps4 = var_get(sh, "PS4");
    sb_puts(&b, ps4 ? ps4 : "+ ");
    bool first = true;
    for (size_t i = 0; i < na; i++) {
        if (!first)
            sb_putc(&b, ' ');
        first = false;
        char *eq = strchr(assigns[i], '=');
        sb_putn(&b, assigns[i], (size_t)(eq - assigns[i]) + 1);
        sb_quote(&b, eq + 1);
    }
    for (size_t i = 0; argv && argv[i]; i++) {
        if (!first)
            sb_putc(&b, ' ');
        first = false;
        sb_quote(&b, argv[i]);
    }
    sb_putc(&b, '\n');
    sh_write_all(2, b.s, b.len);
    sb_free(&b);
}

/* ---- assignments ---- */

/* The value of an assignment word after its "NAME=" / "NAME[sub]+=":
 * expanded with no splitting or globbing, tildes after = and :. The
 * name and subscript come back in *ref (heap, "NAME" or "NAME[sub]"
 * with the subscript expanded), *append tells +=. NULL after an error. */
static char *assign_value(Shell *sh, const Word *w, char **ref, bool *append)
{
    size_t pre = sh_assign_prefix(w->raw);
    size_t nl = sh_name_len(w->raw);
    *append = w->raw[pre - 2] == '+';
    if (w->raw[nl] != '[') {
        /* NAME= sits in the first literal part */
        WordPart first = *w->parts;
        first.text = w->parts->text + pre;
        *ref = xstrndup(w->raw, nl);
        char *v = expand_parts_str(sh, &first, EXP_TILDE_ASSIGN);
        if (!v) {
            xfree(*ref);
            *ref = NULL;
        }
        return v;
    }
    /* NAME[sub]=value: expand it all, then cut after the subscript */
    char *all = expand_word_str(sh, w, EXP_TILDE_ASSIGN);
    if (!all)
        return NULL;
    size_t name_len, sub_len;
    const char *sub;
    if (!var_split_ref(all, &name_len, &sub, &sub_len) || !sub) {
        sh_error(sh, "%s: bad array subscript", w->raw);
        xfree(all);
        return NULL;
    }
    const char *after = sub + sub_len + 1;
    if (*after == '+')
        after++;
    *ref = xstrndup(all, (size_t)(sub + sub_len + 1 - all));
    char *v = xstrdup(*after == '=' ? after + 1 : after);
    xfree(all);
    return v;
}

/* The words of NAME=( ... ): each split and globbed, except [k]=v. */
static int array_words(Shell *sh, const Word *elems, StrList *out)
{
    sl_init(out);
    for (const Word *e = elems; e; e = e->next) {
        Word one = *e;
        one.next = NULL;
        if (e->raw[0] == '[' && strstr(e->raw, "]=")) {
            char *v = expand_word_str(sh, &one, EXP_TILDE_ASSIGN);
            if (!v)
                return 1;
            sl_push(out, v);
        } else if (expand_words(sh, &one, out, EXP_SPLIT | EXP_GLOB) != 0) {
            return 1;
        }
    }
    sl_terminate(out);
    return 0;
}

int sh_assign_value(Shell *sh, const char *ref, const char *val, bool append, unsigned flags)
{
    size_t nl, sl;
    const char *sub;
    var_split_ref(ref, &nl, &sub, &sl);
    char *name = xstrndup(ref, nl);
    Var *v = var_lookup(sh, name);
    char *owned = NULL;
    if (v && (v->flags & VAR_INTEGER)) {
        int64_t n, old = 0;
        if (arith_eval(sh, val, &n) != 0) {
            xfree(name);
            return -1;
        }
        if (append) {
            char *cur = sub ? NULL : sh_dynamic_value(sh, name);
            if (cur)
                arith_eval(sh, cur, &old);
            xfree(cur);
        }
        owned = sh_strdup_printf("%lld", (long long)(int64_t)((uint64_t)old + (uint64_t)n));
        val = owned;
        append = false;
    }
    int r;
    if (sub) {
        char *s = xstrndup(sub, sl);
        r = var_set_elem(sh, name, s, val, append);
        xfree(s);
        if (r == 0 && flags)
            var_set(sh, name, NULL, flags);
    } else if (append) {
        const char *cur = var_get(sh, name);
        char *joined = sh_strdup_printf("%s%s", cur ? cur : "", val);
        r = var_set(sh, name, joined, flags);
        xfree(joined);
    } else {
        r = var_set(sh, name, val, flags);
    }
    xfree(owned);
    xfree(name);
    return r;
}

/* Do one assignment word. saves: a temporary one (before a builtin or
 * function), saved there first. env: the "NAME=value" it gives a child
 * (NULL: none wanted). Returns 0, 1 after an expansion error, -1 when
 * the variable is readonly. */
static int assign_word(Shell *sh, const Word *w, unsigned flags, LocalSave **saves, StrList *env)
{
    if (w->array_lit) {
        StrList words;
        if (array_words(sh, w->elems, &words) != 0) {
            sl_free(&words);
            return 1;
        }
        size_t nl = sh_name_len(w->raw);
        char *name = xstrndup(w->raw, nl);
        if (saves)
            *saves = var_save_temp(sh, name, *saves);
        int r = var_set_array(sh, name, words.v, words.n, w->raw[nl] == '+', 0);
        if (r == 0 && flags)
            var_set(sh, name, NULL, flags);
        xfree(name);
        sl_free(&words);
        return r;
    }
    char *ref;
    bool append;
    char *val = assign_value(sh, w, &ref, &append);
    if (!val)
        return 1;
    if (saves) {
        size_t nl = sh_name_len(ref);
        char *name = xstrndup(ref, nl);
        *saves = var_save_temp(sh, name, *saves);
        xfree(name);
    }
    int r = sh_assign_value(sh, ref, val, append, flags);
    if (r == 0 && env && !strchr(ref, '[')) {
        const char *now = var_get(sh, ref);
        sl_push(env, sh_strdup_printf("%s=%s", ref, now ? now : ""));
    }
    xfree(ref);
    xfree(val);
    return r;
}

/* Every assignment of a command, left to right, each seeing the ones
 * before it. Returns 0, 1 (expansion error) or -1 (readonly). */
static int assign_all(Shell *sh, const Word *w, unsigned flags, LocalSave **saves, StrList *env)
{
    for (; w; w = w->next) {
        int r = assign_word(sh, w, flags, saves, env);
        if (r != 0)
            return r;
    }
    return 0;
}

/* For a child's environment without touching this shell's variables
 * (a program in a pipeline): "NAME=value" strings. 0 or 1. */
int sh_expand_assigns(Shell *sh, const Word *w, StrList *out)
{
    sl_init(out);
    LocalSave *saves = NULL;
    int r = assign_all(sh, w, 0, &saves, out);
    var_restore_temp(sh, saves);
    sl_terminate(out);
    return r != 0;
}

/* set -x shows the assignments as typed, expanded. */
static void xtrace_assigns(Shell *sh, const Word *w, StrList *out)
{
    sl_init(out);
    for (; w; w = w->next) {
        if (w->array_lit) {
            sl_push(out, sh_strdup_printf("%s(...)", w->raw));
            continue;
        }
        char *ref;
        bool append;
        char *v = assign_value(sh, w, &ref, &append);
        if (v)
            sl_push(out, sh_strdup_printf("%s%s=%s", ref, append ? "+" : "", v));
        xfree(ref);
        xfree(v);
    }
    sl_terminate(out);
}

/* ---- functions and builtins ---- */

int sh_call_function(Shell *sh, Func *f, int argc, char **argv, int flags)
{
    f->refs++;
    char **saved_args = sh->args;
    int saved_n = sh->nargs;
    int saved_loop = sh->loop_depth;
    LocalSave *saved_frame = sh->local_frame;
    sh->args = xmalloc(sizeof(char *) * (size_t)(argc > 0 ? argc : 1));
    for (int i = 1; i < argc; i++)
        sh->args[i - 1] = xstrdup(argv[i]);
    sh->nargs = argc - 1;
    sh->local_frame = sh->locals;
    sh->loop_depth = 0;
    sh->func_depth++;
    frame_push(sh, f->name, f->source, true);
    int st = sh_exec(sh, f->body, flags & ~EX_LAST);
    if (sh->jump == JUMP_RETURN) {
        sh->jump = JUMP_NONE;
        st = sh->status;
    }
    sh->func_depth--;
    frame_pop(sh, true);
    var_pop_locals(sh, sh->local_frame);
    sh->local_frame = saved_frame;
    sh->loop_depth = saved_loop;
    for (int i = 0; i < sh->nargs; i++)
        xfree(sh->args[i]);
    xfree(sh->args);
    sh->args = saved_args;
    sh->nargs = saved_n;
    func_release(f);
    return st;
}

/* POSIX 2.8.1: an error in a special builtin (a usage error, a
 * redirection or assignment that fails) ends a non-interactive shell. */
static void special_error(Shell *sh, int st)
{
    if (!sh->interactive)
        sh_exit(sh, st);
    sh->jump = JUMP_ABORT;
}

/* Run a builtin or function in this shell with redirections around it. */
static int run_in_shell(Shell *sh, const Node *n, StrList *argv, const Builtin *bi, Func *f, int flags)
{
    LocalSave *saves = NULL;
    bool special = bi && bi->special;
    int st;
    /* before a special builtin assignments stay, exported (bash
     * --posix); before a function they are exported to what it runs,
     * and undone after it */
    int r = assign_all(sh, n->assigns, (f || special) ? VAR_EXPORT : 0, special ? NULL : &saves, NULL);
    if (r != 0) {
        var_restore_temp(sh, saves);
        if (r < 0 && special)
            special_error(sh, 1);
        return 1;
    }
    RedirState rs = {0};
    if (redir_apply(sh, n->redirs, &rs) != 0) {
        st = 1;
        if (special) {
            redir_restore(sh, &rs);
            special_error(sh, 1);
            return 1;
        }
    } else if (f) {
        st = sh_call_function(sh, f, (int)argv->n, argv->v, flags);
    } else {
        sh->fatal_error = false;
        st = bi->fn(sh, (int)argv->n, argv->v);
        /* eval and . say themselves (fatal_error) whether their 2 is their own */
        bool runs_code = bi->fn == bi_eval || bi->fn == bi_source;
        /* a usage error (2) is fatal outside a condition only: bash
         * carries on after `set -o nosuch || true` */
        bool usage = st == 2 && !runs_code && !(flags & EX_NOERREXIT);
        if (special && (sh->fatal_error || usage) && sh->jump != JUMP_RETURN) {
            redir_restore(sh, &rs);
            special_error(sh, st);
            return st;
        }
    }
    redir_restore(sh, &rs);
    var_restore_temp(sh, saves);
    return st;
}

/* ---- programs ---- */

int sh_spawn_error(Shell *sh, const char *name, int err)
{
    if (err == AX_ENOENT) {
        sh_error(sh, "%s: No such file or directory", name);
        return 127;
    }
    FileStat st;
    if (sys_stat(name, &st).error == AX_OK && AX_S_ISDIR(st.mode))
        err = AX_EISDIR;
    sh_error(sh, "%s: %s", name, err == AX_EACCES ? "Permission denied" : sys_strerror((SyscallError)err));
    return 126;
}

/* A program's environment: the command's assignments are made for the
 * moment, left to right, and go into it; plan (if any) gets the
 * redirections, made while they hold. NULL after an error (as filled
 * in; env untouched). */
static char **program_env(Shell *sh, const Node *n, SpawnPlan *plan, StrList *as, StrList *env)
{
    LocalSave *saves = NULL;
    sl_init(as);
    int r = assign_all(sh, n->assigns, 0, &saves, as);
    sl_terminate(as);
    if (r == 0 && plan)
        r = redir_plan(sh, n->redirs, plan);
    char **envp = r == 0 ? var_env(sh, as->v, as->n, env) : NULL;
    var_restore_temp(sh, saves);
    return envp;
}

__attribute__((noinline)) static int run_program(Shell *sh, const Node *n, const char *path, StrList *argv)
{
    SpawnPlan plan;
    plan_init(&plan);
    StrList as, env;
    char **envp = program_env(sh, n, &plan, &as, &env);
    if (!envp) {
        sl_free(&as);
        plan_free(&plan);
        return 1;
    }
    StrBuf name;
    sb_init(&name);
    ast_print(&name, n, false);
    Job *j = job_new(sh, name.s ? name.s : argv->v[0], false);
    sb_free(&name);
    plan.pgroup = sh->jobctl ? 0 : -1;
    int pid = plan_spawn(sh, &plan, path, argv->v, envp);
    plan_free(&plan);
    sl_free(&env);
    sl_free(&as);
    if (pid < 0) {
        job_free(sh, j);
        return sh_spawn_error(sh, argv->v[0], -pid);
    }
    job_add_proc(sh, j, pid);
    if (sh->jobctl)
        j->pgid = pid;
    return job_wait_fg(sh, j);
}

/* May the last command of this process replace it (sys_exec) rather than
 * run as its child? bash does so for the last simple command of `sh -c`
 * and of a subshell when no redirection, trap or job control needs the
 * shell afterwards; $PPID in that program then names our parent, as
 * with bash (`x=$(sh -c 'echo $PPID')`). */
static bool exec_in_place(Shell *sh, const Node *n, int flags)
{
    if (!(flags & EX_LAST) || n->redirs || sh->interactive || sh->jobctl || sh->err_trap)
        return false;
    for (int s = 0; s < AX_NSIG; s++)
        if (sh->traps[s] && sh->traps[s][0])
            return false;
    return true;
}

/* Run the program in place of this shell; returns only if it could not
 * start, with its status (126/127). */
__attribute__((noinline)) static int exec_program(Shell *sh, const Node *n, const char *path, StrList *argv)
{
    StrList as, env;
    char **envp = program_env(sh, n, NULL, &as, &env);
    if (!envp) {
        sl_free(&as);
        return 1;
    }
    int err = sh_exec_replace(sh, path, argv->v, envp);
    sl_free(&env);
    sl_free(&as);
    return sh_spawn_error(sh, argv->v[0], err);
}

/* The words of a declaration builtin (export a=$x, local -a l=(1 2)):
 * NAME=value arguments expand as assignments do, with no splitting or
 * globbing; an array's words travel as "NAME=( 'w1' 'w2' )". */
static int expand_decl_words(Shell *sh, const Word *w, StrList *out)
{
    for (; w; w = w->next) {
        Word one = *w;
        one.next = NULL;
        bool assign = sh_assign_prefix(w->raw) > 0 && w->parts && w->parts->kind == WP_LIT &&
                      strlen(w->parts->text) > sh_name_len(w->raw);
        if (!assign) {
            if (expand_words(sh, &one, out, EXP_SPLIT | EXP_GLOB) != 0)
                return 1;
            continue;
        }
        if (w->array_lit) {
            StrList words;
            if (array_words(sh, w->elems, &words) != 0) {
                sl_free(&words);
                return 1;
            }
            StrBuf b;
            sb_init(&b);
            sb_puts(&b, w->raw);
            sb_putc(&b, '(');
            for (size_t i = 0; i < words.n; i++) {
                sb_putc(&b, ' ');
                sb_quote_bash(&b, words.v[i]);
            }
            sb_puts(&b, " )");
            sl_push(out, sb_take(&b));
            sl_free(&words);
            continue;
        }
        char *ref;
        bool append;
        char *v = assign_value(sh, w, &ref, &append);
        if (!v)
            return 1;
        sl_push(out, sh_strdup_printf("%s%s=%s", ref, append ? "+" : "", v));
        xfree(ref);
        xfree(v);
    }
    return 0;
}

static int expand_command(Shell *sh, const Node *n, StrList *argv)
{
    if (!n->decl)
        return expand_words(sh, n->words, argv, EXP_SPLIT | EXP_GLOB);
    Word first = *n->words;
    first.next = NULL;
    int r = expand_words(sh, &first, argv, EXP_SPLIT | EXP_GLOB);
    if (r == 0)
        r = expand_decl_words(sh, n->words->next, argv);
    sl_terminate(argv);
    return r;
}

int sh_exec_simple(Shell *sh, const Node *n, int flags)
{
    sh->lineno = n->lineno;
    sh->subst_status = -1;
    StrList argv;
    sl_init(&argv);
    int st;
    if (expand_command(sh, n, &argv) != 0) {
        st = 1;
        goto done;
    }
    if (sh->opts & OPT_XTRACE) {
        StrList as;
        xtrace_assigns(sh, n->assigns, &as);
        sh_xtrace(sh, as.v, as.n, argv.n ? argv.v : NULL);
        sl_free(&as);
    }
    if (argv.n == 0) {
        /* assignments and redirections only; assigning a readonly
         * variable ends a script, as in bash */
        int r = assign_all(sh, n->assigns, 0, NULL, NULL);
        if (r != 0) {
            st = 1;
            if (r < 0)
                special_error(sh, 1);
            goto done;
        }
        RedirState rs = {0};
        st = redir_apply(sh, n->redirs, &rs);
        redir_restore(sh, &rs);
        if (st == 0 && sh->subst_status >= 0)
            st = sh->subst_status;
        goto done;
    }
    const char *name = argv.v[0];
    const Builtin *bi = builtin_find(name);
    Func *f = (bi && bi->special) ? NULL : func_get(sh, name);
    /* `command exec` is exec without its special powers: a failed
     * redirection is no fatal error */
    bool cmd_exec = bi && bi->fn == bi_command && argv.n == 2 && strcmp(argv.v[1], "exec") == 0;
    if (bi && ((bi->fn == bi_exec && argv.n == 1) || cmd_exec)) {
        /* exec with redirections only: they stay */
        int r = assign_all(sh, n->assigns, 0, NULL, NULL);
        st = r != 0 || redir_apply(sh, n->redirs, NULL);
        if (st && !cmd_exec)
            special_error(sh, 1);
        goto done;
    }
    if (bi || f) {
        st = run_in_shell(sh, n, &argv, f ? NULL : bi, f, flags);
        /* a signal the builtin sent this shell (kill $$) is taken now,
         * before the next command, as in bash */
        if (bi && bi->fn == bi_kill && sh->sigpipe_r >= 0) {
            sh->status = st;
            trap_run_pending(sh);
        }
        goto done;
    }
    char *path = sh_find_hashed(sh, name);
    if (!path) {
        /* redirections still happen (and may fail first), as in bash */
        RedirState rs = {0};
        st = redir_apply(sh, n->redirs, &rs);
        if (st == 0) {
            sh_error(sh, "%s: command not found", name);
            st = 127;
        }
        redir_restore(sh, &rs);
        goto done;
    }
    st = exec_in_place(sh, n, flags) ? exec_program(sh, n, path, &argv) : run_program(sh, n, path, &argv);
    xfree(path);
done:
    sh_set_pipestatus(sh, &st, 1);
    if (argv.n) {
        sb_clear(&sh->last_arg);
        sb_puts(&sh->last_arg, argv.v[argv.n - 1]);
    }
    sl_free(&argv);
    sh->status = st;
    sh_check_errexit(sh, st, flags);
    return st;
}
