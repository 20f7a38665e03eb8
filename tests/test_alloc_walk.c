/* The allocation-failure walk: a representative scenario (files that
 * grow, pipes, a spawn with file actions, shared memory, regions, timers,
 * the environment, the process heap, tracing, exec) runs once for each
 * allocation the kernel makes in it, with that one allocation refused
 * (readiness calls too: poll, epoll).
 * Hypotheses, for every refused allocation:
 *   - the call that needed it fails cleanly, with AX_ENOMEM (AX_ENOSPC
 *     for file growth), or the kernel does without it and the call
 *     succeeds;
 *   - a failed call changes nothing: the caller's fds, memory figures,
 *     the system's, the kernel's counts (tests/state_check.h), and no file
 *     it would have created exists;
 *   - once the process is gone and the kernel destroyed, nothing leaked.
 * The walk ends when the scenario runs through without reaching the
 * refused allocation; every step that allocates must have failed once. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "state_check.h"

/* What the scenario saw: the test's own bookkeeping, outside the kernel. */
static struct {
    Kernel *k;
    int failed_step; /* -1: none failed */
    SyscallError err;
    char why[300];
} walk;

enum {
    S_OPEN, S_WRITE, S_WRITE_MORE, S_FTRUNCATE, S_PIPE, S_PIPE_WRITE, S_DUP2_HIGH,
    S_SPAWN, S_WAITPID, S_PIPE2_CLOEXEC, S_SPAWN_CLOEXEC_DUP2, S_SHMGET, S_SHMAT,
    S_SHM_WRITE, S_SHMCTL, S_SHMDT, S_MEM_ALLOC, S_MEM_WRITE, S_MEM_FREE, S_TIMER_SET,
    S_TIMER_READ, S_TIMER_INTERVAL, S_SLEEP, S_SETENV, S_HEAP_ALLOC, S_HEAP_REALLOC,
    S_MKDIR, S_RENAME, S_SYMLINK, S_LINK, S_TRACE, S_OPENDIR, S_READDIR, S_POLL, S_EPOLL_CREATE, S_EPOLL_CTL,
    S_EPOLL_WAIT, S_EXEC, S_COUNT
};
static const char *const step_names[S_COUNT] = {
    "open O_CREAT", "write (grow)", "write (grow more)", "ftruncate (grow)", "pipe",
    "write (pipe)", "dup2 to fd 200", "spawn with OPEN/DUP2/CLOSE", "waitpid",
    "pipe2 O_CLOEXEC", "spawn DUP2 from a cloexec fd", "shmget", "shmat", "mem_write (shm)",
    "shmctl RMID", "shmdt", "mem_alloc", "mem_write", "mem_free", "timer_set",
    "read (timer)", "timer_interval", "sleep", "setenv", "heap_alloc", "heap_realloc",
    "mkdir", "rename", "symlink", "link", "trace_enable", "open a directory", "readdir", "poll",
    "epoll_create1", "epoll_ctl ADD", "epoll_wait", "exec",
};

/* Steps whose refused allocation may legitimately show as AX_ENOSPC. */
static int step_grows_file(int step) {
    return step == S_WRITE || step == S_WRITE_MORE || step == S_FTRUNCATE;
}

/* Run one step: on failure record it and check it was clean; returns 0
 * when the scenario may go on. `made` names a file the step creates,
 * which a failure must not leave behind. */
static int step_run(int step, SyscallResult (*call)(void *), void *arg, const char *made,
                    int64_t *value) {
    ProcState before, after;
    TraceSummary ts;
    state_take(walk.k, &before);
    kernel_trace_summary(walk.k, &ts);
    uint64_t runs = ts.tasks_run;
    SyscallResult r = call(arg);
    if (r.error == AX_OK) {
        if (value)
            *value = r.value;
        return 0;
    }
    walk.failed_step = step;
    walk.err = r.error;
    int expected = r.error == AX_ENOMEM || (r.error == AX_ENOSPC && step_grows_file(step));
    kernel_trace_summary(walk.k, &ts);
    char why[256];
    const char *diff = NULL;
    if (ts.tasks_run == runs) { /* it did not block: nobody else changed anything */
        state_take(walk.k, &after);
        diff = state_diff(&before, &after, why, sizeof why);
    }
    if (walk.why[0])
        ; /* the call said why */
    else if (!expected)
        snprintf(walk.why, sizeof walk.why, "%s failed with %s", step_names[step],
                 sys_errname(r.error));
    else if (diff)
        snprintf(walk.why, sizeof walk.why, "%s failed with %s but changed %s",
                 step_names[step], sys_errname(r.error), diff);
    else if (made && sys_exists(made).value == 1)
        snprintf(walk.why, sizeof walk.why, "%s failed with %s but left %s", step_names[step],
                 sys_errname(r.error), made);
    return -1;
}

/* The calls, each with its arguments in one struct. */
typedef struct Args {
    int fd, fd2, region, id;
    const char *path, *path2;
    int flags;
    size_t n;
    int64_t len;
    int *fds;
    void *ptr;
    const SpawnAttr *attr;
} Args;

static SyscallResult c_open(void *v) { Args *a = v; return sys_open(a->path, a->flags, 0644); }
static SyscallResult c_write(void *v) {
    static const char zeros[200000];
    Args *a = v;
    return sys_write(a->fd, zeros, a->n);
}
static SyscallResult c_read(void *v) {
    Args *a = v;
    return sys_read(a->fd, a->ptr, a->n);
}
static SyscallResult c_ftruncate(void *v) { Args *a = v; return sys_ftruncate(a->fd, a->len); }
static SyscallResult c_pipe2(void *v) { Args *a = v; return sys_pipe2(a->fds, a->flags); }
static SyscallResult c_dup2(void *v) { Args *a = v; return sys_dup2(a->fd, a->fd2); }
static SyscallResult c_spawn(void *v) {
    Args *a = v;
    return sys_spawn(a->path, (char *[]){"walkchild", NULL}, NULL, a->attr);
}
static SyscallResult c_waitpid(void *v) {
    Args *a = v;
    int st = -1;
    SyscallResult r = sys_waitpid(a->fd, &st, 0);
    if (r.error == AX_OK && st != 0) { /* the child met a failure: not expected */
        snprintf(walk.why, sizeof walk.why, "the child ended with status 0x%x", (unsigned)st);
        return (SyscallResult){-1, AX_EIO};
    }
    return r;
}
static SyscallResult c_shmget(void *v) { Args *a = v; return sys_shmget(AX_IPC_PRIVATE, a->n, AX_IPC_CREAT | 0600); }
static SyscallResult c_shmat(void *v) { Args *a = v; return sys_shmat(a->id, AX_PROT_READ | AX_PROT_WRITE); }
static SyscallResult c_mem_write(void *v) {
    static const char data[4096] = "walk";
    Args *a = v;
    return sys_mem_write(a->region, 100, data, sizeof data);
}
static SyscallResult c_shmctl(void *v) { Args *a = v; return sys_shmctl(a->id, AX_IPC_RMID, NULL); }
static SyscallResult c_shmdt(void *v) { Args *a = v; return sys_shmdt(a->region); }
static SyscallResult c_mem_alloc(void *v) { Args *a = v; return sys_mem_alloc(a->n, AX_PROT_READ | AX_PROT_WRITE); }
static SyscallResult c_mem_free(void *v) { Args *a = v; return sys_mem_free(a->region); }
static SyscallResult c_timer_set(void *v) { Args *a = v; return sys_timer_set(a->n, 0); }
static SyscallResult c_timer_interval(void *v) { Args *a = v; return sys_timer_interval(a->n, 0); }
static SyscallResult c_sleep(void *v) { Args *a = v; return sys_sleep(a->n); }
static SyscallResult c_setenv(void *v) { Args *a = v; return sys_setenv(a->path, a->path2, 1); }
static SyscallResult c_heap_alloc(void *v) { Args *a = v; return sys_heap_alloc(a->n); }
static SyscallResult c_heap_realloc(void *v) { Args *a = v; return sys_heap_realloc(a->ptr, a->n); }
static SyscallResult c_mkdir(void *v) { Args *a = v; return sys_mkdir(a->path, 0755); }
static SyscallResult c_rename(void *v) { Args *a = v; return sys_rename(a->path, a->path2); }
static SyscallResult c_symlink(void *v) { Args *a = v; return sys_symlink(a->path, a->path2); }
static SyscallResult c_link(void *v) { Args *a = v; return sys_link(a->path, a->path2); }
static SyscallResult c_trace(void *v) { return sys_trace_enable(); }
static SyscallResult c_readdir(void *v) {
    Args *a = v;
    return sys_readdir(a->fd, a->ptr, a->n);
}
static SyscallResult c_poll(void *v) {
    Args *a = v;
    PollFd pfd[2] = {{a->fd, AX_POLLIN, 0}, {a->fd2, AX_POLLIN, 0}};
    return sys_poll(pfd, 2, 10);
}
static SyscallResult c_epoll_create(void *v) { return sys_epoll_create1(0); }
static SyscallResult c_epoll_ctl(void *v) {
    Args *a = v;
    EpollEvent ev = {AX_EPOLLIN, 7};
    return sys_epoll_ctl(a->fd, AX_EPOLL_CTL_ADD, a->fd2, &ev);
}
static SyscallResult c_epoll_wait(void *v) {
    Args *a = v;
    EpollEvent ev[4];
    return sys_epoll_wait(a->fd, ev, 4, 10);
}
static SyscallResult c_exec(void *v) {
    return sys_exec("/bin/walkend", (char *[]){"walkend", NULL}, NULL);
}

static int prog_walkchild(int argc, char **argv) {
    return sys_write(1, "x", 1).value == 1 ? 0 : 1;
}

static int prog_walkend(int argc, char **argv) { return 0; }

#define STEP(s, fn, made, out)                                                           \
    do {                                                                                 \
        if (step_run((s), (fn), &a, (made), (out)) < 0)                                  \
            return 0;                                                                    \
    } while (0)

static int prog_walk(int argc, char **argv) {
    Args a = {0};
    int64_t fd, p[2], kid, id, region, timer, ptr;
    char buf[64];
    int fds[2];

    a = (Args){.path = "/tmp/new", .flags = AX_O_RDWR | AX_O_CREAT};
    STEP(S_OPEN, c_open, "/tmp/new", &fd);
    /* two whole blocks, so that the next write starts with a new one:
     * a refusal there fails the write; a later one only makes it short
     * (a success, as POSIX has it) */
    a = (Args){.fd = (int)fd, .n = 2 * 65536};
    STEP(S_WRITE, c_write, NULL, NULL);
    a.n = 200000;
    STEP(S_WRITE_MORE, c_write, NULL, NULL);
    a = (Args){.fd = (int)fd, .len = 1 << 20};
    STEP(S_FTRUNCATE, c_ftruncate, NULL, NULL);

    a = (Args){.fds = fds};
    STEP(S_PIPE, c_pipe2, NULL, NULL);
    p[0] = fds[0], p[1] = fds[1];
    a = (Args){.fd = (int)p[1], .n = 10000};
    STEP(S_PIPE_WRITE, c_write, NULL, NULL);
    a = (Args){.fd = (int)fd, .fd2 = 200};
    STEP(S_DUP2_HIGH, c_dup2, NULL, NULL);

    SpawnFileAction fa[] = {
        {.kind = AX_SPAWN_OPEN, .fd = 9, .path = "/tmp/made", .oflag = AX_O_WRONLY | AX_O_CREAT, .mode = 0644},
        {.kind = AX_SPAWN_DUP2, .fd = (int)p[1], .newfd = 1},
        {.kind = AX_SPAWN_CLOSE, .fd = 9},
        {.kind = AX_SPAWN_CLOSE, .fd = (int)p[0]},
    };
    SpawnAttr attr = {.actions = fa, .nactions = 4};
    a = (Args){.path = "/bin/walkchild", .attr = &attr};
    STEP(S_SPAWN, c_spawn, "/tmp/made", &kid);
    a = (Args){.fd = (int)kid};
    STEP(S_WAITPID, c_waitpid, NULL, NULL);

    a = (Args){.fds = fds, .flags = AX_O_CLOEXEC};
    STEP(S_PIPE2_CLOEXEC, c_pipe2, NULL, NULL);
    SpawnFileAction fa2[] = {{.kind = AX_SPAWN_DUP2, .fd = fds[1], .newfd = 1}};
    SpawnAttr attr2 = {.actions = fa2, .nactions = 1};
    a = (Args){.path = "/bin/walkchild", .attr = &attr2};
    STEP(S_SPAWN_CLOEXEC_DUP2, c_spawn, NULL, &kid);
    sys_close(fds[1]);
    sys_waitpid((int)kid, NULL, 0);
    if (sys_read(fds[0], buf, sizeof buf).value != 1)
        return 3; /* the child did not write through the cloexec pipe */
    sys_close(fds[0]);

    a = (Args){.n = 65536};
    STEP(S_SHMGET, c_shmget, NULL, &id);
    a = (Args){.id = (int)id};
    STEP(S_SHMAT, c_shmat, NULL, &region);
    a = (Args){.region = (int)region};
    STEP(S_SHM_WRITE, c_mem_write, NULL, NULL);
    a = (Args){.id = (int)id};
    STEP(S_SHMCTL, c_shmctl, NULL, NULL);
    a = (Args){.region = (int)region};
    STEP(S_SHMDT, c_shmdt, NULL, NULL);

    a = (Args){.n = 131072};
    STEP(S_MEM_ALLOC, c_mem_alloc, NULL, &region);
    a = (Args){.region = (int)region};
    STEP(S_MEM_WRITE, c_mem_write, NULL, NULL);
    STEP(S_MEM_FREE, c_mem_free, NULL, NULL);

    a = (Args){.n = 1000000};
    STEP(S_TIMER_SET, c_timer_set, NULL, &timer);
    uint64_t count;
    a = (Args){.fd = (int)timer, .ptr = &count, .n = sizeof count};
    STEP(S_TIMER_READ, c_read, NULL, NULL);
    a = (Args){.n = 1000};
    STEP(S_TIMER_INTERVAL, c_timer_interval, NULL, &timer);
    a = (Args){.n = 5000000};
    STEP(S_SLEEP, c_sleep, NULL, NULL);

    a = (Args){.path = "WALK", .path2 = "a value"};
    STEP(S_SETENV, c_setenv, NULL, NULL);
    a = (Args){.n = 1000};
    STEP(S_HEAP_ALLOC, c_heap_alloc, NULL, &ptr);
    a = (Args){.ptr = (void *)(uintptr_t)ptr, .n = 100000};
    STEP(S_HEAP_REALLOC, c_heap_realloc, NULL, NULL);

    a = (Args){.path = "/tmp/d"};
    STEP(S_MKDIR, c_mkdir, "/tmp/d", NULL);
    a = (Args){.path = "/tmp/new", .path2 = "/tmp/d/new"};
    STEP(S_RENAME, c_rename, "/tmp/d/new", NULL);
    a = (Args){.path = "new", .path2 = "/tmp/d/sym"};
    STEP(S_SYMLINK, c_symlink, "/tmp/d/sym", NULL);
    a = (Args){.path = "/tmp/d/new", .path2 = "/tmp/d/hard"};
    STEP(S_LINK, c_link, "/tmp/d/hard", NULL);
    STEP(S_TRACE, c_trace, NULL, NULL);
    sys_trace_disable();

    DirEntry ents[4];
    int64_t dir, ep;
    a = (Args){.path = "/bin", .flags = AX_O_RDONLY | AX_O_DIRECTORY};
    STEP(S_OPENDIR, c_open, NULL, &dir);
    a = (Args){.fd = (int)dir, .ptr = ents, .n = 4};
    STEP(S_READDIR, c_readdir, NULL, NULL);
    a = (Args){.fd = (int)p[0], .fd2 = (int)timer};
    STEP(S_POLL, c_poll, NULL, NULL);
    STEP(S_EPOLL_CREATE, c_epoll_create, NULL, &ep);
    a = (Args){.fd = (int)ep, .fd2 = (int)timer};
    STEP(S_EPOLL_CTL, c_epoll_ctl, NULL, NULL);
    a = (Args){.fd = (int)ep};
    STEP(S_EPOLL_WAIT, c_epoll_wait, NULL, NULL);
    STEP(S_EXEC, c_exec, NULL, NULL);
    return 4; /* exec returned success: impossible */
}

static void test_each_allocation_failure_is_clean(void **state) {
    int failures[S_COUNT] = {0};
    long runs = 0;
    for (long n = 1;; n++) {
        Kernel *k = harness_kernel(NULL);
        kernel_install_program(k, "/bin/walk", prog_walk);
        kernel_install_program(k, "/bin/walkchild", prog_walkchild);
        kernel_install_program(k, "/bin/walkend", prog_walkend);
        SyscallResult r = kernel_spawn(k, "/bin/walk", NULL);
        assert_int_equal(r.error, AX_OK);
        memset(&walk, 0, sizeof walk);
        walk.k = k;
        walk.failed_step = -1;
        HarnessAlloc *a = harness_allocator(k);
        a->fail_at = a->total_allocs + n; /* refuse the scenario's n-th allocation */
        int st = -1;
        assert_int_equal(kernel_wait(k, (int)r.value, &st), 0);
        int reached = a->total_allocs >= a->fail_at;
        a->fail_at = 0;
        if (walk.why[0])
            fail_msg("allocation %ld: %s", n, walk.why);
        if (st != 0)
            fail_msg("allocation %ld: the scenario ended with status 0x%x", n, st);
        harness_destroy(k); /* nothing left, nothing leaked */
        runs++;
        if (walk.failed_step >= 0)
            failures[walk.failed_step]++;
        if (!reached) {
            assert_int_equal(walk.failed_step, -1); /* ran through */
            break;
        }
        assert_true(n < 100000);
    }
    /* every step that allocates was made to fail at least once */
    /* (ftruncate's growth is a hole: it allocates nothing) */
    static const int allocating[] = {S_OPEN, S_WRITE, S_WRITE_MORE, S_PIPE,
                                     S_DUP2_HIGH, S_SPAWN, S_PIPE2_CLOEXEC,
                                     S_SPAWN_CLOEXEC_DUP2, S_SHMGET, S_SHMAT, S_MEM_ALLOC,
                                     S_TIMER_SET, S_TIMER_INTERVAL, S_SETENV, S_HEAP_ALLOC,
                                     S_HEAP_REALLOC, S_MKDIR, S_TRACE, S_READDIR,
                                     S_EPOLL_CREATE, S_EPOLL_CTL, S_EXEC};
    for (size_t i = 0; i < sizeof allocating / sizeof *allocating; i++)
        if (failures[allocating[i]] == 0)
            fail_msg("%s never saw a refused allocation", step_names[allocating[i]]);
    print_message("%ld runs; refused allocations per step:", runs);
    for (int i = 0; i < S_COUNT; i++)
        if (failures[i])
            print_message(" %s %d;", step_names[i], failures[i]);
    print_message("\n");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_allocation_failure_is_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
