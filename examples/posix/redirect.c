/* redirect: run a program with its stdout sent to a file, the way a
 * shell does `prog > file`: in the child, open the file, dup2 it onto 1,
 * close the spare fd, exec. Here the child is made with vfork, which
 * borrows the parent until it execs; then the parent shows the file.
 * Usage: redirect FILE PROGRAM [ARG...] */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: redirect FILE PROGRAM [ARG...]\n");
        return 2;
    }
    fflush(stdout);
    pid_t pid = vfork();
    if (pid < 0) {
        perror("redirect: vfork");
        return 1;
    }
    if (pid == 0) {
        int fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) {
            perror(argv[1]);
            _exit(126);
        }
        if (dup2(fd, 1) < 0)
            _exit(126);
        close(fd);
        execvp(argv[2], argv + 2);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    printf("child status %d; %s holds:\n", WEXITSTATUS(status), argv[1]);
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    int c;
    while ((c = getc(f)) != EOF)
        putchar(c);
    fclose(f);
    return 0;
}
