/* ulib getdate: the date strings of date -d and touch -d (a practical part
 * of GNU's grammar: absolute dates and times, day names, relative items). */
#include <string.h>
#include <strings.h>

#include "ulib.h"

#define NS 1000000000LL

typedef struct DateParse {
    const char *p;
    bool have_date, have_time, have_zone;
    int year, mon, mday; /* mon 0..11 */
    int hour, min, sec;
    long nsec;
    int64_t zone_sec;     /* offset of the zone east of UTC */
    int64_t rel_sec;      /* relative seconds, days, months */
    int64_t rel_day, rel_mon;
    int wday;             /* a day name: 0..6, or -1 */
    int wday_ord;         /* "next" 1, "last" -1, else 0 */
} DateParse;

static const char *const month_names[] = {"january", "february", "march", "april", "may", "june",
                                          "july", "august", "september", "october", "november",
                                          "december"};
static const char *const day_names[] = {"sunday", "monday", "tuesday", "wednesday", "thursday",
                                        "friday", "saturday"};

static void skip_blanks(DateParse *d)
{
    while (*d->p == ' ' || *d->p == '\t' || *d->p == ',')
        d->p++;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Digits at p into *v; returns how many (at most 18). */
static int read_num(const char *p, int64_t *v)
{
    int n = 0;
    *v = 0;
    while (is_digit(p[n]) && n < 18)
        *v = *v * 10 + (p[n++] - '0');
    return is_digit(p[n]) ? 0 : n;
}

/* A word at d->p (letters and dots); copies it lower-cased. */
static size_t read_word(DateParse *d, char *w, size_t cap)
{
    size_t n = 0;
    while ((is_alpha(d->p[n]) || d->p[n] == '.') && n + 1 < cap) {
        char c = d->p[n];
        w[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    w[n] = '\0';
    return is_alpha(d->p[n]) ? 0 : n;
}

/* Does w name an entry of names (whole, or its first three letters)? */
static int name_index(const char *w, const char *const *names, int n)
{
    size_t len = strlen(w);
    if (len > 0 && w[len - 1] == '.')
        len--;
    for (int i = 0; i < n; i++)
        if ((len == 3 || len == strlen(names[i]) || (len == 4 && i == 2 && strcmp(w, "tues") == 0))
            && strncmp(w, names[i], len) == 0)
            return i;
    if (strcmp(w, "tues") == 0 || strcmp(w, "wednes") == 0 || strcmp(w, "thur") == 0 ||
        strcmp(w, "thurs") == 0)
        return names == day_names ? (w[0] == 't' && w[1] == 'u' ? 2 : w[0] == 'w' ? 3 : 4) : -1;
    return -1;
}

/* A unit word and its size: seconds (*sec), days (*day) or months (*mon). */
static bool unit_of(const char *w, int64_t *sec, int64_t *day, int64_t *mon)
{
    static const struct {
        const char *name;
        int64_t sec, day, mon;
    } units[] = {
        {"year", 0, 0, 12},    {"month", 0, 0, 1},   {"fortnight", 0, 14, 0},
        {"week", 0, 7, 0},     {"day", 0, 1, 0},     {"hour", 3600, 0, 0},
        {"minute", 60, 0, 0},  {"min", 60, 0, 0},    {"second", 1, 0, 0},
        {"sec", 1, 0, 0},
    };
    size_t len = strlen(w);
    if (len > 1 && w[len - 1] == 's')
        len--; /* plurals */
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strlen(units[i].name) == len && strncmp(w, units[i].name, len) == 0) {
            *sec = units[i].sec;
            *day = units[i].day;
            *mon = units[i].mon;
            return true;
        }
    }
    return false;
}

static void add_relative(DateParse *d, int64_t n, int64_t sec, int64_t day, int64_t mon)
{
    d->rel_sec += n * sec;
    d->rel_day += n * day;
    d->rel_mon += n * mon;
}

/* "HH:MM[:SS[.frac]]" at d->p, then an optional am/pm. */
static bool parse_time(DateParse *d)
{
    int64_t h, m, s = 0;
    int n = read_num(d->p, &h);
    if (n == 0 || n > 2 || d->p[n] != ':')
        return false;
    const char *q = d->p + n + 1;
    n = read_num(q, &m);
    if (n != 2)
        return false;
    q += n;
    long ns = 0;
    if (*q == ':') {
        n = read_num(q + 1, &s);
        if (n != 2)
            return false;
        q += 1 + n;
        if (*q == '.' || *q == ',') {
            long scale = 100000000;
            for (q++; is_digit(*q); q++, scale /= 10)
                ns += (*q - '0') * scale;
        }
    }
    d->p = q;
    skip_blanks(d);
    char w[8];
    size_t wl = read_word(d, w, sizeof w);
    if (wl && (strcmp(w, "am") == 0 || strcmp(w, "pm") == 0 || strcmp(w, "a.m.") == 0 ||
               strcmp(w, "p.m.") == 0)) {
        if (h < 1 || h > 12)
            return false;
        h = h % 12 + (w[0] == 'p' ? 12 : 0);
        d->p += wl;
    }
    if (h > 23 || m > 59 || s > 60)
        return false;
    d->hour = (int)h, d->min = (int)m, d->sec = (int)s, d->nsec = ns;
    d->have_time = true;
    return true;
}

/* "+HHMM", "-HH:MM", "+HH" as a zone offset. */
static bool parse_offset(DateParse *d)
{
    char sign = *d->p;
    int64_t h, m = 0;
    const char *q = d->p + 1;
    int n = read_num(q, &h);
    if (n == 4) {
        m = h % 100;
        h /= 100;
    } else if (n == 2 && q[2] == ':') {
        if (read_num(q + 3, &m) != 2)
            return false;
        n = 5;
    } else if (n != 2) {
        return false;
    }
    if (h > 24 || m > 59)
        return false;
    d->zone_sec = (sign == '-' ? -1 : 1) * (h * 3600 + m * 60);
    d->have_zone = true;
    d->p = q + n;
    return true;
}

/* A number: a date (YYYY-MM-DD, MM/DD[/YYYY]), a time, the day of a
 * month-name date, or the count of a relative item. */
static bool parse_number_item(DateParse *d, int sign)
{
    int64_t v;
    int n = read_num(d->p, &v);
    if (n == 0)
        return false;
    const char *after = d->p + n;
    if (sign == 0 && *after == ':')
        return parse_time(d);
    if (sign == 0 && *after == '-' && n >= 1) { /* YYYY-MM-DD */
        int64_t mo, da;
        int n2 = read_num(after + 1, &mo);
        if (n2 == 0 || after[1 + n2] != '-')
            return false;
        int n3 = read_num(after + 2 + n2, &da);
        if (n3 == 0 || mo < 1 || mo > 12 || da < 1 || da > 31)
            return false;
        d->year = (int)v, d->mon = (int)mo - 1, d->mday = (int)da;
        d->have_date = true;
        d->p = after + 2 + n2 + n3;
        if (*d->p == 'T' || *d->p == 't') {
            d->p++;
            return parse_time(d);
        }
        return true;
    }
    if (sign == 0 && *after == '/') { /* MM/DD[/YYYY] */
        int64_t da, yr = d->year;
        int n2 = read_num(after + 1, &da);
        if (n2 == 0 || v < 1 || v > 12 || da < 1 || da > 31)
            return false;
        const char *q = after + 1 + n2;
        if (*q == '/') {
            int n3 = read_num(q + 1, &yr);
            if (n3 == 0)
                return false;
            if (n3 <= 2)
                yr += yr < 69 ? 2000 : 1900;
            q += 1 + n3;
        }
        d->year = (int)yr, d->mon = (int)v - 1, d->mday = (int)da;
        d->have_date = true;
        d->p = q;
        return true;
    }
    d->p = after;
    skip_blanks(d);
    char w[16];
    size_t wl = read_word(d, w, sizeof w);
    int64_t sec, day, mon;
    if (wl && unit_of(w, &sec, &day, &mon)) { /* "3 days" */
        d->p += wl;
        skip_blanks(d);
        char ago[8];
        size_t al = read_word(d, ago, sizeof ago);
        int64_t k = sign < 0 ? -v : v;
        if (al && strcmp(ago, "ago") == 0) {
            k = -k;
            d->p += al;
        }
        add_relative(d, k, sec, day, mon);
        return true;
    }
    int mi = wl ? name_index(w, month_names, 12) : -1;
    if (sign == 0 && mi >= 0 && v >= 1 && v <= 31) { /* "2 January [2025]" */
        d->p += wl;
        d->mon = mi, d->mday = (int)v;
        d->have_date = true;
        skip_blanks(d);
        int64_t yr;
        int ny = read_num(d->p, &yr);
        if (ny == 4 && d->p[ny] != ':') {
            d->year = (int)yr;
            d->p += ny;
        }
        return true;
    }
    if (sign == 0 && n == 4 && d->have_date) { /* a year after the date */
        d->year = (int)v;
        return true;
    }
    return false;
}

static bool parse_word_item(DateParse *d)
{
    char w[16];
    size_t wl = read_word(d, w, sizeof w);
    if (wl == 0)
        return false;
    d->p += wl;
    int64_t sec, day, mon;
    if (strcmp(w, "now") == 0)
        return true;
    if (strcmp(w, "today") == 0 || strcmp(w, "midnight") == 0 || strcmp(w, "noon") == 0) {
        d->hour = w[0] == 'n' ? 12 : 0, d->min = d->sec = 0, d->nsec = 0;
        d->have_time = true;
        return true;
    }
    if (strcmp(w, "yesterday") == 0 || strcmp(w, "tomorrow") == 0) {
        d->rel_day += w[0] == 'y' ? -1 : 1;
        return true;
    }
    if (strcmp(w, "utc") == 0 || strcmp(w, "gmt") == 0 || strcmp(w, "z") == 0 ||
        strcmp(w, "ut") == 0) {
        d->have_zone = true;
        d->zone_sec = 0;
        return true;
    }
    if (strcmp(w, "ago") == 0) { /* "1 day ago" is handled with its number */
        d->rel_sec = -d->rel_sec, d->rel_day = -d->rel_day, d->rel_mon = -d->rel_mon;
        return true;
    }
    if (strcmp(w, "next") == 0 || strcmp(w, "last") == 0 || strcmp(w, "this") == 0) {
        int k = w[0] == 'n' ? 1 : w[0] == 'l' ? -1 : 0;
        skip_blanks(d);
        wl = read_word(d, w, sizeof w);
        if (wl == 0)
            return false;
        d->p += wl;
        int di = name_index(w, day_names, 7);
        if (di >= 0) {
            d->wday = di;
            d->wday_ord = k;
            return true;
        }
        if (!unit_of(w, &sec, &day, &mon))
            return false;
        add_relative(d, k, sec, day, mon);
        return true;
    }
    if (unit_of(w, &sec, &day, &mon)) { /* "day" alone is "1 day" */
        add_relative(d, 1, sec, day, mon);
        return true;
    }
    int di = name_index(w, day_names, 7);
    if (di >= 0) {
        d->wday = di;
        return true;
    }
    int mi = name_index(w, month_names, 12);
    if (mi < 0)
        return false;
    /* "January 2[,] [2025]" */
    skip_blanks(d);
    int64_t v;
    int n = read_num(d->p, &v);
    if (n == 0 || v < 1 || v > 31)
        return false;
    d->p += n;
    d->mon = mi, d->mday = (int)v;
    d->have_date = true;
    skip_blanks(d);
    n = read_num(d->p, &v);
    if (n == 4 && d->p[n] != ':') {
        d->year = (int)v;
        d->p += n;
    }
    return true;
}

/* At a sign after a time: four digits, or HH:MM, with no unit word after
 * them ("+0100" is a zone, "+1 day" a relative item). */
static bool looks_like_zone(const DateParse *d)
{
    if (!d->have_time || d->have_zone)
        return false;
    int64_t v;
    int n = read_num(d->p + 1, &v);
    const char *q = d->p + 1 + n;
    if (n == 2 && *q == ':')
        return true;
    if (n != 4 && n != 2)
        return false;
    while (*q == ' ')
        q++;
    return !is_alpha(*q);
}

bool u_parse_date(const char *s, int64_t now_ns, int64_t *out)
{
    UTm now;
    u_gmtime(now_ns, &now);
    DateParse d = {.p = s, .year = now.year, .mon = now.mon, .mday = now.mday, .hour = now.hour,
                   .min = now.min, .sec = now.sec, .nsec = now.nsec, .wday = -1};
    skip_blanks(&d);
    if (*d.p == '@') { /* seconds since 1970 */
        d.p++;
        int sign = *d.p == '-' ? -1 : 1;
        if (*d.p == '-' || *d.p == '+')
            d.p++;
        int64_t v;
        int n = read_num(d.p, &v);
        if (n == 0)
            return false;
        d.p += n;
        int64_t ns = 0;
        if (*d.p == '.') {
            int64_t scale = NS / 10;
            for (d.p++; is_digit(*d.p); d.p++, scale /= 10)
                ns += (*d.p - '0') * scale;
        }
        skip_blanks(&d);
        if (*d.p)
            return false;
        *out = sign * (v * NS + ns);
        return true;
    }
    while (skip_blanks(&d), *d.p) {
        char c = *d.p;
        bool ok;
        if (is_digit(c)) {
            ok = parse_number_item(&d, 0);
        } else if ((c == '+' || c == '-') && is_digit(d.p[strspn(d.p + 1, " ") + 1])) {
            /* after a time, "+0100" or "-05:00" is a zone; else a count */
            if (looks_like_zone(&d))
                ok = parse_offset(&d);
            else {
                d.p += 1 + strspn(d.p + 1, " ");
                ok = parse_number_item(&d, c == '-' ? -1 : 1);
            }
        } else {
            ok = parse_word_item(&d);
        }
        if (!ok)
            return false;
    }
    if (d.have_date && !d.have_time)
        d.hour = d.min = d.sec = 0, d.nsec = 0;
    UTm tm = {.year = d.year, .mon = d.mon + (int)d.rel_mon, .mday = d.mday, .hour = d.hour,
              .min = d.min, .sec = d.sec};
    /* a month step keeps the day, clamped as GNU does not: Jan 31 + 1
     * month is Mar 3 there too (the day overflows into the next month) */
    int64_t secs = u_timegm(&tm) - d.zone_sec;
    if (d.wday >= 0) {
        UTm cur;
        u_gmtime(secs * NS, &cur);
        int diff = (d.wday - cur.wday + 7) % 7;
        if (d.wday_ord > 0 && diff == 0)
            diff = 7;
        if (d.wday_ord < 0)
            diff = diff == 0 ? -7 : diff - 7;
        secs += (int64_t)diff * 86400;
        if (!d.have_time) /* a day name means that day's midnight */
            secs -= secs % 86400 < 0 ? secs % 86400 + 86400 : secs % 86400;
    }
    secs += d.rel_day * 86400 + d.rel_sec;
    *out = secs * NS + d.nsec;
    return true;
}
