/* Context-switch smoke test without cmocka, so it also runs cross-built
 * under qemu (scripts/check-aarch64.sh). Exercises what the switch must
 * preserve: callee-saved integer and floating-point registers across
 * yields, each task's floating-point rounding mode, signal handlers on the
 * task stack, exec restarting a stack, and blocking pipes between tasks.
 * Exits 0 when every check holds. */
#include <fenv.h>
#include <stdio.h>
#include <string.h>

#include "axos.h"

static int failures;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "smoke_switch: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                               \
        }                                                                             \
    } while (0)

/* Floating-point and integer state live across many switches. */
static int prog_float(int argc, char **argv) {
    double acc = argv[1][0] == 'a' ? 1.5 : 2.5;
    long n = 0;
    for (int i = 0; i < 1000; i++) {
        acc = acc * 1.0001 + 0.25;
        n += i;
        sys_yield();
    }
    double expect = argv[1][0] == 'a' ? 1.5 : 2.5;
    for (int i = 0; i < 1000; i++)
        expect = expect * 1.0001 + 0.25;
    return acc == expect && n == 499500 ? 0 : 1;
}

/* A rounding mode set by one task survives switches to a task with
 * another (the control words, MXCSR and x87 CW or FPCR, are per task). */
static int prog_round(int argc, char **argv) {
    int mode = argv[1][0] == 'u' ? FE_UPWARD : FE_DOWNWARD;
    if (fegetround() != FE_TONEAREST || fesetround(mode) != 0)
        return 1;
    volatile double one = 1.0, three = 3.0;
    double third = one / three;
    for (int i = 0; i < 100; i++) {
        sys_yield();
        if (fegetround() != mode || one / three != third)
            return 2;
    }
    return 0;
}

static void on_usr1(int sig) {
    sys_write(1, "H", 1);
}

static int prog_handler(int argc, char **argv) {
    sys_signal(AX_SIGUSR1, on_usr1);
    sys_kill((int)sys_getpid().value, AX_SIGUSR1);
    return 0;
}

static int prog_exec_target(int argc, char **argv) {
    sys_write(1, argv[1], strlen(argv[1]));
    return 7;
}

static int prog_exec(int argc, char **argv) {
    sys_exec("/bin/target", (char *[]){"target", "E", NULL}, NULL);
    return 1;
}

static int prog_pipe(int argc, char **argv) {
    int fds[2];
    sys_pipe(fds);
    SpawnFileAction fa[] = {{.kind = AX_SPAWN_DUP2, .fd = fds[1], .newfd = 1},
                            {.kind = AX_SPAWN_CLOSE, .fd = fds[0]}};
    SpawnAttr attr = {.actions = fa, .nactions = 2};
    int child = (int)sys_spawn("/bin/target", (char *[]){"target", "P", NULL}, NULL, &attr).value;
    sys_close(fds[1]);
    char c = 0;
    sys_read(fds[0], &c, 1);
    sys_waitpid(child, NULL, 0);
    return c == 'P' ? 0 : 1;
}

static int run(Kernel *k, const char *path, char *arg) {
    SyscallResult r = kernel_spawn(k, path, (char *[]){(char *)path, arg, NULL});
    int st = -1;
    if (r.error != AX_OK || kernel_wait(k, (int)r.value, &st) != 0)
        return -1;
    return st;
}

int main(void) {
    KernelConfig cfg = {.seed = 3, .sched = AX_SCHED_RANDOM};
    Kernel *k = kernel_create(&cfg);
    CHECK(k != NULL);
    kernel_install_program(k, "/bin/float", prog_float);
    kernel_install_program(k, "/bin/handler", prog_handler);
    kernel_install_program(k, "/bin/target", prog_exec_target);
    kernel_install_program(k, "/bin/exec", prog_exec);
    kernel_install_program(k, "/bin/pipe", prog_pipe);

    SyscallResult a = kernel_spawn(k, "/bin/float", (char *[]){"float", "a", NULL});
    SyscallResult b = kernel_spawn(k, "/bin/float", (char *[]){"float", "b", NULL});
    int sa = -1, sb = -1;
    kernel_wait(k, (int)a.value, &sa);
    kernel_wait(k, (int)b.value, &sb);
    CHECK(AX_WIFEXITED(sa) && AX_WEXITSTATUS(sa) == 0);
    CHECK(AX_WIFEXITED(sb) && AX_WEXITSTATUS(sb) == 0);
    kernel_install_program(k, "/bin/round", prog_round);
    a = kernel_spawn(k, "/bin/round", (char *[]){"round", "up", NULL});
    b = kernel_spawn(k, "/bin/round", (char *[]){"round", "down", NULL});
    kernel_wait(k, (int)a.value, &sa);
    kernel_wait(k, (int)b.value, &sb);
    CHECK(sa == 0 && sb == 0);
    CHECK(fegetround() == FE_TONEAREST);
    CHECK(run(k, "/bin/handler", NULL) == 0);
    int st = run(k, "/bin/exec", NULL);
    CHECK(AX_WIFEXITED(st) && AX_WEXITSTATUS(st) == 7);
    CHECK(run(k, "/bin/pipe", NULL) == 0);
    char out[16] = {0};
    kernel_console_take_output(k, out, sizeof out - 1);
    CHECK(strcmp(out, "HE") == 0);
    kernel_destroy(k);
    if (failures == 0)
        printf("smoke_switch: ok\n");
    return failures != 0;
}
