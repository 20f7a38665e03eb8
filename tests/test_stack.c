/* Hypotheses about task stacks (kernel/stack.c): they are reused after
 * exit without new host mappings, trimmed when the kernel goes idle, work
 * after a trim, and a guarded stack's overflow faults at once. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

static int prog_true(int argc, char **argv) {
    return 0;
}

static int prog_block(int argc, char **argv) {
    char c;
    sys_read(0, &c, 1); /* until the pipe's write end closes */
    return 0;
}

/* argv[1] tasks block on a pipe; once a line comes on the console, all
 * are let go and reaped. */
static int prog_crowd(int argc, char **argv) {
    int n = atoi(argv[1]);
    int fds[2];
    if (sys_pipe(fds).error != AX_OK)
        return 1;
    SpawnAttr attr = {0};
    for (int i = 0; i < n; i++) {
        SpawnFileAction fa[] = {{.kind = AX_SPAWN_DUP2, .fd = fds[0], .newfd = 0},
                                {.kind = AX_SPAWN_CLOSE, .fd = fds[1]}};
        attr.actions = fa;
        attr.nactions = 2;
        if (sys_spawn("/bin/block", (char *[]){"block", NULL}, NULL, &attr).error != AX_OK)
            return 2;
    }
    char line[8];
    sys_read(0, line, sizeof line); /* the host looks at the crowd meanwhile */
    sys_close(fds[0]);
    sys_close(fds[1]);
    for (int i = 0; i < n; i++)
        if (sys_waitpid(-1, NULL, 0).error != AX_OK)
            return 3;
    return 0;
}

static void test_stacks_are_reused_after_exit(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/true", prog_true);
    for (int i = 0; i < 300; i++)
        assert_int_equal(harness_run(k, (char *[]){"/bin/true", NULL}), 0);
    KernelStats st;
    kernel_stats(k, &st);
    /* one task at a time: the first slab's stacks serve every spawn */
    assert_int_equal(st.stack_maps, 1);
    assert_true(st.stacks >= 1 && st.stacks <= 8);
    harness_destroy(k);
}

static void test_idle_trims_free_stacks_and_spawn_still_works(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/true", prog_true);
    kernel_install_program(k, "/bin/block", prog_block);
    kernel_install_program(k, "/bin/crowd", prog_crowd);
    int pid = (int)kernel_spawn(k, "/bin/crowd", (char *[]){"crowd", "2000", NULL}).value;
    /* the crowd is up and blocked: every stack is in use */
    int st;
    assert_int_equal(kernel_run(k), AX_RUN_INPUT);
    kernel_console_push_input(k, "go\n", 3);
    KernelStats busy;
    kernel_stats(k, &busy);
    assert_true(busy.stacks >= 2001 && busy.stack_maps >= 10);
    assert_int_equal(kernel_wait(k, pid, &st), 0);
    assert_int_equal(st, 0);
    /* kernel_wait returned: the kernel was idle, and trimmed */
    KernelStats idle;
    kernel_stats(k, &idle);
    assert_true(idle.stacks < busy.stacks / 2);
    assert_true(idle.stack_maps < busy.stack_maps);
    assert_true(idle.stacks >= 256); /* the warm ones stay */
    /* stacks that gave their pages back, and new slabs, work */
    pid = (int)kernel_spawn(k, "/bin/crowd", (char *[]){"crowd", "2000", NULL}).value;
    kernel_console_push_input(k, "go\n", 3);
    assert_int_equal(kernel_wait(k, pid, &st), 0);
    assert_int_equal(st, 0);
    harness_destroy(k);
}

static int prog_overflow(int argc, char **argv) {
    volatile char big[80 * 1024]; /* more than the whole 64 KiB stack */
    for (size_t i = sizeof big; i-- > 0;)
        big[i] = 1;
    return big[0];
}

/* Run overflow_after(n) in a forked child: n tasks blocked on the console
 * take the first n stacks of a kernel with 64 KiB stacks, then a task
 * overflows its own. With a guard page below that stack the write faults
 * at once and the host process dies of SIGSEGV. Exits 2-4 when the set-up
 * itself fails. */
static void overflow_after(int n) {
    /* cmocka catches SIGSEGV; below a guard there may lie the stack of
     * another task, where its handler would run */
    signal(SIGSEGV, SIG_DFL);
    KernelConfig cfg = {.stack_size = 64 * 1024};
    Kernel *k = kernel_create(&cfg);
    kernel_install_program(k, "/bin/block", prog_block);
    kernel_install_program(k, "/bin/overflow", prog_overflow);
    for (int i = 0; i < n; i++)
        if (kernel_spawn(k, "/bin/block", NULL).error != AX_OK)
            _exit(2);
    if (n > 0 && kernel_run(k) != AX_RUN_INPUT)
        _exit(3);
    KernelStats st;
    kernel_stats(k, &st);
    if (n == 62 && st.stack_maps != 5)
        _exit(4); /* the slab layout the caller assumes has changed */
    kernel_spawn(k, "/bin/overflow", NULL);
    kernel_run(k);
    _exit(0); /* not reached when the guard works */
}

static void assert_overflow_faults(int n) {
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0)
        overflow_after(n);
    int st;
    assert_int_equal(waitpid(child, &st, 0), child);
    assert_true(WIFSIGNALED(st));
    assert_int_equal(WTERMSIG(st), SIGSEGV);
}

/* With a guard page the first write past the stack faults: the host
 * process gets SIGSEGV there and then (this runs in a forked child). */
static void test_a_guarded_stack_overflow_faults_at_once(void **state) {
#if defined(__SANITIZE_ADDRESS__)
    skip(); /* ASan catches the write before the guard page does */
#endif
    assert_overflow_faults(0);
}

/* Every stack of a slab has its guard, not only the first: the guards of
 * a slab are installed together (one process_madvise where the host has
 * it). 62 tasks blocked on the console fill the slabs of 4, 8, 16 and 32
 * stacks and take two of the slab of 64; the overflowing task gets the
 * third stack there. */
static void test_every_stack_of_a_slab_has_its_guard(void **state) {
#if defined(__SANITIZE_ADDRESS__)
    skip(); /* ASan catches the write before the guard page does */
#endif
    assert_overflow_faults(62);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stacks_are_reused_after_exit),
        cmocka_unit_test(test_idle_trims_free_stacks_and_spawn_still_works),
        cmocka_unit_test(test_a_guarded_stack_overflow_faults_at_once),
        cmocka_unit_test(test_every_stack_of_a_slab_has_its_guard),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
