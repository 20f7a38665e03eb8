/* Hypotheses about the file programs: ls, cat, mkdir, rmdir, rm, touch,
 * cp, mv, stat. Each checks output and exit status, error cases included,
 * and ends with nothing leaked. */
#include <stdio.h>
#include <string.h>

#include "userland_run.h"

#define OUT ul_output()

/* ---- ls ---- */

static void test_ls_lists_sorted_names_one_per_line_into_a_pipe(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/tmp/b", "");
    ul_write_file(k, "/tmp/a", "");
    ul_write_file(k, "/tmp/.hidden", "");
    assert_int_equal(RUN(k, NULL, "mkdir", "/tmp/c"), 0);
    assert_int_equal(RUN_PIPED(k, NULL, "ls", "/tmp"), 0);
    assert_string_equal(OUT, "a\nb\nc\n");
    assert_int_equal(RUN_PIPED(k, NULL, "ls", "-a", "/tmp"), 0);
    assert_string_equal(OUT, ".\n..\n.hidden\na\nb\nc\n");
    assert_int_equal(RUN_PIPED(k, NULL, "ls", "-A", "/tmp"), 0);
    assert_string_equal(OUT, ".hidden\na\nb\nc\n");
    harness_destroy(k);
}

static void test_ls_puts_columns_on_a_terminal_unless_dash_1(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/tmp/a", "");
    ul_write_file(k, "/tmp/bb", "");
    ul_write_file(k, "/tmp/ccc", "");
    assert_int_equal(RUN(k, NULL, "ls", "/tmp"), 0);
    assert_string_equal(OUT, "a  bb  ccc\n");
    assert_int_equal(RUN(k, NULL, "ls", "-1", "/tmp"), 0);
    assert_string_equal(OUT, "a\nbb\nccc\n");
    harness_destroy(k);
}

/* The layout GNU ls -C gives for these names at widths 80 and 40. */
static void test_ls_C_fills_columns_top_to_bottom(void **state)
{
    Kernel *k = ul_kernel();
    static const char *const names[] = {"alpha", "b", "charlie", "d", "echo", "foxtrot", "g",
                                        "hotel", "india", "j", "kilo", "lima", "m", "november"};
    char path[64];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "/tmp/%s", names[i]);
        ul_write_file(k, path, "");
    }
    assert_int_equal(RUN_PIPED(k, NULL, "ls", "-C", "/tmp"), 0);
    assert_string_equal(OUT, "alpha  charlie  echo     g      india  kilo  m\n"
                             "b      d        foxtrot  hotel  j      lima  november\n");
    assert_int_equal(RUN_PIPED(k, NULL, "env", "COLUMNS=30", "ls", "-C", "/tmp"), 0);
    assert_string_equal(OUT, "alpha    foxtrot  kilo\n"
                             "b        g        lima\n"
                             "charlie  hotel    m\n"
                             "d        india    november\n"
                             "echo     j\n");
    harness_destroy(k);
}

static void test_ls_l_shows_mode_links_owner_group_size_time_name(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/tmp/f", "hello");
    assert_int_equal(RUN(k, NULL, "mkdir", "/tmp/d"), 0);
    assert_int_equal(RUN_PIPED(k, NULL, "ls", "-l", "/tmp"), 0);
    /* The virtual clock starts at 2026-01-01 00:00 and barely moves. The
     * total counts 1 KiB blocks: whole 4 KiB blocks per file and dir. */
    assert_string_equal(OUT, "total 8\n"
                             "drwxr-xr-x 2 root root 0 Jan  1 00:00 d\n"
                             "-rw-r--r-- 1 root root 5 Jan  1 00:00 f\n");
    assert_int_equal(RUN_PIPED(k, NULL, "ls", "-l", "/tmp/f"), 0);
    assert_string_equal(OUT, "-rw-r--r-- 1 root root 5 Jan  1 00:00 /tmp/f\n");
    /* -n numbers, -g leaves the owner out, -o the group */
    assert_int_equal(RUN(k, NULL, "chown", "1000:100", "/tmp/f"), 0);
    assert_int_equal(RUN_PIPED(k, NULL, "ls", "-n", "/tmp/f"), 0);
    assert_string_equal(OUT, "-rw-r--r-- 1 1000 100 5 Jan  1 00:00 /tmp/f\n");
    assert_int_equal(RUN_PIPED(k, NULL, "ls", "-l", "/tmp/f"), 0);
    assert_string_equal(OUT, "-rw-r--r-- 1 user users 5 Jan  1 00:00 /tmp/f\n");
    assert_int_equal(RUN_PIPED(k, NULL, "ls", "-g", "/tmp/f"), 0);
    assert_string_equal(OUT, "-rw-r--r-- 1 users 5 Jan  1 00:00 /tmp/f\n");
    assert_int_equal(RUN_PIPED(k, NULL, "ls", "-o", "/tmp/f"), 0);
    assert_string_equal(OUT, "-rw-r--r-- 1 user 5 Jan  1 00:00 /tmp/f\n");
    harness_destroy(k);
}

/* ls looks at a directory's entries while the directory is open, as GNU
 * ls does: /proc/self/fd lists ls's own fds, the directory's among them
 * (fd 3), and every one is still there to be shown. */
static void test_ls_l_proc_self_fd_shows_every_fd(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN_PIPED(k, NULL, "ls", "-l", "/proc/self/fd"), 0);
    assert_null(strstr(OUT, "cannot access"));
    assert_non_null(strstr(OUT, " 1 -> pipe:["));
    const char *three = strstr(OUT, " 3 -> /proc/");
    assert_non_null(three);
    assert_non_null(strstr(three, "/fd\n")); /* the directory being listed */
    harness_destroy(k);
}

static void test_ls_lists_files_then_directories_with_headers(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/tmp/f", "");
    assert_int_equal(RUN(k, NULL, "mkdir", "-p", "/tmp/d1/x", "/tmp/d2"), 0);
    assert_int_equal(RUN_PIPED(k, NULL, "ls", "/tmp/d2", "/tmp/d1", "/tmp/f"), 0);
    assert_string_equal(OUT, "/tmp/f\n\n/tmp/d1:\nx\n\n/tmp/d2:\n");
    assert_int_equal(RUN_PIPED(k, NULL, "ls", "-d", "/tmp/d1"), 0);
    assert_string_equal(OUT, "/tmp/d1\n");
    harness_destroy(k);
}

static void test_ls_missing_operand_is_status_2(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "ls", "/nope"), 2);
    assert_string_equal(OUT, "ls: cannot access '/nope': No such file or directory\n");
    assert_int_equal(RUN(k, NULL, "ls", "-z"), 2);
    assert_string_equal(OUT, "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n");
    harness_destroy(k);
}

/* ---- cat ---- */

static void test_cat_concatenates_files_and_stdin(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/tmp/a", "A\n");
    ul_write_file(k, "/tmp/b", "B\n");
    assert_int_equal(RUN(k, "in\n", "cat", "/tmp/a", "-", "/tmp/b"), 0);
    assert_string_equal(OUT, "A\nin\nB\n");
    assert_int_equal(RUN(k, "piped", "cat"), 0);
    assert_string_equal(OUT, "piped");
    assert_string_equal(ul_read_file(k, "/etc/hostname"), "axos\n");
    harness_destroy(k);
}

static void test_cat_reports_missing_files_and_goes_on(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/tmp/a", "A\n");
    assert_int_equal(RUN(k, NULL, "cat", "/nope", "/tmp/a"), 1);
    assert_string_equal(OUT, "cat: /nope: No such file or directory\nA\n");
    assert_int_equal(RUN(k, NULL, "cat", "/tmp"), 1);
    assert_string_equal(OUT, "cat: /tmp: Is a directory\n");
    harness_destroy(k);
}

static void test_cat_copies_large_files_intact(void **state)
{
    Kernel *k = ul_kernel();
    /* 200000 bytes through cat into a file and back, compared by wc. */
    assert_int_equal(run_pipeline(k, (char *const[]){"seq", "1", "34000", NULL},
                                  (char *const[]){"tee", "/tmp/big", NULL}, NULL),
                     0);
    assert_int_equal(run_pipeline(k, (char *const[]){"cat", "/tmp/big", NULL},
                                  (char *const[]){"wc", "-c", NULL}, NULL),
                     0);
    assert_string_equal(OUT, "192894\n");
    assert_int_equal(run_pipeline(k, (char *const[]){"cat", "/tmp/big", NULL},
                                  (char *const[]){"tail", "-n", "1", NULL}, NULL),
                     0);
    assert_string_equal(OUT, "34000\n");
    harness_destroy(k);
}

/* ---- mkdir, rmdir ---- */

static void test_mkdir_makes_directories_and_parents(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "mkdir", "/tmp/a"), 0);
    assert_int_equal(RUN(k, NULL, "mkdir", "/tmp/a"), 1);
    assert_string_equal(OUT, "mkdir: cannot create directory '/tmp/a': File exists\n");
    assert_int_equal(RUN(k, NULL, "mkdir", "/tmp/x/y"), 1);
    assert_string_equal(OUT, "mkdir: cannot create directory '/tmp/x/y': No such file or directory\n");
    assert_int_equal(RUN(k, NULL, "mkdir", "-p", "/tmp/x/y/z", "/tmp/a"), 0);
    assert_string_equal(OUT, "");
    assert_true(ul_exists(k, "/tmp/x/y/z"));
    assert_int_equal(RUN(k, NULL, "mkdir", "-v", "-m", "700", "/tmp/m"), 0);
    assert_string_equal(OUT, "mkdir: created directory '/tmp/m'\n");
    assert_int_equal(RUN(k, NULL, "stat", "-c", "%A", "/tmp/m"), 0);
    assert_string_equal(OUT, "drwx------\n");
    ul_write_file(k, "/tmp/file", "");
    assert_int_equal(RUN(k, NULL, "mkdir", "-p", "/tmp/file/sub"), 1);
    assert_string_equal(OUT, "mkdir: cannot create directory '/tmp/file': Not a directory\n");
    assert_int_equal(RUN(k, NULL, "mkdir"), 1);
    assert_string_equal(OUT, "mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
    harness_destroy(k);
}

static void test_rmdir_removes_only_empty_directories(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "mkdir", "-p", "/tmp/a/b/c"), 0);
    assert_int_equal(RUN(k, NULL, "rmdir", "/tmp/a"), 1);
    assert_string_equal(OUT, "rmdir: failed to remove '/tmp/a': Directory not empty\n");
    assert_int_equal(RUN(k, NULL, "rmdir", "/tmp/nope"), 1);
    assert_string_equal(OUT, "rmdir: failed to remove '/tmp/nope': No such file or directory\n");
    assert_int_equal(RUN(k, NULL, "rmdir", "/tmp/a/b/c"), 0);
    assert_false(ul_exists(k, "/tmp/a/b/c"));
    assert_int_equal(RUN(k, NULL, "mkdir", "-p", "/tmp/a/b/c"), 0);
    ul_write_file(k, "/tmp/keep", "");
    assert_int_equal(RUN(k, NULL, "rmdir", "-p", "tmp/a/b/c"), 1); /* stops at "tmp" */
    assert_string_equal(OUT, "rmdir: failed to remove 'tmp': Directory not empty\n");
    assert_false(ul_exists(k, "/tmp/a"));
    harness_destroy(k);
}

/* ---- rm ---- */

static void test_rm_removes_files_and_trees(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/tmp/f", "x");
    assert_int_equal(RUN(k, NULL, "mkdir", "-p", "/tmp/d/e/f"), 0);
    ul_write_file(k, "/tmp/d/e/g", "x");
    assert_int_equal(RUN(k, NULL, "rm", "/tmp/f"), 0);
    assert_false(ul_exists(k, "/tmp/f"));
    assert_int_equal(RUN(k, NULL, "rm", "/tmp/d"), 1);
    assert_string_equal(OUT, "rm: cannot remove '/tmp/d': Is a directory\n");
    assert_int_equal(RUN(k, NULL, "rm", "-r", "/tmp/d"), 0);
    assert_false(ul_exists(k, "/tmp/d"));
    assert_int_equal(RUN(k, NULL, "rm", "/tmp/nope"), 1);
    assert_string_equal(OUT, "rm: cannot remove '/tmp/nope': No such file or directory\n");
    assert_int_equal(RUN(k, NULL, "rm", "-f", "/tmp/nope"), 0);
    assert_string_equal(OUT, "");
    assert_int_equal(RUN(k, NULL, "rm"), 1);
    assert_int_equal(RUN(k, NULL, "rm", "-f"), 0);
    assert_int_equal(RUN(k, NULL, "rm", "-r", "/tmp/.."), 1);
    assert_string_equal(OUT, "rm: refusing to remove '.' or '..' directory: skipping '/tmp/..'\n");
    assert_int_equal(RUN(k, NULL, "rm", "-rf", "/"), 1);
    assert_true(ul_exists(k, "/bin/rm"));
    assert_int_equal(RUN(k, NULL, "mkdir", "/tmp/e"), 0);
    assert_int_equal(RUN(k, NULL, "rm", "-dv", "/tmp/e"), 0);
    assert_string_equal(OUT, "removed directory '/tmp/e'\n");
    harness_destroy(k);
}

/* -i asks before each removal and honours the answer; -I asks once; the
 * last of -f, -i and -I counts (GNU rm). */
static void test_rm_asks_with_i_and_keeps_what_was_refused(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/tmp/a", "");
    ul_write_file(k, "/tmp/b", "x");
    assert_int_equal(RUN(k, "n\ny\n", "rm", "-i", "/tmp/a", "/tmp/b"), 0);
    assert_string_equal(OUT, "rm: remove regular empty file '/tmp/a'? "
                             "rm: remove regular file '/tmp/b'? ");
    assert_true(ul_exists(k, "/tmp/a"));
    assert_false(ul_exists(k, "/tmp/b"));
    assert_int_equal(RUN(k, "", "rm", "-i", "/tmp/a"), 0); /* no answer: no */
    assert_true(ul_exists(k, "/tmp/a"));
    /* a tree: a file kept keeps its directories, with no question or error */
    assert_int_equal(RUN(k, NULL, "mkdir", "-p", "/tmp/d/e"), 0);
    ul_write_file(k, "/tmp/d/e/f", "x");
    ul_write_file(k, "/tmp/d/g", "x");
    assert_int_equal(RUN(k, "y\ny\nn\ny\n", "rm", "-ri", "/tmp/d"), 0);
    assert_string_equal(OUT, "rm: descend into directory '/tmp/d'? "
                             "rm: descend into directory '/tmp/d/e'? "
                             "rm: remove regular file '/tmp/d/e/f'? "
                             "rm: remove regular file '/tmp/d/g'? ");
    assert_true(ul_exists(k, "/tmp/d/e/f"));
    assert_false(ul_exists(k, "/tmp/d/g"));
    assert_int_equal(RUN(k, "y\nY\nyes\ny\ny\n", "rm", "-r", "--interactive", "/tmp/d"), 0);
    assert_false(ul_exists(k, "/tmp/d"));
    /* -I: once, for more than three operands or any recursion */
    assert_int_equal(RUN(k, NULL, "mkdir", "/tmp/t"), 0);
    assert_int_equal(RUN(k, "n\n", "rm", "-rI", "/tmp/t"), 0);
    assert_string_equal(OUT, "rm: remove 1 argument recursively? ");
    assert_true(ul_exists(k, "/tmp/t"));
    assert_int_equal(RUN(k, "", "rm", "-I", "/tmp/a"), 0); /* one file: no question */
    assert_string_equal(OUT, "");
    assert_false(ul_exists(k, "/tmp/a"));
    /* the last of -i and -f wins */
    ul_write_file(k, "/tmp/c", "x");
    assert_int_equal(RUN(k, "", "rm", "-i", "-f", "/tmp/c"), 0);
    assert_false(ul_exists(k, "/tmp/c"));
    ul_write_file(k, "/tmp/c", "x");
    assert_int_equal(RUN(k, "n\n", "rm", "-f", "-i", "/tmp/c"), 0);
    assert_true(ul_exists(k, "/tmp/c"));
    assert_int_equal(RUN(k, "", "rm", "--interactive=never", "/tmp/c"), 0);
    assert_false(ul_exists(k, "/tmp/c"));
    assert_int_equal(RUN(k, NULL, "rm", "--interactive=sometimes", "/tmp/t"), 1);
    assert_true(ul_exists(k, "/tmp/t"));
    harness_destroy(k);
}

/* ---- touch ---- */

static void test_touch_creates_and_keeps_content(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "touch", "/tmp/new"), 0);
    assert_int_equal(RUN(k, NULL, "stat", "-c", "%s %F", "/tmp/new"), 0);
    assert_string_equal(OUT, "0 regular empty file\n");
    ul_write_file(k, "/tmp/old", "keep");
    assert_int_equal(RUN(k, NULL, "touch", "/tmp/old", "/tmp"), 0);
    assert_string_equal(ul_read_file(k, "/tmp/old"), "keep");
    assert_int_equal(RUN(k, NULL, "touch", "-c", "/tmp/none"), 0);
    assert_false(ul_exists(k, "/tmp/none"));
    assert_int_equal(RUN(k, NULL, "touch", "/nope/x"), 1);
    assert_string_equal(OUT, "touch: cannot touch '/nope/x': No such file or directory\n");
    harness_destroy(k);
}

/* ---- cp ---- */

static void test_cp_copies_files_into_files_and_directories(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/tmp/a", "alpha\n");
    assert_int_equal(RUN(k, NULL, "cp", "/tmp/a", "/tmp/b"), 0);
    assert_string_equal(ul_read_file(k, "/tmp/b"), "alpha\n");
    assert_int_equal(RUN(k, NULL, "mkdir", "/tmp/d"), 0);
    assert_int_equal(RUN(k, NULL, "cp", "/tmp/a", "/tmp/b", "/tmp/d"), 0);
    assert_string_equal(ul_read_file(k, "/tmp/d/b"), "alpha\n");
    assert_int_equal(RUN(k, NULL, "cp", "/tmp/a", "/tmp/b", "/tmp/a"), 1);
    assert_string_equal(OUT, "cp: target '/tmp/a': Not a directory\n");
    assert_int_equal(RUN(k, NULL, "cp", "/tmp/a", "/tmp/a"), 1);
    assert_string_equal(OUT, "cp: '/tmp/a' and '/tmp/a' are the same file\n");
    assert_int_equal(RUN(k, NULL, "cp", "/nope", "/tmp/x"), 1);
    assert_string_equal(OUT, "cp: cannot stat '/nope': No such file or directory\n");
    assert_int_equal(RUN(k, NULL, "cp", "/tmp/a"), 1);
    assert_string_equal(OUT, "cp: missing destination file operand after '/tmp/a'\n"
                             "Try 'cp --help' for more information.\n");
    assert_int_equal(RUN(k, NULL, "cp", "/tmp/a", "/nope/x"), 1);
    assert_string_equal(OUT, "cp: cannot create regular file '/nope/x': No such file or directory\n");
    harness_destroy(k);
}

static void test_cp_r_copies_trees_but_not_into_themselves(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "mkdir", "-p", "/tmp/src/sub"), 0);
    ul_write_file(k, "/tmp/src/sub/f", "deep\n");
    ul_write_file(k, "/tmp/src/g", "top\n");
    assert_int_equal(RUN(k, NULL, "cp", "/tmp/src", "/tmp/dst"), 1);
    assert_string_equal(OUT, "cp: -r not specified; omitting directory '/tmp/src'\n");
    assert_int_equal(RUN(k, NULL, "cp", "-r", "/tmp/src", "/tmp/dst"), 0);
    assert_string_equal(ul_read_file(k, "/tmp/dst/sub/f"), "deep\n");
    assert_string_equal(ul_read_file(k, "/tmp/dst/g"), "top\n");
    /* An existing destination directory receives a copy named after src. */
    assert_int_equal(RUN(k, NULL, "cp", "-r", "/tmp/src", "/tmp/dst"), 0);
    assert_string_equal(ul_read_file(k, "/tmp/dst/src/sub/f"), "deep\n");
    assert_int_equal(RUN(k, NULL, "cp", "-r", "/tmp/src", "/tmp/src/sub"), 1);
    assert_string_equal(OUT, "cp: cannot copy a directory, '/tmp/src', into itself, "
                             "'/tmp/src/sub/src'\n");
    harness_destroy(k);
}

/* Symbolic links, as GNU cp: followed unless copying recursively; -P and
 * -d copy a link as a link (replacing a file in the way), -L follows all,
 * -H those named on the command line, -a implies -d. */
static void expect_link(Kernel *k, const char *path, const char *target)
{
    assert_int_equal(RUN_PIPED(k, NULL, "readlink", path), 0);
    char want[256];
    snprintf(want, sizeof want, "%s\n", target);
    assert_string_equal(OUT, want);
}

static void expect_file(Kernel *k, const char *path, const char *text)
{
    assert_int_equal(RUN_PIPED(k, NULL, "readlink", path), 1); /* not a link */
    assert_string_equal(ul_read_file(k, path), text);
}

static void test_cp_follows_or_copies_symbolic_links(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/tmp/f", "data\n");
    assert_int_equal(RUN(k, NULL, "mkdir", "/tmp/d"), 0);
    assert_int_equal(RUN(k, NULL, "ln", "-s", "f", "/tmp/l"), 0);
    assert_int_equal(RUN(k, NULL, "ln", "-s", "../f", "/tmp/d/dl"), 0);
    assert_int_equal(RUN(k, NULL, "ln", "-s", "d", "/tmp/ld"), 0);
    assert_int_equal(RUN(k, NULL, "cp", "/tmp/l", "/tmp/c1"), 0);
    expect_file(k, "/tmp/c1", "data\n");
    assert_int_equal(RUN(k, NULL, "cp", "-P", "/tmp/l", "/tmp/c2"), 0);
    expect_link(k, "/tmp/c2", "f");
    assert_int_equal(RUN(k, NULL, "cp", "-d", "/tmp/l", "/tmp/c1"), 0); /* replaces the file */
    expect_link(k, "/tmp/c1", "f");
    assert_int_equal(RUN(k, NULL, "cp", "-r", "/tmp/d", "/tmp/r1"), 0);
    expect_link(k, "/tmp/r1/dl", "../f");
    assert_int_equal(RUN(k, NULL, "cp", "-rL", "/tmp/d", "/tmp/r2"), 0);
    expect_file(k, "/tmp/r2/dl", "data\n");
    assert_int_equal(RUN(k, NULL, "cp", "-a", "/tmp/d", "/tmp/r3"), 0);
    expect_link(k, "/tmp/r3/dl", "../f");
    assert_int_equal(RUN(k, NULL, "cp", "-aL", "/tmp/d", "/tmp/r4"), 0); /* the last one wins */
    expect_file(k, "/tmp/r4/dl", "data\n");
    /* -H: the named link to a directory is followed, the one inside not */
    assert_int_equal(RUN(k, NULL, "cp", "-rH", "/tmp/ld", "/tmp/r5"), 0);
    expect_link(k, "/tmp/r5/dl", "../f");
    assert_int_equal(RUN(k, NULL, "cp", "-r", "/tmp/ld", "/tmp/r6"), 0); /* -r alone: a link */
    expect_link(k, "/tmp/r6", "d");
    /* a dangling link: -P copies it, following it fails */
    assert_int_equal(RUN(k, NULL, "ln", "-s", "nowhere", "/tmp/dang"), 0);
    assert_int_equal(RUN(k, NULL, "cp", "-P", "/tmp/dang", "/tmp/c3"), 0);
    expect_link(k, "/tmp/c3", "nowhere");
    assert_int_equal(RUN(k, NULL, "cp", "/tmp/dang", "/tmp/c4"), 1);
    assert_string_equal(OUT, "cp: cannot stat '/tmp/dang': No such file or directory\n");
    /* -n keeps what is there; a link onto itself is the same file */
    assert_int_equal(RUN(k, NULL, "cp", "-Pn", "/tmp/dang", "/tmp/c2"), 0);
    expect_link(k, "/tmp/c2", "f");
    assert_int_equal(RUN(k, NULL, "cp", "-P", "/tmp/l", "/tmp/l"), 1);
    assert_string_equal(OUT, "cp: '/tmp/l' and '/tmp/l' are the same file\n");
    harness_destroy(k);
}

/* ---- mv ---- */

static void test_mv_renames_and_moves_into_directories(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/tmp/a", "A");
    assert_int_equal(RUN(k, NULL, "mv", "/tmp/a", "/tmp/b"), 0);
    assert_false(ul_exists(k, "/tmp/a"));
    assert_string_equal(ul_read_file(k, "/tmp/b"), "A");
    assert_int_equal(RUN(k, NULL, "mkdir", "/tmp/d"), 0);
    assert_int_equal(RUN(k, NULL, "mv", "/tmp/b", "/tmp/d"), 0);
    assert_string_equal(ul_read_file(k, "/tmp/d/b"), "A");
    assert_int_equal(RUN(k, NULL, "mv", "/tmp/nope", "/tmp/x"), 1);
    assert_string_equal(OUT, "mv: cannot stat '/tmp/nope': No such file or directory\n");
    assert_int_equal(RUN(k, NULL, "mv", "/tmp/d", "/tmp/d/sub"), 1);
    assert_string_equal(OUT, "mv: cannot move '/tmp/d' to a subdirectory of itself, "
                             "'/tmp/d/sub'\n");
    assert_int_equal(RUN(k, NULL, "mv", "/tmp/d/b", "/tmp/d/b"), 1);
    assert_string_equal(OUT, "mv: '/tmp/d/b' and '/tmp/d/b' are the same file\n");
    assert_int_equal(RUN(k, NULL, "mv", "/tmp/d"), 1);
    harness_destroy(k);
}

/* ---- stat ---- */

static void test_stat_describes_files(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "stat", "/etc/hostname"), 0);
    const char *out = OUT;
    assert_non_null(strstr(out, "  File: /etc/hostname\n  Size: 5 "));
    assert_non_null(strstr(out, "regular file\n"));
    assert_non_null(strstr(out, "Links: 1\nAccess: (0644/-rw-r--r--)  Uid: (    0/    root)   "
                                "Gid: (    0/    root)\n"));
    assert_non_null(strstr(out, "Modify: 2026-01-01 00:00:00.000000000 +0000\n"));
    assert_int_equal(RUN(k, NULL, "stat", "-c", "%n %s %F %a %h", "/tmp", "/dev/null"), 0);
    assert_string_equal(OUT, "/tmp 0 directory 1777 2\n/dev/null 0 character special file 666 1\n");
    assert_int_equal(RUN(k, NULL, "stat", "-c", "%u %g %U %G %t %T", "/etc/shadow", "/dev/null"),
                     0);
    assert_string_equal(OUT, "0 42 root shadow 0 0\n0 0 root root 1 3\n");
    assert_int_equal(RUN(k, NULL, "stat", "-c", "%Y %i%%", "/etc/motd"), 0);
    assert_int_equal(strncmp(OUT, "1767225600 ", 11), 0);
    assert_string_equal(OUT + strlen(OUT) - 2, "%\n");
    assert_int_equal(RUN(k, NULL, "stat", "/nope"), 1);
    assert_string_equal(OUT, "stat: cannot stat '/nope': No such file or directory\n");
    harness_destroy(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ls_lists_sorted_names_one_per_line_into_a_pipe),
        cmocka_unit_test(test_ls_puts_columns_on_a_terminal_unless_dash_1),
        cmocka_unit_test(test_ls_C_fills_columns_top_to_bottom),
        cmocka_unit_test(test_ls_l_shows_mode_links_owner_group_size_time_name),
        cmocka_unit_test(test_ls_l_proc_self_fd_shows_every_fd),
        cmocka_unit_test(test_ls_lists_files_then_directories_with_headers),
        cmocka_unit_test(test_ls_missing_operand_is_status_2),
        cmocka_unit_test(test_cat_concatenates_files_and_stdin),
        cmocka_unit_test(test_cat_reports_missing_files_and_goes_on),
        cmocka_unit_test(test_cat_copies_large_files_intact),
        cmocka_unit_test(test_mkdir_makes_directories_and_parents),
        cmocka_unit_test(test_rmdir_removes_only_empty_directories),
        cmocka_unit_test(test_rm_removes_files_and_trees),
        cmocka_unit_test(test_rm_asks_with_i_and_keeps_what_was_refused),
        cmocka_unit_test(test_touch_creates_and_keeps_content),
        cmocka_unit_test(test_cp_copies_files_into_files_and_directories),
        cmocka_unit_test(test_cp_r_copies_trees_but_not_into_themselves),
        cmocka_unit_test(test_cp_follows_or_copies_symbolic_links),
        cmocka_unit_test(test_mv_renames_and_moves_into_directories),
        cmocka_unit_test(test_stat_describes_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
