/* ulib time: UTC calendar fields from nanoseconds, and strftime-style
 * formatting, without the host's time-zone machinery. */
#include <stdio.h>
#include <string.h>

#include "ulib.h"

static const char *const wday_names[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                         "Thursday", "Friday", "Saturday"};
static const char *const mon_names[] = {"January", "February", "March",     "April",
                                        "May",     "June",     "July",      "August",
                                        "September", "October", "November", "December"};

static bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

void u_gmtime(int64_t ns, UTm *tm)
{
    int64_t secs = ns / 1000000000;
    int64_t rem = ns % 1000000000;
    if (rem < 0) {
        rem += 1000000000;
        secs--;
    }
    int64_t days = secs / 86400;
    int64_t sod = secs % 86400;
    if (sod < 0) {
        sod += 86400;
        days--;
    }
    tm->nsec = (long)rem;
    tm->hour = (int)(sod / 3600);
    tm->min = (int)(sod / 60 % 60);
    tm->sec = (int)(sod % 60);
    tm->wday = (int)(((days % 7) + 11) % 7); /* 1970-01-01 was a Thursday */
    /* Civil date from a day count, on 400-year eras starting in March. */
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    int64_t y = yoe + era * 400 + (m <= 2);
    tm->year = (int)y;
    tm->mon = (int)m - 1;
    tm->mday = (int)d;
    static const int cum[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    tm->yday = cum[tm->mon] + tm->mday - 1 + (tm->mon >= 2 && is_leap(y));
}

int64_t u_timegm(const UTm *tm)
{
    /* months outside 0..11 carry into the year */
    int64_t mon = tm->mon, year = tm->year + mon / 12;
    mon %= 12;
    if (mon < 0) {
        mon += 12;
        year--;
    }
    int64_t y = year - (mon < 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t mp = mon < 2 ? mon + 10 : mon - 2;
    int64_t doy = (153 * mp + 2) / 5 + tm->mday - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = era * 146097 + doe - 719468;
    return days * 86400 + (int64_t)tm->hour * 3600 + (int64_t)tm->min * 60 + tm->sec;
}

typedef struct Out {
    char *buf;
    size_t size, len;
} Out;

static void put(Out *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n && o->len + 1 < o->size; i++)
        o->buf[o->len++] = s[i];
}

/* A number printed with fmt ("%02lld", "%2lld"...) unless a GNU flag
 * after the '%' says otherwise: '-' no padding, '_' spaces, '0' zeros. */
static void putf_flag(Out *o, const char *fmt, long long v, char flag)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, fmt, v);
    if (flag == '-' || flag == '_' || flag == '0') {
        int i = 0;
        while (i < n - 1 && (tmp[i] == '0' || tmp[i] == ' '))
            i++;
        if (flag == '-') {
            put(o, tmp + i, (size_t)(n - i));
            return;
        }
        for (int j = 0; j < i; j++)
            tmp[j] = flag == '_' ? ' ' : '0';
    }
    put(o, tmp, (size_t)n);
}
#define putf(o, fmt, v) putf_flag(o, fmt, v, flag)

static void putstr(Out *o, const char *s) { put(o, s, strlen(s)); }

/* ISO 8601 week number (1..53) of tm, and the year it belongs to. */
static int iso_week(const UTm *tm, int *year)
{
    int wday = (tm->wday + 6) % 7; /* Monday 0 */
    int week = (tm->yday - wday + 10) / 7;
    *year = tm->year;
    if (week < 1) {
        (*year)--;
        int py = *year;
        int pdays = is_leap(py) ? 366 : 365;
        week = (tm->yday + pdays - wday + 10) / 7;
    } else if (week == 53) {
        int days = is_leap(tm->year) ? 366 : 365;
        if (tm->yday - wday + 3 >= days) { /* the Thursday falls in the next year */
            week = 1;
            (*year)++;
        }
    }
    return week;
}

size_t u_strftime(char *buf, size_t size, const char *fmt, const UTm *tm)
{
    Out o = {buf, size, 0};
    if (size == 0)
        return 0;
    int h12 = tm->hour % 12 ? tm->hour % 12 : 12;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%' || p[1] == '\0') {
            put(&o, p, 1);
            continue;
        }
        char sub[64];
        char flag = 0;
        if (p[1] == '-' || p[1] == '_' || p[1] == '0' || p[1] == '^') {
            flag = *++p;
            if (p[1] == '\0') {
                put(&o, p - 1, 2);
                break;
            }
        }
        size_t mark = o.len;
        switch (*++p) {
        case 'a': put(&o, wday_names[tm->wday], 3); break;
        case 'A': putstr(&o, wday_names[tm->wday]); break;
        case 'b':
        case 'h': put(&o, mon_names[tm->mon], 3); break;
        case 'B': putstr(&o, mon_names[tm->mon]); break;
        case 'c':
            u_strftime(sub, sizeof sub, "%a %b %e %H:%M:%S %Y", tm);
            putstr(&o, sub);
            break;
        case 'C': putf(&o, "%02lld", tm->year / 100); break;
        case 'd': putf(&o, "%02lld", tm->mday); break;
        case 'D':
            u_strftime(sub, sizeof sub, "%m/%d/%y", tm);
            putstr(&o, sub);
            break;
        case 'e': putf(&o, "%2lld", tm->mday); break;
        case 'F': putf(&o, "%lld", tm->year); putf(&o, "-%02lld", tm->mon + 1);
                  putf(&o, "-%02lld", tm->mday); break;
        case 'H': putf(&o, "%02lld", tm->hour); break;
        case 'I': putf(&o, "%02lld", h12); break;
        case 'j': putf(&o, "%03lld", tm->yday + 1); break;
        case 'k': putf(&o, "%2lld", tm->hour); break;
        case 'l': putf(&o, "%2lld", h12); break;
        case 'm': putf(&o, "%02lld", tm->mon + 1); break;
        case 'M': putf(&o, "%02lld", tm->min); break;
        case 'n': putstr(&o, "\n"); break;
        case 'N': putf(&o, "%09lld", tm->nsec); break;
        case 'p': putstr(&o, tm->hour < 12 ? "AM" : "PM"); break;
        case 'r':
            u_strftime(sub, sizeof sub, "%I:%M:%S %p", tm);
            putstr(&o, sub);
            break;
        case 'R': putf(&o, "%02lld", tm->hour); putf(&o, ":%02lld", tm->min); break;
        case 's': putf(&o, "%lld", u_timegm(tm)); break;
        case 'S': putf(&o, "%02lld", tm->sec); break;
        case 't': putstr(&o, "\t"); break;
        case 'T':
            u_strftime(sub, sizeof sub, "%H:%M:%S", tm);
            putstr(&o, sub);
            break;
        case 'u': putf(&o, "%lld", tm->wday ? tm->wday : 7); break;
        case 'w': putf(&o, "%lld", tm->wday); break;
        case 'y': putf(&o, "%02lld", tm->year % 100); break;
        case 'Y': putf(&o, "%lld", tm->year); break;
        case 'z': putstr(&o, "+0000"); break;
        case 'Z': putstr(&o, "UTC"); break;
        case 'P': putstr(&o, tm->hour < 12 ? "am" : "pm"); break;
        case 'G':
        case 'g':
        case 'V': {
            int year, week = iso_week(tm, &year);
            if (*p == 'V')
                putf(&o, "%02lld", week);
            else
                putf(&o, *p == 'G' ? "%lld" : "%02lld", *p == 'G' ? year : year % 100);
            break;
        }
        case 'U': putf(&o, "%02lld", (tm->yday + 7 - tm->wday) / 7); break;
        case 'W': putf(&o, "%02lld", (tm->yday + 7 - (tm->wday + 6) % 7) / 7); break;
        case ':':
            if (p[1] == 'z') {
                p++;
                putstr(&o, "+00:00");
            } else {
                put(&o, p - 1, 2);
            }
            break;
        case '%': putstr(&o, "%"); break;
        default: put(&o, p - 1, 2); break;
        }
        if (flag == '^')
            for (size_t i = mark; i < o.len; i++)
                if (o.buf[i] >= 'a' && o.buf[i] <= 'z')
                    o.buf[i] = (char)(o.buf[i] - 'a' + 'A');
    }
    buf[o.len] = '\0';
    return o.len;
}

int64_t u_boot_realtime(void)
{
    SyscallResult r = sys_clock_gettime(AX_CLOCK_BOOT_REALTIME);
    return r.error == AX_OK ? r.value : 0;
}
