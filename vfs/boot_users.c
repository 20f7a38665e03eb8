/* The accounts of a fresh kernel: /etc/passwd, /etc/group and
 * /etc/shadow in their standard formats (passwd(5), group(5), shadow(5)),
 * root's home /root and the ordinary user's home, and the credentials
 * kernel_spawn's processes get (KernelConfig.user, *_hash, session).
 *
 * The files are written once, here; from then on they are ordinary files
 * that programs (useradd, passwd, su, login) read and rewrite. The kernel
 * never reads them: a process's identity is its Cred. */
#include <stdio.h>
#include <string.h>

#include "vfs/internal.h"

#define GID_USERS 100
#define GID_SHADOW 42
#define ID_NOBODY 65534
#define LOCKED "!" /* shadow(5): no password opens the account */

static const char *boot_user_name(const KernelConfig *cfg) {
    return cfg->user ? cfg->user : "user";
}

/* useradd's default NAME_REGEX, within 32 bytes, and not a name the boot
 * gives to another account. */
static bool user_name_ok(const char *s) {
    size_t n = strlen(s);
    if (n == 0 || n > 32 || s[0] == '-' || (s[0] >= '0' && s[0] <= '9'))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
              s[i] == '-'))
            return false;
    static const char *const taken[] = {"root", "nobody", "tty", "shadow", "users", "nogroup"};
    for (size_t i = 0; i < sizeof taken / sizeof taken[0]; i++)
        if (strcmp(s, taken[i]) == 0)
            return false;
    return true;
}

static bool hash_ok(const char *h) {
    return !h || (!strchr(h, ':') && !strchr(h, '\n') && strlen(h) < 512);
}

bool vfs_accounts_valid(const KernelConfig *cfg) {
    return user_name_ok(boot_user_name(cfg)) && hash_ok(cfg->user_hash) &&
           hash_ok(cfg->root_hash) &&
           (cfg->session == AX_SESSION_ROOT || cfg->session == AX_SESSION_USER);
}

/* A file of the boot layout, owned uid:gid with mode perm. */
static int users_file(Kernel *k, VNode *etc, const char *name, const char *text, uint32_t perm,
                      uint32_t gid) {
    VNode *n;
    int r = vfs_boot_file(k, etc, name, text, &n);
    if (r == 0) {
        n->perm = perm;
        n->gid = gid;
    }
    return r;
}

int vfs_boot_users(Kernel *k, VNode *root, VNode *etc, VNode *home) {
    const KernelConfig *cfg = &k->cfg;
    const char *user = boot_user_name(cfg);
    snprintf(k->vfs->user, sizeof k->vfs->user, "%s", user); /* cfg's may not last */
    /* shadow(5) counts days since 1970 */
    unsigned long days = (unsigned long)(cfg->boot_time_ns / 1000000000ULL / 86400ULL);
    char text[2048];
    VNode *roothome, *userhome;
    int r = vfs_boot_mkdir(k, root, "root", 0700, &roothome);
    if (r == 0)
        r = vfs_boot_mkdir(k, home, user, 0755, &userhome);
    if (r < 0)
        return r;
    userhome->uid = userhome->gid = AX_USER_UID;

    snprintf(text, sizeof text,
             "root:x:0:0:root:/root:/bin/sh\n"
             "%s:x:%u:%u:%s:/home/%s:/bin/sh\n"
             "nobody:x:%u:%u:nobody:/nonexistent:/bin/false\n",
             user, AX_USER_UID, AX_USER_UID, user, user, ID_NOBODY, ID_NOBODY);
    if ((r = users_file(k, etc, "passwd", text, 0644, 0)) < 0)
        return r;
    snprintf(text, sizeof text,
             "root:x:0:\ntty:x:5:\nshadow:x:%u:\nusers:x:%u:%s\nnogroup:x:%u:\n%s:x:%u:\n",
             GID_SHADOW, GID_USERS, user, ID_NOBODY, user, AX_USER_UID);
    if ((r = users_file(k, etc, "group", text, 0644, 0)) < 0)
        return r;
    snprintf(text, sizeof text,
             "root:%s:%lu:0:99999:7:::\n%s:%s:%lu:0:99999:7:::\nnobody:*:%lu:0:99999:7:::\n",
             cfg->root_hash ? cfg->root_hash : LOCKED, days, user,
             cfg->user_hash ? cfg->user_hash : LOCKED, days, days);
    if ((r = users_file(k, etc, "shadow", text, 0640, GID_SHADOW)) < 0)
        return r;

    if (cfg->session == AX_SESSION_USER) {
        /* as login's initgroups: the groups listing the user, and its own */
        const uint32_t groups[] = {GID_USERS, AX_USER_UID};
        cred_init_user(&k->session_cred, AX_USER_UID, AX_USER_UID, groups, 2);
        k->vfs->session_home = userhome;
        /* the console belongs to whoever logged in on it, as login sets */
        VPath vp;
        if (vfs_walk(k, NULL, "/dev/console", VW_FOLLOW, &vp) == 0 && vp.node) {
            vp.node->uid = AX_USER_UID;
            vp.node->gid = 5;
            vp.node->perm = 0620;
        }
    } else {
        cred_init_root(&k->session_cred);
        k->vfs->session_home = k->vfs->root;
    }
    vfs_node_ref(k->vfs->session_home);
    return 0;
}

VNode *vfs_session_home(Kernel *k) {
    return k->vfs->session_home;
}

const char *vfs_session_user(Kernel *k) {
    return k->cfg.session == AX_SESSION_USER ? k->vfs->user : "root";
}
