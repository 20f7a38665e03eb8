/* copy: copy a file with read and write, reporting errors the Unix way
 * (perror) and exiting non-zero. Usage: copy FROM TO */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: copy FROM TO\n");
        return 2;
    }
    int in = open(argv[1], O_RDONLY);
    if (in < 0) {
        perror(argv[1]);
        return 1;
    }
    int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0) {
        perror(argv[2]);
        close(in);
        return 1;
    }
    char buf[512];
    ssize_t n;
    long total = 0;
    while ((n = read(in, buf, sizeof buf)) > 0) {
        for (ssize_t done = 0; done < n;) {
            ssize_t w = write(out, buf + done, (size_t)(n - done));
            if (w < 0) {
                perror("write");
                return 1;
            }
            done += w;
        }
        total += n;
    }
    if (n < 0) {
        perror("read");
        return 1;
    }
    if (close(out) < 0 || close(in) < 0) {
        perror("close");
        return 1;
    }
    printf("copied %ld bytes\n", total);
    return 0;
}
