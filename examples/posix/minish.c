/* minish: a shell-like loop. Reads command lines from stdin, splits
 * them at blanks, runs each with posix_spawnp and waits; `cd DIR` and
 * `exit [N]` are built in; `cmd > file` redirects stdout. Prints each
 * command's status. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define MAX_ARGS 64

static int run(char **argv, const char *out) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    if (out)
        posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid;
    fflush(stdout);
    int err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (err) {
        fprintf(stderr, "minish: %s: %s\n", argv[0], strerror(err));
        return 127;
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return 1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int main(void) {
    char *line = NULL;
    size_t cap = 0;
    int last = 0;
    while (getline(&line, &cap, stdin) != -1) {
        char *argv[MAX_ARGS + 1];
        int argc = 0;
        const char *out = NULL;
        for (char *tok = strtok(line, " \t\n"); tok; tok = strtok(NULL, " \t\n")) {
            if (strcmp(tok, ">") == 0) {
                out = strtok(NULL, " \t\n");
                continue;
            }
            if (argc < MAX_ARGS)
                argv[argc++] = tok;
        }
        argv[argc] = NULL;
        if (argc == 0)
            continue;
        if (strcmp(argv[0], "exit") == 0) {
            last = argc > 1 ? atoi(argv[1]) : last;
            break;
        }
        if (strcmp(argv[0], "cd") == 0) {
            last = chdir(argc > 1 ? argv[1] : "/") < 0 ? (perror("minish: cd"), 1) : 0;
        } else {
            last = run(argv, out);
        }
        printf("[%s: %d]\n", argv[0], last);
    }
    free(line);
    return last;
}
