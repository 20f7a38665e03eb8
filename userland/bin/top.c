/* top: a live view of the processes, sorted by CPU use, read from /proc
 * as procps's top reads it. On a terminal it redraws every DELAY seconds
 * until q (or ^C) is typed; -b prints frames to stdout instead (each with
 * the summary lines, then every process), -n N stops after N frames.
 *
 * %CPU is the CPU time used since the last frame over the time passed
 * (the first frame: since the process started); ties keep pid order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

#define HZ 100

typedef struct TopOpts {
    bool batch;
    long frames;     /* -n: 0 = no limit */
    double delay;    /* seconds */
    int *pids;
    size_t npids;
    bool by_user;
    uint32_t uid;
} TopOpts;

/* The CPU ticks each pid had at the last frame, and when that was. */
typedef struct Sample {
    int pid;
    uint64_t ticks;
} Sample;

typedef struct Top {
    TopOpts o;
    UAccounts accounts;
    Sample *prev;
    size_t nprev;
    uint64_t prev_cs;  /* uptime at the last frame, centiseconds */
    int pid_width;
    int rows, cols;    /* the screen (batch: no row limit, 80 columns) */
} Top;

typedef struct Row {
    const UProc *p;
    unsigned pcpu;     /* tenths of a percent */
} Row;

static uint64_t prev_ticks(const Top *t, int pid, bool *found) {
    for (size_t i = 0; i < t->nprev; i++)
        if (t->prev[i].pid == pid) {
            *found = true;
            return t->prev[i].ticks;
        }
    *found = false;
    return 0;
}

static int cmp_rows(const void *a, const void *b, void *ctx) {
    const Row *x = a, *y = b;
    (void)ctx;
    if (x->pcpu != y->pcpu)
        return x->pcpu > y->pcpu ? -1 : 1;
    uint64_t tx = x->p->utime + x->p->stime, ty = y->p->utime + y->p->stime;
    if (tx != ty)
        return tx > ty ? -1 : 1;
    return (x->p->pid > y->p->pid) - (x->p->pid < y->p->pid);
}

static bool wanted(const Top *t, const UProc *p) {
    if (t->o.by_user && p->euid != t->o.uid)
        return false;
    if (t->o.npids == 0)
        return true;
    for (size_t i = 0; i < t->o.npids; i++)
        if (t->o.pids[i] == p->pid)
            return true;
    return false;
}

/* Append a line to the frame, cut to the width (a cut COMMAND ends in
 * '+', as top marks it). In batch mode only the task rows are cut, as
 * procps's top does. */
static void put_line(UStream *out, const Top *t, const char *line, bool last_line, bool row) {
    size_t len = strlen(line), max = (size_t)(t->cols > 1 ? t->cols - 1 : 79);
    if (len > max && (row || !t->o.batch)) {
        u_fprintf(out, "%.*s+", (int)(max - 1), line);
    } else {
        u_fputs(line, out);
    }
    if (!t->o.batch)
        u_fputs("\033[K", out); /* clear the rest of the screen line */
    if (!last_line || t->o.batch)
        u_fputs(t->o.batch ? "\n" : "\r\n", out);
}

static void put(UStream *out, const Top *t, const char *line, bool last_line) {
    put_line(out, t, line, last_line, false);
}

static void summary(UStream *out, Top *t, const USysInfo *si, const UProc *v, size_t n,
                    uint64_t busy, uint64_t span) {
    char line[256], clock[16];
    UTm tm;
    u_gmtime(sys_clock_gettime(AX_CLOCK_REALTIME).value, &tm);
    u_strftime(clock, sizeof clock, "%H:%M:%S", &tm);
    uint64_t secs = si->uptime_cs / 100;
    uint64_t days = secs / 86400, hours = secs / 3600 % 24, mins = secs / 60 % 60;
    int len = snprintf(line, sizeof line, "top - %s up ", clock);
    if (days)
        len += snprintf(line + len, sizeof line - (size_t)len, "%llu day%s, ",
                        (unsigned long long)days, days == 1 ? "" : "s");
    if (hours)
        len += snprintf(line + len, sizeof line - (size_t)len, "%2llu:%02llu, ",
                        (unsigned long long)hours, (unsigned long long)mins);
    else
        len += snprintf(line + len, sizeof line - (size_t)len, "%llu min, ",
                        (unsigned long long)mins);
    int users = 0, running = 0, sleeping = 0, stopped = 0, zombie = 0;
    for (size_t i = 0; i < n; i++) {
        users += v[i].pid == v[i].sid && v[i].tty_nr != 0 && v[i].state != 'Z';
        running += v[i].state == 'R';
        sleeping += v[i].state == 'S';
        stopped += v[i].state == 'T';
        zombie += v[i].state == 'Z';
    }
    snprintf(line + len, sizeof line - (size_t)len, "%2d %s,  load average: %s, %s, %s", users,
             users > 1 ? "users" : "user", si->loads[0], si->loads[1], si->loads[2]);
    put(out, t, line, false);
    snprintf(line, sizeof line,
             "Tasks: %3zu total, %3d running, %3d sleeping, %3d stopped, %3d zombie", n, running,
             sleeping, stopped, zombie);
    put(out, t, line, false);
    /* one CPU: what the processes used of the time that passed */
    double us = span ? 100.0 * (double)busy / (double)span : 0;
    if (us > 100)
        us = 100;
    snprintf(line, sizeof line,
             "%%Cpu(s):%5.1f us,%5.1f sy,%5.1f ni,%5.1f id,%5.1f wa,%5.1f hi,%5.1f si,%5.1f st ", us,
             0.0, 0.0, 100 - us, 0.0, 0.0, 0.0, 0.0);
    put(out, t, line, false);
    const double mib = 1024.0 * 1024.0;
    uint64_t used = si->mem_total > si->mem_available ? si->mem_total - si->mem_available : 0;
    snprintf(line, sizeof line, "MiB Mem : %8.1f total, %8.1f free, %8.1f used, %8.1f buff/cache     ",
             (double)si->mem_total / mib, (double)si->mem_free / mib, (double)used / mib,
             (double)(si->buffers + si->cached) / mib);
    put(out, t, line, false);
    snprintf(line, sizeof line, "MiB Swap: %8.1f total, %8.1f free, %8.1f used. %8.1f avail Mem ",
             (double)si->swap_total / mib, (double)si->swap_free / mib,
             (double)(si->swap_total - si->swap_free) / mib, (double)si->mem_available / mib);
    put(out, t, line, false);
    put(out, t, "", false);
}

static void row_line(const Top *t, const USysInfo *si, const Row *r, char *line, size_t size) {
    const UProc *p = r->p;
    char user[16], num[12];
    snprintf(user, sizeof user, "%s", u_account_name(&t->accounts, true, p->euid, num));
    if (strlen(user) > 8) /* top marks a cut name with '+' */
        user[7] = '+', user[8] = '\0';
    uint64_t ticks = p->utime + p->stime;
    uint64_t total_kb = si->mem_total / 1024;
    unsigned pmem = total_kb ? (unsigned)(p->rss * 4 * 1000 / total_kb) : 0;
    snprintf(line, size, "%*d %-8s %3d %3d %7llu %6llu %6u %c %5.1f %5.1f %3llu:%02llu.%02llu %s",
             t->pid_width, p->pid, user, 20 + p->nice, p->nice,
             (unsigned long long)(p->vsize / 1024), (unsigned long long)(p->rss * 4), 0u, p->state,
             r->pcpu / 10.0, pmem / 10.0, (unsigned long long)(ticks / HZ / 60),
             (unsigned long long)(ticks / HZ % 60), (unsigned long long)(ticks % HZ), p->comm);
}

/* One frame. Returns false when /proc cannot be read. */
static bool frame(Top *t, UStream *out) {
    USysInfo si;
    UProc *v;
    size_t n;
    if (u_sysinfo_read(&si) != AX_OK || u_procs_read(&v, &n) != AX_OK)
        return false;
    Row *rows = xmalloc((n ? n : 1) * sizeof *rows);
    size_t nrows = 0;
    uint64_t busy = 0, span = si.uptime_cs - t->prev_cs;
    Sample *now = xmalloc((n ? n : 1) * sizeof *now);
    for (size_t i = 0; i < n; i++) {
        uint64_t ticks = v[i].utime + v[i].stime;
        bool seen;
        uint64_t before = prev_ticks(t, v[i].pid, &seen);
        /* new since the last frame: its whole life is the interval */
        uint64_t since = seen ? t->prev_cs : v[i].start;
        uint64_t interval = si.uptime_cs > since ? si.uptime_cs - since : 0;
        uint64_t used = ticks > before ? ticks - before : 0;
        busy += used;
        now[i] = (Sample){v[i].pid, ticks};
        if (!wanted(t, &v[i]))
            continue;
        unsigned pcpu = interval ? (unsigned)(used * 1000 / interval) : 0;
        rows[nrows++] = (Row){&v[i], pcpu > 9999 ? 9999 : pcpu};
    }
    u_sort(rows, nrows, sizeof *rows, cmp_rows, NULL);
    if (!t->o.batch)
        u_fputs("\033[H", out);
    summary(out, t, &si, v, n, busy, t->prev_cs ? span : si.uptime_cs);
    char head[160], line[512];
    snprintf(head, sizeof head, "%*s USER      PR  NI    VIRT    RES    SHR S  %%CPU  %%MEM     TIME+ COMMAND",
             t->pid_width, "PID");
    size_t room = t->o.batch ? nrows : (size_t)(t->rows > 8 ? t->rows - 8 : 0);
    if (room > nrows)
        room = nrows;
    put(out, t, head, !t->o.batch && room == 0);
    for (size_t i = 0; i < room; i++) {
        row_line(t, &si, &rows[i], line, sizeof line);
        put_line(out, t, line, !t->o.batch && i + 1 == room, true);
    }
    if (!t->o.batch)
        u_fputs("\033[J", out); /* nothing below the last line */
    else
        u_putc('\n', out); /* frames are apart by an empty line */
    u_fflush(out);
    xfree(t->prev);
    t->prev = now;
    t->nprev = n;
    t->prev_cs = si.uptime_cs;
    xfree(rows);
    u_procs_free(v, n);
    return true;
}

/* Wait up to the delay for a key; true when the user asked to quit. */
static bool wait_key(Top *t, UTerm *term) {
    PollFd pfd = {.fd = term->fd, .events = AX_POLLIN};
    SyscallResult r = sys_poll(&pfd, 1, (int)(t->o.delay * 1000));
    if (r.error != AX_OK || r.value == 0)
        return false;
    int k = u_term_key(term);
    if (k == -1 || k == 'q' || k == 'Q' || k == 3 /* ^C */)
        return true;
    u_term_size(term);
    t->rows = term->rows;
    t->cols = term->cols;
    return false;
}

static bool parse_pids(TopOpts *o, const char *list) {
    char *copy = xstrdup(list);
    bool ok = true;
    for (char *s = strtok(copy, ","); s && ok; s = strtok(NULL, ",")) {
        char *end;
        long v = strtol(s, &end, 10);
        ok = *end == '\0' && v > 0 && v <= 0x7fffffff;
        o->pids = xrealloc(o->pids, (o->npids + 1) * sizeof *o->pids);
        o->pids[o->npids++] = (int)v;
    }
    xfree(copy);
    return ok && o->npids > 0;
}

int top_main(int argc, char **argv) {
    static const ULongOpt longopts[] = {{"batch", U_NO_ARG, 'b'},      {"iterations", U_REQ_ARG, 'n'},
                                        {"delay", U_REQ_ARG, 'd'},    {"pid", U_REQ_ARG, 'p'},
                                        {"user", U_REQ_ARG, 'u'},     {NULL, 0, 0}};
    Top t = {.o = {.delay = 3.0}, .rows = 24, .cols = 80};
    u_accounts_load(&t.accounts);
    UGetopt g = U_GETOPT_INIT;
    int c, status = 0;
    while (status == 0 && (c = u_getopt_long(&g, argc, argv, "bn:d:p:u:", longopts)) != -1) {
        char *end;
        switch (c) {
        case 'b': t.o.batch = true; break;
        case 'n':
            t.o.frames = strtol(g.arg, &end, 10);
            if (*end || t.o.frames < 1) {
                u_eprintf("top: bad iterations argument '%s'\n", g.arg);
                status = 1;
            }
            break;
        case 'd':
            t.o.delay = strtod(g.arg, &end);
            if (*end || !(t.o.delay >= 0) || t.o.delay > 1e6) {
                u_eprintf("top: bad delay interval '%s'\n", g.arg);
                status = 1;
            }
            break;
        case 'p':
            if (!parse_pids(&t.o, g.arg)) {
                u_eprintf("top: bad pid '%s'\n", g.arg);
                status = 1;
            }
            break;
        case 'u':
            if (!u_account_id(&t.accounts, true, g.arg, &t.o.uid)) {
                u_eprintf("top: Invalid user\n");
                status = 1;
            }
            t.o.by_user = true;
            break;
        default: status = 1; break;
        }
    }
    if (status == 0 && g.ind < argc) {
        u_usage_error("top", "extra operand '%s'", argv[g.ind]);
        status = 1;
    }
    t.pid_width = u_pid_width();
    UTerm term;
    bool screen = false;
    if (status == 0 && !t.o.batch) {
        int r = u_term_open(&term, false);
        if (r < 0) { /* no terminal: batch mode, as top falls back */
            t.o.batch = true;
        } else {
            screen = true;
            t.rows = term.rows;
            t.cols = term.cols;
            u_fputs("\033[?25l\033[H\033[2J", u_stdout()); /* hide the cursor, clear */
        }
    }
    UStream *out = u_stdout();
    for (long i = 0; status == 0; i++) {
        if (!frame(&t, out)) {
            u_eprintf("top: cannot read /proc\n");
            status = 1;
            break;
        }
        if (t.o.frames && i + 1 >= t.o.frames)
            break;
        if (t.o.batch)
            sys_sleep((uint64_t)(t.o.delay * 1e9));
        else if (wait_key(&t, &term))
            break;
    }
    if (screen) {
        u_fputs("\033[?25h\r\n", out); /* the cursor back, below the screen */
        u_fflush(out);
        u_term_close(&term);
    }
    xfree(t.prev);
    xfree(t.o.pids);
    u_accounts_free(&t.accounts);
    return status;
}
