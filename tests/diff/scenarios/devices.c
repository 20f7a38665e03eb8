/* The devices every Unix has: /dev/null, /dev/zero, /dev/full, the
 * random pair, and the names for a process's own fds (/dev/stdin,
 * /dev/stdout, /dev/stderr, /dev/fd/N) and its terminal (/dev/tty). */
#include <stdio.h>
#include <string.h>

#include "dt.h"

/* In a new session (no controlling terminal): what /dev/tty gives. */
static int role_no_tty(int argc, char **argv) {
    long fd = dt_open("/dev/tty", DT_O_RDWR, 0);
    dt_show("dev_tty_without_terminal", fd < 0 ? fd : 0);
    return 0;
}

const DtRole dt_roles[] = {{"no_tty", role_no_tty}, {NULL, NULL}};

static void null_zero_full(void) {
    char buf[16];
    long fd = dt_open("/dev/null", DT_O_RDWR, 0);
    dt_show("null_read", dt_read((int)fd, buf, sizeof buf));
    dt_show("null_write", dt_write((int)fd, "abc", 3));
    dt_show("null_write_zero", dt_write((int)fd, "abc", 0));
    dt_show("null_lseek", dt_lseek((int)fd, 100, DT_SEEK_SET));
    dt_show("null_lseek_end", dt_lseek((int)fd, 0, DT_SEEK_END));
    DtStat st;
    dt_fstat((int)fd, &st);
    dt_out("null_type: %c\n", st.type);
    dt_show("null_size", (long)st.size);
    dt_close((int)fd);

    fd = dt_open("/dev/zero", DT_O_RDWR, 0);
    memset(buf, 'x', sizeof buf);
    dt_show("zero_read", dt_read((int)fd, buf, sizeof buf));
    int zeros = 0;
    for (size_t i = 0; i < sizeof buf; i++)
        zeros += buf[i] == 0;
    dt_show("zero_bytes_are_zero", zeros);
    dt_show("zero_write", dt_write((int)fd, "abc", 3));
    dt_show("zero_lseek", dt_lseek((int)fd, 5, DT_SEEK_CUR));
    dt_close((int)fd);

    fd = dt_open("/dev/full", DT_O_RDWR, 0);
    dt_show("full_write", dt_write((int)fd, "abc", 3));
    dt_show("full_write_zero", dt_write((int)fd, "abc", 0));
    memset(buf, 'x', sizeof buf);
    dt_show("full_read", dt_read((int)fd, buf, 4));
    dt_show("full_read_zeros", buf[0] == 0 && buf[3] == 0);
    dt_close((int)fd);

    fd = dt_open("/dev/urandom", DT_O_RDONLY, 0);
    dt_show("urandom_read", dt_read((int)fd, buf, sizeof buf));
    dt_close((int)fd);
    fd = dt_open("/dev/random", DT_O_RDONLY, 0);
    dt_show("random_read", dt_read((int)fd, buf, 8));
    dt_close((int)fd);

    dt_show_type("stat_null", "/dev/null");
    dt_show_type("stat_zero", "/dev/zero");
    dt_show_type("stat_full", "/dev/full");
    dt_show_type("stat_dev", "/dev");
    dt_show("open_dev_dir_for_write", dt_open("/dev", DT_O_WRONLY, 0));
    dt_show("rmdir_dev_null", dt_rmdir("/dev/null"));
    dt_show("mkdir_dev_null", dt_mkdir("/dev/null", 0755));
    dt_show("open_under_device", dt_open("/dev/null/x", DT_O_RDONLY, 0));
    dt_show("creat_excl_device", dt_open("/dev/null", DT_O_WRONLY | DT_O_CREAT | DT_O_EXCL, 0644));
    fd = dt_open("/dev/null", DT_O_WRONLY | DT_O_CREAT | DT_O_TRUNC, 0644);
    dt_show("creat_trunc_device", fd < 0 ? fd : 0);
    dt_close((int)fd);
    dt_show_type("device_kept", "/dev/null");
}

static void own_fds(void) {
    /* Writing /dev/stdout reaches fd 1 (the transcript on both sides). */
    long fd = dt_open("/dev/stdout", DT_O_WRONLY, 0);
    dt_show("open_dev_stdout", fd < 0 ? fd : 0);
    if (fd >= 0) {
        const char line[] = "dev_stdout_line: written through /dev/stdout\n";
        dt_write((int)fd, line, sizeof line - 1);
        dt_close((int)fd);
    } else {
        dt_out("dev_stdout_line: -\n");
    }
    fd = dt_open("/dev/stderr", DT_O_WRONLY, 0);
    dt_show("open_dev_stderr", fd < 0 ? fd : 0);
    dt_close((int)fd);
    dt_show_type("stat_dev_stdin", "/dev/stdin");
    dt_show_type("stat_dev_fd", "/dev/fd");

    /* /dev/fd/N of a pipe reaches the same pipe */
    int p[2];
    dt_pipe(p, 0);
    char path[32];
    snprintf(path, sizeof path, "/dev/fd/%d", p[1]);
    fd = dt_open(path, DT_O_WRONLY, 0);
    dt_show("open_dev_fd_pipe", fd < 0 ? fd : 0);
    if (fd >= 0) {
        dt_write((int)fd, "via", 3);
        dt_close((int)fd);
    }
    char buf[8] = {0};
    dt_fcntl(p[0], DT_F_SETFL, DT_O_NONBLOCK);
    dt_show("pipe_got_via_dev_fd", dt_read(p[0], buf, sizeof buf - 1));
    dt_close(p[0]);
    dt_close(p[1]);
    snprintf(path, sizeof path, "/dev/fd/%d", 40);
    dt_show("open_dev_fd_not_open", dt_open(path, DT_O_RDONLY, 0));

    /* a regular file's /dev/fd/N: a new open of the same file */
    long f = dt_open("file", DT_O_RDWR | DT_O_CREAT | DT_O_TRUNC, 0644);
    dt_write((int)f, "0123456789", 10);
    snprintf(path, sizeof path, "/dev/fd/%ld", f);
    fd = dt_open(path, DT_O_RDONLY, 0);
    dt_show("open_dev_fd_file", fd < 0 ? fd : 0);
    /* (printed even when the open failed: EBADF then) */
    dt_show("dev_fd_file_offset", dt_lseek((int)fd, 0, DT_SEEK_CUR));
    dt_show("dev_fd_file_read", dt_read((int)fd, buf, 4));
    dt_show("original_offset", dt_lseek((int)f, 0, DT_SEEK_CUR));
    if (fd >= 0)
        dt_close((int)fd);
    dt_close((int)f);
    dt_show("open_missing_in_dev", dt_open("/dev/dt-missing", DT_O_RDONLY, 0));

    DtSpawn sid = {.flags = DT_SPAWN_SETSID};
    long pid = dt_spawn(&sid, "no_tty", NULL);
    int st;
    dt_waitpid(pid, &st, 0);
}

int dt_main(void) {
    null_zero_full();
    own_fds();
    dt_show_fds("fds_at_end");
    return 0;
}
