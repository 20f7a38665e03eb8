/* redir.c — redirections, applied left to right, two ways:
 *   - in the shell itself, for builtins, functions and compound commands:
 *     each fd touched is first saved (a close-on-exec copy at 10 or
 *     above) and put back by redir_restore;
 *   - as spawn file actions for a child: the parent opens the files (so a
 *     missing file is reported before anything runs) at private fd
 *     numbers, and the child dup2s them into place.
 */
#include "sh.h"

int sh_private_fd(int fd)
{
    SyscallResult r = sys_fcntl(fd, AX_F_DUPFD, SH_PRIVATE_FD);
    if (r.error != AX_OK)
        return -(int)r.error;
    sys_close(fd);
    sys_fcntl((int)r.value, AX_F_SETFD, AX_FD_CLOEXEC);
    return (int)r.value;
}

static bool fd_is_open(int fd)
{
    return sys_fcntl(fd, AX_F_GETFD, 0).error == AX_OK;
}

int redir_text_fd(Shell *sh, const char *text, size_t n)
{
    if (n <= AX_PIPE_CAPACITY) {
        int p[2];
        SyscallResult r = sys_pipe(p);
        if (r.error != AX_OK)
            return -(int)r.error;
        sh_write_all(p[1], text, n);
        sys_close(p[1]);
        return p[0];
    }
    /* more than a pipe holds: an unlinked temporary file */
    for (int i = 0;; i++) {
        char path[64];
        snprintf(path, sizeof path, "/tmp/.sh-heredoc-%d-%d", (int)sys_getpid().value, i);
        SyscallResult r = sys_open(path, AX_O_RDWR | AX_O_CREAT | AX_O_EXCL, 0600);
        if (r.error == AX_EEXIST && i < 100)
            continue;
        if (r.error != AX_OK)
            return -(int)r.error;
        sys_unlink(path);
        sh_write_all((int)r.value, text, n);
        sys_lseek((int)r.value, 0, AX_SEEK_SET);
        (void)sh;
        return (int)r.value;
    }
}

/* What one redirection does to the target fd. */
typedef struct RAction {
    int fd;        /* the fd redirected */
    int src;       /* dup this onto fd; -1 with close set */
    bool own_src;  /* src was opened for this redirection */
    bool close;    /* <&- >&- */
} RAction;

static int open_flags(Shell *sh, RedirKind k)
{
    switch (k) {
    case R_IN: return AX_O_RDONLY;
    case R_OUT:
    case R_CLOBBER: return AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC;
    case R_APPEND: return AX_O_WRONLY | AX_O_CREAT | AX_O_APPEND;
    case R_RDWR: return AX_O_RDWR | AX_O_CREAT;
    default: (void)sh; return 0;
    }
}

/* Open or resolve a redirection's source; 0, or 1 after a message. The
 * source of a file is moved to a private fd (close-on-exec when the shell
 * keeps it, inheritable when a child must dup it). */
static int resolve(Shell *sh, const Redir *r, RAction *a, bool for_child)
{
    a->fd = r->fd;
    a->src = -1;
    a->own_src = false;
    a->close = false;
    int fd;
    if (r->kind == R_HEREDOC || r->kind == R_HERESTR) {
        char *text;
        if (r->kind == R_HERESTR) {
            /* <<< word: the word and a newline */
            char *w = expand_word_str(sh, r->target, 0);
            text = w ? sh_strdup_printf("%s\n", w) : NULL;
            xfree(w);
        } else {
            text = r->here_quoted ? xstrdup(r->here ? r->here->text : "") : expand_parts_str(sh, r->here, 0);
        }
        if (!text)
            return 1;
        fd = redir_text_fd(sh, text, strlen(text));
        xfree(text);
        if (fd < 0) {
            sh_error(sh, "cannot create here-document: %s", sys_strerror((SyscallError)-fd));
            return 1;
        }
    } else {
        char *target = expand_word_str(sh, r->target, 0);
        if (!target)
            return 1;
        if (r->kind == R_DUPIN || r->kind == R_DUPOUT) {
            int64_t n;
            if (strcmp(target, "-") == 0) {
                a->close = true;
            } else if (sh_parse_int(target, &n) && n >= 0 && n < AX_OPEN_MAX && target[0] != '-' &&
                       target[0] != '+') {
                a->src = (int)n;
                if (!for_child && !fd_is_open(a->src)) {
                    sh_error(sh, "%s: Bad file descriptor", target);
                    xfree(target);
                    return 1;
                }
            } else {
                sh_error(sh, "%s: ambiguous redirect", target);
                xfree(target);
                return 1;
            }
            xfree(target);
            return 0;
        }
        int flags = open_flags(sh, r->kind);
        if (r->kind == R_OUT && (sh->opts & OPT_NOCLOBBER)) {
            FileStat st;
            if (sys_stat(target, &st).error == AX_OK && AX_S_ISREG(st.mode)) {
                sh_error(sh, "%s: cannot overwrite existing file", target);
                xfree(target);
                return 1;
            }
        }
        SyscallResult o = sys_open(target, flags, 0666);
        if (o.error != AX_OK) {
            sh_error(sh, "%s: %s", target, sys_strerror(o.error));
            xfree(target);
            return 1;
        }
        xfree(target);
        fd = (int)o.value;
    }
    if (fd < SH_PRIVATE_FD) {
        int moved = sh_private_fd(fd);
        if (moved >= 0)
            fd = moved;
    }
    if (for_child)
        sys_fcntl(fd, AX_F_SETFD, 0);
    a->src = fd;
    a->own_src = true;
    return 0;
}

static void save_fd(RedirState *rs, int fd)
{
    for (size_t i = 0; i < rs->n; i++)
        if (rs->v[i].fd == fd)
            return;
    if (rs->n == rs->cap) {
        rs->cap = rs->cap ? rs->cap * 2 : 4;
        rs->v = xrealloc(rs->v, rs->cap * sizeof *rs->v);
    }
    int saved = -1;
    SyscallResult r = sys_fcntl(fd, AX_F_DUPFD, SH_PRIVATE_FD);
    if (r.error == AX_OK) {
        saved = (int)r.value;
        sys_fcntl(saved, AX_F_SETFD, AX_FD_CLOEXEC);
    }
    rs->v[rs->n].fd = fd;
    rs->v[rs->n].saved = saved;
    rs->n++;
}

int redir_apply(Shell *sh, const Redir *r, RedirState *save)
{
    for (; r; r = r->next) {
        RAction a;
        if (resolve(sh, r, &a, false) != 0)
            return 1;
        if (save)
            save_fd(save, a.fd);
        if (a.close) {
            sys_close(a.fd);
        } else if (a.src != a.fd) {
            sys_dup2(a.src, a.fd);
            if (a.own_src)
                sys_close(a.src);
        }
    }
    return 0;
}

void redir_restore(Shell *sh, RedirState *rs)
{
    (void)sh;
    while (rs->n > 0) {
        RedirSave *s = &rs->v[--rs->n];
        if (s->saved >= 0) {
            sys_dup2(s->saved, s->fd);
            sys_close(s->saved);
        } else {
            sys_close(s->fd);
        }
    }
    xfree(rs->v);
    rs->v = NULL;
    rs->cap = 0;
}

int redir_plan(Shell *sh, const Redir *r, SpawnPlan *plan)
{
    for (; r; r = r->next) {
        RAction a;
        if (resolve(sh, r, &a, true) != 0)
            return 1;
        if (a.close) {
            plan_close(plan, a.fd);
            continue;
        }
        plan_dup2(plan, a.src, a.fd);
        if (a.own_src) {
            plan_close(plan, a.src);
            plan_close_after(plan, a.src);
        }
    }
    return 0;
}
