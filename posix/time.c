/* Time: the clocks (the kernel's, so virtual time holds), sleeping,
 * alarm, and the calendar. Local time is UTC: axos has no time zones
 * (docs/posix.md), which also keeps programs away from the host's
 * /etc/localtime. */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "posix/internal.h"

#define NS 1000000000LL

static int64_t mono_ns(void) {
    return sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
}

int64_t px_boot_ns(void) {
    static int64_t boot;
    static bool known;
    if (!known) {
        boot = sys_clock_gettime(AX_CLOCK_REALTIME).value - mono_ns();
        known = true;
    }
    return boot;
}

static struct timespec ts_ns(int64_t ns) {
    return (struct timespec){.tv_sec = (time_t)(ns / NS), .tv_nsec = (long)(ns % NS)};
}

static bool ts_valid(const struct timespec *ts) {
    return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < NS;
}

static int64_t ts_to_ns(const struct timespec *ts) {
    if (ts->tv_sec > INT64_MAX / NS - 1)
        return INT64_MAX;
    return (int64_t)ts->tv_sec * NS + ts->tv_nsec;
}

int clock_gettime(clockid_t id, struct timespec *ts) {
    int64_t ns;
    switch (id) {
    case CLOCK_REALTIME:
    case CLOCK_REALTIME_COARSE:
        ns = sys_clock_gettime(AX_CLOCK_REALTIME).value;
        break;
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_MONOTONIC_COARSE:
    case CLOCK_BOOTTIME:
        ns = mono_ns();
        break;
    case CLOCK_PROCESS_CPUTIME_ID:
    case CLOCK_THREAD_CPUTIME_ID:
        ns = sys_clock_gettime(AX_CLOCK_PROCESS_CPUTIME_ID).value; /* 0 under the virtual clock */
        break;
    default:
        return px_fail(EINVAL);
    }
    if (!ts)
        return px_fail(EFAULT);
    *ts = ts_ns(ns);
    return 0;
}

int clock_getres(clockid_t id, struct timespec *res) {
    struct timespec now;
    if (clock_gettime(id, &now) < 0 && errno == EINVAL)
        return -1;
    if (res)
        *res = (struct timespec){0, 1};
    return 0;
}

int gettimeofday(struct timeval *tv, void *tz) {
    (void)tz;
    if (tv) {
        int64_t ns = sys_clock_gettime(AX_CLOCK_REALTIME).value;
        tv->tv_sec = (time_t)(ns / NS);
        tv->tv_usec = (suseconds_t)(ns % NS / 1000);
    }
    return 0;
}

time_t time(time_t *t) {
    time_t now = (time_t)(sys_clock_gettime(AX_CLOCK_REALTIME).value / NS);
    if (t)
        *t = now;
    return now;
}

/* ns -> clock ticks (times, as Linux's nsec_to_clock_t) */
static clock_t ns_ticks(uint64_t ns) {
    return (clock_t)(ns / (NS / AX_CLK_TCK));
}

/* The processor time used, in CLOCKS_PER_SEC units (POSIX: 1,000,000). */
clock_t clock(void) {
    ResourceUsage ru;
    sys_getrusage(AX_RUSAGE_SELF, &ru);
    uint64_t us = (ru.utime_ns + ru.stime_ns) / 1000;
    return (clock_t)(us / (1000000 / CLOCKS_PER_SEC));
}

clock_t times(struct tms *buf) {
    ProcTimes t;
    int64_t now = sys_times(&t).value;
    if (buf) {
        buf->tms_utime = ns_ticks(t.utime_ns);
        buf->tms_stime = ns_ticks(t.stime_ns);
        buf->tms_cutime = ns_ticks(t.cutime_ns);
        buf->tms_cstime = ns_ticks(t.cstime_ns);
    }
    return ns_ticks((uint64_t)now); /* elapsed ticks since boot, as Linux counts */
}

static struct timeval tv_ns(uint64_t ns) {
    return (struct timeval){.tv_sec = (time_t)(ns / NS), .tv_usec = (suseconds_t)(ns % NS / 1000)};
}

void px_rusage(const ResourceUsage *from, struct rusage *ru) {
    memset(ru, 0, sizeof *ru);
    ru->ru_utime = tv_ns(from->utime_ns);
    ru->ru_stime = tv_ns(from->stime_ns);
    ru->ru_maxrss = (long)(from->maxrss / 1024); /* kilobytes, as Linux */
    ru->ru_nvcsw = (long)from->nvcsw;
    ru->ru_nivcsw = (long)from->nivcsw;
}

int getrusage(int who, struct rusage *ru) {
    int ax;
    switch (who) {
    case RUSAGE_SELF: ax = AX_RUSAGE_SELF; break;
    case RUSAGE_CHILDREN: ax = AX_RUSAGE_CHILDREN; break;
    case RUSAGE_THREAD: ax = AX_RUSAGE_THREAD; break;
    default: return px_fail(EINVAL);
    }
    if (!ru)
        return px_fail(EFAULT);
    ResourceUsage u;
    SyscallResult r = sys_getrusage(ax, &u);
    if (r.error != AX_OK)
        return px_fail((int)r.error);
    px_rusage(&u, ru);
    return 0;
}

/* ---- sleeping ---- */

/* Sleep ns; on a signal, the time left in *left. 0 or -1 (EINTR). */
static int px_sleep_ns(int64_t ns, int64_t *left) {
    int64_t start = mono_ns();
    SyscallResult r = sys_sleep((uint64_t)ns);
    if (r.error == AX_OK)
        return 0;
    int64_t gone = mono_ns() - start;
    if (left)
        *left = gone < ns ? ns - gone : 0;
    errno = (int)r.error;
    return -1;
}

int nanosleep(const struct timespec *req, struct timespec *rem) {
    if (!req)
        return px_fail(EFAULT);
    if (!ts_valid(req))
        return px_fail(EINVAL);
    int64_t left;
    if (px_sleep_ns(ts_to_ns(req), &left) < 0) {
        if (rem)
            *rem = ts_ns(left);
        return -1;
    }
    return 0;
}

int clock_nanosleep(clockid_t id, int flags, const struct timespec *req, struct timespec *rem) {
    struct timespec now;
    if (id == CLOCK_THREAD_CPUTIME_ID || id == CLOCK_PROCESS_CPUTIME_ID)
        return ENOTSUP;
    if (clock_gettime(id, &now) < 0)
        return errno;
    if (!req)
        return EFAULT;
    if (!ts_valid(req))
        return EINVAL;
    int64_t ns = ts_to_ns(req);
    if (flags & TIMER_ABSTIME) {
        ns -= ts_to_ns(&now);
        if (ns <= 0)
            return 0;
    }
    int saved = errno;
    int64_t left;
    int r = px_sleep_ns(ns, &left) < 0 ? errno : 0;
    errno = saved; /* clock_nanosleep reports by its return value */
    if (r == EINTR && rem && !(flags & TIMER_ABSTIME))
        *rem = ts_ns(left);
    return r;
}

/* The whole seconds left when a signal cut it short (glibc truncates). */
unsigned int sleep(unsigned int secs) {
    int64_t left;
    if (px_sleep_ns((int64_t)secs * NS, &left) < 0)
        return (unsigned int)(left / NS);
    return 0;
}

int usleep(useconds_t us) {
    return px_sleep_ns((int64_t)us * 1000, NULL);
}

/* ---- alarm and the real-time interval timer ----
 * A kernel timer fd that raises SIGALRM, kept at a high fd number (900 or
 * the lowest free above) so that it does not take the numbers a program
 * expects open() to return, and close-on-exec. */

#define ALARM_FD_BASE 900

static int alarm_fd = -1;
static int64_t alarm_deadline, alarm_interval;

static void alarm_cancel(void) {
    if (alarm_fd >= 0) {
        close(alarm_fd);
        alarm_fd = -1;
    }
}

static int64_t alarm_left(void) {
    if (alarm_fd < 0)
        return 0;
    int64_t left = alarm_deadline - mono_ns();
    if (left > 0 || alarm_interval)
        return left > 0 ? left : 0;
    return 0;
}

static int alarm_arm(int64_t value, int64_t interval) {
    alarm_cancel();
    if (value == 0)
        return 0;
    SyscallResult r = interval ? sys_timer_interval((uint64_t)interval, AX_TIMER_SIGALRM | AX_TIMER_CLOEXEC)
                               : sys_timer_set((uint64_t)value, AX_TIMER_SIGALRM | AX_TIMER_CLOEXEC);
    if (px_ret(r) < 0)
        return -1;
    int fd = (int)r.value;
    int high = fcntl(fd, F_DUPFD_CLOEXEC, ALARM_FD_BASE);
    if (high >= 0) {
        close(fd);
        fd = high;
    }
    alarm_fd = fd;
    alarm_deadline = mono_ns() + value;
    alarm_interval = interval;
    return 0;
}

unsigned int alarm(unsigned int secs) {
    int64_t left = alarm_left();
    bool pending = alarm_fd >= 0 && (left > 0 || alarm_interval);
    alarm_arm((int64_t)secs * NS, 0);
    if (!pending)
        return 0;
    unsigned int s = (unsigned int)((left + NS / 2) / NS);
    return s ? s : 1; /* as glibc: a pending alarm never reports 0 */
}

static void tv_of(struct timeval *tv, int64_t ns) {
    tv->tv_sec = (time_t)(ns / NS);
    tv->tv_usec = (suseconds_t)(ns % NS / 1000);
}

int getitimer(__itimer_which_t which, struct itimerval *cur) {
    if (which != ITIMER_REAL)
        return px_fail(which == ITIMER_VIRTUAL || which == ITIMER_PROF ? ENOSYS : EINVAL);
    if (!cur)
        return px_fail(EFAULT);
    tv_of(&cur->it_value, alarm_left());
    tv_of(&cur->it_interval, alarm_fd >= 0 ? alarm_interval : 0);
    return 0;
}

/* ITIMER_REAL only; an interval timer must first fire one interval from
 * now (axos's interval timers do), so value and interval must agree. */
int setitimer(__itimer_which_t which, const struct itimerval *val, struct itimerval *old) {
    if (which != ITIMER_REAL)
        return px_fail(which == ITIMER_VIRTUAL || which == ITIMER_PROF ? ENOSYS : EINVAL);
    if (!val)
        return px_fail(EFAULT);
    if (val->it_value.tv_usec < 0 || val->it_value.tv_usec >= 1000000 || val->it_value.tv_sec < 0 ||
        val->it_interval.tv_usec < 0 || val->it_interval.tv_usec >= 1000000 ||
        val->it_interval.tv_sec < 0)
        return px_fail(EINVAL);
    int64_t value = (int64_t)val->it_value.tv_sec * NS + (int64_t)val->it_value.tv_usec * 1000;
    int64_t interval = (int64_t)val->it_interval.tv_sec * NS + (int64_t)val->it_interval.tv_usec * 1000;
    if (value && interval && value != interval)
        return px_fail(ENOSYS);
    if (old && getitimer(ITIMER_REAL, old) < 0)
        return -1;
    return alarm_arm(value, value ? interval : 0);
}

/* ---- the calendar, in UTC ---- */

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct tm *gmtime_r(const time_t *t, struct tm *tm) {
    int64_t s = *t;
    int64_t days = s / 86400, secs = s % 86400;
    if (secs < 0) {
        secs += 86400;
        days--;
    }
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    int64_t y = yoe + era * 400 + (m <= 2);
    if (y - 1900 > INT32_MAX || y - 1900 < INT32_MIN) {
        errno = EOVERFLOW;
        return NULL;
    }
    memset(tm, 0, sizeof *tm);
    tm->tm_year = (int)(y - 1900);
    tm->tm_mon = m - 1;
    tm->tm_mday = d;
    tm->tm_hour = (int)(secs / 3600);
    tm->tm_min = (int)(secs / 60 % 60);
    tm->tm_sec = (int)(secs % 60);
    tm->tm_wday = (int)((days % 7 + 11) % 7); /* 1970-01-01 was a Thursday */
    tm->tm_yday = (int)(days - days_from_civil(y, 1, 1));
    tm->tm_zone = "GMT"; /* glibc's name for gmtime's zone */
    return tm;
}

static struct tm px_tm; /* gmtime's and localtime's result */

struct tm *gmtime(const time_t *t) {
    return gmtime_r(t, &px_tm);
}

/* Local time is UTC, named as glibc names it with TZ=UTC. */
struct tm *localtime_r(const time_t *t, struct tm *tm) {
    if (!gmtime_r(t, tm))
        return NULL;
    tm->tm_zone = "UTC";
    return tm;
}

struct tm *localtime(const time_t *t) {
    return localtime_r(t, &px_tm);
}

/* Normalises the fields as mktime must (month 13 is next January...). */
time_t timegm(struct tm *tm) {
    int64_t mon = tm->tm_mon, year = (int64_t)tm->tm_year + 1900;
    year += mon / 12;
    mon %= 12;
    if (mon < 0) {
        mon += 12;
        year--;
    }
    int64_t t = days_from_civil(year, (int)mon + 1, 1) + tm->tm_mday - 1;
    t = t * 86400 + (int64_t)tm->tm_hour * 3600 + (int64_t)tm->tm_min * 60 + tm->tm_sec;
    time_t r = (time_t)t;
    if (!gmtime_r(&r, tm))
        return (time_t)-1;
    return r;
}

time_t mktime(struct tm *tm) {
    time_t t = timegm(tm);
    if (t != (time_t)-1)
        tm->tm_zone = "UTC";
    return t;
}

void tzset(void) {
}

char *tzname[2] = {"UTC", "UTC"};
long timezone;
int daylight;

double difftime(time_t a, time_t b) {
    return (double)a - (double)b;
}

/* asctime's fixed form: "Thu Jan  1 00:00:00 1970\n". */
char *asctime_r(const struct tm *tm, char *buf) {
    static const char days[] = "SunMonTueWedThuFriSat";
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    if (tm->tm_wday < 0 || tm->tm_wday > 6 || tm->tm_mon < 0 || tm->tm_mon > 11) {
        errno = EINVAL;
        return NULL;
    }
    int n = snprintf(buf, 26, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n", days + 3 * tm->tm_wday,
                     months + 3 * tm->tm_mon, tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec,
                     1900 + tm->tm_year);
    if (n < 0 || n >= 26) {
        errno = EOVERFLOW;
        return NULL;
    }
    return buf;
}

static char px_ascbuf[64];

char *asctime(const struct tm *tm) {
    return asctime_r(tm, px_ascbuf);
}

char *ctime_r(const time_t *t, char *buf) {
    struct tm tm;
    return gmtime_r(t, &tm) ? asctime_r(&tm, buf) : NULL;
}

char *ctime(const time_t *t) {
    return ctime_r(t, px_ascbuf);
}
