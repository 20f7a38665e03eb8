/* The terminal emulator's parts beyond the screen model (vt.h): drawing
 * the cells into the window's frame (render.c), turning the window's
 * input into the bytes a terminal sends (keys.c), and the program that
 * ties a window, a pseudo-terminal and a shell together (term.c).
 *
 * All state is in a Term on the heap: programs share one address space,
 * so several terminals run the same code with no statics between them. */
#ifndef AXOS_TERM_TERM_H
#define AXOS_TERM_TERM_H

#include "ulib.h"
#include "vt.h"

#define TERM_STYLES 4        /* regular, bold, italic, bold italic */
#define TERM_GLYPH_CACHE 512 /* codepoints below this keep their masks */

/* A selection, in lines counted from the oldest scrollback line. */
typedef struct TermSel {
    bool active;             /* a drag is under way or something is selected */
    long a_line, b_line;     /* anchor and the other end */
    int a_col, b_col;
} TermSel;

typedef struct Term {
    int win, master, child;  /* window fd, pty master fd, the shell's pid */
    Vt vt;
    int width, height;       /* the frame, pixels */
    uint32_t *frame;
    int fonts[TERM_STYLES];
    FontMetrics fm;
    uint8_t *glyphs[TERM_STYLES][TERM_GLYPH_CACHE]; /* cell masks, NULL: not yet */
    uint8_t *mask;           /* one cell, for glyphs outside the cache */
    int back;                /* lines the view is scrolled back */
    bool focused;
    bool shift, ctrl, alt;   /* modifiers held (from key events) */
    TermSel sel;
    bool selecting;          /* the left button is down */
    bool redraw;             /* every row must be drawn again */
    char *hardcopy;          /* where Ctrl+Shift+S writes the screen */
} Term;

/* ---- render.c ---- */

/* Open the four faces at size px (regular must open; a style that does
 * not falls back to regular). Returns 0 or the error of the regular face. */
int term_fonts_open(Term *t, int px);
void term_fonts_close(Term *t);
/* Draw the rows that changed (all when t->redraw) into t->frame; returns
 * whether anything was drawn. */
bool term_render(Term *t);
/* The colour of palette entry i (0..255) as 0xFFRRGGBB. */
uint32_t term_palette(int i);

/* ---- keys.c ---- */

/* The bytes a key press sends (xterm's), into out (at least 16 bytes);
 * returns their count, 0 when the key sends nothing. */
size_t term_key_bytes(const Term *t, const WindowEvent *ev, char *out);
/* Send text as a paste: inside ESC[200~ ... ESC[201~ under bracketed
 * paste, newlines as carriage returns as a keyboard sends them, ESC
 * bytes dropped (a pasted ESC[201~ must not end the bracket). */
void term_paste(Term *t, const char *text, size_t n);
/* Send bytes to the shell (all of them, or until the pty fails). */
void term_send(Term *t, const void *buf, size_t n);

#endif
