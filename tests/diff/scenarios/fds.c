/* The fd table: lowest free fd, dup, dup2, fcntl, close, the per-process
 * limit, and what dup'd fds share (offset, status flags) and do not
 * (close-on-exec). */
#include <string.h>

#include "dt.h"

DT_NO_ROLES;

static void lowest_free(void) {
    long a = dt_open("f", DT_O_RDWR | DT_O_CREAT, 0644);
    long b = dt_open("f", DT_O_RDONLY, 0);
    dt_show("open_first", a);
    dt_show("open_second", b);
    dt_show("close_first", dt_close((int)a));
    dt_show("open_reuses_lowest", dt_open("f", DT_O_RDONLY, 0));
    dt_show("dup_lowest", dt_dup((int)b));
    dt_show_fds("table_after_opens");
    for (int fd = 3; fd < 8; fd++)
        dt_close(fd);
    dt_show_fds("table_after_closes");
}

static void bad_fds(void) {
    char c;
    dt_show("close_never_opened", dt_close(7));
    dt_show("close_negative", dt_close(-1));
    dt_show("close_past_limit", dt_close(1024));
    dt_show("close_twice_first", dt_close((int)dt_dup(0)));
    dt_show("close_twice_second", dt_close(3));
    dt_show("read_bad_fd", dt_read(9, &c, 1));
    dt_show("write_bad_fd", dt_write(9, "x", 1));
    dt_show("read_negative_fd", dt_read(-5, &c, 1));
    dt_show("dup_bad_fd", dt_dup(9));
    dt_show("dup_negative", dt_dup(-1));
    dt_show("dup2_bad_old", dt_dup2(9, 4));
    dt_show("dup2_negative_new", dt_dup2(0, -1));
    dt_show("dup2_new_at_limit", dt_dup2(0, 1024));
    dt_show("dup2_new_last_slot", dt_dup2(0, 1023));
    dt_show("close_last_slot", dt_close(1023));
    dt_show("dup2_same_open", dt_dup2(2, 2));
    dt_show("dup2_same_closed", dt_dup2(9, 9));
    dt_show("lseek_bad_fd", dt_lseek(9, 0, DT_SEEK_SET));
    dt_show("fcntl_bad_fd", dt_fcntl(9, DT_F_GETFD, 0));
    dt_show_fds("table_unchanged");
}

static void dup2_replaces(void) {
    long a = dt_open("a", DT_O_RDWR | DT_O_CREAT | DT_O_TRUNC, 0644);
    long b = dt_open("b", DT_O_RDWR | DT_O_CREAT | DT_O_TRUNC, 0644);
    dt_show("dup2_over_open", dt_dup2((int)a, (int)b));
    dt_show("write_through_dup2", dt_write((int)b, "xyz", 3));
    DtStat st;
    dt_stat("a", &st);
    dt_show("a_size", (long)st.size);
    dt_stat("b", &st);
    dt_show("b_size_untouched", (long)st.size);
    dt_close((int)a);
    dt_close((int)b);
}

static void shared_description(void) {
    long a = dt_open("s", DT_O_RDWR | DT_O_CREAT | DT_O_TRUNC, 0644);
    dt_write((int)a, "0123456789", 10);
    long d = dt_dup((int)a);
    dt_show("dup_shares_offset", dt_lseek((int)d, 0, DT_SEEK_CUR));
    dt_lseek((int)a, 3, DT_SEEK_SET);
    char buf[4] = {0};
    dt_read((int)d, buf, 2);
    dt_out("read_via_dup: %s\n", buf);
    long other = dt_open("s", DT_O_RDONLY, 0);
    dt_show("second_open_own_offset", dt_lseek((int)other, 0, DT_SEEK_CUR));
    /* status flags live in the description, close-on-exec in the slot */
    dt_fcntl((int)a, DT_F_SETFL, DT_O_NONBLOCK | DT_O_APPEND);
    long fl = dt_fcntl((int)d, DT_F_GETFL, 0);
    dt_show("getfl_via_dup", fl < 0 ? fl : fl & (3 | DT_O_APPEND | DT_O_NONBLOCK));
    fl = dt_fcntl((int)other, DT_F_GETFL, 0);
    dt_show("getfl_other_open", fl < 0 ? fl : fl & (3 | DT_O_APPEND | DT_O_NONBLOCK));
    dt_show("setfd_cloexec", dt_fcntl((int)a, DT_F_SETFD, DT_FD_CLOEXEC));
    dt_show("getfd_set", dt_fcntl((int)a, DT_F_GETFD, 0));
    dt_show("getfd_dup_clear", dt_fcntl((int)d, DT_F_GETFD, 0));
    dt_show("setfl_cannot_change_access", dt_fcntl((int)other, DT_F_SETFL, DT_O_RDWR));
    fl = dt_fcntl((int)other, DT_F_GETFL, 0);
    dt_show("getfl_access_kept", fl < 0 ? fl : fl & 3);
    dt_close((int)a);
    dt_close((int)d);
    dt_close((int)other);
}

static void cloexec_flags(void) {
    long a = dt_open("c", DT_O_RDONLY | DT_O_CREAT | DT_O_CLOEXEC, 0644);
    dt_show("open_cloexec_getfd", dt_fcntl((int)a, DT_F_GETFD, 0));
    long d = dt_dup((int)a);
    dt_show("dup_clears_cloexec", dt_fcntl((int)d, DT_F_GETFD, 0));
    dt_show("dup2_target", dt_dup2((int)a, 9));
    dt_show("dup2_clears_cloexec", dt_fcntl(9, DT_F_GETFD, 0));
    dt_show("dup2_same_keeps_cloexec", dt_dup2((int)a, (int)a));
    dt_show("dup2_same_getfd", dt_fcntl((int)a, DT_F_GETFD, 0));
    dt_show("dupfd_lowest_at_or_above", dt_fcntl((int)a, DT_F_DUPFD, 6));
    dt_show("dupfd_clears_cloexec", dt_fcntl(6, DT_F_GETFD, 0));
    dt_show("dupfd_from_zero", dt_fcntl((int)a, DT_F_DUPFD, 0));
    dt_show("dupfd_negative", dt_fcntl((int)a, DT_F_DUPFD, -1));
    dt_show("dupfd_at_limit", dt_fcntl((int)a, DT_F_DUPFD, 1024));
    dt_show("fcntl_unknown_cmd", dt_fcntl((int)a, 9999, 0));
    dt_show("setfd_other_bits", dt_fcntl((int)d, DT_F_SETFD, 0xfe));
    dt_show("getfd_other_bits_dropped", dt_fcntl((int)d, DT_F_GETFD, 0));
    for (int fd = 3; fd < 10; fd++)
        dt_close(fd);
    dt_show_fds("table_clean");
}

static void limit(void) {
    /* every slot but DT_OUT_FD and 0..2 */
    long n = 0, r, last = 0;
    while ((r = dt_open("f", DT_O_RDONLY, 0)) >= 0) {
        n++;
        last = r;
    }
    dt_show("opened_until_full", n);
    dt_show("last_fd", last);
    dt_show("open_when_full", r);
    dt_show("dup_when_full", dt_dup(0));
    dt_show("dupfd_when_full", dt_fcntl(0, DT_F_DUPFD, 0));
    int p[2];
    dt_show("pipe_when_full", dt_pipe(p, 0));
    dt_close(500);
    dt_show("pipe_with_one_free", dt_pipe(p, 0));
    dt_show("open_after_failed_pipe", dt_open("f", DT_O_RDONLY, 0));
    for (int fd = 3; fd < 1024; fd++)
        if (fd != DT_OUT_FD)
            dt_close(fd);
    dt_show_fds("table_emptied");
}

int dt_main(void) {
    lowest_free();
    bad_fds();
    dup2_replaces();
    shared_description();
    cloexec_flags();
    limit();
    return 0;
}
