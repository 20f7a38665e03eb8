/* groupadd [-g GID] [-r] NAME: add a group to /etc/group, as
 * shadow-utils' groupadd: the next gid from 1000 (-r: the highest free
 * one below 1000). Root only.
 *
 * Exit status as groupadd(8): 0; 2 a usage error; 3 a bad argument; 4
 * the gid is taken; 9 the name is taken; 10 permission denied or
 * /etc/group cannot be written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

int groupadd_main(int argc, char **argv) {
    static const ULongOpt longopts[] = {{"gid", U_REQ_ARG, 'g'}, {"system", U_NO_ARG, 'r'},
                                        {NULL, 0, 0}};
    long gid = -1;
    bool system = false;
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "g:r", longopts)) != -1) {
        char *end;
        if (c == 'r') {
            system = true;
        } else if (c == 'g') {
            gid = strtol(g.arg, &end, 10);
            if (*end || !*g.arg || gid < 0 || gid >= 0xffffffffL) {
                u_eprintf("groupadd: invalid group ID '%s'\n", g.arg);
                return 3;
            }
        } else {
            return 2;
        }
    }
    if (g.ind + 1 != argc) {
        if (g.ind >= argc)
            u_usage_error("groupadd", "missing group name");
        else
            u_usage_error("groupadd", "extra operand '%s'", argv[g.ind + 1]);
        return 2;
    }
    const char *name = argv[g.ind];
    if (sys_geteuid().value != 0) {
        u_eprintf("groupadd: Permission denied.\ngroupadd: cannot lock /etc/group; try again later.\n");
        return 10;
    }
    if (!u_account_name_ok(name)) {
        u_eprintf("groupadd: '%s' is not a valid group name\n", name);
        return 3;
    }
    UAccounts a;
    u_accounts_load(&a);
    int r = 0;
    if (u_group_by_name(&a, name)) {
        u_eprintf("groupadd: group '%s' already exists\n", name);
        r = 9;
    } else if (gid >= 0 && u_group_by_id(&a, (uint32_t)gid)) {
        u_eprintf("groupadd: GID '%ld' already exists\n", gid);
        r = 4;
    } else if (gid < 0 && (gid = u_account_next_id(&a, false, system)) == UINT32_MAX) {
        u_eprintf("groupadd: Can't get unique GID (no more available GIDs)\n");
        r = 4;
    }
    u_accounts_free(&a);
    if (r)
        return r;
    char *text = u_acct_read("/etc/group");
    if (!text) {
        u_eprintf("groupadd: cannot open /etc/group\n");
        return 10;
    }
    char line[128];
    snprintf(line, sizeof line, "%s:x:%ld:\n", name, gid);
    size_t len = strlen(text);
    char *next = u_acct_splice(text, len, len, line);
    SyscallError e = u_file_replace("/etc/group", next, strlen(next), 0644, 0);
    xfree(text);
    xfree(next);
    if (e != AX_OK) {
        u_eprintf("groupadd: cannot update /etc/group: %s\n", sys_strerror(e));
        return 10;
    }
    return 0;
}
