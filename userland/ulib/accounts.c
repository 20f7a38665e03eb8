/* The account files, /etc/passwd and /etc/group, read once into a table
 * for the programs that turn ids into names and back (id, ls -l, stat,
 * chown...). Their formats are the standard ones (passwd(5), group(5)):
 * colon-separated fields, one entry a line; a line that does not parse is
 * skipped, as glibc's files backend skips it. */
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

/* The whole of path, NUL-terminated (an empty string when it cannot be
 * read: a missing file names nobody). */
static char *slurp(const char *path) {
    size_t len = 0, cap = 4096;
    char *buf = xmalloc(cap);
    SyscallResult r = sys_open(path, AX_O_RDONLY, 0);
    if (r.error == AX_OK) {
        int fd = (int)r.value;
        for (;;) {
            if (cap - len < 1024)
                buf = xrealloc(buf, cap *= 2);
            SyscallResult n = sys_read(fd, buf + len, cap - len - 1);
            if (n.error == AX_EINTR)
                continue;
            if (n.error != AX_OK || n.value == 0)
                break;
            len += (size_t)n.value;
        }
        sys_close(fd);
    }
    buf[len] = '\0';
    return buf;
}

/* Cut s at each ':' into at most max fields; returns how many. */
static int split_fields(char *s, char **f, int max) {
    int n = 0;
    f[n++] = s;
    for (; *s && n < max; s++)
        if (*s == ':') {
            *s = '\0';
            f[n++] = s + 1;
        }
    return n;
}

static bool parse_id(const char *s, uint32_t *out) {
    char *end;
    if (*s < '0' || *s > '9')
        return false;
    unsigned long v = strtoul(s, &end, 10);
    if (*end || v >= UINT32_MAX)
        return false;
    *out = (uint32_t)v;
    return true;
}

/* Parse text's lines into *list: passwd lines (7 fields) when users,
 * group lines (4 fields) otherwise. */
static void parse(char *text, bool users, UAccount **list, size_t *n) {
    size_t cap = 0;
    *list = NULL;
    *n = 0;
    for (char *line = text; *line;) {
        char *nl = strchr(line, '\n');
        char *next = nl ? nl + 1 : line + strlen(line);
        if (nl)
            *nl = '\0';
        char *f[7];
        int nf = split_fields(line, f, users ? 7 : 4);
        UAccount a = {0};
        bool ok = nf == (users ? 7 : 4) && f[0][0] && parse_id(f[2], &a.id) &&
                  (!users || parse_id(f[3], &a.gid));
        if (ok) {
            a.name = f[0];
            if (users) {
                a.gecos = f[4];
                a.home = f[5];
                a.shell = f[6];
            } else {
                a.members = f[3];
            }
            if (*n == cap)
                *list = xrealloc(*list, (cap = cap ? cap * 2 : 16) * sizeof **list);
            (*list)[(*n)++] = a;
        }
        line = next;
    }
}

void u_accounts_load(UAccounts *a) {
    a->text[0] = slurp("/etc/passwd");
    a->text[1] = slurp("/etc/group");
    parse(a->text[0], true, &a->users, &a->nusers);
    parse(a->text[1], false, &a->groups, &a->ngroups);
}

void u_accounts_free(UAccounts *a) {
    xfree(a->users);
    xfree(a->groups);
    xfree(a->text[0]);
    xfree(a->text[1]);
    memset(a, 0, sizeof *a);
}

/* The first entry of list with this id (name NULL) or this name. */
static const UAccount *find(const UAccount *list, size_t n, uint32_t id, const char *name) {
    for (size_t i = 0; i < n; i++)
        if (name ? strcmp(list[i].name, name) == 0 : list[i].id == id)
            return &list[i];
    return NULL;
}

const UAccount *u_user_by_id(const UAccounts *a, uint32_t uid) {
    return find(a->users, a->nusers, uid, NULL);
}
const UAccount *u_user_by_name(const UAccounts *a, const char *name) {
    return find(a->users, a->nusers, 0, name);
}
const UAccount *u_group_by_id(const UAccounts *a, uint32_t gid) {
    return find(a->groups, a->ngroups, gid, NULL);
}
const UAccount *u_group_by_name(const UAccounts *a, const char *name) {
    return find(a->groups, a->ngroups, 0, name);
}

bool u_group_has_member(const UAccount *g, const char *user) {
    size_t len = strlen(user);
    for (const char *m = g->members; *m;) {
        const char *end = strchr(m, ',');
        size_t n = end ? (size_t)(end - m) : strlen(m);
        if (n == len && memcmp(m, user, len) == 0)
            return true;
        if (!end)
            break;
        m = end + 1;
    }
    return false;
}

bool u_account_id(const UAccounts *a, bool user, const char *s, uint32_t *id) {
    const UAccount *e = user ? u_user_by_name(a, s) : u_group_by_name(a, s);
    if (e) {
        *id = e->id;
        return true;
    }
    return parse_id(s, id); /* a number names itself, as GNU chown takes it */
}

const char *u_account_name(const UAccounts *a, bool user, uint32_t id, char buf[12]) {
    const UAccount *e = user ? u_user_by_id(a, id) : u_group_by_id(a, id);
    if (e)
        return e->name;
    u_utoa(id, buf);
    return buf;
}
