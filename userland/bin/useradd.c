/* useradd [-m] [-d HOME] [-s SHELL] [-u UID] [-g GROUP] [-G GROUPS]
 * [-c COMMENT] NAME: add a user to /etc/passwd, /etc/shadow and
 * /etc/group, as shadow-utils' useradd with Debian's defaults: the next
 * uid from 1000, a group of the user's own name (USERGROUPS_ENAB) unless
 * -g names one, home /home/NAME (made only with -m, mode 0700), shell
 * /bin/sh, the password locked ("!") until passwd sets one. Root only.
 *
 * Exit status as useradd(8): 0; 1 permission denied or a file that
 * cannot be written; 2 a usage error; 3 a bad argument; 4 the uid is
 * taken; 6 a group does not exist; 9 the name is taken; 12 the home
 * directory cannot be made. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

#define GID_SHADOW 42

typedef struct AddOpts {
    bool make_home;
    const char *home, *shell, *comment, *group, *groups;
    long uid;
} AddOpts;

/* group's text with name added to the member lists of the groups in
 * list (comma separated), or NULL (after a message) for an unknown one. */
static char *add_members(char *text, const UAccounts *a, const char *list, const char *name) {
    char *copy = xstrdup(list);
    for (char *g = strtok(copy, ","); g && text; g = strtok(NULL, ",")) {
        uint32_t gid;
        const UAccount *grp = u_account_id(a, false, g, &gid) ? u_group_by_id(a, gid) : NULL;
        size_t start, end;
        if (!grp || !u_acct_find(text, grp->name, &start, &end)) {
            u_eprintf("useradd: group '%s' does not exist\n", g);
            xfree(text);
            text = NULL;
            break;
        }
        if (u_group_has_member(grp, name))
            continue;
        size_t len = end - start - 1; /* without the newline */
        bool empty = text[start + len - 1] == ':';
        size_t size = len + strlen(name) + 3;
        char *line = xmalloc(size);
        snprintf(line, size, "%.*s%s%s\n", (int)len, text + start, empty ? "" : ",", name);
        char *next = u_acct_splice(text, start, end, line);
        xfree(line);
        xfree(text);
        text = next;
    }
    xfree(copy);
    return text;
}

static char *append(char *text, const char *line) {
    size_t len = strlen(text);
    char *next = u_acct_splice(text, len, len, line);
    xfree(text);
    return next;
}

static int add(const AddOpts *o, const char *name) {
    UAccounts a;
    u_accounts_load(&a);
    int r = 0;
    uint32_t uid = 0, gid = 0;
    bool own_group = !o->group;
    if (u_user_by_name(&a, name)) {
        u_eprintf("useradd: user '%s' already exists\n", name);
        r = 9;
    } else if (o->uid >= 0 && u_user_by_id(&a, (uint32_t)o->uid)) {
        u_eprintf("useradd: UID %ld is not unique\n", o->uid);
        r = 4;
    } else if (o->group && !u_account_id(&a, false, o->group, &gid)) {
        u_eprintf("useradd: group '%s' does not exist\n", o->group);
        r = 6;
    } else if (o->group && !u_group_by_id(&a, gid)) {
        u_eprintf("useradd: group '%s' does not exist\n", o->group);
        r = 6;
    } else if (own_group && u_group_by_name(&a, name)) {
        u_eprintf("useradd: group %s exists - if you want to add this user to that group, use -g.\n",
                  name);
        r = 9;
    }
    if (r == 0) {
        uid = o->uid >= 0 ? (uint32_t)o->uid : u_account_next_id(&a, true, false);
        if (own_group) /* the same number as the uid when it is free */
            gid = u_group_by_id(&a, uid) ? u_account_next_id(&a, false, false) : uid;
        if (uid == UINT32_MAX || gid == UINT32_MAX) {
            u_eprintf("useradd: can't get unique %s\n", uid == UINT32_MAX ? "UID" : "GID");
            r = 4;
        }
    }
    char home[AX_PATH_MAX];
    snprintf(home, sizeof home, "%s", o->home ? o->home : "");
    if (!o->home)
        snprintf(home, sizeof home, "/home/%s", name);
    char *acct[3] = {NULL, NULL, NULL};
    if (r == 0)
        r = u_acct_read_all("useradd", acct);
    char *passwd = acct[0], *shadow = acct[1], *group = acct[2];
    if (r == 0 && o->groups && !(group = add_members(group, &a, o->groups, name)))
        r = 6;
    if (r == 0) {
        char line[AX_PATH_MAX * 2 + 512];
        snprintf(line, sizeof line, "%s:x:%u:%u:%s:%s:%s\n", name, uid, gid,
                 o->comment ? o->comment : "", home, o->shell ? o->shell : "/bin/sh");
        passwd = append(passwd, line);
        snprintf(line, sizeof line, "%s:!:%lld:0:99999:7:::\n", name, (long long)u_days_now());
        shadow = append(shadow, line);
        if (own_group) {
            snprintf(line, sizeof line, "%s:x:%u:\n", name, gid);
            group = append(group, line);
        }
        /* group first, passwd last: a user appears only once all is there */
        SyscallError e = u_file_replace("/etc/group", group, strlen(group), 0644, 0);
        if (e == AX_OK)
            e = u_file_replace("/etc/shadow", shadow, strlen(shadow), 0640, GID_SHADOW);
        if (e == AX_OK)
            e = u_file_replace("/etc/passwd", passwd, strlen(passwd), 0644, 0);
        if (e != AX_OK) {
            u_eprintf("useradd: cannot update the account files: %s\n", sys_strerror(e));
            r = 1;
        }
    }
    if (r == 0 && o->make_home) {
        SyscallError e = sys_mkdir(home, 0700).error;
        if (e == AX_EEXIST) {
            u_eprintf("useradd: warning: the home directory %s already exists.\n"
                      "useradd: Not copying any file from skel directory into it.\n",
                      home);
        } else if (e != AX_OK || (e = sys_chown(home, uid, gid).error) != AX_OK ||
                   (e = sys_chmod(home, 0700).error) != AX_OK) {
            u_eprintf("useradd: cannot create directory %s: %s\n", home, sys_strerror(e));
            r = 12;
        }
    }
    xfree(passwd);
    xfree(shadow);
    xfree(group);
    u_accounts_free(&a);
    return r;
}

int useradd_main(int argc, char **argv) {
    static const ULongOpt longopts[] = {
        {"create-home", U_NO_ARG, 'm'}, {"home-dir", U_REQ_ARG, 'd'}, {"shell", U_REQ_ARG, 's'},
        {"uid", U_REQ_ARG, 'u'},        {"gid", U_REQ_ARG, 'g'},      {"groups", U_REQ_ARG, 'G'},
        {"comment", U_REQ_ARG, 'c'},    {"no-create-home", U_NO_ARG, 'M'}, {NULL, 0, 0}};
    AddOpts o = {.uid = -1};
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "md:s:u:g:G:c:M", longopts)) != -1) {
        char *end;
        switch (c) {
        case 'm': o.make_home = true; break;
        case 'M': o.make_home = false; break;
        case 'd': o.home = g.arg; break;
        case 's': o.shell = g.arg; break;
        case 'g': o.group = g.arg; break;
        case 'G': o.groups = g.arg; break;
        case 'c':
            if (strpbrk(g.arg, ":\n")) {
                u_eprintf("useradd: invalid comment '%s'\n", g.arg);
                return 3;
            }
            o.comment = g.arg;
            break;
        case 'u':
            o.uid = strtol(g.arg, &end, 10);
            if (*end || !*g.arg || o.uid < 0 || o.uid >= 0xffffffffL) {
                u_eprintf("useradd: invalid user ID '%s'\n", g.arg);
                return 3;
            }
            break;
        default: return 2;
        }
    }
    if (g.ind + 1 != argc) {
        if (g.ind >= argc)
            u_usage_error("useradd", "missing user name");
        else
            u_usage_error("useradd", "extra operand '%s'", argv[g.ind + 1]);
        return 2;
    }
    const char *name = argv[g.ind];
    if (o.home && (o.home[0] != '/' || strpbrk(o.home, ":\n"))) {
        u_eprintf("useradd: invalid home directory '%s'\n", o.home);
        return 3;
    }
    if (o.shell && (o.shell[0] != '/' || strpbrk(o.shell, ":\n"))) {
        u_eprintf("useradd: invalid shell '%s'\n", o.shell);
        return 3;
    }
    if (sys_geteuid().value != 0) {
        u_eprintf("useradd: Permission denied.\nuseradd: cannot lock /etc/passwd; try again later.\n");
        return 1;
    }
    if (!u_account_name_ok(name)) {
        u_eprintf("useradd: invalid user name '%s'\n", name);
        return 3;
    }
    return add(&o, name);
}
