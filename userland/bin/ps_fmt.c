/* ps's columns: each has procps's -o key, header, width and alignment,
 * and formats its value as procps does (ps/output.c's formats, described
 * in ps(1)): TIME as [DD-]HH:MM:SS, the BSD TIME as M:SS, STIME as HH:MM
 * within a day of now else MmmDD, %CPU as CPU time over elapsed time,
 * %MEM as RSS over MemTotal, VSZ and RSS in KiB. Columns are separated by
 * one space; a value wider than its column pushes the rest right. */
#include <stdio.h>
#include <string.h>

#include "ps.h"

#define HZ 100

typedef void (*PsFmt)(const PsCtx *c, const UProc *p, char *buf, size_t n);

struct PsCol {
    const char *key;
    const char *head;
    int width;    /* 0: the pid width */
    bool left;    /* left-aligned (text) */
    PsFmt fmt;
    bool cut;     /* cut to the width unless it is the last column */
};

static void f_pid(const PsCtx *c, const UProc *p, char *b, size_t n) { snprintf(b, n, "%d", p->pid); }
static void f_ppid(const PsCtx *c, const UProc *p, char *b, size_t n) { snprintf(b, n, "%d", p->ppid); }
static void f_pgid(const PsCtx *c, const UProc *p, char *b, size_t n) { snprintf(b, n, "%d", p->pgid); }
static void f_sid(const PsCtx *c, const UProc *p, char *b, size_t n) { snprintf(b, n, "%d", p->sid); }
static void f_tpgid(const PsCtx *c, const UProc *p, char *b, size_t n) { snprintf(b, n, "%d", p->tpgid); }
static void f_euid(const PsCtx *c, const UProc *p, char *b, size_t n) { snprintf(b, n, "%u", p->euid); }
static void f_ruid(const PsCtx *c, const UProc *p, char *b, size_t n) { snprintf(b, n, "%u", p->ruid); }
static void f_egid(const PsCtx *c, const UProc *p, char *b, size_t n) { snprintf(b, n, "%u", p->egid); }
static void f_rgid(const PsCtx *c, const UProc *p, char *b, size_t n) { snprintf(b, n, "%u", p->rgid); }
static void f_nice(const PsCtx *c, const UProc *p, char *b, size_t n) { snprintf(b, n, "%d", p->nice); }
static void f_pri(const PsCtx *c, const UProc *p, char *b, size_t n) { snprintf(b, n, "%d", 19 - p->nice); }
static void f_comm(const PsCtx *c, const UProc *p, char *b, size_t n) {
    snprintf(b, n, "%s%s", p->comm, p->state == 'Z' ? " <defunct>" : "");
}
static void f_args(const PsCtx *c, const UProc *p, char *b, size_t n) {
    /* no argv (a zombie): the name in brackets, as procps */
    if (p->cmdline[0])
        snprintf(b, n, "%s", p->cmdline);
    else
        snprintf(b, n, "[%s]%s", p->comm, p->state == 'Z' ? " <defunct>" : "");
}

static void name_of(const PsCtx *c, bool user, uint32_t id, char *b, size_t n) {
    char num[12];
    snprintf(b, n, "%s", u_account_name(&c->accounts, user, id, num));
}
static void f_euser(const PsCtx *c, const UProc *p, char *b, size_t n) { name_of(c, true, p->euid, b, n); }
static void f_ruser(const PsCtx *c, const UProc *p, char *b, size_t n) { name_of(c, true, p->ruid, b, n); }
static void f_egroup(const PsCtx *c, const UProc *p, char *b, size_t n) { name_of(c, false, p->egid, b, n); }
static void f_rgroup(const PsCtx *c, const UProc *p, char *b, size_t n) { name_of(c, false, p->rgid, b, n); }

static void f_state(const PsCtx *c, const UProc *p, char *b, size_t n) { snprintf(b, n, "%c", p->state); }
/* state, then < or N for the nice value, s for a session leader, + for
 * the terminal's foreground group (ps(1) PROCESS STATE CODES) */
static void f_stat(const PsCtx *c, const UProc *p, char *b, size_t n) {
    snprintf(b, n, "%c%s%s%s", p->state, p->nice < 0 ? "<" : p->nice > 0 ? "N" : "",
             p->pid == p->sid ? "s" : "", p->tpgid > 0 && p->pgid == p->tpgid ? "+" : "");
}
static void f_tty(const PsCtx *c, const UProc *p, char *b, size_t n) {
    char t[16];
    snprintf(b, n, "%s", u_tty_name(p->tty_nr, t));
}

static uint64_t cpu_secs(const UProc *p) { return (p->utime + p->stime) / HZ; }
/* seconds since the process started */
static uint64_t elapsed(const PsCtx *c, const UProc *p) {
    uint64_t up = c->si.uptime_cs;
    return up > p->start ? (up - p->start) / HZ : 0;
}

static void f_time(const PsCtx *c, const UProc *p, char *b, size_t n) {
    uint64_t s = cpu_secs(p);
    if (s >= 86400)
        snprintf(b, n, "%llu-%02llu:%02llu:%02llu", (unsigned long long)(s / 86400),
                 (unsigned long long)(s / 3600 % 24), (unsigned long long)(s / 60 % 60),
                 (unsigned long long)(s % 60));
    else
        snprintf(b, n, "%02llu:%02llu:%02llu", (unsigned long long)(s / 3600),
                 (unsigned long long)(s / 60 % 60), (unsigned long long)(s % 60));
}
static void f_bsdtime(const PsCtx *c, const UProc *p, char *b, size_t n) {
    uint64_t s = cpu_secs(p);
    snprintf(b, n, "%llu:%02llu", (unsigned long long)(s / 60), (unsigned long long)(s % 60));
}
static void f_etime(const PsCtx *c, const UProc *p, char *b, size_t n) {
    uint64_t s = elapsed(c, p);
    unsigned long long d = s / 86400, h = s / 3600 % 24, m = s / 60 % 60, sec = s % 60;
    if (d)
        snprintf(b, n, "%llu-%02llu:%02llu:%02llu", d, h, m, sec);
    else if (h)
        snprintf(b, n, "%02llu:%02llu:%02llu", h, m, sec);
    else
        snprintf(b, n, "%02llu:%02llu", m, sec);
}

/* CPU time over time alive, in tenths of a percent (procps caps 999.9) */
static unsigned pcpu_tenths(const PsCtx *c, const UProc *p) {
    uint64_t alive = c->si.uptime_cs > p->start ? c->si.uptime_cs - p->start : 0;
    if (alive == 0)
        return 0;
    uint64_t t = (p->utime + p->stime) * 1000 / alive;
    return t > 9999 ? 9999 : (unsigned)t;
}
static void f_pcpu(const PsCtx *c, const UProc *p, char *b, size_t n) {
    unsigned t = pcpu_tenths(c, p);
    snprintf(b, n, "%u.%u", t / 10, t % 10);
}
static void f_c(const PsCtx *c, const UProc *p, char *b, size_t n) {
    unsigned t = pcpu_tenths(c, p) / 10;
    snprintf(b, n, "%u", t > 99 ? 99 : t);
}
static void f_pmem(const PsCtx *c, const UProc *p, char *b, size_t n) {
    uint64_t total = c->si.mem_total / 1024;
    unsigned t = total ? (unsigned)(p->rss * 4 * 1000 / total) : 0;
    snprintf(b, n, "%u.%u", t / 10, t % 10);
}
static void f_vsz(const PsCtx *c, const UProc *p, char *b, size_t n) {
    snprintf(b, n, "%llu", (unsigned long long)(p->vsize / 1024));
}
static void f_rss(const PsCtx *c, const UProc *p, char *b, size_t n) {
    snprintf(b, n, "%llu", (unsigned long long)(p->rss * 4));
}

/* When it started: HH:MM within a day of now, MmmDD within the year,
 * else the year (procps's STIME and BSD START). */
static void f_stime(const PsCtx *c, const UProc *p, char *b, size_t n) {
    int64_t when = c->si.btime + (int64_t)(p->start / HZ);
    UTm tm, now;
    u_gmtime(when * 1000000000, &tm);
    u_gmtime(c->now * 1000000000, &now);
    const char *fmt = c->now - when < 86400 ? "%H:%M" : tm.year == now.year ? "%b%d" : "%Y";
    u_strftime(b, n, fmt, &tm);
}
/* STARTED: HH:MM:SS within a day, else "Mmm DD" */
static void f_start(const PsCtx *c, const UProc *p, char *b, size_t n) {
    int64_t when = c->si.btime + (int64_t)(p->start / HZ);
    UTm tm;
    u_gmtime(when * 1000000000, &tm);
    u_strftime(b, n, c->now - when < 86400 ? "%H:%M:%S" : "%b %d", &tm);
}

/* procps's keys and headers; width 0 is the pid width */
static const PsCol cols[] = {
    {"pid", "PID", 0, false, f_pid},         {"ppid", "PPID", 0, false, f_ppid},
    {"pgid", "PGID", 0, false, f_pgid},      {"pgrp", "PGRP", 0, false, f_pgid},
    {"sid", "SID", 0, false, f_sid},         {"sess", "SESS", 0, false, f_sid},
    {"session", "SESS", 0, false, f_sid},    {"tpgid", "TPGID", 0, false, f_tpgid},
    {"uid", "UID", 5, false, f_euid},        {"euid", "EUID", 5, false, f_euid},
    {"ruid", "RUID", 5, false, f_ruid},      {"gid", "GID", 5, false, f_egid},
    {"egid", "EGID", 5, false, f_egid},      {"rgid", "RGID", 5, false, f_rgid},
    {"user", "USER", 8, true, f_euser},      {"euser", "EUSER", 8, true, f_euser},
    {"uname", "USER", 8, true, f_euser},     {"ruser", "RUSER", 8, true, f_ruser},
    {"group", "GROUP", 8, true, f_egroup},   {"egroup", "EGROUP", 8, true, f_egroup},
    {"rgroup", "RGROUP", 8, true, f_rgroup}, {"comm", "COMMAND", 15, true, f_comm, true},
    {"ucmd", "CMD", 15, true, f_comm, true},        {"ucomm", "COMMAND", 15, true, f_comm, true},
    {"args", "COMMAND", 27, true, f_args, true},    {"command", "COMMAND", 27, true, f_args, true},
    {"cmd", "CMD", 27, true, f_args, true},         {"stat", "STAT", 4, true, f_stat},
    {"s", "S", 1, true, f_state},            {"state", "S", 1, true, f_state},
    {"tty", "TT", 8, true, f_tty},           {"tt", "TT", 8, true, f_tty},
    {"tname", "TTY", 8, true, f_tty},        {"time", "TIME", 8, false, f_time},
    {"cputime", "TIME", 8, false, f_time},   {"etime", "ELAPSED", 11, false, f_etime},
    {"%cpu", "%CPU", 4, false, f_pcpu},      {"pcpu", "%CPU", 4, false, f_pcpu},
    {"c", "C", 2, false, f_c},               {"%mem", "%MEM", 4, false, f_pmem},
    {"pmem", "%MEM", 4, false, f_pmem},      {"vsz", "VSZ", 6, false, f_vsz},
    {"vsize", "VSZ", 6, false, f_vsz},       {"rss", "RSS", 5, false, f_rss},
    {"rssize", "RSS", 5, false, f_rss},      {"ni", "NI", 3, false, f_nice},
    {"nice", "NI", 3, false, f_nice},        {"pri", "PRI", 3, false, f_pri},
    {"start", "STARTED", 8, false, f_start}, {"stime", "STIME", 5, false, f_stime},
    {"start_time", "START", 5, false, f_stime},
    /* the formats' own variants (not -o keys procps documents) */
    {"bsdstart", "START", 5, false, f_stime}, {"bsdtime", "TIME", 6, false, f_bsdtime},
    {"fuser", "UID", 8, true, f_euser},
};

const PsCol *ps_col_find(const char *key) {
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        if (strcmp(cols[i].key, key) == 0)
            return &cols[i];
    return NULL;
}

bool ps_fields_parse(const char *list, PsField **f, size_t *n, char **bad) {
    char *copy = xstrdup(list);
    char *s = copy;
    bool ok = true;
    while (ok && *s) {
        size_t len = strcspn(s, ",= ");
        char *head = NULL;
        char save = s[len];
        s[len] = '\0';
        const PsCol *col = ps_col_find(s);
        if (!col) {
            *bad = xstrdup(s);
            ok = false;
            break;
        }
        char *next = s + len + (save != '\0');
        if (save == '=') { /* the header runs to the end of the argument */
            head = xstrdup(next);
            next += strlen(next);
        }
        *f = xrealloc(*f, (*n + 1) * sizeof **f);
        (*f)[(*n)++] = (PsField){col, head ? head : xstrdup(col->head)};
        s = next;
    }
    xfree(copy);
    return ok;
}

static int col_width(const PsCtx *c, const PsCol *col) {
    return col->width ? col->width : col->left ? 0 : c->pid_width;
}

/* A line being built, so that it can be cut at the width. */
typedef struct Line {
    char *s;
    size_t len, cap;
} Line;

static void line_put(Line *l, const char *s, size_t n) {
    if (l->len + n + 1 > l->cap) {
        l->cap = (l->len + n + 1) * 2;
        l->s = xrealloc(l->s, l->cap);
    }
    memcpy(l->s + l->len, s, n);
    l->len += n;
    l->s[l->len] = '\0';
}

static void line_pad(Line *l, int n) {
    for (int i = 0; i < n; i++)
        line_put(l, " ", 1);
}

/* One cell: right-aligned cells fill to the column's width; a left-aligned
 * one is padded only when something follows it. */
static void cell(Line *l, const char *s, int w, bool left, bool last) {
    size_t len = strlen(s);
    int pad = w > (int)len ? w - (int)len : 0;
    if (!left)
        line_pad(l, pad);
    line_put(l, s, len);
    if (left && !last)
        line_pad(l, pad);
}

void ps_print(const PsCtx *c, const PsField *f, size_t nf, const UProc *v, size_t n, int width) {
    bool any_head = false;
    for (size_t i = 0; i < nf; i++)
        any_head |= f[i].head[0] != '\0';
    Line l = {0};
    for (size_t r = any_head ? 0 : 1; r < n + 1; r++) {
        l.len = 0;
        for (size_t i = 0; i < nf; i++) {
            char buf[4096];
            if (r == 0)
                snprintf(buf, sizeof buf, "%s", f[i].head);
            else
                f[i].col->fmt(c, &v[r - 1], buf, sizeof buf);
            if (i > 0)
                line_put(&l, " ", 1);
            int w = col_width(c, f[i].col);
            if (f[i].col->cut && i + 1 < nf && (int)strlen(buf) > w)
                buf[w] = '\0'; /* procps cuts a command that is not last */
            cell(&l, buf, w, f[i].col->left, i + 1 == nf);
        }
        size_t len = l.len;
        if (width > 0 && len > (size_t)width)
            len = (size_t)width;
        while (len > 0 && l.s[len - 1] == ' ')
            len--;
        l.s[len] = '\0';
        u_puts(l.s);
    }
    xfree(l.s);
}
