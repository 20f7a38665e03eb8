/* login [-f] [USER]: start a session as a user, as util-linux's login:
 * asks "HOST login: " (unless USER is given) and "Password: " (echo
 * off); a wrong answer waits 3 seconds (of kernel time, FAIL_DELAY) and
 * says "Login incorrect", three tries in all. Then it takes on the user's
 * ids and groups, starts a new session when it can, goes to the user's
 * home, prints /etc/motd and runs the user's shell as a login shell
 * ("-sh") in a clean environment (HOME, SHELL, USER, LOGNAME, PATH,
 * TERM). -f skips the password (the caller vouches for the user). Needs
 * root; exits 1 when it cannot log anyone in. */
#include <stdio.h>
#include <string.h>

#include "ulib.h"

#define FAIL_DELAY_NS 3000000000ull
#define LOGIN_RETRIES 3

/* Read a line from stdin, byte by byte: false at end of input. */
static bool read_name(char *buf, size_t size) {
    size_t n = 0;
    bool any = false;
    char c;
    while (sys_read(0, &c, 1).value == 1) {
        any = true;
        if (c == '\n')
            break;
        if (n + 1 < size)
            buf[n++] = c;
    }
    buf[n] = '\0';
    return any;
}

static void hostname(char *buf, size_t size) {
    snprintf(buf, size, "axos");
    SyscallResult fd = sys_open("/proc/sys/kernel/hostname", AX_O_RDONLY, 0);
    if (fd.error != AX_OK)
        return;
    SyscallResult r = sys_read((int)fd.value, buf, size - 1);
    sys_close((int)fd.value);
    buf[r.error == AX_OK ? r.value : 0] = '\0';
    buf[strcspn(buf, "\n")] = '\0';
}

static void motd(void) {
    SyscallResult fd = sys_open("/etc/motd", AX_O_RDONLY, 0);
    if (fd.error != AX_OK)
        return;
    char buf[512];
    SyscallResult r;
    while ((r = sys_read((int)fd.value, buf, sizeof buf)).error == AX_OK && r.value > 0)
        u_fwrite(buf, (size_t)r.value, u_stdout());
    sys_close((int)fd.value);
}

static char *env_entry(const char *name, const char *value) {
    size_t n = strlen(name) + strlen(value) + 2;
    char *s = xmalloc(n);
    snprintf(s, n, "%s=%s", name, value);
    return s;
}

int login_main(int argc, char **argv) {
    UGetopt g = U_GETOPT_INIT;
    bool trusted = false;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "f", NULL)) != -1) {
        if (c != 'f')
            return 1;
        trusted = true;
    }
    if (argc - g.ind > 1) {
        u_usage_error("login", "extra operand '%s'", argv[g.ind + 1]);
        return 1;
    }
    if (sys_geteuid().value != 0) {
        u_eprintf("login: Cannot possibly work without effective root\n");
        return 1;
    }
    if (trusted && g.ind >= argc) {
        u_usage_error("login", "-f needs a user name");
        return 1;
    }
    UAccounts a;
    u_accounts_load(&a);
    char host[65], name[64], pw[256];
    hostname(host, sizeof host);
    const UAccount *u = NULL;
    for (int tries = 0; tries < LOGIN_RETRIES && !u; tries++) {
        if (g.ind < argc && tries == 0) {
            snprintf(name, sizeof name, "%s", argv[g.ind]);
        } else {
            u_printf("%s login: ", host);
            u_fflush(u_stdout());
            if (!read_name(name, sizeof name)) {
                u_accounts_free(&a);
                return 1;
            }
        }
        const UAccount *cand = u_user_by_name(&a, name);
        bool ok = trusted && cand;
        if (!trusted) {
            bool typed = u_read_password("Password: ", pw, sizeof pw);
            char *hash = cand ? u_shadow_hash(cand->name) : NULL;
            ok = typed && cand && u_password_check(pw, hash) == AX_OK;
            memset(pw, 0, sizeof pw);
            xfree(hash);
        }
        if (ok) {
            u = cand;
        } else {
            sys_sleep(FAIL_DELAY_NS);
            u_printf("\nLogin incorrect\n");
            trusted = false;
        }
    }
    if (!u) {
        u_accounts_free(&a);
        return 1;
    }
    sys_setsid(); /* fails for a group leader: the session stays */
    SyscallError e = u_become(&a, u);
    if (e != AX_OK) {
        u_eprintf("login: cannot set user id: %s\n", sys_strerror(e));
        u_accounts_free(&a);
        return 1;
    }
    const char *home = u->home;
    if (sys_chdir(home).error != AX_OK) {
        u_printf("No directory, logging in with HOME=/\n");
        home = "/";
        sys_chdir("/");
    }
    motd();
    char term[128] = "";
    bool has_term = sys_getenv("TERM", term, sizeof term).error == AX_OK;
    char *envp[8] = {0};
    size_t k = 0;
    envp[k++] = env_entry("HOME", home);
    envp[k++] = env_entry("SHELL", u->shell);
    envp[k++] = env_entry("USER", u->name);
    envp[k++] = env_entry("LOGNAME", u->name);
    envp[k++] = env_entry("PATH", u->id == 0 ? "/sbin:/bin" : "/bin");
    if (has_term)
        envp[k++] = env_entry("TERM", term);
    const char *base = strrchr(u->shell, '/') ? strrchr(u->shell, '/') + 1 : u->shell;
    char arg0[64];
    snprintf(arg0, sizeof arg0, "-%s", base);
    u_fflush(u_stdout());
    e = sys_exec(u->shell, (char *[]){arg0, NULL}, envp).error;
    u_eprintf("login: failed to execute %s: %s\n", u->shell, sys_strerror(e));
    u_accounts_free(&a);
    return 1;
}
