/* Signals: masks and pending sets, delivery order and timing, handler
 * masks and flags (SA_NODEFER, SA_RESETHAND), bad arguments, blocking
 * calls interrupted (EINTR) or restarted (SA_RESTART), and stops. */
#include <stdlib.h>

#include "dt.h"

/* Waits until its parent blocks, sends it argv[1], then waits for its
 * parent to close the pipe on fd 0 before it exits (so the parent's
 * waitpid cannot see it exit first). */
static int role_kicker(int argc, char **argv) {
    if (dt_wait_blocked(dt_getppid()) < 0)
        return 2;
    dt_kill(dt_getppid(), atoi(argv[1]));
    char c;
    while (dt_read(0, &c, 1) > 0)
        ;
    return 0;
}

/* Waits until its parent blocks, sends it argv[1], then writes "w" to
 * fd 1. */
static int role_kick_then_write(int argc, char **argv) {
    if (dt_wait_blocked(dt_getppid()) < 0)
        return 2;
    dt_kill(dt_getppid(), atoi(argv[1]));
    return dt_write(1, "w", 1) == 1 ? 0 : 1;
}

/* Catches USR1, then pauses until a signal; exits with the count caught. */
static int role_catcher(int argc, char **argv) {
    dt_catch(DT_SIGUSR1, 0);
    while (dt_caught(DT_SIGUSR1) == 0)
        dt_pause();
    return dt_caught(DT_SIGUSR1);
}

const DtRole dt_roles[] = {
    {"kicker", role_kicker},
    {"kick_then_write", role_kick_then_write},
    {"catcher", role_catcher},
    {NULL, NULL},
};

static void masks(void) {
    uint64_t set = DT_SIGBIT(DT_SIGUSR1), old = 0, pend = 0;
    dt_catch(DT_SIGUSR1, 0);
    dt_show("block_usr1", dt_sigprocmask(DT_SIG_BLOCK, &set, &old));
    dt_show_sigs("old_mask", old);
    dt_kill(dt_getpid(), DT_SIGUSR1);
    dt_kill(dt_getpid(), DT_SIGUSR1);
    dt_show("blocked_not_delivered", dt_caught(DT_SIGUSR1));
    dt_sigpending(&pend);
    dt_show_sigs("pending_usr1", pend);
    dt_show("unblock_usr1", dt_sigprocmask(DT_SIG_UNBLOCK, &set, NULL));
    dt_show("delivered_once_on_unblock", dt_caught(DT_SIGUSR1));
    dt_sigpending(&pend);
    dt_show_sigs("nothing_pending", pend);

    uint64_t all = ~(uint64_t)0;
    dt_sigprocmask(DT_SIG_SETMASK, &all, &old);
    dt_sigprocmask(DT_SIG_SETMASK, NULL, &set);
    dt_show_sigs("block_all_but_kill_stop", set);
    dt_sigprocmask(DT_SIG_SETMASK, &old, NULL);
    dt_show("bad_how", dt_sigprocmask(7, &set, NULL));
    dt_show("bad_how_without_set", dt_sigprocmask(7, NULL, &old) < 0 ? -1 : 0);
    dt_sigprocmask(DT_SIG_BLOCK, NULL, &set);
    dt_show_sigs("mask_unchanged", set);

    /* a blocked, pending signal is dropped when its action becomes ignore */
    set = DT_SIGBIT(DT_SIGUSR2);
    dt_catch(DT_SIGUSR2, 0);
    dt_sigprocmask(DT_SIG_BLOCK, &set, NULL);
    dt_kill(dt_getpid(), DT_SIGUSR2);
    dt_signal(DT_SIGUSR2, DT_SIG_IGN);
    dt_sigpending(&pend);
    dt_show_sigs("ignore_drops_pending", pend);
    dt_catch(DT_SIGUSR2, 0);
    dt_sigprocmask(DT_SIG_UNBLOCK, &set, NULL);
    dt_show("dropped_never_delivered", dt_caught(DT_SIGUSR2));

    /* blocked signals whose default is to ignore still pend */
    set = DT_SIGBIT(DT_SIGWINCH) | DT_SIGBIT(DT_SIGCHLD);
    dt_sigprocmask(DT_SIG_BLOCK, &set, NULL);
    dt_kill(dt_getpid(), DT_SIGWINCH);
    dt_kill(dt_getpid(), DT_SIGCHLD);
    dt_sigpending(&pend);
    dt_show_sigs("default_ignored_pend", pend);
    dt_sigprocmask(DT_SIG_UNBLOCK, &set, NULL);
    dt_sigpending(&pend);
    dt_show_sigs("default_ignored_discarded", pend);
    /* an ignored, blocked signal does not pend */
    dt_signal(DT_SIGUSR2, DT_SIG_IGN);
    set = DT_SIGBIT(DT_SIGUSR2);
    dt_sigprocmask(DT_SIG_BLOCK, &set, NULL);
    dt_kill(dt_getpid(), DT_SIGUSR2);
    dt_sigpending(&pend);
    dt_show_sigs("ignored_does_not_pend", pend);
    dt_sigprocmask(DT_SIG_UNBLOCK, &set, NULL);
    dt_signal(DT_SIGUSR2, DT_SIG_DFL);
}

static void bad_arguments(void) {
    dt_show("sigaction_kill", dt_sigaction(DT_SIGKILL, DT_SIG_IGN, 0, 0));
    dt_show("sigaction_stop", dt_sigaction(DT_SIGSTOP, DT_SIG_IGN, 0, 0));
    dt_show("sigaction_zero", dt_sigaction(0, DT_SIG_IGN, 0, 0));
    dt_show("sigaction_65", dt_sigaction(65, DT_SIG_IGN, 0, 0));
    dt_show("sigaction_negative", dt_sigaction(-1, DT_SIG_IGN, 0, 0));
    dt_out("query_kill_action: %c\n", dt_sigaction_kind(DT_SIGKILL));
    dt_out("query_zero_action: %c\n", dt_sigaction_kind(0));
    dt_show("kill_self_sig0", dt_kill(dt_getpid(), 0));
    dt_show("kill_self_65", dt_kill(dt_getpid(), 65));
    dt_show("kill_self_negative_sig", dt_kill(dt_getpid(), -1));
    dt_show("kill_group_sig0", dt_kill(0, 0));
    dt_show("kill_own_group_by_id_sig0", dt_kill(-dt_getpgid(0), 0));
}

static void handler_masks(void) {
    /* during a handler: its mask, plus the signal unless SA_NODEFER */
    dt_sigaction(DT_SIGUSR1, DT_SIG_DFL, 0, 0);
    dt_catch(DT_SIGUSR1, 0);
    int before = dt_caught(DT_SIGUSR1);
    dt_kill(dt_getpid(), DT_SIGUSR1);
    dt_show("delivered_before_kill_returns", dt_caught(DT_SIGUSR1) - before);
    dt_show_sigs("mask_in_handler", dt_caught_mask(DT_SIGUSR1));
    uint64_t m;
    dt_sigprocmask(DT_SIG_BLOCK, NULL, &m);
    dt_show_sigs("mask_restored", m);

    dt_catch(DT_SIGUSR2, DT_SA_NODEFER);
    dt_kill(dt_getpid(), DT_SIGUSR2);
    dt_show_sigs("mask_in_nodefer_handler", dt_caught_mask(DT_SIGUSR2));

    dt_catch(DT_SIGHUP, DT_SA_RESETHAND);
    dt_kill(dt_getpid(), DT_SIGHUP);
    dt_show("resethand_caught", dt_caught(DT_SIGHUP));
    dt_out("resethand_action_after: %c\n", dt_sigaction_kind(DT_SIGHUP));

    /* a handler's sa_mask */
    dt_catch_mask(DT_SIGUSR1, 0, DT_SIGBIT(DT_SIGUSR2) | DT_SIGBIT(DT_SIGKILL));
    dt_kill(dt_getpid(), DT_SIGUSR1);
    dt_show_sigs("mask_in_handler_with_sa_mask", dt_caught_mask(DT_SIGUSR1));
    dt_catch_mask(DT_SIGUSR1, DT_SA_NODEFER, DT_SIGBIT(DT_SIGUSR1));
    dt_kill(dt_getpid(), DT_SIGUSR1);
    dt_show_sigs("nodefer_with_sig_in_sa_mask", dt_caught_mask(DT_SIGUSR1));

    /* a signal raised inside a handler, blocked there, runs after it */
    uint64_t set = DT_SIGBIT(DT_SIGUSR2);
    dt_catch(DT_SIGUSR2, 0);
    dt_sigprocmask(DT_SIG_BLOCK, &set, NULL);
    dt_kill(dt_getpid(), DT_SIGUSR2);
    dt_kill(dt_getpid(), DT_SIGUSR1);
    before = dt_caught(DT_SIGUSR2);
    dt_sigprocmask(DT_SIG_UNBLOCK, &set, NULL);
    dt_show("usr2_after_unblock", dt_caught(DT_SIGUSR2) - before);
    dt_signal(DT_SIGUSR1, DT_SIG_DFL);
    dt_signal(DT_SIGUSR2, DT_SIG_DFL);
}

/* Spawn role with fd 0 the read end of a fresh pipe whose write end the
 * parent keeps in *hold: the child lives until the parent closes it. */
static long spawn_held(const char *role, const char *arg, int *hold) {
    int p[2];
    dt_pipe(p, 0);
    DtAction acts[] = {{.kind = DT_ACT_DUP2, .fd = p[0], .newfd = 0},
                       {.kind = DT_ACT_CLOSE, .fd = p[0]},
                       {.kind = DT_ACT_CLOSE, .fd = p[1]}};
    DtSpawn sp = {.actions = acts, .nactions = 3};
    long kid = dt_spawn(&sp, role, arg, NULL);
    dt_close(p[0]);
    *hold = p[1];
    return kid;
}

static void interrupted(void) {
    int q[2], hold, st;
    char c;
    /* q: a pipe nobody writes to, so only a signal ends a read of it */
    dt_pipe(q, 0);

    dt_catch(DT_SIGUSR1, 0);
    long kid = spawn_held("kicker", "10", &hold);
    int before = dt_caught(DT_SIGUSR1);
    dt_show("read_interrupted", dt_read(q[0], &c, 1));
    dt_show("read_interrupted_caught", dt_caught(DT_SIGUSR1) - before);
    dt_close(hold);
    dt_waitpid(kid, &st, 0);
    dt_show_status("kicker", st);

    /* with SA_RESTART the read starts over and gets the byte */
    dt_catch(DT_SIGUSR1, DT_SA_RESTART);
    DtAction wacts[] = {{.kind = DT_ACT_DUP2, .fd = q[1], .newfd = 1},
                        {.kind = DT_ACT_CLOSE, .fd = q[0]}};
    DtSpawn wsp = {.actions = wacts, .nactions = 2};
    before = dt_caught(DT_SIGUSR1);
    kid = dt_spawn(&wsp, "kick_then_write", "10", NULL);
    dt_show("read_restarted", dt_read(q[0], &c, 1));
    dt_show("read_restarted_caught", dt_caught(DT_SIGUSR1) - before);
    dt_waitpid(kid, &st, 0);

    /* a write blocked on a full pipe: EINTR, or restarted */
    dt_catch(DT_SIGUSR1, 0);
    static const char big[70000];
    int w[2];
    dt_pipe(w, 0);
    kid = spawn_held("kicker", "10", &hold);
    dt_show("write_full_pipe_interrupted", dt_write(w[1], big, 65536 + 4096));
    dt_close(hold);
    dt_waitpid(kid, &st, 0);
    dt_close(w[0]);
    dt_close(w[1]);

    /* waitpid: EINTR without SA_RESTART, the child's status with it */
    kid = spawn_held("kicker", "10", &hold);
    dt_show("waitpid_interrupted", dt_waitpid(kid, &st, 0));
    dt_close(hold);
    dt_show_ok("waitpid_after_interrupt", dt_waitpid(kid, &st, 0));
    dt_catch(DT_SIGUSR1, DT_SA_RESTART);
    kid = spawn_held("kicker", "10", &hold);
    dt_close(hold); /* it still signals before it can exit */
    dt_show_ok("waitpid_restarted", dt_waitpid(kid, &st, 0));

    /* pause and sleep end with EINTR even with SA_RESTART (Linux) */
    kid = spawn_held("kicker", "10", &hold);
    dt_show("pause_interrupted", dt_pause());
    dt_close(hold);
    dt_waitpid(kid, &st, 0);
    kid = spawn_held("kicker", "10", &hold);
    dt_show("sleep_interrupted", dt_nanosleep_ms(10000));
    dt_close(hold);
    dt_waitpid(kid, &st, 0);

    dt_close(q[0]);
    dt_close(q[1]);
    dt_signal(DT_SIGUSR1, DT_SIG_DFL);
    dt_show_fds("fds_after_interrupts");
}

static void alarms(void) {
    dt_catch(DT_SIGALRM, 0);
    dt_show("alarm_set", dt_alarm_ms(20));
    dt_show("pause_until_alarm", dt_pause());
    dt_show("alarm_caught", dt_caught(DT_SIGALRM));
    dt_alarm_ms(0);
    dt_signal(DT_SIGALRM, DT_SIG_DFL);
}

static void stopped_child(void) {
    /* signals sent to a stopped process wait for it to continue, except
     * SIGKILL (and SIGCONT itself) */
    DtSpawn own = {.flags = DT_SPAWN_SETPGROUP, .pgroup = 0};
    long kid = dt_spawn(&own, "catcher", NULL);
    int st;
    dt_wait_blocked(kid);
    dt_kill(kid, DT_SIGSTOP);
    dt_waitpid(kid, &st, DT_WUNTRACED);
    dt_show_status("catcher_stopped", st);
    dt_kill(kid, DT_SIGUSR1);
    dt_show("catcher_still_stopped", dt_waitpid(kid, &st, DT_WNOHANG));
    dt_kill(kid, DT_SIGCONT);
    dt_waitpid(kid, &st, 0);
    dt_show_status("catcher_caught_after_cont", st);
}

int dt_main(void) {
    masks();
    bad_arguments();
    handler_masks();
    interrupted();
    alarms();
    stopped_child();
    return 0;
}
