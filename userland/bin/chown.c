/* chown [-Rchfv] OWNER[:[GROUP]] FILE..., chown [...] :GROUP FILE...,
 * chgrp [-Rchfv] GROUP FILE...: change owners and groups, by name (from
 * /etc/passwd and /etc/group) or number, as GNU coreutils does. "OWNER:"
 * also sets the group to OWNER's login group. -h changes a symbolic link
 * itself (lchown). */
#include <string.h>

#include "ulib.h"

typedef struct Opts {
    bool recursive, changes, silent, verbose, no_deref;
    uint32_t uid, gid; /* AX_ID_NONE: leave */
    const char *prog;
} Opts;

static int chown_one(const char *path, const Opts *o);

static int chown_tree(const char *path, const Opts *o) {
    UDirEnt *ents;
    int64_t n = u_dir_read(path, &ents);
    if (n < 0) {
        if (!o->silent)
            u_eprintf("%s: cannot read directory '%s': %s\n", o->prog, path,
                      sys_strerror((SyscallError)-n));
        return 1;
    }
    int status = 0;
    for (int64_t i = 0; i < n; i++) {
        char *sub = u_path_join(path, ents[i].name);
        status |= chown_one(sub, o);
        xfree(sub);
    }
    u_dir_free(ents, (size_t)n);
    return status;
}

static int chown_one(const char *path, const Opts *o) {
    FileStat st;
    SyscallResult r = sys_stat(path, &st);
    if (r.error != AX_OK) {
        if (!o->silent)
            u_eprintf("%s: cannot access '%s': %s\n", o->prog, path, sys_strerror(r.error));
        return 1;
    }
    r = o->no_deref ? sys_lchown(path, o->uid, o->gid) : sys_chown(path, o->uid, o->gid);
    int status = 0;
    bool what_group = o->uid == AX_ID_NONE;
    if (r.error != AX_OK) {
        if (!o->silent)
            u_eprintf("%s: changing %s of '%s': %s\n", o->prog,
                      what_group ? "group" : "ownership", path, sys_strerror(r.error));
        status = 1;
    } else {
        bool changed = (o->uid != AX_ID_NONE && o->uid != st.uid) ||
                       (o->gid != AX_ID_NONE && o->gid != st.gid);
        if (o->verbose || (o->changes && changed))
            u_printf("%s of '%s' %s\n", what_group ? "group" : "ownership", path,
                     changed ? "changed" : "retained");
    }
    if (o->recursive && AX_S_ISDIR(st.mode))
        status |= chown_tree(path, o);
    return status;
}

/* OWNER[:[GROUP]], :GROUP or (chgrp) GROUP into o->uid and o->gid. */
static bool parse_spec(const UAccounts *a, const char *spec, bool group_only, Opts *o) {
    o->uid = o->gid = AX_ID_NONE;
    if (group_only) {
        if (!u_account_id(a, false, spec, &o->gid)) {
            u_eprintf("%s: invalid group: '%s'\n", o->prog, spec);
            return false;
        }
        return true;
    }
    const char *colon = strpbrk(spec, ":");
    size_t ulen = colon ? (size_t)(colon - spec) : strlen(spec);
    char *user = xmalloc(ulen + 1);
    memcpy(user, spec, ulen);
    user[ulen] = '\0';
    bool ok = true;
    if (ulen && !u_account_id(a, true, user, &o->uid)) {
        u_eprintf("%s: invalid user: '%s'\n", o->prog, spec);
        ok = false;
    }
    if (ok && colon && colon[1] && !u_account_id(a, false, colon + 1, &o->gid)) {
        u_eprintf("%s: invalid group: '%s'\n", o->prog, spec);
        ok = false;
    }
    if (ok && colon && !colon[1] && ulen) { /* "OWNER:": OWNER's login group */
        const UAccount *u = u_user_by_id(a, o->uid);
        if (!u) {
            u_eprintf("%s: invalid spec: '%s'\n", o->prog, spec);
            ok = false;
        } else {
            o->gid = u->gid;
        }
    }
    xfree(user);
    return ok;
}

static int chown_common(int argc, char **argv, bool group_only) {
    Opts o = {.prog = group_only ? "chgrp" : "chown"};
    static const ULongOpt longopts[] = {
        {"recursive", U_NO_ARG, 'R'}, {"changes", U_NO_ARG, 'c'}, {"silent", U_NO_ARG, 'f'},
        {"quiet", U_NO_ARG, 'f'},     {"verbose", U_NO_ARG, 'v'}, {"no-dereference", U_NO_ARG, 'h'},
        {NULL, 0, 0}};
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "Rcfvh", longopts)) != -1) {
        switch (c) {
        case 'R': o.recursive = true; break;
        case 'c': o.changes = true; break;
        case 'f': o.silent = true; break;
        case 'v': o.verbose = true; break;
        case 'h': o.no_deref = true; break;
        default: return 1;
        }
    }
    if (g.ind >= argc) {
        u_usage_error(o.prog, "missing operand");
        return 1;
    }
    if (g.ind + 1 >= argc) {
        u_usage_error(o.prog, "missing operand after '%s'", argv[g.ind]);
        return 1;
    }
    UAccounts a;
    u_accounts_load(&a);
    bool ok = parse_spec(&a, argv[g.ind], group_only, &o);
    u_accounts_free(&a);
    if (!ok)
        return 1;
    int status = 0;
    for (int i = g.ind + 1; i < argc; i++)
        status |= chown_one(argv[i], &o);
    return status;
}

int chown_main(int argc, char **argv) {
    return chown_common(argc, argv, false);
}

int chgrp_main(int argc, char **argv) {
    return chown_common(argc, argv, true);
}
