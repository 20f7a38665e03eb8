/* sed's pieces: the script compiled into commands (sed_parse.c), and the
 * cycle that runs them over the input (sed.c). */
#ifndef AXOS_USERLAND_SED_H
#define AXOS_USERLAND_SED_H

#include <regex.h>

#include "ulib.h"

/* A string that may hold NUL bytes and newlines. */
typedef struct SedBuf {
    char *s;
    size_t len, cap;
} SedBuf;

void sedbuf_add(SedBuf *b, const char *s, size_t n);
void sedbuf_addc(SedBuf *b, char c);
void sedbuf_set(SedBuf *b, const char *s, size_t n);

typedef enum SedAddrKind {
    SA_NONE, SA_LINE, SA_LAST, SA_REGEX, SA_STEP, /* first~step */
    SA_PLUS,  /* addr1,+N */
    SA_MULT,  /* addr1,~N */
    SA_ZERO,  /* 0,/re/ */
} SedAddrKind;

typedef struct SedAddr {
    SedAddrKind kind;
    uint64_t n, step;
    regex_t *re; /* NULL with SA_REGEX: the last regex used */
} SedAddr;

/* A w file, opened once however many commands name it. */
typedef struct SedWFile {
    char *name;
    UStream *s;
} SedWFile;

typedef struct SedCmd {
    SedAddr a1, a2;
    bool negate;
    char cmd;
    /* the range's state */
    bool in_range;
    uint64_t range_end; /* the last line of a numeric end */
    /* a i c: text; b t T: label; r R w W: file name */
    char *text;
    size_t text_len;
    int jump;            /* b t T: the command index to go to (-1: the end); {: its } */
    int wfile;           /* w W, s///w: index in SedScript.wfiles, or -1 */
    int int_arg;         /* q Q: exit status; l: line length; -1 none */
    /* s */
    regex_t *re;         /* NULL: the last regex used */
    char *repl;
    size_t repl_len;
    bool global, print_s;
    int eval_print;      /* s///p given twice... only once counts */
    uint64_t occurrence; /* s///N: replace the Nth match (and after, with g) */
    /* y */
    unsigned char ymap[256];
} SedCmd;

typedef struct SedScript {
    SedCmd *cmds;
    size_t n, cap;
    SedWFile *wfiles;
    size_t nwfiles;
    regex_t **regexes; /* every compiled regex, to free */
    size_t nregexes;
    bool extended;     /* -E */
    bool quiet;        /* -n, or "#n" on the first line */
    bool posix;
} SedScript;

/* Where the script's text came from, for GNU's error messages: -e
 * expression #N, char C / file F line L. */
typedef struct SedSource {
    size_t start;     /* offset in the joined script */
    const char *file; /* -f FILE, or NULL for -e */
    int expr;         /* -e's number */
} SedSource;

/* Text queued by a, r and R for the end of the cycle. */
typedef struct SedAppend {
    const char *text; /* a: the text; r: NULL */
    size_t len;
    const char *file; /* r: the file to copy */
    char *line;       /* R: a line read (heap) */
} SedAppend;

typedef struct SedRFile { /* R FILE: one stream per name, read a line at a time */
    const char *name;
    UStream *s;
    bool done;
} SedRFile;

typedef struct Sed {
    SedScript sc;
    char **files;
    size_t nfiles, next_file;
    UStream *in;
    const char *in_name;
    bool separate; /* -s or -i: '$' and line numbers per file */
    bool in_place;
    const char *suffix;
    char delim; /* '\n', or '\0' with -z */
    bool unbuffered;
    int line_wrap; /* l's line length */
    /* the line read ahead, to know the last one */
    char *ahead;
    size_t ahead_cap, ahead_len;
    bool have_ahead, ahead_nl;
    bool cur_nl; /* the current line ended with the delimiter */
    uint64_t line;
    SedBuf ps, hs, tmp;
    bool tflag;
    regex_t *last_re;
    UStream *out;
    bool out_missing_nl;
    char *tmp_path; /* -i: the file being written */
    SedAppend *app;
    size_t napp, app_cap;
    SedRFile *rfiles;
    size_t nrfiles;
    int status;
    bool quit;
    int quit_status;
} Sed;

/* sed_input.c. Open the next readable input file (with -i, its new
 * content's file too); false when none is left. */
bool sed_open_next(Sed *S);
/* -i: the current file is done: put its new content in its place. */
void sed_finish_in_place(Sed *S);
/* Read one line ahead (across files unless -s). */
void sed_fetch(Sed *S);
/* The next line into buf (after a newline with append); false at the
 * end of the input. */
bool sed_next_line(Sed *S, SedBuf *buf, bool append);
/* Is the current line the last (of its file, with -s)? */
bool sed_is_last(Sed *S);

/* Compile text (the -e / -f pieces joined by newlines) into sc. Prints
 * GNU's message and returns -1 on an error (the status is then 1; a
 * missing label is 1 too here, GNU says 4 only at run time). */
int sed_compile(SedScript *sc, const char *text, size_t len, const SedSource *src, size_t nsrc);
void sed_script_free(SedScript *sc);

#endif
