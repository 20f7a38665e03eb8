/* ulib: the small runtime library programs inside axos are built on.
 * It uses only include/axos.h. Its state is per process (behind sys_tls),
 * because programs share their static variables across processes.
 *
 *   - buffered streams over fds (u_stdout is line-buffered when fd 1 is a
 *     terminal, fully buffered otherwise; u_stderr is unbuffered), flushed
 *     at exit by the exit hook;
 *   - a heap per process (u_malloc, xmalloc and friends) in chunks the
 *     kernel frees whenever the process dies;
 *   - option parsing (u_getopt, POSIX getopt rules) and error messages.
 *
 * ulib owns the process's sys_tls() slot and its sys_set_exit_hook() hook:
 * a program built on ulib must not take them for itself (the user area,
 * u_area, has room for libraries and the program). Every function
 * here must run inside an axos process, except the pure ones marked
 * "(pure)", which make no syscall and work on the host too.
 */
#ifndef AXOS_ULIB_H
#define AXOS_ULIB_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "axos.h"
#include "canon.h"

typedef struct UStream UStream;

/* The calling process's standard streams on fds 0, 1 and 2, created on
 * first use (the first use of any stream also registers the exit hook that
 * flushes them all). Exits with status 1 if memory runs out. */
UStream *u_stdin(void);
UStream *u_stdout(void);
UStream *u_stderr(void);

/* Open path with an fopen-style mode: "r" (read), "w" (create/truncate),
 * "a" (create/append), each with an optional "+" for both directions;
 * files are created with mode 0666 less the umask. Returns the stream, or NULL with *err
 * (may be NULL) set to sys_open's error or AX_EINVAL for a bad mode. A
 * stream on a terminal is line-buffered, any other fully buffered. */
UStream *u_fopen(const char *path, const char *mode, SyscallError *err);
/* Wrap an fd; mode as u_fopen (only its direction counts). The stream
 * owns the fd. NULL for a bad mode or negative fd. */
UStream *u_fdopen(int fd, const char *mode);
/* Flush and close (the fd too) and free s, whatever the result. Returns 0,
 * or the first -AX_* of the flush and the close. Closing a standard
 * stream is allowed: the next u_stdout() etc. makes a new one. */
int u_fclose(UStream *s);
/* Write out what s holds (NULL: every stream). Returns 0 or -AX_* of the
 * write; on error the pending bytes are dropped and u_ferror(s) is set. */
int u_fflush(UStream *s);
/* s's fd, or -AX_EBADF for NULL. */
int u_fileno(UStream *s);

/* Output. The printf family formats with the host's vsnprintf (any
 * length) and returns the bytes written or -AX_EIO / -AX_EINVAL; u_putc
 * returns the byte or -1; u_fwrite returns n, or 0 on error. A failed
 * write sets the stream's error flag (u_ferror). Big writes (at least
 * U_BUFSIZ) bypass the buffer. u_eprintf writes to u_stderr(). A printf
 * to stderr first flushes stdout, as GNU's error() does, so that messages
 * and output stay in order on a shared terminal or pipe. */
int u_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int u_eprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int u_fprintf(UStream *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int u_vfprintf(UStream *s, const char *fmt, va_list ap);
int u_fputs(const char *str, UStream *s);
int u_puts(const char *str); /* str and a newline to stdout */
int u_putc(int c, UStream *s);
size_t u_fwrite(const void *buf, size_t n, UStream *s);

/* Input. u_getc returns the byte or -1 at EOF/error. u_getline reads a
 * line with its '\n' (if any: the last line may lack it) into *line
 * (NUL-terminated, grown with xrealloc; *line NULL with *cap 0 to start)
 * and returns its length, or -1 at EOF or error. u_fread blocks until n
 * bytes or EOF and returns the count. End of file is sticky. Before a read
 * blocks, a line-buffered stdout is flushed, so prompts show. */
int u_getc(UStream *s);
int64_t u_getline(char **line, size_t *cap, UStream *s);
size_t u_fread(void *buf, size_t n, UStream *s);
bool u_feof(UStream *s);
bool u_ferror(UStream *s);

/* ---- The heap: a user-space allocator per process ----
 * Memory comes from the kernel in chunks (sys_heap_alloc), so it counts
 * against the process's memory limit and the kernel frees it when the
 * process dies, however it dies, in O(chunks). Within the chunks blocks
 * are handed out with no syscall. Blocks are 16-byte aligned. Nothing is
 * shared between processes: each has its own heap, reached through its
 * user area (u_area below).
 *
 * u_malloc returns uninitialised memory (junk-filled in sanitizer builds,
 * so code that reads it before writing shows up there); u_calloc zeroes.
 * n == 0 gives a unique minimum-size block. They return NULL when memory
 * runs out (the process's limit, the system's, or outside a process).
 * u_realloc(NULL, n) is u_malloc(n); otherwise it resizes in place when
 * the block or its free neighbour has room (a large block through
 * sys_heap_realloc, which the host may grow in place), or moves it,
 * keeping min(old, n) bytes; NULL leaves p untouched. u_realloc(p, 0)
 * shrinks p to the minimum block and returns it. u_memalign(align, n)
 * gives a block aligned to align bytes (a power of two, any size: the
 * POSIX layer's posix_memalign and aligned_alloc check their own rules
 * first); NULL for an align that is not a power of two, or no memory.
 * u_free(NULL) does nothing. u_malloc_usable_size gives the bytes the
 * block really holds (at least what was asked), which the caller may use.
 * A double free or a pointer that is not a live block of the calling
 * process is undefined behaviour; the double frees the heap notices
 * print "ulib heap: ..." on fd 2 and end the process with SIGABRT.
 * In sanitizer builds free space and the slack past each request are
 * ASan-poisoned, so overruns and use after free are reported. */
void *u_malloc(size_t n);
void *u_calloc(size_t count, size_t size);
void *u_realloc(void *p, size_t n);
void *u_memalign(size_t align, size_t n);
void u_free(void *p);
size_t u_malloc_usable_size(void *p);

/* The same for programs that have no use for a NULL: on exhaustion "out
 * of memory" goes to fd 2 and the process exits with status 1, so these
 * never return NULL. Size 0 is taken as 1. xmalloc does not zero. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
void xfree(void *p);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Merge the freed small blocks the heap keeps for reuse (it does so
 * itself before asking the kernel for more), so that chunks left empty go
 * back to the kernel; the newest chunk and the first are kept. */
void u_heap_trim(void);

/* What the heap holds, from u_heap_check (for tests and tools). */
typedef struct UHeapStats {
    size_t chunks;        /* kernel blocks: chunks of small blocks and large blocks */
    size_t chunk_bytes;   /* their sizes, in bytes */
    size_t large_blocks;  /* of the chunks, those holding one large block */
    size_t used_blocks;   /* blocks in use, large ones included */
    size_t used_bytes;    /* their sizes (headers included) */
    size_t free_blocks;   /* free blocks in the chunks */
    size_t free_bytes;
    size_t cached_blocks; /* freed small blocks kept on quick lists for reuse */
} UHeapStats;

/* Walk the calling process's heap and check its structure: block sizes
 * and flags, boundary tags, that no two free blocks touch, that every free
 * block is on the list its size maps to and the lists hold nothing else.
 * Fills *out (may be NULL). Returns 0 when consistent, -1 otherwise;
 * a process with no heap yet has an empty one. Costs O(blocks). */
int u_heap_check(UHeapStats *out);

/* ---- The user area: per-process state for runtime libraries ----
 * A program's static variables are shared by every process running it,
 * so a runtime library keeps its per-process state behind the process's
 * sys_tls() slot. ulib owns that slot (and sys_set_exit_hook): it points
 * at the user area, which lives at the start of the heap's first chunk
 * and is made, zeroed, with the heap on first use. Libraries built on ulib
 * take a field each and must not take the slot or the hook themselves. */
typedef struct UArea {
    void *posix;    /* the POSIX layer's state (posix/) */
    void *program;  /* the program's own: free for it to use */
    void *ulib;     /* ulib's streams (private to ulib) */
    void *spare[5]; /* zero: room to grow without moving the others */
} UArea;

/* The calling process's user area, made on first use; NULL only when
 * the kernel refuses the heap's first chunk or outside a process. */
UArea *u_area(void);

/* Run fn when the calling process exits through sys_exit, u_exit or a
 * return from main (not when a signal kills it), before ulib flushes its
 * streams; the last registered runs first, each once. A library needing
 * more (the POSIX layer's atexit) keeps its own list and registers one
 * function here. Returns 0, or -AX_ENOMEM when U_ATEXIT_MAX are
 * registered already or the area cannot be made. */
#define U_ATEXIT_MAX 8
int u_atexit(void (*fn)(void));

/* POSIX getopt over argv; state in the struct, so it is reentrant.
 * Initialise with U_GETOPT_INIT. Returns the option char, '?' for an
 * unknown option or missing argument (after printing a message), -1 at
 * the first non-option or after "--". */
typedef struct UGetopt {
    int ind;    /* next argv index, starts at 1 */
    int opt;    /* the option character last seen */
    char *arg;  /* its argument */
    int pos;    /* position inside a cluster like -abc */
    int started; /* u_getopt_long: argv has been put in order */
    int prog_try; /* set to 1 for diffutils' "PROG: Try 'PROG --help'..." */
} UGetopt;
#define U_GETOPT_INIT {1, 0, NULL, 0, 0, 0}
int u_getopt(UGetopt *g, int argc, char **argv, const char *optstring);

/* A long option for u_getopt_long: "--name", "--name=ARG" or "--name ARG".
 * Tables end with an entry whose name is NULL. */
#define U_NO_ARG 0  /* takes no argument */
#define U_REQ_ARG 1 /* needs one: "--name=ARG" or "--name ARG" */
#define U_OPT_ARG 2 /* may have one, only as "--name=ARG" */
typedef struct ULongOpt {
    const char *name; /* without the "--" */
    int has_arg;      /* U_NO_ARG / U_REQ_ARG / U_OPT_ARG */
    int val;          /* what u_getopt_long returns for it: a short option
                         letter it stands for, or a code above 255 */
} ULongOpt;

/* GNU getopt_long for the bundled programs. As u_getopt, plus:
 *   - long options from longopts (may be NULL), matched exactly or by an
 *     unambiguous prefix ("--verb" for "--verbose");
 *   - "--help" and "--version" for every program: they print the usage
 *     (from the program's manual page, see u_help) or "NAME (axos) VERSION"
 *     to stdout and exit with status 0;
 *   - the GNU order: options may follow operands (`ls dir -l`); argv is
 *     reordered on the first call so that every option comes first and
 *     g->ind ends at the first operand. An optstring that starts with '+'
 *     stops at the first operand instead (env, nice, xargs: the options
 *     after COMMAND are COMMAND's);
 *   - after an error message (GNU wording: "invalid option -- 'x'",
 *     "unrecognized option '--foo'", "option '--foo' requires an
 *     argument"...) it prints "Try 'PROG --help' for more information."
 *     and returns '?'; with ':' (after any '+') it prints nothing and
 *     returns '?' (':' for a missing argument of a short option).
 * optstring's "x::" gives x an optional argument, attached only ("-xARG").
 * A matched long option sets g->arg (NULL without one) and returns val. */
int u_getopt_long(UGetopt *g, int argc, char **argv, const char *optstring,
                  const ULongOpt *longopts);

/* For programs that parse their own arguments (echo, true, printf...):
 * when "--help" or "--version" is the only argument, answer it as
 * u_getopt_long does and exit with status 0; otherwise do nothing. */
void u_std_options(int argc, char **argv);

/* The usage error of a program: "PROG: MESSAGE" and "Try 'PROG --help' for
 * more information." on stderr, as coreutils prints it. */
void u_usage_error(const char *prog, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* For programs that take exactly two file operands (comm, join): true
 * when argv[ind] and argv[ind + 1] are the last arguments; otherwise the
 * usage error coreutils gives ("missing operand", "missing operand after
 * 'A'", "extra operand 'C'") and false. */
bool u_two_operands(const char *prog, int argc, char **argv, int ind);

/* One page of the bundled manual (userland/man/FILE, compiled in). The
 * names it answers to are those of its NAME section: "test, [ - ...". */
typedef struct UManPage {
    const char *file; /* "cat.1" */
    int section;      /* 1: commands and builtins */
    const char *text; /* NAME, SYNOPSIS, DESCRIPTION, OPTIONS... sections */
} UManPage;

/* (pure) Every page, sorted by file name; *n gets the count. */
const UManPage *u_man_pages(size_t *n);
/* (pure) The page for name (section 0: any), or NULL. */
const UManPage *u_man_find(const char *name, int section);
/* (pure) Does page list name in its NAME section? */
bool u_man_names(const UManPage *page, const char *name);

/* Print a program's --help to stdout, made from its manual page: "Usage:"
 * and the SYNOPSIS lines, the first paragraph of the DESCRIPTION, the
 * OPTIONS, then --help and --version. prog may be a path (its last
 * component names the page). */
void u_help(const char *prog);
/* Print "NAME (axos) VERSION" to stdout. */
void u_version(const char *prog);

/* "prog: what: No such file or directory" to stderr; what NULL gives
 * "prog: No such file or directory". */
void u_perror(const char *prog, const char *what, SyscallError err);

/* Exit: the u_atexit functions run, then the streams are flushed. */
_Noreturn void u_exit(int status);

/* Is fd a terminal (sys_tcgetattr succeeds)? */
bool u_isatty(int fd);

/* ---- Additions beyond the first contract (used by the bundled programs) ---- */

/* Buffering modes for u_setvbuf. */
#define U_IONBF 0 /* unbuffered: every write is a syscall */
#define U_IOLBF 1 /* line-buffered: flushed at each '\n' */
#define U_IOFBF 2 /* fully buffered: flushed when the buffer fills */
#define U_BUFSIZ 16384 /* bytes in a stream buffer */

/* Change s's output buffering (flushes what is pending first).
 * Returns 0 or -AX_EINVAL for an unknown mode. */
int u_setvbuf(UStream *s, int mode);

/* Open an input operand the coreutils way: "-" is u_stdin(), anything else
 * is u_fopen(path, "r"). Close it with u_input_close, which leaves stdin
 * open. NULL on error with *err set. */
UStream *u_input_open(const char *path, SyscallError *err);
void u_input_close(UStream *s);

/* The file operands of a filter: argv[first..argc) or, when there are
 * none, the single operand "-" (stdin). *n gets their count. */
char *const *u_operands(int argc, char **argv, int first, size_t *n);

/* Open an operand for reading as an fd: "-" is fd 0 (not to be closed),
 * anything else sys_open(path, AX_O_RDONLY). Returns the fd or -AX_*. */
int u_open_operand(const char *path);

/* Read fd to its end into one heap block (*out, *len; free with xfree).
 * Returns AX_OK, or the read error with nothing allocated. */
SyscallError u_read_all(int fd, char **out, size_t *len);

/* head and tail options: -n [+-]N, -c [+-]N (N may have a size suffix:
 * 2K, 1MB...), -q, -v, -z, their long forms, and the old "-N" (and, for
 * tail, "+N") as the first argument; tail also takes -f, -F, -s SECONDS,
 * --pid=PID, --retry. */
typedef struct UCountOpts {
    bool bytes;      /* -c: count bytes, not lines */
    char sign;       /* '-' or '+' written before N, else 0 */
    uint64_t count;  /* N; 10 by default */
    int verbose;     /* -q: 0, -v: 1, neither: -1 (headers with several files) */
    char delim;      /* the line end: '\n', or '\0' with -z */
    int follow;      /* tail: 0, 'd' (-f: the open file), 'n' (-F: the name) */
    bool retry;      /* tail --retry (and -F): wait for missing files */
    uint64_t sleep_ns; /* tail -s: between checks for growth; 1 s by default */
    int pid;         /* tail --pid: stop following once it has died; 0: never */
} UCountOpts;

/* Parse the options into *o, reporting errors as "prog: ...". Returns the
 * index of the first operand, or -1 after an error (exit status 1). */
int u_count_options(const char *prog, int argc, char **argv, bool is_tail, UCountOpts *o);

/* Write n bytes of buf to standard output (fd 1, after flushing
 * u_stdout), as head and tail copy their input. A write error is the
 * output's, not the input's: it is reported as GNU coreutils 9 does,
 * "prog: write error: ...", and ends the program with status 1, as GNU
 * head and tail stop at the first write error. */
void u_put_stdout(const char *prog, const char *buf, size_t n);

/* Run fn on each operand opened as an fd (see u_open_operand), printing
 * "==> NAME <==" headers between them when headers is set, as head and
 * tail do. Open and fn errors are reported as "prog: cannot open 'NAME'
 * for reading: ..." / "prog: error reading 'NAME': ..." and make the
 * result 1; otherwise 0. */
typedef SyscallError (*UInputFn)(int fd, void *ctx);
int u_each_input(const char *prog, char *const *files, size_t n, bool headers, UInputFn fn,
                 void *ctx);

/* Run fn on each operand opened as a stream (see u_input_open), as the
 * line filters do: an operand that cannot be opened or read is reported
 * as "prog: NAME: error" (a directory as "Is a directory") and makes the
 * result 1, as does fn returning non-zero; otherwise 0. */
typedef int (*UStreamFn)(UStream *in, const char *name, void *ctx);
int u_each_stream(const char *prog, char *const *files, size_t n, UStreamFn fn, void *ctx);

/* As u_getline, for lines ended by the byte delim (kept in the line). */
int64_t u_getdelim(char **line, size_t *cap, int delim, UStream *s);

/* The "SOURCE DEST" / "SOURCE... DIRECTORY" operands of cp, mv and
 * install: checks the count and that several sources go into a directory
 * (reporting, as "prog: ...", what is wrong, and returning 1), then calls
 * fn for each source with its target (DIRECTORY/basename when DEST is a
 * directory). target_dir (-t DIR) makes every operand a source that goes
 * into DIR; no_target_dir (-T) takes DEST as it is even when it is a
 * directory. Returns the OR of fn's results. */
typedef int (*UTargetFn)(const char *src, const char *dst, void *ctx);
int u_each_target(const char *prog, int argc, char **argv, int first, const char *target_dir,
                  bool no_target_dir, UTargetFn fn, void *ctx);

/* Run the program name (looked up in $PATH, "/bin" when it is unset; a
 * name with a '/' as it is) with argv, the caller's environment and fds,
 * after flushing the caller's streams, and wait for it. Returns AX_OK with
 * *wstatus (may be NULL) set to its waitpid status, AX_ENOENT when no
 * program was found, or the error of sys_spawn / sys_waitpid. */
SyscallError u_run(const char *name, char *const argv[], int *wstatus);

/* The program name would run: looked up in $PATH ("/bin" when it is
 * unset), or name itself when it has a '/'. In the heap, or NULL when
 * there is none. */
char *u_find_program(const char *name);

/* A signal given as "9", "KILL", "SIGKILL" or "kill": its number, or -1. */
int u_parse_signal(const char *spec);

/* The answer to a prompt the caller has written to stderr (rm -i, cp -i,
 * mv -i): reads a line from stdin; true when it starts with y or Y. End
 * of file is a no. */
bool u_yes(void);

/* u_unescape flags and results. */
#define U_ESC_OCTAL0 0x1 /* octal is \0NNN (echo -e, printf %b), not \NNN */
#define U_ESC_QUOTES 0x2 /* \" and \' stand for the quote (printf) */
#define U_ESC_STOP_C 0x4 /* \c means "stop all output" (echo, printf) */
#define U_ESC_STOP (-1)  /* \c with U_ESC_STOP_C */
#define U_ESC_NONE (-2)  /* not an escape this program knows */

/* (pure) Decode the backslash escape whose text starts at s (just past the
 * backslash): \a \b \e \f \n \r \t \v \\, \xH or \xHH, octal as flags
 * say, and what flags add. Returns the byte (0..255) and sets *used to the
 * characters it took, or returns U_ESC_STOP / U_ESC_NONE (*used 1 / 0). */
int u_unescape(const char *s, int flags, size_t *used);

/* Write all n bytes to fd, retrying short writes. Returns 0 or -AX_*. */
int u_write_all(int fd, const void *buf, size_t n);

/* (pure) Decimal digits of v into buf (at least 21 bytes, NUL-terminated);
 * returns their count. Faster than snprintf for the hot loops of seq/wc. */
size_t u_utoa(uint64_t v, char *buf);

/* (pure) Parse a whole string as a decimal integer (a leading '+' or '-'
 * allowed, no trailing junk). Returns false on junk, empty input or
 * overflow, leaving *out alone. */
bool u_parse_i64(const char *s, int64_t *out);

/* (pure) A size with an optional GNU suffix: K M G T P E (powers of 1024,
 * also written KiB...), kB MB GB... (powers of 1000), b (512), c (1), w
 * (2). Returns false on junk, a negative or empty number, or overflow. */
bool u_parse_size(const char *s, uint64_t *out);

/* (pure) A duration as sleep and timeout take it: a decimal number
 * ("1.5") with an optional unit s, m, h or d, into ns. Durations past
 * 2^64 ns come out as UINT64_MAX. Returns false on junk. */
bool u_parse_duration(const char *s, uint64_t *ns);

/* (pure) v bytes as ls -h shows them: "999", "1.1K", "12M" (powers of
 * 1024, rounded up, one decimal below 10). Returns the length written
 * (snprintf's). */
size_t u_human_size(uint64_t v, char *buf, size_t size);

/* (pure) Version order, as ls -v and sort -V use it: runs of digits
 * compare as numbers, "~" sorts before anything, letters before other
 * bytes, file suffixes (".tar.gz") count last. strcmp's sign convention. */
int u_strverscmp(const char *a, const char *b);
/* (pure) The version order of two byte ranges (no file-suffix rule: sort
 * -V's key comparison). */
int u_strverscmp_n(const char *a, size_t alen, const char *b, size_t blen);

/* Sort n elements of size bytes at base, stably (equal elements keep
 * their order), with a comparator that gets ctx: a merge sort with one
 * scratch array from the heap. */
void u_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *, void *),
            void *ctx);

/* "dir/name" in the heap (no doubled '/'); free with xfree. */
char *u_path_join(const char *dir, const char *name);

/* The last component of path in the heap, trailing slashes ignored
 * ("a/b/" gives "b", "/" gives "/"); free with xfree. */
char *u_path_base(const char *path);

/* path made absolute against the cwd with "." and ".." resolved (as
 * names, since axos has no symlinks), in the heap; free with xfree. */
char *u_path_abs(const char *path);

/* Is path an installed program (not a directory, some execute bit)? */
bool u_is_program(const char *path);

/* Search a PATH-style list ("/bin:/usr/bin"; an empty entry is ".") for
 * program name, starting at *cursor (set it to path_list first). Returns
 * the next hit in the heap and advances *cursor past it, or NULL when the
 * list is used up. A name with a '/' is only checked itself. */
char *u_path_lookup(const char *name, const char *path_list, const char **cursor);

/* The value of environment variable name in the heap, or NULL if unset. */
char *u_getenv(const char *name);

/* The index-th "NAME=value" entry of the environment in the heap, or NULL
 * past the end (see sys_environ). */
char *u_environ(size_t index);

/* Broken-down UTC time, the fields of struct tm. */
typedef struct UTm {
    int year;  /* e.g. 2026 */
    int mon;   /* 0..11 */
    int mday;  /* 1..31 */
    int hour, min, sec;
    int wday;  /* 0 = Sunday */
    int yday;  /* 0..365 */
    long nsec; /* 0..999999999 */
} UTm;

/* (pure) Split ns since 1970 (UTC) into fields; no time zones. */
void u_gmtime(int64_t ns, UTm *tm);

/* (pure) Seconds since 1970 of tm's date and time (UTC), the inverse of
 * u_gmtime; mon outside 0..11 carries into the year, mday, hour, min and
 * sec outside their ranges carry as well (mday 0 is the last day of the
 * month before). wday, yday and nsec are not read. */
int64_t u_timegm(const UTm *tm);

/* (pure) A date as date -d and touch -d read it, into ns since 1970 (UTC;
 * axos has no time zones). now_ns (ns since 1970) is what the relative
 * parts count from. Accepts, separated by blanks or commas: "@SECONDS",
 * "now", "today", "yesterday", "tomorrow", "midnight", "noon";
 * YYYY-MM-DD (optionally followed by T and a time), MM/DD[/YYYY], month
 * names ("Jan 2 2025", "2 January 2025"); times HH:MM[:SS[.frac]] with an
 * optional am/pm; a zone "UTC", "GMT", "Z" or an offset "+HHMM" /
 * "-HH:MM"; day names ("monday", "next friday", "last sunday"); relative
 * items "[+|-]N UNIT [ago]", "next UNIT", "last UNIT" with UNIT one of
 * year, month, fortnight, week, day, hour, minute (min), second (sec) or
 * their plurals. A date without a time means its midnight. Returns false
 * (leaving *out alone) when s is not a date. */
bool u_parse_date(const char *s, int64_t now_ns, int64_t *out);

/* (pure) strftime-style formatting of tm into buf of size bytes, always
 * NUL-terminated; returns the length written (cut short at size - 1).
 * Supports %a %A %b %B %c %C %d %D %e %F %g %G %H %I %j %k %l %m %M %n %N
 * %p %P %r %R %s %S %t %T %u %U %V %w %W %y %Y %z %:z %Z %%, with the GNU
 * flags - (no padding), _ (spaces), 0 (zeros) and ^ (upper case) after the
 * '%'; unknown conversions are copied. */
size_t u_strftime(char *buf, size_t size, const char *fmt, const UTm *tm);

/* AX_CLOCK_BOOT_REALTIME (realtime minus the kernel clock): add it to a kernel
 * clock stamp (FileStat times, ProcInfo.start_ns) to get wall time. */
int64_t u_boot_realtime(void);

/* (pure) ls-style "drwxr-xr-x" for a FileStat mode into buf (11 bytes);
 * setuid, setgid and sticky show as s/S and t/T. */
void u_mode_string(uint32_t mode, char buf[11]);

/* One directory entry, as u_dir_read returns them. */
typedef struct UDirEnt {
    char *name;    /* in the heap */
    uint32_t type; /* AX_DT_* */
    uint64_t ino;
} UDirEnt;

/* Read every entry of the directory at path ("." and ".." excluded, sorted
 * by name, as sys_readdir gives them). Returns the count with *out set
 * (free with u_dir_free), or -AX_* (open / readdir errors: AX_ENOENT,
 * AX_ENOTDIR...) with *out NULL. */
int64_t u_dir_read(const char *path, UDirEnt **out);
/* u_dir_read that leaves the directory open: *fd is its fd on success (the
 * caller closes it), -1 on error. For ls, which looks at the entries
 * while the directory is open, as GNU ls does (so /proc/self/fd lists the
 * directory's own fd, and that fd is still there to look at). */
int64_t u_dir_read_open(const char *path, UDirEnt **out, int *fd);
void u_dir_free(UDirEnt *ents, size_t n);

/* ---- accounts.c: /etc/passwd and /etc/group ----
 * u_accounts_load reads both files once (a missing or unreadable file
 * gives no entries; lines that do not parse are skipped); the entries
 * point into the loaded text, valid until u_accounts_free. */
typedef struct UAccount {
    char *name;
    uint32_t id;        /* uid (passwd) or gid (group) */
    uint32_t gid;       /* passwd: the primary group */
    char *gecos, *home, *shell; /* passwd only */
    char *members;      /* group only: the comma-separated member names */
} UAccount;
typedef struct UAccounts {
    UAccount *users, *groups;
    size_t nusers, ngroups;
    char *text[2];
} UAccounts;
void u_accounts_load(UAccounts *a);
void u_accounts_free(UAccounts *a);
/* The first entry with this id or name, or NULL. */
const UAccount *u_user_by_id(const UAccounts *a, uint32_t uid);
const UAccount *u_user_by_name(const UAccounts *a, const char *name);
const UAccount *u_group_by_id(const UAccounts *a, uint32_t gid);
const UAccount *u_group_by_name(const UAccounts *a, const char *name);
/* Does group g list user among its members? */
bool u_group_has_member(const UAccount *g, const char *user);
/* A user (user true) or group name, or a decimal id, to *id: false when
 * it is neither a known name nor a number. */
bool u_account_id(const UAccounts *a, bool user, const char *s, uint32_t *id);
/* The name of uid or gid, or its decimal form in buf when it has none. */
const char *u_account_name(const UAccounts *a, bool user, uint32_t id, char buf[12]);

/* The mode a file with mode cur (type bits included) gets from the mode
 * string s: octal ("755", "4755") or symbolic ("u+x,go-w", "a=rX", "g=u";
 * POSIX chmod's [ugoa]*[-+=][rwxXst]*|[ugo] clauses). Without u, g, o or
 * a the bits set in umask are left alone; a directory keeps its setuid
 * and setgid bits unless the mode names them (GNU). Returns false when s
 * is not a valid mode. (pure) */
bool u_mode_apply(const char *s, uint32_t cur, uint32_t umask, uint32_t *out);

/* ---- Full-screen programs (less, vi): the terminal in raw mode ---- */

/* Keys u_term_key returns: a byte (0-255), one of these for the escape
 * sequences of special keys, or -1 at the end of input. */
#define U_KEY_NONE 0x100 /* a sequence for no key known here */
#define U_KEY_UP 0x101
#define U_KEY_DOWN 0x102
#define U_KEY_LEFT 0x103
#define U_KEY_RIGHT 0x104
#define U_KEY_HOME 0x105
#define U_KEY_END 0x106
#define U_KEY_PGUP 0x107
#define U_KEY_PGDN 0x108
#define U_KEY_DEL 0x109

typedef struct UTerm {
    int fd;          /* the terminal: stdin when it is one, else /dev/tty */
    bool own_fd;     /* fd was opened here */
    bool raw;        /* raw mode is on: saved is to be put back */
    TermAttr saved;
    int rows, cols;  /* the window (24 x 80 when the terminal says nothing) */
    char buf[64];    /* bytes read and not yet taken as keys */
    size_t pos, len;
} UTerm;

/* Put the terminal in raw mode (no line editing, no echo, no CR to NL;
 * ^C ^Z ^\ still signals with keep_signals) and read its size. Keys typed
 * ahead stay. Returns 0 or -AX_* (AX_ENOTTY: no terminal; nothing
 * changed then). */
int u_term_open(UTerm *t, bool keep_signals);
/* Put the terminal's attributes back (and close /dev/tty). */
void u_term_close(UTerm *t);
/* Read the window's size again into t->rows, t->cols. */
void u_term_size(UTerm *t);
/* The next key: a lone ESC is 0x1b when nothing follows it in the same
 * read (so it never waits); ESC [ A and the like are U_KEY_*. */
int u_term_key(UTerm *t);

/* ---- Processes and the system, read from /proc as procps does
 * (ulib/procps.c: ps, top, pgrep, pkill, uptime, free) ---- */

typedef struct UProc {
    int pid, ppid, pgid, sid;
    int tpgid;            /* the terminal's foreground group, -1: no terminal */
    unsigned tty_nr;      /* Linux's device encoding; 0: none (see u_tty_name) */
    char state;           /* R S T Z */
    char comm[16];        /* the name (15 bytes at most) */
    char *cmdline;        /* argv joined by spaces; "" for a zombie */
    uint32_t ruid, euid, suid, rgid, egid;
    int nice;
    uint64_t utime, stime; /* CPU, clock ticks (100 a second) */
    uint64_t start;        /* started, ticks after boot */
    uint64_t vsize;        /* bytes */
    uint64_t rss;          /* pages of 4 KiB */
} UProc;
/* Every process /proc lists, sorted by pid, in *out (free with
 * u_procs_free) and *n. Processes that end while it reads are left out.
 * Returns AX_OK or the error opening /proc. */
SyscallError u_procs_read(UProc **out, size_t *n);
void u_procs_free(UProc *v, size_t n);
/* The width procps gives pid columns: the digits of the largest pid
 * (/proc/sys/kernel/pid_max less one), 5 when it cannot be read. */
int u_pid_width(void);
/* The terminal a tty_nr names as ps shows it: "pts/3", "console", "?". */
const char *u_tty_name(unsigned tty_nr, char buf[16]);

typedef struct USysInfo {
    uint64_t mem_total, mem_free, mem_available, buffers, cached, shared; /* bytes */
    uint64_t swap_total, swap_free;  /* bytes */
    uint64_t uptime_cs, idle_cs;     /* centiseconds (/proc/uptime) */
    char loads[3][16];               /* the load averages as written */
    int running, tasks;              /* /proc/loadavg's running/total */
    int64_t btime;                   /* boot, seconds of the epoch */
} USysInfo;
/* meminfo, uptime, loadavg and stat: AX_OK, or AX_ENOENT when /proc
 * cannot be read. */
SyscallError u_sysinfo_read(USysInfo *si);

/* ---- Passwords and account files (ulib/auth.c: su, passwd, login,
 * useradd, userdel, groupadd) ---- */

/* Write prompt to the terminal, read a line with echo off (the terminal's
 * attributes are put back), without its newline, into buf (cut to size).
 * The terminal is stdin when it is one, else /dev/tty, else stdin as it
 * is. false at end of input before any byte. */
bool u_read_password(const char *prompt, char *buf, size_t size);
/* user's hash in /etc/shadow (heap), or NULL (no entry, unreadable). */
char *u_shadow_hash(const char *user);
/* Take on user u for good, as login and su do: its groups (the primary
 * one and those of /etc/group listing it), gids and uids, real, effective
 * and saved. AX_OK or the first error (AX_EPERM: not root). */
SyscallError u_become(const UAccounts *a, const UAccount *u);
/* Does password match hash (crypt(3) of any method libcrypt knows)?
 * AX_OK; AX_EACCES for a wrong password, a locked hash ("!...", "*") or
 * none; AX_ENOSYS in a build without libcrypt. An empty hash takes only
 * the empty password. */
SyscallError u_password_check(const char *password, const char *hash);
/* A new yescrypt hash (default cost, salt from /dev/urandom) of password
 * in out (size bytes). AX_OK, AX_EINVAL (out too small), AX_ENOSYS. */
SyscallError u_password_hash(const char *password, char *out, size_t size);
/* Replace path by text[0..len) as a whole: written to "+NAME" beside it,
 * synced, given mode, owner root and group gid, then renamed over it.
 * AX_OK, or the first error (the old file is then untouched). */
SyscallError u_file_replace(const char *path, const char *text, size_t len, uint32_t mode,
                            uint32_t gid);
/* Days since 1970 by the kernel's clock (shadow(5)'s dates). */
int64_t u_days_now(void);
/* An account file's text (heap, NUL-terminated, ending in a newline when
 * not empty), or NULL. */
char *u_acct_read(const char *path);
/* /etc/passwd, /etc/shadow and /etc/group read with u_acct_read into
 * acct[0..2]: 0, or 1 after "PROG: cannot open the account files" (what
 * was read is freed, every acct[i] NULL). */
int u_acct_read_all(const char *prog, char *acct[3]);
/* The line of text whose first field is name: [*start, *end), newline
 * included. false when there is none. (pure) */
bool u_acct_find(const char *text, const char *name, size_t *start, size_t *end);
/* text with [start, end) replaced by line (NULL: removed), in the heap. */
char *u_acct_splice(const char *text, size_t start, size_t end, const char *line);
/* Field i (0 first) of a ':'-separated line and its length, or NULL.
 * (pure) */
const char *u_acct_field(const char *line, int i, size_t *len);
/* Is s a user or group name useradd takes ([a-z_][a-z0-9_-]*[$]?, at
 * most 32 bytes)? (pure) */
bool u_account_name_ok(const char *s);
/* The id a new account gets: one above the highest from 1000 up
 * (system: the highest free one below 1000), UINT32_MAX when none is
 * left. (pure) */
uint32_t u_account_next_id(const UAccounts *a, bool user, bool system);

#endif
