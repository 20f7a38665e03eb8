/* An orphaned process group (no member has a parent in another group
 * of its session): POSIX discards SIGTSTP, SIGTTIN and SIGTTOU sent to
 * it while their action is the default, since nobody is left to
 * continue a stopped member. */
#include <stdio.h>

#include "dt.h"

/* In a new session: start "orphan" in the session (sharing fd 1, a pipe
 * to the top process) and exit at once, leaving its group orphaned. */
static int role_leader(int argc, char **argv) {
    return dt_spawn(NULL, "orphan", NULL) > 0 ? 0 : 1;
}

/* Waits until its parent is gone (its group is then orphaned), sends
 * itself the terminal stop signals, and reports on fd 1 whether it
 * stopped: a stop would hold it until the top process continued it. */
static int role_orphan(int argc, char **argv) {
    long parent = dt_getppid();
    for (int i = 0; i < 10000 && dt_getppid() == parent; i++)
        dt_sleep_ms(1);
    int sigs[] = {DT_SIGTSTP, DT_SIGTTIN, DT_SIGTTOU};
    char line[128];
    for (int i = 0; i < 3; i++) {
        dt_kill(dt_getpid(), sigs[i]);
        int n = snprintf(line, sizeof line, "orphan_survives_%s: yes\n", dt_signame(sigs[i]));
        dt_write(1, line, (size_t)n);
    }
    /* SIGSTOP is never discarded; nobody can wait for it here, so only
     * check that a caught SIGTSTP still runs its handler */
    dt_catch(DT_SIGTSTP, 0);
    dt_kill(dt_getpid(), DT_SIGTSTP);
    int n = snprintf(line, sizeof line, "orphan_caught_tstp: %d\n", dt_caught(DT_SIGTSTP));
    dt_write(1, line, (size_t)n);
    return 0;
}

const DtRole dt_roles[] = {
    {"leader", role_leader},
    {"orphan", role_orphan},
    {NULL, NULL},
};

static void orphaned_group(void) {
    int p[2];
    dt_pipe(p, 0);
    DtAction acts[] = {{.kind = DT_ACT_DUP2, .fd = p[1], .newfd = 1},
                       {.kind = DT_ACT_CLOSE, .fd = p[0]},
                       {.kind = DT_ACT_CLOSE, .fd = p[1]}};
    DtSpawn sp = {.flags = DT_SPAWN_SETSID, .actions = acts, .nactions = 3};
    long leader = dt_spawn(&sp, "leader", NULL);
    dt_close(p[1]);
    int st;
    dt_waitpid(leader, &st, 0);
    dt_show_status("leader", st);
    /* the orphan writes its lines, then exits and closes the pipe */
    char buf[512];
    long n, len = 0;
    while (len < (long)sizeof buf - 1 && (n = dt_read(p[0], buf + len, sizeof buf - 1 - len)) > 0)
        len += n;
    buf[len] = '\0';
    dt_out("%s", buf);
    dt_close(p[0]);
}

int dt_main(void) {
    orphaned_group();
    return 0;
}
