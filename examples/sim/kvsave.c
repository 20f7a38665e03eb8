/* kvsave: the write + rename without fsync bug of kvstore.c, in a plain
 * POSIX C program (no axos header), built with the POSIX layer
 * (axos_add_program, axos-cc) and swept with `axos sweep --program`.
 *
 *   kvsave buggy|fixed [DIR]   save four versions of DIR/db (default /data)
 *   kvsave check [DIR]         exit 0 when DIR/db is absent or whole, 1 when
 *                              it is corrupt (what a power loss may leave)
 *
 * A save writes the new version to DIR/db.tmp and renames it over DIR/db.
 * The buggy one never fsyncs: after a power loss the rename may have
 * reached the disk while the data did not, and db is empty or torn. The
 * fixed one fsyncs the data before the rename and the directory after.
 * The sweep runs `kvsave check` after each power loss in a fresh machine
 * booted on the disk the crash left:
 *
 *   echo 'kvsave check' > check.sh
 *   axos sweep --seeds 1..10000 --faults 'class=file,proc=kvsave,p=0.1,powerloss' \
 *       --recover check.sh --program kvsave.so buggy      (fails)
 *   ... --program kvsave.so fixed                         (passes every seed)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define VERSIONS 4
#define KEYS 8

static unsigned checksum(const char *s, size_t n) {
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static int write_all(int fd, const char *buf, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        buf += w;
        n -= (size_t)w;
    }
    return 0;
}

static int save(const char *dir, int version, int fixed) {
    char body[512], head[64], tmp[4096], db[4096];
    size_t n = 0;
    for (int i = 0; i < KEYS; i++)
        n += (size_t)snprintf(body + n, sizeof body - n, "key%d=value%d.%d\n", i, version, i);
    int hn = snprintf(head, sizeof head, "KV1 %d %zu %08x\n", version, n, checksum(body, n));
    snprintf(tmp, sizeof tmp, "%s/db.tmp", dir);
    snprintf(db, sizeof db, "%s/db", dir);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write_all(fd, head, (size_t)hn) < 0 || write_all(fd, body, n) < 0) {
        perror(tmp);
        return -1;
    }
    if (fixed && fsync(fd) < 0) { /* the fix: the data is on disk before the name moves */
        perror("fsync");
        return -1;
    }
    close(fd);
    if (rename(tmp, db) < 0) {
        perror("rename");
        return -1;
    }
    if (fixed) { /* and the rename itself before the save counts as done */
        int dfd = open(dir, O_RDONLY);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
    }
    return 0;
}

/* The database is absent (never saved) or whole. */
static int check(const char *dir) {
    char path[4096], buf[1024];
    snprintf(path, sizeof path, "%s/db", dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return errno == ENOENT ? 0 : 1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    int version, hn = 0;
    size_t len;
    unsigned sum;
    if (sscanf(buf, "KV1 %d %zu %x\n%n", &version, &len, &sum, &hn) == 3 && hn > 0 &&
        (size_t)hn + len == n && checksum(buf + hn, len) == sum) {
        printf("version %d is whole\n", version);
        return 0;
    }
    fprintf(stderr, "kvsave: %s is corrupt after the crash (%zu bytes)\n", path, n);
    return 1;
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3 ||
        (strcmp(argv[1], "buggy") && strcmp(argv[1], "fixed") && strcmp(argv[1], "check"))) {
        fprintf(stderr, "usage: kvsave buggy|fixed|check [DIR]\n");
        return 2;
    }
    const char *dir = argc == 3 ? argv[2] : "/data";
    if (!strcmp(argv[1], "check"))
        return check(dir);
    if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
        perror(dir);
        return 1;
    }
    for (int v = 1; v <= VERSIONS; v++)
        if (save(dir, v, !strcmp(argv[1], "fixed")) < 0)
            return 1;
    return 0;
}
