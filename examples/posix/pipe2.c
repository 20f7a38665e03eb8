/* pipe2: connect two programs with a pipe, as `gen 5 | upcase` does:
 * pipe, then one child with its stdout on the write end and one with its
 * stdin on the read end (posix_spawn file actions), the parent closing
 * both ends so the reader sees end of file, then waiting for both. */
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static pid_t start(char **argv, int from, int to, int close1, int close2) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    if (from != to)
        posix_spawn_file_actions_adddup2(&fa, from, to);
    posix_spawn_file_actions_addclose(&fa, close1);
    posix_spawn_file_actions_addclose(&fa, close2);
    pid_t pid;
    int err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (err) {
        fprintf(stderr, "pipe2: %s: %s\n", argv[0], strerror(err));
        return -1;
    }
    return pid;
}

int main(void) {
    int p[2];
    if (pipe(p) < 0) {
        perror("pipe2: pipe");
        return 1;
    }
    char *left[] = {"gen", "5", "item", NULL};
    char *right[] = {"upcase", NULL};
    pid_t a = start(left, p[1], 1, p[0], p[1]);
    pid_t b = start(right, p[0], 0, p[0], p[1]);
    close(p[0]);
    close(p[1]);
    int sa, sb;
    waitpid(a, &sa, 0);
    waitpid(b, &sb, 0);
    printf("gen: %d, upcase: %d\n", WEXITSTATUS(sa), WEXITSTATUS(sb));
    return a < 0 || b < 0;
}
