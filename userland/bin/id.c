/* id [-u|-g|-G] [-n] [-r] [-z] [USER], whoami, groups [USER]: who the
 * caller (or USER, from /etc/passwd and /etc/group) is, as GNU coreutils
 * prints it. */
#include <string.h>

#include "ulib.h"

/* The ids to show: the caller's, or a user's as login would set them. */
typedef struct Who {
    uint32_t ruid, euid, rgid, egid;
    uint32_t groups[AX_NGROUPS_MAX + 2];
    int ngroups;
} Who;

static void add_group(Who *w, uint32_t g) {
    for (int i = 0; i < w->ngroups; i++)
        if (w->groups[i] == g)
            return;
    if (w->ngroups < (int)(sizeof w->groups / sizeof w->groups[0]))
        w->groups[w->ngroups++] = g;
}

/* GNU's order: the real gid, the effective gid, then the supplementary
 * groups, each once. */
static void who_self(Who *w) {
    w->ruid = (uint32_t)sys_getuid().value;
    w->euid = (uint32_t)sys_geteuid().value;
    w->rgid = (uint32_t)sys_getgid().value;
    w->egid = (uint32_t)sys_getegid().value;
    w->ngroups = 0;
    add_group(w, w->rgid);
    add_group(w, w->egid);
    uint32_t g[AX_NGROUPS_MAX];
    SyscallResult r = sys_getgroups(AX_NGROUPS_MAX, g);
    for (int i = 0; r.error == AX_OK && i < (int)r.value; i++)
        add_group(w, g[i]);
}

/* USER: a name or a uid in /etc/passwd; its primary group and the groups
 * listing it. */
static bool who_user(const UAccounts *a, const char *prog, const char *name, Who *w) {
    const UAccount *u = u_user_by_name(a, name);
    uint32_t uid;
    if (!u && u_account_id(a, true, name, &uid))
        u = u_user_by_id(a, uid);
    if (!u) {
        u_eprintf("%s: '%s': no such user\n", prog, name);
        return false;
    }
    w->ruid = w->euid = u->id;
    w->rgid = w->egid = u->gid;
    w->ngroups = 0;
    add_group(w, u->gid);
    for (size_t i = 0; i < a->ngroups; i++)
        if (u_group_has_member(&a->groups[i], u->name))
            add_group(w, a->groups[i].id);
    return true;
}

static void put_id(const UAccounts *a, bool user, uint32_t id, bool names) {
    char buf[12];
    if (names)
        u_fputs(u_account_name(a, user, id, buf), u_stdout());
    else
        u_printf("%u", id);
}

/* "uid=1000(user)": the name only when there is one. */
static void put_pair(const UAccounts *a, const char *label, bool user, uint32_t id) {
    const UAccount *e = user ? u_user_by_id(a, id) : u_group_by_id(a, id);
    u_printf("%s%u", label, id);
    if (e)
        u_printf("(%s)", e->name);
}

static int print_groups(const UAccounts *a, const Who *w, bool names, char sep) {
    for (int i = 0; i < w->ngroups; i++) {
        if (i)
            u_putc(sep, u_stdout());
        put_id(a, false, w->groups[i], names);
    }
    u_putc(sep == '\0' ? '\0' : '\n', u_stdout());
    return 0;
}

int id_main(int argc, char **argv) {
    bool only_u = false, only_g = false, all_g = false, names = false, real = false, zero = false;
    static const ULongOpt longopts[] = {
        {"user", U_NO_ARG, 'u'}, {"group", U_NO_ARG, 'g'}, {"groups", U_NO_ARG, 'G'},
        {"name", U_NO_ARG, 'n'}, {"real", U_NO_ARG, 'r'},  {"zero", U_NO_ARG, 'z'},
        {NULL, 0, 0}};
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "ugGnrz", longopts)) != -1) {
        switch (c) {
        case 'u': only_u = true; break;
        case 'g': only_g = true; break;
        case 'G': all_g = true; break;
        case 'n': names = true; break;
        case 'r': real = true; break;
        case 'z': zero = true; break;
        default: return 1;
        }
    }
    if (only_u + only_g + all_g > 1) {
        u_eprintf("id: cannot print \"only\" of more than one choice\n");
        return 1;
    }
    if (!(only_u || only_g || all_g) && (names || real)) {
        u_eprintf("id: cannot print only names or real IDs in default format\n");
        return 1;
    }
    if (zero && !(only_u || only_g || all_g)) {
        u_eprintf("id: option --zero not permitted in default format\n");
        return 1;
    }
    if (argc - g.ind > 1) {
        u_eprintf("id: extra operand '%s'\nTry 'id --help' for more information.\n",
                  argv[g.ind + 1]);
        return 1;
    }
    UAccounts a;
    u_accounts_load(&a);
    Who w;
    int status = 0;
    if (g.ind < argc) {
        if (!who_user(&a, "id", argv[g.ind], &w))
            status = 1;
    } else {
        who_self(&w);
    }
    if (status == 0) {
        char end = zero ? '\0' : '\n';
        if (only_u) {
            put_id(&a, true, real ? w.ruid : w.euid, names);
            u_putc(end, u_stdout());
        } else if (only_g) {
            put_id(&a, false, real ? w.rgid : w.egid, names);
            u_putc(end, u_stdout());
        } else if (all_g) {
            print_groups(&a, &w, names, zero ? '\0' : ' ');
        } else {
            put_pair(&a, "uid=", true, w.ruid);
            put_pair(&a, " gid=", false, w.rgid);
            if (w.euid != w.ruid)
                put_pair(&a, " euid=", true, w.euid);
            if (w.egid != w.rgid)
                put_pair(&a, " egid=", false, w.egid);
            for (int i = 0; i < w.ngroups; i++)
                put_pair(&a, i ? "," : " groups=", false, w.groups[i]);
            u_putc('\n', u_stdout());
        }
    }
    u_accounts_free(&a);
    return status;
}

int whoami_main(int argc, char **argv) {
    UGetopt g = U_GETOPT_INIT;
    if (u_getopt_long(&g, argc, argv, "", NULL) != -1)
        return 1;
    if (g.ind < argc) {
        u_eprintf("whoami: extra operand '%s'\nTry 'whoami --help' for more information.\n",
                  argv[g.ind]);
        return 1;
    }
    UAccounts a;
    u_accounts_load(&a);
    uint32_t euid = (uint32_t)sys_geteuid().value;
    const UAccount *u = u_user_by_id(&a, euid);
    int status = 0;
    if (u) {
        u_printf("%s\n", u->name);
    } else {
        u_eprintf("whoami: cannot find name for user ID %u\n", euid);
        status = 1;
    }
    u_accounts_free(&a);
    return status;
}

int groups_main(int argc, char **argv) {
    UGetopt g = U_GETOPT_INIT;
    if (u_getopt_long(&g, argc, argv, "", NULL) != -1)
        return 1;
    UAccounts a;
    u_accounts_load(&a);
    int status = 0;
    Who w;
    if (g.ind == argc) {
        who_self(&w);
        print_groups(&a, &w, true, ' ');
    }
    /* with names, each line starts "NAME : ", as GNU groups prints */
    for (int i = g.ind; i < argc; i++) {
        if (!who_user(&a, "groups", argv[i], &w)) {
            status = 1;
            continue;
        }
        u_printf("%s : ", argv[i]);
        print_groups(&a, &w, true, ' ');
    }
    u_accounts_free(&a);
    return status;
}
