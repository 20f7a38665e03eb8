/* trace_demo: run a small traced workload and write its trace.
 *
 *   trace_demo OUT.json [--text OUT.txt] [--host-clock] [--sh 'COMMAND']
 *
 * The workload: a parent makes a pipe, spawns a producer that writes lines
 * into it (sleeping between them), a consumer that reads them, and a
 * ticker that waits on an interval timer and signals the parent; then it
 * waits for all three. Under the virtual clock (the default) the output is
 * the same bytes on every run; --host-clock shows real time spent. With
 * --sh the workload is instead `/bin/sh -c COMMAND` over the bundled
 * userland (its output goes to this program's stdout).
 * tests/trace_json_check.py checks the JSON; tools/trace_png.py draws it. */
#include <stdio.h>
#include <string.h>

#include "axos.h"

static int producer_main(int argc, char **argv) {
    char line[32];
    for (int i = 1; i <= 4; i++) {
        int n = snprintf(line, sizeof line, "line %d\n", i);
        sys_write(1, line, (size_t)n);
        sys_sleep(1000000); /* 1 ms */
    }
    return 0;
}

static int consumer_main(int argc, char **argv) {
    char buf[64];
    size_t total = 0;
    SyscallResult r;
    while ((r = sys_read(0, buf, sizeof buf)).value > 0)
        total += (size_t)r.value;
    int n = snprintf(buf, sizeof buf, "consumer: %zu bytes\n", total);
    sys_write(2, buf, (size_t)n);
    return 0;
}

static int ticker_main(int argc, char **argv) {
    int fd = (int)sys_timer_interval(1500000, 0).value; /* every 1.5 ms */
    uint64_t ticks;
    for (int i = 0; i < 3; i++)
        sys_read(fd, &ticks, sizeof ticks);
    sys_close(fd);
    sys_kill(sys_getppid().value, AX_SIGUSR1);
    return 0;
}

static void parent_on_usr1(int sig) {
    sys_trace_event("ticker-done", sys_signame(sig));
}

static int parent_main(int argc, char **argv) {
    int fds[2];
    sys_signal(AX_SIGUSR1, parent_on_usr1);
    sys_trace_event("phase", "start");
    sys_pipe(fds);
    SpawnFileAction out[] = {{.kind = AX_SPAWN_DUP2, .fd = fds[1], .newfd = 1},
                             {.kind = AX_SPAWN_CLOSE, .fd = fds[0]}};
    SpawnFileAction in[] = {{.kind = AX_SPAWN_DUP2, .fd = fds[0], .newfd = 0},
                            {.kind = AX_SPAWN_CLOSE, .fd = fds[1]}};
    SpawnAttr pa = {.actions = out, .nactions = 2}, ca = {.actions = in, .nactions = 2};
    int pids[3];
    pids[0] = (int)sys_spawn("/bin/producer", (char *[]){"producer", NULL}, NULL, &pa).value;
    pids[1] = (int)sys_spawn("/bin/consumer", (char *[]){"consumer", NULL}, NULL, &ca).value;
    sys_close(fds[0]);
    sys_close(fds[1]);
    pids[2] = (int)sys_spawn("/bin/ticker", (char *[]){"ticker", NULL}, NULL, NULL).value;
    for (int i = 0; i < 3; i++) {
        int st;
        while (sys_waitpid(pids[i], &st, 0).error == AX_EINTR)
            ; /* SIGUSR1 from the ticker */
    }
    sys_trace_event("phase", "done");
    return 0;
}

static void demo_sink(void *ud, int stream, const void *buf, size_t n) {
    fwrite(buf, 1, n, stream == 2 ? stderr : stdout);
}

int main(int argc, char **argv) {
    const char *json = NULL, *text = NULL, *command = NULL;
    KernelConfig cfg = {0};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--host-clock") == 0)
            cfg.clock = AX_CLOCK_HOST;
        else if (strcmp(argv[i], "--sh") == 0 && i + 1 < argc)
            command = argv[++i], cfg.console_output = demo_sink;
        else if (strcmp(argv[i], "--text") == 0 && i + 1 < argc)
            text = argv[++i];
        else
            json = argv[i];
    }
    if (!json) {
        fprintf(stderr, "usage: trace_demo OUT.json [--text OUT.txt] [--host-clock] [--sh CMD]\n");
        return 2;
    }
    Kernel *k = kernel_create(&cfg);
    if (!k || kernel_trace_enable(k, 1) < 0)
        return 1;
    kernel_install_program(k, "/bin/demo", parent_main);
    kernel_install_program(k, "/bin/producer", producer_main);
    kernel_install_program(k, "/bin/consumer", consumer_main);
    kernel_install_program(k, "/bin/ticker", ticker_main);
    char *sh_argv[] = {"sh", "-c", (char *)command, NULL};
    if (command && kernel_install_userland(k) < 0)
        return 1;
    SyscallResult r = command ? kernel_spawn(k, "/bin/sh", sh_argv) : kernel_spawn(k, "/bin/demo", NULL);
    int st = -1;
    if (r.error != AX_OK || kernel_wait(k, (int)r.value, &st) < 0 || (!command && st != 0))
        return 1;
    int rc = 0;
    FILE *f = fopen(json, "w");
    if (!f || kernel_trace_write_json(k, f) < 0)
        rc = 1;
    if (f)
        fclose(f);
    if (text) {
        f = fopen(text, "w");
        if (!f || kernel_trace_write_text(k, f) < 0)
            rc = 1;
        if (f)
            fclose(f);
    }
    kernel_destroy(k);
    return rc;
}
