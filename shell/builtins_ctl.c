/* builtins_ctl.c — builtins that steer the shell: exit, return, break,
 * continue, eval, exec, source, trap, and the job builtins jobs, fg, bg,
 * wait, kill.
 */
#include "sh.h"

static bool numeric_arg(Shell *sh, const char *who, const char *s, int64_t *out)
{
    if (sh_parse_int(s, out))
        return true;
    sh_error(sh, "%s: %s: numeric argument required", who, s);
    return false;
}

int bi_exit(Shell *sh, int argc, char **argv)
{
    /* in the EXIT trap, $? from before the trap (bash) */
    int64_t n = sh->running_trap == 1 ? sh->trap_saved_status : sh->status;
    if (argc > 2) {
        sh_error(sh, "exit: too many arguments");
        return 1;
    }
    if (argc > 1 && !numeric_arg(sh, "exit", argv[1], &n))
        n = 2;
    if (sh->interactive && !sh->subshell) {
        if (sh_exit_warn(sh))
            return 1;
        sh_write_all(2, "exit\n", 5);
    }
    sh_exit(sh, (int)(n & 0xff));
}

int bi_return(Shell *sh, int argc, char **argv)
{
    /* in a trap action, $? from before the trap (POSIX 2018, bash) */
    int64_t n = sh->running_trap ? sh->trap_saved_status : sh->status;
    if (sh->func_depth == 0 && sh->source_depth == 0) {
        sh_error(sh, "return: can only `return' from a function or sourced script");
        return 1;
    }
    if (argc > 1 && !numeric_arg(sh, "return", argv[1], &n))
        n = 2;
    sh->status = (int)(n & 0xff);
    sh->jump = JUMP_RETURN;
    return sh->status;
}

static int loop_control(Shell *sh, int argc, char **argv, int jump)
{
    const char *who = jump == JUMP_BREAK ? "break" : "continue";
    int64_t n = 1;
    if (sh->loop_depth == 0)
        return 0; /* bash in POSIX mode says nothing */
    if (argc > 2) {
        /* bash: the rest of the command line is abandoned */
        sh_error(sh, "%s: too many arguments", who);
        sh->jump = JUMP_ABORT;
        return 1;
    }
    if (argc > 1 && !sh_parse_int(argv[1], &n)) {
        sh_error(sh, "%s: %s: numeric argument required", who, argv[1]);
        sh->fatal_error = true;
        return 128;
    }
    if (n < 1) {
        sh_error(sh, "%s: %s: loop count out of range", who, argv[1]);
        return 1;
    }
    sh->jump = jump;
    sh->jump_n = n > sh->loop_depth ? sh->loop_depth : (int)n;
    return 0;
}

int bi_break(Shell *sh, int argc, char **argv)
{
    return loop_control(sh, argc, argv, JUMP_BREAK);
}

int bi_continue(Shell *sh, int argc, char **argv)
{
    return loop_control(sh, argc, argv, JUMP_CONTINUE);
}

int bi_eval(Shell *sh, int argc, char **argv)
{
    StrBuf b;
    sb_init(&b);
    int first = argc > 1 && strcmp(argv[1], "--") == 0 ? 2 : 1;
    for (int i = first; i < argc; i++) {
        if (i > first)
            sb_putc(&b, ' ');
        sb_puts(&b, argv[i]);
    }
    sh->syntax_error = false;
    sh->eval_depth++;
    int st = b.len ? sh_run_string(sh, b.s, sh->lineno) : 0;
    sh->eval_depth--;
    sb_free(&b);
    /* only a syntax error is eval's own error; a status of 2 from what
     * it ran is not (bash) */
    sh->fatal_error = sh->syntax_error;
    sh->syntax_error = false;
    return st;
}

int bi_exec(Shell *sh, int argc, char **argv)
{
    if (argc < 2)
        return 0; /* redirections alone: simple.c made them permanent */
    char *path = sh_find_command(sh, argv[1]);
    if (!path) {
        sh_error(sh, "exec: %s: not found", argv[1]);
        if (!sh->interactive)
            sh_exit(sh, 127);
        return 127;
    }
    StrList env;
    char **envp = var_env(sh, NULL, 0, &env);
    int err = sh_exec_replace(sh, path, argv + 1, envp);
    sl_free(&env);
    int st = sh_spawn_error(sh, argv[1], err);
    xfree(path);
    if (!sh->interactive)
        sh_exit(sh, st);
    return st;
}

int bi_source(Shell *sh, int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--") == 0) {
        argv[1] = argv[0];
        argv++;
        argc--;
    }
    if (argc < 2) {
        sh_error(sh, "%s: filename argument required", argv[0]);
        sh->fatal_error = true; /* a usage error of a special builtin */
        return 2;
    }
    char *path = NULL;
    if (!strchr(argv[1], '/')) {
        /* PATH only: POSIX mode (bash --posix) does not fall back to the
         * current directory */
        const char *p = var_get(sh, "PATH");
        for (const char *s = p; s && *s && !path;) {
            const char *e = strchr(s, ':');
            size_t n = e ? (size_t)(e - s) : strlen(s);
            char *cand = sh_strdup_printf("%.*s/%s", (int)n, s, argv[1]);
            FileStat st;
            /* the first readable file of that name (bash skips the rest) */
            if (n && sys_stat(cand, &st).error == AX_OK && AX_S_ISREG(st.mode) &&
                sys_access(cand, AX_R_OK).error == AX_OK)
                path = cand;
            else
                xfree(cand);
            s = e ? e + 1 : s + n;
        }
    }
    if (!path && strchr(argv[1], '/'))
        path = xstrdup(argv[1]);
    if (!path) {
        sh_error(sh, "%s: %s: file not found", argv[0], argv[1]);
        sh->fatal_error = true;
        return 1;
    }
    FileStat fst;
    SyscallResult r = sys_open(path, AX_O_RDONLY | AX_O_CLOEXEC, 0);
    if (r.error == AX_OK && sys_fstat((int)r.value, &fst).error == AX_OK && AX_S_ISDIR(fst.mode)) {
        sys_close((int)r.value);
        r.error = AX_EISDIR;
    }
    if (r.error != AX_OK) {
        sh_error(sh, "%s: %s", argv[1], r.error == AX_EISDIR ? "is a directory" : sys_strerror(r.error));
        xfree(path);
        sh->fatal_error = r.error != AX_EISDIR; /* bash: a missing file ends a script */
        return 1;
    }
    xfree(path);
    int fd = sh_private_fd((int)r.value);
    if (fd < 0)
        fd = (int)r.value;
    char **saved_args = NULL;
    int saved_n = 0;
    if (argc > 2) {
        saved_args = sh->args;
        saved_n = sh->nargs;
        sh->args = NULL;
        sh->nargs = 0;
        sh_set_args(sh, argv + 2, argc - 2);
    }
    Input in;
    input_init_fd(sh, &in, fd, false);
    sh->source_depth++;
    const char *saved_source = sh->source_name;
    sh->source_name = argv[1];
    frame_push(sh, "source", argv[1], false);
    int st = sh_run_input(sh, &in, 1);
    frame_pop(sh, false);
    sh->source_name = saved_source;
    sh->source_depth--;
    /* bash --posix: a syntax error in the file ends the script (POSIX
     * 2.8.1), a status of 2 does not */
    sh->fatal_error = sh->syntax_error;
    sh->syntax_error = false;
    if (sh->jump == JUMP_RETURN && sh->func_depth == 0) {
        sh->jump = JUMP_NONE;
        st = sh->status;
    }
    input_fini(&in);
    sys_close(fd);
    if (argc > 2) {
        sh_set_args(sh, NULL, 0);
        xfree(sh->args);
        sh->args = saved_args;
        sh->nargs = saved_n;
    }
    return st;
}

/* ---- trap ---- */

/* trap -- 'ACTION' NAME; a NULL action (no trap) as `trap -- - NAME` */
static void print_trap_named(Out *o, const char *name, const char *action)
{
    if (!action) {
        sb_printf(&o->b, "trap -- - %s\n", name);
        return;
    }
    sb_puts(&o->b, "trap -- ");
    sb_putc(&o->b, '\'');
    for (const char *c = action; *c; c++) {
        if (*c == '\'')
            sb_puts(&o->b, "'\\''");
        else
            sb_putc(&o->b, *c);
    }
    sb_printf(&o->b, "' %s\n", name);
}

static void print_trap(Out *o, int sig, const char *action)
{
    const char *name = trap_signame(sig);
    if (strncmp(name, "SIG", 3) == 0)
        name += 3; /* bash in POSIX mode: INT, not SIGINT */
    print_trap_named(o, name, action);
}

int bi_trap(Shell *sh, int argc, char **argv)
{
    Out o;
    out_init(&o, 1);
    int i = 1;
    if (i < argc && strcmp(argv[i], "-l") == 0) {
        for (int s = 1; s < 32; s++)
            if (sys_signame(s))
                sb_printf(&o.b, "%2d) %s%c", s, sys_signame(s), s % 5 == 0 ? '\n' : '\t');
        sb_putc(&o.b, '\n');
        return out_flush(&o);
    }
    bool print = false;
    if (i < argc && strcmp(argv[i], "-p") == 0) {
        print = true;
        i++;
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i >= argc || print) {
        int st = 0;
        for (int s = 0; s < AX_NSIG && i >= argc; s++) {
            /* a subshell lists its parent's traps until it sets one */
            const char *t = sh->traps[s] ? sh->traps[s] : !sh->traps_set ? sh->parent_traps[s] : NULL;
            if (t)
                print_trap(&o, s, t);
        }
        if (i >= argc && sh->err_trap)
            print_trap_named(&o, "ERR", sh->err_trap);
        for (; i < argc; i++) {
            int sig = trap_signum(argv[i]);
            /* a named signal with no trap shows as reset (bash --posix) */
            if (strcmp(argv[i], "ERR") == 0) {
                print_trap_named(&o, "ERR", sh->err_trap ? sh->err_trap : NULL);
            } else if (sig < 0) {
                sh_error(sh, "trap: %s: invalid signal specification", argv[i]);
                st = 1;
            } else {
                print_trap(&o, sig, sh->traps[sig]);
            }
        }
        return out_flush(&o) | st;
    }
    const char *action = argv[i];
    int64_t n;
    /* one operand, or a number first: every operand is a signal to reset */
    /* POSIX mode: a lone operand resets only when it is a number */
    if (argc - i == 1 && !(sh_parse_int(action, &n) && n >= 0)) {
        sh_error(sh, "trap: usage: trap [-lp] [[arg] signal_spec ...]");
        return 2;
    }
    if (argc - i == 1 || (sh_parse_int(action, &n) && n >= 0))
        action = NULL;
    else {
        if (strcmp(action, "-") == 0)
            action = NULL;
        i++;
    }
    int st = 0;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "ERR") == 0) {
            xfree(sh->err_trap);
            sh->err_trap = action ? xstrdup(action) : NULL;
            continue;
        }
        int sig = trap_signum(argv[i]);
        sh->traps_set = true;
        if (sig == AX_SIGKILL || sig == AX_SIGSTOP)
            continue; /* bash accepts them and does nothing */
        if (sig < 0 || trap_set(sh, sig, action) != 0) {
            sh_error(sh, "trap: %s: invalid signal specification", argv[i]);
            st = 1;
        }
    }
    return out_flush(&o) | st;
}

/* ---- jobs ---- */

int bi_jobs(Shell *sh, int argc, char **argv)
{
    bool lng = false, pids = false;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-l") == 0)
            lng = true;
        else if (strcmp(argv[i], "-p") == 0)
            pids = true;
        else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else {
            sh_error(sh, "jobs: %s: invalid option", argv[i]);
            return 2;
        }
    }
    job_reap(sh);
    int st = 0;
    Job *only = NULL;
    if (i < argc) {
        only = job_find(sh, argv[i], "jobs");
        if (!only)
            return 1;
    }
    Job *j = sh->jobs;
    while (j) {
        Job *next = j->next;
        if (!only || j == only) {
            if (pids)
                sh_fdprintf(1, "%d\n", j->pgid ? j->pgid : (j->nprocs ? j->procs[0].pid : 0));
            else
                job_print(sh, j, 1, lng);
            if (job_done(j))
                job_free(sh, j);
            else if (job_stopped(j))
                j->notified = true;
        }
        j = next;
    }
    return st;
}

static Job *control_job(Shell *sh, int argc, char **argv, const char *who)
{
    if (!sh->jobctl) {
        sh_error(sh, "%s: no job control", who);
        return NULL;
    }
    job_reap(sh);
    Job *j = job_find(sh, argc > 1 ? argv[1] : NULL, who);
    if (j && job_done(j)) {
        sh_error(sh, "%s: job has terminated", who);
        return NULL;
    }
    return j;
}

int bi_fg(Shell *sh, int argc, char **argv)
{
    Job *j = control_job(sh, argc, argv, "fg");
    return j ? job_continue(sh, j, true) : 1;
}

int bi_bg(Shell *sh, int argc, char **argv)
{
    Job *j = control_job(sh, argc, argv, "bg");
    return j ? job_continue(sh, j, false) : 1;
}

/* wait -n [-p VAR] [ID...] (bash): the next job of IDs (any job without
 * them) to end, one already ended first; 127 when there is none. */
static int wait_next(Shell *sh, int argc, char **argv, const char *pvar)
{
    Job **cands = xmalloc(sizeof *cands * (size_t)(argc > 0 ? argc : 1));
    int n = 0;
    for (int i = 0; i < argc; i++) {
        Job *j = NULL;
        int64_t pid;
        if (argv[i][0] == '%')
            j = job_find(sh, argv[i], "wait");
        else if (sh_parse_int(argv[i], &pid))
            j = job_by_pid(sh, (int)pid);
        else
            sh_error(sh, "wait: `%s': not a pid or valid job spec", argv[i]);
        if (j)
            cands[n++] = j;
    }
    int st = 127, pid = 0;
    if (argc == 0 || n > 0)
        st = job_wait_any(sh, cands, n, &pid);
    xfree(cands);
    if (pvar) {
        if (pid > 0) {
            char num[24];
            sh_fmt_int(pid, num);
            var_set(sh, pvar, num, 0);
        } else {
            var_unset(sh, pvar);
        }
    }
    return st;
}

int bi_wait(Shell *sh, int argc, char **argv)
{
    int st = 0;
    bool intr = false;
    bool next = false;
    const char *pvar = NULL;
    while (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
        if (strcmp(argv[1], "--") == 0) {
            argc--;
            argv++;
            break;
        }
        if (strcmp(argv[1], "-n") == 0) {
            next = true;
        } else if (strcmp(argv[1], "-p") == 0 && argc > 2) {
            if (!sh_is_name(argv[2])) {
                sh_error(sh, "wait: `%s': not a valid identifier", argv[2]);
                return 2;
            }
            pvar = argv[2];
            argc--;
            argv++;
        } else if (strcmp(argv[1], "-f") != 0) {
            sh_error(sh, "wait: %s: invalid option", argv[1]);
            sh_fdprintf(2, "wait: usage: wait [-fn] [-p var] [id ...]\n");
            return 2;
        }
        argc--;
        argv++;
    }
    if (next)
        return wait_next(sh, argc - 1, argv + 1, pvar);
    if (argc < 2) {
        Job *j;
        while (!intr && (j = sh->jobs) != NULL) {
            st = job_wait_done(sh, j, &intr);
            if (!intr)
                job_free(sh, j);
        }
        return intr ? st : 0;
    }
    for (int i = 1; i < argc && !intr; i++) {
        Job *j;
        if (argv[i][0] == '%') {
            j = job_find(sh, argv[i], "wait");
            if (!j) {
                st = 127;
                continue;
            }
        } else {
            int64_t pid;
            if (!sh_parse_int(argv[i], &pid)) {
                sh_error(sh, "wait: `%s': not a pid or valid job spec", argv[i]);
                st = 1; /* bash's status for a bad operand */
                continue;
            }
            j = job_by_pid(sh, (int)pid);
            if (!j) {
                sh_error(sh, "wait: pid %s is not a child of this shell", argv[i]);
                st = 127;
                continue;
            }
        }
        st = job_wait_done(sh, j, &intr);
        if (!intr)
            job_free(sh, j);
    }
    return st;
}

static int kill_list(Shell *sh, int argc, char **argv)
{
    Out o;
    out_init(&o, 1);
    if (argc > 2) {
        int st = 0;
        for (int i = 2; i < argc; i++) {
            int64_t n;
            if (sh_parse_int(argv[i], &n)) {
                int sig = n > 128 ? (int)n - 128 : (int)n;
                const char *name = sys_signame(sig);
                if (name)
                    sb_printf(&o.b, "%s\n", name + 3);
                else {
                    sh_error(sh, "kill: %s: invalid signal specification", argv[i]);
                    st = 1;
                }
            } else {
                int sig = trap_signum(argv[i]);
                if (sig > 0)
                    sb_printf(&o.b, "%d\n", sig);
                else {
                    sh_error(sh, "kill: %s: invalid signal specification", argv[i]);
                    st = 1;
                }
            }
        }
        return out_flush(&o) | st;
    }
    for (int s = 1; s < 32; s++) {
        const char *name = sys_signame(s);
        if (name)
            sb_printf(&o.b, "%s%s", s > 1 ? " " : "", name + 3);
    }
    sb_putc(&o.b, '\n');
    return out_flush(&o);
}

int bi_kill(Shell *sh, int argc, char **argv)
{
    int sig = AX_SIGTERM;
    int i = 1;
    if (i < argc && strcmp(argv[i], "-l") == 0)
        return kill_list(sh, argc, argv);
    if (i < argc && (strcmp(argv[i], "-s") == 0 || strcmp(argv[i], "-n") == 0)) {
        if (i + 1 >= argc) {
            sh_error(sh, "kill: %s: option requires an argument", argv[i]);
            return 2;
        }
        sig = trap_signum(argv[i + 1]);
        if (sig < 0) {
            sh_error(sh, "kill: %s: invalid signal specification", argv[i + 1]);
            return 1;
        }
        i += 2;
    } else if (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0) {
        sig = trap_signum(argv[i] + 1);
        if (sig < 0) {
            sh_error(sh, "kill: %s: invalid signal specification", argv[i] + 1);
            return 1;
        }
        i++;
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i >= argc) {
        sh_error(sh, "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]");
        return 2;
    }
    int st = 0;
    for (; i < argc; i++) {
        if (argv[i][0] == '%') {
            Job *j = job_find(sh, argv[i], "kill");
            if (!j) {
                st = 1;
                continue;
            }
            bool stopped = job_stopped(j);
            if (sh->jobctl && j->pgid) {
                sys_kill(-j->pgid, sig);
                if (stopped && sig != AX_SIGCONT)
                    sys_kill(-j->pgid, AX_SIGCONT);
            } else {
                for (int k = 0; k < j->nprocs; k++) {
                    if (j->procs[k].state == PS_DONE)
                        continue;
                    sys_kill(j->procs[k].pid, sig);
                    if (stopped && sig != AX_SIGCONT)
                        sys_kill(j->procs[k].pid, AX_SIGCONT);
                }
            }
            continue;
        }
        int64_t pid;
        if (!sh_parse_int(argv[i], &pid)) {
            sh_error(sh, "kill: %s: arguments must be process or job IDs", argv[i]);
            st = 1;
            continue;
        }
        SyscallResult r = sys_kill((int)pid, sig);
        if (r.error != AX_OK) {
            sh_error(sh, "kill: (%s) - %s", argv[i], sys_strerror(r.error));
            st = 1;
        }
    }
    return st;
}

int sh_run_argv(Shell *sh, int argc, char **argv)
{
    const Builtin *bi = builtin_find(argv[0]);
    if (bi)
        return bi->fn(sh, argc, argv);
    char *path = sh_find_command(sh, argv[0]);
    if (!path) {
        sh_error(sh, "%s: command not found", argv[0]);
        return 127;
    }
    SpawnPlan plan;
    plan_init(&plan);
    plan.pgroup = sh->jobctl ? 0 : -1;
    Job *j = job_new(sh, argv[0], false);
    int pid = plan_spawn(sh, &plan, path, argv, NULL);
    plan_free(&plan);
    xfree(path);
    if (pid < 0) {
        job_free(sh, j);
        return sh_spawn_error(sh, argv[0], -pid);
    }
    job_add_proc(sh, j, pid);
    if (sh->jobctl)
        j->pgid = pid;
    return job_wait_fg(sh, j);
}
