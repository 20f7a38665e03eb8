/* pipeline: run a pipeline of any length given on the command line,
 * stages separated by "|" (e.g. `pipeline gen 50 '|' upcase '|'
 * linecount`), each stage's stdout feeding the next one's stdin; prints
 * each stage's exit status, as bash's PIPESTATUS does. */
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define MAX_STAGES 16

int main(int argc, char **argv) {
    char **stage[MAX_STAGES];
    int n = 0;
    stage[n++] = argv + 1;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "|") == 0) {
            argv[i] = NULL;
            if (n == MAX_STAGES) {
                fprintf(stderr, "pipeline: too many stages\n");
                return 2;
            }
            stage[n++] = argv + i + 1;
        }
    pid_t pids[MAX_STAGES];
    int in = -1; /* read end feeding the next stage */
    for (int s = 0; s < n; s++) {
        int p[2] = {-1, -1};
        if (s < n - 1 && pipe(p) < 0) {
            perror("pipeline: pipe");
            return 1;
        }
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        if (in >= 0) {
            posix_spawn_file_actions_adddup2(&fa, in, 0);
            posix_spawn_file_actions_addclose(&fa, in);
        }
        if (p[1] >= 0) {
            posix_spawn_file_actions_adddup2(&fa, p[1], 1);
            posix_spawn_file_actions_addclose(&fa, p[1]);
            posix_spawn_file_actions_addclose(&fa, p[0]);
        }
        int err = posix_spawnp(&pids[s], stage[s][0], &fa, NULL, stage[s], environ);
        posix_spawn_file_actions_destroy(&fa);
        if (err) {
            fprintf(stderr, "pipeline: %s: %s\n", stage[s][0], strerror(err));
            pids[s] = -1;
        }
        if (in >= 0)
            close(in);
        if (p[1] >= 0)
            close(p[1]);
        in = p[0];
    }
    printf("status:");
    for (int s = 0; s < n; s++) {
        int st = 127 << 8;
        if (pids[s] > 0)
            waitpid(pids[s], &st, 0);
        printf(" %d", WEXITSTATUS(st));
    }
    printf("\n");
    return 0;
}
