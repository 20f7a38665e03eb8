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
    int fd;           /* the fd redirected */
    int src;          /* dup this onto fd; -1 with close set */
    bool own_src;     /* src was opened for this redirection */
    bool close;       /* <&- >&- */
    bool move;        /* n>&m- (bash): m is closed once duplicated */
    bool also_stderr; /* >&file (bash): stdout and stderr both go to the file */
    bool noop;        /* n>&n: bash does nothing, not even check that n is open */
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

/* Open target for a redirection of kind k (noclobber honoured for >).
 * The fd, or -1 after a message. */
static int open_target(Shell *sh, const char *target, RedirKind k)
{
    if (k == R_OUT && (sh->opts & OPT_NOCLOBBER)) {
        FileStat st;
        if (sys_stat(target, &st).error == AX_OK && AX_S_ISREG(st.mode)) {
            sh_error(sh, "%s: cannot overwrite existing file", target);
            return -1;
        }
    }
    SyscallResult o = sys_open(target, open_flags(sh, k), 0666);
    if (o.error != AX_OK) {
        sh_error(sh, "%s: %s", target, sys_strerror(o.error));
        return -1;
    }
    return (int)o.value;
}

/* The word of <& or >&: "-" closes, N duplicates, N- moves (bash). For
 * >& on fd 1 any other word is a file taking stdout and stderr, as bash
 * reads `>&file`; anywhere else it is an ambiguous redirect. Returns 0,
 * 1 after a message, or 2 when target names that file. */
static int resolve_dup(Shell *sh, const Redir *r, const char *target, RAction *a, bool for_child)
{
    if (strcmp(target, "-") == 0) {
        a->close = true;
        return 0;
    }
    size_t digits = strspn(target, "0123456789");
    bool move = digits > 0 && target[digits] == '-' && target[digits + 1] == '\0';
    if (digits > 0 && (target[digits] == '\0' || move)) {
        int64_t n = 0;
        for (size_t i = 0; i < digits && n < AX_OPEN_MAX; i++)
            n = n * 10 + (target[i] - '0');
        if (n >= AX_OPEN_MAX) {
            sh_error(sh, "%.*s: Bad file descriptor", (int)digits, target);
            return 1;
        }
        a->src = (int)n;
        a->move = move;
        if (a->src == a->fd && !r->fdvar) {
            a->noop = true;
            return 0;
        }
        if (!for_child && !fd_is_open(a->src)) {
            sh_error(sh, "%.*s: Bad file descriptor", (int)digits, target);
            return 1;
        }
        return 0;
    }
    if (r->kind == R_DUPOUT && r->fd == 1 && !r->fdvar)
        return 2;
    sh_error(sh, "%s: ambiguous redirect", target);
    return 1;
}

/* Open or resolve a redirection's source; 0, or 1 after a message. The
 * source of a file is moved to a private fd (close-on-exec when the shell
 * keeps it, inheritable when a child must dup it). */
static int resolve(Shell *sh, const Redir *r, RAction *a, bool for_child)
{
    *a = (RAction){.fd = r->fd, .src = -1};
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
        RedirKind kind = r->kind;
        if (kind == R_DUPIN || kind == R_DUPOUT) {
            int rc = resolve_dup(sh, r, target, a, for_child);
            if (rc != 2) {
                xfree(target);
                return rc;
            }
            kind = R_OUT;
            a->also_stderr = true;
        }
        fd = open_target(sh, target, kind);
        xfree(target);
        if (fd < 0)
            return 1;
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

/* {name}>file and the like (bash): the source goes to a new fd >= 10
 * that outlives the command (bash neither restores nor closes it) and
 * whose number is stored in name; {name}>&- closes the fd name holds. */
static int redir_fdvar(Shell *sh, const Redir *r)
{
    RAction a;
    if (resolve(sh, r, &a, false) != 0)
        return 1;
    if (a.close) {
        const char *v = var_get(sh, r->fdvar);
        int64_t n;
        if (!v || !sh_parse_int(v, &n) || n < 0 || n >= AX_OPEN_MAX) {
            sh_error(sh, "%s: ambiguous redirect", r->fdvar);
            return 1;
        }
        sys_close((int)n);
        return 0;
    }
    int fd = a.src;
    if (!a.own_src) {
        SyscallResult d = sys_fcntl(a.src, AX_F_DUPFD, SH_PRIVATE_FD);
        if (d.error != AX_OK) {
            sh_error(sh, "%s: %s", r->fdvar, sys_strerror(d.error));
            return 1;
        }
        fd = (int)d.value;
        if (a.move)
            sys_close(a.src);
    }
    sys_fcntl(fd, AX_F_SETFD, 0);
    char num[24];
    sh_fmt_int(fd, num);
    if (var_set(sh, r->fdvar, num, 0) != 0) {
        sys_close(fd);
        return 1;
    }
    if (a.also_stderr) {
        sys_dup2(fd, 1);
        sys_dup2(fd, 2);
    }
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
        if (r->fdvar) {
            if (redir_fdvar(sh, r) != 0)
                return 1;
            continue;
        }
        RAction a;
        if (resolve(sh, r, &a, false) != 0)
            return 1;
        if (a.noop)
            continue;
        if (save)
            save_fd(save, a.fd);
        if (a.close) {
            sys_close(a.fd);
            continue;
        }
        if (a.also_stderr) {
            if (save)
                save_fd(save, 2);
            sys_dup2(a.src, 2);
        }
        if (a.src != a.fd) {
            sys_dup2(a.src, a.fd);
            /* n>&m- leaves m closed after the command, as bash does */
            if (a.own_src || a.move)
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
        if (r->fdvar) {
            if (redir_fdvar(sh, r) != 0)
                return 1;
            continue;
        }
        RAction a;
        if (resolve(sh, r, &a, true) != 0)
            return 1;
        if (a.noop)
            continue;
        if (a.close) {
            plan_close(plan, a.fd);
            continue;
        }
        plan_dup2(plan, a.src, a.fd);
        if (a.also_stderr)
            plan_dup2(plan, a.src, 2);
        if (a.own_src) {
            plan_close(plan, a.src);
            plan_close_after(plan, a.src);
        } else if (a.move) {
            plan_close(plan, a.src);
        }
    }
    return 0;
}
