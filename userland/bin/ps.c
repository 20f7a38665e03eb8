/* ps: report processes, reading /proc as procps's ps does.
 *
 * Selection (the lists add up, as procps's): by default the processes of
 * the caller's effective user on the caller's terminal; -e/-A every one;
 * -a those with a terminal but session leaders; -d all but session
 * leaders; -p PIDS, -u USERS (effective), -U USERS (real), -t TTYS; BSD
 * letters a (every user's, with a terminal) and x (without one too).
 * Format: -f full, -o KEYS (procps's keys, KEY=HEADER), BSD u (user),
 * plain BSD (PID TTY STAT TIME COMMAND), else PID TTY TIME CMD. Lines are
 * cut at the terminal's width when stdout is one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ps.h"

enum { SEL_ALL = 1, SEL_TTY_ALL = 2, SEL_NOT_LEADERS = 4, SEL_BSD_A = 8, SEL_BSD_X = 16 };

typedef struct PsOpts {
    unsigned sel;
    int *pids;
    size_t npids;
    uint32_t *euids, *ruids;
    size_t neuids, nruids;
    unsigned *ttys;
    size_t nttys;
    bool bsd, bsd_user, full;
    PsField *fields;
    size_t nfields;
} PsOpts;

/* "error: MESSAGE" and the usage hint, as procps's ps; status 1. */
static int ps_error(const char *fmt, const char *arg) {
    u_eprintf("error: ");
    u_eprintf(fmt, arg);
    u_eprintf("\n\nUsage:\n ps [options]\n\n Try 'ps --help' for more information.\n");
    return 1;
}

/* Split a list at commas and blanks, calling add for each item; false
 * when add refuses one or the list is empty. */
static bool each_item(const char *list, bool (*add)(PsOpts *, const char *, const UAccounts *),
                      PsOpts *o, const UAccounts *a) {
    char *copy = xstrdup(list);
    bool ok = true, any = false;
    for (char *s = copy; ok && *s;) {
        size_t len = strcspn(s, ", ");
        char save = s[len];
        s[len] = '\0';
        if (len > 0) {
            ok = add(o, s, a);
            any = true;
        }
        s += len + (save != '\0');
    }
    xfree(copy);
    return ok && any;
}

static bool add_pid(PsOpts *o, const char *s, const UAccounts *a) {
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || v <= 0 || v > 0x7fffffff)
        return false;
    o->pids = xrealloc(o->pids, (o->npids + 1) * sizeof *o->pids);
    o->pids[o->npids++] = (int)v;
    return true;
}

static bool add_uid(uint32_t **v, size_t *n, const char *s, const UAccounts *a) {
    uint32_t id;
    if (!u_account_id(a, true, s, &id))
        return false;
    *v = xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = id;
    return true;
}
static bool add_euid(PsOpts *o, const char *s, const UAccounts *a) {
    return add_uid(&o->euids, &o->neuids, s, a);
}
static bool add_ruid(PsOpts *o, const char *s, const UAccounts *a) {
    return add_uid(&o->ruids, &o->nruids, s, a);
}

/* A terminal as -t names it: "pts/1", "/dev/pts/1", "console", "?" */
static bool add_tty(PsOpts *o, const char *s, const UAccounts *a) {
    if (strncmp(s, "/dev/", 5) == 0)
        s += 5;
    unsigned nr;
    if (strcmp(s, "?") == 0 || strcmp(s, "-") == 0)
        nr = 0;
    else if (strcmp(s, "console") == 0)
        nr = (5 << 8) | 1;
    else if (strncmp(s, "pts/", 4) == 0 && s[4] >= '0' && s[4] <= '9')
        nr = (136u << 8) | (unsigned)atoi(s + 4);
    else
        return false;
    o->ttys = xrealloc(o->ttys, (o->nttys + 1) * sizeof *o->ttys);
    o->ttys[o->nttys++] = nr;
    return true;
}

static bool in_u32(const uint32_t *v, size_t n, uint32_t x) {
    for (size_t i = 0; i < n; i++)
        if (v[i] == x)
            return true;
    return false;
}

static bool selected(const PsOpts *o, const UProc *p, const UProc *me) {
    bool lists = o->npids || o->neuids || o->nruids || o->nttys;
    if (!o->sel && !lists) { /* ps alone: mine, on my terminal */
        if (o->bsd) /* BSD style alone: mine with a terminal */
            return p->euid == me->euid && p->tty_nr != 0;
        return p->euid == me->euid && p->tty_nr == me->tty_nr;
    }
    if (o->sel & SEL_ALL)
        return true;
    for (size_t i = 0; i < o->npids; i++)
        if (p->pid == o->pids[i])
            return true;
    if (in_u32(o->euids, o->neuids, p->euid) || in_u32(o->ruids, o->nruids, p->ruid) ||
        in_u32(o->ttys, o->nttys, p->tty_nr))
        return true;
    if ((o->sel & SEL_TTY_ALL) && p->tty_nr != 0 && p->pid != p->sid)
        return true;
    if ((o->sel & SEL_NOT_LEADERS) && p->pid != p->sid)
        return true;
    if ((o->sel & SEL_BSD_A) && (o->sel & SEL_BSD_X))
        return true;
    if ((o->sel & SEL_BSD_A) && p->tty_nr != 0)
        return true;
    if ((o->sel & SEL_BSD_X) && p->euid == me->euid)
        return true;
    return false;
}

/* One argument of BSD letters ("aux"). 0, or the usage error's status. */
static int parse_bsd(PsOpts *o, const char *s) {
    o->bsd = true;
    for (; *s; s++) {
        switch (*s) {
        case 'a': o->sel |= SEL_BSD_A; break;
        case 'x': o->sel |= SEL_BSD_X; break;
        case 'u': o->bsd_user = true; break;
        case 'w': break; /* wide output: lines are cut only at a terminal anyway */
        default: {
            char c[2] = {*s, 0};
            return ps_error("unsupported option (BSD syntax): %s", c);
        }
        }
    }
    return 0;
}

/* The Unix options of argv[*i] ("-ef", "-o pid,comm", "-p1"). */
static int parse_unix(PsOpts *o, int argc, char **argv, int *i, const UAccounts *a) {
    const char *s = argv[*i] + 1;
    if (!*s)
        return ps_error("unsupported SysV option%s", "");
    for (; *s; s++) {
        char c = *s;
        switch (c) {
        case 'e':
        case 'A': o->sel |= SEL_ALL; continue;
        case 'a': o->sel |= SEL_TTY_ALL; continue;
        case 'd': o->sel |= SEL_NOT_LEADERS; continue;
        case 'f': o->full = true; continue;
        case 'o':
        case 'p':
        case 'u':
        case 'U':
        case 't': break;
        default: {
            char b[2] = {c, 0};
            return ps_error("unsupported SysV option -- '%s'", b);
        }
        }
        /* an option with a list: the rest of this argument, or the next */
        const char *list = s[1] ? s + 1 : *i + 1 < argc ? argv[++*i] : NULL;
        if (!list)
            return ps_error("list of %s must follow the option", c == 'o' ? "format specifiers"
                                                                 : c == 'p' ? "process IDs"
                                                                 : c == 't' ? "terminals"
                                                                            : "users");
        char *bad = NULL;
        bool ok = c == 'o'   ? ps_fields_parse(list, &o->fields, &o->nfields, &bad)
                  : c == 'p' ? each_item(list, add_pid, o, a)
                  : c == 'u' ? each_item(list, add_euid, o, a)
                  : c == 'U' ? each_item(list, add_ruid, o, a)
                             : each_item(list, add_tty, o, a);
        if (!ok) {
            int r = c == 'o'   ? ps_error("unknown user-defined format specifier \"%s\"", bad ? bad : list)
                    : c == 'p' ? ps_error("process ID list syntax error%s", "")
                    : c == 't' ? ps_error("TTY could not be found: %s", list)
                               : ps_error("user name does not exist: %s", list);
            xfree(bad);
            return r;
        }
        return 0;
    }
    return 0;
}

static void add_fields(PsOpts *o, const char *list) {
    char *bad = NULL;
    ps_fields_parse(list, &o->fields, &o->nfields, &bad);
}

/* The default formats (ps(1) STANDARD FORMAT SPECIFIERS and procps). */
static void default_format(PsOpts *o) {
    if (o->nfields)
        return;
    if (o->bsd_user)
        add_fields(o, "user,pid,%cpu,%mem,vsz,rss,tname,stat,bsdstart,bsdtime,args");
    else if (o->full)
        add_fields(o, "fuser,pid,ppid,c,stime,tname,time,cmd");
    else if (o->bsd)
        add_fields(o, "pid,tname,stat,bsdtime,args");
    else
        add_fields(o, "pid,tname,time,ucmd");
}

static void opts_free(PsOpts *o) {
    for (size_t i = 0; i < o->nfields; i++)
        xfree(o->fields[i].head);
    xfree(o->fields);
    xfree(o->pids);
    xfree(o->euids);
    xfree(o->ruids);
    xfree(o->ttys);
}

/* The caller itself, as /proc/self says (its euid and terminal). */
static UProc me_of(const UProc *v, size_t n) {
    UProc me = {0};
    int pid = (int)sys_getpid().value;
    for (size_t i = 0; i < n; i++)
        if (v[i].pid == pid)
            me = v[i];
    return me;
}

int ps_main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0) {
            u_help(argv[0]);
            return 0;
        }
        if (strcmp(argv[i], "--version") == 0) {
            u_version(argv[0]);
            return 0;
        }
    }
    PsCtx c = {0};
    u_accounts_load(&c.accounts);
    PsOpts o = {0};
    int r = 0;
    for (int i = 1; i < argc && r == 0; i++)
        r = argv[i][0] == '-' ? parse_unix(&o, argc, argv, &i, &c.accounts) : parse_bsd(&o, argv[i]);
    UProc *v = NULL;
    size_t n = 0;
    if (r == 0 && (u_procs_read(&v, &n) != AX_OK || u_sysinfo_read(&c.si) != AX_OK)) {
        u_eprintf("ps: cannot read /proc\n");
        r = 1;
    }
    if (r == 0) {
        default_format(&o);
        c.now = (int64_t)(sys_clock_gettime(AX_CLOCK_REALTIME).value / 1000000000);
        c.pid_width = u_pid_width();
        UProc me = me_of(v, n);
        size_t kept = 0;
        for (size_t i = 0; i < n; i++) {
            if (selected(&o, &v[i], &me)) {
                UProc t = v[kept];
                v[kept++] = v[i];
                v[i] = t;
            }
        }
        int width = 0;
        WinSize ws;
        if (u_isatty(1) && sys_tcgetwinsize(1, &ws).error == AX_OK && ws.cols > 0)
            width = ws.cols;
        ps_print(&c, o.fields, o.nfields, v, kept, width);
        /* procps: 1 when nothing was selected */
        r = kept == 0;
    }
    u_procs_free(v, n);
    opts_free(&o);
    u_accounts_free(&c.accounts);
    return r;
}
