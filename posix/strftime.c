/* strftime in the C locale, with glibc's flags (_ - 0 ^ #) and field
 * widths. The host's would read the host's time zone files for %Z of a
 * struct tm with no zone, so the layer has its own. */
#include <ctype.h>
#include <string.h>
#include <time.h>

#include "posix/internal.h"

static const char *const day_names[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday"};
static const char *const month_names[] = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};

typedef struct Out {
    char *s;
    size_t max, len;
    bool full;
} Out;

static void out_put(Out *o, const char *p, size_t n) {
    if (o->len + n >= o->max) {
        o->full = true;
        return;
    }
    memcpy(o->s + o->len, p, n);
    o->len += n;
}

static bool is_leap(long y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Weeks in ISO year y whose 1 January falls on weekday jan1 (0 = Sunday). */
static int iso_weeks(long y, int jan1) {
    return jan1 == 4 || (is_leap(y) && jan1 == 3) ? 53 : 52;
}

/* ISO 8601 week number and its year. */
static int iso_week(const struct tm *tm, long *year) {
    long y = tm->tm_year + 1900L;
    int wday = tm->tm_wday == 0 ? 7 : tm->tm_wday; /* Monday 1 .. Sunday 7 */
    int week = (tm->tm_yday + 1 - wday + 10) / 7;
    int jan1 = ((tm->tm_wday - tm->tm_yday) % 7 + 7) % 7;
    if (week < 1) {
        y--;
        int prev_jan1 = ((jan1 - (is_leap(y) ? 366 : 365)) % 7 + 7) % 7;
        week = iso_weeks(y, prev_jan1);
    } else if (week > iso_weeks(y, jan1)) {
        y++;
        week = 1;
    }
    *year = y;
    return week;
}

/* A number with the conversion's default padding (pad '0' or ' ', or 0
 * for none) and width, which flags and an explicit width override. */
static void put_num(Out *o, long v, int width, char pad, char flag, int fwidth) {
    char digits[32];
    bool neg = v < 0;
    unsigned long u = neg ? 0UL - (unsigned long)v : (unsigned long)v;
    int n = 0;
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (flag == '-')
        width = 0;
    else if (flag == '_')
        pad = ' ';
    else if (flag == '0')
        pad = '0';
    if (fwidth > 0)
        width = fwidth;
    char buf[64];
    int len = 0;
    int total = n + neg;
    if (pad == '0' && neg)
        buf[len++] = '-';
    for (int i = total; i < width && len < 48; i++)
        buf[len++] = pad ? pad : ' ';
    if (pad != '0' && neg)
        buf[len++] = '-';
    while (n)
        buf[len++] = digits[--n];
    out_put(o, buf, (size_t)len);
}

static void put_str(Out *o, const char *s, size_t n, char flag, bool upper, int fwidth) {
    for (int i = (int)n; i < fwidth; i++)
        out_put(o, flag == '0' ? "0" : " ", 1);
    if (!upper && flag != '^') {
        out_put(o, s, n);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char c = (char)toupper((unsigned char)s[i]);
        out_put(o, &c, 1);
    }
}

static void format(Out *o, const char *fmt, const struct tm *tm);

static void conv(Out *o, char c, char flag, int fw, const struct tm *tm) {
    int hour12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
    long year = tm->tm_year + 1900L;
    long iso_year;
    char tmp[64];
    switch (c) {
    case 'a': case 'A': {
        const char *d = tm->tm_wday >= 0 && tm->tm_wday < 7 ? day_names[tm->tm_wday] : "?";
        put_str(o, d, c == 'a' ? strnlen(d, 3) : strlen(d), flag, false, fw);
        break;
    }
    case 'b': case 'h': case 'B': {
        const char *m = tm->tm_mon >= 0 && tm->tm_mon < 12 ? month_names[tm->tm_mon] : "?";
        put_str(o, m, c == 'B' ? strlen(m) : strnlen(m, 3), flag, false, fw);
        break;
    }
    case 'c': format(o, "%a %b %e %H:%M:%S %Y", tm); break;
    case 'C': put_num(o, year / 100 - (year % 100 < 0), 2, '0', flag, fw); break;
    case 'd': put_num(o, tm->tm_mday, 2, '0', flag, fw); break;
    case 'D': case 'x': format(o, "%m/%d/%y", tm); break;
    case 'e': put_num(o, tm->tm_mday, 2, ' ', flag, fw); break;
    case 'F': format(o, "%Y-%m-%d", tm); break;
    case 'g': iso_week(tm, &iso_year); put_num(o, ((iso_year % 100) + 100) % 100, 2, '0', flag, fw); break;
    case 'G': iso_week(tm, &iso_year); put_num(o, iso_year, 1, '0', flag, fw); break;
    case 'H': put_num(o, tm->tm_hour, 2, '0', flag, fw); break;
    case 'I': put_num(o, hour12, 2, '0', flag, fw); break;
    case 'j': put_num(o, tm->tm_yday + 1, 3, '0', flag, fw); break;
    case 'k': put_num(o, tm->tm_hour, 2, ' ', flag, fw); break;
    case 'l': put_num(o, hour12, 2, ' ', flag, fw); break;
    case 'm': put_num(o, tm->tm_mon + 1, 2, '0', flag, fw); break;
    case 'M': put_num(o, tm->tm_min, 2, '0', flag, fw); break;
    case 'n': out_put(o, "\n", 1); break;
    case 'p': put_str(o, tm->tm_hour < 12 ? "AM" : "PM", 2, flag, false, fw); break;
    case 'P': put_str(o, tm->tm_hour < 12 ? "am" : "pm", 2, flag, false, fw); break;
    case 'r': format(o, "%I:%M:%S %p", tm); break;
    case 'R': format(o, "%H:%M", tm); break;
    case 's': {
        struct tm copy = *tm;
        put_num(o, (long)timegm(&copy), 1, '0', flag, fw);
        break;
    }
    case 'S': put_num(o, tm->tm_sec, 2, '0', flag, fw); break;
    case 't': out_put(o, "\t", 1); break;
    case 'T': case 'X': format(o, "%H:%M:%S", tm); break;
    case 'u': put_num(o, tm->tm_wday == 0 ? 7 : tm->tm_wday, 1, '0', flag, fw); break;
    case 'U': put_num(o, (tm->tm_yday + 7 - tm->tm_wday) / 7, 2, '0', flag, fw); break;
    case 'V': put_num(o, iso_week(tm, &iso_year), 2, '0', flag, fw); break;
    case 'w': put_num(o, tm->tm_wday, 1, '0', flag, fw); break;
    case 'W': put_num(o, (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7, 2, '0', flag, fw); break;
    case 'y': put_num(o, ((year % 100) + 100) % 100, 2, '0', flag, fw); break;
    case 'Y': put_num(o, year, 1, '0', flag, fw); break;
    case 'z': {
        long off = tm->tm_gmtoff;
        snprintf(tmp, sizeof tmp, "%c%02ld%02ld", off < 0 ? '-' : '+', (off < 0 ? -off : off) / 3600,
                 (off < 0 ? -off : off) / 60 % 60);
        out_put(o, tmp, strlen(tmp));
        break;
    }
    case 'Z': {
        const char *z = tm->tm_zone && tm->tm_zone[0] ? tm->tm_zone : "UTC";
        put_str(o, z, strlen(z), flag, false, fw);
        break;
    }
    case '%': out_put(o, "%", 1); break;
    default: /* unknown: copied as it is, as glibc does */
        tmp[0] = '%';
        tmp[1] = c;
        out_put(o, tmp, 2);
        break;
    }
}

static void format(Out *o, const char *fmt, const struct tm *tm) {
    for (const char *p = fmt; *p && !o->full; p++) {
        if (*p != '%') {
            out_put(o, p, 1);
            continue;
        }
        char flag = 0;
        while (p[1] == '_' || p[1] == '-' || p[1] == '0' || p[1] == '^' || p[1] == '#')
            flag = *++p;
        int fw = 0;
        while (p[1] >= '0' && p[1] <= '9' && fw < 1024)
            fw = fw * 10 + (*++p - '0');
        if (p[1] == 'E' || p[1] == 'O')
            p++;
        if (!p[1]) {
            out_put(o, "%", 1);
            break;
        }
        conv(o, *++p, flag, fw, tm);
    }
}

size_t strftime(char *s, size_t max, const char *fmt, const struct tm *tm) {
    Out o = {s, max, 0, false};
    if (max == 0)
        return 0;
    format(&o, fmt, tm);
    if (o.full)
        return 0;
    s[o.len] = '\0';
    return o.len;
}

size_t strftime_l(char *s, size_t max, const char *fmt, const struct tm *tm, locale_t loc) {
    (void)loc;
    return strftime(s, max, fmt, tm);
}
