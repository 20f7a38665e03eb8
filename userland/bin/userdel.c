/* userdel [-r] NAME: remove a user from /etc/passwd, /etc/shadow and the
 * member lists of /etc/group, and the group of its own name when no one
 * else is in it (USERGROUPS_ENAB), as shadow-utils' userdel. -r removes
 * its home directory too. A user with a live process is refused, as
 * userdel does (it looks through /proc). Root only.
 *
 * Exit status as userdel(8): 0; 1 permission denied or a file that
 * cannot be written; 2 a usage error; 6 no such user; 8 the user is
 * logged in (has processes); 12 the home directory cannot be removed. */
#include <stdio.h>
#include <string.h>

#include "ulib.h"

#define GID_SHADOW 42

/* name taken out of one group line's member list: the new line, or NULL
 * when it is not a member. */
static char *drop_member(const char *line, size_t len, const char *name) {
    size_t flen;
    const char *members = u_acct_field(line, 3, &flen);
    if (!members || flen == 0)
        return NULL;
    char *out = xmalloc(len + 2);
    size_t head = (size_t)(members - line), n = head;
    memcpy(out, line, head);
    bool found = false;
    for (const char *m = members; m < members + flen;) {
        size_t ml = strcspn(m, ",:\n");
        if (ml == strlen(name) && memcmp(m, name, ml) == 0) {
            found = true;
        } else {
            if (n > head)
                out[n++] = ',';
            memcpy(out + n, m, ml);
            n += ml;
        }
        m += ml + (m[ml] == ',');
    }
    out[n++] = '\n';
    out[n] = '\0';
    if (!found) {
        xfree(out);
        return NULL;
    }
    return out;
}

static char *remove_line(char *text, const char *name) {
    size_t start, end;
    if (!u_acct_find(text, name, &start, &end))
        return text;
    char *next = u_acct_splice(text, start, end, NULL);
    xfree(text);
    return next;
}

/* /etc/group without name in any member list, and without its own group
 * when nobody else is in it and no other user has it as primary group. */
static char *fix_groups(char *text, const UAccounts *a, const UAccount *u) {
    for (size_t i = 0; i < a->ngroups; i++) {
        size_t start, end;
        if (!u_acct_find(text, a->groups[i].name, &start, &end))
            continue;
        char *line = drop_member(text + start, end - start, u->name);
        if (line) {
            char *next = u_acct_splice(text, start, end, line);
            xfree(text);
            xfree(line);
            text = next;
        }
    }
    const UAccount *own = u_group_by_name(a, u->name);
    if (own && own->id == u->gid && (!own->members || !own->members[0])) {
        bool primary = false;
        for (size_t i = 0; i < a->nusers; i++)
            primary |= a->users[i].gid == own->id && strcmp(a->users[i].name, u->name) != 0;
        if (!primary)
            text = remove_line(text, u->name);
    }
    return text;
}

int userdel_main(int argc, char **argv) {
    static const ULongOpt longopts[] = {{"remove", U_NO_ARG, 'r'}, {"force", U_NO_ARG, 'f'},
                                        {NULL, 0, 0}};
    bool remove_home = false, force = false;
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "rf", longopts)) != -1) {
        if (c == 'r')
            remove_home = true;
        else if (c == 'f')
            force = true;
        else
            return 2;
    }
    if (g.ind + 1 != argc) {
        if (g.ind >= argc)
            u_usage_error("userdel", "missing user name");
        else
            u_usage_error("userdel", "extra operand '%s'", argv[g.ind + 1]);
        return 2;
    }
    const char *name = argv[g.ind];
    if (sys_geteuid().value != 0) {
        u_eprintf("userdel: Permission denied.\nuserdel: cannot lock /etc/passwd; try again later.\n");
        return 1;
    }
    UAccounts a;
    u_accounts_load(&a);
    const UAccount *u = u_user_by_name(&a, name);
    int r = 0;
    if (!u) {
        u_eprintf("userdel: user '%s' does not exist\n", name);
        r = 6;
    }
    UProc *v = NULL;
    size_t n = 0;
    if (r == 0 && !force && u_procs_read(&v, &n) == AX_OK) {
        for (size_t i = 0; i < n; i++)
            if (v[i].state != 'Z' && (v[i].ruid == u->id || v[i].euid == u->id)) {
                u_eprintf("userdel: user %s is currently used by process %d\n", name, v[i].pid);
                r = 8;
                break;
            }
    }
    u_procs_free(v, n);
    char *acct[3] = {NULL, NULL, NULL};
    if (r == 0)
        r = u_acct_read_all("userdel", acct);
    char *passwd = acct[0], *shadow = acct[1], *group = acct[2];
    if (r == 0) {
        /* passwd first: once the user is gone from it, the rest is tidying */
        passwd = remove_line(passwd, name);
        shadow = remove_line(shadow, name);
        group = fix_groups(group, &a, u);
        SyscallError e = u_file_replace("/etc/passwd", passwd, strlen(passwd), 0644, 0);
        if (e == AX_OK)
            e = u_file_replace("/etc/shadow", shadow, strlen(shadow), 0640, GID_SHADOW);
        if (e == AX_OK)
            e = u_file_replace("/etc/group", group, strlen(group), 0644, 0);
        if (e != AX_OK) {
            u_eprintf("userdel: cannot update the account files: %s\n", sys_strerror(e));
            r = 1;
        }
    }
    if (r == 0 && remove_home) {
        FileStat st;
        if (sys_stat(u->home, &st).error != AX_OK) {
            u_eprintf("userdel: %s home directory (%s) not found\n", name, u->home);
        } else {
            int status;
            SyscallError e = u_run("rm", (char *[]){"rm", "-rf", "--", u->home, NULL}, &status);
            if (e != AX_OK || !AX_WIFEXITED(status) || AX_WEXITSTATUS(status) != 0) {
                u_eprintf("userdel: error removing directory %s\n", u->home);
                r = 12;
            }
        }
    }
    xfree(passwd);
    xfree(shadow);
    xfree(group);
    u_accounts_free(&a);
    return r;
}
