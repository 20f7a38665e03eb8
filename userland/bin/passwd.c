/* passwd [-d | -l | -u | -S] [LOGIN]: change a user's password, as
 * shadow-utils' passwd (with pam_unix) does.
 *
 * Installed set-user-ID root, so that it may rewrite /etc/shadow (0640
 * root:shadow). An ordinary user changes only their own password and
 * must give the current one first; root may set anyone's without it, and
 * lock (-l), unlock (-u) or empty (-d) it. The new hash is yescrypt
 * through the system's crypt; the line's last-change day becomes today.
 * -S prints the status: NAME P|L|NP DATE 0 99999 7 -1.
 *
 * Exit status: 0; 1 permission denied or a usage error; 3 an unlock that
 * would leave no password; 6 no such user; 10 the passwords did not do
 * (wrong, empty or not the same twice), "password unchanged". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

#define GID_SHADOW 42
#define FAIL_DELAY_NS 3000000000ull

static int unchanged(const char *why) {
    if (why)
        u_eprintf("%s\n", why);
    u_eprintf("passwd: Authentication token manipulation error\npasswd: password unchanged\n");
    return 10;
}

/* The shadow text with NAME's hash and last change replaced. */
static char *set_hash(const char *text, size_t start, size_t end, const char *hash, bool today) {
    const char *line = text + start;
    size_t flen;
    const char *f2 = u_acct_field(line, 2, &flen);
    char days[24];
    if (today)
        snprintf(days, sizeof days, "%lld", (long long)u_days_now());
    else
        snprintf(days, sizeof days, "%.*s", f2 ? (int)flen : 0, f2 ? f2 : "");
    const char *rest = f2 ? f2 + flen : line + (end - start); /* ":0:99999:7:::\n" */
    size_t nlen = (size_t)(strchr(line, ':') - line);
    size_t rlen = (size_t)(text + end - rest);
    size_t size = nlen + strlen(hash) + strlen(days) + rlen + 8;
    char *nl = xmalloc(size);
    snprintf(nl, size, "%.*s:%s:%s%.*s", (int)nlen, line, hash, days, (int)rlen, rest);
    if (nl[strlen(nl) - 1] != '\n')
        strcat(nl, "\n");
    char *out = u_acct_splice(text, start, end, nl);
    xfree(nl);
    return out;
}

static int status(const char *name, const char *hash, const char *line) {
    size_t len;
    const char *f2 = u_acct_field(line, 2, &len);
    long days = f2 ? strtol(f2, NULL, 10) : 0;
    UTm tm;
    u_gmtime((int64_t)days * 86400 * 1000000000, &tm);
    const char *st = hash[0] == '!' || hash[0] == '*' ? "L" : hash[0] ? "P" : "NP";
    u_printf("%s %s %04d-%02d-%02d 0 99999 7 -1\n", name, st, tm.year, tm.mon + 1, tm.mday);
    return 0;
}

int passwd_main(int argc, char **argv) {
    static const ULongOpt longopts[] = {{"delete", U_NO_ARG, 'd'}, {"lock", U_NO_ARG, 'l'},
                                        {"unlock", U_NO_ARG, 'u'}, {"status", U_NO_ARG, 'S'},
                                        {NULL, 0, 0}};
    UGetopt g = U_GETOPT_INIT;
    int c, action = 0;
    while ((c = u_getopt_long(&g, argc, argv, "dluS", longopts)) != -1) {
        if (c == '?')
            return 1;
        if (action && action != c) {
            u_usage_error("passwd", "only one of -d, -l, -u and -S may be given");
            return 1;
        }
        action = c;
    }
    if (argc - g.ind > 1) {
        u_usage_error("passwd", "extra operand '%s'", argv[g.ind + 1]);
        return 1;
    }
    uint32_t ruid = (uint32_t)sys_getuid().value;
    UAccounts a;
    u_accounts_load(&a);
    const UAccount *me = u_user_by_id(&a, ruid);
    const char *name = g.ind < argc ? argv[g.ind] : me ? me->name : NULL;
    const UAccount *u = name ? u_user_by_name(&a, name) : NULL;
    if (!u) {
        if (name)
            u_eprintf("passwd: user '%s' does not exist\n", name);
        else
            u_eprintf("passwd: Cannot determine your user name.\n");
        u_accounts_free(&a);
        return 6;
    }
    int r = 0;
    char *text = NULL, *out = NULL, *hash = NULL;
    size_t start, end;
    if (ruid != 0 && (u->id != ruid || (action && action != 'S'))) {
        if (u->id != ruid)
            u_eprintf("passwd: You may not view or modify password information for %s.\n", u->name);
        else
            u_eprintf("passwd: Permission denied.\n");
        r = 1;
    } else if (!(text = u_acct_read("/etc/shadow")) || !u_acct_find(text, u->name, &start, &end)) {
        u_eprintf("passwd: cannot read the shadow entry of %s\n", u->name);
        r = 1;
    } else {
        size_t hlen;
        const char *h = u_acct_field(text + start, 1, &hlen);
        hash = xmalloc(hlen + 1);
        snprintf(hash, hlen + 1, "%.*s", (int)hlen, h);
    }
    if (r == 0 && action == 'S') {
        r = status(u->name, hash, text + start);
    } else if (r == 0 && action) {
        char nh[600];
        if (action == 'l')
            snprintf(nh, sizeof nh, "%s%s", hash[0] == '!' ? "" : "!", hash);
        else if (action == 'u')
            snprintf(nh, sizeof nh, "%s", hash[0] == '!' ? hash + 1 : hash);
        else
            nh[0] = '\0';
        if (action == 'u' && nh[0] == '\0') {
            u_eprintf("passwd: unlocking the password would result in a passwordless account.\n");
            r = 3;
        } else {
            out = set_hash(text, start, end, nh, action == 'd');
        }
    } else if (r == 0) {
        char cur[256], pw1[256], pw2[256];
        if (ruid != 0) {
            u_printf("Changing password for %s.\n", u->name);
            bool typed = u_read_password("Current password: ", cur, sizeof cur);
            if (!typed || u_password_check(cur, hash) != AX_OK) {
                sys_sleep(FAIL_DELAY_NS);
                r = unchanged(NULL);
            }
        }
        if (r == 0) {
            bool t1 = u_read_password("New password: ", pw1, sizeof pw1);
            if (!t1 || !pw1[0]) {
                r = unchanged("No password has been supplied.");
            } else {
                bool t2 = u_read_password("Retype new password: ", pw2, sizeof pw2);
                if (!t2 || strcmp(pw1, pw2) != 0)
                    r = unchanged("Sorry, passwords do not match.");
            }
        }
        char nh[512];
        if (r == 0) {
            SyscallError e = u_password_hash(pw1, nh, sizeof nh);
            if (e != AX_OK) {
                u_eprintf("passwd: cannot hash the password: %s\n", sys_strerror(e));
                r = 1;
            } else {
                out = set_hash(text, start, end, nh, true);
            }
        }
        memset(cur, 0, sizeof cur);
        memset(pw1, 0, sizeof pw1);
        memset(pw2, 0, sizeof pw2);
    }
    if (r == 0 && out) {
        SyscallError e = u_file_replace("/etc/shadow", out, strlen(out), 0640, GID_SHADOW);
        if (e != AX_OK) {
            u_eprintf("passwd: cannot update /etc/shadow: %s\n", sys_strerror(e));
            r = 1;
        } else if (action) {
            u_printf("passwd: password changed.\n");
        } else {
            u_printf("passwd: password updated successfully\n");
        }
    }
    xfree(out);
    xfree(text);
    xfree(hash);
    u_accounts_free(&a);
    return r;
}
