/* Pipes: both ends, end of file, EPIPE and SIGPIPE, non-blocking reads
 * and writes, capacity, partial writes, and readers and writers that
 * block until a child acts. */
#include <string.h>

#include "dt.h"

/* Writes argv[1] bytes to fd 1 in 4 KiB writes, then exits. */
static int role_writer(int argc, char **argv) {
    static const char block[4096]; /* read-only: safe to share */
    long total = 0, want = argc > 1 ? (argv[1][0] - '0') * 100000L : 0;
    while (total < want) {
        long n = want - total < 4096 ? want - total : 4096;
        long w = dt_write(1, block, (size_t)n);
        if (w < 0)
            return 1;
        total += w;
    }
    return 0;
}

/* Counts what fd 0 gives until end of file; exit status: total / 100000. */
static int role_counter(int argc, char **argv) {
    char buf[5000];
    long total = 0, r;
    while ((r = dt_read(0, buf, sizeof buf)) > 0)
        total += r;
    return r < 0 ? 99 : (int)(total / 100000);
}

/* Waits until its parent blocks, then writes one byte to fd 1. */
static int role_late_writer(int argc, char **argv) {
    if (dt_wait_blocked(dt_getppid()) < 0)
        return 2;
    return dt_write(1, "L", 1) == 1 ? 0 : 1;
}

/* Waits until its parent blocks, then reads fd 0 until end of file. */
static int role_late_reader(int argc, char **argv) {
    if (dt_wait_blocked(dt_getppid()) < 0)
        return 2;
    char buf[8192];
    long total = 0, r;
    while ((r = dt_read(0, buf, sizeof buf)) > 0)
        total += r;
    return total == 70000 ? 0 : 1;
}

/* Writes once to fd 1, whose reader is gone: SIGPIPE at default. */
static int role_broken_writer(int argc, char **argv) {
    dt_write(1, "x", 1);
    return 0;
}

const DtRole dt_roles[] = {
    {"writer", role_writer},
    {"counter", role_counter},
    {"late_writer", role_late_writer},
    {"late_reader", role_late_reader},
    {"broken_writer", role_broken_writer},
    {NULL, NULL},
};

static void basics(void) {
    int p[2];
    dt_show("pipe", dt_pipe(p, 0));
    dt_out("pipe_fds: %d %d\n", p[0], p[1]);
    DtStat st;
    dt_fstat(p[0], &st);
    dt_out("read_end_type: %c\n", st.type);
    dt_fstat(p[1], &st);
    dt_out("write_end_type: %c\n", st.type);
    dt_show("fstat_size", (long)st.size);
    char buf[16];
    dt_show("write", dt_write(p[1], "hello", 5));
    dt_show("read_takes_what_is_there", dt_read(p[0], buf, sizeof buf));
    dt_show("read_zero_bytes_empty", dt_read(p[0], buf, 0));
    dt_show("write_zero_bytes", dt_write(p[1], buf, 0));
    dt_show("write_on_read_end", dt_write(p[0], "x", 1));
    dt_show("read_on_write_end", dt_read(p[1], buf, 1));
    dt_show("lseek_read_end", dt_lseek(p[0], 0, DT_SEEK_CUR));
    dt_show("lseek_write_end", dt_lseek(p[1], 0, DT_SEEK_SET));
    long fl = dt_fcntl(p[0], DT_F_GETFL, 0);
    dt_show("read_end_flags", fl & (3 | DT_O_NONBLOCK | DT_O_APPEND));
    fl = dt_fcntl(p[1], DT_F_GETFL, 0);
    dt_show("write_end_flags", fl & (3 | DT_O_NONBLOCK | DT_O_APPEND));
    dt_show("read_end_cloexec", dt_fcntl(p[0], DT_F_GETFD, 0));

    dt_write(p[1], "ab", 2);
    long extra = dt_dup(p[1]);
    dt_close(p[1]);
    dt_fcntl(p[0], DT_F_SETFL, DT_O_NONBLOCK);
    dt_show("read_with_dup_writer", dt_read(p[0], buf, 1));
    dt_show("read_rest", dt_read(p[0], buf, 5));
    dt_show("empty_with_writer_nonblock", dt_read(p[0], buf, 1));
    dt_close((int)extra);
    dt_show("eof_after_last_writer", dt_read(p[0], buf, 1));
    dt_show("eof_again", dt_read(p[0], buf, 1));
    dt_close(p[0]);
}

static void flags(void) {
    int p[2];
    dt_show("pipe2_nonblock_cloexec", dt_pipe(p, DT_O_NONBLOCK | DT_O_CLOEXEC));
    dt_show("nonblock_read_end", (dt_fcntl(p[0], DT_F_GETFL, 0) & DT_O_NONBLOCK) != 0);
    dt_show("nonblock_write_end", (dt_fcntl(p[1], DT_F_GETFL, 0) & DT_O_NONBLOCK) != 0);
    dt_show("cloexec_read_end", dt_fcntl(p[0], DT_F_GETFD, 0));
    dt_show("cloexec_write_end", dt_fcntl(p[1], DT_F_GETFD, 0));
    char c;
    dt_show("nonblock_empty_read", dt_read(p[0], &c, 1));
    dt_close(p[0]);
    dt_close(p[1]);
    dt_show("pipe2_bad_flags", dt_pipe(p, DT_O_APPEND));
    dt_show("pipe2_rdwr_flag", dt_pipe(p, DT_O_RDWR));
    dt_show_fds("fds_after_bad_pipe2");
}

static void capacity(void) {
    int p[2];
    dt_pipe(p, DT_O_NONBLOCK);
    static const char block[10000];
    long total = 0, w;
    while ((w = dt_write(p[1], block, 4096)) > 0)
        total += w;
    dt_show("filled_with_4k_writes", total);
    dt_show("full_write", w);
    dt_show("full_write_one_byte", dt_write(p[1], block, 1));
    char buf[4096];
    dt_show("drain_one_page", dt_read(p[0], buf, sizeof buf));
    dt_show("big_write_partial", dt_write(p[1], block, sizeof block));
    dt_show("then_full", dt_write(p[1], block, 1));
    dt_close(p[0]);
    dt_close(p[1]);
}

static void broken(void) {
    int p[2];
    dt_pipe(p, 0);
    dt_close(p[0]);
    dt_signal(DT_SIGPIPE, DT_SIG_IGN);
    dt_show("write_no_reader_ignored", dt_write(p[1], "x", 1));
    dt_catch(DT_SIGPIPE, 0);
    dt_show("write_no_reader_caught", dt_write(p[1], "x", 1));
    dt_show("sigpipe_caught", dt_caught(DT_SIGPIPE));
    dt_show("zero_write_no_reader", dt_write(p[1], "x", 0));
    dt_show("sigpipe_after_zero_write", dt_caught(DT_SIGPIPE));
    dt_signal(DT_SIGPIPE, DT_SIG_DFL);
    DtAction acts[] = {{.kind = DT_ACT_DUP2, .fd = p[1], .newfd = 1},
                       {.kind = DT_ACT_CLOSE, .fd = p[1]}};
    DtSpawn sp = {.actions = acts, .nactions = 2};
    long pid = dt_spawn(&sp, "broken_writer", NULL);
    int st = 0;
    dt_waitpid(pid, &st, 0);
    dt_show_status("writer_killed_by_sigpipe", st);
    dt_close(p[1]);
}

static void with_children(void) {
    int p[2];
    int st = 0;
    /* a writer that fills the pipe many times over, a reader that counts */
    dt_pipe(p, 0);
    DtAction wa[] = {{.kind = DT_ACT_DUP2, .fd = p[1], .newfd = 1},
                     {.kind = DT_ACT_CLOSE, .fd = p[0]},
                     {.kind = DT_ACT_CLOSE, .fd = p[1]}};
    DtAction ra[] = {{.kind = DT_ACT_DUP2, .fd = p[0], .newfd = 0},
                     {.kind = DT_ACT_CLOSE, .fd = p[0]},
                     {.kind = DT_ACT_CLOSE, .fd = p[1]}};
    DtSpawn ws = {.actions = wa, .nactions = 3}, rs = {.actions = ra, .nactions = 3};
    long w = dt_spawn(&ws, "writer", "3", NULL);
    long r = dt_spawn(&rs, "counter", NULL);
    dt_close(p[0]);
    dt_close(p[1]);
    dt_waitpid(w, &st, 0);
    dt_show_status("big_writer", st);
    dt_waitpid(r, &st, 0);
    dt_show_status("counter_saw_300000", st);

    /* a reader blocked on an empty pipe wakes for a late writer */
    dt_pipe(p, 0);
    DtAction la[] = {{.kind = DT_ACT_DUP2, .fd = p[1], .newfd = 1},
                     {.kind = DT_ACT_CLOSE, .fd = p[0]}};
    DtSpawn ls = {.actions = la, .nactions = 2};
    w = dt_spawn(&ls, "late_writer", NULL);
    char buf[8];
    dt_show("blocked_read_woken", dt_read(p[0], buf, sizeof buf));
    dt_waitpid(w, &st, 0);
    dt_show_status("late_writer", st);
    dt_close(p[1]);
    dt_show("eof_after_child_and_own_writer_closed", dt_read(p[0], buf, sizeof buf));
    dt_close(p[0]);

    /* a writer blocked on a full pipe wakes as a late reader drains it */
    dt_pipe(p, 0);
    DtAction ka[] = {{.kind = DT_ACT_DUP2, .fd = p[0], .newfd = 0},
                     {.kind = DT_ACT_CLOSE, .fd = p[1]}};
    DtSpawn ks = {.actions = ka, .nactions = 2};
    r = dt_spawn(&ks, "late_reader", NULL);
    static const char big[70000];
    dt_show("blocked_write_completes", dt_write(p[1], big, sizeof big));
    dt_close(p[1]);
    dt_waitpid(r, &st, 0);
    dt_show_status("late_reader", st);
    dt_close(p[0]);
}

int dt_main(void) {
    basics();
    flags();
    capacity();
    broken();
    with_children();
    dt_show_fds("fds_at_end");
    return 0;
}
