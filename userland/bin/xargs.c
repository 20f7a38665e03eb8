/* xargs [OPTION]... [COMMAND [INITIAL-ARGS]...]: build command lines from
 * the items on standard input and run them, as GNU xargs does. Items are
 * separated by blanks and newlines, with '...', "..." and backslash
 * quoting (-0 / -d: by one delimiter, no quoting); -I puts each input line
 * where REPLACE-STR stands; -n, -L and -s bound each command line. -P N
 * runs up to N commands at once (0: as many as there are lines), waiting
 * for one to end before starting another, as GNU xargs.
 * Exit status (GNU): 0; 123 when a command exited 1-125; 124 when one
 * exited 255; 125 when one was killed by a signal; 126 when the command
 * cannot run; 127 when it was not found; 1 for bad input or options. */
#include <string.h>

#include "ulib.h"

typedef struct Xargs {
    UStream *in;
    int pending;         /* a character read ahead, or -2 */
    char **cmd;          /* COMMAND and INITIAL-ARGS */
    int ncmd;
    int delim;           /* -0 / -d: the one separator; -1: blanks and quotes */
    const char *eof_str; /* -E */
    const char *replace; /* -I */
    uint64_t max_args;   /* -n; 0: no limit */
    uint64_t max_lines;  /* -L; 0: none */
    uint64_t max_chars;  /* -s */
    bool no_empty, trace, prompt, exit_on_size;
    bool eof;            /* input is done (or the -E string came) */
    int status;
    bool stop;           /* a command exited 255 or was killed: run no more */
    uint64_t procs;      /* -P: commands at once (0: no limit) */
    uint64_t running;    /* commands started and not yet waited for */
    char **items;        /* the current command line's items */
    size_t nitems, cap, bytes;
    uint64_t lines;      /* input lines among them (-L) */
} Xargs;

static int xgetc(Xargs *x)
{
    if (x->pending != -2) {
        int c = x->pending;
        x->pending = -2;
        return c;
    }
    return u_getc(x->in);
}

typedef struct Buf {
    char *s;
    size_t len, cap;
} Buf;

static void put(Buf *b, int c)
{
    if (b->len + 1 >= b->cap)
        b->s = xrealloc(b->s, b->cap = b->cap ? b->cap * 2 : 64);
    b->s[b->len++] = (char)c;
}

/* An item with -0 / -d: everything up to the delimiter. */
static char *item_delim(Xargs *x, bool *line_end)
{
    Buf b = {0};
    int c;
    while ((c = xgetc(x)) != -1 && c != x->delim)
        put(&b, c);
    if (c == -1) {
        x->eof = true;
        if (b.len == 0) {
            xfree(b.s);
            return NULL;
        }
    }
    put(&b, 0);
    *line_end = true;
    return b.s;
}

/* One item with quoting, after the blanks and newlines before it: quotes
 * and backslashes are taken (GNU); an unquoted newline ends it, and so does
 * an unquoted blank when blanks_end. *end gets the character that ended it
 * (-1: the input). Returns false, with x->eof set, when the input ended
 * before an item began. */
static bool item_quoted(Xargs *x, Buf *b, bool blanks_end, int *quote_err, int *end)
{
    int c;
    while ((c = xgetc(x)) == ' ' || c == '\t' || c == '\n') {
    }
    if (c == -1) {
        x->eof = true;
        return false;
    }
    int quote = 0;
    for (; c != -1; c = xgetc(x)) {
        if (quote) {
            if (c == '\n')
                break;
            if (c == quote)
                quote = 0;
            else
                put(b, c);
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '\\') {
            if ((c = xgetc(x)) == -1)
                break;
            put(b, c);
        } else if (c == '\n' || (blanks_end && (c == ' ' || c == '\t'))) {
            break;
        } else {
            put(b, c);
        }
    }
    *quote_err = quote;
    *end = c;
    return true;
}

/* -I: a whole line, leading blanks dropped, quotes and backslashes still
 * taken (GNU). */
static char *item_line(Xargs *x, bool *line_end, int *quote_err)
{
    Buf b = {0};
    int c;
    if (!item_quoted(x, &b, false, quote_err, &c))
        return NULL;
    if (c == -1)
        x->eof = true;
    put(&b, 0);
    *line_end = true;
    return b.s;
}

/* The default: blank-separated words with quoting. *line_end: the word is
 * the last of its line (a line whose last blank is trailing goes on, as
 * -L counts them). */
static char *item_word(Xargs *x, bool *line_end, int *quote_err)
{
    Buf b = {0};
    int c;
    if (!item_quoted(x, &b, true, quote_err, &c))
        return NULL;
    if (c == ' ' || c == '\t') {
        while ((c = xgetc(x)) == ' ' || c == '\t') {
        }
        if (c != '\n' && c != -1) {
            x->pending = c;
            *line_end = false;
        } else {
            *line_end = false; /* a trailing blank continues the line (POSIX -L) */
        }
    } else {
        *line_end = true;
    }
    if (c == -1)
        x->eof = true;
    put(&b, 0);
    return b.s;
}

/* Next item (heap), or NULL at the end of input (or of -E, or on an
 * unmatched quote, with x->status 1). */
static char *next_item(Xargs *x, bool *line_end)
{
    if (x->eof && x->pending == -2)
        return NULL;
    int quote = 0;
    char *item = x->delim >= 0 ? item_delim(x, line_end)
               : x->replace    ? item_line(x, line_end, &quote)
                               : item_word(x, line_end, &quote);
    if (quote) {
        u_eprintf("xargs: unmatched %s quote; by default quotes are special to xargs unless you "
                  "use the -0 option\n",
                  quote == '\'' ? "single" : "double");
        x->status = 1;
        x->eof = true;
        x->pending = -2;
        xfree(item);
        return NULL;
    }
    if (item && x->eof_str && x->delim < 0 && strcmp(item, x->eof_str) == 0) {
        x->eof = true;
        x->pending = -2;
        xfree(item);
        return NULL;
    }
    return item;
}

static void print_words(char **argv)
{
    for (int i = 0; argv[i]; i++)
        u_eprintf("%s%s", i ? " " : "", argv[i]);
}

/* Wait for one command started by run_line and take its status, as GNU:
 * 123 for an exit of 1-125, 124 (and no more commands) for 255, 125 for
 * a signal. */
static void reap_one(Xargs *x)
{
    int st = 0;
    SyscallResult w;
    do
        w = sys_waitpid(-1, &st, 0);
    while (w.error == AX_EINTR);
    if (w.error != AX_OK) {
        x->running = 0;
        return;
    }
    x->running--;
    const char *name = x->cmd[0];
    if (AX_WIFSIGNALED(st)) {
        u_eprintf("xargs: %s: terminated by signal %d\n", name, AX_WTERMSIG(st));
        x->status = 125;
        x->stop = true;
    } else if (AX_WEXITSTATUS(st) == 255) {
        u_eprintf("xargs: %s: exited with status 255; aborting\n", name);
        x->status = 124;
        x->stop = true;
    } else if (AX_WEXITSTATUS(st) != 0 && x->status == 0) {
        x->status = 123;
    }
}

/* Run one command line: COMMAND, INITIAL-ARGS (with REPLACE-STR replaced
 * by the item under -I), then the items. */
static void run_line(Xargs *x)
{
    size_t n = (size_t)x->ncmd + (x->replace ? 0 : x->nitems);
    char **argv = xmalloc((n + 1) * sizeof *argv);
    char **made = xcalloc(n + 1, sizeof *made);
    for (int i = 0; i < x->ncmd; i++) {
        argv[i] = x->cmd[i];
        if (x->replace && x->nitems && *x->replace && strstr(x->cmd[i], x->replace)) {
            const char *rep = x->items[0];
            size_t rl = strlen(x->replace), il = strlen(rep), count = 0;
            for (const char *c = x->cmd[i]; (c = strstr(c, x->replace)); c += rl)
                count++;
            char *out = xmalloc(strlen(x->cmd[i]) + count * il + 1), *o = out;
            for (const char *c = x->cmd[i]; *c;) {
                if (strncmp(c, x->replace, rl) == 0) {
                    memcpy(o, rep, il);
                    o += il;
                    c += rl;
                } else {
                    *o++ = *c++;
                }
            }
            *o = 0;
            argv[i] = made[i] = out;
        }
    }
    if (!x->replace)
        for (size_t i = 0; i < x->nitems; i++)
            argv[x->ncmd + (int)i] = x->items[i];
    argv[n] = NULL;
    bool go = true;
    if (x->prompt) {
        print_words(argv);
        u_eprintf(" ?...");
        u_fflush(u_stderr());
        /* the answer comes from the terminal, as GNU reads /dev/tty */
        SyscallResult tty = sys_open("/dev/tty", AX_O_RDONLY, 0);
        char ans[64];
        SyscallResult r = tty.error == AX_OK ? sys_read((int)tty.value, ans, sizeof ans)
                                             : (SyscallResult){0, AX_EIO};
        if (tty.error == AX_OK)
            sys_close((int)tty.value);
        go = r.error == AX_OK && r.value > 0 && (ans[0] == 'y' || ans[0] == 'Y');
    } else if (x->trace) {
        print_words(argv);
        u_eprintf("\n");
    }
    if (go) {
        /* -P: a free slot first */
        while (x->running > 0 && x->procs && x->running >= x->procs)
            reap_one(x);
        char *prog = u_find_program(argv[0]);
        SyscallResult r = {0, AX_ENOENT};
        if (prog) {
            u_fflush(NULL); /* what we wrote comes before the command's output */
            r = sys_spawn(prog, argv, NULL, NULL);
            xfree(prog);
        }
        if (r.error != AX_OK) {
            u_eprintf("xargs: %s: %s\n", argv[0], sys_strerror(r.error));
            x->status = r.error == AX_ENOENT ? 127 : 126;
            x->stop = true;
        } else {
            x->running++;
            if (x->procs == 1)
                reap_one(x); /* one at a time: its end before the next line */
        }
    }
    for (size_t i = 0; i <= n; i++)
        xfree(made[i]);
    xfree(made);
    xfree(argv);
    for (size_t i = 0; i < x->nitems; i++)
        xfree(x->items[i]);
    x->nitems = 0;
    x->bytes = 0;
    x->lines = 0;
}

static size_t cmd_bytes(const Xargs *x)
{
    size_t b = 0;
    for (int i = 0; i < x->ncmd; i++)
        b += strlen(x->cmd[i]) + 1;
    return b;
}

static bool parse_count(const char *opt, const char *arg, uint64_t min, uint64_t *out)
{
    int64_t v;
    if (!u_parse_i64(arg, &v) || v < (int64_t)min) {
        u_eprintf("xargs: invalid number \"%s\" for %s option\n", arg, opt);
        return false;
    }
    *out = (uint64_t)v;
    return true;
}

static int xargs_run(Xargs *x)
{
    size_t base = cmd_bytes(x);
    if (base >= x->max_chars) {
        u_eprintf("xargs: argument list too long\n");
        return 1;
    }
    bool any = false;
    char *item;
    bool line_end;
    while (!x->stop && (item = next_item(x, &line_end))) {
        size_t len = strlen(item) + 1;
        if (x->nitems && base + x->bytes + len > x->max_chars)
            run_line(x);
        if (base + len > x->max_chars && x->exit_on_size) {
            u_eprintf("xargs: argument line too long\n");
            xfree(item);
            return 1;
        }
        if (x->nitems == x->cap)
            x->items = xrealloc(x->items, (x->cap = x->cap ? x->cap * 2 : 16) * sizeof(char *));
        x->items[x->nitems++] = item;
        x->bytes += len;
        any = true;
        if (line_end)
            x->lines++;
        if (x->stop)
            break;
        if (x->replace || (x->max_args && x->nitems >= x->max_args) ||
            (x->max_lines && x->lines >= x->max_lines))
            run_line(x);
    }
    if (!x->stop && (x->nitems || (!any && !x->no_empty && !x->replace && x->status == 0)))
        run_line(x);
    while (x->running > 0)
        reap_one(x);
    for (size_t i = 0; i < x->nitems; i++)
        xfree(x->items[i]);
    xfree(x->items);
    return x->status;
}

int xargs_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"null", U_NO_ARG, '0'},         {"delimiter", U_REQ_ARG, 'd'},
        {"eof", U_OPT_ARG, 'e'},         {"replace", U_OPT_ARG, 'i'},
        {"max-lines", U_OPT_ARG, 'l'},   {"max-args", U_REQ_ARG, 'n'},
        {"max-chars", U_REQ_ARG, 's'},   {"max-procs", U_REQ_ARG, 'P'},
        {"no-run-if-empty", U_NO_ARG, 'r'}, {"verbose", U_NO_ARG, 't'},
        {"interactive", U_NO_ARG, 'p'},  {"exit", U_NO_ARG, 'x'},
        {"arg-file", U_REQ_ARG, 'a'},    {NULL, 0, 0},
    };
    Xargs x = {.pending = -2, .delim = -1, .max_chars = 128 * 1024 - 2048, .procs = 1};
    const char *arg_file = NULL;
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "+0d:E:e::I:i::L:l::n:s:P:rtpxa:", longopts)) !=
           -1) {
        switch (c) {
        case '0':
            x.delim = 0;
            break;
        case 'd': {
            int used = 0;
            size_t ul;
            if (g.arg[0] == '\\' && g.arg[1]) {
                used = u_unescape(g.arg + 1, 0, &ul);
                if (used < 0 || g.arg[1 + ul]) {
                    u_eprintf("xargs: invalid input delimiter specification %s: the delimiter "
                              "must be either a single character or an escape sequence starting "
                              "with \\.\n",
                              g.arg);
                    return 1;
                }
                x.delim = used;
            } else if (g.arg[0] && !g.arg[1]) {
                x.delim = (unsigned char)g.arg[0];
            } else {
                u_eprintf("xargs: invalid input delimiter specification %s: the delimiter must "
                          "be either a single character or an escape sequence starting with "
                          "\\.\n",
                          g.arg);
                return 1;
            }
            break;
        }
        case 'E':
        case 'e':
            x.eof_str = g.arg && *g.arg ? g.arg : NULL;
            break;
        case 'I':
        case 'i':
            x.replace = g.arg ? g.arg : "{}";
            x.max_lines = 1;
            x.max_args = 0;
            break;
        case 'L':
        case 'l':
            if (!parse_count(c == 'L' ? "-L" : "--max-lines", g.arg ? g.arg : "1", 1,
                             &x.max_lines))
                return 1;
            x.max_args = 0;
            x.replace = NULL;
            break;
        case 'n':
            if (!parse_count("-n", g.arg, 1, &x.max_args))
                return 1;
            x.max_lines = 0;
            x.replace = NULL;
            break;
        case 's':
            if (!parse_count("-s", g.arg, 1, &x.max_chars))
                return 1;
            break;
        case 'P':
            if (!parse_count("-P", g.arg, 0, &x.procs))
                return 1;
            break;
        case 'r':
            x.no_empty = true;
            break;
        case 't':
            x.trace = true;
            break;
        case 'p':
            x.prompt = true;
            x.trace = true;
            break;
        case 'x':
            x.exit_on_size = true;
            break;
        case 'a':
            arg_file = g.arg;
            break;
        default:
            return 1;
        }
    }
    static char *echo[] = {"echo", NULL};
    if (g.ind < argc) {
        x.cmd = argv + g.ind;
        x.ncmd = argc - g.ind;
    } else {
        x.cmd = echo;
        x.ncmd = 1;
    }
    if (arg_file) {
        SyscallError err;
        x.in = u_input_open(arg_file, &err);
        if (!x.in) {
            u_eprintf("xargs: Cannot open input file '%s': %s\n", arg_file, sys_strerror(err));
            return 1;
        }
    } else {
        x.in = u_stdin();
    }
    int status = xargs_run(&x);
    if (arg_file)
        u_input_close(x.in);
    return status;
}
