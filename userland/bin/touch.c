/* touch [-acm] [-d DATE | -t STAMP | -r FILE] FILE...: set the access and
 * modification times of each FILE (to now, or the time given), creating
 * files that are missing unless -c. */
#include <string.h>

#include "ulib.h"

typedef struct TouchOpts {
    bool no_create;
    bool only_a, only_m;
    bool have_time;
    int64_t atime, mtime; /* kernel clock ns when have_time */
} TouchOpts;

static int touch_one(const char *path, const TouchOpts *o)
{
    SyscallResult r = sys_open(path, AX_O_RDONLY, 0);
    if (r.error == AX_ENOENT && !o->no_create && path[strlen(path) - 1] != '/')
        r = sys_open(path, AX_O_WRONLY | AX_O_CREAT, 0666);
    if (r.error == AX_ENOENT && o->no_create)
        return 0;
    if (r.error != AX_OK) {
        u_eprintf("touch: cannot touch '%s': %s\n", path, sys_strerror(r.error));
        return 1;
    }
    int64_t times[2] = {o->have_time ? o->atime : AX_UTIME_NOW,
                        o->have_time ? o->mtime : AX_UTIME_NOW};
    if (o->only_m && !o->only_a)
        times[0] = AX_UTIME_OMIT;
    if (o->only_a && !o->only_m)
        times[1] = AX_UTIME_OMIT;
    SyscallResult t = sys_futimens((int)r.value, times);
    sys_close((int)r.value);
    if (t.error != AX_OK) {
        u_eprintf("touch: setting times of '%s': %s\n", path, sys_strerror(t.error));
        return 1;
    }
    return 0;
}

/* -t [[CC]YY]MMDDhhmm[.ss] into ns since 1970. */
static bool parse_stamp(const char *s, int64_t now_ns, int64_t *out)
{
    size_t len = strcspn(s, ".");
    const char *frac = s[len] == '.' ? s + len + 1 : NULL;
    if ((len != 8 && len != 10 && len != 12) || (frac && strlen(frac) != 2))
        return false;
    int v[7];
    size_t nv = 0;
    for (size_t i = 0; i < len; i += 2) {
        if (s[i] < '0' || s[i] > '9' || s[i + 1] < '0' || s[i + 1] > '9')
            return false;
        v[nv++] = (s[i] - '0') * 10 + (s[i + 1] - '0');
    }
    UTm now;
    u_gmtime(now_ns, &now);
    UTm tm = {.year = now.year};
    size_t at = 0;
    if (len == 12)
        tm.year = v[0] * 100 + v[1], at = 2;
    else if (len == 10)
        tm.year = v[0] + (v[0] < 69 ? 2000 : 1900), at = 1;
    tm.mon = v[at] - 1, tm.mday = v[at + 1], tm.hour = v[at + 2], tm.min = v[at + 3];
    if (frac) {
        if (frac[0] < '0' || frac[0] > '9' || frac[1] < '0' || frac[1] > '9')
            return false;
        tm.sec = (frac[0] - '0') * 10 + (frac[1] - '0');
    }
    if (tm.mon < 0 || tm.mon > 11 || tm.mday < 1 || tm.mday > 31 || tm.hour > 23 || tm.min > 59 ||
        tm.sec > 60)
        return false;
    *out = u_timegm(&tm) * 1000000000;
    return true;
}

enum { OPT_TIME = 256 };

static const ULongOpt touch_longopts[] = {
    {"no-create", U_NO_ARG, 'c'}, {"date", U_REQ_ARG, 'd'}, {"reference", U_REQ_ARG, 'r'},
    {"time", U_REQ_ARG, OPT_TIME}, {NULL, 0, 0},
};

int touch_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    TouchOpts o = {0};
    const char *date = NULL, *stamp = NULL, *ref = NULL;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "acmfd:t:r:", touch_longopts)) != -1) {
        switch (c) {
        case 'a': o.only_a = true; break;
        case 'm': o.only_m = true; break;
        case 'c': o.no_create = true; break;
        case 'f': break; /* accepted, as GNU does */
        case 'd': date = g.arg; break;
        case 't': stamp = g.arg; break;
        case 'r': ref = g.arg; break;
        case OPT_TIME:
            if (strcmp(g.arg, "atime") == 0 || strcmp(g.arg, "access") == 0 ||
                strcmp(g.arg, "use") == 0) {
                o.only_a = true;
            } else if (strcmp(g.arg, "mtime") == 0 || strcmp(g.arg, "modify") == 0) {
                o.only_m = true;
            } else {
                u_usage_error(argv[0], "invalid argument '%s' for '--time'", g.arg);
                return 1;
            }
            break;
        default: return 1;
        }
    }
    if ((date != NULL) + (stamp != NULL) + (ref != NULL) > 1) {
        u_usage_error(argv[0], "cannot specify times from more than one source");
        return 1;
    }
    int64_t boot = u_boot_realtime();
    SyscallResult now = sys_clock_gettime(AX_CLOCK_REALTIME);
    int64_t when;
    if (date) {
        if (!u_parse_date(date, now.value, &when)) {
            u_eprintf("touch: invalid date format '%s'\n", date);
            return 1;
        }
        o.atime = o.mtime = when - boot;
        o.have_time = true;
    } else if (stamp) {
        if (!parse_stamp(stamp, now.value, &when)) {
            u_eprintf("touch: invalid date format '%s'\n", stamp);
            return 1;
        }
        o.atime = o.mtime = when - boot;
        o.have_time = true;
    } else if (ref) {
        FileStat st;
        SyscallResult r = sys_stat(ref, &st);
        if (r.error != AX_OK) {
            u_eprintf("touch: failed to get attributes of '%s': %s\n", ref, sys_strerror(r.error));
            return 1;
        }
        o.atime = (int64_t)st.atime_ns;
        o.mtime = (int64_t)st.mtime_ns;
        o.have_time = true;
    }
    if (g.ind >= argc) {
        u_usage_error(argv[0], "missing file operand");
        return 1;
    }
    int status = 0;
    for (int i = g.ind; i < argc; i++)
        status |= touch_one(argv[i], &o);
    return status;
}
