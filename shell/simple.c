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

/* Expand NAME=value words into "NAME=value" heap strings. */
int sh_expand_assigns(Shell *sh, const Word *w, StrList *out)
{
    sl_init(out);
    for (; w; w = w->next) {
        size_t nl = sh_name_len(w->raw);
        /* the first part starts with NAME=: expand the rest */
        WordPart first = *w->parts;
        first.text = w->parts->text + nl + 1;
        char *val = expand_parts_str(sh, &first, EXP_TILDE_ASSIGN);
        if (!val)
            return 1;
        sl_push(out, sh_strdup_printf("%.*s=%s", (int)nl, w->raw, val));
        xfree(val);
    }
    sl_terminate(out);
    return 0;
}

static int assign_all(Shell *sh, StrList *as, unsigned flags)
{
    for (size_t i = 0; i < as->n; i++) {
        char *eq = strchr(as->v[i], '=');
        *eq = '\0';
        int r = var_set(sh, as->v[i], eq + 1, flags);
        *eq = '=';
        if (r < 0)
            return 1;
    }
    return 0;
}

/* Assignments that last only for one builtin or function call. */
static int assign_temp(Shell *sh, StrList *as, LocalSave **saves)
{
    for (size_t i = 0; i < as->n; i++) {
        char *eq = strchr(as->v[i], '=');
        *eq = '\0';
        *saves = var_save_temp(sh, as->v[i], *saves);
        int r = var_set(sh, as->v[i], eq + 1, 0);
        *eq = '=';
        if (r < 0)
            return 1;
    }
    return 0;
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
    int st = sh_exec(sh, f->body, flags & ~EX_LAST);
    if (sh->jump == JUMP_RETURN) {
        sh->jump = JUMP_NONE;
        st = sh->status;
    }
    sh->func_depth--;
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

/* Run a builtin or function in this shell with redirections around it. */
static int run_in_shell(Shell *sh, const Node *n, StrList *argv, StrList *as, const Builtin *bi, Func *f,
                        int flags)
{
    LocalSave *saves = NULL;
    bool temp = !(bi && bi->special);
    int st;
    if (temp ? assign_temp(sh, as, &saves) : assign_all(sh, as, 0)) {
        var_restore_temp(sh, saves);
        return 1;
    }
    RedirState rs = {0};
    if (redir_apply(sh, n->redirs, &rs) != 0) {
        st = 1;
    } else if (f) {
        st = sh_call_function(sh, f, (int)argv->n, argv->v, flags);
    } else {
        st = bi->fn(sh, (int)argv->n, argv->v);
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

__attribute__((noinline)) static int run_program(Shell *sh, const Node *n, const char *path, StrList *argv, StrList *as)
{
    SpawnPlan plan;
    plan_init(&plan);
    if (redir_plan(sh, n->redirs, &plan) != 0) {
        plan_free(&plan);
        return 1;
    }
    StrList env;
    char **envp = var_env(sh, as->v, as->n, &env);
    StrBuf name;
    sb_init(&name);
    ast_print(&name, n, false);
    Job *j = job_new(sh, name.s ? name.s : argv->v[0], false);
    sb_free(&name);
    plan.pgroup = sh->jobctl ? 0 : -1;
    int pid = plan_spawn(sh, &plan, path, argv->v, envp);
    plan_free(&plan);
    sl_free(&env);
    if (pid < 0) {
        job_free(sh, j);
        return sh_spawn_error(sh, argv->v[0], -pid);
    }
    job_add_proc(sh, j, pid);
    if (sh->jobctl)
        j->pgid = pid;
    return job_wait_fg(sh, j);
}

int sh_exec_simple(Shell *sh, const Node *n, int flags)
{
    sh->lineno = n->lineno;
    sh->subst_status = -1;
    StrList argv, as;
    sl_init(&argv);
    sl_init(&as);
    int st;
    if (expand_words(sh, n->words, &argv, EXP_SPLIT | EXP_GLOB) != 0 || sh_expand_assigns(sh, n->assigns, &as) != 0) {
        st = 1;
        goto done;
    }
    if (sh->opts & OPT_XTRACE)
        sh_xtrace(sh, as.v, as.n, argv.n ? argv.v : NULL);
    if (argv.n == 0) {
        /* assignments and redirections only; assigning a readonly
         * variable abandons the command line, as in bash */
        st = assign_all(sh, &as, 0);
        if (st) {
            sh->jump = JUMP_ABORT;
            goto done;
        }
        if (st == 0) {
            RedirState rs = {0};
            st = redir_apply(sh, n->redirs, &rs);
            redir_restore(sh, &rs);
        }
        if (st == 0 && sh->subst_status >= 0)
            st = sh->subst_status;
        goto done;
    }
    const char *name = argv.v[0];
    const Builtin *bi = builtin_find(name);
    Func *f = (bi && bi->special) ? NULL : func_get(sh, name);
    if (bi && bi->fn == bi_exec && argv.n == 1) {
        /* exec with redirections only: they stay */
        st = assign_all(sh, &as, 0) || redir_apply(sh, n->redirs, NULL);
        goto done;
    }
    if (bi || f) {
        st = run_in_shell(sh, n, &argv, &as, f ? NULL : bi, f, flags);
        goto done;
    }
    char *path = sh_find_command(sh, name);
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
    st = run_program(sh, n, path, &argv, &as);
    xfree(path);
done:
    sl_free(&argv);
    sl_free(&as);
    sh->status = st;
    sh_check_errexit(sh, st, flags);
    return st;
}
