/* ulib: the small runtime library programs inside axos are built on.
 * It uses only include/axos.h. Its state is per process (behind sys_tls),
 * because programs share their static variables across processes.
 *
 *   - buffered streams over fds (u_stdout is line-buffered when fd 1 is a
 *     terminal, fully buffered otherwise; u_stderr is unbuffered), flushed
 *     at exit by the exit hook;
 *   - the process heap (xmalloc and friends), freed by the kernel whenever
 *     the process dies;
 *   - option parsing (u_getopt, POSIX getopt rules) and error messages.
 */
#ifndef AXOS_ULIB_H
#define AXOS_ULIB_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "axos.h"

typedef struct UStream UStream;

/* The calling process's standard streams (created on first use). */
UStream *u_stdin(void);
UStream *u_stdout(void);
UStream *u_stderr(void);

/* Open path with an fopen-style mode ("r", "w", "a", "r+"...); NULL on
 * error with *err (may be NULL) set. */
UStream *u_fopen(const char *path, const char *mode, SyscallError *err);
/* Wrap an fd; mode as u_fopen. The stream owns the fd. */
UStream *u_fdopen(int fd, const char *mode);
/* Flush and close (the fd too). Returns 0 or -AX_*. */
int u_fclose(UStream *s);
int u_fflush(UStream *s);
int u_fileno(UStream *s);

/* Output. Return bytes written or a negative -AX_* on error. */
int u_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int u_eprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int u_fprintf(UStream *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int u_vfprintf(UStream *s, const char *fmt, va_list ap);
int u_fputs(const char *str, UStream *s);
int u_puts(const char *str); /* str and a newline to stdout */
int u_putc(int c, UStream *s);
size_t u_fwrite(const void *buf, size_t n, UStream *s);

/* Input. u_getc returns the byte or -1 at EOF/error. u_getline reads a
 * line with its '\n' into *line (grown with xrealloc) and returns its
 * length, or -1 at EOF. */
int u_getc(UStream *s);
int64_t u_getline(char **line, size_t *cap, UStream *s);
size_t u_fread(void *buf, size_t n, UStream *s);
bool u_feof(UStream *s);
bool u_ferror(UStream *s);

/* Process heap. On exhaustion x* print "out of memory" and exit 1. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
void xfree(void *p);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* POSIX getopt over argv; state in the struct, so it is reentrant.
 * Initialise with U_GETOPT_INIT. Returns the option char, '?' for an
 * unknown option or missing argument (after printing a message), -1 at
 * the first non-option or after "--". */
typedef struct UGetopt {
    int ind;    /* next argv index, starts at 1 */
    int opt;    /* the option character last seen */
    char *arg;  /* its argument */
    int pos;    /* position inside a cluster like -abc */
} UGetopt;
#define U_GETOPT_INIT {1, 0, NULL, 0}
int u_getopt(UGetopt *g, int argc, char **argv, const char *optstring);

/* "prog: what: No such file or directory" to stderr. */
void u_perror(const char *prog, const char *what, SyscallError err);

/* Flush the streams and exit. */
_Noreturn void u_exit(int status);

/* Is fd a terminal (sys_tcgetattr succeeds)? */
bool u_isatty(int fd);

#endif
