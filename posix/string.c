/* The string.h and stdlib.h functions that keep state between calls
 * (strtok, rand, random, drand48) or that describe errors and signals:
 * per process here, since the host's keep theirs for the whole host. The
 * generators are glibc's own reentrant ones, run on this process's state,
 * so a seed gives the same numbers in axos as on the host. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "posix/internal.h"

/* ---- errors and signals as text ---- */

static char px_msgbuf[64]; /* "Unknown error N", as glibc words it */

char *strerror(int errnum) {
    const char *d = strerrordesc_np(errnum);
    if (d)
        return (char *)d;
    snprintf(px_msgbuf, sizeof px_msgbuf, "Unknown error %d", errnum);
    return px_msgbuf;
}

char *strerror_l(int errnum, locale_t loc) {
    (void)loc;
    return strerror(errnum);
}

/* GNU strerror_r (what _GNU_SOURCE declares): may return its own string. */
char *strerror_r(int errnum, char *buf, size_t n) {
    const char *d = strerrordesc_np(errnum);
    if (d)
        return (char *)d;
    if (buf && n)
        snprintf(buf, n, "Unknown error %d", errnum);
    return buf;
}

/* POSIX strerror_r (what strict POSIX code gets): fills buf. */
int __xpg_strerror_r(int errnum, char *buf, size_t n) {
    const char *d = strerrordesc_np(errnum);
    char tmp[64];
    if (!d) {
        snprintf(tmp, sizeof tmp, "Unknown error %d", errnum);
        d = tmp;
    }
    size_t len = strlen(d);
    if (!buf || n == 0)
        return ERANGE;
    if (len >= n) {
        memcpy(buf, d, n - 1);
        buf[n - 1] = '\0';
        return ERANGE;
    }
    memcpy(buf, d, len + 1);
    return strerrordesc_np(errnum) ? 0 : EINVAL;
}

char *strsignal(int sig) {
    const char *d = sigdescr_np(sig);
    if (d)
        return (char *)d;
    if (sig >= SIGRTMIN && sig <= SIGRTMAX)
        snprintf(px_msgbuf, sizeof px_msgbuf, "Real-time signal %d", sig - SIGRTMIN);
    else
        snprintf(px_msgbuf, sizeof px_msgbuf, "Unknown signal %d", sig);
    return px_msgbuf;
}

void psignal(int sig, const char *s) {
    if (s && *s)
        fprintf(stderr, "%s: %s\n", s, strsignal(sig));
    else
        fprintf(stderr, "%s\n", strsignal(sig));
}

/* ---- strtok ---- */

static char *strtok_save;

char *strtok(char *s, const char *delim) {
    return strtok_r(s, delim, &strtok_save);
}

/* ---- rand, random: glibc's additive generator (TYPE_3, 31 words) ---- */

static int32_t random_state[32]; /* 128 bytes: TYPE_3, glibc's default */
static struct random_data random_data;
static bool random_ready;

static void random_init(void) {
    if (random_ready)
        return;
    random_data.state = NULL;
    initstate_r(1, (char *)random_state, sizeof random_state, &random_data);
    random_ready = true;
}

long random(void) {
    random_init();
    int32_t r;
    random_r(&random_data, &r);
    return r;
}

void srandom(unsigned int seed) {
    random_init();
    srandom_r(seed, &random_data);
}

char *initstate(unsigned int seed, char *state, size_t n) {
    random_init();
    char *old = (char *)random_data.state - sizeof(int32_t);
    return initstate_r(seed, state, n, &random_data) < 0 ? NULL : old;
}

char *setstate(char *state) {
    random_init();
    char *old = (char *)random_data.state - sizeof(int32_t);
    return setstate_r(state, &random_data) < 0 ? NULL : old;
}

int rand(void) {
    return (int)random();
}

void srand(unsigned int seed) {
    srandom(seed);
}

/* ---- drand48 and friends: one 48-bit state per process ---- */

static struct drand48_data drand_data;

double drand48(void) {
    double d;
    drand48_r(&drand_data, &d);
    return d;
}

long lrand48(void) {
    long r;
    lrand48_r(&drand_data, &r);
    return r;
}

long mrand48(void) {
    long r;
    mrand48_r(&drand_data, &r);
    return r;
}

void srand48(long seed) {
    srand48_r(seed, &drand_data);
}

unsigned short *seed48(unsigned short seed[3]) {
    static unsigned short old[3];
    memcpy(old, drand_data.__x, sizeof old);
    seed48_r(seed, &drand_data);
    return old;
}

void lcong48(unsigned short param[7]) {
    lcong48_r(param, &drand_data);
}
