/* The *at calls relative to a real directory fd, fchdir and fdopendir,
 * through the layer, compared with the host: what each call did (sizes,
 * types, link counts, names) and its errors, never an inode or an id.
 * Runs in an empty scratch directory on both sides. */
#define _GNU_SOURCE /* AT_EMPTY_PATH */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void show(const char *what, long r) {
    if (r < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: %ld\n", what, r);
}

static char type_of(mode_t m) {
    return S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISFIFO(m) ? 'p' : S_ISREG(m) ? 'f' : '?';
}

/* fstatat's answer as type, size and link count */
static void st_at(const char *what, int dirfd, const char *path, int flags) {
    struct stat st;
    if (fstatat(dirfd, path, &st, flags) < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else if (S_ISDIR(st.st_mode))
        printf("%s: d\n", what);
    else
        printf("%s: %c size %lld nlink %lu mode %04o\n", what, type_of(st.st_mode),
               (long long)st.st_size, (unsigned long)st.st_nlink, (unsigned)st.st_mode & 07777);
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in the directory open at fd, sorted (fdopendir takes fd). */
static void list(const char *what, int fd) {
    DIR *d = fdopendir(fd);
    if (!d) {
        printf("%s: -1 %s\n", what, strerror(errno));
        return;
    }
    char *names[64];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64)
        names[n++] = strdup(e->d_name);
    qsort(names, n, sizeof *names, by_name);
    printf("%s:", what);
    for (size_t i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
    closedir(d);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    umask(022);
    show("mkdir d", mkdir("d", 0755));
    show("mkdir cwd", mkdir("cwd", 0755));
    int d = open("d", O_RDONLY | O_DIRECTORY);
    show("open d", d >= 0 ? 0 : -1);
    show("chdir cwd", chdir("cwd"));

    /* every call relative to d, not to the cwd */
    int fd = openat(d, "f", O_WRONLY | O_CREAT | O_EXCL, 0640);
    show("openat create", fd >= 0 ? 0 : -1);
    show("write", write(fd, "hello", 5));
    show("close", close(fd));
    show("access cwd/f", access("f", F_OK));
    st_at("fstatat f", d, "f", 0);
    show("mkdirat sub", mkdirat(d, "sub", 0700));
    st_at("fstatat sub", d, "sub", 0);
    show("mkfifoat", mkfifoat(d, "fifo", 0600));
    st_at("fstatat fifo", d, "fifo", 0);
    show("mknodat regular", mknodat(d, "plain", S_IFREG | 0600, 0));
    st_at("fstatat plain", d, "plain", 0);
    show("mknodat dir", mknodat(d, "nod", S_IFDIR | 0700, 0));
    show("symlinkat", symlinkat("f", d, "lnk"));
    char buf[64];
    ssize_t n = readlinkat(d, "lnk", buf, sizeof buf);
    show("readlinkat", n);
    if (n > 0)
        printf("target: %.*s\n", (int)n, buf);
    st_at("fstatat lnk", d, "lnk", 0);
    st_at("fstatat lnk nofollow", d, "lnk", AT_SYMLINK_NOFOLLOW);
    show("linkat", linkat(d, "f", d, "hard", 0));
    show("linkat link itself", linkat(d, "lnk", d, "lnk2", 0));
    st_at("fstatat lnk2 nofollow", d, "lnk2", AT_SYMLINK_NOFOLLOW);
    show("linkat follow", linkat(d, "lnk", d, "hard2", AT_SYMLINK_FOLLOW));
    st_at("fstatat f", d, "f", 0);
    show("renameat to cwd", renameat(d, "hard", AT_FDCWD, "moved"));
    st_at("fstatat moved (cwd)", AT_FDCWD, "moved", 0);
    show("faccessat", faccessat(d, "f", R_OK | W_OK, 0));
    show("faccessat eaccess", faccessat(d, "f", R_OK, AT_EACCESS));
    show("symlinkat dangling", symlinkat("nowhere", d, "dangling"));
    show("faccessat dangling", faccessat(d, "dangling", F_OK, 0));
    show("faccessat dangling nofollow", faccessat(d, "dangling", F_OK, AT_SYMLINK_NOFOLLOW));
    show("fchmodat", fchmodat(d, "f", 0600, 0));
    st_at("fstatat f", d, "f", 0);
    show("fchmodat link nofollow", fchmodat(d, "lnk", 0600, AT_SYMLINK_NOFOLLOW));
    show("fchownat to myself", fchownat(d, "f", (uid_t)-1, (gid_t)-1, 0));
    show("fchownat link nofollow", fchownat(d, "lnk", (uid_t)-1, (gid_t)-1, AT_SYMLINK_NOFOLLOW));
    struct timespec ts[2] = {{1000000000, 0}, {1100000000, 500}};
    show("utimensat", utimensat(d, "f", ts, 0));
    struct stat st;
    fstatat(d, "f", &st, 0);
    printf("mtime %lld.%09ld\n", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);

    /* the empty path with AT_EMPTY_PATH */
    fd = openat(d, "f", O_RDONLY);
    st_at("fstatat empty", fd, "", AT_EMPTY_PATH);
    st_at("fstatat empty, no flag", fd, "", 0);
    show("fchownat empty", fchownat(fd, "", (uid_t)-1, (gid_t)-1, AT_EMPTY_PATH));
    show("close", close(fd));

    /* unlinkat and its flag */
    show("unlinkat dir", unlinkat(d, "sub", 0));
    show("unlinkat file removedir", unlinkat(d, "f", AT_REMOVEDIR));
    show("unlinkat removedir", unlinkat(d, "sub", AT_REMOVEDIR));
    show("unlinkat", unlinkat(d, "plain", 0));
    show("unlinkat bad flag", unlinkat(d, "f", AT_SYMLINK_NOFOLLOW));

    /* bad dirfds: closed, a file, ignored for absolute paths */
    show("openat closed fd", openat(99, "f", O_RDONLY));
    int file = openat(d, "f", O_RDONLY);
    show("openat file fd", openat(file, "x", O_RDONLY));
    show("mkdirat file fd", mkdirat(file, "x", 0755));
    show("renameat file fd", renameat(d, "f", file, "x"));
    show("readlinkat file fd", readlinkat(file, "x", buf, sizeof buf));
    show("fstatat bad flag", fstatat(d, "f", &st, 0x2));
    show("linkat bad flag", linkat(d, "f", d, "x", AT_REMOVEDIR));
    show("fchmodat bad flag", fchmodat(d, "f", 0600, AT_REMOVEDIR));
    show("faccessat bad flag", faccessat(d, "f", F_OK, 0x4));
    char abs[4096];
    if (!getcwd(abs, sizeof abs - 8))
        return 1;
    strcat(abs, "/moved");
    show("fstatat absolute, bad dirfd", fstatat(99, abs, &st, 0));
    show("fstatat absolute, file dirfd", fstatat(file, abs, &st, 0));
    show("close", close(file));

    /* fdopendir on a dirfd; on a file */
    list("d holds", openat(d, ".", O_RDONLY | O_DIRECTORY));
    file = openat(d, "f", O_RDONLY);
    list("fdopendir file", file);
    close(file);

    /* the directory renamed: the fd still leads there; fchdir enters it */
    show("chdir ..", chdir(".."));
    show("rename d e", rename("d", "e"));
    fd = openat(d, "after", O_WRONLY | O_CREAT, 0644);
    show("openat after rename", fd >= 0 ? 0 : -1);
    close(fd);
    show("access e/after", access("e/after", F_OK));
    show("fchdir", fchdir(d));
    char here[4096];
    if (getcwd(here, sizeof here))
        printf("cwd ends with %s\n", strrchr(here, '/'));
    show("chdir ..", chdir(".."));
    show("fchdir file", (file = open("e/f", O_RDONLY), fchdir(file)));
    close(file);

    /* the directory removed: nothing found or made in it */
    DIR *e = opendir("e");
    struct dirent *ent;
    while (e && (ent = readdir(e)))
        if (strcmp(ent->d_name, ".") && strcmp(ent->d_name, ".."))
            unlinkat(dirfd(e), ent->d_name, 0);
    if (e)
        closedir(e);
    show("rmdir e", rmdir("e"));
    show("openat in removed", openat(d, "x", O_WRONLY | O_CREAT, 0644));
    show("mkdirat in removed", mkdirat(d, "x", 0755));
    st_at("fstatat missing in removed", d, "f", 0);
    show("close d", close(d));
    return 0;
}
