/* subshell.c — spawning children: file-action plans, and re-executing
 * the shell for what needs a process but is not a program.
 *
 * axos has no fork: a coroutine's stack cannot be copied. Subshells
 * `( )`, builtins, functions and compound commands in a pipeline or in
 * the background, and command substitutions run in a new /bin/sh that is
 * told everything a forked copy would have inherited (busybox's hush does
 * the same on machines without an MMU):
 *
 *     /bin/sh --axos-subshell FD
 *
 * FD is the read end of a pipe; the parent writes the state into it and
 * closes it. The state is a sequence of records, each a one-byte tag and
 * then NUL-terminated fields:
 *
 *     o OPTS          option bits (decimal)
 *     O SHOPTS        shopt option bits (decimal), when any is set
 *     E               set -e is ignored here (a subshell of a condition)
 *     F               inside a function: `return` ends the subshell
 *     s STATUS PID LASTBG LINENO   $? $$ $! and the line number
 *     0 NAME          $0
 *     a ARG           one positional parameter, in order
 *     v NAME FLAGS VALUE   a variable (FLAGS: e exported, r readonly)
 *     u NAME FLAGS    a variable declared without a value (export x)
 *     y NAME FLAGS N  an array (FLAGS: A associative), then N pairs of
 *                     fields: the index or key, and the value
 *     f SOURCE        a function definition, as shell source
 *     A NAME VALUE    an alias
 *     H NAME PATH HITS   a remembered command location (hash)
 *     t SIG           a signal the shell ignores by trap ''
 *     T SIG ACTION    a trap of the parent's, reset here but listed by
 *                     `trap` until the subshell sets one (as bash does)
 *     c TEXT          the commands to run (last record)
 *
 * Functions and commands travel as source text printed from the syntax
 * tree (ast.c), which the child parses again. The cwd, the fds and the
 * environment are inherited through sys_spawn itself. Traps other than
 * ignored ones are reset in a subshell, as POSIX says.
 */
#include "sh.h"

/* ---- file-action plans ---- */

void plan_init(SpawnPlan *p)
{
    memset(p, 0, sizeof *p);
    p->pgroup = -1;
}

void plan_free(SpawnPlan *p)
{
    xfree(p->acts);
    xfree(p->close_after);
    xfree(p->known);
    memset(p, 0, sizeof *p);
    p->pgroup = -1;
}

static SpawnFileAction *plan_push(SpawnPlan *p)
{
    if (p->nacts == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 8;
        p->acts = xrealloc(p->acts, p->cap * sizeof *p->acts);
    }
    SpawnFileAction *a = &p->acts[p->nacts++];
    memset(a, 0, sizeof *a);
    return a;
}

/* Will fd be open in the child at this point of the plan? */
static bool plan_fd_open(SpawnPlan *p, int fd)
{
    for (size_t i = p->nknown; i-- > 0;)
        if (p->known[i].fd == fd)
            return p->known[i].open;
    SyscallResult r = sys_fcntl(fd, AX_F_GETFD, 0);
    return r.error == AX_OK && !(r.value & AX_FD_CLOEXEC);
}

static void plan_note(SpawnPlan *p, int fd, bool open)
{
    if (p->nknown == p->known_cap) {
        p->known_cap = p->known_cap ? p->known_cap * 2 : 8;
        p->known = xrealloc(p->known, p->known_cap * sizeof *p->known);
    }
    p->known[p->nknown].fd = fd;
    p->known[p->nknown].open = open;
    p->nknown++;
}

void plan_dup2(SpawnPlan *p, int from, int to)
{
    SpawnFileAction *a = plan_push(p);
    a->kind = AX_SPAWN_DUP2;
    a->fd = from;
    a->newfd = to;
    plan_note(p, to, true);
}

void plan_close(SpawnPlan *p, int fd)
{
    /* closing an fd the child will not have would fail the whole spawn */
    if (!plan_fd_open(p, fd))
        return;
    SpawnFileAction *a = plan_push(p);
    a->kind = AX_SPAWN_CLOSE;
    a->fd = fd;
    plan_note(p, fd, false);
}

void plan_open(SpawnPlan *p, int fd, const char *path, int oflag)
{
    SpawnFileAction *a = plan_push(p);
    a->kind = AX_SPAWN_OPEN;
    a->fd = fd;
    a->path = path;
    a->oflag = oflag;
    a->mode = 0666;
    plan_note(p, fd, true);
}

void plan_close_after(SpawnPlan *p, int fd)
{
    if (p->nclose == p->close_cap) {
        p->close_cap = p->close_cap ? p->close_cap * 2 : 8;
        p->close_after = xrealloc(p->close_after, p->close_cap * sizeof(int));
    }
    p->close_after[p->nclose++] = fd;
}

/* argv for running path as a script of ours: sh path args... (argv[0]
 * dropped), for an executable file that is no program: a script
 * without "#!", which POSIX has the shell run itself. Free with xfree. */
static char **script_argv(const char *path, char **argv)
{
    size_t n = 0;
    while (argv[n])
        n++;
    char **av = xcalloc(n + 2, sizeof *av);
    av[0] = (char *)SH_PATH;
    av[1] = (char *)path;
    for (size_t i = 1; i < n; i++)
        av[i + 1] = argv[i];
    return av;
}

int sh_exec_replace(Shell *sh, const char *path, char **argv, char **envp)
{
    /* the program gets back what only the shell ignored (^Z, SIGTERM) */
    SigSet def = trap_child_sigdefault(sh);
    for (int s = 1; s < AX_NSIG; s++)
        if (def & AX_SIGBIT(s))
            sys_signal(s, AX_SIG_DFL);
    SyscallResult r = sys_exec(path, argv, envp);
    if (r.error == AX_ENOEXEC) {
        char **av = script_argv(path, argv);
        r = sys_exec(SH_PATH, av, envp);
        xfree(av);
    }
    for (int s = 1; s < AX_NSIG; s++)
        if (def & AX_SIGBIT(s))
            sys_signal(s, AX_SIG_IGN);
    return (int)r.error;
}

int plan_spawn(Shell *sh, SpawnPlan *p, const char *path, char **argv, char **envp)
{
    SpawnAttr attr = {0};
    attr.actions = p->acts;
    attr.nactions = p->nacts;
    if (p->pgroup >= 0) {
        attr.flags |= AX_SPAWN_SETPGROUP;
        attr.pgroup = p->pgroup;
    }
    SigSet def = trap_child_sigdefault(sh);
    if (def) {
        attr.flags |= AX_SPAWN_SETSIGDEF;
        attr.sigdefault = def;
    }
    StrList env;
    sl_init(&env);
    if (!envp)
        envp = var_env(sh, NULL, 0, &env);
    SyscallResult r = sys_spawn(path, argv, envp, &attr);
    if (r.error == AX_EPERM && p->pgroup > 0) {
        /* the group's leader is already gone: start a group of our own */
        attr.pgroup = 0;
        r = sys_spawn(path, argv, envp, &attr);
    }
    if (r.error == AX_ENOEXEC) {
        char **av = script_argv(path, argv);
        r = sys_spawn(SH_PATH, av, envp, &attr);
        xfree(av);
    }
    sl_free(&env);
    for (size_t i = 0; i < p->nclose; i++)
        sys_close(p->close_after[i]);
    p->nclose = 0;
    return r.error == AX_OK ? (int)r.value : -(int)r.error;
}

/* ---- state ---- */

static void rec(StrBuf *b, char tag, int nfields, ...)
{
    sb_putc(b, tag);
    va_list ap;
    va_start(ap, nfields);
    for (int i = 0; i < nfields; i++) {
        const char *f = va_arg(ap, const char *);
        sb_puts(b, f ? f : "");
        sb_putc(b, '\0');
    }
    va_end(ap);
}

static void rec_hash(void *b, const char *name, const char *path, int hits)
{
    char num[24];
    snprintf(num, sizeof num, "%d", hits);
    rec(b, 'H', 3, name, path, num);
}

static void serialize(Shell *sh, StrBuf *b, const char *text, int how)
{
    char num[4][24];
    snprintf(num[0], sizeof num[0], "%u", how == SUB_CMDSUB ? sh->opts & ~(unsigned)OPT_ERREXIT : sh->opts);
    rec(b, 'o', 1, num[0]);
    if (sh->shopts) {
        snprintf(num[0], sizeof num[0], "%u", sh->shopts);
        rec(b, 'O', 1, num[0]);
    }
    if (how == SUB_NOERREXIT || sh->errexit_off)
        rec(b, 'E', 0);
    if (sh->input_letter) {
        char letter[2] = {sh->input_letter, '\0'};
        rec(b, 'I', 1, letter);
    }
    if (sh->func_depth > 0)
        rec(b, 'F', 0);
    snprintf(num[0], sizeof num[0], "%d", sh->status);
    snprintf(num[1], sizeof num[1], "%d", sh->pid);
    snprintf(num[2], sizeof num[2], "%d", sh->last_bg);
    snprintf(num[3], sizeof num[3], "%d", sh->lineno);
    rec(b, 's', 4, num[0], num[1], num[2], num[3]);
    rec(b, '0', 1, sh->arg0);
    for (int i = 0; i < sh->nargs; i++)
        rec(b, 'a', 1, sh->args[i]);
    for (int h = 0; h < VAR_BUCKETS; h++) {
        for (Var *v = sh->vars[h]; v; v = v->next) {
            char fl[6] = {0};
            int k = 0;
            if (v->flags & VAR_EXPORT)
                fl[k++] = 'e';
            if (v->flags & VAR_READONLY)
                fl[k++] = 'r';
            if (v->flags & VAR_INTEGER)
                fl[k++] = 'i';
            if (v->flags & VAR_ASSOC)
                fl[k++] = 'A';
            if (v->arr) {
                /* y NAME FLAGS COUNT, then KEY VALUE per element */
                char cnt[24];
                snprintf(cnt, sizeof cnt, "%zu", v->arr->n);
                rec(b, 'y', 3, v->name, fl, cnt);
                for (size_t i = 0; i < v->arr->n; i++) {
                    const ArrElem *e = &v->arr->v[i];
                    char idx[24];
                    snprintf(idx, sizeof idx, "%lld", (long long)e->idx);
                    sb_puts(b, e->key ? e->key : idx);
                    sb_putc(b, '\0');
                    sb_puts(b, e->val);
                    sb_putc(b, '\0');
                }
            } else if (v->value) {
                rec(b, 'v', 3, v->name, fl, v->value);
            } else {
                rec(b, 'u', 2, v->name, fl);
            }
        }
    }
    StrBuf src;
    sb_init(&src);
    for (Func *f = sh->funcs; f; f = f->next) {
        sb_clear(&src);
        sb_printf(&src, "%s() ", f->name);
        ast_print(&src, f->body, true);
        rec(b, 'f', 1, src.s);
    }
    sb_free(&src);
    for (Alias *a = sh->aliases; a; a = a->next)
        rec(b, 'A', 2, a->name, a->value);
    hash_each(sh, rec_hash, b);
    for (int s = 0; s < AX_NSIG; s++) {
        const char *t = sh->traps[s] ? sh->traps[s] : !sh->traps_set ? sh->parent_traps[s] : NULL;
        if (!t)
            continue;
        snprintf(num[0], sizeof num[0], "%d", s);
        if (!t[0] && sh->traps[s])
            rec(b, 't', 1, num[0]);
        else
            rec(b, 'T', 2, num[0], t);
    }
    rec(b, 'c', 1, text);
}

int sh_spawn_subshell(Shell *sh, SpawnPlan *plan, const char *text, int how)
{
    StrBuf state;
    sb_init(&state);
    serialize(sh, &state, text, how);
    int p[2];
    SyscallResult r = sys_pipe(p);
    if (r.error != AX_OK) {
        sb_free(&state);
        for (size_t i = 0; i < plan->nclose; i++)
            sys_close(plan->close_after[i]);
        plan->nclose = 0;
        return -(int)r.error;
    }
    /* the read end goes to the child at a number its redirections will
     * not touch; the write end stays with us only */
    int rfd = p[0];
    SyscallResult d = sys_fcntl(p[0], AX_F_DUPFD, 100);
    if (d.error == AX_OK) {
        sys_close(p[0]);
        rfd = (int)d.value;
    }
    sys_fcntl(p[1], AX_F_SETFD, AX_FD_CLOEXEC);
    char fdarg[16];
    snprintf(fdarg, sizeof fdarg, "%d", rfd);
    char *argv[] = {"sh", SH_SUBSHELL_FLAG, fdarg, NULL};
    int pid = plan_spawn(sh, plan, SH_PATH, argv, NULL);
    sys_close(rfd);
    if (pid > 0) {
        /* a child killed before it read everything must not take us along */
        SyscallResult old = sys_signal(AX_SIGPIPE, AX_SIG_IGN);
        sh_write_all(p[1], state.s, state.len);
        if (old.error == AX_OK)
            sys_signal(AX_SIGPIPE, (SigHandler)(uintptr_t)old.value);
    }
    sys_close(p[1]);
    sb_free(&state);
    return pid;
}

/* ---- the child side ---- */

static const char *field(const char **pp, const char *end)
{
    const char *f = *pp;
    size_t n = strnlen(f, (size_t)(end - f));
    *pp = f + n + (f + n < end ? 1 : 0);
    return f;
}

void sh_subshell_main(Shell *sh, int fd)
{
    StrBuf b;
    sb_init(&b);
    sh_read_all(fd, &b);
    sys_close(fd);
    sh->subshell = true;
    const char *p = b.s ? b.s : "", *end = p + b.len;
    const char *text = "";
    int lineno = 1, status = 0;
    StrList args;
    sl_init(&args);
    while (p < end) {
        char tag = *p++;
        switch (tag) {
        case 'o': sh->opts = (unsigned)strtoul(field(&p, end), NULL, 10); break;
        case 'E': sh->errexit_off = true; break;
        case 'I': sh->input_letter = field(&p, end)[0]; break;
        case 'O': sh->shopts = (unsigned)strtoul(field(&p, end), NULL, 10); break;
        case 'F': sh->func_depth = 1; break; /* return ends the subshell */
        case 's':
            status = atoi(field(&p, end));
            sh->pid = atoi(field(&p, end));
            sh->last_bg = atoi(field(&p, end));
            lineno = atoi(field(&p, end));
            break;
        case '0':
            xfree(sh->arg0);
            sh->arg0 = xstrdup(field(&p, end));
            break;
        case 'a': sl_push(&args, xstrdup(field(&p, end))); break;
        case 'v':
        case 'u': {
            const char *name = field(&p, end);
            const char *fl = field(&p, end);
            const char *val = tag == 'v' ? field(&p, end) : NULL;
            unsigned flags = (strchr(fl, 'e') ? VAR_EXPORT : 0);
            var_set(sh, name, val, flags);
            if (strchr(fl, 'r'))
                var_lookup(sh, name)->flags |= VAR_READONLY;
            if (strchr(fl, 'i'))
                var_lookup(sh, name)->flags |= VAR_INTEGER;
            break;
        }
        case 'y': {
            const char *name = field(&p, end);
            const char *fl = field(&p, end);
            long n = strtol(field(&p, end), NULL, 10);
            Var *v = var_array(sh, name, strchr(fl, 'A') != NULL);
            for (long i = 0; i < n && p < end; i++) {
                const char *k = field(&p, end);
                const char *val = field(&p, end);
                if (!v)
                    continue;
                if (v->arr->assoc)
                    arr_set_key(v->arr, k, val);
                else
                    arr_set(v->arr, strtoll(k, NULL, 10), val);
            }
            if (v) {
                v->flags |= (strchr(fl, 'e') ? VAR_EXPORT : 0) | (strchr(fl, 'r') ? VAR_READONLY : 0) |
                            (strchr(fl, 'i') ? VAR_INTEGER : 0);
            }
            break;
        }
        case 'f': sh_run_string(sh, field(&p, end), 1); break;
        case 'A': {
            const char *name = field(&p, end);
            alias_set(sh, name, field(&p, end));
            break;
        }
        case 't': {
            int sig = atoi(field(&p, end));
            trap_set(sh, sig, "");
            if (sig >= 0 && sig < AX_NSIG && !sh->parent_traps[sig])
                sh->parent_traps[sig] = xstrdup("");
            break;
        }
        case 'T': {
            int sig = atoi(field(&p, end));
            const char *t = field(&p, end);
            if (sig >= 0 && sig < AX_NSIG && !sh->parent_traps[sig])
                sh->parent_traps[sig] = xstrdup(t);
            break;
        }
        case 'H': {
            const char *name = field(&p, end);
            const char *path = field(&p, end);
            hash_set(sh, name, path, atoi(field(&p, end)));
            break;
        }
        case 'c': text = field(&p, end); break;
        default: p = end; break;
        }
    }
    sh_set_args(sh, args.v, (int)args.n);
    sl_free(&args);
    sh->status = status; /* $? of the parent, until the first command */
    /* The text is one command of the parent's, parsed there already: parse
     * it whole and run it as one (an error abandons all of it). */
    Arena arena;
    arena_init(&arena);
    char err[256];
    Node *list = parse_string(sh, &arena, text, lineno, err, sizeof err);
    if (!list && err[0]) {
        sh_fdprintf(2, "sh: %s\n", err);
        sh_exit(sh, 2);
    }
    if (!list)
        sh->status = 0; /* $(), `` and ( ) with no command: status 0 */
    for (Node *n = list; n && !sh->jump; n = n->next) {
        sh_exec(sh, n, n->next ? 0 : EX_LAST);
        trap_run_pending(sh);
    }
    if (sh->jump == JUMP_ABORT)
        sh->status = 1;
    sb_free(&b);
    sh_exit(sh, sh->status);
}
