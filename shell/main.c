/* main.c — /bin/sh: options, the read-parse-execute loop, exit.
 *
 *   sh [-eux...] [-o OPT] -c COMMAND [NAME [ARG...]]
 *   sh [-eux...] SCRIPT [ARG...]
 *   sh [-eux...] [-i] [-s] [ARG...]       commands from stdin
 *
 * The shell is interactive with -i, or when it reads commands from stdin
 * and both stdin and stderr are terminals: then it prints prompts (on
 * stderr, as bash does), keeps a history, reports jobs, and runs each job
 * in its own process group with the terminal handed to the foreground one.
 */
#include "sh.h"

Shell *sh_new(void)
{
    Shell *sh = xcalloc(1, sizeof *sh);
    sh->pid = (int)sys_getpid().value;
    sh->ttyfd = -1;
    sh->sigpipe_r = -1;
    sh->subst_status = -1;
    sh->rand = (uint64_t)sh->pid * 2654435761u + 1;
    sh->opts = OPT_DEFAULTS;
    var_import_env(sh);
    /* IFS never comes from the environment: the shell sets it (POSIX
     * 2.5.3, and bash ignores an inherited IFS) */
    var_set(sh, "IFS", " \t\n", 0);
    if (!var_get(sh, "PATH"))
        var_set(sh, "PATH", "/bin:/usr/bin", 0);
    var_set(sh, "PS2", "> ", 0);
    var_set(sh, "PS4", "+ ", 0);
    var_set(sh, "OPTIND", "1", 0);
    char num[24];
    snprintf(num, sizeof num, "%d", (int)sys_getppid().value);
    var_set(sh, "PPID", num, 0);
    /* bash's UID, EUID and OSTYPE */
    snprintf(num, sizeof num, "%d", (int)sys_getuid().value);
    if (!var_get(sh, "UID"))
        var_set(sh, "UID", num, 0);
    snprintf(num, sizeof num, "%d", (int)sys_geteuid().value);
    if (!var_get(sh, "EUID"))
        var_set(sh, "EUID", num, 0);
    if (!var_get(sh, "OSTYPE"))
        var_set(sh, "OSTYPE", "linux-gnu", 0);
    sh->start_ns = sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
    /* PWD: the inherited one while it names this directory (a path
     * through links, as bash keeps it), else the physical one; OLDPWD
     * only when it is a directory. Both are exported, as in bash. */
    char cwd[AX_PATH_MAX + 1];
    if (!sh_logical_pwd(sh) && sys_getcwd(cwd, sizeof cwd).error == AX_OK)
        var_set(sh, "PWD", cwd, 0);
    const char *old = var_get(sh, "OLDPWD");
    FileStat st;
    if (old && (sys_stat(old, &st).error != AX_OK || !AX_S_ISDIR(st.mode)))
        var_unset(sh, "OLDPWD");
    var_set(sh, "OLDPWD", var_get(sh, "OLDPWD"), VAR_EXPORT);
    if (var_get(sh, "PWD"))
        var_set(sh, "PWD", var_get(sh, "PWD"), VAR_EXPORT);
    return sh;
}

void sh_exit(Shell *sh, int status)
{
    sh->status = status;
    trap_run_exit(sh);
    if (sh->interactive && !sh->subshell)
        job_hangup_all(sh);
    sys_exit(status);
    __builtin_unreachable();
}

/* An interactive shell keeps COLUMNS and LINES at the terminal's size,
 * looked at before each prompt (bash's checkwinsize). */
void sh_check_winsize(Shell *sh)
{
    WinSize ws;
    if (sys_tcgetwinsize(2, &ws).error != AX_OK && sys_tcgetwinsize(0, &ws).error != AX_OK)
        return;
    if (!ws.cols || !ws.rows)
        return;
    char num[16];
    snprintf(num, sizeof num, "%u", (unsigned)ws.cols);
    const char *cur = var_get(sh, "COLUMNS");
    if (!cur || strcmp(cur, num) != 0)
        var_set(sh, "COLUMNS", num, 0);
    snprintf(num, sizeof num, "%u", (unsigned)ws.rows);
    cur = var_get(sh, "LINES");
    if (!cur || strcmp(cur, num) != 0)
        var_set(sh, "LINES", num, 0);
}

/* Is nothing but blanks left of a string input after the command just
 * parsed? (Then that command is the last of `sh -c`.) */
static bool input_rest_blank(const Input *in, const Parser *p)
{
    if (in->kind != IN_STRING)
        return false;
    for (size_t i = p->pos; i < p->buf.len; i++)
        if (!strchr(" \t\n", p->buf.s[i]))
            return false;
    for (size_t i = in->spos; i < in->slen; i++)
        if (!strchr(" \t\n", in->str[i]))
            return false;
    return true;
}

int sh_run_input(Shell *sh, Input *in, int first_line)
{
    Arena arena;
    arena_init(&arena);
    Parser p;
    parser_init(&p, sh, in, &arena);
    p.lineno = first_line;
    Input *saved = sh->input;
    sh->input = in;
    bool ran = false; /* a text with no command at all gives status 0 */
    bool executed = false;
    for (;;) {
        if (in->prompt) {
            job_reap(sh);
            job_notify(sh);
            sh_check_winsize(sh);
        }
        Node *n;
        int r = parse_next(&p, &n);
        if (r == PARSE_EOF) {
            /* ^D with stopped jobs: warn once, as bash does */
            if (in->prompt && sh_exit_warn(sh)) {
                p.eof = false;
                in->eof = false;
                continue;
            }
            break;
        }
        if (r == PARSE_INTR) {
            sh_write_all(2, "\n", 1);
            trap_run_pending(sh);
            sh->jump = JUMP_NONE; /* the line was dropped: nothing to abandon */
            sh->intr_newline = false;
            sh->status = 130;
            arena_free(&arena);
            continue;
        }
        if (r == PARSE_ERROR) {
            sh_fdprintf(2, "%s: line %d: %s\n", sh->script_name ? sh->script_name : "sh", p.errline, p.errmsg);
            /* eval and . give 2 for any syntax error; it ends the
             * script (POSIX 2.8.1) as in bash --posix: unless it is in
             * [[ ]], is a quote left open at the end, or comes after
             * the text already ran a command */
            bool nested = sh->eval_depth > 0 || sh->source_depth > 0;
            if (!p.err_keeps_status || nested)
                sh->status = 2;
            if (nested && !p.err_keeps_status && !p.err_unterminated && !executed)
                sh->syntax_error = true;
            ran = true;
            arena_free(&arena);
            if (!in->prompt)
                break;
            continue;
        }
        if (in->history && p.buf.len)
            sh_hist_add(sh, p.buf.s);
        if (sh->opts & OPT_VERBOSE)
            sh_write_all(2, p.buf.s ? p.buf.s : "", p.buf.len);
        if (in->kind == IN_FD && in->fd == 0)
            input_sync(in);
        bool warned = sh->exit_warned;
        if (n && !(sh->opts & OPT_NOEXEC)) {
            sh_exec(sh, n, in->exec_last && input_rest_blank(in, &p) ? EX_LAST : 0);
            executed = true;
        }
        if (warned)
            sh->exit_warned = false; /* the warning holds for the next command only */
        arena_free(&arena);
        trap_run_pending(sh);
        if (!in->prompt)
            job_reap(sh);
        ran = true;
        /* return, and break/continue out of an eval'd or sourced text,
         * act on what encloses it */
        if (sh->jump == JUMP_RETURN || sh->jump == JUMP_BREAK || sh->jump == JUMP_CONTINUE ||
            (sh->jump == JUMP_INTR && !in->prompt))
            break;
        if (sh->jump == JUMP_ABORT)
            sh->status = 1;
        if (sh->jump == JUMP_INTR && sh->intr_newline) {
            sh_write_all(2, "\n", 1);
            sh->intr_newline = false;
        }
        if (sh->jump != JUMP_NONE)
            sh->jump = JUMP_NONE;
    }
    parser_fini(&p);
    arena_free(&arena);
    sh->input = saved;
    if (!ran)
        sh->status = 0;
    return sh->status;
}

int sh_run_string(Shell *sh, const char *text, int lineno)
{
    Input in;
    input_init_string(&in, text, strlen(text));
    int st = sh_run_input(sh, &in, lineno);
    input_fini(&in);
    return st;
}

static void usage(void)
{
    static const char text[] =
        "usage: sh [-eufxvnCm] [-o option] [-c command [name [arg...]] | script [arg...] | -s [arg...]]\n"
        "  -c command   run command and exit\n"
        "  -i           interactive: prompts, history, job control\n"
        "  -s           read commands from standard input\n"
        "  -e -u -f -x  errexit, nounset, noglob, xtrace (see `help set`)\n";
    sh_write_all(1, text, sizeof text - 1);
}

/* Job control: lead our own process group and own the terminal. */
static void setup_job_control(Shell *sh)
{
    sh->pgid = (int)sys_getpgid(0).value;
    if (!sh->jobctl)
        return;
    if (u_isatty(0))
        sh->ttyfd = 0;
    if (sh->pgid != sh->pid && sys_setpgid(0, 0).error == AX_OK)
        sh->pgid = sh->pid;
    if (sh->ttyfd >= 0)
        sys_tcsetpgrp(sh->ttyfd, sh->pgid);
}

int sh_main(int argc, char **argv)
{
    Shell *sh = sh_new();
    sh->stack_base = (uintptr_t)__builtin_frame_address(0);
    if (argc >= 3 && strcmp(argv[1], SH_SUBSHELL_FLAG) == 0) {
        sh->pgid = (int)sys_getpgid(0).value;
        trap_init(sh);
        sh_subshell_main(sh, atoi(argv[2]));
    }
    bool c_flag = false, s_flag = false, i_flag = false;
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0 || strcmp(a, "-") == 0) {
            i++;
            break;
        }
        if (strcmp(a, "--help") == 0) {
            usage();
            return 0;
        }
        if (strcmp(a, "--version") == 0) {
            sh_fdprintf(1, "axos sh %s\n", AX_VERSION_STRING);
            return 0;
        }
        if ((a[0] != '-' && a[0] != '+') || !a[1])
            break;
        bool on = a[0] == '-';
        for (const char *c = a + 1; *c; c++) {
            if (*c == 'c')
                c_flag = true;
            else if (*c == 's')
                s_flag = true;
            else if (*c == 'i')
                i_flag = on;
            else if (*c == 'o') {
                if (i + 1 >= argc || sh_set_option_long(sh, argv[++i], on) != 0) {
                    sh_error(sh, "%s: invalid option name", i < argc ? argv[i] : "");
                    return 2;
                }
            } else if (sh_set_option(sh, *c, on) != 0) {
                sh_error(sh, "%c%c: invalid option", a[0], *c);
                usage();
                return 2;
            }
        }
    }
    const char *cmd = NULL, *script = NULL;
    if (c_flag) {
        if (i >= argc) {
            sh_error(sh, "-c: option requires an argument");
            return 2;
        }
        cmd = argv[i++];
        if (i < argc)
            sh->arg0 = xstrdup(argv[i++]);
    } else if (!s_flag && i < argc) {
        script = argv[i++];
        sh->arg0 = xstrdup(script);
    }
    if (!sh->arg0)
        sh->arg0 = xstrdup(argv[0] ? argv[0] : "sh");
    sh_set_args(sh, argv + i, argc - i);

    sh->interactive = i_flag || (!cmd && !script && u_isatty(0) && u_isatty(2));
    if (sh->interactive)
        sh->jobctl = true, sh->opts |= OPT_MONITOR | OPT_HISTORY | OPT_HISTEXPAND;
    sh->input_letter = cmd ? 'c' : script ? '\0' : 's';
    sh_update_shellopts(sh);
    setup_job_control(sh);
    trap_init(sh);
    if (sh->interactive && !var_get(sh, "PS1"))
        var_set(sh, "PS1", var_get(sh, "USER") ? "\\u@\\h:\\w\\$ " : "$ ", 0);

    /* BASH_SOURCE of the functions defined at the top: bash's names */
    sh->source_name = cmd ? "environment" : script ? script : "main";
    if (cmd) {
        Input in;
        input_init_string(&in, cmd, strlen(cmd));
        in.exec_last = true;
        sh_run_input(sh, &in, 1);
        input_fini(&in);
    } else if (script) {
        SyscallResult r = sys_open(script, AX_O_RDONLY | AX_O_CLOEXEC, 0);
        if (r.error != AX_OK) {
            sh_error(sh, "%s: %s", script, sys_strerror(r.error));
            sh_exit(sh, r.error == AX_ENOENT ? 127 : 126);
        }
        int fd = sh_private_fd((int)r.value);
        Input in;
        input_init_fd(sh, &in, fd < 0 ? (int)r.value : fd, false);
        sh->script_name = script;
        frame_push(sh, "main", script, false); /* a script's frame, FUNCNAME's "main" */
        sh_run_input(sh, &in, 1);
        input_fini(&in);
    } else {
        Input in;
        input_init_fd(sh, &in, 0, sh->interactive);
        sh_run_input(sh, &in, 1);
        input_fini(&in);
        if (sh->interactive)
            sh_write_all(2, "exit\n", 5);
    }
    sh_exit(sh, sh->status);
}
