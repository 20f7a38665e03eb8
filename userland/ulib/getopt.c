/* ulib option parsing: POSIX getopt (u_getopt, for the shell's builtins)
 * and GNU getopt_long (u_getopt_long, for the programs), with the state in
 * the caller's struct (a static optind would be shared by every process
 * running the program). */
#include <stdarg.h>
#include <string.h>

#include "ulib.h"

/* The options of every program, matched after the program's own. */
#define OPT_HELP (-2)
#define OPT_VERSION (-3)
static const ULongOpt std_longopts[] = {
    {"help", U_NO_ARG, OPT_HELP},
    {"version", U_NO_ARG, OPT_VERSION},
    {NULL, 0, 0},
};

typedef struct Spec {
    const char *shorts; /* optstring without its '+' and ':' flags */
    const ULongOpt *longs;
    bool quiet;   /* ':' : no messages */
    bool gnu;     /* u_getopt_long: help, version, "Try" lines */
    bool permute; /* options may follow operands */
    bool prog_try; /* diffutils' wording of the "Try" line */
} Spec;

static void try_help(const Spec *s, const char *prog)
{
    if (s->gnu && s->prog_try)
        u_eprintf("%s: Try '%s --help' for more information.\n", prog, prog);
    else if (s->gnu)
        u_eprintf("Try '%s --help' for more information.\n", prog);
}

/* Arguments a short option takes: 0, 1 (required) or 2 (optional). */
static int short_args(const Spec *s, int c)
{
    const char *p = c == ':' || c == '+' ? NULL : strchr(s->shorts, c);
    if (p == NULL)
        return -1;
    return p[1] != ':' ? 0 : p[2] == ':' ? 2 : 1;
}

/* Find name[0..len) among the long options (program's, then standard):
 * an exact match, else the only option it abbreviates. Returns the entry,
 * NULL when none matches, or sets *ambiguous. */
static const ULongOpt *long_match(const Spec *s, const char *name, size_t len, bool *ambiguous)
{
    const ULongOpt *tables[2] = {s->longs, s->gnu ? std_longopts : NULL};
    const ULongOpt *found = NULL;
    *ambiguous = false;
    for (int t = 0; t < 2; t++) {
        for (const ULongOpt *o = tables[t]; o && o->name; o++) {
            if (strncmp(o->name, name, len) != 0)
                continue;
            if (o->name[len] == '\0')
                return o; /* exact */
            if (found && (found->val != o->val || found->has_arg != o->has_arg))
                *ambiguous = true;
            else if (!found)
                found = o;
        }
    }
    return *ambiguous ? NULL : found;
}

static void list_ambiguous(const Spec *s, const char *prog, const char *word, size_t len)
{
    u_eprintf("%s: option '%.*s' is ambiguous; possibilities:", prog, (int)len + 2, word);
    const ULongOpt *tables[2] = {s->longs, std_longopts};
    for (int t = 0; t < 2; t++)
        for (const ULongOpt *o = tables[t]; o && o->name; o++)
            if (strncmp(o->name, word + 2, len) == 0)
                u_eprintf(" '--%s'", o->name);
    u_eprintf("\n");
}

/* How many words the option word at argv[i] uses up after itself (0 or
 * 1), for the reordering pass; unknown options use none. */
static int option_tail(const Spec *s, int argc, char **argv, int i)
{
    const char *a = argv[i];
    if (a[1] == '-') {
        const char *eq = strchr(a + 2, '=');
        size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
        bool amb;
        const ULongOpt *o = long_match(s, a + 2, len, &amb);
        return o && o->has_arg == U_REQ_ARG && !eq && i + 1 < argc ? 1 : 0;
    }
    for (const char *p = a + 1; *p; p++) {
        int n = short_args(s, (unsigned char)*p);
        if (n == 1)
            return p[1] == '\0' && i + 1 < argc ? 1 : 0;
        if (n == 2)
            return 0;
    }
    return 0;
}

static bool is_option_word(const char *a) { return a[0] == '-' && a[1] != '\0'; }

/* Put argv[ind..argc) in the order GNU getopt leaves it: the options with
 * their arguments first, then "--" if there was one, then the operands in
 * their order. */
static void reorder(const Spec *s, int ind, int argc, char **argv)
{
    int n = argc - ind;
    if (n <= 1)
        return;
    char **opts = xmalloc((size_t)n * sizeof *opts), **ops = xmalloc((size_t)n * sizeof *ops);
    int no = 0, nops = 0, dashdash = -1;
    for (int i = ind; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            dashdash = i;
            break;
        }
        if (!is_option_word(argv[i])) {
            ops[nops++] = argv[i];
            continue;
        }
        int tail = option_tail(s, argc, argv, i);
        opts[no++] = argv[i];
        if (tail)
            opts[no++] = argv[++i];
    }
    int at = ind;
    for (int i = 0; i < no; i++)
        argv[at++] = opts[i];
    if (dashdash >= 0) {
        argv[at++] = "--";
        for (int i = 0; i < nops; i++)
            argv[at++] = ops[i];
        /* the words after "--" stay where they are */
    } else {
        for (int i = 0; i < nops; i++)
            argv[at++] = ops[i];
    }
    xfree(opts);
    xfree(ops);
}

static int std_option(int val, char **argv)
{
    if (val == OPT_HELP)
        u_help(argv[0]);
    else
        u_version(argv[0]);
    u_exit(0);
}

/* "--name", "--name=ARG", "--name ARG" at argv[g->ind]. */
static int long_option(UGetopt *g, const Spec *s, int argc, char **argv)
{
    char *a = argv[g->ind++];
    char *eq = strchr(a + 2, '=');
    size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
    bool amb;
    const ULongOpt *o = long_match(s, a + 2, len, &amb);
    g->opt = 0;
    if (o == NULL) {
        if (!s->quiet) {
            if (amb)
                list_ambiguous(s, argv[0], a, len);
            else
                u_eprintf("%s: unrecognized option '%s'\n", argv[0], a);
            try_help(s, argv[0]);
        }
        return '?';
    }
    if (eq && o->has_arg == U_NO_ARG) {
        if (!s->quiet) {
            u_eprintf("%s: option '--%s' doesn't allow an argument\n", argv[0], o->name);
            try_help(s, argv[0]);
        }
        return '?';
    }
    if (eq) {
        g->arg = eq + 1;
    } else if (o->has_arg == U_REQ_ARG) {
        if (g->ind >= argc) {
            if (!s->quiet) {
                u_eprintf("%s: option '--%s' requires an argument\n", argv[0], o->name);
                try_help(s, argv[0]);
            }
            return '?';
        }
        g->arg = argv[g->ind++];
    }
    if (o->val == OPT_HELP || o->val == OPT_VERSION)
        return std_option(o->val, argv);
    return o->val;
}

static int getopt_core(UGetopt *g, int argc, char **argv, const Spec *s)
{
    g->arg = NULL;
    if (g->pos == 0) {
        if (g->ind >= argc || argv[g->ind] == NULL)
            return -1;
        const char *a = argv[g->ind];
        if (!is_option_word(a))
            return -1; /* an operand, or "-" alone */
        if (strcmp(a, "--") == 0) {
            g->ind++;
            return -1;
        }
        if (a[1] == '-' && (s->longs || s->gnu))
            return long_option(g, s, argc, argv);
        g->pos = 1;
    }
    char *a = argv[g->ind];
    int c = (unsigned char)a[g->pos++];
    g->opt = c;
    int nargs = short_args(s, c);
    bool last = a[g->pos] == '\0';
    if (nargs < 0 || (nargs != 1 && last) || (nargs == 2 && !last)) {
        if (last || nargs == 2) {
            if (nargs == 2 && !last)
                g->arg = a + g->pos;
            g->ind++;
            g->pos = 0;
        }
        if (nargs >= 0)
            return c;
        if (!s->quiet) {
            u_eprintf("%s: invalid option -- '%c'\n", argv[0], c);
            try_help(s, argv[0]);
        }
        return '?';
    }
    if (nargs == 0)
        return c;
    /* The option needs an argument: the rest of this word, or the next. */
    if (!last) {
        g->arg = a + g->pos;
        g->ind++;
    } else if (g->ind + 1 < argc) {
        g->arg = argv[g->ind + 1];
        g->ind += 2;
    } else {
        g->ind++;
        g->pos = 0;
        if (s->quiet)
            return ':';
        u_eprintf("%s: option requires an argument -- '%c'\n", argv[0], c);
        try_help(s, argv[0]);
        return '?';
    }
    g->pos = 0;
    return c;
}

int u_getopt(UGetopt *g, int argc, char **argv, const char *optstring)
{
    Spec s = {optstring, NULL, optstring[0] == ':', false, false, false};
    s.shorts += s.quiet;
    return getopt_core(g, argc, argv, &s);
}

int u_getopt_long(UGetopt *g, int argc, char **argv, const char *optstring,
                  const ULongOpt *longopts)
{
    Spec s = {optstring, longopts, false, true, true, g->prog_try != 0};
    if (*s.shorts == '+') {
        s.permute = false;
        s.shorts++;
    }
    if (*s.shorts == ':') {
        s.quiet = true;
        s.shorts++;
    }
    if (!g->started) {
        g->started = 1;
        if (s.permute)
            reorder(&s, g->ind, argc, argv);
    }
    return getopt_core(g, argc, argv, &s);
}

void u_std_options(int argc, char **argv)
{
    if (argc != 2)
        return;
    if (strcmp(argv[1], "--help") == 0)
        std_option(OPT_HELP, argv);
    if (strcmp(argv[1], "--version") == 0)
        std_option(OPT_VERSION, argv);
}

void u_usage_error(const char *prog, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    UStream *err = u_stderr();
    u_fprintf(err, "%s: ", prog);
    u_vfprintf(err, fmt, ap);
    u_fprintf(err, "\nTry '%s --help' for more information.\n", prog);
    va_end(ap);
}

bool u_two_operands(const char *prog, int argc, char **argv, int ind)
{
    int n = argc - ind;
    if (n == 0)
        u_usage_error(prog, "missing operand");
    else if (n == 1)
        u_usage_error(prog, "missing operand after '%s'", argv[ind]);
    else if (n > 2)
        u_usage_error(prog, "extra operand '%s'", argv[ind + 2]);
    return n == 2;
}
