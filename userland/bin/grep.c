/* grep [-EFivncqlhHs] [-e PATTERN]... [PATTERN] [FILE...]: print lines that
 * match, through the host's POSIX regex.h. Exit status as GNU grep: 0 when
 * a line was selected, 1 when none was, 2 on error (unless -q matched).
 *
 * The compiled regexes live in host memory (regcomp mallocs). To free them
 * on the common early end, `grep ... | head`, grep ignores SIGPIPE and
 * stops at the first failed write; a grep killed by another signal while
 * blocked still leaves them behind. */
#include <regex.h>
#include <string.h>

#include "ulib.h"

typedef struct GrepOpts {
    bool invert, number, count, quiet, list, fixed, icase, no_messages;
    int with_name; /* -1: when there are several files */
    int cflags;
    char **patterns;
    size_t npatterns;
    regex_t *re;
} GrepOpts;

static bool fixed_match(const char *line, const char *pat, bool icase)
{
    if (!icase)
        return strstr(line, pat) != NULL;
    size_t pl = strlen(pat);
    for (const char *p = line; *p; p++)
        if (strncasecmp(p, pat, pl) == 0)
            return true;
    return pl == 0;
}

static bool matches(const GrepOpts *o, const char *line)
{
    for (size_t i = 0; i < o->npatterns; i++) {
        bool m = o->fixed ? fixed_match(line, o->patterns[i], o->icase)
                          : regexec(&o->re[i], line, 0, NULL, 0) == 0;
        if (m)
            return true;
    }
    return false;
}

/* Scan one input; returns the number of selected lines, or -1 on a read
 * error. With -q the first selected line ends the scan. */
static int64_t grep_stream(UStream *in, const char *name, const GrepOpts *o)
{
    UStream *out = u_stdout();
    char *line = NULL;
    size_t cap = 0;
    int64_t len, selected = 0;
    uint64_t lineno = 0;
    while ((len = u_getline(&line, &cap, in)) >= 0) {
        lineno++;
        bool nl = len > 0 && line[len - 1] == '\n';
        if (nl)
            line[len - 1] = '\0';
        if (matches(o, line) == o->invert)
            continue;
        selected++;
        if (o->quiet || o->list)
            break;
        if (o->count)
            continue;
        if (o->with_name)
            u_fprintf(out, "%s:", name);
        if (o->number)
            u_fprintf(out, "%llu:", (unsigned long long)lineno);
        u_fwrite(line, (size_t)len - nl, out);
        u_putc('\n', out);
        if (u_ferror(out))
            break;
    }
    xfree(line);
    if (u_ferror(in))
        return -1;
    if (o->count) {
        if (o->with_name)
            u_fprintf(out, "%s:", name);
        u_fprintf(out, "%lld\n", (long long)selected);
    }
    if (o->list && selected)
        u_fprintf(out, "%s\n", name);
    return selected;
}

static void add_pattern(GrepOpts *o, char *p)
{
    /* A pattern with newlines is several patterns. */
    for (;;) {
        char *nl = strchr(p, '\n');
        o->patterns = xrealloc(o->patterns, (o->npatterns + 1) * sizeof(char *));
        o->patterns[o->npatterns++] = nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
        if (!nl)
            break;
        p = nl + 1;
    }
}

static int compile(GrepOpts *o)
{
    if (o->fixed)
        return 0;
    o->re = xcalloc(o->npatterns, sizeof(regex_t));
    for (size_t i = 0; i < o->npatterns; i++) {
        int rc = regcomp(&o->re[i], o->patterns[i], o->cflags);
        if (rc != 0) {
            char msg[256];
            regerror(rc, &o->re[i], msg, sizeof msg);
            u_eprintf("grep: %s\n", msg);
            for (size_t j = 0; j < i; j++)
                regfree(&o->re[j]);
            o->npatterns = i; /* nothing left to free */
            return -1;
        }
    }
    return 0;
}

static int parse_opts(int argc, char **argv, GrepOpts *o)
{
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt(&g, argc, argv, "EFGivncqlhHse:")) != -1) {
        switch (c) {
        case 'E': o->cflags |= REG_EXTENDED; o->fixed = false; break;
        case 'F': o->fixed = true; break;
        case 'G': o->cflags &= ~REG_EXTENDED; o->fixed = false; break;
        case 'i': o->cflags |= REG_ICASE; o->icase = true; break;
        case 'v': o->invert = true; break;
        case 'n': o->number = true; break;
        case 'c': o->count = true; break;
        case 'q': o->quiet = true; break;
        case 'l': o->list = true; break;
        case 'h': o->with_name = 0; break;
        case 'H': o->with_name = 1; break;
        case 's': o->no_messages = true; break;
        case 'e': add_pattern(o, g.arg); break;
        default: return -1;
        }
    }
    if (o->npatterns == 0) {
        if (g.ind >= argc) {
            u_eprintf("Usage: grep [OPTION]... PATTERNS [FILE]...\n"
                      "Try 'grep --help' for more information.\n");
            return -1;
        }
        add_pattern(o, argv[g.ind++]);
    }
    return g.ind;
}

int grep_main(int argc, char **argv)
{
    GrepOpts o;
    memset(&o, 0, sizeof o);
    o.with_name = -1;
    o.cflags = REG_NOSUB;
    int first = parse_opts(argc, argv, &o);
    if (first < 0 || compile(&o) < 0)
        return 2;
    sys_signal(AX_SIGPIPE, AX_SIG_IGN);
    size_t n;
    char *const *files = u_operands(argc, argv, first, &n);
    if (o.with_name < 0)
        o.with_name = n > 1;
    bool any = false, error = false;
    for (size_t i = 0; i < n && !(any && o.quiet); i++) {
        SyscallError err;
        bool is_stdin = strcmp(files[i], "-") == 0;
        FileStat st;
        UStream *in = NULL;
        if (!is_stdin && sys_stat(files[i], &st).error == AX_OK && AX_S_ISDIR(st.mode))
            err = AX_EISDIR;
        else
            in = u_input_open(files[i], &err);
        const char *name = is_stdin ? "(standard input)" : files[i];
        if (in == NULL) {
            if (!o.no_messages)
                u_perror("grep", files[i], err);
            error = true;
            continue;
        }
        int64_t sel = grep_stream(in, name, &o);
        if (sel < 0) {
            if (!o.no_messages)
                u_eprintf("grep: %s: read error\n", files[i]);
            error = true;
        }
        any |= sel > 0;
        u_input_close(in);
        if (u_ferror(u_stdout())) {
            error = true;
            break;
        }
    }
    if (!o.fixed)
        for (size_t i = 0; i < o.npatterns; i++)
            regfree(&o.re[i]);
    if (any && o.quiet)
        return 0;
    return error ? 2 : any ? 0 : 1;
}
