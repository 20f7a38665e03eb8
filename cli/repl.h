/* The axos REPL: a host program that boots one kernel, runs /bin/sh in
 * it, and bridges the host's terminal to the simulated console.
 *
 * Files:
 *   main.c      options, boot, the exit status
 *   output.c    the console sink: simulated stdout / stderr to the host's
 *   term.c      the host terminal's modes, signals, waiting on stdin
 *   script.c    stdin is not a terminal: feed it to the shell line by line
 *   session.c   stdin is a terminal: pass keys through while commands run
 *   edit.c      the prompt: libedit line editing and history
 *   complete.c  tab completion of command names and simulated paths
 *   gui.c       --gui: the desktop in an SDL window, a terminal in it
 *   accounts.c  the boot's password hashes (libcrypt) and the session's user
 *   programs.c  --program, --programs, --check-program: loaded programs
 *
 * The prompt. The simulated shell, started with -i, prints its own prompt
 * (PS1, PS2) as usual. When the shell then waits for console input in the
 * foreground, the REPL holds back the output after the last newline, the
 * prompt text, and hands it to libedit as libedit's prompt, so the prompt
 * shows once, is always the shell's, and continuation lines get PS2. The
 * shell needs to know nothing about the REPL. (AXOS_REPL is not used.)
 */
#ifndef AXOS_CLI_REPL_H
#define AXOS_CLI_REPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "axos.h"

typedef struct Buf {
    char *data;
    size_t len, cap;
} Buf;

void buf_add(Buf *b, const void *p, size_t n);
void buf_drop(Buf *b, size_t n); /* remove the first n bytes */
void buf_free(Buf *b);

/* accounts.c: who the session is (--user, --root, the passwords). */
typedef struct ReplAccounts {
    const char *user;          /* login name of the ordinary user */
    bool as_root;              /* --root: the session runs as root */
    const char *user_password; /* NULL: the user's name */
    const char *root_password; /* NULL: "root" */
    char user_hash[384], root_hash[384]; /* CRYPT_OUTPUT_SIZE each */
} ReplAccounts;
/* Fill cfg's account fields from acc, hashing the passwords with salts
 * drawn from seed. false when libcrypt cannot hash. */
bool accounts_config(KernelConfig *cfg, ReplAccounts *acc, uint64_t seed);

typedef struct Repl {
    Kernel *k;
    int shell_pid;
    bool virtual_clock;

    /* output.c */
    bool hold_tail;   /* keep a last partial line back: it may be the prompt */
    bool at_prompt;   /* libedit owns the screen: keep all output for later */
    Buf tail;         /* the partial line held back */
    int tail_stream;
    Buf held;         /* output kept while at the prompt: records of
                         (stream byte, 4-byte length, bytes) */
    bool col0;        /* the host cursor is at the start of a line */

    /* term.c / script.c / session.c */
    Buf in;           /* host stdin read but not yet given to the console */
    bool in_eof;
    int quit;         /* SIGTERM or SIGHUP came: stop the machine and leave */

    /* edit.c */
    struct EditState *edit;
    bool disk;           /* a disk is open (cli/disk.c) */
    bool disk_warned;    /* a failed timed sync was reported */
    uint64_t next_sync_ns; /* host monotonic ns of the next timed sync */

    /* complete.c: the line (hash) and cursor of the last ambiguous Tab,
     * so the second Tab in a row lists the matches (readline's way) */
    uint64_t tab_line_hash;
    size_t tab_cursor;
    bool tab_armed;
} Repl;

/* disk.c: --disk, --ephemeral, --import and --export */
#define DISK_MAX_COPIES 16
typedef struct DiskOptions {
    const char *path;    /* --disk FILE */
    bool ephemeral;      /* --ephemeral: no disk, whatever --disk said */
    char *imports[DISK_MAX_COPIES], *exports[DISK_MAX_COPIES];
    int nimports, nexports;
} DiskOptions;
/* Open the disk and copy the imports in; -1 after telling why. */
int disk_boot(Repl *r, const DiskOptions *o);
/* How long the host may wait before the next timed sync is due. */
uint64_t disk_wait_cap(Repl *r, uint64_t timeout_ns);
/* The timed sync, when it is due. */
void disk_tick(Repl *r);
/* Copy the exports out and close the disk (its last sync); -1 after
 * telling what failed. */
int disk_finish(Repl *r, const DiskOptions *o);

/* output.c */
void out_sink(void *ud, int stream, const void *buf, size_t n);
void out_write(Repl *r, int stream, const void *buf, size_t n); /* straight to the host */
void out_flush_tail(Repl *r);
/* Move the held-back partial line into prompt (replacing it). */
void out_take_tail(Repl *r, Buf *prompt);
/* Write what was kept while at the prompt; returns whether there was any. */
bool out_flush_held(Repl *r);
/* Start a new line on the host unless the cursor is already at one. */
void out_newline(Repl *r);

/* term.c */
enum { TERM_COOKED, TERM_PASS };
/* Set up the host terminal and signals; k is what a quit signal
 * (SIGTERM, SIGHUP; SIGINT without a terminal) interrupts. */
void term_init(Kernel *k, bool interactive);
void term_mode(int mode);
void term_restore(void);
/* Signal flags, taken (read and cleared). */
bool term_take_sigint(void);
/* SIGINT, SIGTSTP or SIGQUIT that reached axos (as AX_SIG*), or 0. */
int term_take_job_signal(void);
bool term_take_winch(void);
int term_take_quit(void); /* SIGTERM / SIGHUP that came (its number), or 0 */
/* The host window size onto the console. */
void term_sync_winsize(Kernel *k);
/* Wait until stdin is readable (true; only when watch_stdin, and not
 * after its end of file), timeout_ns passes, or a signal comes (false).
 * UINT64_MAX waits for ever. */
bool term_wait_input(Repl *r, uint64_t timeout_ns, bool watch_stdin);
/* Read what stdin has into r->in (at most one read); sets r->in_eof. */
void term_read_input(Repl *r);

/* Run what is ready to run (and due timers), then fill *cs. Returns
 * false once the shell has exited or axos was asked to quit. */
bool repl_step(Repl *r, ConsoleState *cs);

/* script.c / session.c: run until the shell exits. */
void run_script(Repl *r);
void run_session(Repl *r); /* with r->edit: the prompt; without: -c */

/* gui.c: axos --gui; returns the exit status (term's). */
int run_gui(Kernel *k, const char *command);

/* edit.c */
int edit_init(Repl *r, const char *argv0);
void edit_fini(Repl *r);
/* Show the prompt, read one line, give it to the console. */
void edit_line(Repl *r);

/* complete.c: tab completion at libedit's cursor. */
struct editline;
unsigned char complete_word(struct editline *el, int ch);

/* programs.c: load "FILE[:PATH]" / every *.so of a directory into k,
 * printing why on failure (0 or < 0); check one file alone (0 or 1). */
int cli_load_program(Kernel *k, const char *spec);
int cli_load_program_dir(Kernel *k, const char *dir);
int cli_check_program(const char *file);

#endif
