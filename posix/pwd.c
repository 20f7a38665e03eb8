/* The user and group databases: getpwnam, getpwuid, getgrnam, getgrgid
 * (and their _r forms), the getpwent/getgrent walks, and getlogin, read
 * from the kernel's /etc/passwd and /etc/group (passwd(5), group(5)),
 * which the boot writes and useradd, groupadd and passwd rewrite. No NSS:
 * the files are the whole database, as with glibc's "files" source.
 *
 * As glibc: an entry that is not there is no error (NULL, or 0 with
 * *result NULL, errno untouched); a line that does not parse is skipped;
 * the _r forms say ERANGE when buf cannot hold the entry and leave
 * *result NULL. The plain forms return storage of this process that the
 * next call of the same family overwrites. */
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#include "posix/internal.h"

#define PASSWD_FIELDS 7
#define GROUP_FIELDS 4

/* An open database file and the line read from it (getline's buffer). */
typedef struct DbFile {
    FILE *f;
    char *line;
    size_t cap;
} DbFile;

static DbFile pw_walk, gr_walk; /* getpwent's and getgrent's places */

static int db_open(DbFile *d, const char *path) {
    if (!d->f && !(d->f = fopen(path, "re")))
        return errno;
    return 0;
}

static void db_close(DbFile *d) {
    if (d->f)
        fclose(d->f);
    free(d->line);
    memset(d, 0, sizeof *d);
}

/* The next line that has n ':'-separated fields, split in place (the
 * line's newline dropped). 0 and the fields, ENOENT at the end, or the
 * read's error. */
static int db_next(DbFile *d, int n, char **field) {
    for (;;) {
        errno = 0;
        ssize_t len = getline(&d->line, &d->cap, d->f);
        if (len < 0)
            return errno ? errno : ENOENT;
        if (len > 0 && d->line[len - 1] == '\n')
            d->line[--len] = '\0';
        int got = 0;
        char *s = d->line;
        field[got++] = s;
        for (; *s && got <= n; s++)
            if (*s == ':') {
                *s = '\0';
                if (got < n)
                    field[got] = s + 1;
                got++;
            }
        if (got == n && d->line[0] != '\0')
            return 0;
    }
}

/* A uid or gid field: all digits, below 2^32 - 1 (which is "no id"). */
static bool db_id(const char *s, unsigned long *out) {
    if (*s < '0' || *s > '9')
        return false;
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end || v >= 0xffffffffUL)
        return false;
    *out = v;
    return true;
}

/* Copies of strings into the caller's buffer, failing with ERANGE. */
typedef struct Pack {
    char *at;
    size_t left;
} Pack;

static char *pack_str(Pack *p, const char *s) {
    size_t n = strlen(s) + 1;
    if (n > p->left)
        return NULL;
    char *d = memcpy(p->at, s, n);
    p->at += n;
    p->left -= n;
    return d;
}

/* The ids of a passwd line (false: the line does not parse). */
static bool pw_fill(char **f, struct passwd *pw) {
    unsigned long uid, gid;
    if (!db_id(f[2], &uid) || !db_id(f[3], &gid))
        return false;
    pw->pw_uid = (uid_t)uid;
    pw->pw_gid = (gid_t)gid;
    return true;
}

static int pw_pack(char **f, struct passwd *pw, Pack *p) {
    if (!(pw->pw_name = pack_str(p, f[0])) || !(pw->pw_passwd = pack_str(p, f[1])) ||
        !(pw->pw_gecos = pack_str(p, f[4])) || !(pw->pw_dir = pack_str(p, f[5])) ||
        !(pw->pw_shell = pack_str(p, f[6])))
        return ERANGE;
    return 0;
}

/* The passwd entry named `name` (or with uid `uid` when name is NULL). */
static int pw_find(const char *name, uid_t uid, struct passwd *pw, char *buf, size_t size,
                   struct passwd **result) {
    if (!pw || !buf || !result)
        return EINVAL;
    *result = NULL;
    DbFile d = {0};
    int saved = errno, e = db_open(&d, "/etc/passwd");
    char *f[PASSWD_FIELDS];
    while (e == 0 && (e = db_next(&d, PASSWD_FIELDS, f)) == 0) {
        if (!pw_fill(f, pw) || (name ? strcmp(f[0], name) != 0 : pw->pw_uid != uid))
            continue;
        Pack p = {buf, size};
        if ((e = pw_pack(f, pw, &p)) == 0)
            *result = pw;
        break;
    }
    db_close(&d);
    errno = saved;
    return e == ENOENT ? 0 : e;
}

static bool gr_fill(char **f, struct group *gr) {
    unsigned long gid;
    if (!db_id(f[2], &gid))
        return false;
    gr->gr_gid = (gid_t)gid;
    return true;
}

/* The strings, then the member list (pointers into the same buffer,
 * aligned, NULL-terminated). */
static int gr_pack(char **f, struct group *gr, Pack *p) {
    if (!(gr->gr_name = pack_str(p, f[0])) || !(gr->gr_passwd = pack_str(p, f[1])))
        return ERANGE;
    char *mem = pack_str(p, f[3]);
    if (!mem)
        return ERANGE;
    size_t n = 0;
    for (const char *s = mem; *s; s++)
        n += *s == ',';
    n += *mem != '\0';
    size_t pad = (sizeof(char *) - (uintptr_t)p->at % sizeof(char *)) % sizeof(char *);
    if (pad > p->left || (n + 1) > (p->left - pad) / sizeof(char *))
        return ERANGE;
    char **list = (char **)(void *)(p->at + pad);
    size_t i = 0;
    for (char *s = mem; *mem && s;) {
        list[i++] = s;
        s = strchr(s, ',');
        if (s)
            *s++ = '\0';
    }
    list[i] = NULL;
    gr->gr_mem = list;
    return 0;
}

static int gr_find(const char *name, gid_t gid, struct group *gr, char *buf, size_t size,
                   struct group **result) {
    if (!gr || !buf || !result)
        return EINVAL;
    *result = NULL;
    DbFile d = {0};
    int saved = errno, e = db_open(&d, "/etc/group");
    char *f[GROUP_FIELDS];
    while (e == 0 && (e = db_next(&d, GROUP_FIELDS, f)) == 0) {
        if (!gr_fill(f, gr) || (name ? strcmp(f[0], name) != 0 : gr->gr_gid != gid))
            continue;
        Pack p = {buf, size};
        if ((e = gr_pack(f, gr, &p)) == 0)
            *result = gr;
        break;
    }
    db_close(&d);
    errno = saved;
    return e == ENOENT ? 0 : e;
}

int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t size,
               struct passwd **result) {
    if (!name) {
        if (result)
            *result = NULL;
        return EINVAL;
    }
    return pw_find(name, 0, pw, buf, size, result);
}

int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t size, struct passwd **result) {
    return pw_find(NULL, uid, pw, buf, size, result);
}

int getgrnam_r(const char *name, struct group *gr, char *buf, size_t size,
               struct group **result) {
    if (!name) {
        if (result)
            *result = NULL;
        return EINVAL;
    }
    return gr_find(name, 0, gr, buf, size, result);
}

int getgrgid_r(gid_t gid, struct group *gr, char *buf, size_t size, struct group **result) {
    return gr_find(NULL, gid, gr, buf, size, result);
}

/* ---- the plain forms: this process's storage, grown until the entry
 * fits ---- */

static struct passwd pw_static;
static struct group gr_static;
static char *db_buf;
static size_t db_buf_size;

/* Call find with a growing buffer: the entry, or NULL with errno set
 * (untouched when there is none). */
#define DB_PLAIN(call)                                                                             \
    do {                                                                                           \
        for (;;) {                                                                                 \
            if (!db_buf) {                                                                         \
                db_buf_size = 1024;                                                                \
                if (!(db_buf = malloc(db_buf_size)))                                               \
                    return NULL;                                                                   \
            }                                                                                      \
            int e_ = (call);                                                                       \
            if (e_ == 0)                                                                           \
                return res;                                                                        \
            if (e_ != ERANGE || db_buf_size >= (1u << 20)) {                                       \
                errno = e_;                                                                        \
                return NULL;                                                                       \
            }                                                                                      \
            char *bigger = realloc(db_buf, db_buf_size * 2);                                       \
            if (!bigger)                                                                           \
                return NULL;                                                                       \
            db_buf = bigger;                                                                       \
            db_buf_size *= 2;                                                                      \
        }                                                                                          \
    } while (0)

struct passwd *getpwnam(const char *name) {
    struct passwd *res;
    if (!name) {
        errno = EINVAL;
        return NULL;
    }
    DB_PLAIN(pw_find(name, 0, &pw_static, db_buf, db_buf_size, &res));
}

struct passwd *getpwuid(uid_t uid) {
    struct passwd *res;
    DB_PLAIN(pw_find(NULL, uid, &pw_static, db_buf, db_buf_size, &res));
}

struct group *getgrnam(const char *name) {
    struct group *res;
    if (!name) {
        errno = EINVAL;
        return NULL;
    }
    DB_PLAIN(gr_find(name, 0, &gr_static, db_buf, db_buf_size, &res));
}

struct group *getgrgid(gid_t gid) {
    struct group *res;
    DB_PLAIN(gr_find(NULL, gid, &gr_static, db_buf, db_buf_size, &res));
}

/* ---- walks ---- */

void setpwent(void) { db_close(&pw_walk); }
void endpwent(void) { db_close(&pw_walk); }
void setgrent(void) { db_close(&gr_walk); }
void endgrent(void) { db_close(&gr_walk); }

struct passwd *getpwent(void) {
    char *f[PASSWD_FIELDS];
    int saved = errno, e;
    if ((e = db_open(&pw_walk, "/etc/passwd")) != 0) {
        errno = e;
        return NULL;
    }
    while ((e = db_next(&pw_walk, PASSWD_FIELDS, f)) == 0) {
        if (!pw_fill(f, &pw_static))
            continue;
        /* the line itself is the storage: the fields point into it */
        pw_static.pw_name = f[0];
        pw_static.pw_passwd = f[1];
        pw_static.pw_gecos = f[4];
        pw_static.pw_dir = f[5];
        pw_static.pw_shell = f[6];
        errno = saved;
        return &pw_static;
    }
    errno = e == ENOENT ? saved : e;
    return NULL;
}

struct group *getgrent(void) {
    char *f[GROUP_FIELDS];
    int saved = errno, e;
    if ((e = db_open(&gr_walk, "/etc/group")) != 0) {
        errno = e;
        return NULL;
    }
    while ((e = db_next(&gr_walk, GROUP_FIELDS, f)) == 0) {
        if (!gr_fill(f, &gr_static))
            continue;
        for (;;) {
            if (!db_buf && !(db_buf = malloc(db_buf_size = 1024)))
                return NULL;
            Pack p = {db_buf, db_buf_size};
            if ((e = gr_pack(f, &gr_static, &p)) == 0) {
                errno = saved;
                return &gr_static;
            }
            char *bigger = db_buf_size < (1u << 20) ? realloc(db_buf, db_buf_size * 2) : NULL;
            if (!bigger) {
                errno = ERANGE;
                return NULL;
            }
            db_buf = bigger;
            db_buf_size *= 2;
        }
    }
    errno = e == ENOENT ? saved : e;
    return NULL;
}

/* ---- getlogin: the account of the process's real user (axos has no
 * utmp; a session is its user's). ENXIO when that uid has no entry. ---- */

int getlogin_r(char *buf, size_t size) {
    struct passwd pw, *res;
    char tmp[1024];
    int e = getpwuid_r(getuid(), &pw, tmp, sizeof tmp, &res);
    if (e)
        return e;
    if (!res)
        return ENXIO;
    size_t n = strlen(pw.pw_name) + 1;
    if (!buf || n > size)
        return ERANGE;
    memcpy(buf, pw.pw_name, n);
    return 0;
}

char *getlogin(void) {
    static char name[256];
    int e = getlogin_r(name, sizeof name);
    if (e) {
        errno = e;
        return NULL;
    }
    return name;
}
