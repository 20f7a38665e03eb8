/* The echo example in axos: for each of several seeds, a kernel with the
 * random scheduler runs a launcher that starts the server, waits for its
 * socket, starts the clients and waits for them all. The run must end
 * with every status 0, the server's summary on the console, and nothing
 * left behind in the kernel. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <axos.h>

#include "echo.h"

#define ECHO_PATH "/tmp/echo.sock"

static int server_main(int argc, char **argv) {
    return echo_server(ECHO_PATH, ECHO_CLIENTS);
}

static int client_main(int argc, char **argv) {
    return echo_client(ECHO_PATH, atoi(argv[1]), ECHO_LINES);
}

static int wait_ok(int pid) {
    int st = 0;
    return sys_waitpid(pid, &st, 0).error == AX_OK && AX_WIFEXITED(st) && AX_WEXITSTATUS(st) == 0;
}

static int launcher_main(int argc, char **argv) {
    char *sargv[] = {"echod", NULL};
    SyscallResult server = sys_spawn("/bin/echod", sargv, NULL, NULL);
    if (server.error != AX_OK)
        return 10;
    while (sys_exists(ECHO_PATH).value != 1) /* the server binds it first */
        sys_sleep(1000000);
    int kids[ECHO_CLIENTS];
    for (int i = 0; i < ECHO_CLIENTS; i++) {
        char id[16];
        snprintf(id, sizeof id, "%d", i);
        char *cargv[] = {"echoc", id, NULL};
        SyscallResult r = sys_spawn("/bin/echoc", cargv, NULL, NULL);
        if (r.error != AX_OK)
            return 11;
        kids[i] = (int)r.value;
    }
    int ok = 1;
    for (int i = 0; i < ECHO_CLIENTS; i++)
        ok &= wait_ok(kids[i]);
    ok &= wait_ok((int)server.value);
    return ok ? 0 : 12;
}

static int run_seed(uint64_t seed) {
    KernelConfig cfg = {.seed = seed, .sched = AX_SCHED_RANDOM};
    Kernel *k = kernel_create(&cfg);
    if (!k || kernel_install_program(k, "/bin/echod", server_main) || kernel_install_program(k, "/bin/echoc", client_main) ||
        kernel_install_program(k, "/bin/launch", launcher_main))
        return 1;
    KernelStats before, after;
    kernel_stats(k, &before);
    SyscallResult pid = kernel_spawn(k, "/bin/launch", NULL);
    int status = -1;
    if (pid.error == AX_OK)
        kernel_wait(k, (int)pid.value, &status);
    kernel_stats(k, &after);
    char out[256] = {0};
    kernel_console_take_output(k, out, sizeof out - 1);
    kernel_destroy(k);
    int bytes = 0;
    for (int c = 0; c < ECHO_CLIENTS; c++)
        for (int l = 0; l < ECHO_LINES; l++)
            bytes += snprintf(NULL, 0, "client %d line %d\n", c, l);
    char want[128];
    snprintf(want, sizeof want, "echo server: %d clients accepted and served, %d bytes echoed\n", ECHO_CLIENTS,
             bytes);
    int leaked = after.procs != before.procs || after.tasks != before.tasks || after.objects != before.objects ||
                 after.fds != before.fds;
    if (!AX_WIFEXITED(status) || AX_WEXITSTATUS(status) != 0 || strcmp(out, want) != 0 || leaked) {
        fprintf(stderr, "echo (seed %llu): status %d, leaked %d, output '%s'\n", (unsigned long long)seed, status,
                leaked, out);
        return 1;
    }
    printf("seed %llu: %s", (unsigned long long)seed, out);
    return 0;
}

int main(void) {
    int bad = 0;
    for (uint64_t seed = 1; seed <= 8; seed++)
        bad |= run_seed(seed);
    return bad;
}
