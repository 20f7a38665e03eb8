/* builtins.c — the builtin table, and the builtins about commands
 * themselves: :, true, false, echo, type, command, alias, unalias,
 * history, help.
 */
#include "sh.h"

static const Builtin builtins[] = {
    {".", bi_source, true, ". FILE [ARG...]: run commands from FILE in this shell"},
    {":", bi_colon, true, ": [ARG...]: do nothing, successfully"},
    {"[", bi_bracket, false, "[ EXPR ]: evaluate a conditional expression"},
    {"alias", bi_alias, false, "alias [NAME[=VALUE]...]: define or show aliases"},
    {"bg", bi_bg, false, "bg [JOB...]: resume jobs in the background"},
    {"break", bi_break, true, "break [N]: leave N enclosing loops"},
    {"builtin", bi_builtin, false, "builtin NAME [ARG...]: run a builtin, not a function of that name"},
    {"cd", bi_cd, false, "cd [DIR | -]: change the working directory"},
    {"command", bi_command, false, "command [-v|-V] NAME [ARG...]: run NAME, ignoring functions"},
    {"continue", bi_continue, true, "continue [N]: start the next iteration of the Nth loop"},
    {"declare", bi_declare, false, "declare [-xrgp] [NAME[=VALUE]...]: set variables and their flags"},
    {"dirs", bi_dirs, false, "dirs [-clpv]: show the directory stack"},
    {"echo", bi_echo, false, "echo [-neE] [ARG...]: write arguments to standard output"},
    {"eval", bi_eval, true, "eval [ARG...]: run the arguments as a command"},
    {"exec", bi_exec, true, "exec [COMMAND [ARG...]]: replace the shell, or apply redirections"},
    {"exit", bi_exit, true, "exit [N]: leave the shell with status N"},
    {"export", bi_export, true, "export [-p] [NAME[=VALUE]...]: export variables to children"},
    {"false", bi_false, false, "false: fail"},
    {"fg", bi_fg, false, "fg [JOB]: bring a job to the foreground"},
    {"getopts", bi_getopts, false, "getopts OPTSTRING NAME [ARG...]: parse options"},
    {"hash", bi_hash, false, "hash [-lr] [-p PATH] [-dt] [NAME...]: remember or show where commands are"},
    {"help", bi_help, false, "help [NAME]: describe builtins"},
    {"history", bi_history, false, "history [-c] [N]: show the command history"},
    {"jobs", bi_jobs, false, "jobs [-lp] [JOB...]: list jobs"},
    {"kill", bi_kill, false, "kill [-s SIG | -SIG] PID|JOB... | kill -l: send a signal"},
    {"let", bi_let, false, "let EXPR...: evaluate arithmetic; fails when the last is 0"},
    {"local", bi_local, false, "local [-xr] NAME[=VALUE]...: function-local variables"},
    {"mapfile", bi_mapfile, false, "mapfile [-t] [-n N] [-s N] [-d DELIM] [-u FD] [ARRAY]: lines into an array"},
    {"popd", bi_popd, false, "popd: leave for the directory on top of the stack"},
    {"printf", bi_printf, false, "printf [-v VAR] FORMAT [ARG...]: formatted output"},
    {"pushd", bi_pushd, false, "pushd [DIR]: go to DIR, keeping the current directory on a stack"},
    {"pwd", bi_pwd, false, "pwd: print the working directory"},
    {"read", bi_read, false, "read [-rs] [-a ARRAY] [-d DELIM] [-n N] [-N N] [-p PROMPT] [-u FD] [NAME...]: read a line into variables"},
    {"readarray", bi_mapfile, false, "readarray [-t] [-n N] [-s N] [-d DELIM] [-u FD] [ARRAY]: lines into an array"},
    {"readonly", bi_readonly, true, "readonly [NAME[=VALUE]...]: make variables read-only"},
    {"return", bi_return, true, "return [N]: return from a function or sourced file"},
    {"set", bi_set, true, "set [-+efxuvmC] [-o OPT] [--] [ARG...]: options and positional parameters"},
    {"shift", bi_shift, true, "shift [N]: drop the first N positional parameters"},
    {"shopt", bi_shopt, false, "shopt [-pqsu] [-o] [NAME...]: set and unset shell options"},
    {"source", bi_source, true, "source FILE [ARG...]: run commands from FILE in this shell"},
    {"test", bi_test, false, "test EXPR: evaluate a conditional expression"},
    {"times", bi_times, true, "times: show the shell's running time"},
    {"trap", bi_trap, true, "trap [-lp] [ACTION SIG...]: run ACTION when a signal arrives"},
    {"true", bi_true, false, "true: succeed"},
    {"type", bi_type, false, "type [-t] NAME...: tell what a name is"},
    {"typeset", bi_declare, false, "typeset [-xrgp] [NAME[=VALUE]...]: the same as declare"},
    {"umask", bi_umask, false, "umask [-p] [-S] [MODE]: show or set the file mode creation mask"},
    {"unalias", bi_unalias, false, "unalias [-a] NAME...: remove aliases"},
    {"unset", bi_unset, true, "unset [-fv] NAME...: remove variables or functions"},
    {"wait", bi_wait, false, "wait [PID|JOB...]: wait for background jobs"},
};

#define NBUILTINS (sizeof builtins / sizeof builtins[0])

const Builtin *builtin_find(const char *name)
{
    size_t lo = 0, hi = NBUILTINS;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(name, builtins[mid].name);
        if (c == 0)
            return &builtins[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const Builtin *builtin_table(size_t *n)
{
    *n = NBUILTINS;
    return builtins;
}

bool sh_is_keyword(const char *s)
{
    static const char *const kw[] = {"!",    "{",  "}",   "[[", "]]",   "case", "do",    "done",     "elif", "else",
                                     "esac", "fi", "for", "if", "in", "then", "until", "while", "function", "time", NULL};
    for (int i = 0; kw[i]; i++)
        if (strcmp(s, kw[i]) == 0)
            return true;
    return false;
}

int bi_colon(Shell *sh, int argc, char **argv)
{
    (void)sh, (void)argc, (void)argv;
    return 0;
}

int bi_true(Shell *sh, int argc, char **argv)
{
    (void)sh, (void)argc, (void)argv;
    return 0;
}

int bi_false(Shell *sh, int argc, char **argv)
{
    (void)sh, (void)argc, (void)argv;
    return 1;
}

/* The backslash escapes of echo -e and printf %b. Returns false at \c
 * (stop all output). */
bool sh_put_escapes(StrBuf *b, const char *s)
{
    for (; *s; s++) {
        if (*s != '\\' || !s[1]) {
            sb_putc(b, *s);
            continue;
        }
        s++;
        int c = *s;
        switch (c) {
        case 'a': c = '\a'; break;
        case 'b': c = '\b'; break;
        case 'c': return false;
        case 'e':
        case 'E': c = 033; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'v': c = '\v'; break;
        case '\\': c = '\\'; break;
        case '0': {
            int v = 0;
            for (int i = 0; i < 3 && s[1] >= '0' && s[1] <= '7'; i++)
                v = v * 8 + (*++s - '0');
            c = v;
            break;
        }
        case 'u':
        case 'U': {
            size_t used = utf8_escape(b, s + 1, c == 'u' ? 4 : 8);
            if (used == 0) {
                sb_putc(b, '\\');
                sb_putc(b, (char)c);
            }
            s += used;
            continue;
        }
        case 'x': {
            int v = 0, i = 0;
            for (; i < 2; i++) {
                char h = s[1];
                int d = (h >= '0' && h <= '9') ? h - '0' : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                                                       : (h >= 'A' && h <= 'F') ? h - 'A' + 10 : -1;
                if (d < 0)
                    break;
                v = v * 16 + d;
                s++;
            }
            if (i == 0) {
                sb_puts(b, "\\x");
                continue;
            }
            c = v;
            break;
        }
        default:
            sb_putc(b, '\\');
            break;
        }
        sb_putc(b, (char)c);
    }
    return true;
}

/* bash's echo: -n, -e and -E, alone or together, before the words. */
int bi_echo(Shell *sh, int argc, char **argv)
{
    (void)sh;
    bool nl = true, esc = false;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *o = argv[i] + 1;
        if (strspn(o, "neE") != strlen(o))
            break;
        for (; *o; o++) {
            if (*o == 'n')
                nl = false;
            else if (*o == 'e')
                esc = true;
            else
                esc = false;
        }
    }
    Out out;
    out_init(&out, 1);
    for (; i < argc; i++) {
        if (esc) {
            if (!sh_put_escapes(&out.b, argv[i])) {
                nl = false;
                break;
            }
        } else {
            sb_puts(&out.b, argv[i]);
        }
        if (i + 1 < argc)
            sb_putc(&out.b, ' ');
    }
    if (nl)
        sb_putc(&out.b, '\n');
    return out_flush(&out);
}

/* ---- type and command ---- */

/* One answer of type (mode 'V'), type -t ('t') or command -v ('v'). */
static void say(Out *o, char mode, const char *kind, const char *what, const char *name, const char *sentence)
{
    if (mode == 't')
        sb_printf(&o->b, "%s\n", kind);
    else if (mode == 'v')
        sb_printf(&o->b, "%s\n", what);
    else
        sb_printf(&o->b, "%s %s\n", name, sentence);
}

static int describe(Shell *sh, Out *o, const char *name, char mode)
{
    const char *a = alias_get(sh, name);
    if (a) {
        if (mode == 'v') {
            sb_printf(&o->b, "alias %s=", name);
            sb_quote(&o->b, a);
            sb_putc(&o->b, '\n');
        } else {
            char *s = sh_strdup_printf("is aliased to `%s'", a);
            say(o, mode, "alias", NULL, name, s);
            xfree(s);
        }
        return 0;
    }
    if (sh_is_keyword(name)) {
        say(o, mode, "keyword", name, name, "is a shell keyword");
        return 0;
    }
    Func *f = func_get(sh, name);
    if (f) {
        say(o, mode, "function", name, name, "is a function");
        if (mode == 'V') {
            sb_printf(&o->b, "%s () ", name);
            ast_print(&o->b, f->body, true);
            sb_putc(&o->b, '\n');
        }
        return 0;
    }
    if (builtin_find(name)) {
        say(o, mode, "builtin", name, name, "is a shell builtin");
        return 0;
    }
    char *path = sh_find_command(sh, name);
    FileStat st;
    if (path && strchr(name, '/') && sys_stat(path, &st).error != AX_OK) {
        xfree(path);
        path = NULL;
    }
    if (!path)
        return 1;
    const char *hashed = strchr(name, '/') ? NULL : hash_peek(sh, name);
    char *s = hashed ? sh_strdup_printf("is hashed (%s)", hashed) : sh_strdup_printf("is %s", path);
    say(o, mode, "file", path, name, s);
    xfree(s);
    xfree(path);
    return 0;
}

int bi_type(Shell *sh, int argc, char **argv)
{
    char mode = 'V';
    int i = 1;
    if (i < argc && strcmp(argv[i], "-t") == 0) {
        mode = 't';
        i++;
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    int st = 0;
    for (; i < argc; i++) {
        Out o;
        out_init(&o, 1);
        if (describe(sh, &o, argv[i], mode) != 0) {
            if (mode != 't')
                sh_error(sh, "type: %s: not found", argv[i]);
            st = 1;
        }
        if (out_flush(&o))
            st = 1;
    }
    return st;
}

int bi_command(Shell *sh, int argc, char **argv)
{
    int i = 1;
    char mode = 0;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if (strcmp(argv[i], "-v") == 0)
            mode = 'v';
        else if (strcmp(argv[i], "-V") == 0)
            mode = 'V';
        else if (strcmp(argv[i], "-p") != 0) {
            sh_error(sh, "command: %s: invalid option", argv[i]);
            return 2;
        }
    }
    if (i >= argc)
        return 0;
    if (mode) {
        int st = 0;
        bool any = false; /* bash: -v succeeds when one name is found */
        for (; i < argc; i++) {
            Out o;
            out_init(&o, 1);
            if (describe(sh, &o, argv[i], mode) != 0) {
                if (mode == 'V')
                    sh_error(sh, "command: %s: not found", argv[i]);
                st = 1;
            } else {
                any = true;
            }
            out_flush(&o);
        }
        return mode == 'v' && any ? 0 : st;
    }
    return sh_run_argv(sh, argc - i, argv + i);
}

/* ---- alias ---- */

static void print_alias(Out *o, const Alias *a)
{
    sb_printf(&o->b, "alias %s=", a->name);
    sb_putc(&o->b, '\'');
    for (const char *c = a->value; *c; c++) {
        if (*c == '\'')
            sb_puts(&o->b, "'\\''");
        else
            sb_putc(&o->b, *c);
    }
    sb_puts(&o->b, "'\n");
}

int bi_alias(Shell *sh, int argc, char **argv)
{
    Out o;
    out_init(&o, 1);
    int st = 0;
    int i = 1;
    if (i < argc && strcmp(argv[i], "-p") == 0)
        i++;
    if (i >= argc)
        for (Alias *a = sh->aliases; a; a = a->next)
            print_alias(&o, a);
    for (; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        if (eq && eq != argv[i]) {
            *eq = '\0';
            alias_set(sh, argv[i], eq + 1);
            *eq = '=';
            continue;
        }
        Alias *found = NULL;
        for (Alias *a = sh->aliases; a; a = a->next)
            if (strcmp(a->name, argv[i]) == 0)
                found = a;
        if (found) {
            print_alias(&o, found);
        } else {
            sh_error(sh, "alias: %s: not found", argv[i]);
            st = 1;
        }
    }
    return out_flush(&o) | st;
}

int bi_unalias(Shell *sh, int argc, char **argv)
{
    if (argc < 2) {
        sh_error(sh, "unalias: usage: unalias [-a] name [name ...]");
        return 2;
    }
    if (strcmp(argv[1], "-a") == 0) {
        while (sh->aliases)
            alias_unset(sh, sh->aliases->name);
        return 0;
    }
    int st = 0;
    for (int i = 1; i < argc; i++) {
        if (alias_unset(sh, argv[i]) != 0) {
            sh_error(sh, "unalias: %s: not found", argv[i]);
            st = 1;
        }
    }
    return st;
}

int bi_help(Shell *sh, int argc, char **argv)
{
    Out o;
    out_init(&o, 1);
    if (argc > 1) {
        int st = 0;
        for (int i = 1; i < argc; i++) {
            const Builtin *b = builtin_find(argv[i]);
            if (b)
                sb_printf(&o.b, "%s\n", b->usage);
            else {
                sh_error(sh, "help: no help topics match '%s'", argv[i]);
                st = 1;
            }
        }
        return out_flush(&o) | st;
    }
    sb_puts(&o.b, "axos sh, a POSIX shell. These commands are built in:\n\n");
    for (size_t i = 0; i < NBUILTINS; i++)
        sb_printf(&o.b, "  %s\n", builtins[i].usage);
    sb_puts(&o.b, "\nOther commands are programs in $PATH (ls /bin).\n");
    return out_flush(&o);
}
