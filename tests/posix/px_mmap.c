/* mmap through the layer, compared with the host: private mappings of a
 * file (whole, from an offset, past its end, written to without touching
 * the file), anonymous ones, and the errors of bad input. A shared file
 * mapping works on the host and says ENODEV in axos: the program prints
 * only that it did one or the other. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void fails(const char *what, void *p) {
    if (p == MAP_FAILED)
        printf("%s: MAP_FAILED %s\n", what, strerror(errno));
    else
        printf("%s: mapped (should have failed)\n", what);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    char path[64];
    snprintf(path, sizeof path, "/tmp/px_mmap.%d", (int)getpid());
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
    char data[10000];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (char)('a' + i % 26);
    if (fd < 0 || write(fd, data, sizeof data) != (ssize_t)sizeof data)
        return 1;

    /* the whole file, read-only */
    char *p = mmap(NULL, sizeof data, PROT_READ, MAP_PRIVATE, fd, 0);
    printf("private whole: %s, same bytes %d\n", p == MAP_FAILED ? "failed" : "mapped",
           p != MAP_FAILED && memcmp(p, data, sizeof data) == 0);
    printf("munmap: %d\n", munmap(p, sizeof data));

    /* from the second page, past the end: the tail reads as zeros */
    p = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 4096);
    int zeros = 1;
    for (size_t i = sizeof data - 4096; p != MAP_FAILED && i < 8192; i++)
        zeros &= p[i] == 0;
    printf("private at 4096: %s, bytes %d, zeros past the end %d\n",
           p == MAP_FAILED ? "failed" : "mapped",
           p != MAP_FAILED && memcmp(p, data + 4096, sizeof data - 4096) == 0, zeros);
    munmap(p, 8192);

    /* a private copy may be written; the file keeps its bytes */
    p = mmap(NULL, 100, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (p != MAP_FAILED) {
        memcpy(p, "CHANGED", 7);
        char back[8] = {0};
        pread(fd, back, 7, 0);
        printf("private write: mapping %.7s, file %s\n", p, back);
        munmap(p, 100);
    }

    /* anonymous memory: zeroed */
    p = mmap(NULL, 5000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int anon_zero = p != MAP_FAILED;
    for (int i = 0; p != MAP_FAILED && i < 5000; i++)
        anon_zero &= p[i] == 0;
    printf("anonymous: zeroed %d\n", anon_zero);
    munmap(p, 5000);

    /* shared: the host maps it, axos says ENODEV */
    errno = 0;
    p = mmap(NULL, 100, PROT_READ, MAP_SHARED, fd, 0);
    printf("shared maps or says ENODEV: %d\n", p != MAP_FAILED || errno == ENODEV);
    if (p != MAP_FAILED)
        munmap(p, 100);

    /* bad input */
    fails("length 0", mmap(NULL, 0, PROT_READ, MAP_PRIVATE, fd, 0));
    fails("no type", mmap(NULL, 100, PROT_READ, 0, fd, 0));
    fails("unaligned offset", mmap(NULL, 100, PROT_READ, MAP_PRIVATE, fd, 100));
    fails("negative offset", mmap(NULL, 100, PROT_READ, MAP_PRIVATE, fd, -4096));
    fails("closed fd", mmap(NULL, 100, PROT_READ, MAP_PRIVATE, 999, 0));
    int wo = open(path, O_WRONLY);
    fails("write-only fd", mmap(NULL, 100, PROT_READ, MAP_PRIVATE, wo, 0));
    close(wo);
    int ro = open(path, O_RDONLY);
    fails("shared writable on a read-only fd", mmap(NULL, 100, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0));
    close(ro);
    int pp[2];
    pipe(pp);
    fails("a pipe", mmap(NULL, 100, PROT_READ, MAP_PRIVATE, pp[0], 0));
    int dir = open("/tmp", O_RDONLY);
    fails("a directory", mmap(NULL, 100, PROT_READ, MAP_PRIVATE, dir, 0));
    close(dir);
    close(fd);
    unlink(path);
    return 0;
}
