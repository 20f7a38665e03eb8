/* Error reporting helpers of BSD's <err.h> and glibc's <error.h>, worded
 * as glibc words them, written to the process's stderr. */
#include <err.h>
#include <error.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "posix/internal.h"

extern char *program_invocation_name, *program_invocation_short_name;

/* "prog: message[: strerror]\n" */
static void report(const char *name, int errnum, bool with_err, const char *fmt, va_list ap) {
    fprintf(stderr, "%s: ", name);
    if (fmt)
        vfprintf(stderr, fmt, ap);
    if (with_err)
        fprintf(stderr, fmt ? ": %s\n" : "%s\n", strerror(errnum));
    else
        fputc('\n', stderr);
}

void vwarn(const char *fmt, va_list ap) {
    int e = errno;
    report(program_invocation_short_name, e, true, fmt, ap);
    errno = e;
}

void vwarnx(const char *fmt, va_list ap) {
    report(program_invocation_short_name, 0, false, fmt, ap);
}

void warn(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vwarn(fmt, ap);
    va_end(ap);
}

void warnx(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vwarnx(fmt, ap);
    va_end(ap);
}

void verr(int status, const char *fmt, va_list ap) {
    vwarn(fmt, ap);
    exit(status);
}

void verrx(int status, const char *fmt, va_list ap) {
    vwarnx(fmt, ap);
    exit(status);
}

void err(int status, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verr(status, fmt, ap);
}

void errx(int status, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verrx(status, fmt, ap);
}

unsigned int error_message_count;
int error_one_per_line;
void (*error_print_progname)(void);

static void error_common(int status, int errnum, const char *file, unsigned line, const char *fmt,
                         va_list ap) {
    fflush(stdout);
    if (error_print_progname)
        error_print_progname();
    else
        fprintf(stderr, "%s:", program_invocation_name);
    if (file) /* "prog:file:line: " */
        fprintf(stderr, "%s:%u: ", file, line);
    else /* "prog: " */
        fputc(' ', stderr);
    vfprintf(stderr, fmt, ap);
    if (errnum)
        fprintf(stderr, ": %s", strerror(errnum));
    fputc('\n', stderr);
    error_message_count++;
    if (status)
        exit(status);
}

void error(int status, int errnum, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    error_common(status, errnum, NULL, 0, fmt, ap);
    va_end(ap);
}

void error_at_line(int status, int errnum, const char *file, unsigned int line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    error_common(status, errnum, file, line, fmt, ap);
    va_end(ap);
}
