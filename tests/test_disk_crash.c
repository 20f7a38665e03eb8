/* Hypothesis: a host process killed with SIGKILL at any moment leaves its
 * disk in the last committed state, never a mix of two.
 *
 * A child process boots a kernel on the disk and runs a writer that
 * changes many files and then a manifest describing all of them, then
 * syncs, over and over. The parent kills the child after a random delay,
 * boots a kernel on the disk (which must open: SQLite recovers its
 * journal), and checks that the files are exactly what the manifest says:
 * the state of one sync, whole. The next child carries on from there. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "userland_run.h"

#define KILLS 24
#define FILES 40

static char tmpdir[64];

/* Content of file i at round j: a size and a byte that vary with both. */
static size_t file_size(unsigned i, unsigned j) { return (i * 131 + j * 977) % 6000; }
static char file_byte(unsigned i, unsigned j) { return (char)('a' + (i + j) % 26); }

static unsigned read_counter(void)
{
    SyscallResult fd = sys_open("/data/counter", AX_O_RDONLY, 0);
    if (fd.error != AX_OK)
        return 0;
    char buf[32] = {0};
    sys_read((int)fd.value, buf, sizeof buf - 1);
    sys_close((int)fd.value);
    return (unsigned)strtoul(buf, NULL, 10);
}

static void write_file(const char *path, const char *data, size_t len)
{
    SyscallResult fd = sys_open(path, AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, 0644);
    if (fd.error != AX_OK)
        return;
    for (size_t off = 0; off < len;) {
        SyscallResult w = sys_write((int)fd.value, data + off, len - off);
        if (w.error != AX_OK)
            break;
        off += (size_t)w.value;
    }
    sys_close((int)fd.value);
}

/* The writer: each round rewrites some files, removes one, renames one,
 * writes the manifest (name, size, byte per line) and the counter, syncs. */
static int writer_main(int argc, char **argv) __attribute__((noreturn));
static int writer_main(int argc, char **argv)
{
    sys_mkdir("/data", 0755);
    char buf[8192]; /* on the task's stack: statics are shared by processes */
    char path[64], manifest[FILES * 48];
    for (unsigned j = read_counter() + 1;; j++) {
        for (unsigned i = j % 3; i < FILES; i += 3) {
            size_t n = file_size(i, j);
            memset(buf, file_byte(i, j), n);
            snprintf(path, sizeof path, "/data/f%u", i);
            write_file(path, buf, n);
        }
        snprintf(path, sizeof path, "/data/f%u", (j * 7) % FILES);
        sys_unlink(path);
        char to[64];
        snprintf(path, sizeof path, "/data/f%u", (j * 11) % FILES);
        snprintf(to, sizeof to, "/data/f%u", (j * 13 + 1) % FILES);
        sys_rename(path, to);
        /* the manifest: what every file is now */
        size_t len = 0;
        for (unsigned i = 0; i < FILES; i++) {
            FileStat st;
            snprintf(path, sizeof path, "/data/f%u", i);
            if (sys_stat(path, &st).error != AX_OK)
                continue;
            char first = 0;
            SyscallResult fd = sys_open(path, AX_O_RDONLY, 0);
            sys_read((int)fd.value, &first, 1);
            sys_close((int)fd.value);
            len += (size_t)snprintf(manifest + len, sizeof manifest - len, "f%u %llu %d\n", i,
                                    (unsigned long long)st.size, first);
        }
        write_file("/data/manifest", manifest, len);
        char count[32];
        write_file("/data/counter", count, (size_t)snprintf(count, sizeof count, "%u", j));
        sys_sync();
    }
}

/* The checker: the files are exactly the manifest's. Prints "ok ROUND" or
 * what is wrong. */
static int checker_main(int argc, char **argv)
{
    char man[FILES * 48 + 1], buf[8192];
    SyscallResult fd = sys_open("/data/manifest", AX_O_RDONLY, 0);
    if (fd.error != AX_OK) {
        tprintf("ok 0 (nothing synced yet)\n");
        return 0;
    }
    SyscallResult n = sys_read((int)fd.value, man, sizeof man - 1);
    sys_close((int)fd.value);
    man[n.value] = '\0';
    bool listed[FILES] = {false};
    for (char *line = strtok(man, "\n"); line; line = strtok(NULL, "\n")) {
        unsigned i;
        unsigned long long size;
        int first;
        if (sscanf(line, "f%u %llu %d", &i, &size, &first) != 3 || i >= FILES) {
            tprintf("bad manifest line: %s\n", line);
            return 1;
        }
        listed[i] = true;
        char path[64];
        snprintf(path, sizeof path, "/data/f%u", i);
        FileStat st;
        if (sys_stat(path, &st).error != AX_OK || st.size != size) {
            tprintf("%s: not as the manifest says\n", path);
            return 1;
        }
        fd = sys_open(path, AX_O_RDONLY, 0);
        SyscallResult got = sys_read((int)fd.value, buf, sizeof buf);
        sys_close((int)fd.value);
        for (int64_t b = 0; b < got.value; b++) {
            if (buf[b] != (char)first) {
                tprintf("%s: a byte of another round at %lld\n", path, (long long)b);
                return 1;
            }
        }
    }
    for (unsigned i = 0; i < FILES; i++) {
        char path[64];
        snprintf(path, sizeof path, "/data/f%u", i);
        if (!listed[i] && sys_exists(path).value == 1) {
            tprintf("%s exists but the manifest does not list it\n", path);
            return 1;
        }
    }
    tprintf("ok %u\n", read_counter());
    return 0;
}

static void run_writer_until_killed(const char *db)
{
    KernelConfig cfg = {.clock = AX_CLOCK_VIRTUAL};
    Kernel *k = kernel_create(&cfg);
    if (!k || kernel_disk_open(k, db, NULL, 0) < 0)
        _exit(3);
    kernel_install_program(k, "/bin/writer", writer_main);
    SyscallResult pid = kernel_spawn(k, "/bin/writer", NULL);
    if (pid.error != AX_OK)
        _exit(4);
    kernel_run(k); /* forever: the writer never ends */
    _exit(5);
}

/* Start a writer on db, kill it after delay_us, wait for it. */
static void kill_a_writer(const char *db, long delay_us)
{
    fflush(NULL);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0)
        run_writer_until_killed(db);
    struct timespec delay = {delay_us / 1000000, (delay_us % 1000000) * 1000};
    nanosleep(&delay, NULL);
    kill(child, SIGKILL);
    int status;
    waitpid(child, &status, 0);
    if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL))
        fail_msg("the writer ended by itself (status %d): it could not boot", status);
}

static void test_a_kill_at_any_moment_leaves_the_last_commit(void **state)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/axos-crash-XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    char db[128];
    unsigned rng = 12345;
    /* first, kills while a new disk is being made: each on its own file,
     * 0 to 8 ms after the start */
    for (int i = 0; i < 8; i++) {
        snprintf(db, sizeof db, "%s/new%d.db", tmpdir, i);
        kill_a_writer(db, i * 1000L);
        Kernel *k = harness_kernel(NULL);
        char msg[256];
        if (kernel_disk_open(k, db, msg, sizeof msg) < 0)
            fail_msg("killed %d ms into making it, the disk does not open: %s", i, msg);
        harness_destroy(k);
    }
    snprintf(db, sizeof db, "%s/crash.db", tmpdir);
    unsigned last_round = 0, advanced = 0;
    /* A slow host (a sanitizer build, other jobs) may need longer to boot
     * and commit: after a run that committed nothing the delays double (up
     * to 64 times), after one that did they halve again. */
    long scale = 1;
    for (int kill_no = 0; kill_no < KILLS; kill_no++) {
        rng = rng * 1103515245 + 12345;
        /* 2 to 60 ms (times scale): through boot, load, writes and commits */
        kill_a_writer(db, (long)(2 + (rng >> 16) % 59) * 1000L * scale);
        Kernel *k = harness_kernel(NULL);
        char msg[256];
        int r = kernel_disk_open(k, db, msg, sizeof msg);
        if (r < 0)
            fail_msg("kill %d: the disk does not open: %s", kill_no, msg);
        ul_install(k);
        assert_int_equal(kernel_install_program(k, "/bin/checker", checker_main), 0);
        int st = RUN_PIPED(k, NULL, "checker");
        if (st != 0)
            fail_msg("kill %d: %s", kill_no, ul_output());
        unsigned round = 0;
        sscanf(ul_output(), "ok %u", &round);
        assert_true(round >= last_round); /* committed rounds never go back */
        if (round > last_round) {
            advanced++;
            scale = scale > 1 ? scale / 2 : 1;
        } else {
            scale = scale < 64 ? scale * 2 : 64;
        }
        last_round = round;
        if (getenv("CRASH_DEBUG")) fprintf(stderr, "kill %d: round %u\n", kill_no, round);
        harness_destroy(k);
    }
    /* the writer did commit along the way (how often depends on the
     * host's speed: a few times is proof enough) */
    if (advanced < 3)
        fail_msg("only %u of %d runs committed a round", advanced, KILLS);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_kill_at_any_moment_leaves_the_last_commit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
