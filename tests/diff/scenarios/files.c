/* Regular files through fds: read, write, lseek, O_APPEND, O_TRUNC,
 * O_EXCL, ftruncate, holes, access modes, and directories opened as fds. */
#include <stdio.h>
#include <string.h>

#include "dt.h"

DT_NO_ROLES;

static void show_size(const char *label, const char *path) {
    DtStat st;
    long r = dt_stat(path, &st);
    dt_show(label, r < 0 ? r : (long)st.size);
}

static void show_read(const char *label, int fd, size_t n) {
    char buf[64];
    long r = dt_read(fd, buf, n < sizeof buf ? n : sizeof buf);
    if (r < 0) {
        dt_show(label, r);
        return;
    }
    char text[3 * 64 + 1];
    size_t len = 0;
    for (long i = 0; i < r; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c >= 0x20 && c < 0x7f && c != '\\')
            text[len++] = (char)c;
        else
            len += (size_t)sprintf(text + len, "\\%02x", c);
    }
    text[len] = '\0';
    dt_out("%s: %ld \"%s\"\n", label, r, text);
}

static void read_write(void) {
    long fd = dt_open("rw", DT_O_RDWR | DT_O_CREAT | DT_O_TRUNC, 0644);
    dt_show("write", dt_write((int)fd, "hello world", 11));
    dt_show("write_zero", dt_write((int)fd, "x", 0));
    dt_show("offset_after_write", dt_lseek((int)fd, 0, DT_SEEK_CUR));
    show_read("read_at_end", (int)fd, 10);
    dt_show("seek_set", dt_lseek((int)fd, 6, DT_SEEK_SET));
    show_read("read_rest", (int)fd, 64);
    dt_show("seek_cur_back", dt_lseek((int)fd, -5, DT_SEEK_CUR));
    show_read("read_two", (int)fd, 2);
    dt_show("seek_end", dt_lseek((int)fd, -1, DT_SEEK_END));
    show_read("read_last", (int)fd, 5);
    dt_show("read_zero_bytes", dt_read((int)fd, NULL, 0));
    dt_show("seek_negative", dt_lseek((int)fd, -100, DT_SEEK_SET));
    dt_show("seek_before_start_cur", dt_lseek((int)fd, -100, DT_SEEK_CUR));
    dt_show("offset_kept", dt_lseek((int)fd, 0, DT_SEEK_CUR));
    dt_show("seek_bad_whence", dt_lseek((int)fd, 0, 7));
    dt_show("seek_past_end", dt_lseek((int)fd, 20, DT_SEEK_SET));
    show_read("read_past_end", (int)fd, 4);
    dt_show("write_past_end", dt_write((int)fd, "!", 1));
    show_size("size_with_hole", "rw");
    dt_lseek((int)fd, 9, DT_SEEK_SET);
    show_read("read_hole", (int)fd, 64);
    dt_close((int)fd);
}

static void access_modes(void) {
    long ro = dt_open("rw", DT_O_RDONLY, 0);
    long wo = dt_open("rw", DT_O_WRONLY, 0);
    char c;
    dt_show("write_on_rdonly", dt_write((int)ro, "x", 1));
    dt_show("read_on_wronly", dt_read((int)wo, &c, 1));
    dt_show("ftruncate_on_rdonly", dt_ftruncate((int)ro, 0));
    long both = dt_open("rw", 3, 0); /* O_RDONLY|O_WRONLY */
    dt_show_ok("bad_access_mode", both);
    if (both >= 0)
        dt_close((int)both);
    dt_close((int)ro);
    dt_close((int)wo);
}

static void append_trunc_excl(void) {
    long fd = dt_open("ap", DT_O_WRONLY | DT_O_CREAT | DT_O_APPEND, 0644);
    dt_write((int)fd, "abc", 3);
    dt_lseek((int)fd, 0, DT_SEEK_SET);
    dt_show("append_after_seek", dt_write((int)fd, "def", 3));
    dt_show("append_offset", dt_lseek((int)fd, 0, DT_SEEK_CUR));
    dt_close((int)fd);
    show_size("append_size", "ap");
    long rd = dt_open("ap", DT_O_RDONLY, 0);
    show_read("append_content", (int)rd, 64);
    dt_close((int)rd);

    fd = dt_open("ap", DT_O_WRONLY | DT_O_TRUNC, 0);
    dt_show("open_trunc", fd < 0 ? fd : 0);
    show_size("trunc_size", "ap");
    dt_close((int)fd);
    dt_close((int)dt_open("ap", DT_O_WRONLY, 0));
    dt_write((int)(fd = dt_open("ap", DT_O_WRONLY, 0)), "keep", 4);
    dt_close((int)fd);
    dt_show("rdonly_trunc_open", dt_open("ap", DT_O_RDONLY | DT_O_TRUNC, 0) < 0 ? -1 : 0);
    dt_close(3);
    show_size("rdonly_trunc_size", "ap");

    dt_show("excl_existing", dt_open("ap", DT_O_WRONLY | DT_O_CREAT | DT_O_EXCL, 0644));
    fd = dt_open("new", DT_O_WRONLY | DT_O_CREAT | DT_O_EXCL, 0644);
    dt_show("excl_new", fd < 0 ? fd : 0);
    dt_close((int)fd);
    dt_show("no_creat_missing", dt_open("missing", DT_O_RDONLY, 0));
    dt_show("excl_without_creat", dt_open("ap", DT_O_RDONLY | DT_O_EXCL, 0) >= 0 ? 0 : -1);
    dt_close(3);
}

static void truncate_calls(void) {
    long fd = dt_open("t", DT_O_RDWR | DT_O_CREAT | DT_O_TRUNC, 0644);
    dt_write((int)fd, "0123456789", 10);
    dt_show("ftruncate_shrink", dt_ftruncate((int)fd, 4));
    show_size("shrunk", "t");
    dt_show("offset_after_shrink", dt_lseek((int)fd, 0, DT_SEEK_CUR));
    dt_show("ftruncate_grow", dt_ftruncate((int)fd, 8));
    dt_lseek((int)fd, 0, DT_SEEK_SET);
    show_read("grown_content", (int)fd, 64);
    dt_show("ftruncate_negative", dt_ftruncate((int)fd, -1));
    show_size("size_kept", "t");
    int p[2];
    dt_pipe(p, 0);
    dt_show("ftruncate_pipe", dt_ftruncate(p[1], 0));
    dt_close(p[0]);
    dt_close(p[1]);
    dt_close((int)fd);
}

static void directories(void) {
    dt_mkdir("d", 0755);
    long fd = dt_open("d", DT_O_RDONLY, 0);
    char c;
    dt_show("open_dir_rdonly", fd < 0 ? fd : 0);
    dt_show("read_dir_fd", dt_read((int)fd, &c, 1));
    dt_show("write_dir_fd", dt_write((int)fd, "x", 1));
    DtStat st;
    dt_fstat((int)fd, &st);
    dt_out("fstat_dir_type: %c\n", st.type);
    dt_close((int)fd);
    dt_show("open_dir_wronly", dt_open("d", DT_O_WRONLY, 0));
    dt_show("open_dir_rdwr", dt_open("d", DT_O_RDWR, 0));
    dt_show("open_dir_creat", dt_open("d", DT_O_WRONLY | DT_O_CREAT, 0644));
    dt_show("open_file_o_directory", dt_open("t", DT_O_RDONLY | DT_O_DIRECTORY, 0));
    fd = dt_open("d", DT_O_RDONLY | DT_O_DIRECTORY, 0);
    dt_show("open_dir_o_directory", fd < 0 ? fd : 0);
    dt_close((int)fd);
    dt_show("creat_o_directory_missing",
            dt_open("nd", DT_O_RDONLY | DT_O_CREAT | DT_O_DIRECTORY, 0755));
    dt_show("creat_o_directory_left_nothing", dt_stat("nd", &st));
    dt_show("creat_trailing_slash", dt_open("nf/", DT_O_WRONLY | DT_O_CREAT, 0644));
    dt_show("creat_in_missing_dir", dt_open("nodir/f", DT_O_WRONLY | DT_O_CREAT, 0644));
    dt_show("creat_under_file", dt_open("t/f", DT_O_WRONLY | DT_O_CREAT, 0644));
    dt_show("stat_file_as_dir", dt_stat("t/", &st));
}

static void unlinked_but_open(void) {
    long fd = dt_open("u", DT_O_RDWR | DT_O_CREAT | DT_O_TRUNC, 0644);
    dt_write((int)fd, "still here", 10);
    dt_show("unlink_open_file", dt_unlink("u"));
    DtStat st;
    dt_show("stat_unlinked", dt_stat("u", &st));
    dt_fstat((int)fd, &st);
    dt_show("fstat_unlinked_nlink", st.nlink);
    dt_show("fstat_unlinked_size", (long)st.size);
    dt_lseek((int)fd, 0, DT_SEEK_SET);
    show_read("read_unlinked", (int)fd, 64);
    long again = dt_open("u", DT_O_RDWR | DT_O_CREAT, 0644);
    dt_fstat((int)again, &st);
    dt_show("recreated_is_new", (long)st.size);
    dt_close((int)fd);
    dt_close((int)again);
}

int dt_main(void) {
    read_write();
    access_modes();
    append_trunc_excl();
    truncate_calls();
    directories();
    unlinked_but_open();
    dt_show_fds("fds_at_end");
    return 0;
}
