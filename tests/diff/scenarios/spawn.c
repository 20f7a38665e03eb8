/* posix_spawn: what a child inherits (fds but close-on-exec ones, the
 * signal mask, ignored signals), the file actions in order, the
 * attributes (process group, session, mask, defaults), and the errors:
 * a failed spawn creates no process. */
#include <string.h>

#include "dt.h"

/* argv[1]: a label tag. Prints the child's fd table. */
static int role_fds(int argc, char **argv) {
    char label[64];
    strcpy(label, "child_fds_");
    strncat(label, argv[1], 40);
    dt_show_fds(label);
    return 0;
}

/* Reads fd 0 and prints what it got. */
static int role_cat(int argc, char **argv) {
    char buf[64];
    long n = dt_read(0, buf, sizeof buf - 1);
    if (n < 0) {
        dt_show("child_stdin", n);
        return 1;
    }
    buf[n] = '\0';
    dt_out("child_stdin: %s\n", buf);
    return 0;
}

/* Writes its argument to fd 1. */
static int role_echo(int argc, char **argv) {
    return dt_write(1, argv[1], strlen(argv[1])) < 0;
}

/* argv[1]: a label tag. Prints its signal dispositions and mask. */
static int role_sigs(int argc, char **argv) {
    const char *t = argv[1];
    dt_out("child_usr1_action_%s: %c\n", t, dt_sigaction_kind(DT_SIGUSR1));
    dt_out("child_usr2_action_%s: %c\n", t, dt_sigaction_kind(DT_SIGUSR2));
    dt_out("child_hup_action_%s: %c\n", t, dt_sigaction_kind(DT_SIGHUP));
    uint64_t mask = 0, pend = 0;
    char label[64];
    dt_sigprocmask(DT_SIG_BLOCK, NULL, &mask);
    strcpy(label, "child_mask_");
    dt_show_sigs(strncat(label, t, 40), mask);
    dt_sigpending(&pend);
    strcpy(label, "child_pending_");
    dt_show_sigs(strncat(label, t, 40), pend);
    return 0;
}

/* argv[1]: a label tag. Where the child's group and session are. */
static int role_ids(int argc, char **argv) {
    long pid = dt_getpid(), ppid = dt_getppid();
    long pgid = dt_getpgid(0), sid = dt_getsid(0);
    const char *group = pgid == pid                 ? "own"
                        : pgid == dt_getpgid(ppid) ? "parent's"
                                                    : "other";
    const char *session = sid == pid ? "own" : sid == dt_getsid(ppid) ? "parent's" : "other";
    dt_out("child_group_%s: %s\n", argv[1], group);
    dt_out("child_session_%s: %s\n", argv[1], session);
    return 0;
}

const DtRole dt_roles[] = {
    {"fds", role_fds},   {"cat", role_cat}, {"echo", role_echo},
    {"sigs", role_sigs}, {"ids", role_ids}, {NULL, NULL},
};

/* Spawn, wait, then print (the child may print before its parent). */
static void spawn_wait(const char *label, const DtSpawn *sp, const char *role, const char *arg) {
    long pid = dt_spawn(sp, role, arg, NULL);
    int st = -1;
    if (pid > 0)
        dt_waitpid(pid, &st, 0);
    if (pid > 0 && st != 0)
        dt_out("%s: status 0x%x\n", label, (unsigned)st);
    else
        dt_show_ok(label, pid);
}

static void no_child_left(const char *label) {
    int st;
    dt_show(label, dt_waitpid(-1, &st, DT_WNOHANG));
}

static void inheritance(void) {
    long a = dt_open("a", DT_O_RDWR | DT_O_CREAT, 0644);
    long b = dt_open("b", DT_O_RDWR | DT_O_CREAT | DT_O_CLOEXEC, 0644);
    dt_out("parent_fds_open: %ld %ld\n", a, b);
    spawn_wait("spawn_plain", NULL, "fds", "plain");
    dt_close((int)a);
    dt_close((int)b);
}

static void actions(void) {
    long fd = dt_open("in", DT_O_WRONLY | DT_O_CREAT | DT_O_TRUNC, 0644);
    dt_write((int)fd, "from a file", 11);
    dt_close((int)fd);

    /* open, dup2, close, in that order */
    DtAction a1[] = {{.kind = DT_ACT_OPEN, .fd = 5, .path = "in", .oflag = DT_O_RDONLY},
                     {.kind = DT_ACT_DUP2, .fd = 5, .newfd = 0},
                     {.kind = DT_ACT_CLOSE, .fd = 5}};
    DtSpawn s1 = {.actions = a1, .nactions = 3};
    spawn_wait("spawn_open_dup2_close", &s1, "cat", NULL);
    dt_show_fds("parent_fds_untouched");

    /* an open action onto an fd that is already open replaces it */
    DtAction a2[] = {{.kind = DT_ACT_OPEN, .fd = 0, .path = "in", .oflag = DT_O_RDONLY}};
    DtSpawn s2 = {.actions = a2, .nactions = 1};
    spawn_wait("spawn_open_over_stdin", &s2, "cat", NULL);

    /* the pipeline idiom: dup2 from a close-on-exec pipe end */
    int p[2];
    dt_pipe(p, DT_O_CLOEXEC);
    DtAction a3[] = {{.kind = DT_ACT_DUP2, .fd = p[1], .newfd = 1}};
    DtSpawn s3 = {.actions = a3, .nactions = 1};
    spawn_wait("spawn_dup2_from_cloexec", &s3, "echo", "through the pipe");
    dt_close(p[1]);
    char buf[64] = {0};
    long n = dt_read(p[0], buf, sizeof buf - 1);
    if (n >= 0)
        dt_out("pipe_got: \"%s\"\n", buf);
    else
        dt_show("pipe_got", n);
    dt_close(p[0]);

    /* close-on-exec fds are closed after the actions, so an action may
     * use one, and a dup2 onto the same fd clears the flag */
    long c = dt_open("in", DT_O_RDONLY | DT_O_CLOEXEC, 0);
    DtAction a4[] = {{.kind = DT_ACT_DUP2, .fd = (int)c, .newfd = (int)c}};
    DtSpawn s4 = {.actions = a4, .nactions = 1};
    spawn_wait("spawn_dup2_same_clears_cloexec", &s4, "fds", "dup2_same");
    dt_close((int)c);

    /* closing an fd that is not open is not an error (POSIX.1-2024) */
    DtAction a5[] = {{.kind = DT_ACT_CLOSE, .fd = 9}};
    DtSpawn s5 = {.actions = a5, .nactions = 1};
    spawn_wait("spawn_close_not_open", &s5, "fds", "close_not_open");
}

static void action_errors(void) {
    DtAction a1[] = {{.kind = DT_ACT_OPEN, .fd = 0, .path = "missing", .oflag = DT_O_RDONLY}};
    DtSpawn s1 = {.actions = a1, .nactions = 1};
    spawn_wait("spawn_open_missing", &s1, "cat", NULL);
    no_child_left("no_child_after_failed_open");

    DtAction a2[] = {{.kind = DT_ACT_DUP2, .fd = 40, .newfd = 0}};
    DtSpawn s2 = {.actions = a2, .nactions = 1};
    spawn_wait("spawn_dup2_bad_source", &s2, "cat", NULL);

    DtAction a3[] = {{.kind = DT_ACT_CLOSE, .fd = -1}};
    DtSpawn s3 = {.actions = a3, .nactions = 1};
    spawn_wait("spawn_close_negative", &s3, "cat", NULL);

    DtAction a4[] = {{.kind = DT_ACT_DUP2, .fd = 0, .newfd = 1024}};
    DtSpawn s4 = {.actions = a4, .nactions = 1};
    spawn_wait("spawn_dup2_past_limit", &s4, "cat", NULL);

    /* an action that fails after an open action created a file: the
     * spawn fails, and the file stays (the child made it) */
    DtAction a5[] = {
        {.kind = DT_ACT_OPEN, .fd = 7, .path = "made", .oflag = DT_O_WRONLY | DT_O_CREAT, .mode = 0644},
        {.kind = DT_ACT_DUP2, .fd = 41, .newfd = 0}};
    DtSpawn s5 = {.actions = a5, .nactions = 2};
    spawn_wait("spawn_fails_after_creating", &s5, "cat", NULL);
    DtStat st;
    dt_show("file_made_by_failed_spawn", dt_stat("made", &st));
    no_child_left("no_child_after_failed_actions");
    dt_show_fds("parent_fds_after_failures");
}

static void path_errors(void) {
    dt_mkdir("dir", 0755);
    long fd = dt_open("plain", DT_O_WRONLY | DT_O_CREAT, 0644);
    dt_close((int)fd);
    dt_show("spawn_missing", dt_spawn_path("missing", NULL));
    dt_show("spawn_directory", dt_spawn_path("dir", NULL));
    dt_show("spawn_not_executable", dt_spawn_path("plain", NULL));
    dt_show("spawn_under_file", dt_spawn_path("plain/x", NULL));
    dt_show("spawn_missing_dir", dt_spawn_path("nodir/x", NULL));
    no_child_left("no_child_after_path_errors");
}

static void attributes(void) {
    DtSpawn own = {.flags = DT_SPAWN_SETPGROUP, .pgroup = 0};
    spawn_wait("spawn_own_group", &own, "ids", "own_group");
    DtSpawn same = {.flags = DT_SPAWN_SETPGROUP, .pgroup = (int)dt_getpgid(0)};
    spawn_wait("spawn_parent_group", &same, "ids", "parent_group");
    spawn_wait("spawn_no_attr", NULL, "ids", "no_attr");
    DtSpawn sid = {.flags = DT_SPAWN_SETSID};
    spawn_wait("spawn_setsid", &sid, "ids", "setsid");

    long gone = dt_spawn(NULL, "fds", "gone", NULL);
    int st;
    dt_waitpid(gone, &st, 0);
    DtSpawn missing = {.flags = DT_SPAWN_SETPGROUP, .pgroup = (int)gone};
    spawn_wait("spawn_missing_group", &missing, "ids", "missing_group");
    DtSpawn negative = {.flags = DT_SPAWN_SETPGROUP, .pgroup = -1};
    spawn_wait("spawn_negative_group", &negative, "ids", "negative_group");
    no_child_left("no_child_after_attr_errors");

    /* signals: ignored ones stay ignored, caught ones go back to the
     * default, the mask is inherited; the attributes override both */
    dt_signal(DT_SIGUSR1, DT_SIG_IGN);
    dt_catch(DT_SIGUSR2, 0);
    dt_signal(DT_SIGHUP, DT_SIG_IGN);
    uint64_t block = DT_SIGBIT(DT_SIGTERM) | DT_SIGBIT(DT_SIGHUP);
    dt_sigprocmask(DT_SIG_BLOCK, &block, NULL);
    dt_kill(dt_getpid(), DT_SIGTERM); /* pending in the parent only */
    spawn_wait("spawn_inherits_signals", NULL, "sigs", "inherit");
    DtSpawn attrs = {.flags = DT_SPAWN_SETSIGMASK | DT_SPAWN_SETSIGDEF,
                     .sigmask = DT_SIGBIT(DT_SIGUSR2),
                     .sigdefault = DT_SIGBIT(DT_SIGUSR1)};
    spawn_wait("spawn_signal_attributes", &attrs, "sigs", "attrs");
    DtSpawn kill_in_mask = {.flags = DT_SPAWN_SETSIGMASK,
                            .sigmask = DT_SIGBIT(DT_SIGKILL) | DT_SIGBIT(DT_SIGSTOP) |
                                       DT_SIGBIT(DT_SIGINT)};
    spawn_wait("spawn_mask_with_kill", &kill_in_mask, "sigs", "kill_in_mask");
    dt_signal(DT_SIGTERM, DT_SIG_IGN); /* drop the pending TERM */
    dt_sigprocmask(DT_SIG_UNBLOCK, &block, NULL);
    dt_signal(DT_SIGTERM, DT_SIG_DFL);
    dt_signal(DT_SIGUSR1, DT_SIG_DFL);
    dt_signal(DT_SIGUSR2, DT_SIG_DFL);
    dt_signal(DT_SIGHUP, DT_SIG_DFL);
}

int dt_main(void) {
    inheritance();
    actions();
    action_errors();
    path_errors();
    attributes();
    dt_show_fds("fds_at_end");
    return 0;
}
