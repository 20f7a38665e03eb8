/* waitpid: the status encodings (exit codes, fatal signals, stops,
 * continues), WNOHANG, which children a pid argument selects, errors,
 * zombies, and SIGCHLD (caught, and ignored: no zombies). */
#include <stdlib.h>

#include "dt.h"

static int role_exit(int argc, char **argv) { return atoi(argv[1]); }

/* Sends itself argv[1]; exits 0 if it survives. */
static int role_killself(int argc, char **argv) {
    dt_kill(dt_getpid(), atoi(argv[1]));
    return 0;
}

/* Pauses until killed. */
static int role_pause(int argc, char **argv) {
    for (;;)
        dt_pause();
    return 0;
}

/* A child in a group of its own: the top process's group is orphaned (its
 * parent is in another session), where POSIX discards SIGTSTP, SIGTTIN
 * and SIGTTOU; the child's group has its parent in the session. */
static long spawn_own_group(const char *role) {
    DtSpawn own = {.flags = DT_SPAWN_SETPGROUP, .pgroup = 0};
    return dt_spawn(&own, role, NULL);
}

const DtRole dt_roles[] = {
    {"exit", role_exit},
    {"killself", role_killself},
    {"pause", role_pause},
    {NULL, NULL},
};

static void child_status(const char *label, const char *role, const char *arg) {
    long pid = dt_spawn(NULL, role, arg, NULL);
    int st = -1;
    long r = dt_waitpid(pid, &st, 0);
    if (r < 0)
        dt_show(label, r);
    else
        dt_show_status(label, st);
}

static void encodings(void) {
    child_status("exit_0", "exit", "0");
    child_status("exit_1", "exit", "1");
    child_status("exit_42", "exit", "42");
    child_status("exit_255", "exit", "255");
    child_status("exit_256", "exit", "256");
    child_status("exit_minus_1", "exit", "-1");
    child_status("killed_term", "killself", "15");
    child_status("killed_kill", "killself", "9");
    child_status("killed_usr1", "killself", "10");
    child_status("killed_hup", "killself", "1");
    child_status("killed_alrm", "killself", "14");
    child_status("killed_quit", "killself", "3");
    child_status("killed_abrt", "killself", "6");
    child_status("survives_chld", "killself", "17");
    child_status("survives_winch", "killself", "28");
    child_status("survives_cont", "killself", "18");
}

static void errors(void) {
    int st;
    dt_show("no_children", dt_waitpid(-1, &st, 0));
    dt_show("no_children_nohang", dt_waitpid(-1, &st, DT_WNOHANG));
    dt_show("not_a_child", dt_waitpid(dt_getpid(), &st, 0));
    dt_show("group_without_children", dt_waitpid(0, &st, 0));
    long pid = dt_spawn(NULL, "pause", NULL);
    dt_show("bad_option_0x10", dt_waitpid(pid, &st, 0x10));
    dt_show("bad_option_0x100", dt_waitpid(pid, &st, 0x100));
    dt_show("nohang_running", dt_waitpid(pid, &st, DT_WNOHANG));
    dt_show("nohang_running_any", dt_waitpid(-1, &st, DT_WNOHANG));
    dt_show("kill_paused", dt_kill(pid, DT_SIGKILL));
    dt_show_ok("reap_with_null_status", dt_waitpid(pid, NULL, 0));
    dt_show("reaped_is_gone", dt_waitpid(pid, &st, DT_WNOHANG));
}

static void selection(void) {
    DtSpawn own = {.flags = DT_SPAWN_SETPGROUP, .pgroup = 0};
    long other = dt_spawn(&own, "exit", "22", NULL);
    long same = dt_spawn(NULL, "exit", "11", NULL);
    int st = 0;
    dt_wait_zombie(other);
    dt_wait_zombie(same);
    long r = dt_waitpid(0, &st, 0);
    dt_out("wait_own_group: %s %d\n", r == same ? "same" : "?", (st >> 8) & 0xff);
    dt_show("own_group_now_empty", dt_waitpid(0, &st, DT_WNOHANG));
    r = dt_waitpid(-other, &st, 0);
    dt_out("wait_other_group: %s %d\n", r == other ? "other" : "?", (st >> 8) & 0xff);
    dt_show("missing_group", dt_waitpid(-other, &st, 0));
    long a = dt_spawn(NULL, "exit", "1", NULL);
    long b = dt_spawn(NULL, "exit", "2", NULL);
    dt_wait_zombie(a);
    dt_wait_zombie(b);
    r = dt_waitpid(b, &st, 0);
    dt_out("wait_named_child: %s %d\n", r == b ? "b" : "?", (st >> 8) & 0xff);
    r = dt_waitpid(-1, &st, 0);
    dt_out("wait_any_child: %s %d\n", r == a ? "a" : "?", (st >> 8) & 0xff);
}

static void stop_continue(void) {
    long pid = spawn_own_group("pause");
    int st = 0;
    dt_wait_blocked(pid);
    dt_show("kill_stop", dt_kill(pid, DT_SIGSTOP));
    dt_waitpid(pid, &st, DT_WUNTRACED);
    dt_show_status("stopped_by_stop", st);
    dt_show("stop_reported_once", dt_waitpid(pid, &st, DT_WUNTRACED | DT_WNOHANG));
    dt_show("kill_cont", dt_kill(pid, DT_SIGCONT));
    dt_waitpid(pid, &st, DT_WCONTINUED);
    dt_show_status("continued", st);
    dt_show("continue_reported_once", dt_waitpid(pid, &st, DT_WCONTINUED | DT_WNOHANG));
    dt_show("cont_when_running", dt_kill(pid, DT_SIGCONT));
    dt_show("no_report_for_running", dt_waitpid(pid, &st, DT_WCONTINUED | DT_WNOHANG));
    dt_wait_blocked(pid);
    dt_kill(pid, DT_SIGTSTP);
    dt_waitpid(pid, &st, DT_WUNTRACED);
    dt_show_status("stopped_by_tstp", st);
    dt_kill(pid, DT_SIGCONT);
    dt_wait_blocked(pid);
    dt_kill(pid, DT_SIGTTIN);
    dt_show("stop_unreported_without_wuntraced", dt_waitpid(pid, &st, DT_WNOHANG));
    dt_waitpid(pid, &st, DT_WUNTRACED);
    dt_show_status("stopped_by_ttin", st);
    dt_show("kill_stopped", dt_kill(pid, DT_SIGKILL));
    dt_waitpid(pid, &st, 0);
    dt_show_status("killed_while_stopped", st);

    pid = spawn_own_group("pause");
    dt_wait_blocked(pid);
    dt_kill(pid, DT_SIGSTOP);
    dt_waitpid(pid, &st, DT_WUNTRACED);
    dt_kill(pid, DT_SIGTERM); /* stays pending while stopped */
    dt_show("term_to_stopped_pending", dt_waitpid(pid, &st, DT_WNOHANG));
    dt_kill(pid, DT_SIGCONT);
    dt_waitpid(pid, &st, 0);
    dt_show_status("term_delivered_after_cont", st);
}

static void zombies(void) {
    long pid = dt_spawn(NULL, "exit", "5", NULL);
    int st = 0;
    dt_show("zombie_seen", dt_wait_zombie(pid));
    dt_show("kill_zombie_sig0", dt_kill(pid, 0));
    dt_show("kill_zombie_term", dt_kill(pid, DT_SIGTERM));
    dt_waitpid(pid, &st, 0);
    dt_show_status("zombie_status_kept", st);
    dt_show("kill_reaped", dt_kill(pid, 0));
    dt_show("kill_reaped_bad_sig", dt_kill(pid, 65));
}

static void sigchld(void) {
    int st = 0;
    /* the child's exit both ends the wait and raises SIGCHLD: the wait
     * reports the child (Linux looks for it before it looks at signals) */
    dt_catch(DT_SIGCHLD, 0);
    long pid = dt_spawn(NULL, "exit", "0", NULL);
    long r = dt_waitpid(pid, &st, 0);
    dt_show_ok("waitpid_with_sigchld_caught", r);
    if (r < 0)
        dt_waitpid(pid, &st, 0);
    dt_show("sigchld_on_exit", dt_caught(DT_SIGCHLD));
    pid = spawn_own_group("pause");
    dt_wait_blocked(pid);
    dt_kill(pid, DT_SIGSTOP);
    dt_waitpid(pid, &st, DT_WUNTRACED);
    dt_show("sigchld_on_stop", dt_caught(DT_SIGCHLD));
    dt_kill(pid, DT_SIGCONT);
    dt_waitpid(pid, &st, DT_WCONTINUED);
    /* Linux sends this SIGCHLD once the child runs again, which may be
     * after waitpid reported the continue: wait for the child to pause */
    dt_wait_blocked(pid);
    dt_show("sigchld_on_continue", dt_caught(DT_SIGCHLD));
    dt_kill(pid, DT_SIGKILL);
    dt_waitpid(pid, &st, 0);
    dt_show("sigchld_on_kill", dt_caught(DT_SIGCHLD));

    /* SIGCHLD ignored: children leave no zombie */
    dt_signal(DT_SIGCHLD, DT_SIG_IGN);
    long a = dt_spawn(NULL, "exit", "3", NULL);
    long b = dt_spawn(NULL, "exit", "4", NULL);
    r = dt_waitpid(-1, &st, 0);
    dt_show_ok("ignored_sigchld_wait_any", r);
    r = dt_waitpid(r == a ? b : a, &st, 0);
    dt_show_ok("ignored_sigchld_wait_other", r);
    dt_signal(DT_SIGCHLD, DT_SIG_DFL);
    dt_show_ok("no_zombie_left", dt_waitpid(-1, &st, DT_WNOHANG));
}

int dt_main(void) {
    encodings();
    errors();
    selection();
    stop_continue();
    zombies();
    sigchld();
    return 0;
}
