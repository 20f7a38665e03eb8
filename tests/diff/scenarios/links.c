/* Symbolic and hard links, modes and the umask: symlink, readlink,
 * lstat, link, resolution through links (relative, absolute, chains,
 * ELOOP, dangling, trailing slashes, O_NOFOLLOW, O_CREAT through a
 * dangling link), which calls act on a link and which on its target, and
 * the modes the umask leaves. Nothing here depends on who runs it. */
#include <stdio.h>
#include <string.h>

#include "dt.h"

DT_NO_ROLES;

static void touch(const char *path) {
    long fd = dt_open(path, DT_O_WRONLY | DT_O_CREAT, 0644);
    if (fd >= 0)
        dt_close((int)fd);
}

/* "label: TYPE PERM nlink N" from lstat (or the error) */
static void show_lstat(const char *label, const char *path) {
    DtStat st;
    long r = dt_lstat(path, &st);
    if (r < 0)
        dt_show(label, r);
    else
        dt_out("%s: %c %o nlink %u size %llu\n", label, st.type, st.perm, st.nlink,
               st.type == 'd' ? 0ull : (unsigned long long)st.size);
}

static void show_readlink(const char *label, const char *path, size_t n) {
    char buf[64];
    long r = dt_readlink(path, buf, n);
    if (r < 0)
        dt_show(label, r);
    else
        dt_out("%s: %ld \"%.*s\"\n", label, r, (int)r, buf);
}

static void symlinks(void) {
    touch("f");
    dt_mkdir("d", 0755);
    dt_show("symlink_rel", dt_symlink("f", "l"));
    dt_show("symlink_dir", dt_symlink("d", "ld"));
    dt_show("symlink_dangling", dt_symlink("nowhere", "dang"));
    dt_show("symlink_self", dt_symlink("self", "self"));
    dt_show("symlink_up", dt_symlink("../f", "d/up"));
    dt_show("symlink_exists", dt_symlink("x", "f"));
    dt_show("symlink_over_dangling", dt_symlink("x", "dang"));
    dt_show("symlink_empty_target", dt_symlink("", "empty"));
    dt_show("symlink_trailing_slash", dt_symlink("f", "new/"));
    dt_show("symlink_missing_dir", dt_symlink("f", "no/new"));
    dt_show("symlink_through_file", dt_symlink("f", "f/new"));
    show_lstat("lstat_link", "l");
    show_lstat("lstat_dangling", "dang");
    show_lstat("lstat_dir_slash", "ld/");
    dt_show_type("stat_link", "l");
    dt_show_type("stat_dangling", "dang");
    dt_show_type("stat_loop", "self");
    dt_show_type("stat_up", "d/up");
    dt_show_type("stat_through_dir_link", "ld/up");
    dt_show_type("stat_link_slash", "l/");
    show_readlink("readlink", "dang", 64);
    show_readlink("readlink_short", "dang", 3);
    show_readlink("readlink_file", "f", 64);
    show_readlink("readlink_dir", "d", 64);
    show_readlink("readlink_missing", "missing", 64);
    show_readlink("readlink_slash", "ld/", 64);
}

static void opens(void) {
    long fd = dt_open("l", DT_O_RDONLY | DT_O_NOFOLLOW, 0);
    dt_show("open_nofollow_link", fd);
    fd = dt_open("ld/", DT_O_RDONLY | DT_O_NOFOLLOW, 0);
    dt_show_ok("open_nofollow_slash", fd);
    if (fd >= 0)
        dt_close((int)fd);
    dt_show("open_excl_dangling", dt_open("dang", DT_O_WRONLY | DT_O_CREAT | DT_O_EXCL, 0644));
    dt_show("open_loop", dt_open("self", DT_O_RDONLY, 0));
    fd = dt_open("dang", DT_O_WRONLY | DT_O_CREAT, 0600);
    dt_show_ok("open_creat_dangling", fd);
    if (fd >= 0)
        dt_close((int)fd);
    show_lstat("created_target", "nowhere");
    show_lstat("dangling_still_link", "dang");
}

static void names(void) {
    dt_show("rmdir_dir_link", dt_rmdir("ld"));
    dt_show("rmdir_dir_link_slash", dt_rmdir("ld/"));
    dt_show("mkdir_over_link", dt_mkdir("dang", 0755));
    dt_show("unlink_link_slash", dt_unlink("ld/"));
    dt_show("rename_link", dt_rename("l", "l2"));
    show_lstat("renamed_link", "l2");
    dt_show("chmod_through_link", dt_chmod("l2", 0600));
    show_lstat("chmod_target", "f");
    show_lstat("chmod_link", "l2");
    dt_show("unlink_link", dt_unlink("l2"));
    dt_show_type("target_after_unlink", "f");
}

static void hard_links(void) {
    touch("h");
    dt_show("link", dt_link("h", "h2"));
    dt_show("link_into_dir", dt_link("h", "d/h3"));
    show_lstat("nlink_3", "h");
    dt_show("link_exists", dt_link("h", "h2"));
    dt_show("link_missing", dt_link("missing", "x"));
    dt_show("link_dir", dt_link("d", "x"));
    dt_show("link_file_slash", dt_link("h/", "x"));
    dt_show("link_new_slash", dt_link("h", "x/"));
    dt_show("link_over_dangling", dt_link("h", "dang"));
    dt_show("link_symlink", dt_link("dang", "dang2"));
    show_lstat("hard_link_of_symlink", "dang2");
    long fd = dt_open("h2", DT_O_WRONLY | DT_O_APPEND, 0);
    dt_write((int)fd, "abc", 3);
    dt_close((int)fd);
    show_lstat("shared_data", "d/h3");
    dt_show("unlink_one", dt_unlink("h"));
    show_lstat("nlink_2", "h2");
    fd = dt_open("h2", DT_O_RDONLY, 0);
    dt_unlink("h2");
    dt_unlink("d/h3");
    DtStat st;
    dt_fstat((int)fd, &st);
    dt_out("open_after_last_unlink: nlink %u size %llu\n", st.nlink, (unsigned long long)st.size);
    dt_close((int)fd);
    dt_show("rename_same_inode", (dt_link("dang", "dang3"), dt_rename("dang", "dang3")));
    show_lstat("rename_same_inode_kept", "dang");
}

static void eloop(void) {
    char name[16], target[16];
    /* l0 -> l1 -> ... -> l39 -> f: 40 links are followed, 41 are ELOOP */
    for (int i = 0; i < 40; i++) {
        snprintf(name, sizeof name, "c%d", i);
        snprintf(target, sizeof target, i == 39 ? "f" : "c%d", i + 1);
        dt_symlink(target, name);
    }
    dt_show_type("forty_links", "c0");
    dt_symlink("c0", "c41");
    dt_show_type("forty_one_links", "c41");
}

static void umasks(void) {
    dt_show("umask_set", dt_umask(027));
    dt_show("umask_get", dt_umask(027));
    touch("um_f");
    dt_mkdir("um_d", 0777);
    long fd = dt_open("um_x", DT_O_WRONLY | DT_O_CREAT, 0777);
    dt_close((int)fd);
    dt_symlink("um_f", "um_l");
    show_lstat("umask_file", "um_f");
    show_lstat("umask_dir", "um_d");
    show_lstat("umask_exec", "um_x");
    show_lstat("umask_symlink", "um_l");
    dt_umask(0);
    dt_mkdir("um_d0", 0777);
    show_lstat("umask_zero_dir", "um_d0");
    dt_show("chmod_setuid", dt_chmod("um_f", 04755));
    show_lstat("setuid_file", "um_f");
    dt_show("chmod_sticky_dir", dt_chmod("um_d", 01777));
    show_lstat("sticky_dir", "um_d");
    dt_umask(022);
}

int dt_main(void) {
    symlinks();
    opens();
    names();
    hard_links();
    eloop();
    umasks();
    return 0;
}
