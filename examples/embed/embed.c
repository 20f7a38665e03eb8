/* Embedding axos as a deterministic OS sandbox: install a program, feed
 * it input, run it, check what it printed. */
#include <stdio.h>
#include <string.h>

#include <axos.h>

/* A program inside axos: reads a line, shouts it back, counts the bytes. */
static int shout_main(int argc, char **argv) {
    char line[128];
    SyscallResult r = sys_read(0, line, sizeof line);
    if (r.error != AX_OK)
        return 1;
    for (int64_t i = 0; i < r.value; i++)
        if (line[i] >= 'a' && line[i] <= 'z')
            line[i] = (char)(line[i] - 'a' + 'A');
    sys_write(1, line, (size_t)r.value);
    return (int)r.value;
}

int main(void) {
    KernelConfig cfg = {.seed = 42}; /* virtual clock, FIFO: repeatable */
    Kernel *k = kernel_create(&cfg);
    if (!k || kernel_install_program(k, "/bin/shout", shout_main) != 0) {
        fprintf(stderr, "embed: cannot set up a kernel\n");
        return 1;
    }
    SyscallResult pid = kernel_spawn(k, "/bin/shout", NULL);
    if (pid.error != AX_OK) {
        fprintf(stderr, "embed: spawn: %s\n", sys_strerror(pid.error));
        return 1;
    }
    if (kernel_run(k) != AX_RUN_INPUT) { /* it waits for its line */
        fprintf(stderr, "embed: expected the program to wait for input\n");
        return 1;
    }
    /* push_input is typing at the terminal (edited and echoed, like a
     * keyboard); push_text hands over text as it is, with no echo. */
    kernel_console_push_text(k, "hello, axos\n", 12);
    int status = 0;
    kernel_wait(k, (int)pid.value, &status);

    char out[64] = {0};
    kernel_console_take_output(k, out, sizeof out - 1);
    kernel_destroy(k);
    if (!AX_WIFEXITED(status) || AX_WEXITSTATUS(status) != 12 || strcmp(out, "HELLO, AXOS\n") != 0) {
        fprintf(stderr, "embed: unexpected result: status %d, output '%s'\n", status, out);
        return 1;
    }
    printf("embed: ok: %s", out);
    return 0;
}
