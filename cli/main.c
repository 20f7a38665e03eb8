/* axos: boot a kernel, run /bin/sh in it, and bridge the host terminal to
 * its console (see repl.h for the pieces). The exit status is the
 * shell's: its `exit N`, or the status of the last command it ran. */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "repl.h"
#include "sweep.h"

static void usage(FILE *f) {
    fputs("usage: axos [options] [-c 'command line' [name [arg...]] | script [arg...]]\n"
          "       axos sweep --seeds A..B [options] (--script FILE | --scenario LIB.so)\n"
          "\n"
          "Boot a simulated Unix-like machine and run its shell, /bin/sh.\n"
          "\n"
          "  With a terminal on stdin: an interactive shell, with line editing,\n"
          "  history and tab completion (Ctrl-C interrupts the foreground job,\n"
          "  Ctrl-Z stops it, Ctrl-D on an empty line leaves).\n"
          "  Otherwise (axos < script): commands are read from stdin, with no\n"
          "  prompt and no echo.\n"
          "  The simulated stdout and stderr go to axos's stdout and stderr.\n"
          "  The exit status is the shell's: `exit N`, or the last command's.\n"
          "\n"
          "options:\n"
          "  -c 'command line'     run one command line, then exit; the words after it\n"
          "                        are $0, $1... as with sh -c\n"
          "  script [arg...]       run a script file of the host with its arguments\n"
          "  --seed N              seed of the scheduler and /dev/random (default 0)\n"
          "  --clock host|virtual  host: the kernel clock follows real time (default);\n"
          "                        virtual: time jumps to the next timer whenever\n"
          "                        every process waits, so `sleep 100` takes no time\n"
          "                        and a run repeats exactly for a given seed and input\n"
          "  --trace FILE.json     record a trace of the whole run and write it to FILE\n"
          "                        (Chrome trace format, for ui.perfetto.dev)\n"
          "  --mem-limit N[KMG]    memory the whole machine may use, in bytes (or\n"
          "                        KiB, MiB, GiB); default: half of the host's memory\n"
          "  --user NAME           login name of the ordinary user the machine has and\n"
          "                        the session runs as (default: user; uid 1000, home\n"
          "                        /home/NAME)\n"
          "  --root                run the session as root instead\n"
          "  --password PW         the user's password (default: the user's name)\n"
          "  --root-password PW    root's password, which su asks for (default: root)\n"
          "  --gui                 open the desktop in a window of the host (SDL2)\n"
          "                        with a terminal running the shell (or -c's\n"
          "                        command line) instead of using the host terminal;\n"
          "                        axos ends when that terminal does\n"
          "  --disk FILE           keep the file system in FILE, an SQLite database made\n"
          "                        when missing: loaded at boot, written at sync, fsync,\n"
          "                        every few seconds and at exit (make run uses\n"
          "                        $XDG_DATA_HOME/axos/disk.db)\n"
          "  --ephemeral           no disk: start from the boot files, keep nothing\n"
          "  --import HOSTDIR:/path  copy a host directory's contents in at boot\n"
          "  --export /path:HOSTDIR  copy a directory's contents out to the host at exit\n"
          "                        (symbolic links are never followed either way)\n"
          "  --program FILE[:PATH] install a program built with axos-cc (a .so) at PATH\n"
          "                        (default /bin/NAME for NAME.so); repeatable\n"
          "  --programs DIR        install every NAME.so of DIR at /bin/NAME\n"
          "  --check-program FILE  only check that FILE would load; say why not\n"
          "  --help                show this help\n"
          "  --version             show the version\n"
          "\n"
          "axos sweep runs a scenario under many seeds and fault plans and reports the\n"
          "seeds that fail (axos sweep --help; docs/simulation.md).\n",
          f);
}

typedef struct Options {
    bool gui;           /* --gui: the desktop, a terminal in it */
    const char **programs; /* --program FILE[:PATH] and --programs DIR, in order */
    bool *program_dirs;    /* which of them are directories */
    size_t nprograms;
    uint64_t seed;
    bool seeded; /* --seed given; else each boot gets its own */
    int clock;
    uint64_t mem_limit; /* 0: default_mem_limit() */
    const char *trace;
    const char *command;
    const char *script; /* host file to run */
    char **args;        /* after -c CMD or the script: $0/$1... */
    int nargs;
    ReplAccounts acc;
    DiskOptions disk;
} Options;

static void add_arg(char **v, int *n, char *arg) {
    if (*n == DISK_MAX_COPIES) {
        fprintf(stderr, "axos: at most %d --import and %d --export\n", DISK_MAX_COPIES,
                DISK_MAX_COPIES);
        exit(2);
    }
    v[(*n)++] = arg;
}

/* "--name value" or "--name=value"; returns the value or NULL. */
static const char *opt_value(const char *name, int argc, char **argv, int *i) {
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return NULL;
    if (argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (argv[*i][n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        fprintf(stderr, "axos: %s needs a value\n", name);
        exit(2);
    }
    return argv[++*i];
}

/* "64M", "2G", "4096": bytes, or 0 when it is no positive size. */
static uint64_t parse_size(const char *v) {
    char *end;
    errno = 0;
    uint64_t n = strtoull(v, &end, 10);
    unsigned shift = 0;
    if (*end && !end[1]) {
        const char *units = "KMG", *u = strchr(units, *end);
        if (!u)
            return 0;
        shift = 10 * (unsigned)(u - units + 1);
        end++;
    }
    if (errno || *end || v[0] < '0' || v[0] > '9' || n == 0 || n > (UINT64_MAX >> shift))
        return 0;
    return n << shift;
}

/* The machine's memory limit when none is given: half of the host's, so
 * that a runaway program in it can never take the host down (never
 * unlimited; 1 GiB when the host will not say). */
static uint64_t default_mem_limit(void) {
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || size <= 0)
        return (uint64_t)1 << 30;
    return (uint64_t)pages * (uint64_t)size / 2;
}

static void parse_options(int argc, char **argv, Options *o) {
    o->clock = AX_CLOCK_HOST;
    o->acc.user = "user";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            exit(0);
        } else if (strcmp(a, "--version") == 0) {
            printf("axos %s\n", AX_VERSION_STRING);
            exit(0);
        } else if ((v = opt_value("--seed", argc, argv, &i))) {
            char *end;
            errno = 0;
            o->seed = strtoull(v, &end, 0);
            o->seeded = true;
            if (errno || *end || !*v || *v == '-') {
                fprintf(stderr, "axos: --seed: not a number: %s\n", v);
                exit(2);
            }
        } else if ((v = opt_value("--clock", argc, argv, &i))) {
            if (strcmp(v, "host") == 0)
                o->clock = AX_CLOCK_HOST;
            else if (strcmp(v, "virtual") == 0)
                o->clock = AX_CLOCK_VIRTUAL;
            else {
                fprintf(stderr, "axos: --clock: host or virtual, not %s\n", v);
                exit(2);
            }
        } else if ((v = opt_value("--mem-limit", argc, argv, &i))) {
            o->mem_limit = parse_size(v);
            if (!o->mem_limit) {
                fprintf(stderr, "axos: --mem-limit: not a size: %s\n", v);
                exit(2);
            }
        } else if (strcmp(a, "--gui") == 0) {
            o->gui = true;
        } else if ((v = opt_value("--trace", argc, argv, &i))) {
            o->trace = v;
        } else if ((v = opt_value("--user", argc, argv, &i))) {
            o->acc.user = v;
        } else if (strcmp(a, "--root") == 0) {
            o->acc.as_root = true;
        } else if ((v = opt_value("--password", argc, argv, &i))) {
            o->acc.user_password = v;
        } else if ((v = opt_value("--root-password", argc, argv, &i))) {
            o->acc.root_password = v;
        } else if ((v = opt_value("--disk", argc, argv, &i))) {
            o->disk.path = v;
        } else if (strcmp(a, "--ephemeral") == 0) {
            o->disk.ephemeral = true;
        } else if ((v = opt_value("--import", argc, argv, &i))) {
            add_arg(o->disk.imports, &o->disk.nimports, (char *)v);
        } else if ((v = opt_value("--export", argc, argv, &i))) {
            add_arg(o->disk.exports, &o->disk.nexports, (char *)v);
        } else if ((v = opt_value("-c", argc, argv, &i))) {
            o->command = v;
            o->args = argv + i + 1; /* name and arguments, as sh -c takes them */
            o->nargs = argc - i - 1;
            return;
        } else if ((v = opt_value("--check-program", argc, argv, &i))) {
            exit(cli_check_program(v));
        } else if ((v = opt_value("--programs", argc, argv, &i)) ||
                   (v = opt_value("--program", argc, argv, &i))) {
            bool dir = strncmp(a, "--programs", 10) == 0;
            const char **p = realloc(o->programs, (o->nprograms + 1) * sizeof *p);
            bool *d = p ? realloc(o->program_dirs, (o->nprograms + 1) * sizeof *d) : NULL;
            if (p)
                o->programs = p;
            if (!d) {
                fputs("axos: out of memory\n", stderr);
                exit(1);
            }
            o->program_dirs = d;
            o->programs[o->nprograms] = v;
            o->program_dirs[o->nprograms++] = dir;
        } else if (a[0] != '-') {
            o->script = a;
            o->args = argv + i + 1;
            o->nargs = argc - i - 1;
            return;
        } else {
            fprintf(stderr, "axos: unknown argument: %s\n", a);
            usage(stderr);
            exit(2);
        }
    }
}

/* --trace: open the file first, so a bad path fails before anything
 * runs, and record events from boot on. Returns the file, or NULL. */
static FILE *trace_start(Kernel *k, const char *path) {
#ifdef AXOS_HAVE_TRACE_EXPORT
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "axos: --trace %s: %s\n", path, strerror(errno));
        return NULL;
    }
    if (kernel_trace_enable(k, 1) < 0) {
        fprintf(stderr, "axos: --trace: %s\n", sys_strerror(AX_ENOMEM));
        fclose(f);
        return NULL;
    }
    return f;
#else
    (void)k;
    fprintf(stderr, "axos: --trace %s: tracing export is not available in this build\n", path);
    return NULL;
#endif
}

/* Write the trace; returns false when the file could not be written. */
static bool trace_finish(Kernel *k, FILE *f, const char *path) {
#ifdef AXOS_HAVE_TRACE_EXPORT
    int r = kernel_trace_write_json(k, f);
    if (fclose(f) != 0 && r == 0)
        r = -AX_EIO;
    if (r < 0)
        fprintf(stderr, "axos: --trace %s: %s\n", path, sys_strerror((SyscallError)-r));
    return r == 0;
#else
    (void)k;
    (void)f;
    (void)path;
    return false;
#endif
}

/* The whole of a host file, NUL-terminated (NULL with errno set). */
static char *read_host_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t len = 0, cap = 4096;
    char *text = malloc(cap);
    for (size_t got; text && (got = fread(text + len, 1, cap - len - 1, f)) > 0;) {
        len += got;
        if (cap - len - 1 == 0) {
            char *bigger = realloc(text, cap * 2);
            if (!bigger) {
                free(text);
                text = NULL;
                errno = ENOMEM;
                break;
            }
            text = bigger;
            cap *= 2;
        }
    }
    if (text && ferror(f)) {
        free(text);
        text = NULL;
    }
    fclose(f);
    if (text)
        text[len] = '\0';
    return text;
}

/* A seed for a boot without --seed: from the host's randomness, so that
 * two boots differ (the kernel itself never reads real randomness).
 * getrandom is one host call where /dev/urandom through stdio was five
 * and a 4 KiB read, on every start. */
static uint64_t boot_seed(void)
{
    uint64_t s = 0;
    if (getrandom(&s, sizeof s, GRND_NONBLOCK) != (ssize_t)sizeof s)
        s = 0;
    if (!s) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        s = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^ (uint64_t)getpid();
    }
    return s;
}

/* What a login gives a shell user: who they are (HOME comes from the
 * kernel), and the host terminal's type (the shell keeps COLUMNS and
 * LINES itself). */
static void session_env(Kernel *k, const ReplAccounts *acc)
{
    const char *user = acc->as_root ? "root" : acc->user;
    const char *term = getenv("TERM");
    kernel_setenv(k, "USER", user);
    kernel_setenv(k, "LOGNAME", user);
    kernel_setenv(k, "SHELL", "/bin/sh");
    kernel_setenv(k, "HOSTNAME", "axos");
    kernel_setenv(k, "TERM", term && *term ? term : "dumb");
}

/* The shell's wait status as an exit status, as a Unix shell reports it. */
static int exit_status(int st) {
    if (AX_WIFEXITED(st))
        return AX_WEXITSTATUS(st);
    if (AX_WIFSIGNALED(st))
        return 128 + AX_WTERMSIG(st);
    return 1;
}

int main(int argc, char **argv) {
    setlocale(LC_CTYPE, "");
    if (argc > 1 && strcmp(argv[1], "sweep") == 0)
        return sweep_main(argc - 1, argv + 1);
    Options opt = {0};
    parse_options(argc, argv, &opt);

    Repl r = {0};
    r.col0 = true;
    bool tty_in = isatty(0);
    char *script_text = NULL;
    if (opt.gui && (opt.script || opt.nargs)) {
        fputs("axos: --gui takes -c 'command line' only, no script or arguments\n", stderr);
        return 2;
    }
    if (opt.script && !(script_text = read_host_file(opt.script))) {
        fprintf(stderr, "axos: %s: %s\n", opt.script, strerror(errno));
        return 127; /* as sh reports a script it cannot open */
    }
    if (!opt.seeded)
        opt.seed = boot_seed(); /* each boot its own $RANDOM and /dev/random */
    bool interactive = tty_in && !opt.command && !opt.script;
    r.virtual_clock = opt.clock == AX_CLOCK_VIRTUAL;
    KernelConfig cfg = {.seed = opt.seed, .clock = opt.clock, .console_output = out_sink, .console_ud = &r,
                        .mem_limit = opt.mem_limit ? opt.mem_limit : default_mem_limit()};
    if (opt.gui)
        cfg.window_backend = AX_WINDOW_SDL; /* no display: term says so and fails */
    if (opt.clock == AX_CLOCK_HOST) {
        /* The wall clock a person at the REPL expects; the virtual clock
         * keeps the fixed default, so runs repeat. */
        struct timespec ts;
        if (clock_gettime(CLOCK_REALTIME, &ts) == 0)
            cfg.boot_time_ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    }
    if (!accounts_config(&cfg, &opt.acc, opt.seed)) {
        fputs("axos: cannot hash the passwords (libcrypt)\n", stderr);
        return 1;
    }
    r.k = kernel_create(&cfg);
    if (!r.k) {
        KernelConfig plain = {0};
        plain.user = opt.acc.user;
        Kernel *probe = kernel_create(&plain);
        if (!probe)
            fprintf(stderr, "axos: --user: not a valid login name: %s\n", opt.acc.user);
        else
            fputs("axos: cannot boot the kernel: out of memory\n", stderr);
        kernel_destroy(probe);
        return probe ? 1 : 2;
    }
    Kernel *k = r.k;
    kernel_console_set_terminal(k, (tty_in ? 1u : 0u) | (isatty(1) ? 2u : 0u) | (isatty(2) ? 4u : 0u));
    session_env(k, &opt.acc);
    FILE *trace = NULL;
    if (opt.trace && !(trace = trace_start(k, opt.trace))) {
        kernel_destroy(k);
        return 2;
    }
    if (disk_boot(&r, &opt.disk) < 0) {
        if (trace)
            fclose(trace);
        kernel_destroy(k);
        return 1;
    }
    if (kernel_install_userland(k) < 0) {
        fputs("axos: cannot install the programs: out of memory\n", stderr);
        if (trace)
            fclose(trace);
        kernel_destroy(k);
        return 1;
    }
    bool loaded = true;
    for (size_t i = 0; i < opt.nprograms && loaded; i++)
        loaded = (opt.program_dirs[i] ? cli_load_program_dir(k, opt.programs[i])
                                      : cli_load_program(k, opt.programs[i])) == 0;
    free(opt.programs);
    free(opt.program_dirs);
    if (!loaded) {
        if (trace)
            fclose(trace);
        kernel_destroy(k);
        return 2;
    }
    if (tty_in) {
        term_sync_winsize(k);
    } else {
        ConsoleState cs; /* no echo of the script */
        kernel_console_state(k, &cs);
        cs.attr.lflag &= ~(uint32_t)(AX_ECHO | AX_ECHONL);
        kernel_console_set_attr(k, &cs.attr);
    }
    if (opt.gui) {
        term_init(k, false); /* ^C on the host stops axos: the keys go to the window */
        int status = run_gui(k, opt.command);
        if (trace && !trace_finish(k, trace, opt.trace) && status == 0)
            status = 1;
        if (disk_finish(&r, &opt.disk) < 0 && status == 0) /* --export, last sync */
            status = 1;
        kernel_destroy(k);
        return status;
    }
    term_init(k, tty_in);
    if (interactive) {
        r.hold_tail = true;
        if (edit_init(&r, argv[0]) < 0)
            fputs("axos: line editing is not available\n", stderr);
    }

    /* sh -i | sh -c CMD [name args...] | sh (commands from stdin); a
     * script file of the host runs as sh -c TEXT script args... */
    char **sh_argv = calloc((size_t)opt.nargs + 5, sizeof *sh_argv);
    if (!sh_argv) {
        fputs("axos: out of memory\n", stderr);
        return 1;
    }
    int na = 0;
    sh_argv[na++] = "sh";
    if (interactive) {
        sh_argv[na++] = "-i";
    } else if (opt.command || script_text) {
        sh_argv[na++] = "-c";
        sh_argv[na++] = script_text ? script_text : (char *)opt.command;
        if (script_text)
            sh_argv[na++] = (char *)opt.script;
        for (int i = 0; i < opt.nargs; i++)
            sh_argv[na++] = opt.args[i];
    }
    SyscallResult sp = kernel_spawn(k, "/bin/sh", sh_argv);
    free(sh_argv);
    free(script_text);
    if (sp.error != AX_OK) {
        fprintf(stderr, "axos: cannot start /bin/sh: %s\n", sys_strerror(sp.error));
        if (trace)
            fclose(trace);
        edit_fini(&r);
        kernel_destroy(k);
        return 127;
    }
    r.shell_pid = (int)sp.value;

    if (tty_in)
        run_session(&r);
    else
        run_script(&r);
    term_restore();

    int status = 1;
    ConsoleState cs;
    kernel_console_state(k, &cs);
    if (cs.session == 0) {
        int st = 0;
        kernel_wait(k, r.shell_pid, &st);
        status = exit_status(st);
    } else if (r.quit) {
        status = 128 + r.quit; /* as a shell reports death by that signal */
    } else {
        fputs("axos: every process is waiting and nothing can wake them; stopping\n", stderr);
    }
    out_flush_tail(&r);
    out_newline(&r);
    if (trace && !trace_finish(k, trace, opt.trace) && status == 0)
        status = 1;
    if (disk_finish(&r, &opt.disk) < 0 && status == 0)
        status = 1;
    edit_fini(&r);
    kernel_destroy(k);
    buf_free(&r.tail);
    buf_free(&r.held);
    buf_free(&r.in);
    return status;
}
