/* Hypotheses about pseudo-terminals: a pair made by posix_openpt carries
 * typed input through the slave's line discipline and the slave's output
 * (with ONLCR) back to the master; the slave is a controlling terminal
 * with job control, ^C and SIGWINCH; both directions are bounded; the
 * ends behave as Linux's (EIO, hang-up); every call checks its input. */
#include <stdio.h>
#include <string.h>

#include "vfs_test.h"

static int prog_leader(int argc, char **argv);
static int prog_sleeper(int argc, char **argv);
static int prog_bg_reader(int argc, char **argv);
static int prog_job_leader(int argc, char **argv);
static int prog_ctty(int argc, char **argv);
static int prog_bulk_writer(int argc, char **argv);
static int prog_late_writer(int argc, char **argv);

static void install(Kernel *k) {
    kernel_install_program(k, "/bin/leader", prog_leader);
    kernel_install_program(k, "/bin/sleeper", prog_sleeper);
    kernel_install_program(k, "/bin/bgread", prog_bg_reader);
    kernel_install_program(k, "/bin/jobs", prog_job_leader);
    kernel_install_program(k, "/bin/ctty", prog_ctty);
    kernel_install_program(k, "/bin/bulk", prog_bulk_writer);
    kernel_install_program(k, "/bin/late", prog_late_writer);
}

/* Run main as /bin/t, with the helper programs and the userland
 * installed; it must exit 0, and nothing may leak. */
static void run_with_programs(ProgramMain main) {
    Kernel *k = harness_kernel(NULL);
    vt_kernel = k;
    install(k);
    assert_int_equal(kernel_install_userland(k), 0);
    assert_int_equal(kernel_install_program(k, "/bin/t", main), 0);
    int status = harness_run(k, (char *[]){"/bin/t", NULL});
    assert_true(AX_WIFEXITED(status));
    assert_int_equal(AX_WEXITSTATUS(status), 0);
    harness_destroy(k);
}

/* PTY_TEST(name) { body }: a cmocka test whose body runs in a task. */
#define PTY_TEST(name)                                                               \
    static int name##_main(int argc, char **argv);                                   \
    static void name(void **state) { run_with_programs(name##_main); }               \
    static int name##_main(int argc, char **argv)

/* A new pair, unlocked, its master close-on-exec (children must not keep
 * it open); *slave (unless NULL) opened with flags. */
static int open_pair(int *slave, int flags) {
    int m = (int)OK(sys_posix_openpt(AX_O_RDWR | AX_O_NOCTTY | AX_O_CLOEXEC));
    OK(sys_grantpt(m));
    OK(sys_unlockpt(m));
    if (slave) {
        char name[32];
        OK(sys_ptsname(m, name, sizeof name));
        *slave = (int)OK(sys_open(name, AX_O_RDWR | flags, 0));
    }
    return m;
}

/* Read what the master has (non-blocking) into buf as a string. */
static const char *drain(int m, char *buf, size_t size) {
    int fl = (int)OK(sys_fcntl(m, AX_F_GETFL, 0));
    OK(sys_fcntl(m, AX_F_SETFL, fl | AX_O_NONBLOCK));
    size_t got = 0;
    for (;;) {
        SyscallResult r = sys_read(m, buf + got, size - 1 - got);
        if (r.error != AX_OK || r.value == 0)
            break;
        got += (size_t)r.value;
    }
    buf[got] = '\0';
    OK(sys_fcntl(m, AX_F_SETFL, fl));
    return buf;
}

static void put(int fd, const char *s) {
    assert_int_equal(OK(sys_write(fd, s, strlen(s))), strlen(s));
}

/* ---- the pair ---- */

/* The slave is /dev/pts/N with N the lowest free; it cannot be opened
 * until unlockpt; /dev/ptmx makes pairs too. */
PTY_TEST(test_pairs_are_named_locked_and_numbered_lowest_first) {
    int m0 = (int)OK(sys_posix_openpt(AX_O_RDWR));
    char name[32];
    assert_int_equal(OK(sys_ptsname(m0, name, sizeof name)), strlen("/dev/pts/0"));
    assert_string_equal(name, "/dev/pts/0");
    FileStat st;
    OK(sys_stat("/dev/pts/0", &st));
    assert_true(AX_S_ISCHR(st.mode));
    ERR(sys_open("/dev/pts/0", AX_O_RDWR, 0), AX_EIO); /* locked */
    OK(sys_unlockpt(m0));
    int s0 = (int)OK(sys_open("/dev/pts/0", AX_O_RDWR, 0));
    int m1 = (int)OK(sys_open("/dev/ptmx", AX_O_RDWR, 0));
    OK(sys_ptsname(m1, name, sizeof name));
    assert_string_equal(name, "/dev/pts/1");
    OK(sys_close(m1)); /* its node goes with it */
    ERR(sys_stat("/dev/pts/1", &st), AX_ENOENT);
    int m2 = (int)OK(sys_posix_openpt(AX_O_RDWR));
    OK(sys_ptsname(m2, name, sizeof name));
    assert_string_equal(name, "/dev/pts/1"); /* the lowest free again */
    /* isatty on both sides */
    TermAttr t;
    OK(sys_tcgetattr(s0, &t));
    OK(sys_tcgetattr(m0, &t));
    OK(sys_close(m2));
    OK(sys_close(s0));
    OK(sys_close(m0));
    ERR(sys_stat("/dev/pts/0", &st), AX_ENOENT);
    return 0;
}

/* Every call checks its arguments and a failure changes nothing. */
PTY_TEST(test_bad_arguments_get_clear_errors) {
    ERR(sys_posix_openpt(AX_O_RDONLY), AX_EINVAL);
    ERR(sys_posix_openpt(AX_O_WRONLY), AX_EINVAL);
    ERR(sys_posix_openpt(AX_O_RDWR | AX_O_CREAT), AX_EINVAL);
    FileStat st;
    ERR(sys_stat("/dev/pts/0", &st), AX_ENOENT); /* no pair was made */
    int pfd[2];
    OK(sys_pipe(pfd));
    ERR(sys_grantpt(99), AX_EBADF);
    ERR(sys_grantpt(pfd[0]), AX_EINVAL);
    ERR(sys_unlockpt(-1), AX_EBADF);
    ERR(sys_unlockpt(pfd[0]), AX_EINVAL);
    char name[32] = "untouched";
    ERR(sys_ptsname(pfd[0], name, sizeof name), AX_ENOTTY);
    ERR(sys_ptsname(77, name, sizeof name), AX_EBADF);
    int s, m = open_pair(&s, AX_O_NOCTTY);
    ERR(sys_ptsname(m, NULL, 32), AX_EINVAL);
    ERR(sys_ptsname(m, name, strlen("/dev/pts/0")), AX_ERANGE); /* no room for the NUL */
    assert_string_equal(name, "untouched");
    ERR(sys_ptsname(s, name, sizeof name), AX_ENOTTY); /* a slave is not a master */
    ERR(sys_grantpt(s), AX_EINVAL);
    ERR(sys_tiocsctty(pfd[0], 0), AX_ENOTTY);
    ERR(sys_tiocsctty(m, 0), AX_ENOTTY); /* a master never controls */
    ERR(sys_tiocsctty(99, 0), AX_EBADF);
    ERR(sys_tcsetattr(m, 9, &(TermAttr){0}), AX_EINVAL);
    ERR(sys_tcgetattr(m, NULL), AX_EFAULT);
    OK(sys_close(pfd[0]));
    OK(sys_close(pfd[1]));
    OK(sys_close(s));
    OK(sys_close(m));
    return 0;
}

/* Typed input goes through the slave's canonical discipline with echo;
 * output gets "\r\n" under OPOST|ONLCR and stays as it is without. */
PTY_TEST(test_input_is_edited_and_output_is_processed) {
    int s, m = open_pair(&s, AX_O_NOCTTY);
    char buf[256];
    put(m, "helo\x7flo wrold\x17world\n");
    SyscallResult r = sys_read(s, buf, sizeof buf);
    assert_int_equal(r.error, AX_OK);
    assert_int_equal(r.value, strlen("hello world\n"));
    assert_memory_equal(buf, "hello world\n", r.value);
    assert_string_equal(drain(m, buf, sizeof buf), "helo\b \blo wrold\b \b\b \b\b \b\b \b\b \bworld\r\n");
    put(s, "a\nb\n");
    assert_string_equal(drain(m, buf, sizeof buf), "a\r\nb\r\n");
    TermAttr t;
    OK(sys_tcgetattr(s, &t));
    t.oflag &= ~(uint32_t)AX_OPOST;
    t.lflag &= ~(uint32_t)(AX_ICANON | AX_ECHO);
    t.cc[AX_VMIN] = 1;
    OK(sys_tcsetattr(m, AX_TCSANOW, &t)); /* the master may set it too */
    put(s, "c\nd");
    assert_string_equal(drain(m, buf, sizeof buf), "c\nd");
    put(m, "xy"); /* raw: readable at once, not echoed */
    assert_int_equal(OK(sys_read(s, buf, sizeof buf)), 2);
    assert_string_equal(drain(m, buf, sizeof buf), "");
    OK(sys_close(s));
    OK(sys_close(m));
    return 0;
}

/* Linux's ends: a master read waits before the slave is first opened,
 * finds EIO once every slave is closed, and works again after a reopen;
 * a master write with no slave open fails with EIO. */
PTY_TEST(test_master_sees_the_slave_side_close) {
    int m = open_pair(NULL, 0);
    char buf[64];
    OK(sys_fcntl(m, AX_F_SETFL, AX_O_NONBLOCK));
    ERR(sys_read(m, buf, sizeof buf), AX_EAGAIN); /* never opened: would wait */
    ERR(sys_write(m, "x", 1), AX_EIO);
    OK(sys_ptsname(m, buf, sizeof buf));
    int s = (int)OK(sys_open(buf, AX_O_RDWR | AX_O_NOCTTY, 0));
    int s2 = (int)OK(sys_dup(s));
    put(s, "bye\n");
    OK(sys_close(s));
    OK(sys_close(s2));
    assert_int_equal(OK(sys_read(m, buf, sizeof buf)), 5); /* what was written first */
    ERR(sys_read(m, buf, sizeof buf), AX_EIO);
    OK(sys_ptsname(m, buf, sizeof buf));
    s = (int)OK(sys_open(buf, AX_O_RDWR | AX_O_NOCTTY, 0));
    ERR(sys_read(m, buf, sizeof buf), AX_EAGAIN);
    OK(sys_close(s));
    OK(sys_close(m));
    return 0;
}

/* Readiness: the master is readable with output, hung up once the slaves
 * are closed; the slave is readable with a finished line, everything once
 * the master is gone. A poll waiting on the master wakes for output. */
static int revents(int fd, int events) {
    PollFd p = {.fd = fd, .events = (int16_t)events};
    OK(sys_poll(&p, 1, 0));
    return p.revents;
}

static int prog_late_writer(int argc, char **argv) {
    sys_sleep(1000000);
    sys_write(1, "late", 4);
    return 0;
}

PTY_TEST(test_both_sides_poll) {
    int s, m = open_pair(&s, AX_O_NOCTTY);
    assert_int_equal(revents(m, AX_POLLIN | AX_POLLOUT), AX_POLLOUT);
    assert_int_equal(revents(s, AX_POLLIN | AX_POLLOUT), AX_POLLOUT);
    put(m, "ab");
    assert_int_equal(revents(s, AX_POLLIN), 0); /* canonical: no line yet */
    assert_int_equal(revents(m, AX_POLLIN), AX_POLLIN); /* the echo */
    put(m, "\n");
    assert_int_equal(revents(s, AX_POLLIN), AX_POLLIN);
    char buf[64];
    drain(m, buf, sizeof buf);
    assert_int_equal(revents(m, AX_POLLIN), 0);
    /* a poll that waits wakes when a child writes to the slave */
    SpawnAttr at = {.nactions = 1,
                    .actions = &(SpawnFileAction){.kind = AX_SPAWN_DUP2, .fd = s, .newfd = 1}};
    int pid = (int)OK(sys_spawn("/bin/late", (char *[]){"late", NULL}, NULL, &at));
    PollFd p = {.fd = m, .events = AX_POLLIN};
    assert_int_equal(OK(sys_poll(&p, 1, -1)), 1);
    assert_int_equal(p.revents, AX_POLLIN);
    int st;
    OK(sys_waitpid(pid, &st, 0));
    assert_string_equal(drain(m, buf, sizeof buf), "late");
    OK(sys_close(s));
    assert_int_equal(revents(m, AX_POLLIN) & AX_POLLHUP, AX_POLLHUP);
    s = (int)OK(sys_open("/dev/pts/0", AX_O_RDWR | AX_O_NOCTTY, 0));
    OK(sys_close(m));
    assert_true(revents(s, AX_POLLIN) & AX_POLLHUP);
    OK(sys_close(s));
    return 0;
}

/* Each direction holds 64 KiB: a non-blocking writer gets what fits and
 * then EAGAIN; a blocking one waits for the reader and moves it all. */
static int prog_bulk_writer(int argc, char **argv) {
    static char big[200000];
    memset(big, 'z', sizeof big);
    SyscallResult r = sys_write(1, big, sizeof big);
    return r.error == AX_OK && r.value == (int64_t)sizeof big ? 0 : 1;
}

PTY_TEST(test_both_directions_are_bounded) {
    int s, m = open_pair(&s, AX_O_NOCTTY | AX_O_NONBLOCK);
    static char big[100000];
    memset(big, 'q', sizeof big);
    assert_int_equal(OK(sys_write(s, big, sizeof big)), 65536);
    ERR(sys_write(s, big, 1), AX_EAGAIN);
    TermAttr t;
    OK(sys_tcgetattr(s, &t));
    t.lflag &= ~(uint32_t)(AX_ICANON | AX_ECHO);
    OK(sys_tcsetattr(s, AX_TCSANOW, &t));
    OK(sys_fcntl(m, AX_F_SETFL, AX_O_NONBLOCK));
    assert_int_equal(OK(sys_write(m, big, sizeof big)), 65536); /* unread input */
    ERR(sys_write(m, big, 1), AX_EAGAIN);
    char buf[4096];
    OK(sys_read(s, buf, sizeof buf));
    assert_int_equal(OK(sys_write(m, big, sizeof big)), sizeof buf); /* room again */
    /* a blocking writer moves everything as the reader drains */
    OK(sys_fcntl(m, AX_F_SETFL, 0));
    size_t total = 0;
    while (total < 65536)
        total += (size_t)OK(sys_read(m, buf, sizeof buf));
    OK(sys_fcntl(s, AX_F_SETFL, 0));
    SpawnAttr at = {.nactions = 1,
                    .actions = &(SpawnFileAction){.kind = AX_SPAWN_DUP2, .fd = s, .newfd = 1}};
    int pid = (int)OK(sys_spawn("/bin/bulk", (char *[]){"bulk", NULL}, NULL, &at));
    total = 0;
    while (total < 200000) {
        SyscallResult r = sys_read(m, buf, sizeof buf);
        assert_int_equal(r.error, AX_OK);
        for (int64_t i = 0; i < r.value; i++)
            assert_int_equal(buf[i], 'z');
        total += (size_t)r.value;
    }
    int st;
    OK(sys_waitpid(pid, &st, 0));
    assert_int_equal(st, 0);
    OK(sys_close(s));
    OK(sys_close(m));
    return 0;
}

/* ---- the slave as a controlling terminal ---- */

/* The session leader a terminal emulator starts: reports what it sees of
 * its terminal, then reads lines until end of file, echoing each. */
static int prog_leader(int argc, char **argv) {
    int me = (int)sys_getpid().value;
    char buf[128];
    int n = snprintf(buf, sizeof buf, "fg=%s sid=%s\n",
                     sys_tcgetpgrp(0).value == me ? "me" : "other",
                     sys_getsid(0).value == me ? "me" : "other");
    sys_write(1, buf, (size_t)n);
    for (;;) {
        SyscallResult r = sys_read(0, buf, sizeof buf);
        if (r.error != AX_OK || r.value == 0) {
            sys_write(1, "eof\n", 4);
            return r.error == AX_OK ? 0 : 2;
        }
        sys_write(1, buf, (size_t)r.value);
    }
}

/* Start argv on the slave named `name` as a new session: its fds 0, 1, 2
 * open the slave, the first of which makes it the controlling terminal. */
static int start_on(const char *name, char *const argv[]) {
    SpawnFileAction fa[3] = {
        {.kind = AX_SPAWN_OPEN, .fd = 0, .path = name, .oflag = AX_O_RDWR},
        {.kind = AX_SPAWN_DUP2, .fd = 0, .newfd = 1},
        {.kind = AX_SPAWN_DUP2, .fd = 0, .newfd = 2},
    };
    SpawnAttr at = {.flags = AX_SPAWN_SETSID, .actions = fa, .nactions = 3};
    return (int)OK(sys_spawn(argv[0], argv, NULL, &at));
}

/* Read from the master until `want` has appeared (blocking reads). */
static void expect(int m, const char *want) {
    static char acc[4096];
    size_t len = 0;
    while (!strstr(acc, want)) {
        SyscallResult r = sys_read(m, acc + len, sizeof acc - 1 - len);
        if (r.error != AX_OK)
            fail_msg("waiting for '%s', read gave %s after '%s'", want, sys_errname(r.error), acc);
        len += (size_t)r.value;
        acc[len] = '\0';
    }
    acc[0] = '\0';
}

PTY_TEST(test_a_new_session_opening_the_slave_gets_it_as_terminal) {
    char name[32];
    int m = open_pair(NULL, 0);
    OK(sys_ptsname(m, name, sizeof name));
    int pid = start_on(name, (char *[]){"/bin/leader", NULL});
    expect(m, "fg=me sid=me\r\n");
    put(m, "one\n");
    expect(m, "one\r\none\r\n"); /* the echo, then the leader's copy */
    put(m, "\x04"); /* ^D at a line start: end of file */
    expect(m, "eof\r\n");
    int st;
    OK(sys_waitpid(pid, &st, 0));
    assert_int_equal(st, 0);
    /* The session is gone: the slave is free for the next leader. */
    pid = start_on(name, (char *[]){"/bin/leader", NULL});
    expect(m, "fg=me sid=me\r\n");
    put(m, "\x04");
    OK(sys_waitpid(pid, &st, 0));
    OK(sys_close(m));
    return 0;
}

/* ^C typed at the master signals the slave's foreground group; a new
 * window size sends it SIGWINCH. */
static int winched;
static void on_winch(int sig) { winched++; }

static int prog_sleeper(int argc, char **argv) {
    sys_signal(AX_SIGWINCH, on_winch);
    sys_write(1, "ready\n", 6);
    while (winched == 0)
        sys_pause();
    WinSize ws;
    sys_tcgetwinsize(0, &ws);
    char buf[64];
    int n = snprintf(buf, sizeof buf, "winch %ux%u\n", ws.cols, ws.rows);
    sys_write(1, buf, (size_t)n);
    for (;;)
        sys_pause();
    return 0;
}

PTY_TEST(test_interrupt_and_window_size_reach_the_foreground_group) {
    char name[32];
    int m = open_pair(NULL, 0);
    OK(sys_ptsname(m, name, sizeof name));
    int pid = start_on(name, (char *[]){"/bin/sleeper", NULL});
    expect(m, "ready\r\n");
    assert_int_equal(OK(sys_tcgetpgrp(m)), pid); /* the master may ask */
    ERR(sys_tcsetpgrp(m, pid), AX_ENOTTY);       /* but not set: not its terminal */
    OK(sys_tcsetwinsize(m, &(WinSize){.rows = 40, .cols = 100}));
    expect(m, "winch 100x40\r\n");
    put(m, "\x03");
    int st;
    OK(sys_waitpid(pid, &st, 0));
    assert_true(AX_WIFSIGNALED(st));
    assert_int_equal(AX_WTERMSIG(st), AX_SIGINT);
    OK(sys_close(m));
    return 0;
}

/* A background job that reads the pty is stopped by SIGTTIN. */
static int prog_bg_reader(int argc, char **argv) {
    char c;
    sys_read(0, &c, 1);
    return 0;
}

static int prog_job_leader(int argc, char **argv) {
    SpawnAttr at = {.flags = AX_SPAWN_SETPGROUP};
    int c = (int)sys_spawn("/bin/bgread", (char *[]){"bgread", NULL}, NULL, &at).value;
    int st = 0;
    sys_waitpid(c, &st, AX_WUNTRACED);
    char buf[64];
    int n = snprintf(buf, sizeof buf, "child %s\n",
                     AX_WIFSTOPPED(st) ? sys_signame(AX_WSTOPSIG(st)) : "not stopped");
    sys_write(1, buf, (size_t)n);
    sys_kill(c, AX_SIGKILL);
    sys_waitpid(c, &st, 0);
    return 0;
}

PTY_TEST(test_a_background_reader_is_stopped) {
    char name[32];
    int m = open_pair(NULL, 0);
    OK(sys_ptsname(m, name, sizeof name));
    int pid = start_on(name, (char *[]){"/bin/jobs", NULL});
    expect(m, "child SIGTTIN\r\n");
    int st;
    OK(sys_waitpid(pid, &st, 0));
    OK(sys_close(m));
    return 0;
}

/* Closing the master hangs up the slave: the leader gets SIGHUP (its
 * default ends it), reads would return 0, /dev/pts/N goes. */
PTY_TEST(test_closing_the_master_hangs_up_the_session) {
    char name[32];
    int m = open_pair(NULL, 0);
    OK(sys_ptsname(m, name, sizeof name));
    int pid = start_on(name, (char *[]){"/bin/leader", NULL});
    expect(m, "fg=me sid=me\r\n");
    int s = (int)OK(sys_open(name, AX_O_RDWR | AX_O_NOCTTY, 0));
    OK(sys_close(m));
    int st;
    OK(sys_waitpid(pid, &st, 0));
    assert_true(AX_WIFSIGNALED(st));
    assert_int_equal(AX_WTERMSIG(st), AX_SIGHUP);
    char c;
    assert_int_equal(OK(sys_read(s, &c, 1)), 0);
    ERR(sys_write(s, "x", 1), AX_EIO);
    FileStat fs;
    ERR(sys_stat(name, &fs), AX_ENOENT);
    OK(sys_close(s));
    return 0;
}

/* The same when the leader holds the only slave fds: the SIGHUP ends it
 * inside the master's close, its exit closes the last slave, and the pty
 * must outlive the hangup that is still running. */
PTY_TEST(test_the_last_slave_may_close_during_the_hangup) {
    char name[32];
    int m = open_pair(NULL, 0);
    OK(sys_ptsname(m, name, sizeof name));
    int pid = start_on(name, (char *[]){"/bin/leader", NULL});
    expect(m, "fg=me sid=me\r\n");
    OK(sys_close(m));
    int st;
    OK(sys_waitpid(pid, &st, 0));
    assert_true(AX_WIFSIGNALED(st));
    assert_int_equal(AX_WTERMSIG(st), AX_SIGHUP);
    FileStat fs;
    ERR(sys_stat(name, &fs), AX_ENOENT);
    return 0;
}

/* TIOCSCTTY: only a session leader without a terminal; a terminal that
 * controls another session needs force. */
static int prog_ctty(int argc, char **argv) {
    int fd = (int)sys_open(argv[1], AX_O_RDWR | AX_O_NOCTTY, 0).value;
    int me = (int)sys_getpid().value;
    if (sys_tcgetpgrp(fd).error != AX_ENOTTY) /* O_NOCTTY: not taken */
        return 1;
    SyscallResult r = sys_tiocsctty(fd, 0);
    if (strcmp(argv[2], "steal") == 0) {
        if (r.error != AX_EPERM)
            return 2;
        r = sys_tiocsctty(fd, 1);
    }
    if (r.error != AX_OK || sys_tcgetpgrp(fd).value != me)
        return 3;
    if (sys_tiocsctty(fd, 0).error != AX_OK) /* already ours */
        return 4;
    return 0;
}

PTY_TEST(test_tiocsctty_takes_a_terminal_by_the_rules) {
    char name[32];
    int s, m = open_pair(&s, AX_O_NOCTTY);
    OK(sys_ptsname(m, name, sizeof name));
    ERR(sys_tiocsctty(s, 0), AX_EPERM); /* the test program leads no session of its own */
    SpawnAttr at = {.flags = AX_SPAWN_SETSID};
    int st;
    int pid = (int)OK(sys_spawn("/bin/ctty", (char *[]){"ctty", name, "take", NULL}, NULL, &at));
    OK(sys_waitpid(pid, &st, 0));
    assert_int_equal(st, 0);
    /* the slave is free again (its session ended); take it, then steal it */
    int leader = start_on(name, (char *[]){"/bin/leader", NULL});
    expect(m, "fg=me sid=me\r\n");
    pid = (int)OK(sys_spawn("/bin/ctty", (char *[]){"ctty", name, "steal", NULL}, NULL, &at));
    OK(sys_waitpid(pid, &st, 0));
    assert_int_equal(st, 0);
    put(m, "\x04");
    OK(sys_waitpid(leader, &st, 0));
    OK(sys_close(s));
    OK(sys_close(m));
    return 0;
}

/* A spawn that fails after its file actions opened the slave leaves the
 * slave controlling no session. */
PTY_TEST(test_a_failed_spawn_leaves_the_terminal_free) {
    char name[32];
    int m = open_pair(NULL, 0);
    OK(sys_ptsname(m, name, sizeof name));
    SpawnFileAction fa[2] = {
        {.kind = AX_SPAWN_OPEN, .fd = 0, .path = name, .oflag = AX_O_RDWR},
        {.kind = AX_SPAWN_DUP2, .fd = 42, .newfd = 5}, /* fails: EBADF */
    };
    SpawnAttr at = {.flags = AX_SPAWN_SETSID, .actions = fa, .nactions = 2};
    ERR(sys_spawn("/bin/leader", (char *[]){"leader", NULL}, NULL, &at), AX_EBADF);
    assert_int_equal(OK(sys_tcgetpgrp(m)), 0);
    int pid = start_on(name, (char *[]){"/bin/leader", NULL}); /* gets the same pid */
    expect(m, "fg=me sid=me\r\n");
    put(m, "\x04");
    int st;
    OK(sys_waitpid(pid, &st, 0));
    OK(sys_close(m));
    return 0;
}

/* Only pairs make and remove names in /dev/pts. */
PTY_TEST(test_dev_pts_is_sealed) {
    int m = open_pair(NULL, 0);
    ERR(sys_rename("/dev/pts/0", "/tmp/moved"), AX_EACCES);
    ERR(sys_unlink("/dev/pts/0"), AX_EACCES);
    ERR(sys_open("/dev/pts/9", AX_O_RDWR | AX_O_CREAT, 0600), AX_EACCES);
    ERR(sys_mkdir("/dev/pts/d", 0755), AX_EACCES);
    ERR(sys_rmdir("/dev/pts"), AX_ENOTEMPTY);
    OK(sys_close(m));
    ERR(sys_rmdir("/dev/pts"), AX_EACCES);
    return 0;
}

/* At most PTY_MAX (256) pairs. */
PTY_TEST(test_pairs_run_out_with_enospc) {
    static int fds[256];
    for (int i = 0; i < 256; i++)
        fds[i] = (int)OK(sys_posix_openpt(AX_O_RDWR));
    ERR(sys_posix_openpt(AX_O_RDWR), AX_ENOSPC);
    for (int i = 0; i < 256; i++)
        OK(sys_close(fds[i]));
    return 0;
}

/* The shell runs on a pty as on the console. */
PTY_TEST(test_the_shell_runs_on_a_pty) {
    char name[32];
    int m = open_pair(NULL, 0);
    OK(sys_ptsname(m, name, sizeof name));
    int pid = start_on(name, (char *[]){"/bin/sh", "-i", NULL});
    put(m, "echo hi; echo $((6*7))\n");
    expect(m, "hi\r\n42\r\n");
    put(m, "exit 3\n");
    int st;
    OK(sys_waitpid(pid, &st, 0));
    assert_int_equal(AX_WEXITSTATUS(st), 3);
    OK(sys_close(m));
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pairs_are_named_locked_and_numbered_lowest_first),
        cmocka_unit_test(test_bad_arguments_get_clear_errors),
        cmocka_unit_test(test_input_is_edited_and_output_is_processed),
        cmocka_unit_test(test_master_sees_the_slave_side_close),
        cmocka_unit_test(test_both_sides_poll),
        cmocka_unit_test(test_both_directions_are_bounded),
        cmocka_unit_test(test_a_new_session_opening_the_slave_gets_it_as_terminal),
        cmocka_unit_test(test_interrupt_and_window_size_reach_the_foreground_group),
        cmocka_unit_test(test_a_background_reader_is_stopped),
        cmocka_unit_test(test_closing_the_master_hangs_up_the_session),
        cmocka_unit_test(test_the_last_slave_may_close_during_the_hangup),
        cmocka_unit_test(test_tiocsctty_takes_a_terminal_by_the_rules),
        cmocka_unit_test(test_a_failed_spawn_leaves_the_terminal_free),
        cmocka_unit_test(test_dev_pts_is_sealed),
        cmocka_unit_test(test_pairs_run_out_with_enospc),
        cmocka_unit_test(test_the_shell_runs_on_a_pty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
