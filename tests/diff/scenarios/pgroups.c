/* Process groups and sessions: getpgid, getsid, setpgid and setsid,
 * and which groups a child lands in. */
#include <stdio.h>
#include <stdlib.h>

#include "dt.h"

/* Pauses until killed. */
static int role_pause(int argc, char **argv) {
    for (;;)
        dt_pause();
    return 0;
}

const DtRole dt_roles[] = {
    {"pause", role_pause},
    {NULL, NULL},
};

static void ids(void) {
    long me = dt_getpid();
    dt_out("top_leads_group: %d\n", dt_getpgid(0) == me);
    dt_out("top_leads_session: %d\n", dt_getsid(0) == me);
    dt_show("setsid_as_leader", dt_setsid());
    dt_show("setpgid_session_leader", dt_setpgid(0, 0));
    dt_show("getpgid_missing", dt_getpgid(-5) < 0 ? dt_getpgid(-5) : 0);
    dt_show("setpgid_negative", dt_setpgid(0, -1));

    long kid = dt_spawn(NULL, "pause", NULL);
    dt_out("child_in_parent_group: %d\n", dt_getpgid(kid) == dt_getpgid(0));
    dt_out("child_in_parent_session: %d\n", dt_getsid(kid) == dt_getsid(0));
    dt_show("setpgid_spawned_child", dt_setpgid(kid, kid));
    dt_show("setpgid_child_negative", dt_setpgid(kid, -1));
    dt_kill(kid, DT_SIGKILL);
    int st;
    dt_waitpid(kid, &st, 0);
    dt_show("setpgid_reaped_child", dt_setpgid(kid, 0));
    dt_show("getpgid_reaped_child", dt_getpgid(kid));
    dt_show("getsid_reaped_child", dt_getsid(kid));

    DtSpawn sid = {.flags = DT_SPAWN_SETSID};
    kid = dt_spawn(&sid, "pause", NULL);
    dt_out("setsid_child_leads: %d\n", dt_getsid(kid) == kid && dt_getpgid(kid) == kid);
    dt_show("setpgid_other_session_child", dt_setpgid(kid, dt_getpgid(0)));
    dt_show("kill_other_session_group_sig0", dt_kill(-kid, 0));
    dt_kill(kid, DT_SIGKILL);
    dt_waitpid(kid, &st, 0);
    dt_show("kill_gone_group", dt_kill(-kid, 0));
}

int dt_main(void) {
    ids();
    return 0;
}
