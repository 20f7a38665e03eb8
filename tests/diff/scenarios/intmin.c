/* The most negative pid: -INT_MIN does not exist, so Linux answers
 * kill(INT_MIN, sig) with ESRCH and waitpid(INT_MIN, ...) with ESRCH
 * rather than negating it, and so must axos. */
#include <limits.h>

#include "dt.h"

static int role_exit(int argc, char **argv) { return 0; }

const DtRole dt_roles[] = {{"exit", role_exit}, {NULL, NULL}};

int dt_main(void) {
    int st;
    dt_show("kill_int_min_sig0", dt_kill(INT_MIN, 0));
    dt_show("kill_int_min_term", dt_kill(INT_MIN, DT_SIGTERM));
    dt_show("kill_minus_int_max", dt_kill(-INT_MAX, 0));
    dt_show("waitpid_int_min_no_children", dt_waitpid(INT_MIN, &st, DT_WNOHANG));
    long kid = dt_spawn(NULL, "exit", NULL);
    dt_wait_zombie(kid);
    dt_show("waitpid_int_min_with_child", dt_waitpid(INT_MIN, &st, DT_WNOHANG));
    dt_show("waitpid_minus_int_max", dt_waitpid(-INT_MAX, &st, DT_WNOHANG));
    dt_show("getpgid_int_min", dt_getpgid(INT_MIN));
    dt_show("getsid_int_min", dt_getsid(INT_MIN));
    dt_show("setpgid_int_min", dt_setpgid(INT_MIN, 0));
    dt_show("setpgid_to_int_min", dt_setpgid(0, INT_MIN));
    dt_show_ok("child_still_there", dt_waitpid(kid, &st, 0));
    return 0;
}
