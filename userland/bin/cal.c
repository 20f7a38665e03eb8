/* cal [-13ym] [[MONTH] YEAR]: a calendar, in util-linux cal's layout:
 * the month (this one by default), three months around it (-3), or a
 * whole year (a YEAR alone, or -y). MONTH is 1-12 or a name ("feb").
 * Weeks start on Sunday, or Monday with -m. The Gregorian calendar starts
 * on 14 September 1752 (3-13 September 1752 did not happen), the Julian
 * one is used before, as POSIX cal says. Today is not highlighted. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "ulib.h"

#define CAL_W 20 /* one month's width */

static const char *const cal_months[] = {"January", "February", "March", "April", "May", "June",
                                         "July", "August", "September", "October",
                                         "November", "December"};

static bool cal_leap(int y)
{
    if (y <= 1752)
        return y % 4 == 0; /* Julian */
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int cal_days(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 1 && cal_leap(y) ? 29 : d[m];
}

/* Day of the week (0 = Sunday) of the 1st of month m (0-11) of year y,
 * from its Julian day number in the calendar of the time */
static int cal_first_wday(int y, int m)
{
    long a = (14 - (m + 1)) / 12, yy = y + 4800 - a, mm = (m + 1) + 12 * a - 3;
    long jdn = 1 + (153 * mm + 2) / 5 + 365 * yy + yy / 4;
    if (y > 1752 || (y == 1752 && m > 8))
        jdn += -yy / 100 + yy / 400 - 32045;
    else
        jdn -= 32083;
    return (int)((jdn + 1) % 7);
}

/* The 8 lines of a month, each CAL_W wide, into lines[8][CAL_W + 1] */
static void cal_month(int y, int m, bool monday, bool with_year, char lines[8][CAL_W + 1])
{
    char title[40];
    if (with_year)
        snprintf(title, sizeof title, "%s %d", cal_months[m], y);
    else
        snprintf(title, sizeof title, "%s", cal_months[m]);
    int tl = (int)strlen(title), left = (CAL_W - tl) / 2;
    char head[64];
    snprintf(head, sizeof head, "%*s%s%*s", left, "", title, CAL_W - left - tl, "");
    memcpy(lines[0], head, CAL_W);
    lines[0][CAL_W] = '\0';
    snprintf(lines[1], CAL_W + 1, "%s", monday ? "Mo Tu We Th Fr Sa Su" : "Su Mo Tu We Th Fr Sa");
    int wd = cal_first_wday(y, m);
    if (monday)
        wd = (wd + 6) % 7;
    int row = 2, col = wd;
    for (int i = 2; i < 8; i++)
        memset(lines[i], ' ', CAL_W), lines[i][CAL_W] = '\0';
    int ndays = cal_days(y, m);
    for (int d = 1; d <= ndays; d++) {
        if (y == 1752 && m == 8 && d == 3)
            d = 14; /* the Gregorian reform */
        char cell[12];
        snprintf(cell, sizeof cell, "%2d", d);
        memcpy(lines[row] + col * 3, cell, 2);
        if (++col == 7) {
            col = 0;
            row++;
        }
    }
}

static void cal_print_row(const int *ys, const int *ms, int n, bool monday, bool with_year)
{
    char lines[3][8][CAL_W + 1];
    for (int i = 0; i < n; i++)
        cal_month(ys[i], ms[i], monday, with_year, lines[i]);
    for (int l = 0; l < 8; l++) {
        for (int i = 0; i < n; i++)
            u_printf("%s%s", i ? "  " : "", lines[i][l]);
        u_printf("\n");
    }
}

static int cal_month_arg(const char *s)
{
    int64_t v;
    if (u_parse_i64(s, &v))
        return v >= 1 && v <= 12 ? (int)v - 1 : -1;
    size_t n = strlen(s);
    int found = -1;
    for (int i = 0; i < 12 && n >= 3; i++) {
        if (strncasecmp(cal_months[i], s, n) == 0) {
            if (found >= 0)
                return -1;
            found = i;
        }
    }
    return found;
}

int cal_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"one", U_NO_ARG, '1'}, {"three", U_NO_ARG, '3'}, {"year", U_NO_ARG, 'y'},
        {"monday", U_NO_ARG, 'm'}, {"sunday", U_NO_ARG, 's'}, {NULL, 0, 0},
    };
    UGetopt g = U_GETOPT_INIT;
    int c, span = 1;
    bool monday = false;
    while ((c = u_getopt_long(&g, argc, argv, "13yms", longopts)) != -1) {
        switch (c) {
        case '1': span = 1; break;
        case '3': span = 3; break;
        case 'y': span = 12; break;
        case 'm': monday = true; break;
        case 's': monday = false; break;
        default: return 1;
        }
    }
    UTm now;
    u_gmtime(sys_clock_gettime(AX_CLOCK_REALTIME).value, &now);
    int year = now.year, month = now.mon;
    int nargs = argc - g.ind;
    if (nargs > 2) {
        u_usage_error("cal", "extra operand '%s'", argv[g.ind + 2]);
        return 1;
    }
    if (nargs >= 1) {
        int64_t y;
        const char *ys = argv[argc - 1];
        if (!u_parse_i64(ys, &y) || y < 1 || y > 9999) {
            u_eprintf("cal: year '%s' not in range 1..9999\n", ys);
            return 1;
        }
        year = (int)y;
        if (nargs == 2) {
            month = cal_month_arg(argv[g.ind]);
            if (month < 0) {
                u_eprintf("cal: failed to parse month: '%s'\n", argv[g.ind]);
                return 1;
            }
        } else if (span == 1) {
            span = 12; /* a year alone: the whole year */
        }
    }
    if (span == 12) {
        char title[16];
        snprintf(title, sizeof title, "%d", year);
        int width = 3 * CAL_W + 4, tl = (int)strlen(title), left = (width - tl) / 2;
        u_printf("%*s%s%*s\n", left, "", title, width - left - tl, "");
        for (int q = 0; q < 4; q++) {
            int ys[3] = {year, year, year}, ms[3] = {q * 3, q * 3 + 1, q * 3 + 2};
            cal_print_row(ys, ms, 3, monday, false);
        }
        return 0;
    }
    if (span == 3) {
        int ys[3], ms[3];
        for (int i = 0; i < 3; i++) {
            int m = month - 1 + i, y = year;
            if (m < 0)
                m += 12, y--;
            if (m > 11)
                m -= 12, y++;
            if (y < 1 || y > 9999) {
                u_eprintf("cal: year '%d' not in range 1..9999\n", y);
                return 1;
            }
            ys[i] = y;
            ms[i] = m;
        }
        cal_print_row(ys, ms, 3, monday, true);
        return 0;
    }
    cal_print_row(&year, &month, 1, monday, true);
    return 0;
}
