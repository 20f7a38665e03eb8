/* dd [OPERAND]...: copy with block sizes and conversions, as GNU dd:
 * if= of= bs= ibs= obs= count= skip= seek= conv=notrunc,ucase,lcase,sync,
 * noerror,excl,nocreat,fsync status=none|noxfer|progress. Numbers take
 * GNU's suffixes (c w b K M G..., kB MB...) and NxM products. With bs=
 * each block read is written as it is; with ibs=/obs= the output is
 * gathered into obs-byte blocks. The transfer summary ("N+M records
 * in/out", the bytes, the time and rate by the kernel clock) goes to
 * stderr at the end. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "ulib.h"

typedef struct DdOpts {
    const char *in, *out;
    uint64_t ibs, obs, count, skip, seek;
    bool have_count, bs_set;
    bool notrunc, ucase, lcase, sync, noerror, excl, nocreat, fsync;
    int status; /* 0 default, 1 noxfer, 2 none, 3 progress */
} DdOpts;

typedef struct DdStats {
    uint64_t in_full, in_part, out_full, out_part, bytes;
} DdStats;

/* N with GNU's suffixes, and products NxM */
static bool dd_number(const char *s, uint64_t *out)
{
    const char *x = strchr(s, 'x');
    if (x) {
        char *left = xstrndup(s, (size_t)(x - s));
        uint64_t a, b;
        bool ok = dd_number(left, &a) && dd_number(x + 1, &b);
        xfree(left);
        if (!ok || (a && b > UINT64_MAX / a))
            return false;
        *out = a * b;
        return true;
    }
    if (!isdigit((unsigned char)s[0]))
        return false;
    return u_parse_size(s, out);
}

static void dd_human(char *buf, size_t size, double v, bool si, const char *unit)
{
    static const char prefixes[] = "kMGTPE";
    double base = si ? 1000 : 1024;
    int p = -1;
    while (v >= base && p < 5) {
        v /= base;
        p++;
    }
    if (p < 0)
        snprintf(buf, size, "%.0f %s", v, unit);
    else if (v < 100)
        snprintf(buf, size, "%.1f %c%s%s", v, si ? prefixes[p] : (char)toupper(prefixes[p]),
                 si ? "" : "i", unit);
    else
        snprintf(buf, size, "%.0f %c%s%s", v, si ? prefixes[p] : (char)toupper(prefixes[p]),
                 si ? "" : "i", unit);
}

static void dd_summary(const DdOpts *o, const DdStats *s, int64_t start_ns)
{
    if (o->status == 2)
        return;
    u_eprintf("%llu+%llu records in\n%llu+%llu records out\n", (unsigned long long)s->in_full,
              (unsigned long long)s->in_part, (unsigned long long)s->out_full,
              (unsigned long long)s->out_part);
    if (o->status == 1)
        return;
    double secs = (double)(sys_clock_gettime(AX_CLOCK_MONOTONIC).value - start_ns) / 1e9;
    char si[32], iec[32], rate[32];
    u_eprintf("%llu byte%s", (unsigned long long)s->bytes, s->bytes == 1 ? "" : "s");
    if (s->bytes >= 1000) {
        dd_human(si, sizeof si, (double)s->bytes, true, "B");
        dd_human(iec, sizeof iec, (double)s->bytes, false, "B");
        u_eprintf(" (%s, %s)", si, iec);
    }
    if (secs > 0)
        dd_human(rate, sizeof rate, (double)s->bytes / secs, true, "B/s");
    else
        snprintf(rate, sizeof rate, "Infinity B/s");
    u_eprintf(" copied, %g s, %s\n", secs, rate);
}

static int dd_open(const char *path, int flags, uint32_t mode)
{
    SyscallResult r = sys_open(path, flags, mode);
    if (r.error != AX_OK) {
        u_eprintf("dd: failed to open '%s': %s\n", path, sys_strerror(r.error));
        return -1;
    }
    return (int)r.value;
}

/* Skip n blocks of bs bytes of fd: by lseek, or by reading a pipe. */
static bool dd_skip(int fd, uint64_t n, uint64_t bs, char *buf, const char *name)
{
    if (n == 0)
        return true;
    if (sys_lseek(fd, (int64_t)(n * bs), AX_SEEK_CUR).error == AX_OK)
        return true;
    uint64_t left = n * bs;
    while (left > 0) {
        SyscallResult r = sys_read(fd, buf, left < bs ? (size_t)left : (size_t)bs);
        if (r.error == AX_EINTR)
            continue;
        if (r.error != AX_OK || r.value == 0) {
            u_eprintf("dd: '%s': cannot skip to specified offset\n", name);
            return r.error == AX_OK;
        }
        left -= (uint64_t)r.value;
    }
    return true;
}

static bool dd_operand(DdOpts *o, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq) {
        u_usage_error("dd", "unrecognized operand '%s'", arg);
        return false;
    }
    size_t kl = (size_t)(eq - arg);
    const char *v = eq + 1;
#define KEY(name) (kl == strlen(name) && strncmp(arg, name, kl) == 0)
    if (KEY("if")) {
        o->in = v;
    } else if (KEY("of")) {
        o->out = v;
    } else if (KEY("conv")) {
        char *list = xstrdup(v);
        for (char *save = NULL, *w = strtok_r(list, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
            if (strcmp(w, "notrunc") == 0) o->notrunc = true;
            else if (strcmp(w, "ucase") == 0) o->ucase = true;
            else if (strcmp(w, "lcase") == 0) o->lcase = true;
            else if (strcmp(w, "sync") == 0) o->sync = true;
            else if (strcmp(w, "noerror") == 0) o->noerror = true;
            else if (strcmp(w, "excl") == 0) o->excl = true;
            else if (strcmp(w, "nocreat") == 0) o->nocreat = true;
            else if (strcmp(w, "fsync") == 0 || strcmp(w, "fdatasync") == 0) o->fsync = true;
            else {
                u_usage_error("dd", "invalid conversion: '%s'", w);
                xfree(list);
                return false;
            }
        }
        xfree(list);
        if (o->ucase && o->lcase) {
            u_usage_error("dd", "cannot combine lcase and ucase");
            return false;
        }
    } else if (KEY("status")) {
        if (strcmp(v, "none") == 0) o->status = 2;
        else if (strcmp(v, "noxfer") == 0) o->status = 1;
        else if (strcmp(v, "progress") == 0) o->status = 3;
        else {
            u_usage_error("dd", "invalid status level: '%s'", v);
            return false;
        }
    } else if (KEY("bs") || KEY("ibs") || KEY("obs") || KEY("count") || KEY("skip") ||
               KEY("seek") || KEY("iseek") || KEY("oseek")) {
        uint64_t n;
        bool size = KEY("bs") || KEY("ibs") || KEY("obs");
        if (!dd_number(v, &n) || (size && (n == 0 || n > (1u << 30)))) {
            u_eprintf("dd: invalid number: '%s'\n", v);
            return false;
        }
        if (KEY("bs")) o->ibs = o->obs = n, o->bs_set = true;
        else if (KEY("ibs")) o->ibs = n;
        else if (KEY("obs")) o->obs = n;
        else if (KEY("count")) { o->count = n; o->have_count = true; }
        else if (KEY("skip") || KEY("iseek")) o->skip = n;
        else o->seek = n;
    } else {
        u_usage_error("dd", "unrecognized operand '%s'", arg);
        return false;
    }
#undef KEY
    return true;
}

int dd_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    if (u_getopt_long(&g, argc, argv, "", NULL) != -1)
        return 1;
    DdOpts o = {.ibs = 512, .obs = 512};
    for (int i = g.ind; i < argc; i++)
        if (!dd_operand(&o, argv[i]))
            return 1;
    int in = 0, out = 1;
    if (o.in && (in = dd_open(o.in, AX_O_RDONLY, 0)) < 0)
        return 1;
    if (o.out) {
        int flags = AX_O_WRONLY | (o.nocreat ? 0 : AX_O_CREAT) | (o.excl ? AX_O_EXCL : 0);
        if (!o.notrunc && !o.seek)
            flags |= AX_O_TRUNC;
        if ((out = dd_open(o.out, flags, 0666)) < 0)
            return 1;
        if (!o.notrunc && o.seek) {
            /* truncate at the seek point, not before it (GNU) */
            sys_ftruncate(out, (int64_t)(o.seek * o.obs));
        }
    }
    int64_t start = sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
    char *ibuf = xmalloc((size_t)o.ibs), *obuf = xmalloc((size_t)o.obs);
    int status = 0;
    if (!dd_skip(in, o.skip, o.ibs, ibuf, o.in ? o.in : "standard input"))
        status = 1;
    if (o.seek && sys_lseek(out, (int64_t)(o.seek * o.obs), AX_SEEK_SET).error != AX_OK) {
        /* a pipe: write zero blocks instead */
        memset(obuf, 0, (size_t)o.obs);
        for (uint64_t i = 0; i < o.seek; i++)
            u_write_all(out, obuf, (size_t)o.obs);
    }
    DdStats s = {0};
    size_t opos = 0;
    uint64_t blocks = 0;
    while (status == 0 && (!o.have_count || blocks < o.count)) {
        SyscallResult r = sys_read(in, ibuf, (size_t)o.ibs);
        if (r.error == AX_EINTR)
            continue;
        if (r.error != AX_OK) {
            u_eprintf("dd: error reading '%s': %s\n", o.in ? o.in : "standard input",
                      sys_strerror(r.error));
            if (!o.noerror) {
                status = 1;
                break;
            }
            continue;
        }
        if (r.value == 0)
            break;
        blocks++;
        size_t n = (size_t)r.value;
        if (n == o.ibs)
            s.in_full++;
        else
            s.in_part++;
        if (o.sync && n < o.ibs) {
            memset(ibuf + n, 0, (size_t)o.ibs - n);
            n = (size_t)o.ibs;
        }
        for (size_t i = 0; i < n; i++) {
            if (o.ucase)
                ibuf[i] = (char)toupper((unsigned char)ibuf[i]);
            else if (o.lcase)
                ibuf[i] = (char)tolower((unsigned char)ibuf[i]);
        }
        if (o.bs_set) {
            if (u_write_all(out, ibuf, n) < 0) {
                u_eprintf("dd: error writing '%s'\n", o.out ? o.out : "standard output");
                status = 1;
                break;
            }
            if (n == o.obs)
                s.out_full++;
            else
                s.out_part++;
            s.bytes += n;
            continue;
        }
        /* gather into output blocks of obs bytes */
        for (size_t i = 0; i < n;) {
            size_t take = (size_t)o.obs - opos < n - i ? (size_t)o.obs - opos : n - i;
            memcpy(obuf + opos, ibuf + i, take);
            opos += take;
            i += take;
            if (opos == o.obs) {
                if (u_write_all(out, obuf, opos) < 0) {
                    u_eprintf("dd: error writing '%s'\n", o.out ? o.out : "standard output");
                    status = 1;
                    break;
                }
                s.out_full++;
                s.bytes += opos;
                opos = 0;
            }
        }
    }
    if (opos > 0 && status == 0) {
        if (u_write_all(out, obuf, opos) < 0) {
            u_eprintf("dd: error writing '%s'\n", o.out ? o.out : "standard output");
            status = 1;
        } else {
            s.out_part++;
            s.bytes += opos;
        }
    }
    if (o.fsync)
        sys_fsync(out);
    xfree(ibuf);
    xfree(obuf);
    if (o.in)
        sys_close(in);
    if (o.out && sys_close(out).error != AX_OK)
        status = 1;
    dd_summary(&o, &s, start);
    return status;
}
