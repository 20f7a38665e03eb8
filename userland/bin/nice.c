/* nice [-n N] [COMMAND [ARG]...]: run COMMAND with its niceness raised by
 * N (10 by default), or print the niceness. axos's scheduler has no
 * priorities (docs/differences.md): the niceness is always 0 and COMMAND
 * runs as it would without nice; the adjustment is checked all the same.
 * As GNU: status 125 when nice fails, 126 when COMMAND cannot run, 127
 * when it is not found. */
#include <string.h>

#include "ulib.h"

int nice_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {{"adjustment", U_REQ_ARG, 'n'}, {NULL, 0, 0}};
    /* the old form "nice -5 cmd" / "nice --5 cmd": an adjustment */
    int first = 1;
    if (argc > 1 && argv[1][0] == '-' && ((argv[1][1] >= '0' && argv[1][1] <= '9') ||
                                          (argv[1][1] == '-' && argv[1][2] >= '0' && argv[1][2] <= '9'))) {
        int64_t v;
        if (!u_parse_i64(argv[1] + 1, &v)) {
            u_eprintf("nice: invalid adjustment '%s'\n", argv[1] + 1);
            return 125;
        }
        first = 2;
    }
    UGetopt g = U_GETOPT_INIT;
    g.ind = first;
    int c;
    while (first == 1 && (c = u_getopt_long(&g, argc, argv, "+n:", longopts)) != -1) {
        if (c != 'n')
            return 125;
        int64_t v;
        if (!u_parse_i64(g.arg, &v)) {
            u_eprintf("nice: invalid adjustment '%s'\n", g.arg);
            return 125;
        }
    }
    if (g.ind >= argc) {
        if (first == 2 || g.ind > 1) {
            u_usage_error("nice", "a command must be given with an adjustment");
            return 125;
        }
        u_printf("0\n");
        return 0;
    }
    char **cmd = argv + g.ind;
    char *prog = u_find_program(cmd[0]);
    if (!prog) {
        u_eprintf("nice: '%s': No such file or directory\n", cmd[0]);
        return 127;
    }
    u_fflush(NULL);
    SyscallResult r = sys_exec(prog, cmd, NULL);
    u_eprintf("nice: '%s': %s\n", cmd[0], sys_strerror(r.error));
    xfree(prog);
    return r.error == AX_ENOENT ? 127 : 126;
}
