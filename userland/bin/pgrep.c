/* pgrep and pkill: find processes by name and other attributes, reading
 * /proc as procps's do, and list them or signal them.
 *
 * The pattern is a POSIX extended regex (the host's regex.h, as grep's)
 * matched against the process name, or the whole command line with -f;
 * -x wants the whole of it, -i ignores case, -v inverts. -u/-U/-G/-P/-g/
 * -s/-t narrow by effective or real user, real group, parent, process
 * group, session, terminal; -n and -o keep the newest or oldest. The
 * caller itself is never picked. pgrep prints pids (-d DELIM between
 * them, -l with the name, -a with the command line, -c only the count);
 * pkill sends SIGTERM or -SIGNAL / --signal SIGNAL (-e says what it
 * killed). Exit status as procps: 0 something matched, 1 nothing, 2 a
 * usage error, 3 a fatal error. */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

enum { OPT_SIGNAL = 256 };

/* A comma-separated list of numbers (ids or names for users and groups). */
typedef struct IdList {
    uint32_t *v;
    size_t n;
} IdList;

typedef struct PgOpts {
    bool kill, full, exact, icase, invert, newest, oldest, count, list_name, list_full, echo;
    const char *delim;
    int sig;
    IdList euid, ruid, rgid, ppid, pgrp, sid, tty;
    const char *pattern;
} PgOpts;

/* Add list's items to l; false (after a message) for a bad one. */
static bool parse_list(const char *prog, IdList *l, const char *list, int kind,
                       const UAccounts *a) {
    char *copy = xstrdup(list);
    bool ok = true, any = false;
    for (char *s = copy; ok && *s;) {
        size_t len = strcspn(s, ",");
        char save = s[len];
        s[len] = '\0';
        if (len > 0) {
            uint32_t id = 0;
            char *end;
            any = true;
            if (kind == 'u' || kind == 'g') {
                ok = u_account_id(a, kind == 'u', s, &id);
                if (!ok)
                    u_eprintf("%s: invalid %s name: %s\n", prog, kind == 'u' ? "user" : "group", s);
            } else if (kind == 't') {
                const char *t = strncmp(s, "/dev/", 5) == 0 ? s + 5 : s;
                if (strncmp(t, "pts/", 4) == 0 && t[4])
                    id = (136u << 8) | (uint32_t)strtoul(t + 4, NULL, 10);
                else if (strcmp(t, "console") == 0)
                    id = (5u << 8) | 1;
                else
                    id = 0; /* "?" or an unknown terminal: no terminal */
            } else {
                long v = strtol(s, &end, 10);
                ok = *end == '\0' && v >= 0 && v <= 0x7fffffff;
                if (!ok)
                    u_eprintf("%s: invalid argument '%s'\n", prog, s);
                id = (uint32_t)v;
            }
            l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
            l->v[l->n++] = id;
        }
        s += len + (save != '\0');
    }
    xfree(copy);
    if (ok && !any)
        u_eprintf("%s: empty list\n", prog);
    return ok && any;
}

/* Does the list allow x (an empty list allows everything)? */
static bool allows(const IdList *l, uint32_t x) {
    if (l->n == 0)
        return true;
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i] == x)
            return true;
    return false;
}

static bool matches(const PgOpts *o, const regex_t *re, const UProc *p) {
    if (!allows(&o->euid, p->euid) || !allows(&o->ruid, p->ruid) || !allows(&o->rgid, p->rgid) ||
        !allows(&o->ppid, (uint32_t)p->ppid) || !allows(&o->pgrp, (uint32_t)p->pgid) ||
        !allows(&o->sid, (uint32_t)p->sid) || !allows(&o->tty, p->tty_nr))
        return false;
    if (!re)
        return true;
    const char *text = o->full && p->cmdline[0] ? p->cmdline : p->comm;
    regmatch_t m;
    bool hit = regexec(re, text, 1, &m, 0) == 0;
    if (hit && o->exact)
        hit = m.rm_so == 0 && (size_t)m.rm_eo == strlen(text);
    return hit != o->invert;
}

static void lists_free(PgOpts *o) {
    IdList *all[] = {&o->euid, &o->ruid, &o->rgid, &o->ppid, &o->pgrp, &o->sid, &o->tty};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        xfree(all[i]->v);
}

/* pkill's "-SIGNAL" before the other options: its number, or 0 when
 * argv[1] is no signal; -1 (after a message) for a bad one. */
static int leading_signal(const char *arg) {
    if (arg[0] != '-' || arg[1] == '\0' || arg[1] == '-')
        return 0;
    int sig = u_parse_signal(arg + 1);
    if (sig >= 0)
        return sig == 0 ? -2 : sig; /* -2: signal 0 */
    /* a cluster of options (-fx) is no signal; a number or a name is */
    if ((arg[1] >= '0' && arg[1] <= '9') || (arg[1] >= 'A' && arg[1] <= 'Z'))
        return -1;
    return 0;
}

static int parse(const char *prog, PgOpts *o, int argc, char **argv, const UAccounts *a) {
    static const ULongOpt longopts[] = {
        {"delimiter", U_REQ_ARG, 'd'}, {"list-name", U_NO_ARG, 'l'}, {"list-full", U_NO_ARG, 'a'},
        {"inverse", U_NO_ARG, 'v'},    {"count", U_NO_ARG, 'c'},     {"full", U_NO_ARG, 'f'},
        {"pgroup", U_REQ_ARG, 'g'},    {"group", U_REQ_ARG, 'G'},    {"ignore-case", U_NO_ARG, 'i'},
        {"newest", U_NO_ARG, 'n'},     {"oldest", U_NO_ARG, 'o'},    {"parent", U_REQ_ARG, 'P'},
        {"session", U_REQ_ARG, 's'},   {"terminal", U_REQ_ARG, 't'}, {"euid", U_REQ_ARG, 'u'},
        {"uid", U_REQ_ARG, 'U'},       {"exact", U_NO_ARG, 'x'},     {"echo", U_NO_ARG, 'e'},
        {"signal", U_REQ_ARG, OPT_SIGNAL}, {NULL, 0, 0}};
    UGetopt g = U_GETOPT_INIT;
    int c;
    const char *opts = o->kill ? "efg:G:inoP:s:t:u:U:vx" : "acd:fg:G:ilnoP:s:t:u:U:vx";
    bool criteria = false;
    while ((c = u_getopt_long(&g, argc, argv, opts, longopts)) != -1) {
        bool ok = true;
        switch (c) {
        case 'a': o->list_full = true; break;
        case 'c': o->count = true; break;
        case 'd': o->delim = g.arg; break;
        case 'e': o->echo = true; break;
        case 'f': o->full = true; break;
        case 'i': o->icase = true; break;
        case 'l': o->list_name = true; break;
        case 'n': o->newest = true; criteria = true; break;
        case 'o': o->oldest = true; criteria = true; break;
        case 'v': o->invert = true; break;
        case 'x': o->exact = true; break;
        case 'g': ok = parse_list(prog, &o->pgrp, g.arg, 'n', a); criteria = true; break;
        case 'G': ok = parse_list(prog, &o->rgid, g.arg, 'g', a); criteria = true; break;
        case 'P': ok = parse_list(prog, &o->ppid, g.arg, 'n', a); criteria = true; break;
        case 's': ok = parse_list(prog, &o->sid, g.arg, 'n', a); criteria = true; break;
        case 't': ok = parse_list(prog, &o->tty, g.arg, 't', a); criteria = true; break;
        case 'u': ok = parse_list(prog, &o->euid, g.arg, 'u', a); criteria = true; break;
        case 'U': ok = parse_list(prog, &o->ruid, g.arg, 'u', a); criteria = true; break;
        case OPT_SIGNAL:
            if (!o->kill || (o->sig = u_parse_signal(g.arg)) < 0) {
                u_eprintf("%s: unknown signal name %s\n", prog, g.arg);
                return 2;
            }
            break;
        default: return 2;
        }
        if (!ok)
            return 2;
    }
    if (o->newest && o->oldest) {
        u_eprintf("%s: -n and -o are mutually exclusive\n", prog);
        return 2;
    }
    if (g.ind < argc)
        o->pattern = argv[g.ind++];
    if (g.ind < argc) {
        u_eprintf("%s: only one pattern can be provided\n", prog);
        u_eprintf("Try `%s --help' for more information.\n", prog);
        return 2;
    }
    if (!o->pattern && !criteria) {
        u_eprintf("%s: no matching criteria specified\n", prog);
        u_eprintf("Try `%s --help' for more information.\n", prog);
        return 2;
    }
    return 0;
}

static int run(const char *prog, PgOpts *o, int argc, char **argv) {
    UAccounts a;
    u_accounts_load(&a);
    int r = parse(prog, o, argc, argv, &a);
    u_accounts_free(&a);
    if (r)
        return r;
    regex_t re;
    if (o->pattern) {
        int e = regcomp(&re, o->pattern, REG_EXTENDED | (o->icase ? REG_ICASE : 0));
        if (e) {
            char msg[128];
            regerror(e, &re, msg, sizeof msg);
            u_eprintf("%s: regex error: %s\n", prog, msg);
            return 2;
        }
    }
    UProc *v;
    size_t n;
    if (u_procs_read(&v, &n) != AX_OK) {
        u_eprintf("%s: cannot read /proc\n", prog);
        if (o->pattern)
            regfree(&re);
        return 3;
    }
    int self = (int)sys_getpid().value;
    size_t found = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].pid == self || !matches(o, o->pattern ? &re : NULL, &v[i]))
            continue;
        /* -n / -o: the latest or earliest start (ties: the higher or lower pid) */
        if (found && (o->newest || o->oldest)) {
            bool later = v[i].start >= v[0].start;
            if (later != o->newest)
                continue;
            found = 0;
        }
        UProc t = v[found];
        v[found++] = v[i];
        v[i] = t;
    }
    if (o->pattern)
        regfree(&re);
    UStream *out = u_stdout();
    int status = found ? 0 : 1;
    if (o->count) {
        u_fprintf(out, "%zu\n", found);
    } else if (o->kill) {
        for (size_t i = 0; i < found; i++) {
            SyscallResult k = sys_kill(v[i].pid, o->sig);
            if (k.error != AX_OK) {
                u_eprintf("%s: killing pid %d failed: %s\n", prog, v[i].pid, sys_strerror(k.error));
                continue;
            }
            if (o->echo)
                u_fprintf(out, "%s killed (pid %d)\n", v[i].comm, v[i].pid);
        }
    } else {
        for (size_t i = 0; i < found; i++) {
            u_fprintf(out, "%d", v[i].pid);
            if (o->list_full && v[i].cmdline[0])
                u_fprintf(out, " %s", v[i].cmdline);
            else if (o->list_name || o->list_full)
                u_fprintf(out, " %s", v[i].comm);
            u_fputs(i + 1 < found ? (o->delim ? o->delim : "\n") : "\n", out);
        }
    }
    u_procs_free(v, n);
    lists_free(o);
    return status;
}

int pgrep_main(int argc, char **argv) {
    PgOpts o = {.sig = AX_SIGTERM};
    return run("pgrep", &o, argc, argv);
}

int pkill_main(int argc, char **argv) {
    PgOpts o = {.kill = true, .sig = AX_SIGTERM};
    if (argc > 1) {
        int sig = leading_signal(argv[1]);
        if (sig == -1) {
            u_eprintf("pkill: unknown signal name %s\n", argv[1] + 1);
            return 2;
        }
        if (sig != 0) { /* the signal is taken out of argv */
            o.sig = sig == -2 ? 0 : sig;
            argv[1] = argv[0];
            argv++;
            argc--;
        }
    }
    return run("pkill", &o, argc, argv);
}
