/*
 * sh.h — internals of /bin/sh, the axos shell.
 *
 * The shell is a program inside the simulation: it sees only "axos.h" and
 * "ulib.h". Every process running /bin/sh shares this code's static
 * variables, so there are none that change: all state lives in one Shell,
 * allocated on the process heap and passed to every function.
 *
 * Rooms of the shell, one file each:
 *   util.c      growable strings, arenas, messages
 *   input.c     where command text comes from (string, fd, terminal), prompts
 *   lexer.c     characters -> tokens (words.c scans the words)
 *   parser.c    tokens -> syntax tree (Node); compound.c: if, for, case...
 *   ast.c       copying and printing trees (function bodies, job names,
 *               the text handed to a re-executed shell)
 *   expand.c    word expansion: parameters, command substitution,
 *               arithmetic, field splitting, quote removal
 *   brace.c     brace expansion (bash)
 *   arith.c     $(( )) evaluation
 *   cond.c      [[ ]] and (( )) (bash)
 *   glob.c      pattern matching and pathname expansion
 *   exec.c      running trees; simple.c runs simple commands
 *   pipeline.c  pipelines, background lists, command substitution
 *   redir.c     redirections, in the shell or as spawn file actions
 *   subshell.c  the re-exec protocol (there is no fork; see there)
 *   jobs.c      job table, waiting, notices
 *   history.c   the history list and ! expansion
 *   vars.c      variables, functions, aliases
 *   array.c     array elements; vars_array.c arrays as variables
 *   text.c      UTF-8 counting, bash's quoting
 *   trap.c      traps and signal handling
 *   builtins*.c the builtins
 *   main.c      sh_main: options, the read-parse-execute loop
 */
#ifndef AXOS_SHELL_SH_H
#define AXOS_SHELL_SH_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "axos.h"
#include "ulib.h"

typedef struct Shell Shell;
typedef struct HashEnt HashEnt;

/* ======================================================================
 * util.c: strings, arenas, output
 * ====================================================================== */

/* A growable NUL-terminated byte string on the process heap. */
typedef struct StrBuf {
    char *s;
    size_t len, cap;
} StrBuf;

void sb_init(StrBuf *b);
void sb_free(StrBuf *b);
void sb_clear(StrBuf *b);
/* Make room for extra more bytes and the NUL (the slow path of the
 * inline appends below, which expansion calls for every byte). */
void sb_grow(StrBuf *b, size_t extra);
static inline void sb_putc(StrBuf *b, char c)
{
    if (b->len + 2 > b->cap)
        sb_grow(b, 1);
    b->s[b->len++] = c;
    b->s[b->len] = '\0';
}
static inline void sb_putn(StrBuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap)
        sb_grow(b, n);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}
/* n copies of c: the expander's quote flags, one per byte of a value */
static inline void sb_fill(StrBuf *b, char c, size_t n)
{
    if (b->len + n + 1 > b->cap)
        sb_grow(b, n);
    memset(b->s + b->len, c, n);
    b->len += n;
    b->s[b->len] = '\0';
}
void sb_puts(StrBuf *b, const char *s);
/* v in decimal into buf (at least 21 bytes, NUL-terminated); returns the
 * length. snprintf("%lld") costs ten times as much, and arithmetic
 * formats a number at every assignment. */
size_t sh_fmt_int(int64_t v, char *buf);
void sb_printf(StrBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(StrBuf *b, const char *fmt, va_list ap);
/* Hand the string over (caller xfrees it); b is empty afterwards. */
char *sb_take(StrBuf *b);
/* Append s quoted so the shell reads it back as one word ('a b' -> 'a b'). */
void sb_quote(StrBuf *b, const char *s);

/* Bump allocation for syntax trees: everything a parse makes is freed at
 * once, which also makes a syntax error (a longjmp out of the parser) leak
 * nothing. */
typedef struct ArenaChunk ArenaChunk;
typedef struct Arena {
    ArenaChunk *head;
} Arena;

void arena_init(Arena *a);
void arena_free(Arena *a); /* frees every chunk; the arena stays usable */
void *arena_alloc(Arena *a, size_t n); /* zeroed */
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);

/* A growable array of heap strings (argv building). */
typedef struct StrList {
    char **v;
    size_t n, cap;
} StrList;
void sl_init(StrList *l);
void sl_push(StrList *l, char *s); /* takes ownership of s */
void sl_free(StrList *l);          /* frees the strings too */
char **sl_terminate(StrList *l);   /* NUL-terminated view, still owned by l */

/* Write all of buf to fd, retrying short writes and EINTR. 0 or -AX_*. */
int sh_write_all(int fd, const char *buf, size_t n);
/* printf to an fd through one write. */
int sh_fdprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "sh: " + message + "\n" on fd 2. */
void sh_error(Shell *sh, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

bool sh_is_name(const char *s);            /* [A-Za-z_][A-Za-z0-9_]* */
size_t sh_name_len(const char *s);         /* length of the name prefix of s */
bool sh_parse_int(const char *s, int64_t *out); /* whole string, optional sign */
char *sh_strdup_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *sh_vformat(const char *fmt, va_list ap);
/* Append everything readable from fd until end of file (or an error). */
void sh_read_all(int fd, StrBuf *out);

#include "syntax.h"

/* ======================================================================
 * variables, functions, aliases (vars.c)
 * ====================================================================== */

#define VAR_EXPORT 0x1
#define VAR_READONLY 0x2
#define VAR_ARRAY 0x4   /* indexed array (bash): arr holds the elements */
#define VAR_ASSOC 0x8   /* associative array (bash): arr holds the elements */
#define VAR_INTEGER 0x10 /* declare -i: assignments are evaluated */

/* array.c: an array's elements. Indexed: sorted by idx, key NULL.
 * Associative: key and value, idx holds the key's hash bucket (the
 * order bash lists keys in, see array.c). */
typedef struct ArrElem {
    int64_t idx;
    char *key;
    char *val;
} ArrElem;

typedef struct VarArray {
    ArrElem *v;
    size_t n, cap;
    bool assoc;
} VarArray;

VarArray *arr_new(bool assoc);
void arr_free(VarArray *a);
void arr_clear(VarArray *a);
VarArray *arr_copy(const VarArray *a);
const char *arr_get(const VarArray *a, int64_t idx);
const char *arr_get_key(const VarArray *a, const char *key);
void arr_set(VarArray *a, int64_t idx, const char *val);
void arr_set_key(VarArray *a, const char *key, const char *val);
void arr_unset(VarArray *a, int64_t idx);
void arr_unset_key(VarArray *a, const char *key);
int64_t arr_next_index(const VarArray *a); /* one past the highest index */

typedef struct Var {
    char *name;
    char *value; /* NULL: declared (export x) but unset; arrays: NULL */
    VarArray *arr; /* VAR_ARRAY / VAR_ASSOC */
    unsigned flags;
    struct Var *next;
} Var;

#define VAR_BUCKETS 64

/* One level of bash's call stack: FUNCNAME[i] and BASH_SOURCE[i]. */
typedef struct CallFrame {
    const char *name;   /* the function, "source" for a . file, "main" for a script */
    const char *source; /* the file the function was defined in, or the . file */
} CallFrame;

typedef struct Func {
    char *name;
    char *source; /* BASH_SOURCE of its calls: where it was defined */
    Node *body;  /* a copy in its own arena */
    Arena arena;
    int refs;    /* calls running + 1 while defined */
    struct Func *next;
} Func;

typedef struct Alias {
    char *name, *value;
    struct Alias *next;
} Alias;

/* A `local` save: restored when the function returns. */
typedef struct LocalSave {
    char *name;
    char *value;
    VarArray *arr;
    unsigned flags;
    bool existed;
    struct LocalSave *next;
} LocalSave;

const char *var_get(Shell *sh, const char *name);
Var *var_lookup(Shell *sh, const char *name);
/* Set a variable; fails (message, -1) when it is readonly. */
int var_set(Shell *sh, const char *name, const char *value, unsigned add_flags);
int var_unset(Shell *sh, const char *name);
void var_import_env(Shell *sh);
/* The environment for a child: a NULL-terminated "NAME=value" array of
 * the exported variables, with extra (temporary assignments) over them.
 * Without extra it is a cached array the shell owns; with, it is built
 * in tmp, which the caller frees (sl_free) either way. */
char **var_env(Shell *sh, char **extra, size_t nextra, StrList *tmp);
/* Sorted array of all variables (caller xfrees the array). */
Var **var_sorted(Shell *sh, size_t *n);
bool var_local(Shell *sh, const char *name); /* true: made local now (not already in this call) */
/* Temporary assignments before a builtin or function: save a variable's
 * state on list (returns the new head); var_restore_temp puts all back. */
LocalSave *var_save_temp(Shell *sh, const char *name, LocalSave *list);
void var_restore_temp(Shell *sh, LocalSave *list);
void var_pop_locals(Shell *sh, LocalSave *upto);
/* "$name" for the special parameters ? $ ! # - 0..9 @ * is handled by expand.c;
 * this gives RANDOM, LINENO, SECONDS-like dynamic variables. */

/* Arrays as variables (array.c). name[sub]: sub is the subscript after
 * expansion; an indexed array's is evaluated as arithmetic (negative
 * counts from the end). Errors print a message and return -1 / NULL. */
Var *var_array(Shell *sh, const char *name, bool assoc); /* make name an array */
int var_set_elem(Shell *sh, const char *name, const char *sub, const char *val, bool append);
/* Value of name[sub]; *err set after a bad subscript. Heap string or NULL. */
char *var_get_elem(Shell *sh, const char *name, const char *sub, bool *err);
int var_unset_elem(Shell *sh, const char *name, const char *sub);
/* Values of name[@] in order (keys: their indexes or keys), into out. */
void var_elems(Shell *sh, const char *name, bool keys, StrList *out);
/* name=(words...) with words already expanded ("[k]=v" or plain).
 * how: ARR_ASSOC makes a new array associative; ARR_LITERAL takes every
 * word as a value (read -a, mapfile). */
#define ARR_ASSOC 0x1
#define ARR_LITERAL 0x2
int var_set_array(Shell *sh, const char *name, char **words, size_t n, bool append, int how);
/* "NAME" or "NAME[sub]" or "NAME+"... split: the name's length, and the
 * subscript's span when there is one. */
bool var_split_ref(const char *s, size_t *name_len, const char **sub, size_t *sub_len);
/* Value of a name as $name gives it (NAME, NAME[sub], specials). */
char *var_value_ref(Shell *sh, const char *ref, bool *err);
/* PIPESTATUS / FUNCNAME / BASH_SOURCE: bring the array up to date before name is read. */
void var_refresh_dynamic(Shell *sh, const char *name);
void sh_set_pipestatus(Shell *sh, const int *codes, int n);
/* Append declare -p's text for v (without the "declare -x " flags part). */
void var_print_value(StrBuf *b, const Var *v);

Func *func_get(Shell *sh, const char *name);
void func_define(Shell *sh, const char *name, const Node *body);
/* Push a call frame (name and source must outlive it) / pop the last. */
void frame_push(Shell *sh, const char *name, const char *source, bool func);
void frame_pop(Shell *sh, bool func);
int func_unset(Shell *sh, const char *name);
void func_release(Func *f);

const char *alias_get(Shell *sh, const char *name);
void alias_set(Shell *sh, const char *name, const char *value);
int alias_unset(Shell *sh, const char *name);

/* ======================================================================
 * jobs.c
 * ====================================================================== */

typedef enum ProcState { PS_RUNNING, PS_STOPPED, PS_DONE } ProcState;

typedef struct JobProc {
    int pid;
    ProcState state;
    int status; /* raw wait status once stopped or done */
} JobProc;

typedef struct Job {
    int id;       /* %N */
    int pgid;     /* 0 without job control */
    JobProc *procs;
    int nprocs;
    char *cmd;    /* text shown by jobs */
    bool async;   /* started with & (or continued with bg) */
    bool notified; /* its stop or end was reported */
    unsigned long touched; /* when it last went to the background or stopped */
    struct Job *next;
} Job;

Job *job_new(Shell *sh, const char *cmd, bool async);
void job_add_proc(Shell *sh, Job *j, int pid);
/* A command of the job that never started: it counts as exited with status. */
void job_add_done(Shell *sh, Job *j, int status);
/* Make j the current job (%+). */
void job_touch(Shell *sh, Job *j);
void job_free(Shell *sh, Job *j);
/* Wait for a foreground job: returns its status (128+sig for a signal).
 * A stopped job stays in the table with a notice. */
int job_wait_fg(Shell *sh, Job *j);
/* Block until job j is done (wait builtin); returns status, or 128+sig
 * when a trapped signal interrupts. */
int job_wait_done(Shell *sh, Job *j, bool *interrupted);
/* Reap whatever changed, without blocking. */
void job_reap(Shell *sh);
/* Print and drop finished background jobs (interactive notices). */
void job_notify(Shell *sh);
int job_status_code(int raw);
Job *job_find(Shell *sh, const char *spec, const char *who);
Job *job_by_pid(Shell *sh, int pid);
/* wait -n (bash): wait for one of cands (any job when n == 0) to end,
 * one already ended first; free it and return its status (*pid its last
 * process), 127 with none left, 128+N when trapped signal N came. */
int job_wait_any(Shell *sh, Job **cands, int n, int *pid);
bool job_done(const Job *j);
bool job_stopped(const Job *j);
void job_print(Shell *sh, Job *j, int fd, bool long_fmt);
int job_continue(Shell *sh, Job *j, bool fg);
int job_count_stopped(Shell *sh);
/* exit or ^D with stopped jobs: say so once; true when it did (stay). */
bool sh_exit_warn(Shell *sh);
/* SIGHUP then SIGCONT to every job left when the interactive shell ends. */
void job_hangup_all(Shell *sh);

/* ======================================================================
 * Shell state
 * ====================================================================== */

#define OPT_ERREXIT 0x01  /* -e */
#define OPT_XTRACE 0x02   /* -x */
#define OPT_NOGLOB 0x04   /* -f */
#define OPT_NOUNSET 0x08  /* -u */
#define OPT_MONITOR 0x10  /* -m: job control */
#define OPT_NOCLOBBER 0x20 /* -C */
#define OPT_VERBOSE 0x40  /* -v */
#define OPT_NOEXEC 0x80   /* -n */
#define OPT_PIPEFAIL 0x100 /* -o pipefail */
#define OPT_ALLEXPORT 0x200 /* -a */
/* bash's other set -o options: braceexpand acts, the rest are kept and
 * listed (and in $- and SHELLOPTS) but change nothing in axos */
#define OPT_BRACEEXPAND 0x400   /* -B, on by default */
#define OPT_HASHALL 0x800       /* -h, on by default */
#define OPT_INTCOMMENTS 0x1000  /* interactive-comments, on */
#define OPT_POSIX 0x2000        /* posix, on: axos's sh is bash --posix */
#define OPT_EMACS 0x4000
#define OPT_VI 0x8000
#define OPT_ERRTRACE 0x10000    /* -E */
#define OPT_FUNCTRACE 0x20000   /* -T */
#define OPT_HISTEXPAND 0x40000  /* -H */
#define OPT_HISTORY 0x80000
#define OPT_IGNOREEOF 0x100000
#define OPT_KEYWORD 0x200000    /* -k */
#define OPT_NOLOG 0x400000
#define OPT_NOTIFY 0x800000     /* -b */
#define OPT_ONECMD 0x1000000    /* -t */
#define OPT_PHYSICAL 0x2000000  /* -P */
#define OPT_PRIVILEGED 0x4000000 /* -p */
#define OPT_DEFAULTS (OPT_BRACEEXPAND | OPT_HASHALL | OPT_INTCOMMENTS | OPT_POSIX)

/* shopt options (bash), in Shell.shopts */
#define SHOPT_NULLGLOB 0x1
#define SHOPT_FAILGLOB 0x2
#define SHOPT_DOTGLOB 0x4
#define SHOPT_NOCASEGLOB 0x8
#define SHOPT_NOCASEMATCH 0x10
#define SHOPT_EXTGLOB 0x20
#define SHOPT_GLOBSTAR 0x40
#define SHOPT_EXPAND_ALIASES 0x80
#define SHOPT_LASTPIPE 0x100
#define SHOPT_XPG_ECHO 0x200

/* Option letters and `set -o` names (builtins_set.c). */
typedef struct ShOption {
    unsigned bit;
    char letter; /* 0: only a long name */
    const char *name;
} ShOption;
extern const ShOption sh_options[];
/* $-: the letters of the options on, in bash's order */
char *sh_option_letters(Shell *sh);
/* Keep the readonly SHELLOPTS (bash) equal to the set -o options on. */
void sh_update_shellopts(Shell *sh);

/* JUMP_INTR: an interactive shell was interrupted (^C, or its foreground
 * job died of SIGINT or SIGQUIT): the whole command line is abandoned,
 * through functions, eval and source, back to the prompt (bash). */
enum { JUMP_NONE, JUMP_BREAK, JUMP_CONTINUE, JUMP_RETURN, JUMP_ABORT, JUMP_INTR };

#define SH_HIST_MAX 500
#define SH_SIGFD 1023 /* write end of the signal self-pipe (see trap.c) */
#define SH_PRIVATE_FD 10 /* the shell's own fds live at or above this */
/* Bytes of task stack the shell lets recursion (function calls, eval,
 * nested commands and words, arithmetic) use before it refuses to go
 * deeper: an overflow would take the whole host process down. Tasks get
 * AX_DEFAULT_STACK_SIZE (256 KiB) unless the embedder asks for less; the
 * last quarter is left for the work below the deepest level (a syscall, a
 * builtin). About 400 levels of shell function recursion fit. */
#define SH_STACK_BUDGET (AX_DEFAULT_STACK_SIZE / 4 * 3)

#define SH_SPARE_BUFS 8

struct Shell {
    Var *vars[VAR_BUCKETS];
    uint64_t var_gen; /* bumps when an exported variable changes */
    StrList env_cache;
    uint64_t env_gen;
    Func *funcs;
    Alias *aliases;
    HashEnt *hash; /* remembered command locations (hash.c) */
    int64_t start_ns; /* monotonic clock at start: $SECONDS */
    LocalSave *locals; /* innermost first */
    LocalSave *local_frame; /* locals of the running function end here */

    char *arg0;
    char **args; /* $1..$n, heap strings */
    int nargs;

    int status;  /* $? */
    int last_bg; /* $! (0: none yet) */
    int pid;     /* $$: the top shell's pid, inherited by re-executed subshells */
    unsigned opts;
    unsigned shopts; /* SHOPT_* */
    bool interactive;
    char input_letter; /* $-'s last letter: 's' (stdin), 'c' (-c) or none (a script) */
    bool subshell;   /* a re-executed child */
    int lineno;      /* $LINENO: line of the command running */
    uint64_t rand;   /* $RANDOM state (bash's generator, see expand.c) */
    bool rand_seeded;
    int rand_last;
    StrBuf last_arg; /* $_: the last word of the last simple command */
    /* bash's PIPESTATUS and FUNCNAME, kept as plain values and made
     * into arrays only when a script looks at them (vars_array.c) */
    StrList dirstack; /* pushd's directories below the cwd, deepest first */
    int *pipestatus;
    int npipestatus, pipestatus_cap;
    CallFrame *frames; /* function calls and . files, innermost last */
    int nframes, frames_cap;
    int nfuncframes;   /* of which function calls: FUNCNAME is set while > 0 */
    const char *source_name; /* where the commands read now come from (BASH_SOURCE) */

    /* job control */
    bool jobctl;     /* children get their own groups, the terminal follows */
    int pgid;        /* the shell's own group */
    int ttyfd;       /* fd of the controlling terminal or -1 */
    Job *jobs;
    unsigned long job_seq; /* orders jobs by when they last went to the background */
    int cur_job, prev_job; /* ids of %+ and %- (0: none) */

    /* traps: NULL default, "" ignored, else the command */
    char *traps[AX_NSIG];
    bool sig_ignored_at_start[AX_NSIG];
    int sigpipe_r;     /* read end of the self-pipe, -1 before the first trap */
    bool in_trap;
    char *err_trap;        /* bash's ERR trap: run where set -e would act */
    int running_trap;      /* signal + 1 of the trap action running (EXIT: 1, ERR: AX_NSIG + 1), 0: none */
    int trap_saved_status; /* $? before that action: `return` (and `exit` in the EXIT trap) use it */
    bool intr_newline; /* JUMP_INTR came from a ^C the shell itself got */
    char *parent_traps[AX_NSIG]; /* a subshell: the parent's, for `trap` to list */
    bool traps_set;   /* a trap was set here: list only this shell's */
    bool exit_warned; /* "There are stopped jobs." was said */

    /* control flow */
    int jump;
    int jump_n;
    int loop_depth;
    unsigned loop_ticks; /* loop iterations, for exec.c's periodic yield */
    int func_depth;
    int source_depth; /* files being run by `.`: return ends them */
    int subst_status; /* status of the last command substitution, -1: none */
    bool errexit_off; /* a subshell of a condition: set -e is ignored */
    bool fatal_error; /* a special builtin's error ends the script (POSIX 2.8.1) */
    bool syntax_error; /* the text eval or . ran had a syntax error */
    int eval_depth;    /* evals running */

    int getopts_pos; /* getopts: position inside an option cluster */
    int getopts_ind; /* getopts: the OPTIND that position belongs to */

    /* history of interactive lines */
    char **hist;
    int hist_n;
    int hist_base; /* number of the first entry kept */

    Input *input;   /* input being run (for `read` sync) */
    uintptr_t stack_base; /* address near the top of the task's stack */
    const char *script_name; /* for messages, NULL: "sh" */

    /* expand.c: empty buffers kept between expansions, so expanding a
     * word does not allocate its two buffers afresh each time */
    StrBuf spare_bufs[SH_SPARE_BUFS];
    int nspare_bufs;
};

Shell *sh_new(void);
/* Run every complete command from in. Returns the last status. Stops
 * early on exit/return jumps and, in a non-interactive shell, at a syntax
 * error (status 2). */
int sh_run_input(Shell *sh, Input *in, int first_line);
/* Parse and run a string in the current shell (eval, traps, -c). */
int sh_run_string(Shell *sh, const char *text, int lineno);
/* Interactive: COLUMNS and LINES follow the terminal's size. */
void sh_check_winsize(Shell *sh);
/* Run the EXIT trap, then end the process with status. */
_Noreturn void sh_exit(Shell *sh, int status);

/* Has recursion used up SH_STACK_BUDGET of the task's stack? Every
 * recursive part of the shell (parser, words, expansion, arithmetic,
 * globbing, running commands) asks before it goes deeper. */
bool sh_stack_low(Shell *sh);
/* The same, for running commands: says so and abandons the command line
 * (JUMP_ABORT) when the stack is low. */
bool sh_stack_ok(Shell *sh);

/* exec.c */
#define EX_NOERREXIT 0x1 /* a condition: set -e does not apply */
#define EX_LAST 0x2      /* nothing runs after this in this process */
int sh_exec(Shell *sh, const Node *n, int flags);
int sh_exec_simple(Shell *sh, const Node *n, int flags);
int sh_call_function(Shell *sh, Func *f, int argc, char **argv, int flags);
/* NAME=value words to "NAME=value" strings; 0 or 1 after an error. */
int sh_expand_assigns(Shell *sh, const Word *w, StrList *out);
/* NAME=value, NAME+=value or NAME[sub]=value (ref is "NAME" or
 * "NAME[sub]"), with declare -i's arithmetic; flags added. 0 or -1. */
int sh_assign_value(Shell *sh, const char *ref, const char *val, bool append, unsigned flags);
/* set -x: "+ a b" on stderr. */
void sh_xtrace(Shell *sh, char **assigns, size_t na, char **argv);
/* Message and status (127 / 126) for a program that could not start. */
int sh_spawn_error(Shell *sh, const char *name, int err);
void sh_check_errexit(Shell *sh, int status, int flags);

/* pipeline.c */
int sh_exec_pipeline(Shell *sh, const Node *n, int flags);
int sh_exec_async(Shell *sh, const Node *n);
/* Run text in a child shell with stdout into a pipe; returns the output
 * (heap string) and sets *status. */
char *sh_command_subst(Shell *sh, const char *text, int *status);

/* subshell.c: re-executing /bin/sh with the state it needs */
#define SH_PATH "/bin/sh"
#define SH_SUBSHELL_FLAG "--axos-subshell"

typedef struct PlanFd {
    int fd;
    bool open;
} PlanFd;

typedef struct SpawnPlan {
    SpawnFileAction *acts;
    size_t nacts, cap;
    PlanFd *known; /* fds the actions so far open or close in the child */
    size_t nknown, known_cap;
    int *close_after; /* fds the parent closes once the child exists */
    size_t nclose, close_cap;
    int pgroup;       /* -1: none; 0: own group; >0: join */
    bool sigdef;      /* reset the shell's ignored job-control signals */
} SpawnPlan;

void plan_init(SpawnPlan *p);
void plan_free(SpawnPlan *p);
void plan_dup2(SpawnPlan *p, int from, int to);
void plan_close(SpawnPlan *p, int fd);
void plan_close_after(SpawnPlan *p, int fd);
void plan_open(SpawnPlan *p, int fd, const char *path, int oflag);
/* Spawn path with argv/envp and the plan; parent-side fds in the plan are
 * closed either way. Returns pid or -AX_*. */
int plan_spawn(Shell *sh, SpawnPlan *p, const char *path, char **argv, char **envp);
/* Replace this shell by path (sys_exec; a script without "#!" runs in a
 * new sh). Returns only on failure, with the AX_* error. */
int sh_exec_replace(Shell *sh, const char *path, char **argv, char **envp);
/* How a re-executed shell treats set -e, as bash: a command substitution
 * does not inherit it; a subshell in a condition (if, while, && ||) has
 * it ignored. */
#define SUB_PLAIN 0
#define SUB_CMDSUB 1
#define SUB_NOERREXIT 2
/* Spawn /bin/sh running `text` with this shell's state. Returns pid or -AX_*. */
int sh_spawn_subshell(Shell *sh, SpawnPlan *p, const char *text, int how);
/* The child side: read the state from fd, then run. Never returns. */
_Noreturn void sh_subshell_main(Shell *sh, int fd);

/* redir.c */
typedef struct RedirSave {
    int fd;
    int saved; /* copy of what fd held, -1 if it was closed */
} RedirSave;

typedef struct RedirState {
    RedirSave *v;
    size_t n, cap;
} RedirState;

/* Apply redirections in the shell itself. save NULL: permanently (exec).
 * Returns 0, or 1 after printing an error (what was applied stays in save,
 * so redir_restore undoes it). */
int redir_apply(Shell *sh, const Redir *r, RedirState *save);
void redir_restore(Shell *sh, RedirState *save);
/* Turn redirections into file actions for a child (files are opened here,
 * in the parent, so errors are reported before anything is spawned).
 * Returns 0 or 1 after an error. */
int redir_plan(Shell *sh, const Redir *r, SpawnPlan *plan);
/* A readable fd holding text (a here-document). -AX_* on error. */
int redir_text_fd(Shell *sh, const char *text, size_t n);
/* Move fd to a private number >= SH_PRIVATE_FD with close-on-exec. */
int sh_private_fd(int fd);

/* expand.c */
#define EXP_SPLIT 0x1   /* field splitting */
#define EXP_GLOB 0x2    /* pathname expansion */
#define EXP_TILDE_ASSIGN 0x4 /* tilde after = and : (assignments) */
#define EXP_PATTERN 0x8 /* keep quoting as backslashes for pattern matching */
#define EXP_REGEX 0x10  /* the same for an extended regular expression */

/* Expand a word list into fields (argv). Returns 0, or 1 after an error
 * message (a failed ${x?}, bad arithmetic...). */
int expand_words(Shell *sh, const Word *w, StrList *out, int flags);
/* Expand one word to one string (no splitting, no globbing): assignments,
 * redirection targets, case subjects, here-documents. NULL after an error. */
char *expand_word_str(Shell *sh, const Word *w, int flags);
char *expand_parts_str(Shell *sh, const WordPart *parts, int flags);
/* input.c: a prompt string ($PS1) with its \u \h \w \W \$ escapes and
 * then expansions; text expanded as an unquoted here-document body. */
char *expand_prompt(Shell *sh, const char *ps);
char *expand_text(Shell *sh, const char *text);
/* A variable's value with the dynamic ones (RANDOM, LINENO); heap or NULL. */
char *sh_dynamic_value(Shell *sh, const char *name);
void sh_random_seed(Shell *sh, uint32_t seed);

/* text.c: UTF-8 and bash's quoting */
size_t utf8_char_len(const char *s); /* bytes of the character at s (0 at the end) */
size_t utf8_count(const char *s);    /* characters in s */
size_t utf8_offset(const char *s, size_t chars); /* bytes in the first chars characters */
void utf8_put(StrBuf *b, uint32_t cp);
int hex_digit(int c);
/* \uXXXX / \UXXXXXXXX: up to max hex digits at s as UTF-8; digits used. */
size_t utf8_escape(StrBuf *b, const char *s, int max);
void sb_quote_bash(StrBuf *b, const char *s);
/* declare's flag letters for v ("a", "Ar", "x"... or "-"). */
void var_print_flags(StrBuf *b, const Var *v);
const char *sh_ifs(Shell *sh);
/* Field splitting's pieces, shared with `read`: IFS white space, and
 * skipping one separator (s[i..n), q the per-character flags or NULL for
 * all splittable; *hard: a non-blank IFS character was in it). */
bool ifs_is_blank(int c);
size_t ifs_skip_separator(const char *s, const char *q, size_t i, size_t n, const char *ifs, bool *hard);

/* brace.c: the words a{b,c} stands for (copies in a), NULL when w has no
 * braces to expand. */
Word *brace_expand(Arena *a, const Word *w);

/* arith.c: evaluate an expression; 0 or 1 after an error message. */
int arith_eval(Shell *sh, const char *expr, int64_t *out);

/* glob.c */
/* Match str against a pattern in which a backslash quotes the next char. */
#define GM_EXTGLOB 0x1 /* @(a|b) ?() *() +() !() groups (bash's extglob) */
#define GM_NOCASE 0x2  /* ASCII letters match either case */
/* The GM_* flags a match takes from the shell's options: extglob, and
 * nocase when the option nocase (SHOPT_NOCASEGLOB/NOCASEMATCH) is set. */
static inline unsigned glob_flags(const Shell *sh, unsigned nocase)
{
    return ((sh->shopts & SHOPT_EXTGLOB) ? GM_EXTGLOB : 0) | ((sh->shopts & nocase) ? GM_NOCASE : 0);
}
bool glob_match(const char *pat, const char *str, unsigned flags);
/* Prefix/suffix matching for ${x#pat} etc.: length of the match or -1. */
long glob_match_prefix(const char *pat, const char *str, bool longest, unsigned flags);
long glob_match_suffix(const char *pat, const char *str, bool longest, unsigned flags);
bool glob_has_magic(const char *pat, unsigned flags);
/* Pathname expansion: adds sorted matches to out; returns their count
 * (0: no match, out untouched). */
size_t glob_expand(Shell *sh, const char *pat, StrList *out);
/* Remove the backslashes of a pattern (no match: the word stays literal). */
char *glob_unescape(const char *pat);

/* trap.c */
void trap_init(Shell *sh);
int trap_set(Shell *sh, int sig, const char *action);
/* Run the traps of signals that arrived; returns the last signal seen
 * (0: none). An interactive shell's untrapped SIGINT among them
 * abandons the command line (sh_interrupt). */
int trap_run_pending(Shell *sh);
void trap_run_err(Shell *sh, int status);
/* Abandon the command line being run (JUMP_INTR), $? = 128 + sig. */
void sh_interrupt(Shell *sh, int sig);
void trap_run_exit(Shell *sh);
/* Signals a child must get back to default (the interactive shell
 * ignores SIGTSTP etc.; caught signals reset by themselves). */
SigSet trap_child_sigdefault(Shell *sh);
const char *trap_signame(int sig);
int trap_signum(const char *name);

/* builtins_test.c: test's operators, shared with [[ ]] (cond.c) */
bool test_is_unary(const char *op);
bool test_is_binary(const char *op);
bool test_unary(Shell *sh, const char *who, const char *op, const char *arg, int *err);
bool test_binary(Shell *sh, const char *who, const char *a, const char *op, const char *b, int *err);

/* cond.c: [[ expr ]] and (( expr )) */
int sh_exec_cond(Shell *sh, const Node *n);
/* Check the grammar of [[ ]] words at parse time, evaluating nothing:
 * false with the first error in msg (cap bytes). */
bool cond_check(const Word *words, char *msg, size_t cap);
int sh_exec_arith(Shell *sh, const Word *expr, int64_t *value);

/* builtins.c */
typedef int (*BuiltinFn)(Shell *sh, int argc, char **argv);
typedef struct Builtin {
    const char *name;
    BuiltinFn fn;
    bool special; /* POSIX special builtin: assignments before it persist */
    const char *usage;
} Builtin;
const Builtin *builtin_find(const char *name);
const Builtin *builtin_table(size_t *n);
bool sh_is_keyword(const char *s);
/* Decode echo -e / printf %b escapes of s into b; false at \c (stop). */
bool sh_put_escapes(StrBuf *b, const char *s);

/* The builtins, grouped by file. */
int bi_colon(Shell *, int, char **);
int bi_hash(Shell *, int, char **);
int bi_true(Shell *, int, char **);
int bi_false(Shell *, int, char **);
int bi_echo(Shell *, int, char **);
int bi_printf(Shell *, int, char **);
int bi_test(Shell *, int, char **);
int bi_bracket(Shell *, int, char **);
int bi_read(Shell *, int, char **);
int bi_cd(Shell *, int, char **);
int bi_pwd(Shell *, int, char **);
int bi_exit(Shell *, int, char **);
int bi_return(Shell *, int, char **);
int bi_break(Shell *, int, char **);
int bi_continue(Shell *, int, char **);
int bi_export(Shell *, int, char **);
int bi_readonly(Shell *, int, char **);
int bi_unset(Shell *, int, char **);
int bi_local(Shell *, int, char **);
int bi_declare(Shell *, int, char **);
int bi_let(Shell *, int, char **);
int bi_set(Shell *, int, char **);
int bi_shift(Shell *, int, char **);
int bi_eval(Shell *, int, char **);
int bi_exec(Shell *, int, char **);
int bi_source(Shell *, int, char **);
int bi_trap(Shell *, int, char **);
int bi_type(Shell *, int, char **);
int bi_command(Shell *, int, char **);
int bi_alias(Shell *, int, char **);
int bi_unalias(Shell *, int, char **);
int bi_history(Shell *, int, char **);
int bi_help(Shell *, int, char **);
int bi_jobs(Shell *, int, char **);
int bi_fg(Shell *, int, char **);
int bi_bg(Shell *, int, char **);
int bi_wait(Shell *, int, char **);
int bi_kill(Shell *, int, char **);
int bi_getopts(Shell *, int, char **);
int bi_times(Shell *, int, char **);
int bi_umask(Shell *, int, char **);
int bi_mapfile(Shell *, int, char **);
int bi_shopt(Shell *, int, char **);
int bi_dirs(Shell *, int, char **);
int bi_pushd(Shell *, int, char **);
int bi_popd(Shell *, int, char **);
int bi_builtin(Shell *, int, char **);
/* builtins_decl.c: `set`'s listing; declare -f / -F. */
int sh_list_vars(Shell *sh);
int sh_declare_functions(Shell *sh, int argc, char **argv);
/* Run argv as a builtin or program, skipping functions (`command`). */
int sh_run_argv(Shell *sh, int argc, char **argv);

/* Set the option named by letter c (or long name); 0 or -1 if unknown. */
int sh_set_option(Shell *sh, int c, bool on);
int sh_set_option_long(Shell *sh, const char *name, bool on);
void sh_set_args(Shell *sh, char **argv, int n);
/* Path of an external command (PATH search), heap string, or NULL. */
char *sh_find_command(Shell *sh, const char *name);
/* The same through the hash table (hash.c): a name found once is
 * remembered until hash -r or PATH changes. */
char *sh_find_hashed(Shell *sh, const char *name);
/* hash.c: the remembered command locations */
void hash_set(Shell *sh, const char *name, const char *path, int hits);
void hash_clear(Shell *sh);
const char *hash_peek(Shell *sh, const char *name);
void hash_each(Shell *sh, void (*fn)(void *ctx, const char *name, const char *path, int hits), void *ctx);
/* $PWD when it is an absolute path without . or .. that names the
 * current directory (POSIX's logical pwd), else NULL. */
const char *sh_logical_pwd(Shell *sh);
void sh_hist_add(Shell *sh, const char *line);
/* history.c: ! expansion of the line in line->s from start on. Returns 1
 * when it changed, 0 when not, -1 after "event not found". */
int hist_expand(Shell *sh, StrBuf *line, size_t start);

/* Buffered output for builtins: one write per call at the end. */
typedef struct Out {
    int fd;
    StrBuf b;
    bool error;
} Out;
void out_init(Out *o, int fd);
int out_flush(Out *o); /* 0, or 1 after a write error (message printed) */

int sh_main(int argc, char **argv);

#endif
