/* Hypotheses about fault plans (sim/): the --faults grammar reads back
 * what it writes and names the position of what is wrong; each action does
 * what it says to exactly the calls the rule selects; triggers count and
 * draw deterministically; every fired fault is logged, traced and in the
 * digest; and a bad plan changes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static FaultRule plan[AX_FAULT_RULES_MAX];
static size_t nplan;

static Kernel *plan_kernel(const char *spec, uint64_t seed) {
    char err[200];
    nplan = 0;
    int e = kernel_faults_parse(spec, plan, AX_FAULT_RULES_MAX, &nplan, err, sizeof err);
    if (e != 0)
        fail_msg("parse of `%s`: %s", spec, err);
    KernelConfig cfg = {.seed = seed, .faults = plan, .nfaults = nplan};
    return harness_kernel(&cfg);
}

/* ---- the grammar ---- */

static void test_spec_round_trips(void **state) {
    const char *spec = "write,path=/data/,obj=file,proc=kv,pid=3,nth=2,p=0.25,after=10ms,max=4,"
                       "errno=ENOSPC; read,class=file|pipe,short=7;"
                       "getpid,delay=3us ; class=process,signal=SIGKILL;alloc,open,nth=2;"
                       " read , short ";
    FaultRule a[8], b[8];
    size_t na = 0, nb = 0;
    char err[200], text[1024];
    assert_int_equal(kernel_faults_parse(spec, a, 8, &na, err, sizeof err), 0);
    assert_int_equal(na, 6);
    assert_int_equal(a[0].syscall, AX_SYS_write);
    assert_string_equal(a[0].path, "/data/");
    assert_true(a[0].probability == 0.25);
    assert_int_equal(a[0].after_ns, 10000000);
    assert_int_equal(a[0].arg, AX_ENOSPC);
    assert_int_equal(a[1].classes, AX_FAULT_CLASS_FILE | AX_FAULT_CLASS_PIPE);
    assert_int_equal(a[1].action, AX_FAULT_SHORT);
    assert_int_equal(a[2].arg, 3000);
    assert_int_equal(a[3].arg, AX_SIGKILL);
    assert_int_equal(a[4].on, AX_FAULT_ON_ALLOC);
    assert_int_equal(a[4].action, AX_FAULT_FAIL);
    assert_int_equal(a[5].arg, 0);

    size_t len = kernel_faults_format(a, na, text, sizeof text);
    assert_int_equal(len, strlen(text));
    assert_int_equal(kernel_faults_parse(text, b, 8, &nb, err, sizeof err), 0);
    assert_int_equal(nb, na);
    assert_memory_equal(a, b, na * sizeof *a);
    /* a buffer too small is cut, and the length needed is still told */
    char small[10];
    assert_int_equal(kernel_faults_format(a, na, small, sizeof small), len);
    assert_int_equal(strlen(small), sizeof small - 1);
    /* an empty spec is a plan of no rules */
    assert_int_equal(kernel_faults_parse("  ; ", b, 8, &nb, err, sizeof err), 0);
    assert_int_equal(nb, 0);
}

/* A bad spec fails with the column and the item, and leaves *n and the
 * rules as they were. */
static void expect_error(const char *spec, const char *want) {
    FaultRule r[4];
    memset(r, 0x5a, sizeof r);
    size_t n = 77;
    char err[200];
    assert_int_equal(kernel_faults_parse(spec, r, 4, &n, err, sizeof err), -AX_EINVAL);
    if (strstr(err, want) == NULL)
        fail_msg("`%s` gave `%s`, expected to contain `%s`", spec, err, want);
    assert_int_equal(n, 77);
    for (size_t i = 0; i < sizeof r; i++)
        assert_int_equal(((unsigned char *)r)[i], 0x5a);
}

static void test_bad_specs_name_the_position(void **state) {
    expect_error("wrte", "column 1: `wrte`: no such syscall or class");
    expect_error("write,p=1.5", "column 7: `p=1.5`: probability");
    expect_error("write,p=-0.1", "column 7: `p=-0.1`");
    expect_error("write,p=nan", "probability");
    expect_error("write;read,errno=EBOGUS", "column 12: `errno=EBOGUS`: no such errno");
    expect_error("write,errno=5000", "no such errno");
    expect_error("write,errno=0", "no such errno");
    expect_error("write,,read", "column 7: ``: empty item");
    expect_error("write,", "nothing after the comma");
    expect_error("write,read", "one syscall per rule");
    expect_error("write,short,errno=EIO", "a rule has one action");
    expect_error("getpid,short", "short needs a call that moves bytes");
    expect_error("write,nth=0", "nth must be a number from 1");
    expect_error("write,nth=x", "nth");
    expect_error("write,after=10min", "not a duration");
    expect_error("write,delay=0", "delay must be");
    expect_error("write,signal=SIGNOPE", "no such signal");
    expect_error("write,bogus=1", "column 7: `bogus=1`: unknown key");
    expect_error("write,pid=3,pid=4", "column 13: `pid=4`: given twice");
    expect_error("alloc,errno=EIO", "an alloc rule's action is fail");
    expect_error("alloc,path=/x", "alloc rule cannot match a path");
    expect_error("write,fail", "fail is for alloc rules");
    expect_error("class=disk", "no such class");

    FaultRule r[2];
    size_t n = 0;
    char err[64];
    assert_int_equal(kernel_faults_parse("read;write;close", r, 2, &n, err, sizeof err),
                     -AX_ENOSPC);
    assert_int_equal(n, 0);
    assert_int_equal(kernel_faults_parse(NULL, r, 2, &n, err, sizeof err), -AX_EINVAL);
}

static void test_rule_check_refuses_bad_fields(void **state) {
    FaultRule r;
    const char *why;
    kernel_fault_rule_init(&r);
    assert_int_equal(kernel_fault_rule_check(&r, &why), 0);
    r.syscall = AX_SYS_COUNT;
    assert_int_equal(kernel_fault_rule_check(&r, &why), -AX_EINVAL);
    assert_non_null(strstr(why, "syscall"));
    kernel_fault_rule_init(&r);
    r.probability = 2;
    assert_int_equal(kernel_fault_rule_check(&r, NULL), -AX_EINVAL);
    kernel_fault_rule_init(&r);
    memset(r.path, 'a', sizeof r.path);
    assert_int_equal(kernel_fault_rule_check(&r, NULL), -AX_EINVAL);
    kernel_fault_rule_init(&r);
    r.action = 99;
    assert_int_equal(kernel_fault_rule_check(&r, NULL), -AX_EINVAL);
    /* kernel_create refuses a config with a bad rule */
    KernelConfig cfg = {.faults = &r, .nfaults = 1};
    assert_null(kernel_create(&cfg));
    cfg.faults = NULL;
    assert_null(kernel_create(&cfg));
}

/* ---- actions ---- */

/* Prints the size of argv[1], or its error as a negative number. */
static int prog_size(int argc, char **argv) {
    FileStat st;
    SyscallResult r = sys_stat(argv[1], &st);
    tprintf("[%lld]", r.error ? -(long long)r.error : (long long)st.size);
    return 0;
}

static const char *size_of(Kernel *k, const char *path) {
    kernel_install_program(k, "/bin/size", prog_size);
    harness_output(k); /* what came before */
    size_t before = strlen(harness_output(k));
    assert_int_equal(harness_run(k, (char *[]){"/bin/size", (char *)path, NULL}), 0);
    return harness_output(k) + before;
}

/* Writes "abcdef" to /tmp/f three times, then "x" to the console; prints
 * each write's result. */
static int prog_writer(int argc, char **argv) {
    int fd = (int)sys_open("/tmp/f", AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, 0644).value;
    char line[128] = "";
    for (int i = 0; i < 3; i++) {
        SyscallResult r = sys_write(fd, "abcdef", 6);
        char one[32];
        snprintf(one, sizeof one, "%s%lld", i ? " " : "", r.error ? -(long long)r.error : (long long)r.value);
        strcat(line, one);
    }
    sys_close(fd);
    tprintf("%s|", line);
    return 0;
}

static void test_errno_action_fails_only_the_nth_file_write(void **state) {
    Kernel *k = plan_kernel("write,obj=file,nth=2,errno=EIO", 1);
    kernel_install_program(k, "/bin/writer", prog_writer);
    assert_int_equal(harness_run(k, (char *[]){"/bin/writer", NULL}), 0);
    /* the console write (tprintf) is not a file: untouched */
    assert_string_equal(harness_output(k), "6 -5 6|");
    FaultFired f[4];
    assert_int_equal(kernel_faults_fired(k, f, 4), 1);
    assert_int_equal(f[0].rule, 0);
    assert_int_equal(f[0].nth, 2);
    assert_int_equal(f[0].syscall, AX_SYS_write);
    assert_int_equal(f[0].action, AX_FAULT_ERRNO);
    assert_int_equal(f[0].arg, AX_EIO);
    /* the failed write changed nothing: the file has two writes */
    assert_string_equal(size_of(k, "/tmp/f"), "[12]");
    harness_destroy(k);
}

static void test_short_write_moves_fewer_bytes(void **state) {
    Kernel *k = plan_kernel("write,obj=file,short=2,max=1;write,obj=file,nth=3,short", 7);
    kernel_install_program(k, "/bin/writer", prog_writer);
    assert_int_equal(harness_run(k, (char *[]){"/bin/writer", NULL}), 0);
    const char *out = harness_output(k);
    int a, b, c;
    assert_int_equal(sscanf(out, "%d %d %d|", &a, &b, &c), 3);
    assert_int_equal(a, 2);
    assert_int_equal(b, 6);
    assert_true(c >= 1 && c <= 5); /* seeded, in [1, n-1] */
    FaultFired f[4];
    assert_int_equal(kernel_faults_fired(k, f, 4), 2);
    assert_int_equal(f[1].arg, c);
    harness_destroy(k);
}

static int prog_getpids(int argc, char **argv) {
    int n = atoi(argv[1]);
    int failed = 0;
    for (int i = 0; i < n; i++)
        failed += sys_getpid().error != AX_OK;
    tprintf("%d|", failed);
    return 0;
}

static uint64_t run_getpids(const char *spec, uint64_t seed, const char *n, int *failed,
                            size_t *fired) {
    Kernel *k = plan_kernel(spec, seed);
    kernel_install_program(k, "/bin/g", prog_getpids);
    assert_int_equal(harness_run(k, (char *[]){"/bin/g", (char *)n, NULL}), 0);
    *failed = atoi(harness_output(k));
    *fired = kernel_faults_fired(k, NULL, 0);
    uint64_t d = kernel_trace_digest(k);
    harness_destroy(k);
    return d;
}

static void test_probability_is_seeded_and_bounded(void **state) {
    int f1, f2, f3;
    size_t n1, n2, n3;
    uint64_t d1 = run_getpids("getpid,p=0.3,errno=EAGAIN", 5, "1000", &f1, &n1);
    uint64_t d2 = run_getpids("getpid,p=0.3,errno=EAGAIN", 5, "1000", &f2, &n2);
    uint64_t d3 = run_getpids("getpid,p=0.3,errno=EAGAIN", 6, "1000", &f3, &n3);
    assert_int_equal(f1, f2);
    assert_true(d1 == d2);
    assert_int_equal((size_t)f1, n1);
    assert_true(f1 > 220 && f1 < 380); /* 300 expected; 5 sigma is ~72 */
    assert_true(d1 != d3);
    run_getpids("getpid,p=0,errno=EAGAIN", 5, "200", &f1, &n1);
    assert_int_equal(f1, 0);
    run_getpids("getpid,p=1,max=17,errno=EAGAIN", 5, "200", &f1, &n1);
    assert_int_equal(f1, 17);
}

static void test_fired_faults_are_in_the_digest(void **state) {
    int f;
    size_t n;
    uint64_t none = run_getpids("", 1, "50", &f, &n);
    assert_int_equal(n, 0);
    /* an empty plan and a plan that never fires leave the same run */
    uint64_t never = run_getpids("getpid,pid=999", 1, "50", &f, &n);
    assert_true(none == never);
    uint64_t one = run_getpids("getpid,nth=10,errno=EAGAIN", 1, "50", &f, &n);
    uint64_t other = run_getpids("getpid,nth=10,errno=EINTR", 1, "50", &f, &n);
    assert_true(one != none);
    assert_true(one != other);
}

static int prog_delayed(int argc, char **argv) {
    uint64_t t0 = (uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
    sys_getpid();
    sys_getpid();
    uint64_t t1 = (uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
    tprintf("%llu|", (unsigned long long)(t1 - t0));
    return 0;
}

static void test_delay_advances_the_kernel_clock(void **state) {
    Kernel *k = plan_kernel("getpid,delay=5ms", 1);
    kernel_install_program(k, "/bin/d", prog_delayed);
    assert_int_equal(harness_run(k, (char *[]){"/bin/d", NULL}), 0);
    assert_string_equal(harness_output(k), "10000000|");
    harness_destroy(k);
}

static int prog_after(int argc, char **argv) {
    int before = sys_getpid().error, after;
    sys_sleep(2000000);
    after = sys_getpid().error;
    tprintf("%d %d|", before, after);
    return 0;
}

static void test_after_waits_for_the_clock(void **state) {
    Kernel *k = plan_kernel("getpid,after=1ms,errno=EBUSY", 1);
    kernel_install_program(k, "/bin/a", prog_after);
    assert_int_equal(harness_run(k, (char *[]){"/bin/a", NULL}), 0);
    assert_string_equal(harness_output(k), "0 16|");
    harness_destroy(k);
}

static void test_signal_action_crashes_the_caller_there(void **state) {
    Kernel *k = plan_kernel("write,obj=file,nth=2,crash", 1);
    kernel_install_program(k, "/bin/writer", prog_writer);
    int st = harness_run(k, (char *[]){"/bin/writer", NULL});
    assert_true(AX_WIFSIGNALED(st));
    assert_int_equal(AX_WTERMSIG(st), AX_SIGKILL);
    assert_string_equal(harness_output(k), ""); /* it never reached its tprintf */
    assert_string_equal(size_of(k, "/tmp/f"), "[6]"); /* the first write only */
    harness_destroy(k);
}

static int prog_opener(int argc, char **argv) {
    SyscallResult a = sys_open("/tmp/a", AX_O_WRONLY | AX_O_CREAT, 0644);
    SyscallResult b = sys_open("/data/b", AX_O_WRONLY | AX_O_CREAT, 0644);
    SyscallResult c = sys_open("/tmp/c", AX_O_WRONLY | AX_O_CREAT, 0644);
    tprintf("%d %d %d|", a.error, b.error, c.error);
    return 0;
}

static void test_path_prefix_and_process_match(void **state) {
    Kernel *k = plan_kernel("open,path=/data/,errno=EACCES;open,proc=other,errno=EPERM", 1);
    kernel_install_program(k, "/bin/opener", prog_opener);
    assert_int_equal(harness_run(k, (char *[]){"/bin/opener", NULL}), 0);
    /* /data does not exist: without the rule it would be ENOENT */
    assert_string_equal(harness_output(k), "0 13 0|");
    harness_destroy(k);
}

static void test_alloc_rule_fails_the_call_cleanly(void **state) {
    Kernel *k = plan_kernel("alloc,open,nth=1", 1);
    kernel_install_program(k, "/bin/opener", prog_opener);
    assert_int_equal(harness_run(k, (char *[]){"/bin/opener", NULL}), 0);
    assert_string_equal(harness_output(k), "12 2 0|");
    assert_string_equal(size_of(k, "/tmp/a"), "[-2]"); /* nothing made */
    FaultFired f;
    assert_int_equal(kernel_faults_fired(k, &f, 1), 1);
    assert_int_equal(f.action, AX_FAULT_FAIL);
    assert_int_equal(f.syscall, AX_SYS_open);
    harness_destroy(k);
}

static void test_set_faults_validates_and_traces(void **state) {
    Kernel *k = plan_kernel("", 1);
    FaultRule bad[2];
    kernel_fault_rule_init(&bad[0]);
    bad[0].syscall = AX_SYS_getpid;
    kernel_fault_rule_init(&bad[1]);
    bad[1].arg = 0; /* errno 0 */
    assert_int_equal(kernel_set_faults(k, bad, 2), -AX_EINVAL);
    assert_int_equal(kernel_set_faults(k, NULL, 1), -AX_EINVAL);
    /* nothing changed: getpid still succeeds */
    int f;
    kernel_install_program(k, "/bin/g", prog_getpids);
    assert_int_equal(harness_run(k, (char *[]){"/bin/g", "3", NULL}), 0);
    assert_string_equal(harness_output(k), "0|");
    /* a good plan, set at run time, is traced */
    assert_int_equal(kernel_set_faults(k, bad, 1), 0);
    assert_int_equal(kernel_trace_enable(k, 1), 0);
    assert_int_equal(harness_run(k, (char *[]){"/bin/g", "2", NULL}), 0);
    TraceEventInfo ev[256];
    size_t n = kernel_trace_read(k, ev, 256, 0);
    f = 0;
    for (size_t i = 0; i < n; i++)
        if (ev[i].category == AX_TRACE_FAULT) {
            f++;
            assert_string_equal(ev[i].name, "errno");
            assert_non_null(strstr(ev[i].text, "getpid EIO rule 0"));
        }
    assert_int_equal(f, 2);
    /* and removed */
    assert_int_equal(kernel_set_faults(k, NULL, 0), 0);
    assert_int_equal(harness_run(k, (char *[]){"/bin/g", "2", NULL}), 0);
    assert_int_equal(kernel_faults_fired(k, NULL, 0), 2);
    harness_destroy(k);
}

/* A fault fired by a probability rule is replayed exactly by the rule
 * kernel_fault_replay_rule makes: the same digest. */
static void test_replay_rule_repeats_the_run(void **state) {
    Kernel *k = plan_kernel("getpid,p=0.05,errno=EAGAIN", 42);
    kernel_install_program(k, "/bin/g", prog_getpids);
    assert_int_equal(harness_run(k, (char *[]){"/bin/g", "300", NULL}), 0);
    uint64_t d = kernel_trace_digest(k);
    FaultFired fired[64];
    size_t nf = kernel_faults_fired(k, fired, 64);
    assert_true(nf > 2 && nf < 64);
    FaultRule saved[1] = {plan[0]};
    harness_destroy(k);

    FaultRule exact[64];
    for (size_t i = 0; i < nf; i++)
        assert_int_equal(kernel_fault_replay_rule(saved, 1, &fired[i], &exact[i]), 0);
    char text[4096];
    kernel_faults_format(exact, nf, text, sizeof text);
    assert_non_null(strstr(text, "getpid,nth="));
    KernelConfig cfg = {.seed = 42, .faults = exact, .nfaults = nf};
    k = harness_kernel(&cfg);
    kernel_install_program(k, "/bin/g", prog_getpids);
    assert_int_equal(harness_run(k, (char *[]){"/bin/g", "300", NULL}), 0);
    assert_int_equal(kernel_faults_fired(k, NULL, 0), nf);
    char out[32];
    snprintf(out, sizeof out, "%zu|", nf);
    assert_string_equal(harness_output(k), out);
    assert_true(kernel_trace_digest(k) == d);
    harness_destroy(k);
    FaultFired badf = fired[0];
    badf.rule = 3;
    assert_int_equal(kernel_fault_replay_rule(saved, 1, &badf, &exact[0]), -AX_EINVAL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec_round_trips),
        cmocka_unit_test(test_bad_specs_name_the_position),
        cmocka_unit_test(test_rule_check_refuses_bad_fields),
        cmocka_unit_test(test_errno_action_fails_only_the_nth_file_write),
        cmocka_unit_test(test_short_write_moves_fewer_bytes),
        cmocka_unit_test(test_probability_is_seeded_and_bounded),
        cmocka_unit_test(test_fired_faults_are_in_the_digest),
        cmocka_unit_test(test_delay_advances_the_kernel_clock),
        cmocka_unit_test(test_after_waits_for_the_clock),
        cmocka_unit_test(test_signal_action_crashes_the_caller_there),
        cmocka_unit_test(test_path_prefix_and_process_match),
        cmocka_unit_test(test_alloc_rule_fails_the_call_cleanly),
        cmocka_unit_test(test_set_faults_validates_and_traces),
        cmocka_unit_test(test_replay_rule_repeats_the_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
