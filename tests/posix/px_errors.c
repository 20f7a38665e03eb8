/* Error paths of the layer's calls, run on the host and in axos: each line
 * says what a bad call returned and with which errno, and what it left
 * behind; both must print the same. */
#define _GNU_SOURCE /* strerrorname_np, dup3, pipe2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static void report(const char *what, long r) {
    int e = errno;
    if (r < 0)
        printf("%-44s -> %ld %s\n", what, r, strerrorname_np(e));
    else
        printf("%-44s -> %ld\n", what, r);
    errno = 0;
}

#define CHECK(expr) report(#expr, (long)(expr))
/* For calls that return an error number instead of setting errno. */
#define CHECK_ERR(expr)                                                                             \
    do {                                                                                            \
        int e_ = (expr);                                                                            \
        printf("%-44s -> %s\n", #expr, e_ ? strerrorname_np(e_) : "0");                            \
    } while (0)

int main(void) {
    char buf[64], longname[300];
    struct stat st;
    int p[2];
    signal(SIGPIPE, SIG_IGN);
    memset(longname, 'n', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';

    puts("-- fds");
    CHECK(read(-1, buf, 1));
    CHECK(read(99, buf, 1));
    CHECK(write(0, "x", 1));
    CHECK(close(-1));
    CHECK(close(1000));
    CHECK(dup(-1));
    CHECK(dup2(1, -1));
    CHECK(dup2(-1, 5));
    CHECK(dup2(1, 1));
    CHECK(dup3(1, 1, 0));
    CHECK(dup3(1, 10, 12345));
    CHECK(fcntl(-1, F_GETFD));
    CHECK(fcntl(1, 9999));
    CHECK(pipe2(p, 12345));
    CHECK(pipe(p));
    CHECK(lseek(p[0], 0, SEEK_CUR));
    CHECK(pread(p[0], buf, 1, 0));
    CHECK(write(p[0], "x", 1));
    close(p[0]);
    CHECK(write(p[1], "x", 1)); /* no reader, SIGPIPE ignored */
    close(p[1]);

    puts("-- paths");
    CHECK(open("", O_RDONLY));
    CHECK(open("missing", O_RDONLY));
    CHECK(open("nodir/x", O_RDONLY | O_CREAT, 0644));
    CHECK(open(".", O_WRONLY));
    CHECK(open(longname, O_RDONLY));
    int fd = open("f", O_RDWR | O_CREAT | O_EXCL, 0644);
    report("open(\"f\", O_RDWR|O_CREAT|O_EXCL)", fd >= 0 ? 0 : -1);
    CHECK(write(fd, "hello", 5));
    CHECK(open("f", O_RDWR | O_CREAT | O_EXCL, 0644));
    CHECK(open("f/x", O_RDONLY));
    CHECK(open("f", O_RDONLY | O_DIRECTORY));
    CHECK(lseek(fd, 0, 99));
    CHECK(lseek(fd, -10, SEEK_SET));
    CHECK(lseek(fd, 2, SEEK_SET));
    CHECK(pread(fd, buf, 1, -1));
    CHECK(pread(fd, buf, 3, 1));
    CHECK(lseek(fd, 0, SEEK_CUR)); /* pread left the offset alone */
    CHECK(pwrite(fd, "J", 1, 0));
    CHECK(pread(fd, buf, 5, 0));
    printf("f holds %.5s\n", buf);
    CHECK(ftruncate(fd, -1));
    CHECK(mkdir("d", 0755));
    CHECK(mkdir("d", 0755));
    CHECK(mkdir("d2/", 0755));
    CHECK(rmdir("f"));
    CHECK(rmdir("missing"));
    CHECK(close(open("d/x", O_WRONLY | O_CREAT, 0644)));
    CHECK(rmdir("d"));
    CHECK(unlink("d"));
    CHECK(unlink(""));
    CHECK(rename("missing", "y"));
    CHECK(rename("d", "d/sub"));
    CHECK(rename("f", "d"));
    CHECK(rename("d", "f"));
    CHECK(stat("f", &st));
    printf("f: %lld bytes, a %s\n", (long long)st.st_size, S_ISREG(st.st_mode) ? "file" : "?");
    CHECK(access("f", 99));
    CHECK(access("missing", F_OK));
    CHECK(access("f", R_OK | W_OK));
    CHECK(access("d", X_OK));
    CHECK(chdir("f"));
    CHECK(chdir("missing"));
    CHECK(getcwd(buf, 0) ? 0 : -1);
    CHECK(getcwd(buf, 1) ? 0 : -1);
    CHECK(stat("missing", &st));
    CHECK(truncate("missing", 0));
    CHECK(truncate("f", -1));
    CHECK(truncate("d", 0));
    CHECK(truncate("f", 3));
    CHECK(stat("f", &st));
    printf("f now %lld bytes\n", (long long)st.st_size);
    int ro = open("f", O_RDONLY);
    CHECK(ftruncate(ro, 0));
    CHECK(write(ro, "x", 1));
    CHECK(read(open("d", O_RDONLY), buf, 1));
    CHECK(fsync(ro));
    CHECK(pipe(p));
    CHECK(fsync(p[0]));
    CHECK(ftruncate(p[1], 0));
    CHECK(opendir("f") ? 0 : -1);
    CHECK(opendir("missing") ? 0 : -1);

    puts("-- processes and signals");
    int status;
    CHECK(waitpid(-1, &status, 0));
    CHECK(waitpid(-1, &status, 12345));
    CHECK(kill(getpid(), 99));
    CHECK(kill(getpid(), 0));
    struct sigaction sa = {.sa_handler = SIG_IGN};
    CHECK(sigaction(SIGKILL, &sa, NULL));
    CHECK(sigaction(0, &sa, NULL));
    CHECK(sigaction(65, NULL, &sa));
    sigset_t set;
    sigemptyset(&set);
    CHECK(sigprocmask(99, &set, NULL));
    CHECK(nanosleep(&(struct timespec){0, -1}, NULL));
    CHECK(nanosleep(&(struct timespec){0, 1000000000}, NULL));
    CHECK(setenv("", "x", 1));
    CHECK(setenv("A=B", "x", 1));
    CHECK(unsetenv(""));
    pid_t pid;
    char *argv[] = {"missing", NULL};
    CHECK_ERR(posix_spawn(&pid, "missing", NULL, NULL, argv, environ));
    CHECK_ERR(posix_spawn(&pid, "d", NULL, NULL, argv, environ));
    CHECK_ERR(posix_spawnp(&pid, "no-such-program", NULL, NULL, argv, environ));
    CHECK(execve("missing", argv, environ));
    CHECK(execve("d", argv, environ));
    CHECK(execve("f", argv, environ));
    CHECK(execvp("no-such-program", argv));

    puts("-- stdio");
    CHECK(fopen("f", "z") ? 0 : -1);
    CHECK(fopen("missing", "r") ? 0 : -1);
    CHECK(fdopen(ro, "w") ? 0 : -1);
    FILE *fp = fopen("f", "r");
    CHECK(fseek(fp, 0, 99));
    CHECK(fputc('x', fp));
    printf("ferror %d\n", ferror(fp));
    clearerr(fp);
    CHECK(fgetc(fp));
    fclose(fp);
    FILE *pf = fdopen(p[0], "r");
    CHECK(ftell(pf));
    CHECK(fseek(pf, 0, SEEK_SET));
    errno = ENOENT;
    printf("%%m says: %m\n");
    CHECK(strtol("99999999999999999999999", NULL, 10) == LONG_MAX ? -1 : 0);
    CHECK(setvbuf(stdout, NULL, 99, 0));
    fflush(stdout);
    return 0;
}
