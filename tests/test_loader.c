/* The program loader (kernel_load_program): programs built with the POSIX
 * layer, one private copy per process, reused after exit; and every way a
 * file can be refused, with nothing installed and nothing leaked. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

#define PX(name) AXOS_PX_DIR "/" name ".so"

/* Host file descriptors open right now (the loader keeps one per copy). */
static int host_fds(void) {
    DIR *d = opendir("/proc/self/fd");
    assert_non_null(d);
    int n = 0;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

static Kernel *boot(void) {
    Kernel *k = harness_kernel(NULL);
    kernel_console_set_terminal(k, 0);
    assert_int_equal(kernel_install_userland(k), 0);
    return k;
}

static int sh(Kernel *k, const char *cmd) {
    char *argv[] = {"/bin/sh", "-c", (char *)cmd, NULL};
    return harness_run(k, argv);
}

static void load_ok(Kernel *k, const char *path, const char *file) {
    int r = kernel_load_program(k, path, file);
    if (r != 0)
        fail_msg("kernel_load_program(%s): %d: %s", file, r, kernel_load_error(k));
    assert_string_equal(kernel_load_error(k), "");
}

/* A loaded program runs like any other, on PATH; its globals start fresh
 * in every process, and the copy a process used serves the next one. */
static void test_load_and_run(void **state) {
    (void)state;
    int fds = host_fds();
    Kernel *k = boot();
    load_ok(k, "/bin/globals", PX("globals"));
    KernelStats st;
    kernel_stats(k, &st);
    assert_int_equal(st.images, 1); /* the copy made at load */
    assert_int_equal(st.images_busy, 0);
    assert_int_equal(sh(k, "globals 3; globals 5"), 0);
    assert_string_equal(harness_output(k), "counter 3 initialised 45 buffer xxx\n"
                                           "counter 5 initialised 47 buffer xxxxx\n");
    kernel_stats(k, &st);
    assert_int_equal(st.images, 1); /* reset and reused, not copied again */
    assert_int_equal(st.images_busy, 0);
    harness_destroy(k);
    assert_int_equal(host_fds(), fds);
}

/* Two processes running the program at once do not share its globals. */
static void test_private_globals(void **state) {
    (void)state;
    Kernel *k = boot();
    load_ok(k, "/bin/globals", PX("globals"));
    assert_int_equal(sh(k, "globals 4 & globals 4 & globals 4 & wait"), 0);
    assert_string_equal(harness_output(k), "counter 4 initialised 46 buffer xxxx\n"
                                           "counter 4 initialised 46 buffer xxxx\n"
                                           "counter 4 initialised 46 buffer xxxx\n");
    KernelStats st;
    kernel_stats(k, &st);
    assert_int_equal(st.images, 3);
    assert_int_equal(st.images_busy, 0);
    harness_destroy(k);
}

/* exec from one loaded program to another, and to a built-in one. */
static void test_exec(void **state) {
    (void)state;
    Kernel *k = boot();
    load_ok(k, "/bin/execer", PX("execer"));
    load_ok(k, "/usr/local/bin/globals", PX("globals"));
    assert_int_equal(sh(k, "execer /usr/local/bin/globals 2; execer /bin/echo hi; execer /nope"),
                     127 << 8);
    assert_string_equal(harness_output(k), "execer: exec /usr/local/bin/globals\n"
                                           "counter 2 initialised 44 buffer xx\n"
                                           "execer: exec /bin/echo\nhi\n"
                                           "execer: exec /nope\n"
                                           "execer: No such file or directory\n");
    KernelStats st;
    kernel_stats(k, &st);
    assert_int_equal(st.images_busy, 0);
    harness_destroy(k);
}

/* Replacing the program, or killing its process, while it runs: the copy
 * goes back, and is closed once nothing can use it. */
static void test_replace_and_kill(void **state) {
    (void)state;
    Kernel *k = boot();
    load_ok(k, "/bin/reader", PX("reader"));
    char *argv[] = {"reader", NULL};
    SyscallResult a = kernel_spawn(k, "/bin/reader", argv);
    assert_int_equal(a.error, AX_OK);
    assert_int_equal(kernel_run(k), AX_RUN_INPUT);
    KernelStats st;
    kernel_stats(k, &st);
    assert_int_equal(st.images_busy, 1);
    /* A built-in program takes the name: the running copy carries on. */
    assert_int_equal(kernel_install_program(k, "/bin/reader", NULL), -AX_EINVAL);
    load_ok(k, "/bin/reader", PX("globals"));
    kernel_console_push_text(k, "abc\n", 4);
    int status;
    assert_int_equal(kernel_wait(k, (int)a.value, &status), 0);
    assert_int_equal(status, 0);
    assert_string_equal(harness_output(k), "reader got 4 bytes\n");
    kernel_stats(k, &st);
    assert_int_equal(st.images_busy, 0);
    assert_int_equal(st.images, 1); /* only the new program's */

    /* Killed while blocked: its copy comes back too. */
    load_ok(k, "/bin/reader2", PX("reader"));
    char *argv2[] = {"reader2", NULL};
    SyscallResult b = kernel_spawn(k, "/bin/reader2", argv2);
    assert_int_equal(kernel_run(k), AX_RUN_INPUT);
    assert_int_equal(kernel_kill(k, (int)b.value, AX_SIGKILL), 0);
    assert_int_equal(kernel_wait(k, (int)b.value, &status), 0);
    assert_true(AX_WIFSIGNALED(status));
    kernel_stats(k, &st);
    assert_int_equal(st.images_busy, 0);
    harness_destroy(k);
}

static void expect_refusal(Kernel *k, const char *file, int err, const char *words) {
    int r = kernel_load_program(k, "/bin/refused", file);
    if (r != -err)
        fail_msg("%s: got %d, want -%d (%s)", file, r, err, kernel_load_error(k));
    const char *msg = kernel_load_error(k);
    if (!strstr(msg, words) || strncmp(msg, file, strlen(file)) != 0)
        fail_msg("%s: message \"%s\" lacks \"%s\"", file, msg, words);
    /* nothing was installed */
    char *argv[] = {"refused", NULL};
    assert_int_equal(kernel_spawn(k, "/bin/refused", argv).error, AX_ENOENT);
}

/* Every refusal says why, installs nothing and leaks nothing. */
static void test_refusals(void **state) {
    (void)state;
    int fds = host_fds();
    char dir[] = "/tmp/axos-loader-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char text[128], cut[128], empty[128];
    snprintf(text, sizeof text, "%s/text.so", dir);
    snprintf(cut, sizeof cut, "%s/cut.so", dir);
    snprintf(empty, sizeof empty, "%s/empty.so", dir);
    FILE *f = fopen(text, "w");
    fputs("#!/bin/sh\necho not a program\n", f);
    fclose(f);
    fclose(fopen(empty, "w"));
    /* the first 700 bytes of a good program: headers pointing past the end */
    FILE *in = fopen(PX("globals"), "rb");
    FILE *out = fopen(cut, "wb");
    char buf[700];
    size_t n = fread(buf, 1, sizeof buf, in);
    fwrite(buf, 1, n, out);
    fclose(in);
    fclose(out);

    Kernel *k = boot();
    expect_refusal(k, "/no/such/file.so", AX_ENOENT, "No such file");
    expect_refusal(k, dir, AX_EISDIR, "is a directory");
    expect_refusal(k, text, AX_ENOEXEC, "not an ELF file");
    expect_refusal(k, empty, AX_ENOEXEC, "not an ELF file");
    expect_refusal(k, cut, AX_ENOEXEC, "damaged");
    expect_refusal(k, AXOS_HOST_EXE, AX_ENOEXEC, "an executable, not a shared object");
    expect_refusal(k, PX("nostamp"), AX_ENOEXEC, "not built with the axos POSIX layer");
    expect_refusal(k, PX("badversion"), AX_ENOEXEC, "built for axos 9.9 (program ABI 999)");
    expect_refusal(k, PX("nomain"), AX_ENOEXEC, "has no main function");
    expect_refusal(k, PX("forbidden"), AX_ENOEXEC, "calls regcomp, which a program in axos cannot reach");
    expect_refusal(k, PX("tls"), AX_ENOEXEC, "thread-local storage");

    /* Bad arguments, and a bad place to install a good program. */
    assert_int_equal(kernel_load_program(NULL, "/bin/x", PX("globals")), -AX_EINVAL);
    assert_int_equal(kernel_load_program(k, NULL, PX("globals")), -AX_EINVAL);
    assert_int_equal(kernel_load_program(k, "/bin/x", NULL), -AX_EINVAL);
    assert_int_equal(kernel_load_program(k, "", PX("globals")), -AX_EINVAL);
    assert_int_equal(kernel_load_program(k, "/bin/", PX("globals")), -AX_EISDIR);
    assert_non_null(strstr(kernel_load_error(k), "cannot install it at /bin/"));
    assert_int_equal(kernel_load_program(k, "/etc/hostname/x", PX("globals")), -AX_ENOTDIR);
    KernelStats st;
    kernel_stats(k, &st);
    assert_int_equal(st.images, 0); /* the refused ones' copies are closed */
    /* and a good load clears the message */
    load_ok(k, "/bin/globals", PX("globals"));
    harness_destroy(k);
    assert_int_equal(host_fds(), fds);
    char rm[256];
    snprintf(rm, sizeof rm, "rm -rf '%s'", dir);
    assert_int_equal(system(rm), 0);
}

/* A loaded program is traced like any other: strace sees its calls. */
static void test_traced(void **state) {
    (void)state;
    Kernel *k = boot();
    load_ok(k, "/bin/globals", PX("globals"));
    assert_int_equal(sh(k, "strace globals 1"), 0);
    const char *out = harness_output(k);
    const char *want[] = {"yield() = 0\n", "write(1, \"counter 1 initialised 43 buffer \"", "+++ exited with 0 +++"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(out, want[i]))
            fail_msg("strace output lacks %s:\n%s", want[i], out);
    harness_destroy(k);
}

/* Out of memory at each allocation in turn: the load fails cleanly
 * (-AX_ENOMEM, nothing installed) and every allocation is given back. */
static void test_allocation_failures(void **state) {
    (void)state;
    for (long fail = 1;; fail++) {
        Kernel *k = boot();
        HarnessAlloc *a = harness_allocator(k);
        a->fail_at = a->total_allocs + fail;
        int r = kernel_load_program(k, "/bin/globals", PX("globals"));
        a->fail_at = 0;
        if (r == 0) {
            assert_int_equal(sh(k, "globals 1"), 0);
            harness_destroy(k);
            break;
        }
        assert_int_equal(r, -AX_ENOMEM);
        char *argv[] = {"globals", NULL};
        assert_int_equal(kernel_spawn(k, "/bin/globals", argv).error, AX_ENOENT);
        harness_destroy(k);
        assert_true(fail < 100);
    }
}

/* Kernels sharing a program cache (KernelConfig.program_cache), as a
 * sweep's seeds do: the file is read and checked once, a copy outlives its
 * kernel and serves the next kernel's process reset to its state at load
 * (each copy holds one host fd, so the fds count the copies); a file
 * changed since is loaded afresh; a refused file is refused again, not
 * kept; freeing the cache closes every copy. */
static void test_program_cache_across_kernels(void **state) {
    (void)state;
    int fds = host_fds();
    ProgramCache *c = kernel_program_cache_new();
    assert_non_null(c);
    KernelConfig cfg = {.program_cache = c};
    for (int round = 0; round < 3; round++) {
        Kernel *k = harness_kernel(&cfg);
        kernel_console_set_terminal(k, 0);
        assert_int_equal(kernel_install_userland(k), 0);
        load_ok(k, "/bin/globals", PX("globals"));
        assert_int_equal(sh(k, "globals 3"), 0);
        assert_string_equal(harness_output(k), "counter 3 initialised 45 buffer xxx\n");
        harness_destroy(k);
        assert_int_equal(host_fds(), fds + 1); /* one copy, kept across kernels */
    }
    /* a copy of the file, changed after it was cached: loaded afresh */
    char tmp[] = "/tmp/axos-cache-XXXXXX";
    int out = mkstemp(tmp);
    FILE *in = fopen(PX("globals"), "rb");
    assert_true(out >= 0 && in);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(write(out, buf, n), (ssize_t)n);
    fclose(in);
    close(out);
    for (int round = 0; round < 2; round++) {
        Kernel *k = harness_kernel(&cfg);
        load_ok(k, "/bin/globals", tmp);
        harness_destroy(k);
        if (round == 0) { /* a new modification time: a different file now */
            struct timespec times[2] = {{0, UTIME_OMIT}, {12345, 0}};
            assert_int_equal(utimensat(AT_FDCWD, tmp, times, 0), 0);
        }
    }
    assert_int_equal(host_fds(), fds + 3); /* the first file's copy and one of each version */
    unlink(tmp);
    /* a refused file: refused with a cache too, twice, nothing kept */
    Kernel *k = harness_kernel(&cfg);
    assert_int_equal(kernel_load_program(k, "/bin/x", PX("forbidden")), -AX_ENOEXEC);
    assert_int_equal(kernel_load_program(k, "/bin/x", PX("forbidden")), -AX_ENOEXEC);
    harness_destroy(k);
    assert_int_equal(host_fds(), fds + 3);
    kernel_program_cache_free(c);
    kernel_program_cache_free(NULL);
    assert_int_equal(host_fds(), fds);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_and_run),
        cmocka_unit_test(test_private_globals),
        cmocka_unit_test(test_exec),
        cmocka_unit_test(test_replace_and_kill),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_traced),
        cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test(test_program_cache_across_kernels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
