/* links: symbolic and hard links through POSIX calls, in a directory of
 * its own. Usage: links DIR. It makes a file, hard and symbolic links to
 * it, a chain, a loop and a dangling link, then reports what stat,
 * lstat, readlink and realpath say of each, and the errors POSIX gives
 * for the cases links make special. The output is the same on any POSIX
 * system (no inode numbers, no absolute paths). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failures;

static void check(const char *what, int r) {
    if (r < 0) {
        printf("%s: %s\n", what, strerror(errno));
        failures++;
    }
}

/* What a call that must fail says. */
static void expect_error(const char *what, int r) {
    printf("%-34s %s\n", what, r < 0 ? strerror(errno) : "succeeded?!");
}

static const char *kind(mode_t m) {
    return S_ISLNK(m) ? "symlink" : S_ISDIR(m) ? "directory" : S_ISREG(m) ? "file" : "other";
}

static void describe(const char *name) {
    struct stat st, lst;
    char target[64] = "";
    ssize_t n = readlink(name, target, sizeof target - 1);
    if (n >= 0)
        target[n] = '\0';
    if (lstat(name, &lst) < 0) {
        printf("%-8s lstat: %s\n", name, strerror(errno));
        return;
    }
    printf("%-8s %-9s nlink %lu", name, kind(lst.st_mode), (unsigned long)lst.st_nlink);
    if (S_ISLNK(lst.st_mode))
        printf(" -> %s (mode %o, size %lld)", target, (unsigned)(lst.st_mode & 07777),
               (long long)lst.st_size);
    if (stat(name, &st) < 0)
        printf(", stat: %s\n", strerror(errno));
    else if (S_ISREG(st.st_mode)) /* a directory's size is the file system's own */
        printf(", stat: %s of %lld bytes\n", kind(st.st_mode), (long long)st.st_size);
    else
        printf(", stat: %s\n", kind(st.st_mode));
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: links DIR\n");
        return 2;
    }
    if (mkdir(argv[1], 0755) < 0 || chdir(argv[1]) < 0) {
        perror(argv[1]);
        return 1;
    }
    char base[PATH_MAX];
    if (!getcwd(base, sizeof base)) {
        perror("getcwd");
        return 1;
    }
    int fd = open("file", O_WRONLY | O_CREAT | O_EXCL, 0644);
    check("open file", fd);
    check("write", (int)write(fd, "hello\n", 6));
    check("close", close(fd));
    check("mkdir sub", mkdir("sub", 0755));
    check("link", link("file", "hard"));
    check("link sub/", link("file", "sub/hard2"));
    check("symlink", symlink("file", "soft"));
    check("symlink chain", symlink("soft", "chain"));
    check("symlink dir", symlink("sub", "tosub"));
    check("symlink up", symlink("../hard", "sub/up"));
    check("symlink dangling", symlink("nowhere", "dangling"));
    check("symlink loop", symlink("loop", "loop"));

    const char *names[] = {"file", "hard", "soft", "chain", "tosub", "sub/up", "dangling", "loop"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        describe(names[i]);

    /* realpath resolves every link; print it relative to DIR */
    const char *paths[] = {"chain", "tosub/up", "tosub/../soft", "dangling", "loop"};
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        char out[PATH_MAX];
        if (!realpath(paths[i], out))
            printf("realpath %-14s %s\n", paths[i], strerror(errno));
        else
            printf("realpath %-14s DIR%s\n", paths[i], out + strlen(base));
    }

    /* the errors links bring */
    char buf[8];
    expect_error("link of a directory", link("sub", "subhard"));
    expect_error("link over an existing name", link("file", "soft"));
    expect_error("symlink over a dangling link", symlink("x", "dangling"));
    expect_error("readlink of a file", (int)readlink("file", buf, sizeof buf));
    expect_error("readlink of a missing name", (int)readlink("missing", buf, sizeof buf));
    expect_error("open O_NOFOLLOW of a link", open("soft", O_RDONLY | O_NOFOLLOW));
    expect_error("open of a loop", open("loop", O_RDONLY));
    expect_error("open O_CREAT|O_EXCL of a dangler", open("dangling", O_WRONLY | O_CREAT | O_EXCL, 0644));
    expect_error("rmdir of a link to a directory", rmdir("tosub"));
    expect_error("a file used as a directory", open("soft/x", O_RDONLY));

    /* through a dangling link, O_CREAT makes its target */
    fd = open("dangling", O_WRONLY | O_CREAT, 0644);
    check("open O_CREAT dangling", fd);
    check("close", close(fd));
    describe("nowhere");
    /* a short buffer: readlink cuts, without a NUL */
    memset(buf, '.', sizeof buf);
    ssize_t n = readlink("dangling", buf, 3);
    printf("readlink into 3 bytes: %zd \"%.8s\"\n", n, buf);
    /* unlink takes the name, the data stays with the other names */
    check("unlink file", unlink("file"));
    describe("hard");
    describe("soft");
    check("unlink soft", unlink("soft"));
    describe("chain");
    return failures ? 1 : 0;
}
