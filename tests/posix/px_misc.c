/* The state-keeping and descriptive functions the layer has its own of
 * (strtok, rand, random, drand48, strerror, strsignal, the calendar,
 * the environment), compared with the host's. */
#define _GNU_SOURCE /* strerrorname_np, dup3, pipe2 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

int main(void) {
    char text[] = "a,b;;c,,d";
    for (char *t = strtok(text, ",;"); t; t = strtok(NULL, ",;"))
        printf("[%s]", t);
    printf("\n");

    printf("rand unseeded:");
    for (int i = 0; i < 3; i++)
        printf(" %d", rand());
    srand(42);
    printf("\nrand(42):");
    for (int i = 0; i < 3; i++)
        printf(" %d", rand());
    srandom(7);
    printf("\nrandom(7):");
    for (int i = 0; i < 3; i++)
        printf(" %ld", random());
    srand48(5);
    printf("\ndrand48(5): %.6f %ld %ld\n", drand48(), lrand48(), mrand48());
    char state[64];
    char *old = initstate(3, state, sizeof state);
    printf("initstate(3, 64 bytes): %ld %ld\n", random(), random());
    setstate(old);
    printf("back to the old state: %ld\n", random());

    for (int e = 0; e <= 134; e += 7)
        printf("strerror(%d) = %s\n", e, strerror(e));
    printf("strerror(9999) = %s\n", strerror(9999));
    for (int s = 1; s <= 31; s += 3)
        printf("strsignal(%d) = %s\n", s, strsignal(s));
    printf("strsignal(99) = %s\n", strsignal(99));
    psignal(SIGTERM, "psignal");

    time_t times[] = {0, 86399, 951782400, 1767225600, 4102444800LL, -86400};
    for (size_t i = 0; i < sizeof times / sizeof *times; i++) {
        struct tm tm;
        gmtime_r(&times[i], &tm);
        char buf[128];
        strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %A %b %B %j %U %W %V %G %u %w %e %C %y %Z %%", &tm);
        printf("%lld: %s | %s", (long long)times[i], buf, asctime(&tm));
        time_t back = timegm(&tm);
        printf("  timegm back: %lld\n", (long long)back);
    }
    struct tm norm = {.tm_year = 125, .tm_mon = 13, .tm_mday = 35, .tm_hour = 25, .tm_min = 61};
    time_t t = timegm(&norm);
    char buf[64];
    strftime(buf, sizeof buf, "%F %T %-d %_m %5Y", &norm);
    printf("normalised: %lld %s\n", (long long)t, buf);

    setenv("ZED", "1", 0);
    setenv("ZED", "2", 0);
    printf("ZED=%s\n", getenv("ZED"));
    setenv("ZED", "3", 1);
    char putme[] = "PUT=yes";
    putenv(putme);
    printf("ZED=%s PUT=%s\n", getenv("ZED"), getenv("PUT"));
    putme[4] = 'Y'; /* putenv's string is the environment's */
    printf("PUT=%s\n", getenv("PUT"));
    unsetenv("ZED");
    printf("ZED %s\n", getenv("ZED") ? "set" : "unset");
    int n = 0;
    for (char **e = environ; *e; e++)
        if (strncmp(*e, "PUT=", 4) == 0)
            n++;
    printf("PUT entries in environ: %d\n", n);
    clearenv();
    printf("after clearenv: %s\n", environ == NULL || environ[0] == NULL ? "empty" : "not empty");
    return 0;
}
