/* pipeline.c — commands that run in child processes: pipelines (all
 * their commands run at once, joined by pipes), background lists,
 * ( subshells ) and $(command substitution).
 *
 * A program in a pipeline is spawned directly with its argv; anything
 * else (a builtin, a function, a compound command) runs in a re-executed
 * shell (subshell.c). With job control every job gets its own process
 * group, led by its first process, and a foreground job gets the terminal.
 */
#include "sh.h"

static void job_text(StrBuf *b, const Node *n)
{
    sb_init(b);
    ast_print(b, n, false);
}

/* Could expanding these words change this shell (${x=v}, $((x=1)))?
 * Then a pipeline's command expands them in its own child, as a forked
 * subshell would. */
static bool parts_have_effects(const WordPart *p)
{
    for (; p; p = p->next) {
        if (p->kind == WP_ARITH || (p->kind == WP_PARAM && p->op == PO_ASSIGN))
            return true;
        if (parts_have_effects(p->sub) || parts_have_effects(p->sub2) || parts_have_effects(p->index))
            return true;
    }
    return false;
}

static bool words_have_effects(const Word *w)
{
    for (; w; w = w->next)
        if (parts_have_effects(w->parts) || (w->array_lit && words_have_effects(w->elems)))
            return true;
    return false;
}

/* Does a redirection name an existing FIFO? Opening one waits for the
 * other end, so the child must do it, as a forked child would: the shell
 * goes on (`cmd 3>fifo &`). Only literal targets are looked at, to
 * expand nothing twice. */
static bool redirs_open_fifo(const Redir *r)
{
    for (; r; r = r->next) {
        if (r->kind > R_RDWR || r->fdvar)
            continue;
        const char *lit = word_literal(r->target);
        FileStat st;
        if (lit && sys_stat(lit, &st).error == AX_OK && AX_S_ISFIFO(st.mode))
            return true;
    }
    return false;
}

/* Start one command of a job in a child. Returns its pid, or 0 with
 * *status set when nothing could be started (the error is reported). */
static int start_element(Shell *sh, const Node *e, SpawnPlan *plan, int *status, int how)
{
    bool child_redirs = e->redirs && redirs_open_fifo(e->redirs);
    if (e->kind == N_SIMPLE && e->words && !child_redirs && !words_have_effects(e->words) &&
        !words_have_effects(e->assigns)) {
        const char *lit = word_literal(e->words);
        if (!lit || (!builtin_find(lit) && !func_get(sh, lit))) {
            StrList argv;
            sl_init(&argv);
            if (expand_words(sh, e->words, &argv, EXP_SPLIT | EXP_GLOB) != 0) {
                sl_free(&argv);
                *status = 1;
                return 0;
            }
            /* not found: the child shell reports it, after its redirections */
            char *path = argv.n > 0 && !builtin_find(argv.v[0]) && !func_get(sh, argv.v[0])
                             ? sh_find_command(sh, argv.v[0])
                             : NULL;
            if (path) {
                int pid = 0;
                StrList as;
                sl_init(&as);
                if (sh_expand_assigns(sh, e->assigns, &as) != 0 || redir_plan(sh, e->redirs, plan) != 0) {
                    *status = 1;
                } else {
                    if (sh->opts & OPT_XTRACE)
                        sh_xtrace(sh, as.v, as.n, argv.v);
                    StrList env;
                    char **envp = var_env(sh, as.v, as.n, &env);
                    pid = plan_spawn(sh, plan, path, argv.v, envp);
                    sl_free(&env);
                    if (pid < 0) {
                        *status = sh_spawn_error(sh, argv.v[0], -pid);
                        pid = 0;
                    }
                }
                xfree(path);
                sl_free(&as);
                sl_free(&argv);
                return pid;
            }
            sl_free(&argv);
        }
    }
    StrBuf text;
    sb_init(&text);
    if (e->kind == N_SUBSHELL && child_redirs) {
        /* the child is the subshell: it runs the body as a group, with
         * the redirections it opens itself */
        Node g = *e;
        g.kind = N_GROUP;
        ast_print(&text, &g, true);
    } else if (e->kind == N_SUBSHELL) {
        if (redir_plan(sh, e->redirs, plan) != 0) {
            sb_free(&text);
            *status = 1;
            return 0;
        }
        ast_print(&text, e->body, true);
    } else {
        ast_print(&text, e, true);
    }
    int pid = sh_spawn_subshell(sh, plan, text.s ? text.s : "", how);
    sb_free(&text);
    if (pid < 0) {
        sh_error(sh, "cannot start a subshell: %s", sys_strerror((SyscallError)-pid));
        *status = 126;
        return 0;
    }
    return pid;
}

/* Start count commands (first, first->next, ...) joined by pipes. */
static void start_job(Shell *sh, const Node *first, int count, Job *j, bool async, int how)
{
    int prev = -1;
    const Node *e = first;
    for (int i = 0; i < count; i++, e = e->next) {
        int p[2] = {-1, -1};
        if (i + 1 < count && sys_pipe(p).error != AX_OK) {
            sh_error(sh, "pipe: %s", sys_strerror(AX_EMFILE));
            p[0] = p[1] = -1;
        }
        SpawnPlan plan;
        plan_init(&plan);
        if (prev >= 0) {
            plan_dup2(&plan, prev, 0);
            plan_close(&plan, prev);
            plan_close_after(&plan, prev);
        } else if (async && !sh->jobctl) {
            /* POSIX: a background job without job control reads /dev/null */
            plan_open(&plan, 0, "/dev/null", AX_O_RDONLY);
        }
        if (p[1] >= 0) {
            plan_dup2(&plan, p[1], 1);
            plan_close(&plan, p[1]);
            plan_close(&plan, p[0]);
            plan_close_after(&plan, p[1]);
        }
        plan.pgroup = sh->jobctl ? j->pgid : -1;
        int status = 0;
        int pid = start_element(sh, e, &plan, &status, how);
        for (size_t k = 0; k < plan.nclose; k++)
            sys_close(plan.close_after[k]);
        plan_free(&plan);
        if (pid > 0) {
            job_add_proc(sh, j, pid);
            if (sh->jobctl && !j->pgid) {
                j->pgid = pid;
                if (!async && sh->ttyfd >= 0)
                    sys_tcsetpgrp(sh->ttyfd, pid);
            }
        } else {
            job_add_done(sh, j, status);
        }
        prev = p[0];
    }
}

static int run_pipeline(Shell *sh, const Node *n, int flags);

/* CPU time of process pid (ns), from the kernel's process list. */
static uint64_t cpu_of(int pid)
{
    size_t cap = 64;
    ProcInfo *all = xmalloc(cap * sizeof *all);
    SyscallResult r = sys_proclist(all, cap);
    if (r.error == AX_OK && (size_t)r.value > cap) {
        cap = (size_t)r.value;
        all = xrealloc(all, cap * sizeof *all);
        r = sys_proclist(all, cap);
    }
    uint64_t sum = 0;
    for (int64_t i = 0; r.error == AX_OK && i < r.value && (size_t)i < cap; i++)
        if (all[i].pid == pid)
            sum = all[i].cpu_ns;
    xfree(all);
    return sum;
}

static void put_time(StrBuf *b, const char *label, uint64_t ns)
{
    uint64_t ms = ns / 1000000u;
    sb_printf(b, "%s\t%dm%d.%03ds\n", label, (int)(ms / 60000), (int)(ms / 1000 % 60), (int)(ms % 1000));
}

/* time PIPELINE (bash): the time it took, in bash's format, on stderr.
 * real is the kernel clock; user is the CPU time the kernel counts for
 * this shell while the pipeline ran (builtins, functions, the spawning).
 * A child's CPU time goes when it is reaped (the kernel keeps no total
 * for reaped children yet), and axos keeps no separate system time, so
 * sys is 0: see docs/shell.md. */
static int run_timed(Shell *sh, const Node *n, int flags)
{
    int me = (int)sys_getpid().value;
    uint64_t start = (uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
    uint64_t cpu0 = cpu_of(me);
    int st = run_pipeline(sh, n, flags);
    uint64_t user = cpu_of(me) - cpu0;
    uint64_t real = (uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value - start;
    StrBuf b;
    sb_init(&b);
    sb_putc(&b, '\n');
    put_time(&b, "real", real);
    put_time(&b, "user", user);
    put_time(&b, "sys", 0);
    sh_write_all(2, b.s, b.len);
    sb_free(&b);
    return st;
}

int sh_exec_pipeline(Shell *sh, const Node *n, int flags)
{
    return n->kind == N_PIPE && n->timed ? run_timed(sh, n, flags & ~EX_LAST) : run_pipeline(sh, n, flags);
}

static int run_pipeline(Shell *sh, const Node *n, int flags)
{
    const Node *first = n;
    int count = 1;
    if (n->kind == N_PIPE) {
        first = n->body;
        count = 0;
        for (const Node *e = first; e; e = e->next)
            count++;
        if (count == 1) {
            int st = sh_exec(sh, first, (n->bang ? flags & ~EX_LAST : flags) | EX_NOERREXIT);
            if (sh->jump)
                return st;
            st = n->bang ? !st : st;
            sh->status = st;
            if (!n->bang)
                sh_check_errexit(sh, st, flags);
            return st;
        }
    }
    StrBuf text;
    job_text(&text, n);
    Job *j = job_new(sh, text.s ? text.s : "", false);
    sb_free(&text);
    start_job(sh, first, count, j, false, (flags & EX_NOERREXIT) ? SUB_NOERREXIT : SUB_PLAIN);
    int st = job_wait_fg(sh, j);
    if (n->bang)
        st = !st;
    sh->status = st;
    if (!n->bang)
        sh_check_errexit(sh, st, flags);
    return st;
}

int sh_exec_async(Shell *sh, const Node *n)
{
    StrBuf text;
    job_text(&text, n);
    Job *j = job_new(sh, text.s ? text.s : "", true);
    sb_free(&text);
    if (n->kind == N_PIPE && !n->bang) {
        int count = 0;
        for (const Node *e = n->body; e; e = e->next)
            count++;
        start_job(sh, n->body, count, j, true, SUB_PLAIN);
    } else {
        start_job(sh, n, 1, j, true, SUB_PLAIN);
    }
    int last = 0;
    for (int i = 0; i < j->nprocs; i++)
        if (j->procs[i].pid > 0)
            last = j->procs[i].pid;
    if (last)
        sh->last_bg = last;
    job_touch(sh, j);
    if (sh->interactive)
        sh_fdprintf(2, "[%d] %d\n", j->id, last);
    return 0;
}

/* $(< file) is bash's shorthand for $(cat file): read the file here.
 * Returns the file's fd, -2 when text is not that form, -1 after an
 * error message. */
static int subst_input_file(Shell *sh, const char *text)
{
    const char *s = text;
    while (*s == ' ' || *s == '\t' || *s == '\n')
        s++;
    if (*s != '<' || s[1] == '<' || s[1] == '&' || s[1] == '>')
        return -2;
    Arena a;
    arena_init(&a);
    char err[200];
    Node *n = parse_string(sh, &a, text, sh->lineno, err, sizeof err);
    int fd = -2;
    if (n && !n->next && n->kind == N_LIST && n->body && !n->body->next && !n->body->async &&
        n->body->kind == N_SIMPLE && !n->body->words && !n->body->assigns && n->body->redirs &&
        !n->body->redirs->next && n->body->redirs->kind == R_IN && n->body->redirs->fd == 0) {
        char *path = expand_word_str(sh, n->body->redirs->target, 0);
        fd = -1;
        if (path) {
            SyscallResult r = sys_open(path, AX_O_RDONLY | AX_O_CLOEXEC, 0);
            if (r.error == AX_OK)
                fd = (int)r.value;
            else
                sh_error(sh, "%s: %s", path, sys_strerror(r.error));
            xfree(path);
        }
    }
    arena_free(&a);
    return fd;
}

char *sh_command_subst(Shell *sh, const char *text, int *status)
{
    StrBuf out;
    sb_init(&out);
    int file = subst_input_file(sh, text);
    if (file != -2) {
        if (file >= 0) {
            sh_read_all(file, &out);
            sys_close(file);
        }
        *status = sh->subst_status = file >= 0 ? 0 : 1;
        return sb_take(&out);
    }
    int p[2];
    if (sys_pipe(p).error != AX_OK) {
        sh_error(sh, "cannot make pipe for command substitution");
        *status = 1;
        return sb_take(&out);
    }
    SpawnPlan plan;
    plan_init(&plan);
    plan_dup2(&plan, p[1], 1);
    plan_close(&plan, p[1]);
    plan_close(&plan, p[0]);
    plan_close_after(&plan, p[1]);
    int pid = sh_spawn_subshell(sh, &plan, text, SUB_CMDSUB);
    plan_free(&plan);
    if (pid > 0)
        sh_read_all(p[0], &out);
    sys_close(p[0]);
    int st = 1;
    if (pid > 0) {
        int raw = 0;
        SyscallResult w;
        while ((w = sys_waitpid(pid, &raw, 0)).error == AX_EINTR)
            ;
        st = w.error == AX_OK ? job_status_code(raw) : 1;
    }
    *status = st;
    sh->subst_status = st;
    return sb_take(&out);
}
