/* The echo example on the host: the server in this process, each client
 * a child running this program again (`echo_host client PATH ID`). */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "echo.h"

extern char **environ;

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "client") == 0)
        return echo_client(argv[2], atoi(argv[3]), ECHO_LINES);
    char path[64];
    snprintf(path, sizeof path, "/tmp/echo-example.%d", (int)getpid());
    /* the clients wait for the socket: the server makes it before they run */
    pid_t server = fork();
    if (server == 0)
        _exit(echo_server(path, ECHO_CLIENTS));
    while (access(path, F_OK) != 0)
        usleep(1000);
    pid_t kids[ECHO_CLIENTS];
    for (int i = 0; i < ECHO_CLIENTS; i++) {
        char id[16];
        snprintf(id, sizeof id, "%d", i);
        char *args[] = {argv[0], "client", path, id, NULL};
        if (posix_spawn(&kids[i], "/proc/self/exe", NULL, NULL, args, environ) != 0)
            return 1;
    }
    int bad = 0, st;
    for (int i = 0; i < ECHO_CLIENTS; i++)
        bad |= waitpid(kids[i], &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0;
    bad |= waitpid(server, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0;
    return bad;
}
