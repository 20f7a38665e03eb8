/* Ids, owners and modes through the layer, compared with the host. The
 * host side may run as root or not, so the program prints relations
 * (the owner of a new file is the caller) and errors, never an id. */
#define _GNU_SOURCE /* getresuid */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void show(const char *what, long r) {
    if (r < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: %ld\n", what, r);
}

static void mode_of(const char *what, const char *path) {
    struct stat st;
    if (stat(path, &st) < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: %04o\n", what, (unsigned)st.st_mode & 07777);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    uid_t r, e, s;
    gid_t rg, eg, sg;
    show("getresuid", getresuid(&r, &e, &s));
    show("getresgid", getresgid(&rg, &eg, &sg));
    printf("uids agree: %d %d\n", r == getuid() && e == geteuid(), r == e && e == s);
    printf("gids agree: %d %d\n", rg == getgid() && eg == getegid(), rg == eg && eg == sg);
    int n = getgroups(0, NULL);
    printf("getgroups count: %d\n", n >= 0);
    volatile int negative = -1; /* hidden from the compiler's size check */
    show("getgroups negative", getgroups(negative, NULL));
    show("setuid to itself", setuid(getuid()));
    show("seteuid to itself", seteuid(geteuid()));
    show("setgid to itself", setgid(getgid()));
    show("setreuid unchanged", setreuid((uid_t)-1, (uid_t)-1));
    show("setresgid unchanged", setresgid((gid_t)-1, (gid_t)-1, (gid_t)-1));
    show("setuid -1", setuid((uid_t)-1));
    show("seteuid -1", seteuid((uid_t)-1));
    printf("still the same: %d\n", getuid() == r && geteuid() == e);

    umask(022);
    int fd = open("f", O_CREAT | O_WRONLY, 0666);
    show("open", fd >= 0 ? 0 : -1);
    struct stat st;
    show("fstat", fstat(fd, &st));
    printf("owner is me: %d, group is mine: %d\n", st.st_uid == geteuid(),
           st.st_gid == getegid());
    mode_of("mode after umask 022", "f");
    show("chmod 0600", chmod("f", 0600));
    mode_of("mode", "f");
    show("fchmod 0751", fchmod(fd, 0751));
    mode_of("mode", "f");
    show("chmod type bits ignored", chmod("f", S_IFDIR | 0644));
    mode_of("mode", "f");
    show("fchmodat", fchmodat(AT_FDCWD, "f", 0640, 0));
    mode_of("mode", "f");
    show("fchmodat bad flags", fchmodat(AT_FDCWD, "f", 0640, 0x4000));
    show("chmod missing", chmod("nope", 0644));
    show("chmod through a file", chmod("f/x", 0644));
    show("fchmod bad fd", fchmod(77, 0644));
    show("chown to myself", chown("f", geteuid(), getegid()));
    show("chown nothing", chown("f", (uid_t)-1, (gid_t)-1));
    show("fchown", fchown(fd, (uid_t)-1, getegid()));
    show("lchown", lchown("f", (uid_t)-1, (gid_t)-1));
    show("fchownat", fchownat(AT_FDCWD, "f", (uid_t)-1, (gid_t)-1, 0));
    show("fchownat empty path", fchownat(fd, "", (uid_t)-1, (gid_t)-1, AT_EMPTY_PATH));
    show("fchownat bad flags", fchownat(AT_FDCWD, "f", (uid_t)-1, (gid_t)-1, 0x4000));
    show("chown missing", chown("nope", 0, 0));
    show("chmod 04755", chmod("f", 04755));
    mode_of("setuid set", "f");
    close(fd);

    show("mkdir 0777", mkdir("d", 0777));
    mode_of("dir mode after umask", "d");
    show("chmod dir sticky", chmod("d", 01777));
    mode_of("dir mode", "d");
    show("access F_OK", access("f", F_OK));
    show("access R_OK|W_OK", access("f", R_OK | W_OK));
    show("access X_OK", access("f", X_OK));
    show("access bad mode", access("f", 0100));
    show("chmod 0644", chmod("f", 0644));
    show("access X_OK without x", access("f", X_OK));
    int p[2];
    pipe(p);
    show("fchmod a pipe", fchmod(p[0], 0600));
    unlink("f");
    rmdir("d");
    return 0;
}
