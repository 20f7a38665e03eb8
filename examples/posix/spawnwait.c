/* spawnwait: start a program with posix_spawnp and wait for it, printing
 * how it ended. Usage: spawnwait PROGRAM [ARG...] */
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void report(const char *name, int status) {
    if (WIFEXITED(status))
        printf("%s exited with status %d\n", name, WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        printf("%s was killed by signal %d\n", name, WTERMSIG(status));
    else
        printf("%s changed state: %#x\n", name, status);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: spawnwait PROGRAM [ARG...]\n");
        return 2;
    }
    fflush(stdout); /* the child writes to the same stdout */
    pid_t pid;
    int err = posix_spawnp(&pid, argv[1], NULL, NULL, argv + 1, environ);
    if (err) {
        fprintf(stderr, "spawnwait: %s: %s\n", argv[1], strerror(err));
        return 127;
    }
    int status;
    if (waitpid(pid, &status, 0) != pid) {
        perror("spawnwait: waitpid");
        return 1;
    }
    report(argv[1], status);
    /* a second wait has no child left */
    if (wait(&status) < 0)
        perror("spawnwait: wait");
    return 0;
}
