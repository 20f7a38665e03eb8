/* awk's pieces: the lexer (lex.c) and parser (parse.c) turn the program
 * into a tree of Nodes; values and arrays (value.c), regular expressions
 * (regex.c), the evaluator (eval.c, exec.c), the built-in functions
 * (builtin.c, format.c) and input/output (record.c, io.c) run it.
 * POSIX awk (XCU "awk") is the reference; where POSIX leaves a choice,
 * GNU awk's behaviour is followed. All state is in one Awk per process:
 * a program's statics are shared by every process running it. */
#ifndef AXOS_USERLAND_AWK_H
#define AXOS_USERLAND_AWK_H

#include <regex.h>
#include <setjmp.h>

#include "ulib.h"

/* ---- values ---- */

/* Room for a number formatted as a string (the integral ones print all
 * their digits: 1e308 has 309) */
#define AWK_NUMBUF 400

#define CF_NUM 0x1    /* num is valid */
#define CF_STR 0x2    /* str is valid (owned, NUL-terminated) */
#define CF_STRNUM 0x4 /* input that looks numeric: compares as a number */
/* A Cell with no flag is uninitialised: "" and 0, compared as a number. */
typedef struct Cell {
    unsigned flags;
    double num;
    char *str;
    size_t len;
} Cell;

typedef struct AwkElem AwkElem;
/* An associative array: string keys, chained hash, and a list in order of
 * insertion so that for-in runs in a deterministic order. */
typedef struct AwkArray {
    AwkElem **buckets;
    size_t nbuckets, count;
    AwkElem *first, *last;
} AwkArray;
struct AwkElem {
    AwkElem *hnext, *prev, *next;
    char *key;
    size_t klen;
    Cell val;
};

enum { V_UNTYPED, V_SCALAR, V_ARRAY, V_REF };
/* A variable: global, or a slot of a function call's frame. A V_REF slot
 * is an array (or not yet typed variable) passed by reference. */
typedef struct Var {
    int kind;
    Cell c;
    AwkArray *arr;
    struct Var *ref;
} Var;

/* The special variables have fixed global indices. */
enum {
    V_NF, V_NR, V_FNR, V_FS, V_OFS, V_ORS, V_RS, V_SUBSEP, V_CONVFMT, V_OFMT,
    V_RSTART, V_RLENGTH, V_FILENAME, V_ENVIRON, V_ARGC, V_ARGV, V_NSPECIAL
};

/* ---- the program tree ---- */

enum {
    /* expressions */
    N_NUM, N_STR, N_REGEX, N_GVAR, N_LVAR, N_FIELD, N_INDEX, N_ARRAY, N_ASSIGN, N_COND,
    N_AND, N_OR, N_NOT, N_NEG, N_PLUS, N_BINARY, N_CONCAT, N_CMP, N_MATCH, N_IN,
    N_PREINC, N_PREDEC, N_POSTINC, N_POSTDEC, N_CALL, N_BUILTIN, N_GETLINE, N_GROUP,
    /* statements */
    S_BLOCK, S_EXPR, S_PRINT, S_PRINTF, S_IF, S_WHILE, S_DO, S_FOR, S_FORIN, S_BREAK,
    S_CONTINUE, S_NEXT, S_NEXTFILE, S_EXIT, S_RETURN, S_DELETE,
};

/* getline forms (Node.idx of N_GETLINE) and output redirections (S_PRINT) */
enum { G_PLAIN, G_FILE, G_CMD };
enum { R_NONE, R_FILE, R_APPEND, R_PIPE };

/* built-in functions (Node.idx of N_BUILTIN) */
enum {
    B_LENGTH, B_SUBSTR, B_INDEX, B_SPLIT, B_SUB, B_GSUB, B_MATCH, B_SPRINTF, B_SIN, B_COS,
    B_ATAN2, B_EXP, B_LOG, B_SQRT, B_INT, B_RAND, B_SRAND, B_TOLOWER, B_TOUPPER, B_SYSTEM,
    B_CLOSE, B_FFLUSH,
};

typedef struct Node Node;
struct Node {
    int op;
    int idx;   /* variable/function/built-in index, operator, redirection */
    int line;  /* source line, for messages */
    Node *a, *b, *c, *d;
    Node *next; /* the next in a list (statements, expressions) */
    double num;
    char *str; /* N_STR (and N_REGEX's source) */
    size_t len;
    regex_t *re; /* N_REGEX */
    int nargs;  /* N_CALL, N_BUILTIN */
};

typedef struct AwkFunc {
    char *name;
    int nparams;
    int nlocals_array; /* unused: each param is a local */
    Node *body;
    bool defined;
    int line; /* first call or definition, for messages */
} AwkFunc;

/* A pattern-action item */
typedef struct AwkItem {
    Node *pat, *pat2; /* pat2: the end of a range */
    Node *action;     /* NULL: print $0 */
    bool in_range;
} AwkItem;

typedef struct AwkProgram {
    Node **begin, **end; /* BEGIN / END actions in order */
    size_t nbegin, nend;
    AwkItem *items;
    size_t nitems;
    char **gnames; /* global names (after the specials) */
    size_t nglobals;
    AwkFunc *funcs;
    size_t nfuncs;
} AwkProgram;

/* ---- run time ---- */

typedef struct AwkBuf {
    char *s;
    size_t len, cap;
} AwkBuf;

void awk_buf_add(AwkBuf *b, const char *s, size_t n);
void awk_buf_addc(AwkBuf *b, char c);

/* An input source: the main input or a getline file/command. */
typedef struct AwkIn {
    UStream *s;
    bool eof;
    char *all;      /* a regex RS: the rest of the input, read at once */
    size_t all_len, all_pos;
    bool all_read;
} AwkIn;

typedef struct AwkStream {
    char *name;
    int kind; /* R_FILE / R_APPEND / R_PIPE for output; G_FILE / G_CMD for input */
    bool input;
    UStream *out;
    AwkIn in;
    int pid; /* a command's, 0 for a file */
    bool std; /* /dev/stdout, /dev/stderr, /dev/stdin: not closed */
    struct AwkStream *next;
} AwkStream;

typedef struct Frame {
    Var *locals;
    int nlocals;
    Cell ret;
} Frame;

#define AWK_RE_CACHE 32

typedef struct Awk {
    AwkProgram prog;
    Var *globals;
    Frame *frame;
    int depth;
    char *stack_base; /* for the recursion limit */
    /* the record and its fields */
    Cell *fields; /* fields[0] is $0 */
    size_t nf, fcap;
    bool split_done;
    char *fs_cur;      /* FS as it was when the record was read */
    bool fs_dirty;
    regex_t fs_re;
    bool fs_re_ok;
    /* main input */
    AwkIn main_in;
    bool main_open;
    int argi;          /* next ARGV index to look at */
    bool main_done;
    bool used_stdin;
    /* streams opened by redirections and getline */
    AwkStream *streams;
    /* dynamic regexes */
    struct {
        char *src;
        regex_t re;
        bool used;
    } re_cache[AWK_RE_CACHE];
    int re_next;
    regex_t **lit_res; /* literal regexes, freed at exit */
    size_t nlit_res, cap_lit_res;
    /* rand */
    uint64_t rand_state;
    double seed, prev_seed;
    /* control */
    jmp_buf jump; /* next / exit from inside a function */
    bool jump_ok;
    int exit_status;
    bool in_end;
    const char *src_name;
} Awk;

/* Status of a statement */
enum { ST_NORMAL, ST_BREAK, ST_CONTINUE, ST_NEXT, ST_NEXTFILE, ST_EXIT, ST_RETURN };

/* lex.c + parse.c: compile src (the concatenated program text) into
 * A->prog. Prints "awk: line N: ..." and returns false on a syntax error. */
bool awk_parse(Awk *A, const char *src);
/* The index of global name, adding it (used by -v and ARGV assignments
 * only for names the program has). -1 when the program has no such name. */
int awk_global_find(Awk *A, const char *name);

/* value.c */
void awk_cell_free(Cell *c);
void awk_cell_copy(Cell *dst, const Cell *src);
void awk_cell_set_num(Cell *c, double d);
void awk_cell_set_str(Cell *c, const char *s, size_t n);        /* copies */
void awk_cell_take_str(Cell *c, char *s, size_t n);             /* takes the heap string */
void awk_cell_set_input(Cell *c, const char *s, size_t n);      /* a strnum when it looks numeric */
double awk_cell_num(const Cell *c);
/* The string value (CONVFMT for numbers); tmp holds a formatted number. */
const char *awk_cell_str(Awk *A, const Cell *c, char tmp[AWK_NUMBUF], size_t *len);
/* The same, for output (OFMT). */
const char *awk_cell_ostr(Awk *A, const Cell *c, char tmp[AWK_NUMBUF], size_t *len);
bool awk_cell_true(const Cell *c);
int awk_cell_compare(Awk *A, const Cell *x, const Cell *y);
double awk_strtod(const char *s, bool *whole);
void awk_num_format(Awk *A, double d, int fmtvar, char tmp[AWK_NUMBUF], size_t *len);

AwkArray *awk_array_new(void);
void awk_array_free(AwkArray *a);
void awk_array_clear(AwkArray *a);
Cell *awk_array_get(AwkArray *a, const char *key, size_t klen, bool create);
void awk_array_delete(AwkArray *a, const char *key, size_t klen);

void awk_var_free(Var *v);
Cell *awk_var_scalar(Awk *A, Var *v);
AwkArray *awk_var_array(Awk *A, Var *v);

_Noreturn void awk_fatal(Awk *A, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
_Noreturn void awk_exit(Awk *A, int status);

/* regex.c */
regex_t *awk_re_literal(Awk *A, const char *src, size_t len, char *err, size_t errsize);
regex_t *awk_re_dynamic(Awk *A, const char *src);
/* Compile src into re (fatal on a bad regex). */
void awk_re_compile(Awk *A, regex_t *re, const char *src);
void awk_re_free_all(Awk *A);
/* The regex a node stands for: a literal, or an expression's string. */
regex_t *awk_re_of(Awk *A, Node *n);

/* eval.c / exec.c */
void awk_eval(Awk *A, Node *n, Cell *out);
double awk_eval_num(Awk *A, Node *n);
char *awk_eval_str(Awk *A, Node *n, size_t *len); /* heap string */
int awk_exec(Awk *A, Node *n);
void awk_call_function(Awk *A, Node *n, Cell *out);
Var *awk_var_of(Awk *A, Node *n);
AwkArray *awk_array_of(Awk *A, Node *n);
void awk_subscript(Awk *A, Node *list, AwkBuf *key);
void awk_assign_cell(Awk *A, Node *lv, Cell *val); /* takes val */
void awk_special_set(Awk *A, int idx);

/* record.c: the record, fields and reading */
void awk_record_set(Awk *A, const char *s, size_t n);
void awk_fields_split(Awk *A);
Cell *awk_field_ref(Awk *A, double n, bool create);
void awk_field_assigned(Awk *A, size_t n);
void awk_nf_assigned(Awk *A);
/* Read the next record from in with the current RS: 1, 0 at EOF. */
int awk_record_read(Awk *A, AwkIn *in, AwkBuf *rec);
/* The next main-input record into $0, NR, FNR: 1, 0 at the end. */
int awk_main_next(Awk *A);
void awk_main_skip_file(Awk *A);
/* Open the next ARGV file (doing its assignments): false at the end. */
bool awk_next_file(Awk *A);
size_t awk_split(Awk *A, const char *s, size_t n, const char *fs, regex_t *re, AwkArray *arr);
bool awk_assignment_arg(Awk *A, const char *arg);
char *awk_unescape(const char *s, size_t n, size_t *outlen);

/* io.c */
UStream *awk_out_stream(Awk *A, int kind, const char *name);
AwkIn *awk_in_stream(Awk *A, int kind, const char *name);
int awk_stream_close(Awk *A, const char *name);
void awk_streams_close_all(Awk *A);
int awk_system(Awk *A, const char *cmd);
int awk_flush(Awk *A, const char *name, bool all);
/* getline in its three forms, into out: 1, 0 at end of file, -1 on error */
void awk_getline(Awk *A, Node *n, Cell *out);

/* builtin.c, format.c */
void awk_builtin_call(Awk *A, Node *n, Cell *out);
void awk_format(Awk *A, const char *fmt, size_t flen, Node *args, AwkBuf *out);

#endif
