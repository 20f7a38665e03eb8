/* The terminal's screen model: what a VT100/xterm-like terminal shows
 * after the bytes a program wrote, independent of how it is drawn.
 *
 * vt.c parses the byte stream (UTF-8 text, C0 controls, ESC, CSI, OSC
 * and DCS sequences) and acts on the screen; screen.c keeps the cells:
 * the main screen with its scrollback, the alternate screen, and their
 * resizing (the main screen reflows its soft-wrapped lines). Everything
 * lives in the program's heap; no syscall is made here, so the model can
 * be driven and checked on its own.
 *
 * Supported: cursor movement (CUU CUD CUF CUB CNL CPL CHA HPA VPA CUP
 * HVP), erase (ED EL ECH), insert and delete (ICH DCH IL DL), scrolling
 * (SU SD, scroll regions DECSTBM, IND RI NEL), tabs (HT CHT CBT HTS TBC),
 * SGR attributes (bold, dim, italic, underline, blink, inverse, hidden,
 * strike) with 16, 256 and 24-bit colours, save and restore of the
 * cursor (DECSC DECRC, CSI s u), modes IRM, DECCKM, DECKPAM, DECOM,
 * DECAWM, DECTCEM, the alternate screen (47, 1047, 1048, 1049), bracketed
 * paste (2004), mouse reporting (1000, 1002, 1006), DEC line drawing
 * (ESC ( 0), device status and attributes reports (DSR, DA), the window
 * title (OSC 0, 2), RIS. Other sequences are parsed and ignored. */
#ifndef AXOS_TERM_VT_H
#define AXOS_TERM_VT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A colour: the default, one of the 256 palette entries, or 24-bit RGB. */
#define VT_COLOR_DEFAULT 0u
#define VT_COLOR_PALETTE(i) (0x01000000u | (uint32_t)(i))
#define VT_COLOR_RGB(r, g, b) (0x02000000u | ((uint32_t)(r) << 16) | ((uint32_t)(g) << 8) | (b))
#define VT_COLOR_KIND(c) ((c) >> 24)

/* VtCell.attr */
#define VT_BOLD 0x01
#define VT_DIM 0x02
#define VT_ITALIC 0x04
#define VT_UNDERLINE 0x08
#define VT_BLINK 0x10
#define VT_INVERSE 0x20
#define VT_HIDDEN 0x40
#define VT_STRIKE 0x80

typedef struct VtCell {
    uint32_t ch; /* a Unicode codepoint; ' ' when blank */
    uint32_t fg, bg;
    uint16_t attr;
} VtCell;

typedef struct VtLine {
    VtCell *cells;  /* cols cells */
    int cols;
    bool wrapped;   /* the text goes on in the next line (a soft wrap) */
} VtLine;

#define VT_PARAMS_MAX 16
#define VT_OSC_MAX 512
#define VT_REPLY_MAX 256

typedef struct VtCursor {
    int x, y;
    VtCell pen;          /* attributes and colours of new text */
    bool wrap_pending;   /* at the last column, the next character wraps */
    bool origin;         /* DECOM */
    bool line_drawing;   /* G0 is DEC special graphics */
} VtCursor;

typedef struct Vt {
    int rows, cols;
    VtLine *main, *alt;  /* rows lines each */
    bool alt_active;
    VtLine *screen;      /* main or alt */
    /* the main screen's scrollback: a ring of lines that scrolled off */
    VtLine *sb;
    int sb_cap, sb_len, sb_head; /* sb_head: index of the oldest */

    VtCursor cur, saved_main, saved_alt;
    int top, bottom;     /* scroll region, rows top..bottom inclusive */
    bool *tabs;          /* cols tab stops */

    /* modes */
    bool insert, app_cursor, app_keypad, autowrap, cursor_visible, bracketed_paste;
    int mouse;           /* 0, 1000, 1002 */
    bool mouse_sgr;      /* 1006 */

    /* the parser */
    int state;
    int params[VT_PARAMS_MAX];
    int nparams;
    uint32_t sub;        /* bit i: parameter i came after ':' (a sub-parameter) */
    bool param_set;      /* a digit was seen in the current parameter */
    char priv;           /* '?', '>', '=', '<' or 0 */
    char inter;          /* an intermediate byte (' ', '!', '"'...) or 0 */
    char charset_slot;   /* ESC ( / ESC ): which G set the next byte names */
    char osc[VT_OSC_MAX];
    size_t osc_len;
    uint32_t utf8_cp;    /* UTF-8 being decoded */
    int utf8_left;

    char title[128];
    uint32_t last_ch;    /* for REP */

    /* what the terminal answers (DSR, DA): the caller sends it to the pty */
    char reply[VT_REPLY_MAX];
    size_t reply_len;

    bool *dirty;         /* rows changed since vt_clean */
    bool all_dirty;
} Vt;

/* A model of rows x cols (each at least 1) keeping up to scrollback lines
 * of history. Returns 0, or -1 when memory runs out (nothing is left). */
int vt_init(Vt *vt, int rows, int cols, int scrollback);
void vt_free(Vt *vt);

/* Act on n bytes written to the terminal. */
void vt_feed(Vt *vt, const void *buf, size_t n);

/* New size: the main screen and its scrollback reflow (soft-wrapped lines
 * are joined and wrapped again at the new width, the cursor stays on its
 * character), the alternate screen is cut or padded. Returns 0, or -1
 * when memory runs out (the old size stays). */
int vt_resize(Vt *vt, int rows, int cols);

/* The line shown at row y (0..rows-1) when the view is scrolled back by
 * `back` lines (0: the live screen; at most vt->sb_len, alternate screen
 * aside). */
const VtLine *vt_view_line(const Vt *vt, int back, int y);

/* Line `abs` counted from the oldest scrollback line (the live screen's
 * rows follow the scrollback's), or NULL when there is no such line. */
const VtLine *vt_line_abs(const Vt *vt, long abs);

/* The text of row y of the live screen (trailing blanks dropped), as
 * UTF-8 into buf of size bytes; returns its length. */
size_t vt_row_text(const Vt *vt, int y, char *buf, size_t size);

/* Mark every row clean / dirty. */
void vt_clean(Vt *vt);
void vt_touch_all(Vt *vt);

/* ---- screen.c: the cells (vt.c's building blocks) ---- */

VtCell vt_blank(const Vt *vt);
void vt_clear_cells(Vt *vt, VtLine *l, int from, int to); /* [from, to) */
/* Scroll rows top..bottom up by n (lines leaving the top of the whole
 * main screen go to the scrollback). */
void vt_scroll_up(Vt *vt, int top, int bottom, int n);
void vt_scroll_down(Vt *vt, int top, int bottom, int n);
void vt_dirty(Vt *vt, int y);
/* Switch to (on) or from the alternate screen. */
void vt_alt_screen(Vt *vt, bool on);
/* Clear the scrollback (ED 3). */
void vt_clear_scrollback(Vt *vt);

#endif
