/* grep [OPTION]... PATTERNS [FILE]...: print lines that match, as GNU grep
 * does: basic (-G), extended (-E) or fixed (-F) patterns through the
 * host's POSIX regex.h; -i -v -w -x; -c -l -L -q -o -n -b -h -H -m; context
 * (-A -B -C); -r over directory trees with --include / --exclude; --color.
 * egrep and fgrep are grep -E and grep -F. Exit status as GNU grep: 0 when
 * a line was selected, 1 when none was, 2 on error (unless -q matched).
 *
 * The compiled regexes live in host memory (regcomp mallocs). To free them
 * on the common early end, `grep ... | head`, grep ignores SIGPIPE and
 * stops at the first failed write; a grep killed by another signal while
 * blocked still leaves them behind. */
#include <fnmatch.h>
#include <regex.h>
#include <string.h>
#include <strings.h>

#include "ulib.h"

#define C_MATCH "\033[01;31m\033[K"
#define C_FILE "\033[35m\033[K"
#define C_LINE "\033[32m\033[K"
#define C_SEP "\033[36m\033[K"
#define C_END "\033[m\033[K"

typedef struct GrepOpts {
    bool invert, number, count, quiet, list, list_unmatched, fixed, icase, no_messages;
    bool words, whole_line, only, byte_offset, recursive, color, null_data, null_name;
    int with_name; /* -1: when there are several files (or -r) */
    int cflags;
    uint64_t max_count; /* -m; UINT64_MAX: no limit */
    uint64_t after, before;
    char **patterns;
    size_t npatterns;
    regex_t *re;
    char **include, **exclude, **exclude_dir;
    size_t ninclude, nexclude, nexclude_dir;
    const char *label; /* the name of stdin */
    bool write_failed;
    bool any_output;   /* for the "--" between context groups */
} GrepOpts;

/* ---- matching ---- */

static bool word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static const char *find_fixed(const char *hay, size_t hl, const char *pat, size_t pl, bool icase)
{
    if (pl == 0)
        return hay;
    for (size_t i = 0; i + pl <= hl; i++)
        if (icase ? strncasecmp(hay + i, pat, pl) == 0 : memcmp(hay + i, pat, pl) == 0)
            return hay + i;
    return NULL;
}

/* The first match of pattern i in line[from..len) (whole line text for
 * anchors); false when there is none. */
static bool match_one(const GrepOpts *o, size_t i, const char *line, size_t len, size_t from,
                      size_t *so, size_t *eo)
{
    if (o->fixed) {
        size_t pl = strlen(o->patterns[i]);
        const char *m = find_fixed(line + from, len - from, o->patterns[i], pl, o->icase);
        if (!m)
            return false;
        *so = (size_t)(m - line);
        *eo = *so + pl;
        return true;
    }
    regmatch_t rm[1];
    rm[0].rm_so = (regoff_t)from;
    rm[0].rm_eo = (regoff_t)len;
    int flags = REG_STARTEND | (from > 0 ? REG_NOTBOL : 0);
    if (regexec(&o->re[i], line, 1, rm, flags) != 0)
        return false;
    *so = (size_t)rm[0].rm_so;
    *eo = (size_t)rm[0].rm_eo;
    return true;
}

/* Does [so, eo) satisfy -w / -x? */
static bool acceptable(const GrepOpts *o, const char *line, size_t len, size_t so, size_t eo)
{
    if (o->whole_line)
        return so == 0 && eo == len;
    if (o->words)
        return (so == 0 || !word_char(line[so - 1])) && (eo == len || !word_char(line[eo])) &&
               eo > so;
    return true;
}

/* The leftmost acceptable match at or after from, over every pattern. */
static bool find_match(const GrepOpts *o, const char *line, size_t len, size_t from, size_t *so,
                       size_t *eo)
{
    bool found = false;
    for (size_t i = 0; i < o->npatterns; i++) {
        size_t start = from, s, e;
        while (start <= len && match_one(o, i, line, len, start, &s, &e)) {
            if (acceptable(o, line, len, s, e)) {
                if (!found || s < *so || (s == *so && e > *eo)) {
                    *so = s;
                    *eo = e;
                }
                found = true;
                break;
            }
            /* -w: a word may still start further on */
            start = s + 1;
            if (o->whole_line)
                break;
        }
    }
    return found;
}

static bool line_matches(const GrepOpts *o, const char *line, size_t len)
{
    size_t so, eo;
    return find_match(o, line, len, 0, &so, &eo);
}

/* ---- output ---- */

static void put_prefix(UStream *out, const GrepOpts *o, const char *name, uint64_t lineno,
                       uint64_t offset, char sep)
{
    if (o->with_name && o->null_name)
        u_fprintf(out, o->color ? C_FILE "%s" C_END "%c" : "%s%c", name, '\0');
    else if (o->with_name)
        u_fprintf(out, o->color ? C_FILE "%s" C_END C_SEP "%c" C_END : "%s%c", name, sep);
    if (o->number)
        u_fprintf(out, o->color ? C_LINE "%llu" C_END C_SEP "%c" C_END : "%llu%c",
                  (unsigned long long)lineno, sep);
    if (o->byte_offset)
        u_fprintf(out, o->color ? C_LINE "%llu" C_END C_SEP "%c" C_END : "%llu%c",
                  (unsigned long long)offset, sep);
}

static void put_line(GrepOpts *o, const char *name, const char *line, size_t len,
                     uint64_t lineno, uint64_t offset, bool selected)
{
    UStream *out = u_stdout();
    char eol = o->null_data ? '\0' : '\n';
    if (o->only) {
        if (!selected || o->invert)
            return;
        size_t from = 0, so, eo;
        while (from <= len && find_match(o, line, len, from, &so, &eo)) {
            if (eo > so) {
                put_prefix(out, o, name, lineno, offset + so, ':');
                if (o->color)
                    u_fputs(C_MATCH, out);
                u_fwrite(line + so, eo - so, out);
                if (o->color)
                    u_fputs(C_END, out);
                u_putc(eol, out);
            }
            from = eo > so ? eo : so + 1;
        }
    } else {
        put_prefix(out, o, name, lineno, offset, selected ? ':' : '-');
        if (o->color && selected && !o->invert) {
            size_t from = 0, so, eo;
            while (from <= len && find_match(o, line, len, from, &so, &eo) && eo > so) {
                u_fwrite(line + from, so - from, out);
                u_fputs(C_MATCH, out);
                u_fwrite(line + so, eo - so, out);
                u_fputs(C_END, out);
                from = eo;
            }
            u_fwrite(line + from, len - from, out);
        } else {
            u_fwrite(line, len, out);
        }
        u_putc(eol, out);
    }
    if (u_ferror(out))
        o->write_failed = true;
}

/* ---- one input ---- */

typedef struct Held {
    char *text;
    size_t len;
    uint64_t lineno, offset;
} Held;

/* Scan one input; returns the number of selected lines, or -1 on a read
 * error. With -q the first selected line ends the scan. */
static int64_t grep_stream(UStream *in, const char *name, GrepOpts *o)
{
    UStream *out = u_stdout();
    char *line = NULL;
    size_t cap = 0;
    int64_t len;
    uint64_t selected = 0, lineno = 0, offset = 0, last_printed = 0, after_left = 0;
    bool binary = false, printing = !(o->count || o->list || o->list_unmatched || o->quiet);
    Held *ring = o->before ? xcalloc((size_t)o->before, sizeof *ring) : NULL;
    size_t ring_n = 0, ring_at = 0;
    char eol = o->null_data ? '\0' : '\n';
    for (;;) {
        if (eol == '\n') {
            len = u_getline(&line, &cap, in);
        } else {
            int c;
            len = 0;
            while ((c = u_getc(in)) != -1) {
                if ((size_t)len + 2 > cap)
                    line = xrealloc(line, cap = cap ? cap * 2 : 128);
                line[len++] = (char)c;
                if (c == '\0')
                    break;
            }
            if (len == 0)
                len = -1;
        }
        if (len < 0)
            break;
        lineno++;
        uint64_t this_off = offset;
        offset += (uint64_t)len;
        if (len > 0 && line[len - 1] == eol)
            line[--len] = '\0';
        if (!o->null_data && memchr(line, '\0', (size_t)len))
            binary = true;
        bool sel = line_matches(o, line, (size_t)len) != o->invert;
        if (sel && selected >= o->max_count)
            break;
        if (sel) {
            selected++;
            if (o->quiet || o->list || o->list_unmatched)
                break;
            if (!printing)
                continue;
            if (binary && !o->null_data)
                continue;
            /* the lines before it, and a "--" when there was a gap */
            uint64_t first = lineno - ring_n;
            if ((o->before || o->after) && o->any_output &&
                (last_printed == 0 || first > last_printed + 1))
                u_fputs(o->color ? C_SEP "--" C_END "\n" : "--\n", out);
            for (size_t i = 0; i < ring_n; i++) {
                Held *h = &ring[(ring_at + o->before - ring_n + i) % o->before];
                put_line(o, name, h->text, h->len, h->lineno, h->offset, false);
            }
            ring_n = 0;
            put_line(o, name, line, (size_t)len, lineno, this_off, true);
            o->any_output = true;
            last_printed = lineno;
            after_left = o->after;
            if (o->write_failed)
                break;
            continue;
        }
        if (!printing || binary)
            continue;
        if (after_left > 0) {
            after_left--;
            put_line(o, name, line, (size_t)len, lineno, this_off, false);
            last_printed = lineno;
        } else if (o->before) {
            Held *h = &ring[ring_at];
            xfree(h->text);
            *h = (Held){xstrndup(line, (size_t)len), (size_t)len, lineno, this_off};
            ring_at = (ring_at + 1) % o->before;
            if (ring_n < o->before)
                ring_n++;
        }
    }
    for (size_t i = 0; ring && i < o->before; i++)
        xfree(ring[i].text);
    xfree(ring);
    xfree(line);
    if (binary && selected && printing && !o->invert)
        u_eprintf("grep: %s: binary file matches\n", name);
    if (u_ferror(in))
        return -1;
    if (o->count) {
        if (o->with_name)
            u_fprintf(out, o->color ? C_FILE "%s" C_END C_SEP ":" C_END : "%s:", name);
        u_fprintf(out, "%llu\n", (unsigned long long)selected);
    }
    if ((o->list && selected) || (o->list_unmatched && !selected))
        u_fprintf(out, o->color ? C_FILE "%s" C_END "%c" : "%s%c", name,
                  o->null_data || o->null_name ? '\0' : '\n');
    return (int64_t)selected;
}

/* ---- files and trees ---- */

static bool name_listed(char **globs, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (fnmatch(globs[i], name, 0) == 0)
            return true;
    return false;
}

/* 0: something selected, 1: nothing, 2: error; ORed into the result. */
static int grep_path(GrepOpts *o, const char *path, bool top, bool *matched)
{
    bool is_stdin = strcmp(path, "-") == 0;
    if (!is_stdin && o->recursive) {
        FileStat st;
        if (sys_stat(path, &st).error == AX_OK && AX_S_ISDIR(st.mode)) {
            char *base = u_path_base(path);
            bool skip = !top && name_listed(o->exclude_dir, o->nexclude_dir, base);
            xfree(base);
            if (skip)
                return 0;
            UDirEnt *ents;
            int64_t n = u_dir_read(path, &ents);
            if (n < 0) {
                if (!o->no_messages)
                    u_perror("grep", path, (SyscallError)-n);
                return 2;
            }
            int status = 0;
            for (int64_t i = 0; i < n && !(o->quiet && *matched); i++) {
                char *child = u_path_join(path, ents[i].name);
                status |= grep_path(o, child, false, matched);
                xfree(child);
            }
            u_dir_free(ents, (size_t)n);
            return status;
        }
        char *base = u_path_base(path);
        bool skip = (o->ninclude && !name_listed(o->include, o->ninclude, base)) ||
                    name_listed(o->exclude, o->nexclude, base);
        xfree(base);
        if (skip && !top)
            return 0;
    }
    SyscallError err;
    UStream *in = u_input_open(path, &err);
    if (in == NULL) {
        if (!o->no_messages)
            u_perror("grep", path, err);
        return 2;
    }
    FileStat st;
    if (!is_stdin && sys_fstat(u_fileno(in), &st).error == AX_OK && AX_S_ISDIR(st.mode)) {
        u_input_close(in);
        if (!o->no_messages)
            u_eprintf("grep: %s: Is a directory\n", path);
        return 2;
    }
    const char *shown = is_stdin ? (o->label ? o->label : "(standard input)") : path;
    int64_t n = grep_stream(in, shown, o);
    u_input_close(in);
    if (n < 0) {
        if (!o->no_messages)
            u_eprintf("grep: %s: read error\n", path);
        return 2;
    }
    if (n > 0)
        *matched = true;
    return 0;
}

/* ---- options ---- */

static void add_pattern(GrepOpts *o, const char *p, size_t n)
{
    o->patterns = xrealloc(o->patterns, (o->npatterns + 1) * sizeof(char *));
    o->patterns[o->npatterns++] = xstrndup(p, n);
}

/* A PATTERNS argument: one pattern per line. */
static void add_patterns(GrepOpts *o, const char *text)
{
    for (;;) {
        const char *nl = strchr(text, '\n');
        add_pattern(o, text, nl ? (size_t)(nl - text) : strlen(text));
        if (!nl)
            return;
        text = nl + 1;
    }
}

static bool add_pattern_file(GrepOpts *o, const char *path)
{
    int fd = u_open_operand(path);
    if (fd < 0) {
        u_perror("grep", path, (SyscallError)-fd);
        return false;
    }
    char *all;
    size_t len;
    SyscallError err = u_read_all(fd, &all, &len);
    if (fd != 0)
        sys_close(fd);
    if (err != AX_OK) {
        u_perror("grep", path, err);
        return false;
    }
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(all + i, '\n', len - i);
        size_t l = nl ? (size_t)(nl - (all + i)) : len - i;
        add_pattern(o, all + i, l);
        i += l + 1;
    }
    xfree(all);
    return true;
}

static void add_glob(char ***v, size_t *n, const char *g)
{
    *v = xrealloc(*v, (*n + 1) * sizeof(char *));
    (*v)[(*n)++] = (char *)g;
}

static bool parse_context(const char *arg, uint64_t *out)
{
    int64_t v;
    if (!u_parse_i64(arg, &v) || v < 0) {
        u_eprintf("grep: %s: invalid context length argument\n", arg);
        return false;
    }
    *out = (uint64_t)v;
    return true;
}

enum {
    OPT_COLOR = 256, OPT_INCLUDE, OPT_EXCLUDE, OPT_EXCLUDE_DIR, OPT_LABEL, OPT_LINE_BUFFERED,
    OPT_NO_ICASE,
};

static const ULongOpt grep_longopts[] = {
    {"extended-regexp", U_NO_ARG, 'E'}, {"fixed-strings", U_NO_ARG, 'F'},
    {"basic-regexp", U_NO_ARG, 'G'},    {"regexp", U_REQ_ARG, 'e'},
    {"file", U_REQ_ARG, 'f'},           {"ignore-case", U_NO_ARG, 'i'},
    {"no-ignore-case", U_NO_ARG, OPT_NO_ICASE}, {"word-regexp", U_NO_ARG, 'w'},
    {"line-regexp", U_NO_ARG, 'x'},     {"invert-match", U_NO_ARG, 'v'},
    {"count", U_NO_ARG, 'c'},           {"files-with-matches", U_NO_ARG, 'l'},
    {"files-without-match", U_NO_ARG, 'L'}, {"max-count", U_REQ_ARG, 'm'},
    {"only-matching", U_NO_ARG, 'o'},   {"quiet", U_NO_ARG, 'q'},
    {"silent", U_NO_ARG, 'q'},          {"no-messages", U_NO_ARG, 's'},
    {"byte-offset", U_NO_ARG, 'b'},     {"line-number", U_NO_ARG, 'n'},
    {"with-filename", U_NO_ARG, 'H'},   {"no-filename", U_NO_ARG, 'h'},
    {"label", U_REQ_ARG, OPT_LABEL},    {"recursive", U_NO_ARG, 'r'},
    {"dereference-recursive", U_NO_ARG, 'R'}, {"include", U_REQ_ARG, OPT_INCLUDE},
    {"exclude", U_REQ_ARG, OPT_EXCLUDE}, {"exclude-dir", U_REQ_ARG, OPT_EXCLUDE_DIR},
    {"after-context", U_REQ_ARG, 'A'},  {"before-context", U_REQ_ARG, 'B'},
    {"context", U_REQ_ARG, 'C'},        {"color", U_OPT_ARG, OPT_COLOR},
    {"colour", U_OPT_ARG, OPT_COLOR},   {"null-data", U_NO_ARG, 'z'},
    {"line-buffered", U_NO_ARG, OPT_LINE_BUFFERED}, {"null", U_NO_ARG, 'Z'},
    {NULL, 0, 0},
};

static int parse_options(int argc, char **argv, GrepOpts *o, char mode)
{
    UGetopt g = U_GETOPT_INIT;
    int c, color = 0;
    bool have_e = false;
    if (mode == 'E')
        o->cflags |= REG_EXTENDED;
    o->fixed = mode == 'F';
    while ((c = u_getopt_long(&g, argc, argv, "EFGe:f:iyvwxclLm:oqsbnHhrRA:B:C:zZ0123456789",
                              grep_longopts)) != -1) {
        switch (c) {
        case 'E': o->cflags |= REG_EXTENDED; o->fixed = false; break;
        case 'F': o->fixed = true; break;
        case 'G': o->cflags &= ~REG_EXTENDED; o->fixed = false; break;
        case 'e': add_patterns(o, g.arg); have_e = true; break;
        case 'f':
            if (!add_pattern_file(o, g.arg))
                return -1;
            have_e = true;
            break;
        case 'i':
        case 'y': o->icase = true; o->cflags |= REG_ICASE; break;
        case OPT_NO_ICASE: o->icase = false; o->cflags &= ~REG_ICASE; break;
        case 'v': o->invert = true; break;
        case 'w': o->words = true; break;
        case 'x': o->whole_line = true; break;
        case 'c': o->count = true; break;
        case 'l': o->list = true; o->list_unmatched = false; break;
        case 'L': o->list_unmatched = true; o->list = false; break;
        case 'm': {
            int64_t v;
            if (!u_parse_i64(g.arg, &v)) {
                u_eprintf("grep: invalid max count\n");
                return -1;
            }
            o->max_count = v < 0 ? UINT64_MAX : (uint64_t)v;
            break;
        }
        case 'o': o->only = true; break;
        case 'q': o->quiet = true; break;
        case 's': o->no_messages = true; break;
        case 'b': o->byte_offset = true; break;
        case 'n': o->number = true; break;
        case 'H': o->with_name = 1; break;
        case 'h': o->with_name = 0; break;
        case 'r':
        case 'R': o->recursive = true; break;
        case 'z': o->null_data = true; break;
        case 'Z': o->null_name = true; break;
        case 'A':
            if (!parse_context(g.arg, &o->after))
                return -1;
            break;
        case 'B':
            if (!parse_context(g.arg, &o->before))
                return -1;
            break;
        case 'C':
            if (!parse_context(g.arg, &o->after))
                return -1;
            o->before = o->after;
            break;
        case OPT_COLOR:
            if (!g.arg || strcmp(g.arg, "always") == 0 || strcmp(g.arg, "yes") == 0 ||
                strcmp(g.arg, "force") == 0) {
                color = 1;
            } else if (strcmp(g.arg, "never") == 0 || strcmp(g.arg, "no") == 0 ||
                       strcmp(g.arg, "none") == 0) {
                color = 0;
            } else if (strcmp(g.arg, "auto") == 0 || strcmp(g.arg, "tty") == 0 ||
                       strcmp(g.arg, "if-tty") == 0) {
                color = 2;
            } else {
                u_usage_error(argv[0], "invalid argument '%s' for '--color'", g.arg);
                return -1;
            }
            break;
        case OPT_INCLUDE: add_glob(&o->include, &o->ninclude, g.arg); break;
        case OPT_EXCLUDE: add_glob(&o->exclude, &o->nexclude, g.arg); break;
        case OPT_EXCLUDE_DIR: add_glob(&o->exclude_dir, &o->nexclude_dir, g.arg); break;
        case OPT_LABEL: o->label = g.arg; break;
        case OPT_LINE_BUFFERED: break;
        default:
            if (c >= '0' && c <= '9') { /* -NUM is -C NUM */
                o->after = o->before = o->after * 10 + (uint64_t)(c - '0');
                break;
            }
            return -1;
        }
    }
    o->color = color == 1 || (color == 2 && u_isatty(1));
    if (!have_e) {
        if (g.ind >= argc) {
            u_eprintf("Usage: %s [OPTION]... PATTERNS [FILE]...\n"
                      "Try '%s --help' for more information.\n", argv[0], argv[0]);
            return -1;
        }
        add_patterns(o, argv[g.ind++]);
    }
    return g.ind;
}

static int grep_run(int argc, char **argv, char mode)
{
    GrepOpts o;
    memset(&o, 0, sizeof o);
    o.with_name = -1;
    o.max_count = UINT64_MAX;
    int first = parse_options(argc, argv, &o, mode);
    if (first < 0)
        return 2;
    if (!o.fixed) {
        o.re = xcalloc(o.npatterns, sizeof(regex_t));
        for (size_t i = 0; i < o.npatterns; i++) {
            int rc = regcomp(&o.re[i], o.patterns[i], o.cflags);
            if (rc != 0) {
                char msg[256];
                regerror(rc, &o.re[i], msg, sizeof msg);
                u_eprintf("grep: %s\n", msg);
                for (size_t j = 0; j < i; j++)
                    regfree(&o.re[j]);
                return 2;
            }
        }
    }
    /* A write to a closed pipe is an error return, not death by SIGPIPE:
     * grep stops and frees its regexes. */
    sys_signal(AX_SIGPIPE, AX_SIG_IGN);
    static char *const dot[] = {".", NULL};
    size_t n;
    char *const *files;
    if (first >= argc && o.recursive) {
        files = dot;
        n = 1;
    } else {
        files = u_operands(argc, argv, first, &n);
    }
    if (o.with_name < 0)
        o.with_name = n > 1 || o.recursive;
    int status = 0;
    bool matched = false;
    for (size_t i = 0; i < n; i++) {
        status |= grep_path(&o, files[i], true, &matched);
        if ((o.quiet && matched) || o.write_failed)
            break;
    }
    if (!o.fixed)
        for (size_t i = 0; i < o.npatterns; i++)
            regfree(&o.re[i]);
    if (o.write_failed)
        return 2;
    if (o.quiet && matched)
        return 0;
    return status ? 2 : matched ? 0 : 1;
}

int grep_main(int argc, char **argv) { return grep_run(argc, argv, 'G'); }
int egrep_main(int argc, char **argv) { return grep_run(argc, argv, 'E'); }
int fgrep_main(int argc, char **argv) { return grep_run(argc, argv, 'F'); }
