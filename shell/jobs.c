/* jobs.c — the job table: every pipeline the shell starts is a job until
 * it is done and reported. Foreground jobs are waited for at once (with
 * AX_WUNTRACED under job control, so ^Z stops them and gives the prompt
 * back); background jobs are reaped with WNOHANG between commands, and
 * an interactive shell reports "[1]+  Done  cmd" before its next prompt.
 */
#include "sh.h"

Job *job_new(Shell *sh, const char *cmd, bool async)
{
    Job *j = xcalloc(1, sizeof *j);
    j->cmd = xstrdup(cmd);
    j->async = async;
    int max = 0;
    Job **tail = &sh->jobs;
    for (; *tail; tail = &(*tail)->next)
        if ((*tail)->id > max)
            max = (*tail)->id;
    j->id = max + 1;
    *tail = j;
    return j;
}

static Job *job_by_id(Shell *sh, int id)
{
    for (Job *j = sh->jobs; j; j = j->next)
        if (j->id == id)
            return j;
    return NULL;
}

/* The most recently backgrounded or stopped job that is still alive,
 * stopped ones first (bash's choice of a new %+), skipping two. */
static Job *most_recent(Shell *sh, int skip1, int skip2)
{
    Job *best = NULL;
    for (int pass = 0; pass < 2 && !best; pass++)
        for (Job *j = sh->jobs; j; j = j->next)
            if (j->id != skip1 && j->id != skip2 && j->touched && !job_done(j) &&
                (pass == 1 || job_stopped(j)) && (!best || j->touched > best->touched))
                best = j;
    return best;
}

void job_free(Shell *sh, Job *j)
{
    /* %+ and %- move on when their job goes; a dead job never becomes %+ */
    if (j->id == sh->cur_job) {
        Job *p = job_by_id(sh, sh->prev_job);
        if (!p || job_done(p))
            p = most_recent(sh, j->id, 0);
        sh->cur_job = p ? p->id : 0;
        Job *q = most_recent(sh, j->id, sh->cur_job);
        sh->prev_job = q ? q->id : 0;
    } else if (j->id == sh->prev_job) {
        Job *q = most_recent(sh, j->id, sh->cur_job);
        sh->prev_job = q ? q->id : 0;
    }
    for (Job **pp = &sh->jobs; *pp; pp = &(*pp)->next) {
        if (*pp == j) {
            *pp = j->next;
            break;
        }
    }
    xfree(j->procs);
    xfree(j->cmd);
    xfree(j);
}

static JobProc *job_push(Job *j)
{
    j->procs = xrealloc(j->procs, (size_t)(j->nprocs + 1) * sizeof *j->procs);
    JobProc *p = &j->procs[j->nprocs++];
    memset(p, 0, sizeof *p);
    return p;
}

void job_add_proc(Shell *sh, Job *j, int pid)
{
    (void)sh;
    JobProc *p = job_push(j);
    p->pid = pid;
    p->state = PS_RUNNING;
}

void job_add_done(Shell *sh, Job *j, int status)
{
    (void)sh;
    JobProc *p = job_push(j);
    p->state = PS_DONE;
    p->status = (status & 0xff) << 8;
}

void job_touch(Shell *sh, Job *j)
{
    j->touched = ++sh->job_seq;
    if (sh->cur_job != j->id) {
        sh->prev_job = sh->cur_job;
        sh->cur_job = j->id;
    }
}

bool job_done(const Job *j)
{
    for (int i = 0; i < j->nprocs; i++)
        if (j->procs[i].state != PS_DONE)
            return false;
    return true;
}

bool job_stopped(const Job *j)
{
    bool any = false;
    for (int i = 0; i < j->nprocs; i++) {
        if (j->procs[i].state == PS_RUNNING)
            return false;
        any |= j->procs[i].state == PS_STOPPED;
    }
    return any;
}

int job_status_code(int raw)
{
    if (AX_WIFEXITED(raw))
        return AX_WEXITSTATUS(raw);
    if (AX_WIFSTOPPED(raw))
        return 128 + AX_WSTOPSIG(raw);
    return 128 + AX_WTERMSIG(raw);
}

Job *job_by_pid(Shell *sh, int pid)
{
    for (Job *j = sh->jobs; j; j = j->next)
        for (int i = 0; i < j->nprocs; i++)
            if (j->procs[i].pid == pid)
                return j;
    return NULL;
}

static void job_update(Shell *sh, int pid, int raw)
{
    Job *j = job_by_pid(sh, pid);
    if (!j)
        return;
    for (int i = 0; i < j->nprocs; i++) {
        JobProc *p = &j->procs[i];
        if (p->pid != pid)
            continue;
        if (AX_WIFCONTINUED(raw)) {
            p->state = PS_RUNNING;
        } else if (AX_WIFSTOPPED(raw)) {
            p->state = PS_STOPPED;
            p->status = raw;
            if (j->notified)
                j->notified = false;
            job_touch(sh, j);
        } else {
            p->state = PS_DONE;
            p->status = raw;
        }
    }
}

static const char *sig_text(int sig)
{
    switch (sig) {
    case AX_SIGHUP: return "Hangup";
    case AX_SIGINT: return "Interrupt";
    case AX_SIGQUIT: return "Quit";
    case AX_SIGILL: return "Illegal instruction";
    case AX_SIGABRT: return "Aborted";
    case AX_SIGFPE: return "Floating point exception";
    case AX_SIGKILL: return "Killed";
    case AX_SIGUSR1: return "User defined signal 1";
    case AX_SIGSEGV: return "Segmentation fault";
    case AX_SIGUSR2: return "User defined signal 2";
    case AX_SIGPIPE: return "Broken pipe";
    case AX_SIGALRM: return "Alarm clock";
    case AX_SIGTERM: return "Terminated";
    case AX_SIGSTOP: return "Stopped (signal)";
    case AX_SIGTSTP: return "Stopped";
    case AX_SIGTTIN: return "Stopped (tty input)";
    case AX_SIGTTOU: return "Stopped (tty output)";
    }
    return NULL;
}

/* The job's status word as `jobs` shows it. */
static void job_state_text(const Job *j, StrBuf *b)
{
    if (job_stopped(j)) {
        int sig = AX_SIGTSTP;
        for (int i = 0; i < j->nprocs; i++)
            if (j->procs[i].state == PS_STOPPED)
                sig = AX_WSTOPSIG(j->procs[i].status);
        /* bash says plain "Stopped" for SIGSTOP as for ^Z */
        sb_puts(b, sig == AX_SIGTTIN || sig == AX_SIGTTOU ? sig_text(sig) : "Stopped");
        return;
    }
    if (!job_done(j)) {
        sb_puts(b, "Running");
        return;
    }
    int raw = j->nprocs ? j->procs[j->nprocs - 1].status : 0;
    if (AX_WIFSIGNALED(raw)) {
        const char *t = sig_text(AX_WTERMSIG(raw));
        if (t)
            sb_puts(b, t);
        else
            sb_printf(b, "Signal %d", AX_WTERMSIG(raw));
    } else if (AX_WEXITSTATUS(raw)) {
        sb_printf(b, "Exit %d", AX_WEXITSTATUS(raw));
    } else {
        sb_puts(b, "Done");
    }
}

static void job_marks(Shell *sh, Job **cur, Job **prev)
{
    *cur = job_by_id(sh, sh->cur_job);
    *prev = job_by_id(sh, sh->prev_job);
}

void job_print(Shell *sh, Job *j, int fd, bool long_fmt)
{
    Job *cur, *prev;
    job_marks(sh, &cur, &prev);
    StrBuf st, line;
    sb_init(&st);
    sb_init(&line);
    job_state_text(j, &st);
    char mark = j == cur ? '+' : j == prev ? '-' : ' ';
    sb_printf(&line, "[%d]%c ", j->id, mark);
    if (long_fmt)
        sb_printf(&line, "%d ", j->nprocs ? j->procs[0].pid : 0);
    else
        sb_putc(&line, ' ');
    sb_printf(&line, "%-24s%s%s\n", st.s, j->cmd, (!job_done(j) && !job_stopped(j) && j->async) ? " &" : "");
    sh_write_all(fd, line.s, line.len);
    sb_free(&st);
    sb_free(&line);
}

/* Wait for j's processes: a foreground job until each has stopped or
 * ended; for `wait` until each has ended, or a trapped signal arrived
 * (its trap has run; returns the signal). */
static int wait_procs(Shell *sh, Job *j, bool fg)
{
    for (int i = 0; i < j->nprocs; i++) {
        JobProc *p = &j->procs[i];
        while (fg ? p->state == PS_RUNNING : p->state != PS_DONE) {
            int raw = 0;
            SyscallResult r = sys_waitpid(p->pid, &raw, fg && sh->jobctl ? AX_WUNTRACED : 0);
            if (r.error == AX_EINTR) {
                int sig = fg ? 0 : trap_run_pending(sh);
                if (sig)
                    return sig;
                continue;
            }
            if (r.error != AX_OK) {
                p->state = PS_DONE;
                break;
            }
            job_update(sh, (int)r.value, raw);
        }
    }
    return 0;
}

int job_wait_fg(Shell *sh, Job *j)
{
    /* the terminal belongs to the job while the shell waits for it */
    if (sh->jobctl && sh->ttyfd >= 0 && j->pgid)
        sys_tcsetpgrp(sh->ttyfd, j->pgid);
    wait_procs(sh, j, true);
    if (sh->jobctl && sh->ttyfd >= 0)
        sys_tcsetpgrp(sh->ttyfd, sh->pgid);
    if (job_stopped(j)) {
        int raw = 0;
        for (int i = 0; i < j->nprocs; i++)
            if (j->procs[i].state == PS_STOPPED)
                raw = j->procs[i].status;
        job_touch(sh, j);
        j->notified = true;
        sh_write_all(2, "\n", 1);
        job_print(sh, j, 2, false);
        return 128 + AX_WSTOPSIG(raw);
    }
    /* the last command's status; with pipefail the last that failed */
    int st = 0;
    if (j->nprocs > sh->pipestatus_cap) {
        sh->pipestatus_cap = j->nprocs;
        sh->pipestatus = xrealloc(sh->pipestatus, (size_t)j->nprocs * sizeof *sh->pipestatus);
    }
    sh->npipestatus = j->nprocs;
    for (int i = 0; i < j->nprocs; i++) {
        int code = job_status_code(j->procs[i].status);
        sh->pipestatus[i] = code;
        if ((sh->opts & OPT_PIPEFAIL) ? code != 0 : i == j->nprocs - 1)
            st = code;
    }
    /* bash: a foreground job that ^C or ^\ killed ends what the
     * interactive shell was running too (the rest of a list or loop) */
    for (int i = 0; i < j->nprocs && sh->interactive; i++) {
        int s = j->procs[i].status;
        if (AX_WIFSIGNALED(s) && (AX_WTERMSIG(s) == AX_SIGINT || AX_WTERMSIG(s) == AX_SIGQUIT)) {
            sh_interrupt(sh, AX_WTERMSIG(s));
            sh->status = st; /* $? stays the job's */
            break;
        }
    }
    int raw = j->nprocs ? j->procs[j->nprocs - 1].status : 0;
    if (AX_WIFSIGNALED(raw)) {
        int sig = AX_WTERMSIG(raw);
        if (sig == AX_SIGINT) {
            if (sh->interactive)
                sh_write_all(2, "\n", 1);
        } else if (sig != AX_SIGPIPE) {
            const char *t = sig_text(sig);
            sh_fdprintf(2, "%s\n", t ? t : "Killed");
        }
    }
    /* learn of background jobs that ended meanwhile (bash hears of them
     * by SIGCHLD) before %+ moves on */
    job_reap(sh);
    job_free(sh, j);
    return st;
}

int job_wait_done(Shell *sh, Job *j, bool *interrupted)
{
    int sig = wait_procs(sh, j, false);
    *interrupted = sig != 0;
    if (sig)
        return 128 + sig;
    return job_status_code(j->nprocs ? j->procs[j->nprocs - 1].status : 0);
}

/* Free a finished job among cands (any job when n == 0); its status. */
static bool take_done(Shell *sh, Job **cands, int n, int *st, int *pid)
{
    for (Job *j = sh->jobs; j; j = j->next) {
        bool cand = n == 0;
        for (int i = 0; i < n && !cand; i++)
            cand = cands[i] == j;
        if (!cand || !job_done(j))
            continue;
        *st = job_status_code(j->nprocs ? j->procs[j->nprocs - 1].status : 0);
        *pid = j->nprocs ? j->procs[j->nprocs - 1].pid : 0;
        job_free(sh, j);
        return true;
    }
    return false;
}

int job_wait_any(Shell *sh, Job **cands, int n, int *pid)
{
    int st = 127;
    *pid = 0;
    job_reap(sh);
    while (!take_done(sh, cands, n, &st, pid) && sh->jobs) {
        int raw = 0;
        SyscallResult r = sys_waitpid(-1, &raw, 0);
        if (r.error == AX_EINTR) {
            int sig = trap_run_pending(sh);
            if (sig)
                return 128 + sig;
            continue;
        }
        if (r.error != AX_OK)
            break;
        job_update(sh, (int)r.value, raw);
    }
    return st;
}

void job_reap(Shell *sh)
{
    for (;;) {
        int raw = 0;
        SyscallResult r = sys_waitpid(-1, &raw, AX_WNOHANG | AX_WUNTRACED | AX_WCONTINUED);
        if (r.error != AX_OK || r.value <= 0)
            return;
        job_update(sh, (int)r.value, raw);
    }
}

void job_notify(Shell *sh)
{
    Job *j = sh->jobs;
    while (j) {
        Job *next = j->next;
        if (job_done(j)) {
            if (sh->interactive) {
                job_print(sh, j, 2, false);
                job_free(sh, j);
            }
        } else if (job_stopped(j) && !j->notified) {
            j->notified = true;
            job_print(sh, j, 2, false);
        }
        j = next;
    }
}

Job *job_find(Shell *sh, const char *spec, const char *who)
{
    Job *cur, *prev;
    job_marks(sh, &cur, &prev);
    Job *found = NULL;
    if (!spec || strcmp(spec, "%%") == 0 || strcmp(spec, "%+") == 0 || strcmp(spec, "%") == 0) {
        found = cur;
        if (!found)
            sh_error(sh, "%s: current: no such job", who);
        return found;
    }
    if (strcmp(spec, "%-") == 0) {
        found = prev;
    } else if (spec[0] == '%') {
        int64_t n;
        if (sh_parse_int(spec + 1, &n)) {
            for (Job *j = sh->jobs; j; j = j->next)
                if (j->id == n)
                    found = j;
        } else {
            bool sub = spec[1] == '?';
            const char *s = spec + (sub ? 2 : 1);
            for (Job *j = sh->jobs; j; j = j->next)
                if (sub ? strstr(j->cmd, s) != NULL : strncmp(j->cmd, s, strlen(s)) == 0)
                    found = j;
        }
    } else {
        int64_t pid;
        if (sh_parse_int(spec, &pid))
            found = job_by_pid(sh, (int)pid);
    }
    if (!found)
        sh_error(sh, "%s: %s: no such job", who, spec);
    return found;
}

int job_continue(Shell *sh, Job *j, bool fg)
{
    if (fg && sh->jobctl && sh->ttyfd >= 0 && j->pgid)
        sys_tcsetpgrp(sh->ttyfd, j->pgid); /* before it runs again */
    if (sh->jobctl && j->pgid) {
        sys_kill(-j->pgid, AX_SIGCONT);
    } else {
        for (int i = 0; i < j->nprocs; i++)
            if (j->procs[i].state != PS_DONE)
                sys_kill(j->procs[i].pid, AX_SIGCONT);
    }
    for (int i = 0; i < j->nprocs; i++)
        if (j->procs[i].state == PS_STOPPED)
            j->procs[i].state = PS_RUNNING;
    j->notified = false;
    if (fg) {
        j->async = false;
        sh_fdprintf(1, "%s\n", j->cmd);
        return job_wait_fg(sh, j);
    }
    j->async = true;
    job_touch(sh, j);
    Job *cur, *prev;
    job_marks(sh, &cur, &prev);
    sh_fdprintf(1, "[%d]%c %s &\n", j->id, j == cur ? '+' : j == prev ? '-' : ' ', j->cmd);
    return 0;
}

int job_count_stopped(Shell *sh)
{
    int n = 0;
    for (Job *j = sh->jobs; j; j = j->next)
        n += job_stopped(j);
    return n;
}

bool sh_exit_warn(Shell *sh)
{
    if (sh->exit_warned || job_count_stopped(sh) == 0)
        return false;
    sh_write_all(2, "There are stopped jobs.\n", 24);
    sh->exit_warned = true;
    return true;
}

void job_hangup_all(Shell *sh)
{
    /* stopped jobs would stay stopped for ever: hang them up, then let
     * them run to notice, as the kernel does for an orphaned group */
    for (Job *j = sh->jobs; j; j = j->next) {
        if (job_done(j))
            continue;
        for (int i = 0; i < j->nprocs; i++) {
            if (j->procs[i].state == PS_DONE)
                continue;
            sys_kill(j->procs[i].pid, AX_SIGHUP);
            sys_kill(j->procs[i].pid, AX_SIGCONT);
        }
    }
}
