/* vi's pieces: the buffer and its undo (vi_buf.c), the screen and the
 * file (vi.c), the commands of normal, insert and command-line mode
 * (vi_cmd.c, vi_ex.c). */
#ifndef AXOS_USERLAND_VI_H
#define AXOS_USERLAND_VI_H

#include <regex.h>

#include "ulib.h"

typedef struct ViLine {
    char *s;
    size_t len, cap;
} ViLine;

/* A copy of the text and the cursor, for undo and redo. */
typedef struct ViSnap {
    ViLine *lines;
    size_t n;
    size_t row, col;
} ViSnap;

#define VI_UNDO_MAX 100

typedef struct Vi {
    ViLine *lines; /* never empty: an empty file is one empty line */
    size_t n, cap;
    size_t row, col;   /* the cursor: line, byte */
    size_t want_col;   /* the display column j and k try to keep */
    size_t top, left;  /* the first line and display column shown */
    UTerm term;
    int text_rows;     /* rows for text: the window's less the status row */
    char *path;        /* the file, or NULL */
    bool dirty;
    bool insert;       /* insert mode */
    bool quit;
    /* the unnamed register: text yanked or deleted */
    char *reg;
    size_t reg_len;
    bool reg_lines;    /* whole lines (ending in '\n') or characters */
    ViSnap undo[VI_UNDO_MAX], redo[VI_UNDO_MAX];
    size_t nundo, nredo;
    bool insert_snapped; /* this insert session has its undo snapshot */
    regex_t re;
    bool have_re, search_back;
    char msg[160];
    int status;        /* the exit status */
    /* `.`: the keys of the command being typed (rec), those of the last
     * change (last), and a replay of them that vi_key reads first */
    int *rec, *last, *replay;
    size_t rec_len, rec_cap, last_len, replay_len, replay_pos;
    bool rec_insert;   /* the change went on into insert mode */
    uint64_t changes;  /* vi_snapshot calls: did a command change the text? */
} Vi;

/* vi_buf.c: the text */
ViLine *vi_line(Vi *v, size_t row);
void vi_line_insert(Vi *v, size_t row, const char *s, size_t len); /* a new line before row */
void vi_line_delete(Vi *v, size_t row, size_t count);
void vi_line_set(Vi *v, size_t row, const char *s, size_t len);
void vi_insert_bytes(Vi *v, size_t row, size_t col, const char *s, size_t len);
void vi_delete_bytes(Vi *v, size_t row, size_t col, size_t len);
void vi_split_line(Vi *v, size_t row, size_t col);
void vi_join_lines(Vi *v, size_t row, bool with_space);
void vi_free_text(Vi *v);
/* Before a change: a snapshot for u (and the redo list dropped). */
void vi_snapshot(Vi *v);
void vi_undo(Vi *v, bool redo);
void vi_snap_free(ViSnap *s);
/* The register */
void vi_yank(Vi *v, const char *s, size_t len, bool lines);
/* Keep the cursor inside the text (past the end only in insert mode). */
void vi_clamp(Vi *v);

/* vi.c */
/* The next key: from a `.` replay, else the terminal; recorded for `.`. */
int vi_key(Vi *v);
/* `.`: replay the last change's keys. */
void vi_repeat(Vi *v);
void vi_draw(Vi *v);
int vi_write(Vi *v, const char *path, bool quiet); /* 0 or -AX_* */
/* Display column of byte col in row. */
size_t vi_display_col(Vi *v, size_t row, size_t col);
/* Read a line on the status row after lead; false when cancelled. */
bool vi_prompt(Vi *v, char lead, char *buf, size_t size);

typedef struct Pos {
    size_t row, col;
} Pos;

/* A motion from the cursor: the target, and how an operator takes it. */
typedef struct Motion {
    Pos to;
    bool linewise, inclusive, ok;
} Motion;

/* vi_motion.c */
size_t vi_len(Vi *v, size_t row);
size_t vi_next_char(Vi *v, size_t row, size_t col); /* the next character's byte */
size_t vi_prev_char(Vi *v, size_t row, size_t col);
size_t vi_first_nonblank(Vi *v, size_t row);
void vi_word_back(Vi *v, Pos *p);
/* Where the motion key takes the cursor (count times); op is the operator
 * it is for ('d' 'c' 'y'), or 0. Motions that need a second key (gg, f)
 * read it. */
Motion vi_motion(Vi *v, int key, size_t count, bool have_count, int op);
/* Search for v->re from the cursor, wrapping around; false when not found. */
bool vi_search(Vi *v, bool back);

/* vi_cmd.c: one normal-mode command (with its count, operator, motion) */
void vi_normal(Vi *v, int key);
/* insert-mode key */
void vi_insert_key(Vi *v, int key);

/* vi_ex.c: a ":" command line */
void vi_ex(Vi *v, const char *line);

#endif
