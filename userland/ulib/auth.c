/* Passwords and the account files, for su, passwd, login, useradd,
 * userdel and groupadd: reading a password from the terminal with echo
 * off, checking it against /etc/shadow, hashing a new one, and rewriting
 * an account file whole.
 *
 * Hashes are the system's crypt (Debian's libcrypt, loaded at the first
 * hash: hostcrypt.h): yescrypt at its default cost for new passwords, any
 * method libcrypt knows for checks.
 * Built without libcrypt (AXOS_WITH_CRYPT off: the aarch64 cross build),
 * checks and hashing fail with AX_ENOSYS. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

#ifdef AXOS_HAVE_CRYPT
#include <crypt.h>

#include "hostcrypt.h"
#endif

/* Read one line from fd, byte by byte (what follows stays for others),
 * without its newline. false at end of input before any byte. */
static bool read_line(int fd, char *buf, size_t size) {
    size_t n = 0;
    bool any = false;
    for (;;) {
        char c;
        SyscallResult r = sys_read(fd, &c, 1);
        if (r.error != AX_OK || r.value == 0)
            break;
        any = true;
        if (c == '\n' || c == '\r')
            break;
        if (n + 1 < size)
            buf[n++] = c;
    }
    buf[n] = '\0';
    return any;
}

bool u_read_password(const char *prompt, char *buf, size_t size) {
    /* the terminal: stdin when it is one, else /dev/tty, else stdin as is */
    int fd = 0;
    bool own = false;
    if (!u_isatty(0)) {
        SyscallResult t = sys_open("/dev/tty", AX_O_RDWR, 0);
        if (t.error == AX_OK) {
            fd = (int)t.value;
            own = true;
        }
    }
    int out = own ? fd : 2;
    u_fflush(u_stdout());
    sys_write(out, prompt, strlen(prompt));
    TermAttr saved, quiet;
    bool tty = sys_tcgetattr(fd, &saved).error == AX_OK;
    if (tty) {
        quiet = saved;
        quiet.lflag &= ~(uint32_t)(AX_ECHO | AX_ECHOE | AX_ECHONL);
        sys_tcsetattr(fd, AX_TCSAFLUSH, &quiet);
    }
    bool ok = read_line(fd, buf, size);
    if (tty) {
        sys_tcsetattr(fd, AX_TCSAFLUSH, &saved);
        sys_write(out, "\n", 1); /* the newline typed was not echoed */
    }
    if (own)
        sys_close(fd);
    return ok;
}

char *u_shadow_hash(const char *user) {
    char *text = u_acct_read("/etc/shadow");
    size_t start, end, len;
    const char *h = text && u_acct_find(text, user, &start, &end)
                        ? u_acct_field(text + start, 1, &len)
                        : NULL;
    char *hash = NULL;
    if (h) {
        hash = xmalloc(len + 1);
        memcpy(hash, h, len);
        hash[len] = '\0';
    }
    xfree(text);
    return hash;
}

SyscallError u_become(const UAccounts *a, const UAccount *u) {
    /* as initgroups: the primary group and every group listing the user */
    uint32_t groups[AX_NGROUPS_MAX];
    int n = 0;
    groups[n++] = u->gid;
    for (size_t i = 0; i < a->ngroups && n < AX_NGROUPS_MAX; i++)
        if (a->groups[i].id != u->gid && u_group_has_member(&a->groups[i], u->name))
            groups[n++] = a->groups[i].id;
    /* groups, then gids, then uids: the order that keeps the right to */
    SyscallError e = sys_setgroups(n, groups).error;
    if (e == AX_OK)
        e = sys_setresgid(u->gid, u->gid, u->gid).error;
    if (e == AX_OK)
        e = sys_setresuid(u->id, u->id, u->id).error;
    return e;
}

SyscallError u_password_check(const char *password, const char *hash) {
#ifdef AXOS_HAVE_CRYPT
    /* "!..." and "*" lock an account; an empty hash needs no password */
    if (!hash || hash[0] == '!' || hash[0] == '*')
        return AX_EACCES;
    if (hash[0] == '\0')
        return password[0] == '\0' ? AX_OK : AX_EACCES;
    const HostCrypt *c = hostcrypt();
    if (!c)
        return AX_ENOSYS;
    struct crypt_data *data = xcalloc(1, sizeof *data);
    const char *h = c->crypt_r(password, hash, data);
    bool ok = h && h[0] != '*' && strcmp(h, hash) == 0;
    xfree(data);
    return ok ? AX_OK : AX_EACCES;
#else
    (void)password;
    (void)hash;
    return AX_ENOSYS;
#endif
}

SyscallError u_password_hash(const char *password, char *out, size_t size) {
#ifdef AXOS_HAVE_CRYPT
    /* the salt from /dev/urandom, which the kernel's seed drives */
    unsigned char rnd[16] = {0};
    SyscallResult fd = sys_open("/dev/urandom", AX_O_RDONLY, 0);
    if (fd.error == AX_OK) {
        sys_read((int)fd.value, rnd, sizeof rnd);
        sys_close((int)fd.value);
    }
    const HostCrypt *c = hostcrypt();
    if (!c)
        return AX_ENOSYS;
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!c->crypt_gensalt_rn("$y$", 0, (const char *)rnd, sizeof rnd, salt, sizeof salt))
        return AX_EINVAL;
    struct crypt_data *data = xcalloc(1, sizeof *data);
    const char *h = c->crypt_r(password, salt, data);
    SyscallError e = AX_EINVAL;
    if (h && h[0] != '*' && strlen(h) < size) {
        snprintf(out, size, "%s", h);
        e = AX_OK;
    }
    xfree(data);
    return e;
#else
    (void)password;
    (void)out;
    (void)size;
    return AX_ENOSYS;
#endif
}

SyscallError u_file_replace(const char *path, const char *text, size_t len, uint32_t mode,
                            uint32_t gid) {
    char tmp[AX_PATH_MAX];
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    if (snprintf(tmp, sizeof tmp, "%.*s+%s", (int)dir, path, path + dir) >= (int)sizeof tmp)
        return AX_ENAMETOOLONG;
    SyscallResult fd = sys_open(tmp, AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, mode);
    if (fd.error != AX_OK)
        return fd.error;
    SyscallError e = AX_OK;
    for (size_t done = 0; done < len && e == AX_OK;) {
        SyscallResult w = sys_write((int)fd.value, text + done, len - done);
        if (w.error != AX_OK)
            e = w.error;
        else
            done += (size_t)w.value;
    }
    if (e == AX_OK)
        e = sys_fsync((int)fd.value).error;
    sys_close((int)fd.value);
    if (e == AX_OK)
        e = sys_chmod(tmp, mode).error;
    if (e == AX_OK)
        e = sys_chown(tmp, 0, gid).error;
    if (e == AX_OK)
        e = sys_rename(tmp, path).error;
    if (e != AX_OK)
        sys_unlink(tmp);
    return e;
}

int64_t u_days_now(void) {
    SyscallResult r = sys_clock_gettime(AX_CLOCK_REALTIME);
    return r.error == AX_OK ? r.value / 1000000000 / 86400 : 0;
}

int u_acct_read_all(const char *prog, char *acct[3]) {
    static const char *const paths[3] = {"/etc/passwd", "/etc/shadow", "/etc/group"};
    bool ok = true;
    for (int i = 0; i < 3; i++)
        ok = (acct[i] = u_acct_read(paths[i])) != NULL && ok;
    if (ok)
        return 0;
    for (int i = 0; i < 3; i++) {
        xfree(acct[i]);
        acct[i] = NULL;
    }
    u_eprintf("%s: cannot open the account files\n", prog);
    return 1;
}

char *u_acct_read(const char *path) {
    SyscallResult fd = sys_open(path, AX_O_RDONLY, 0);
    if (fd.error != AX_OK)
        return NULL;
    char *text;
    size_t len;
    SyscallError e = u_read_all((int)fd.value, &text, &len);
    sys_close((int)fd.value);
    if (e != AX_OK)
        return NULL;
    char *s = xrealloc(text, len + 2);
    /* a last line without its newline gets one, so lines splice cleanly */
    if (len > 0 && s[len - 1] != '\n')
        s[len++] = '\n';
    s[len] = '\0';
    return s;
}

bool u_acct_find(const char *text, const char *name, size_t *start, size_t *end) {
    size_t nlen = strlen(name);
    for (const char *s = text; *s;) {
        const char *e = strchr(s, '\n');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len > nlen && memcmp(s, name, nlen) == 0 && s[nlen] == ':') {
            *start = (size_t)(s - text);
            *end = *start + len + (e != NULL);
            return true;
        }
        s += len + (e != NULL);
    }
    return false;
}

char *u_acct_splice(const char *text, size_t start, size_t end, const char *line) {
    size_t len = strlen(text), add = line ? strlen(line) : 0;
    char *s = xmalloc(len - (end - start) + add + 1);
    memcpy(s, text, start);
    if (line)
        memcpy(s + start, line, add);
    memcpy(s + start + add, text + end, len - end + 1);
    return s;
}

const char *u_acct_field(const char *line, int i, size_t *len) {
    for (; i > 0 && line; i--) {
        line = strchr(line, ':');
        if (line)
            line++;
    }
    if (!line)
        return NULL;
    *len = strcspn(line, ":\n");
    return line;
}

bool u_account_name_ok(const char *s) {
    size_t n = strlen(s);
    if (n == 0 || n > 32 || !((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_'))
        return false;
    for (size_t i = 1; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
                  (c == '$' && i + 1 == n);
        if (!ok)
            return false;
    }
    return true;
}

uint32_t u_account_next_id(const UAccounts *a, bool user, bool system) {
    const UAccount *v = user ? a->users : a->groups;
    size_t n = user ? a->nusers : a->ngroups;
    if (system) { /* the highest free id below 1000, as SYS_UID_MAX */
        for (uint32_t id = 999; id >= 100; id--) {
            bool used = false;
            for (size_t i = 0; i < n && !used; i++)
                used = v[i].id == id;
            if (!used)
                return id;
        }
        return UINT32_MAX;
    }
    uint32_t next = 1000; /* UID_MIN; one above the highest in use up to UID_MAX */
    for (size_t i = 0; i < n; i++)
        if (v[i].id >= 1000 && v[i].id < 60000 && v[i].id + 1 > next)
            next = v[i].id + 1;
    return next < 60000 ? next : UINT32_MAX;
}
