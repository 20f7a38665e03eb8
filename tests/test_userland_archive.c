/* Hypotheses about tar, gzip, gunzip and zcat: what they make, GNU tar and
 * GNU gzip on the host read (and the other way round), trees come back
 * whole with their modes, and bad input gets GNU's words and statuses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "userland_run.h"

#define OUT ul_output()

static void test_tar_round_trip(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "mkdir", "-p", "/tmp/src/d/sub", "/tmp/x"), 0);
    ul_write_file(k, "/tmp/src/d/f1", "hello\n");
    ul_write_file(k, "/tmp/src/d/sub/f2", "second file\n");
    assert_int_equal(RUN(k, NULL, "chmod", "750", "/tmp/src/d/f1"), 0);
    assert_int_equal(RUN(k, NULL, "tar", "-cf", "/tmp/a.tar", "-C", "/tmp/src", "d"), 0);
    assert_string_equal(OUT, "");
    /* the old form, and -t listing in archive order */
    assert_int_equal(RUN(k, NULL, "tar", "tf", "/tmp/a.tar"), 0);
    assert_string_equal(OUT, "d/\nd/f1\nd/sub/\nd/sub/f2\n");
    assert_int_equal(RUN(k, NULL, "tar", "-tvf", "/tmp/a.tar", "d/f1"), 0);
    assert_non_null(strstr(OUT, "-rwxr-x--- root/root         6 "));
    assert_non_null(strstr(OUT, " d/f1\n"));
    /* a tar file is whole 10 KiB records */
    assert_int_equal(RUN(k, NULL, "stat", "-c", "%s", "/tmp/a.tar"), 0);
    assert_string_equal(OUT, "10240\n");
    assert_int_equal(RUN(k, NULL, "tar", "-xvf", "/tmp/a.tar", "-C", "/tmp/x"), 0);
    assert_string_equal(OUT, "d/\nd/f1\nd/sub/\nd/sub/f2\n");
    assert_string_equal(ul_read_file(k, "/tmp/x/d/sub/f2"), "second file\n");
    assert_int_equal(RUN(k, NULL, "stat", "-c", "%a", "/tmp/x/d/f1"), 0);
    assert_string_equal(OUT, "750\n");
    /* only the members asked for; -z through gzip; - is a pipe */
    assert_int_equal(RUN(k, NULL, "tar", "-czf", "/tmp/a.tgz", "-C", "/tmp/src", "d"), 0);
    assert_int_equal(RUN(k, NULL, "mkdir", "/tmp/y"), 0);
    assert_int_equal(RUN(k, NULL, "tar", "-xzf", "/tmp/a.tgz", "-C", "/tmp/y", "d/sub"), 0);
    assert_false(ul_exists(k, "/tmp/y/d/f1"));
    assert_string_equal(ul_read_file(k, "/tmp/y/d/sub/f2"), "second file\n");
    int st = run_pipeline(k, (char *const[]){"tar", "-cf", "-", "/tmp/src/d/f1", NULL},
                          (char *const[]){"tar", "-t", NULL}, NULL);
    assert_int_equal(st, 0);
    assert_string_equal(OUT, "tar: Removing leading '/' from member names\ntmp/src/d/f1\n");
    harness_destroy(k);
}

static void test_tar_errors(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "tar", "-f", "/tmp/a.tar"), 2);
    assert_string_equal(OUT, "tar: You must specify one of the '-Acdtrux', '--delete' or "
                             "'--test-label' options\nTry 'tar --help' for more information.\n");
    assert_int_equal(RUN(k, NULL, "tar", "-cf", "/tmp/a.tar"), 2);
    assert_string_equal(OUT, "tar: Cowardly refusing to create an empty archive\n"
                             "Try 'tar --help' for more information.\n");
    assert_int_equal(RUN(k, NULL, "tar", "-tf", "/nope.tar"), 2);
    assert_string_equal(OUT, "tar: /nope.tar: Cannot open: No such file or directory\n"
                             "tar: Error is not recoverable: exiting now\n");
    assert_int_equal(RUN(k, NULL, "tar", "-cf", "/tmp/a.tar", "/nope"), 2);
    assert_string_equal(OUT, "tar: Removing leading '/' from member names\n"
                             "tar: /nope: Cannot stat: No such file or directory\n"
                             "tar: Exiting with failure status due to previous errors\n");
    ul_write_file(k, "/tmp/junk.tar", "junkjunk\n");
    assert_int_equal(RUN(k, NULL, "tar", "-tf", "/tmp/junk.tar"), 2);
    assert_string_equal(OUT, "tar: This does not look like a tar archive\n"
                             "tar: Exiting with failure status due to previous errors\n");
    ul_write_file(k, "/tmp/f", "x\n");
    assert_int_equal(RUN(k, NULL, "tar", "-cf", "/tmp/a.tar", "/tmp/f"), 0);
    assert_int_equal(RUN(k, NULL, "tar", "-tf", "/tmp/a.tar", "tmp/g"), 2);
    assert_string_equal(OUT, "tar: tmp/g: Not found in archive\n"
                             "tar: Exiting with failure status due to previous errors\n");
    /* a member with a .. component is never unpacked */
    assert_int_equal(RUN(k, NULL, "mkdir", "-p", "/tmp/in/sub", "/tmp/out"), 0);
    ul_write_file(k, "/tmp/in/evil", "e\n");
    assert_int_equal(run_program(k, (char *const[]){"sh", "-c", "cd /tmp/in/sub && tar -cf /tmp/e.tar ../evil", NULL}, NULL), 0);
    assert_int_equal(RUN(k, NULL, "tar", "-xf", "/tmp/e.tar", "-C", "/tmp/out/"), 2);
    assert_string_equal(OUT, "tar: ../evil: Member name contains '..'\n"
                             "tar: Exiting with failure status due to previous errors\n");
    assert_false(ul_exists(k, "/tmp/evil"));
    harness_destroy(k);
}

static void test_gzip(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/tmp/t", "some text some text some text\n");
    assert_int_equal(RUN(k, NULL, "gzip", "/tmp/t"), 0);
    assert_false(ul_exists(k, "/tmp/t"));
    assert_true(ul_exists(k, "/tmp/t.gz"));
    assert_int_equal(RUN(k, NULL, "zcat", "/tmp/t.gz"), 0);
    assert_string_equal(OUT, "some text some text some text\n");
    assert_int_equal(RUN(k, NULL, "gunzip", "-k", "/tmp/t.gz"), 0);
    assert_string_equal(ul_read_file(k, "/tmp/t"), "some text some text some text\n");
    assert_true(ul_exists(k, "/tmp/t.gz"));
    /* a pipe both ways; concatenated members read as one */
    assert_int_equal(run_pipeline(k, (char *const[]){"gzip", "-9", "/tmp/t", "-c", NULL},
                                  (char *const[]){"gunzip", NULL}, NULL), 0);
    assert_string_equal(OUT, "some text some text some text\n");
    assert_int_equal(run_program(k, (char *const[]){"sh", "-c", "echo a | gzip > /tmp/c.gz; echo b | gzip >> /tmp/c.gz; zcat /tmp/c.gz", NULL}, NULL), 0);
    assert_string_equal(OUT, "a\nb\n");
    /* warnings give 2, errors 1 */
    assert_int_equal(RUN(k, NULL, "gzip", "/tmp/t.gz"), 2);
    assert_string_equal(OUT, "gzip: /tmp/t.gz already has .gz suffix -- unchanged\n");
    assert_int_equal(RUN(k, NULL, "gzip", "/tmp/t"), 2);
    assert_string_equal(OUT, "gzip: /tmp/t.gz already exists;\tnot overwritten\n");
    assert_true(ul_exists(k, "/tmp/t"));
    assert_int_equal(RUN(k, NULL, "gunzip", "/tmp/t"), 2);
    assert_string_equal(OUT, "gzip: /tmp/t: unknown suffix -- ignored\n");
    assert_int_equal(RUN(k, NULL, "gzip", "/tmp"), 2);
    assert_string_equal(OUT, "gzip: /tmp is a directory -- ignored\n");
    assert_int_equal(RUN(k, NULL, "gzip", "/nope"), 1);
    assert_string_equal(OUT, "gzip: /nope: No such file or directory\n");
    ul_write_file(k, "/tmp/bad.gz", "not gzip at all\n");
    assert_int_equal(RUN(k, NULL, "gunzip", "/tmp/bad.gz"), 1);
    assert_string_equal(OUT, "gzip: /tmp/bad.gz: not in gzip format\n");
    assert_true(ul_exists(k, "/tmp/bad.gz"));
    assert_false(ul_exists(k, "/tmp/bad"));
    assert_int_equal(RUN(k, NULL, "gzip", "-x"), 1);
    assert_string_equal(OUT, "gzip: invalid option -- 'x'\nTry 'gzip --help' for more information.\n");
    /* the console is a terminal: no compressed data onto it */
    assert_int_equal(RUN(k, "abc", "gzip"), 1);
    assert_string_equal(OUT, "gzip: compressed data not written to a terminal. Use -f to force "
                             "compression.\nFor help, type: gzip -h\n");
    harness_destroy(k);
}

/* Symbolic links are stored as links (-h: what they lead to), a second
 * name of a file as a hard link to the first; both come back. A link the
 * archive makes is made last: a later member is not written through it. */
static void test_tar_links(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "mkdir", "-p", "/tmp/src/d", "/tmp/x", "/tmp/h"), 0);
    ul_write_file(k, "/tmp/src/d/f", "data\n");
    assert_int_equal(RUN(k, NULL, "ln", "-s", "f", "/tmp/src/d/sym"), 0);
    assert_int_equal(RUN(k, NULL, "ln", "/tmp/src/d/f", "/tmp/src/d/hard"), 0);
    assert_int_equal(RUN(k, NULL, "tar", "-cf", "/tmp/a.tar", "-C", "/tmp/src", "d"), 0);
    assert_int_equal(RUN(k, NULL, "tar", "-tvf", "/tmp/a.tar"), 0);
    /* names in directory order: f, hard (its second name), sym */
    assert_non_null(strstr(OUT, "-rw-r--r-- root/root         5 "));
    assert_non_null(strstr(OUT, " d/f\nh"));
    assert_non_null(strstr(OUT, " d/hard link to d/f\n"));
    assert_non_null(strstr(OUT, "\nlrwxrwxrwx root/root         0 "));
    assert_non_null(strstr(OUT, " d/sym -> f\n"));
    assert_int_equal(RUN(k, NULL, "tar", "-xf", "/tmp/a.tar", "-C", "/tmp/x"), 0);
    assert_int_equal(RUN(k, NULL, "readlink", "/tmp/x/d/sym"), 0);
    assert_string_equal(OUT, "f\n");
    assert_int_equal(RUN(k, NULL, "stat", "-c", "%h %i", "/tmp/x/d/f"), 0);
    char f_id[64];
    snprintf(f_id, sizeof f_id, "%s", OUT);
    assert_int_equal(RUN(k, NULL, "stat", "-c", "%h %i", "/tmp/x/d/hard"), 0);
    assert_string_equal(OUT, f_id); /* one file, two names */
    assert_int_equal(f_id[0], '2');
    /* -h: the link's file instead */
    assert_int_equal(RUN(k, NULL, "tar", "-chf", "/tmp/h.tar", "-C", "/tmp/src", "d/sym"), 0);
    assert_int_equal(RUN(k, NULL, "tar", "-xf", "/tmp/h.tar", "-C", "/tmp/h"), 0);
    assert_int_equal(RUN(k, NULL, "readlink", "/tmp/h/d/sym"), 1);
    assert_string_equal(ul_read_file(k, "/tmp/h/d/sym"), "data\n");
    /* an archive whose link leads outside, then a member under the link:
     * the member is refused, nothing outside is written */
    assert_int_equal(RUN(k, NULL, "mkdir", "-p", "/tmp/outside", "/tmp/ev", "/tmp/z"), 0);
    ul_write_file(k, "/tmp/outside/victim", "archived\n");
    assert_int_equal(RUN(k, NULL, "ln", "-s", "/tmp/outside", "/tmp/ev/l"), 0);
    assert_int_equal(RUN(k, NULL, "tar", "-cf", "/tmp/e.tar", "-C", "/tmp/ev", "l", "l/victim"), 0);
    ul_write_file(k, "/tmp/outside/victim", "safe\n");
    assert_int_equal(RUN(k, NULL, "tar", "-xf", "/tmp/e.tar", "-C", "/tmp/z"), 2);
    assert_non_null(strstr(OUT, "tar: l/victim: Cannot open: Not a directory\n"));
    assert_string_equal(ul_read_file(k, "/tmp/outside/victim"), "safe\n");
    assert_int_equal(RUN(k, NULL, "readlink", "/tmp/z/l"), 0); /* the link itself is made */
    assert_string_equal(OUT, "/tmp/outside\n");
    harness_destroy(k);
}

/* What axos makes, GNU tar and gzip on the host read, and back. */
static void test_archives_with_host_tools(void **state)
{
    if (system("tar --version >/dev/null 2>&1 && gzip --version >/dev/null 2>&1") != 0)
        skip();
    char dir[] = "/tmp/axos_archive_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char cmd[1024];
    /* a host tree with a name longer than 100 bytes (GNU tar's 'L' entry) */
    const char *longname = "a_directory_with_a_long_name_for_the_test/"
                           "and_a_file_whose_name_makes_the_whole_path_longer_than_one_hundred_bytes.txt";
    snprintf(cmd, sizeof cmd,
             "cd %s && mkdir -p in/tree/a_directory_with_a_long_name_for_the_test && "
             "printf 'host data\\n' > in/tree/%s && seq 1 2000 > in/tree/nums && "
             "tar -cf in/host.tar -C in tree && gzip -c in/tree/nums > in/nums.gz && "
             "mkdir -p lk/t && echo linked > lk/t/f && ln -s f lk/t/s && ln lk/t/f lk/t/h && "
             "tar -cf in/links.tar -C lk t",
             dir, longname);
    assert_int_equal(system(cmd), 0);
    Kernel *k = ul_kernel();
    char in[512], out[512], msg[256];
    snprintf(in, sizeof in, "%s/in", dir);
    snprintf(out, sizeof out, "%s/out", dir);
    assert_int_equal(kernel_import(k, in, "/imp", msg, sizeof msg), 0);
    assert_int_equal(RUN(k, NULL, "mkdir", "/x"), 0);
    assert_int_equal(RUN(k, NULL, "tar", "-xf", "/imp/host.tar", "-C", "/x"), 0);
    char path[300];
    snprintf(path, sizeof path, "/x/tree/%s", longname);
    assert_string_equal(ul_read_file(k, path), "host data\n");
    assert_int_equal(RUN(k, NULL, "sh", "-c", "zcat /imp/nums.gz | tail -n 1"), 0);
    assert_string_equal(OUT, "2000\n");
    /* GNU tar's symbolic (type 2) and hard (type 1) links */
    assert_int_equal(RUN(k, NULL, "tar", "-xf", "/imp/links.tar", "-C", "/x"), 0);
    assert_int_equal(RUN(k, NULL, "readlink", "/x/t/s"), 0);
    assert_string_equal(OUT, "f\n");
    assert_int_equal(RUN(k, NULL, "stat", "-c", "%h", "/x/t/h"), 0);
    assert_string_equal(OUT, "2\n");
    assert_string_equal(ul_read_file(k, "/x/t/h"), "linked\n");
    /* and the other way: axos's archive and gzip file, unpacked by the host */
    assert_int_equal(RUN(k, NULL, "mkdir", "/o"), 0);
    assert_int_equal(RUN(k, NULL, "tar", "-czf", "/o/axos.tgz", "-C", "/x", "tree", "t"), 0);
    assert_int_equal(RUN(k, NULL, "sh", "-c", "seq 1 3000 | gzip > /o/s.gz"), 0);
    assert_int_equal(kernel_export(k, "/o", out, msg, sizeof msg), 0);
    harness_destroy(k);
    snprintf(cmd, sizeof cmd,
             "cd %s/out && tar -xzf axos.tgz && cmp tree/nums ../in/tree/nums && "
             "cmp tree/%s ../in/tree/%s && [ \"$(gzip -dc s.gz | tail -n 1)\" = 3000 ] && "
             "[ \"$(readlink t/s)\" = f ] && [ t/h -ef t/f ]",
             dir, longname, longname);
    int r = system(cmd);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(r, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tar_round_trip),
        cmocka_unit_test(test_tar_errors),
        cmocka_unit_test(test_tar_links),
        cmocka_unit_test(test_gzip),
        cmocka_unit_test(test_archives_with_host_tools),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
