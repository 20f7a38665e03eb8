/* Path resolution and the calls that change names: ".", "..", repeated
 * and trailing slashes, the empty path, PATH_MAX and NAME_MAX, mkdir,
 * rmdir, unlink, rename, chdir and getcwd, and a removed cwd. */
#include <string.h>

#include "dt.h"

DT_NO_ROLES;

static void touch(const char *path) {
    long fd = dt_open(path, DT_O_WRONLY | DT_O_CREAT, 0644);
    if (fd >= 0)
        dt_close((int)fd);
}

/* The cwd relative to the scratch directory the scenario started in
 * (whose name differs between runs): "." for itself. */
static char start_cwd[4200]; /* top process only */

static void show_cwd(const char *label) {
    char buf[4200];
    long r = dt_getcwd(buf, sizeof buf);
    size_t n = strlen(start_cwd);
    if (r < 0)
        dt_show(label, r);
    else if (strcmp(buf, start_cwd) == 0)
        dt_out("%s: .\n", label);
    else if (strncmp(buf, start_cwd, n) == 0 && buf[n] == '/')
        dt_out("%s: %s\n", label, buf + n + 1);
    else
        dt_out("%s: outside the scratch directory\n", label);
}

static void resolution(void) {
    dt_mkdir("a", 0755);
    dt_mkdir("a/b", 0755);
    touch("a/b/f");
    dt_show_type("plain", "a/b/f");
    dt_show_type("dot_dotdot", "./a/../a/b/./f");
    dt_show_type("double_slash", "a//b///f");
    dt_show_type("dir_trailing_slash", "a/b/");
    dt_show_type("dir_trailing_dot", "a/b/.");
    dt_show_type("file_trailing_slash", "a/b/f/");
    dt_show_type("file_trailing_dot", "a/b/f/.");
    dt_show_type("through_file", "a/b/f/x");
    dt_show_type("missing_middle", "a/x/f");
    dt_show_type("root_dotdot", "/..");
    dt_show_type("root_many_dotdot", "/../../..");
    dt_show_type("dotdot_past_root_then_down", "/../tmp");
}

static void empty_paths(void) {
    DtStat st;
    dt_show("open_empty", dt_open("", DT_O_RDONLY, 0));
    dt_show("creat_empty", dt_open("", DT_O_WRONLY | DT_O_CREAT, 0644));
    dt_show("stat_empty", dt_stat("", &st));
    dt_show("mkdir_empty", dt_mkdir("", 0755));
    dt_show("rmdir_empty", dt_rmdir(""));
    dt_show("unlink_empty", dt_unlink(""));
    dt_show("chdir_empty", dt_chdir(""));
    dt_show("rename_from_empty", dt_rename("", "x"));
    dt_show("rename_to_empty", dt_rename("a/b/f", ""));
    dt_show("spawn_empty", dt_spawn_path("", NULL));
}

/* A path of exactly len bytes ("./" repeated, then a missing name). */
static void make_path(char *buf, size_t len) {
    size_t i = 0;
    while (i + 2 < len - 2) {
        buf[i++] = '.';
        buf[i++] = '/';
    }
    while (i < len)
        buf[i++] = 'z';
    buf[len] = '\0';
}

static void long_names(void) {
    static char path[DT_PATH_MAX + 16]; /* top process only */
    DtStat st;
    make_path(path, DT_PATH_MAX - 1);
    dt_show("path_4095_bytes", dt_stat(path, &st));
    make_path(path, DT_PATH_MAX);
    dt_show("path_4096_bytes", dt_stat(path, &st));
    dt_show("open_4096_bytes", dt_open(path, DT_O_RDONLY, 0));
    dt_show("mkdir_4096_bytes", dt_mkdir(path, 0755));
    make_path(path, DT_PATH_MAX + 1);
    dt_show("path_4097_bytes", dt_stat(path, &st));

    char name[300];
    memset(name, 'n', 255);
    name[255] = '\0';
    long fd = dt_open(name, DT_O_WRONLY | DT_O_CREAT, 0644);
    dt_show_ok("create_name_255", fd);
    if (fd >= 0)
        dt_close((int)fd);
    dt_show("unlink_name_255", dt_unlink(name));
    memset(name, 'n', 256);
    name[256] = '\0';
    dt_show("create_name_256", dt_open(name, DT_O_WRONLY | DT_O_CREAT, 0644));
    dt_show("stat_name_256", dt_stat(name, &st));
    dt_show("mkdir_name_256", dt_mkdir(name, 0755));
}

static void make_and_remove(void) {
    DtStat st;
    dt_show("mkdir_new", dt_mkdir("m", 0750));
    dt_stat("m", &st);
    dt_out("mkdir_perm: %o\n", st.perm);
    dt_show("mkdir_nlink", st.nlink);
    dt_mkdir("m/sub", 0755);
    dt_stat("m", &st);
    dt_show("mkdir_nlink_with_sub", st.nlink);
    dt_show("mkdir_existing", dt_mkdir("m", 0755));
    dt_show("mkdir_over_file", dt_mkdir("a/b/f", 0755));
    dt_show("mkdir_missing_parent", dt_mkdir("nope/x", 0755));
    dt_show("mkdir_under_file", dt_mkdir("a/b/f/x", 0755));
    dt_show("mkdir_trailing_slash", dt_mkdir("m2/", 0755));
    dt_show("rmdir_trailing_slash", dt_rmdir("m2/"));
    dt_show("rmdir_not_empty", dt_rmdir("m"));
    dt_show("rmdir_file", dt_rmdir("a/b/f"));
    dt_show("rmdir_missing", dt_rmdir("nope"));
    dt_show("rmdir_dot", dt_rmdir("m/sub/."));
    dt_show("rmdir_dotdot", dt_rmdir("m/sub/.."));
    dt_show("rmdir_sub", dt_rmdir("m/sub"));
    dt_stat("m", &st);
    dt_show("nlink_after_rmdir", st.nlink);
    dt_show("unlink_dir", dt_unlink("m"));
    dt_show("unlink_missing", dt_unlink("m/nope"));
    dt_show("unlink_file_slash", dt_unlink("a/b/f/"));
    touch("m/g");
    dt_show("unlink_file", dt_unlink("m/g"));
    dt_show_type("unlinked_gone", "m/g");
    long fd = dt_open("p", DT_O_WRONLY | DT_O_CREAT, 0600);
    dt_stat("p", &st);
    dt_out("creat_perm: %o\n", st.perm);
    dt_close((int)fd);
    dt_show("creat_existing_keeps_mode", dt_open("p", DT_O_WRONLY | DT_O_CREAT, 0777) >= 0);
    dt_close(3);
    dt_stat("p", &st);
    dt_out("creat_existing_perm: %o\n", st.perm);
}

static void renames(void) {
    DtStat st;
    touch("r1");
    touch("r2");
    dt_mkdir("rd", 0755);
    dt_mkdir("rd2", 0755);
    dt_mkdir("full", 0755);
    touch("full/x");
    dt_show("rename_file_over_file", dt_rename("r1", "r2"));
    dt_show_type("rename_source_gone", "r1");
    dt_show("rename_file_over_dir", dt_rename("r2", "rd"));
    dt_show("rename_dir_over_file", dt_rename("rd", "r2"));
    dt_show("rename_dir_over_empty_dir", dt_rename("rd", "rd2"));
    dt_show_type("rename_dir_moved", "rd2");
    dt_show("rename_dir_over_full_dir", dt_rename("rd2", "full"));
    dt_show("rename_into_own_subtree", dt_rename("full", "full/x2"));
    dt_show("rename_to_itself", dt_rename("r2", "r2"));
    dt_show("rename_dir_to_itself", dt_rename("full", "full"));
    dt_show("rename_missing", dt_rename("nope", "r3"));
    dt_show("rename_to_missing_dir", dt_rename("r2", "nope/r3"));
    dt_show("rename_across_dirs", dt_rename("r2", "full/r2"));
    dt_show_type("rename_arrived", "full/r2");
    dt_show("rename_dot", dt_rename("full/.", "f2"));
    dt_show("rename_file_trailing_slash", dt_rename("full/r2/", "r4"));
    dt_show("rename_dir_trailing_slash", dt_rename("rd2/", "rd3/"));
    dt_show_type("rename_dir_slash_arrived", "rd3");
    dt_stat("full", &st);
    dt_show("full_nlink", st.nlink);
}

static void cwd(void) {
    dt_getcwd(start_cwd, sizeof start_cwd);
    dt_show("chdir_sub", dt_chdir("a/b"));
    show_cwd("cwd_sub");
    dt_show_type("relative_after_chdir", "f");
    dt_show("chdir_dotdot", dt_chdir("../.."));
    dt_show("chdir_file", dt_chdir("a/b/f"));
    dt_show("chdir_missing", dt_chdir("nope"));
    char small[4];
    dt_show("getcwd_too_small", dt_getcwd(small, sizeof small));
    dt_show("getcwd_size_zero", dt_getcwd(small, 0));

    dt_mkdir("gone", 0755);
    dt_chdir("gone");
    dt_show("rmdir_own_cwd", dt_rmdir("../gone"));
    show_cwd("getcwd_removed");
    dt_show("creat_in_removed", dt_open("f", DT_O_WRONLY | DT_O_CREAT, 0644));
    dt_show_type("stat_dot_removed", ".");
    dt_show("mkdir_in_removed", dt_mkdir("sub", 0755));
    dt_show("chdir_out_of_removed", dt_chdir(".."));
    show_cwd("cwd_after_leaving");
}

int dt_main(void) {
    resolution();
    empty_paths();
    long_names();
    make_and_remove();
    renames();
    cwd();
    dt_show_fds("fds_at_end");
    return 0;
}
