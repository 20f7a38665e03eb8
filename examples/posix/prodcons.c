/* prodcons: a producer and a consumer over a pipe. The producer (this
 * program) starts the consumer (itself, with "consume") reading the
 * pipe's read end as its stdin, then writes fixed-size records in bursts;
 * the consumer reads them back with read(), which may return part of a
 * record, and checks and sums them. Usage: prodcons [N] */
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

typedef struct Record {
    uint32_t seq;
    uint32_t value;
    char tag[24];
} Record;

static int consume(void) {
    Record r;
    size_t have = 0;
    long n = 0, sum = 0, bad = 0;
    for (;;) {
        ssize_t got = read(0, (char *)&r + have, sizeof r - have);
        if (got < 0) {
            perror("consumer: read");
            return 1;
        }
        if (got == 0)
            break;
        have += (size_t)got;
        if (have < sizeof r)
            continue;
        have = 0;
        if (r.seq != (uint32_t)n || strcmp(r.tag, "record") != 0)
            bad++;
        sum += r.value;
        n++;
    }
    printf("consumer: %ld records, sum %ld, %ld out of order, %zu stray bytes\n", n, sum, bad, have);
    return bad != 0;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "consume") == 0)
        return consume();
    long n = argc > 1 ? atol(argv[1]) : 1000;
    int p[2];
    if (pipe(p) < 0) {
        perror("prodcons: pipe");
        return 1;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, p[0], 0);
    posix_spawn_file_actions_addclose(&fa, p[0]);
    posix_spawn_file_actions_addclose(&fa, p[1]);
    char *cargv[] = {argv[0], "consume", NULL};
    pid_t pid;
    int err = posix_spawnp(&pid, argv[0], &fa, NULL, cargv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(p[0]);
    if (err) {
        fprintf(stderr, "prodcons: %s\n", strerror(err));
        return 1;
    }
    Record burst[7];
    long sent = 0, sum = 0;
    while (sent < n) {
        int k = 0;
        for (; k < 7 && sent < n; k++, sent++) {
            memset(&burst[k], 0, sizeof burst[k]);
            burst[k].seq = (uint32_t)sent;
            burst[k].value = (uint32_t)(sent * 7 % 1000);
            strcpy(burst[k].tag, "record");
            sum += burst[k].value;
        }
        size_t len = (size_t)k * sizeof *burst;
        for (size_t done = 0; done < len;) {
            ssize_t w = write(p[1], (char *)burst + done, len - done);
            if (w < 0) {
                perror("producer: write");
                return 1;
            }
            done += (size_t)w;
        }
    }
    close(p[1]);
    int st;
    waitpid(pid, &st, 0);
    printf("producer: %ld records, sum %ld; consumer exited %d\n", sent, sum, WEXITSTATUS(st));
    return WEXITSTATUS(st);
}
