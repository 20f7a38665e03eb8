/* A program's start and end: the stamp the loader looks for, the entry
 * that sets the process up and calls main, exit and its handlers, and
 * the ways a program stops abnormally (abort, assert, the fortify and
 * stack-protector checks), which end the axos process, never the host. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "posix/internal.h"

static int px_start(int argc, char **argv);

__attribute__((visibility("default"))) ProgramStamp axos_program_stamp = {
    .magic = AX_PROGRAM_MAGIC,
    .abi = AX_PROGRAM_ABI,
    .size = sizeof(ProgramStamp),
    .version_major = AX_VERSION_MAJOR,
    .version_minor = AX_VERSION_MINOR,
    .start = px_start,
};

char *program_invocation_name;
char *program_invocation_short_name;

/* ---- exit handlers: atexit and __cxa_atexit, run last registered first ---- */

typedef enum { EXIT_PLAIN, EXIT_CXA, EXIT_ON_EXIT } ExitKind;

typedef struct ExitFn {
    ExitKind kind;
    union {
        void (*plain)(void);
        void (*cxa)(void *);
        void (*on_exit)(int, void *);
    } fn;
    void *arg;
} ExitFn;

#define EXIT_FN_MIN 32 /* POSIX: at least 32 handlers; more grow the array */
static ExitFn exit_first[EXIT_FN_MIN];
static ExitFn *exit_fns = exit_first;
static size_t exit_count, exit_cap = EXIT_FN_MIN;

static int exit_push(ExitFn e) {
    if (exit_count == exit_cap) {
        ExitFn *grown = malloc(2 * exit_cap * sizeof *grown);
        if (!grown)
            return -1;
        memcpy(grown, exit_fns, exit_count * sizeof *grown);
        if (exit_fns != exit_first)
            free(exit_fns);
        exit_fns = grown;
        exit_cap *= 2;
    }
    exit_fns[exit_count++] = e;
    return 0;
}

int atexit(void (*fn)(void)) {
    return exit_push((ExitFn){.kind = EXIT_PLAIN, .fn.plain = fn});
}

int __cxa_atexit(void (*fn)(void *), void *arg, void *dso) {
    (void)dso;
    return exit_push((ExitFn){.kind = EXIT_CXA, .fn.cxa = fn, .arg = arg});
}

int on_exit(void (*fn)(int, void *), void *arg) {
    return exit_push((ExitFn){.kind = EXIT_ON_EXIT, .fn.on_exit = fn, .arg = arg});
}

void px_run_exit_handlers(int status) {
    /* A handler may register more: they run too, newest first. */
    while (exit_count > 0) {
        ExitFn e = exit_fns[--exit_count];
        switch (e.kind) {
        case EXIT_PLAIN: e.fn.plain(); break;
        case EXIT_CXA: e.fn.cxa(e.arg); break;
        case EXIT_ON_EXIT: e.fn.on_exit(status, e.arg); break;
        }
    }
    px_stdio_flush_all();
}

_Noreturn void px_exit_now(int status) {
    sys_exit(status);
    for (;;) {
    }
}

void exit(int status) {
    px_run_exit_handlers(status);
    px_exit_now(status);
}

void _exit(int status) {
    px_exit_now(status);
}

void _Exit(int status) {
    px_exit_now(status);
}

/* ---- the entry ---- */

static int px_start(int argc, char **argv) {
    errno = 0;
    program_invocation_name = argc > 0 ? argv[0] : (char *)"";
    char *slash = strrchr(program_invocation_name, '/');
    program_invocation_short_name = slash ? slash + 1 : program_invocation_name;
    if (px_env_init() < 0) {
        static const char msg[] = "out of memory for the environment\n";
        write(2, msg, sizeof msg - 1);
        px_exit_now(127);
    }
    exit(main(argc, argv, environ));
}

/* ---- abnormal ends ---- */

void abort(void) {
    /* POSIX: SIGABRT ends the process even when it is blocked, ignored,
     * or caught by a handler that returns. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGABRT);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(SIGABRT);
    signal(SIGABRT, SIG_DFL);
    raise(SIGABRT);
    px_exit_now(128 + SIGABRT); /* not reached: the default action kills */
}

/* "prog: file:line: func: Assertion `expr' failed.", as glibc words it. */
void __assert_fail(const char *expr, const char *file, unsigned int line, const char *func) {
    fflush(stdout);
    fprintf(stderr, "%s: %s:%u: %s%sAssertion `%s' failed.\n", program_invocation_short_name, file,
            line, func ? func : "", func ? ": " : "", expr);
    abort();
}

void __assert_perror_fail(int errnum, const char *file, unsigned int line, const char *func) {
    fprintf(stderr, "%s: %s:%u: %s%sUnexpected error: %s.\n", program_invocation_short_name, file,
            line, func ? func : "", func ? ": " : "", strerror(errnum));
    abort();
}

static _Noreturn void px_fatal(const char *what) {
    /* No stdio: the program's memory may be what is broken. */
    write(2, "*** ", 4);
    write(2, what, strlen(what));
    write(2, " ***: terminated\n", 17);
    abort();
    px_exit_now(128 + SIGABRT);
}

void __stack_chk_fail(void) {
    px_fatal("stack smashing detected");
}

void __chk_fail(void) {
    px_fatal("buffer overflow detected");
}

void __fortify_fail(const char *msg) {
    px_fatal(msg ? msg : "fortify check failed");
}
