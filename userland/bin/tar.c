/* tar -c|-x|-t [-vz] [-f ARCHIVE] [-C DIR] [FILE]...: create, extract or
 * list a POSIX ustar archive (XCU pax, "ustar Interchange Format") that
 * GNU tar reads, and read GNU tar's (its 'L' long names and pax 'x'
 * headers too). Directories, regular files, FIFOs, symbolic links (type
 * 2) and hard links (type 1: a second name of a file already stored) are
 * stored with their mode, owner and modification time; -h stores what
 * links lead to instead; -z goes through gzip (zlib). Member names lose a
 * leading '/', and members with a ".." component (hard links whose target
 * has one too) are not extracted. As GNU tar protects an extraction from
 * its own archive, symbolic links are made last, each from a placeholder
 * file, so no member is written through a link the archive made.
 * Exit status: 0, 2 on any error (GNU tar's). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zstream.h"

#define BLK 512
#define RECORD (20 * BLK) /* GNU tar pads the archive to whole records */

/* A file stored once (create: its later names become hard links). */
typedef struct TarInode {
    uint64_t dev, ino;
    char *name;
} TarInode;

/* A symbolic link extracted as a placeholder, made at the end. */
typedef struct TarDelayed {
    char *name, *target;
    uint64_t ino; /* the placeholder's: replaced only if still there */
} TarDelayed;

typedef struct Tar {
    int fd;
    bool own_fd;
    ZStream *z;
    bool verbose, gzip;
    int status;
    uint64_t written;
    bool warned_abs;
    UAccounts acc;
    char **members;
    bool *found;
    int nmembers;
    UStream *vout; /* where -v goes: stdout, or stderr when the archive is */
    bool deref;    /* -h: store what links lead to */
    TarInode *inodes;
    size_t ninodes, inodes_cap;
    TarDelayed *delayed;
    size_t ndelayed, delayed_cap;
} Tar;

static void tar_error(Tar *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tar_error(Tar *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char msg[600];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    u_eprintf("tar: %s\n", msg);
    t->status = 2;
}

static int tar_put(Tar *t, const void *buf, size_t n)
{
    t->written += n;
    return t->z ? zs_write(t->z, buf, n) : u_write_all(t->fd, buf, n);
}

/* Read exactly n bytes (fewer only at the end): the count, or -AX_* */
static int64_t tar_get(Tar *t, void *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        int64_t r;
        if (t->z) {
            const char *why;
            r = zs_read(t->z, (char *)buf + got, n - got, &why);
            if (r < 0 && why) {
                u_eprintf("gzip: stdin: %s\n", why);
                return r;
            }
        } else {
            SyscallResult sr = sys_read(t->fd, (char *)buf + got, n - got);
            if (sr.error == AX_EINTR)
                continue;
            r = sr.error != AX_OK ? -(int64_t)sr.error : sr.value;
        }
        if (r < 0)
            return r;
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (int64_t)got;
}

/* ---- headers ---- */

static void octal(char *field, size_t width, uint64_t v)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%0*llo", (int)width - 1, (unsigned long long)v);
    memcpy(field, tmp, width - 1);
    field[width - 1] = '\0';
}

static uint64_t parse_octal(const char *field, size_t width)
{
    uint64_t v = 0;
    size_t i = 0;
    while (i < width && (field[i] == ' ' || field[i] == '\0'))
        i++;
    for (; i < width && field[i] >= '0' && field[i] <= '7'; i++)
        v = v * 8 + (uint64_t)(field[i] - '0');
    return v;
}

static unsigned header_sum(const unsigned char *h)
{
    unsigned sum = 0;
    for (int i = 0; i < BLK; i++)
        sum += i >= 148 && i < 156 ? ' ' : h[i];
    return sum;
}

static int64_t wall_seconds(int64_t kernel_ns)
{
    return (kernel_ns + u_boot_realtime()) / 1000000000;
}

/* Write the header for name (link: the linkname of a type 1 or 2 member,
 * else NULL): 0, or 1 when a name does not fit. */
static int put_header(Tar *t, const char *name, const FileStat *st, char type, uint64_t size,
                      const char *link)
{
    unsigned char h[BLK] = {0};
    size_t len = strlen(name);
    if (link && strlen(link) > 100) {
        tar_error(t, "%s: link name is too long (max 100); not dumped", name);
        return 1;
    }
    if (len <= 100) {
        memcpy(h, name, len);
    } else {
        /* split at a '/' into prefix (155) and name (100) */
        size_t cut = len - 1;
        while (cut > 0 && !(name[cut] == '/' && cut <= 155 && len - cut - 1 <= 100))
            cut--;
        if (cut == 0 || len - cut - 1 == 0) {
            tar_error(t, "%s: file name is too long (max 255); not dumped", name);
            return 1;
        }
        memcpy(h + 345, name, cut);
        memcpy(h, name + cut + 1, len - cut - 1);
    }
    octal((char *)h + 100, 8, st->mode & 07777);
    octal((char *)h + 108, 8, st->uid);
    octal((char *)h + 116, 8, st->gid);
    octal((char *)h + 124, 12, size);
    int64_t mt = wall_seconds((int64_t)st->mtime_ns);
    octal((char *)h + 136, 12, mt > 0 ? (uint64_t)mt : 0);
    h[156] = (unsigned char)type;
    if (link)
        memcpy(h + 157, link, strlen(link));
    memcpy(h + 257, "ustar", 6);
    memcpy(h + 263, "00", 2);
    char ub[12], gb[12];
    const char *un = u_account_name(&t->acc, true, st->uid, ub);
    const char *gn = u_account_name(&t->acc, false, st->gid, gb);
    strncpy((char *)h + 265, un, 31);
    strncpy((char *)h + 297, gn, 31);
    octal((char *)h + 329, 8, 0);
    octal((char *)h + 337, 8, 0);
    char sum[8];
    snprintf(sum, sizeof sum, "%06o", header_sum(h));
    memcpy(h + 148, sum, 7); /* six digits, a NUL, and the space left */
    return tar_put(t, h, BLK) < 0;
}

/* ---- create ---- */

static void add_path(Tar *t, const char *path, const char *name);

static void add_file_data(Tar *t, const char *path, const char *name, const FileStat *st)
{
    SyscallResult r = sys_open(path, AX_O_RDONLY, 0);
    if (r.error != AX_OK) {
        tar_error(t, "%s: Cannot open: %s", path, sys_strerror(r.error));
        return;
    }
    int fd = (int)r.value;
    if (put_header(t, name, st, '0', st->size, NULL)) {
        sys_close(fd);
        return;
    }
    char *buf = xmalloc(65536);
    uint64_t left = st->size;
    while (left > 0) {
        size_t want = left > 65536 ? 65536 : (size_t)left;
        r = sys_read(fd, buf, want);
        if (r.error == AX_EINTR)
            continue;
        if (r.error != AX_OK || r.value == 0) {
            /* shrank or failed: pad with zeros so the archive stays whole */
            tar_error(t, "%s: File shrank by %llu bytes; padding with zeros", path,
                      (unsigned long long)left);
            memset(buf, 0, want);
            r.value = (int64_t)want;
        }
        tar_put(t, buf, (size_t)r.value);
        left -= (uint64_t)r.value;
    }
    size_t pad = (size_t)((BLK - st->size % BLK) % BLK);
    memset(buf, 0, BLK);
    tar_put(t, buf, pad);
    xfree(buf);
    sys_close(fd);
}

/* A file with more names than one: the member name it was first stored
 * under, or NULL (and it is noted as stored under name now). */
static const char *stored_as(Tar *t, const FileStat *st, const char *name)
{
    for (size_t i = 0; i < t->ninodes; i++)
        if (t->inodes[i].dev == st->dev && t->inodes[i].ino == st->ino)
            return t->inodes[i].name;
    if (t->ninodes == t->inodes_cap) {
        t->inodes_cap = t->inodes_cap ? 2 * t->inodes_cap : 16;
        t->inodes = xrealloc(t->inodes, t->inodes_cap * sizeof *t->inodes);
    }
    t->inodes[t->ninodes++] = (TarInode){st->dev, st->ino, xstrdup(name)};
    return NULL;
}

static void add_link(Tar *t, const char *path, const char *name, const FileStat *st)
{
    char target[AX_PATH_MAX];
    SyscallResult r = sys_readlink(path, target, sizeof target - 1);
    if (r.error != AX_OK) {
        tar_error(t, "%s: Cannot readlink: %s", path, sys_strerror(r.error));
        return;
    }
    target[r.value] = '\0';
    put_header(t, name, st, '2', 0, target);
}

static void add_path(Tar *t, const char *path, const char *name)
{
    FileStat st;
    SyscallResult r = t->deref ? sys_stat(path, &st) : sys_lstat(path, &st);
    if (r.error != AX_OK) {
        tar_error(t, "%s: Cannot stat: %s", path, sys_strerror(r.error));
        return;
    }
    if (t->verbose) {
        u_fprintf(t->vout, "%s%s\n", name, AX_S_ISDIR(st.mode) && name[strlen(name) - 1] != '/' ? "/" : "");
    }
    if (AX_S_ISDIR(st.mode)) {
        char *dname = xmalloc(strlen(name) + 2);
        strcpy(dname, name);
        if (dname[0] && dname[strlen(dname) - 1] != '/')
            strcat(dname, "/");
        if (put_header(t, dname, &st, '5', 0, NULL)) {
            xfree(dname);
            return;
        }
        UDirEnt *ents;
        int64_t n = u_dir_read(path, &ents);
        if (n < 0) {
            tar_error(t, "%s: Cannot open: %s", path, sys_strerror((SyscallError)-n));
            xfree(dname);
            return;
        }
        for (int64_t i = 0; i < n; i++) {
            char *cp = u_path_join(path, ents[i].name);
            char *cn = u_path_join(dname, ents[i].name);
            add_path(t, cp, cn);
            xfree(cp);
            xfree(cn);
        }
        u_dir_free(ents, (size_t)n);
        xfree(dname);
    } else if (AX_S_ISLNK(st.mode)) {
        add_link(t, path, name, &st);
    } else if (AX_S_ISREG(st.mode)) {
        const char *first = st.nlink > 1 ? stored_as(t, &st, name) : NULL;
        if (first)
            put_header(t, name, &st, '1', 0, first);
        else
            add_file_data(t, path, name, &st);
    } else if (AX_S_ISFIFO(st.mode)) {
        put_header(t, name, &st, '6', 0, NULL);
    } else {
        tar_error(t, "%s: %s ignored", path, AX_S_ISSOCK(st.mode) ? "socket" : "file type");
    }
}

static void tar_create(Tar *t, int argc, char **argv, int first)
{
    for (int i = first; i < argc; i++) {
        const char *name = argv[i];
        while (name[0] == '/' && name[1]) {
            name++;
            if (!t->warned_abs) {
                u_eprintf("tar: Removing leading '/' from member names\n");
                t->warned_abs = true;
            }
        }
        add_path(t, argv[i], name);
    }
    char zero[BLK] = {0};
    tar_put(t, zero, BLK);
    tar_put(t, zero, BLK);
    while (t->written % RECORD)
        tar_put(t, zero, BLK);
}

/* ---- extract and list ---- */

static bool wanted(Tar *t, const char *name)
{
    if (t->nmembers == 0)
        return true;
    for (int i = 0; i < t->nmembers; i++) {
        const char *m = t->members[i];
        size_t ml = strlen(m);
        while (ml > 1 && m[ml - 1] == '/')
            ml--;
        if (strncmp(name, m, ml) == 0 && (name[ml] == '\0' || name[ml] == '/')) {
            t->found[i] = true;
            return true;
        }
    }
    return false;
}

static bool has_dotdot(const char *name)
{
    for (const char *p = name; *p;) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return true;
        if (!e)
            break;
        p = e + 1;
    }
    return false;
}

/* mkdir -p of path's parents (or of path itself when self) */
static void make_dirs(const char *path, bool self)
{
    char *p = xstrdup(path);
    size_t n = strlen(p);
    for (size_t i = 1; i <= n; i++) {
        if (p[i] == '/' || (self && p[i] == '\0')) {
            char c = p[i];
            p[i] = '\0';
            sys_mkdir(p, 0777);
            p[i] = c;
        }
    }
    xfree(p);
}

static void list_long(Tar *t, const unsigned char *h, const char *name, uint64_t size,
                      uint32_t mode, char type)
{
    char modes[11];
    uint32_t ftype = type == '5' ? AX_S_IFDIR : type == '6' ? AX_S_IFIFO
                   : type == '2' ? AX_S_IFLNK : AX_S_IFREG;
    u_mode_string(ftype | mode, modes);
    if (type == '1')
        modes[0] = 'h'; /* GNU tar's mark of a hard link */
    char user[40], group[40];
    snprintf(user, sizeof user, "%.32s", (const char *)h + 265);
    snprintf(group, sizeof group, "%.32s", (const char *)h + 297);
    if (!user[0])
        snprintf(user, sizeof user, "%llu", (unsigned long long)parse_octal((const char *)h + 108, 8));
    if (!group[0])
        snprintf(group, sizeof group, "%llu", (unsigned long long)parse_octal((const char *)h + 116, 8));
    char sz[24];
    snprintf(sz, sizeof sz, "%llu", (unsigned long long)size);
    /* GNU tar: user/group, the size right-aligned, 19 columns at least */
    int width = 19;
    int pad = (int)(strlen(user) + 1 + strlen(group) + 1 + strlen(sz));
    if (pad > width)
        width = pad;
    UTm tm;
    u_gmtime((int64_t)parse_octal((const char *)h + 136, 12) * 1000000000, &tm);
    u_printf("%s %s/%s %*s %04d-%02d-%02d %02d:%02d %s", modes, user, group,
             width - pad + (int)strlen(sz), sz, tm.year, tm.mon + 1, tm.mday, tm.hour, tm.min, name);
    if (type == '2')
        u_printf(" -> %.100s", (const char *)h + 157);
    else if (type == '1')
        u_printf(" link to %.100s", (const char *)h + 157);
    u_printf("\n");
}

static int skip_data(Tar *t, uint64_t size)
{
    char buf[BLK];
    uint64_t blocks = (size + BLK - 1) / BLK;
    for (uint64_t i = 0; i < blocks; i++)
        if (tar_get(t, buf, BLK) != BLK)
            return -1;
    return 0;
}

static int extract_file(Tar *t, const char *name, uint64_t size, uint32_t mode, int64_t mtime)
{
    make_dirs(name, false);
    sys_unlink(name);
    SyscallResult r = sys_open(name, AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, mode & 07777);
    int fd = r.error == AX_OK ? (int)r.value : -1;
    if (fd < 0)
        tar_error(t, "%s: Cannot open: %s", name, sys_strerror(r.error));
    char buf[BLK];
    uint64_t left = size;
    while (left > 0) {
        if (tar_get(t, buf, BLK) != BLK)
            return -1;
        size_t n = left < BLK ? (size_t)left : BLK;
        if (fd >= 0 && u_write_all(fd, buf, n) < 0) {
            tar_error(t, "%s: Cannot write", name);
            sys_close(fd);
            fd = -1;
        }
        left -= n;
    }
    if (fd >= 0) {
        int64_t ns = mtime * 1000000000 - u_boot_realtime();
        int64_t times[2] = {ns, ns};
        sys_futimens(fd, times);
        sys_fchmod(fd, mode & 07777);
        sys_close(fd);
    }
    return 0;
}

/* A symbolic link is extracted as an empty placeholder file, made a link
 * once every member is out (make_delayed): a later member of the same
 * archive cannot be written through it, as GNU tar's delayed links. */
static void extract_symlink(Tar *t, const char *name, const char *target)
{
    make_dirs(name, false);
    sys_unlink(name);
    SyscallResult r = sys_open(name, AX_O_WRONLY | AX_O_CREAT | AX_O_EXCL, 0);
    FileStat st;
    if (r.error != AX_OK || sys_fstat((int)r.value, &st).error != AX_OK) {
        tar_error(t, "%s: Cannot create symlink to '%s': %s", name, target,
                  sys_strerror(r.error != AX_OK ? r.error : AX_EIO));
        if (r.error == AX_OK)
            sys_close((int)r.value);
        return;
    }
    sys_close((int)r.value);
    if (t->ndelayed == t->delayed_cap) {
        t->delayed_cap = t->delayed_cap ? 2 * t->delayed_cap : 8;
        t->delayed = xrealloc(t->delayed, t->delayed_cap * sizeof *t->delayed);
    }
    t->delayed[t->ndelayed++] = (TarDelayed){xstrdup(name), xstrdup(target), st.ino};
}

static void make_delayed(Tar *t)
{
    for (size_t i = 0; i < t->ndelayed; i++) {
        TarDelayed *d = &t->delayed[i];
        FileStat st;
        /* only a placeholder still in place is replaced */
        if (sys_lstat(d->name, &st).error == AX_OK && AX_S_ISREG(st.mode) && st.ino == d->ino &&
            st.size == 0) {
            sys_unlink(d->name);
            SyscallResult r = sys_symlink(d->target, d->name);
            if (r.error != AX_OK)
                tar_error(t, "%s: Cannot create symlink to '%s': %s", d->name, d->target,
                          sys_strerror(r.error));
        }
        xfree(d->name);
        xfree(d->target);
    }
    xfree(t->delayed);
    t->delayed = NULL;
    t->ndelayed = t->delayed_cap = 0;
}

/* A hard link names an earlier member: one with a ".." would reach
 * outside the extraction, and is refused as such a member is. */
static void extract_hardlink(Tar *t, const char *name, const char *target)
{
    while (target[0] == '/' && target[1])
        target++;
    if (has_dotdot(target)) {
        tar_error(t, "%s: Cannot hard link to '%s': Member name contains '..'", name, target);
        return;
    }
    make_dirs(name, false);
    sys_unlink(name);
    SyscallResult r = sys_link(target, name);
    if (r.error != AX_OK)
        tar_error(t, "%s: Cannot hard link to '%s': %s", name, target, sys_strerror(r.error));
}

static void tar_read(Tar *t, bool extract)
{
    unsigned char h[BLK];
    char *long_name = NULL;
    bool any = false;
    for (;;) {
        int64_t n = tar_get(t, h, BLK);
        if (n == 0 && any)
            break; /* GNU tar accepts an archive without the end blocks */
        if (n != BLK) {
            if (n >= 0)
                tar_error(t, !any ? "This does not look like a tar archive"
                                  : "Unexpected EOF in archive");
            else if (n != -AX_EIO)
                tar_error(t, "Read error: %s", sys_strerror((SyscallError)-n));
            else
                t->status = 2;
            break;
        }
        bool zero = true;
        for (int i = 0; i < BLK && zero; i++)
            zero = h[i] == 0;
        if (zero)
            break;
        if (parse_octal((char *)h + 148, 8) != header_sum(h)) {
            tar_error(t, any ? "Skipping to next header" : "This does not look like a tar archive");
            break;
        }
        any = true;
        char type = (char)h[156];
        uint64_t size = parse_octal((char *)h + 124, 12);
        if (type == 'L' || type == 'x' || type == 'g') {
            /* GNU long name / pax extended header: the data names the next member */
            if (size > 65536) {
                tar_error(t, "Extended header too big");
                break;
            }
            char *data = xmalloc((size_t)((size + BLK) / BLK * BLK) + 1);
            if (tar_get(t, data, (size_t)((size + BLK - 1) / BLK * BLK)) < 0) {
                xfree(data);
                break;
            }
            data[size] = '\0';
            if (type == 'L') {
                xfree(long_name);
                long_name = xstrdup(data);
            } else if (type == 'x') {
                for (char *p = data; p < data + size;) {
                    char *sp = strchr(p, ' ');
                    long reclen = strtol(p, NULL, 10);
                    if (!sp || reclen <= 0 || p + reclen > data + size)
                        break;
                    if (strncmp(sp + 1, "path=", 5) == 0) {
                        xfree(long_name);
                        long_name = xstrndup(sp + 6, (size_t)(p + reclen - 1 - (sp + 6)));
                    }
                    p += reclen;
                }
            }
            xfree(data);
            continue;
        }
        char name[260];
        if (long_name) {
            snprintf(name, sizeof name, "%s", long_name);
            xfree(long_name);
            long_name = NULL;
        } else if (h[345] && memcmp(h + 257, "ustar", 5) == 0) {
            snprintf(name, sizeof name, "%.155s/%.100s", (char *)h + 345, (char *)h);
        } else {
            snprintf(name, sizeof name, "%.100s", (char *)h);
        }
        const char *mname = name;
        while (mname[0] == '/' && mname[1])
            mname++;
        uint32_t mode = (uint32_t)parse_octal((char *)h + 100, 8);
        bool has_data = type == '0' || type == '\0' || type == '7';
        if (!wanted(t, mname)) {
            if (has_data && skip_data(t, size) < 0)
                break;
            continue;
        }
        if (!extract) {
            if (t->verbose)
                list_long(t, h, mname, has_data ? size : 0, mode, type);
            else
                u_printf("%s\n", mname);
            if (has_data && skip_data(t, size) < 0)
                break;
            continue;
        }
        if (t->verbose)
            u_fprintf(t->vout, "%s\n", mname);
        if (has_dotdot(mname)) {
            tar_error(t, "%s: Member name contains '..'", mname);
            if (has_data && skip_data(t, size) < 0)
                break;
            continue;
        }
        int64_t mtime = (int64_t)parse_octal((char *)h + 136, 12);
        if (type == '5') {
            make_dirs(mname, true);
            sys_chmod(mname, mode & 07777);
        } else if (has_data) {
            if (extract_file(t, mname, size, mode, mtime) < 0) {
                tar_error(t, "Unexpected EOF in archive");
                break;
            }
        } else if (type == '6') {
            make_dirs(mname, false);
            sys_mkfifo(mname, mode & 07777);
        } else if (type == '2') {
            char target[101];
            snprintf(target, sizeof target, "%.100s", (const char *)h + 157);
            extract_symlink(t, mname, target);
        } else if (type == '1') {
            char target[101];
            snprintf(target, sizeof target, "%.100s", (const char *)h + 157);
            extract_hardlink(t, mname, target);
        } else {
            tar_error(t, "%s: Unknown file type '%c', extracted as normal file", mname, type);
        }
    }
    xfree(long_name);
    if (extract)
        make_delayed(t);
    for (int i = 0; i < t->nmembers; i++)
        if (!t->found[i])
            tar_error(t, "%s: Not found in archive", t->members[i]);
}

static const ULongOpt tar_longopts[] = {
    {"create", U_NO_ARG, 'c'}, {"extract", U_NO_ARG, 'x'}, {"get", U_NO_ARG, 'x'},
    {"list", U_NO_ARG, 't'}, {"file", U_REQ_ARG, 'f'}, {"verbose", U_NO_ARG, 'v'},
    {"directory", U_REQ_ARG, 'C'}, {"gzip", U_NO_ARG, 'z'}, {"gunzip", U_NO_ARG, 'z'},
    {"dereference", U_NO_ARG, 'h'},
    {NULL, 0, 0},
};

int tar_main(int argc, char **argv)
{
    /* the old form: "tar cvf ARCHIVE ..." with no dash on the first word */
    char **args = argv;
    if (argc > 1 && argv[1][0] != '-') {
        args = xcalloc((size_t)argc + 1, sizeof *args);
        memcpy(args, argv, (size_t)argc * sizeof *args);
        args[1] = xmalloc(strlen(argv[1]) + 2);
        args[1][0] = '-';
        strcpy(args[1] + 1, argv[1]);
    }
    Tar t = {.fd = -1};
    char mode = 0;
    const char *archive = "-", *dir = NULL;
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, args, "cxtf:vC:zh", tar_longopts)) != -1) {
        switch (c) {
        case 'c': case 'x': case 't':
            if (mode && mode != c) {
                u_usage_error("tar", "You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option");
                return 2;
            }
            mode = (char)c;
            break;
        case 'f': archive = g.arg; break;
        case 'v': t.verbose = true; break;
        case 'C': dir = g.arg; break;
        case 'z': t.gzip = true; break;
        case 'h': t.deref = true; break;
        default: return 2;
        }
    }
    if (!mode) {
        u_usage_error("tar", "You must specify one of the '-Acdtrux', '--delete' or '--test-label' options");
        return 2;
    }
    if (mode == 'c' && g.ind >= argc) {
        u_eprintf("tar: Cowardly refusing to create an empty archive\n");
        u_eprintf("Try 'tar --help' for more information.\n");
        return 2;
    }
    bool is_std = strcmp(archive, "-") == 0;
    if (is_std) {
        t.fd = mode == 'c' ? 1 : 0;
        if (mode == 'c' && u_isatty(1)) {
            u_eprintf("tar: Refusing to write archive contents to terminal (missing -f option?)\n");
            u_eprintf("tar: Error is not recoverable: exiting now\n");
            return 2;
        }
    } else {
        SyscallResult r = mode == 'c' ? sys_open(archive, AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, 0666)
                                      : sys_open(archive, AX_O_RDONLY, 0);
        if (r.error != AX_OK) {
            u_eprintf("tar: %s: Cannot open: %s\n", archive, sys_strerror(r.error));
            u_eprintf("tar: Error is not recoverable: exiting now\n");
            return 2;
        }
        t.fd = (int)r.value;
        t.own_fd = true;
    }
    t.vout = is_std && mode == 'c' ? u_stderr() : u_stdout();
    if (t.gzip) {
        SyscallError err = AX_OK;
        t.z = mode == 'c' ? zs_writer(t.fd, 6, &err) : zs_reader(t.fd, &err);
        if (!t.z) {
            u_eprintf("tar: gzip: %s\n", sys_strerror(err));
            return 2;
        }
    }
    if (dir) {
        SyscallResult r = sys_chdir(dir);
        if (r.error != AX_OK) {
            u_eprintf("tar: %s: Cannot open: %s\n", dir, sys_strerror(r.error));
            u_eprintf("tar: Error is not recoverable: exiting now\n");
            return 2;
        }
    }
    u_accounts_load(&t.acc);
    if (mode == 'c') {
        tar_create(&t, argc, args, g.ind);
    } else {
        t.members = args + g.ind;
        t.nmembers = argc - g.ind;
        t.found = xcalloc((size_t)t.nmembers + 1, sizeof *t.found);
        tar_read(&t, mode == 'x');
        xfree(t.found);
    }
    if (t.z && zs_close(t.z) < 0 && mode == 'c')
        t.status = 2;
    if (t.own_fd)
        sys_close(t.fd);
    u_accounts_free(&t.acc);
    for (size_t i = 0; i < t.ninodes; i++)
        xfree(t.inodes[i].name);
    xfree(t.inodes);
    u_fflush(NULL);
    if (t.status)
        u_eprintf("tar: Exiting with failure status due to previous errors\n");
    return t.status;
}
