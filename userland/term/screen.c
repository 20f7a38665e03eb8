/* The terminal's cells: the main screen, its scrollback (a ring of the
 * lines that scrolled off the top), the alternate screen, and resizing,
 * where the main screen and its scrollback reflow: lines a soft wrap
 * split are joined and wrapped again at the new width, so text written
 * in a narrow window reads right in a wider one, as in xterm and VTE. */
#include <string.h>

#include "ulib.h"
#include "vt.h"

VtCell vt_blank(const Vt *vt) {
    /* Erased cells take the current background (xterm's back colour
     * erase) and no other attribute. */
    return (VtCell){' ', VT_COLOR_DEFAULT, vt->cur.pen.bg, 0};
}

void vt_clear_cells(Vt *vt, VtLine *l, int from, int to) {
    VtCell b = vt_blank(vt);
    if (from < 0)
        from = 0;
    if (to > l->cols)
        to = l->cols;
    for (int x = from; x < to; x++)
        l->cells[x] = b;
}

static void line_alloc(VtLine *l, int cols) {
    l->cells = xmalloc((size_t)cols * sizeof *l->cells);
    l->cols = cols;
    l->wrapped = false;
    for (int x = 0; x < cols; x++)
        l->cells[x] = (VtCell){' ', VT_COLOR_DEFAULT, VT_COLOR_DEFAULT, 0};
}

static VtLine *lines_alloc(int rows, int cols) {
    VtLine *ls = xmalloc((size_t)rows * sizeof *ls);
    for (int y = 0; y < rows; y++)
        line_alloc(&ls[y], cols);
    return ls;
}

static void lines_free(VtLine *ls, int rows) {
    if (!ls)
        return;
    for (int y = 0; y < rows; y++)
        xfree(ls[y].cells);
    xfree(ls);
}

void vt_dirty(Vt *vt, int y) {
    if (y >= 0 && y < vt->rows)
        vt->dirty[y] = true;
}

void vt_touch_all(Vt *vt) {
    vt->all_dirty = true;
    for (int y = 0; y < vt->rows; y++)
        vt->dirty[y] = true;
}

void vt_clean(Vt *vt) {
    vt->all_dirty = false;
    memset(vt->dirty, 0, (size_t)vt->rows * sizeof *vt->dirty);
}

static void tabs_reset(Vt *vt) {
    xfree(vt->tabs);
    vt->tabs = xcalloc((size_t)vt->cols, sizeof *vt->tabs);
    for (int x = 8; x < vt->cols; x += 8)
        vt->tabs[x] = true;
}

int vt_init(Vt *vt, int rows, int cols, int scrollback) {
    memset(vt, 0, sizeof *vt);
    if (rows < 1 || cols < 1 || scrollback < 0)
        return -1;
    vt->rows = rows;
    vt->cols = cols;
    vt->main = lines_alloc(rows, cols);
    vt->alt = lines_alloc(rows, cols);
    vt->screen = vt->main;
    vt->sb_cap = scrollback;
    vt->sb = scrollback ? xcalloc((size_t)scrollback, sizeof *vt->sb) : NULL;
    vt->dirty = xcalloc((size_t)rows, sizeof *vt->dirty);
    vt->bottom = rows - 1;
    vt->autowrap = true;
    vt->cursor_visible = true;
    tabs_reset(vt);
    vt->saved_main = vt->saved_alt = vt->cur;
    vt_touch_all(vt);
    return 0;
}

static void sb_clear(Vt *vt) {
    for (int i = 0; i < vt->sb_len; i++)
        xfree(vt->sb[(vt->sb_head + i) % vt->sb_cap].cells);
    vt->sb_len = vt->sb_head = 0;
}

void vt_free(Vt *vt) {
    lines_free(vt->main, vt->rows);
    lines_free(vt->alt, vt->rows);
    if (vt->sb_cap)
        sb_clear(vt);
    xfree(vt->sb);
    xfree(vt->tabs);
    xfree(vt->dirty);
    memset(vt, 0, sizeof *vt);
}

void vt_clear_scrollback(Vt *vt) {
    if (vt->sb_cap)
        sb_clear(vt);
}

/* Keep l (taken off the screen) as the newest scrollback line. */
static void sb_push(Vt *vt, VtLine l) {
    if (vt->sb_cap == 0) {
        xfree(l.cells);
        return;
    }
    if (vt->sb_len == vt->sb_cap) {
        xfree(vt->sb[vt->sb_head].cells);
        vt->sb[vt->sb_head] = l;
        vt->sb_head = (vt->sb_head + 1) % vt->sb_cap;
        return;
    }
    vt->sb[(vt->sb_head + vt->sb_len++) % vt->sb_cap] = l;
}

void vt_scroll_up(Vt *vt, int top, int bottom, int n) {
    int height = bottom - top + 1;
    if (n > height)
        n = height;
    for (int i = 0; i < n; i++) {
        VtLine gone = vt->screen[top];
        memmove(&vt->screen[top], &vt->screen[top + 1], (size_t)(height - 1) * sizeof gone);
        if (top == 0 && !vt->alt_active) {
            sb_push(vt, gone);
            line_alloc(&gone, vt->cols);
        }
        gone.wrapped = false;
        vt->screen[bottom] = gone;
        vt_clear_cells(vt, &vt->screen[bottom], 0, vt->cols);
    }
    for (int y = top; y <= bottom; y++)
        vt_dirty(vt, y);
}

void vt_scroll_down(Vt *vt, int top, int bottom, int n) {
    int height = bottom - top + 1;
    if (n > height)
        n = height;
    for (int i = 0; i < n; i++) {
        VtLine gone = vt->screen[bottom];
        memmove(&vt->screen[top + 1], &vt->screen[top], (size_t)(height - 1) * sizeof gone);
        gone.wrapped = false;
        vt->screen[top] = gone;
        vt_clear_cells(vt, &vt->screen[top], 0, vt->cols);
    }
    if (top > 0)
        vt->screen[top - 1].wrapped = false;
    for (int y = top; y <= bottom; y++)
        vt_dirty(vt, y);
}

void vt_alt_screen(Vt *vt, bool on) {
    if (on == vt->alt_active)
        return;
    vt->alt_active = on;
    vt->screen = on ? vt->alt : vt->main;
    vt_touch_all(vt);
}

const VtLine *vt_view_line(const Vt *vt, int back, int y) {
    if (vt->alt_active || back <= 0)
        return &vt->screen[y];
    if (back > vt->sb_len)
        back = vt->sb_len;
    int i = vt->sb_len - back + y;
    if (i < vt->sb_len)
        return &vt->sb[(vt->sb_head + i) % vt->sb_cap];
    return &vt->main[i - vt->sb_len];
}

const VtLine *vt_line_abs(const Vt *vt, long abs) {
    if (abs < 0)
        return NULL;
    if (vt->alt_active)
        abs -= vt->sb_len; /* the alternate screen has no history */
    else if (abs < vt->sb_len)
        return &vt->sb[(vt->sb_head + abs) % vt->sb_cap];
    else
        abs -= vt->sb_len;
    return abs >= 0 && abs < vt->rows ? &vt->screen[abs] : NULL;
}

static size_t utf8_put(uint32_t c, char *out) {
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | c >> 12);
        out[1] = (char)(0x80 | (c >> 6 & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | c >> 18);
    out[1] = (char)(0x80 | (c >> 12 & 0x3F));
    out[2] = (char)(0x80 | (c >> 6 & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

size_t vt_row_text(const Vt *vt, int y, char *buf, size_t size) {
    const VtLine *l = &vt->screen[y];
    int end = l->cols;
    while (end > 0 && l->cells[end - 1].ch == ' ')
        end--;
    size_t n = 0;
    for (int x = 0; x < end; x++) {
        char u[4];
        size_t k = utf8_put(l->cells[x].ch, u);
        if (n + k >= size)
            break;
        memcpy(buf + n, u, k);
        n += k;
    }
    if (size)
        buf[n] = '\0';
    return n;
}

/* ---- resizing ---- */

/* The main screen's text as logical lines: cells joined across soft wraps,
 * trailing blanks of each logical line dropped. */
typedef struct Logical {
    VtCell *cells;
    int len;
} Logical;

/* Cells of physical line l that hold text (a line that wraps is full). */
static int line_used(const VtLine *l) {
    if (l->wrapped)
        return l->cols;
    int n = l->cols;
    while (n > 0 && l->cells[n - 1].ch == ' ' && l->cells[n - 1].bg == VT_COLOR_DEFAULT &&
           l->cells[n - 1].attr == 0)
        n--;
    return n;
}

static void reflow_main(Vt *vt, int rows, int cols) {
    /* Physical lines, oldest first: the scrollback, then the screen down
     * to the cursor or the last line with text. */
    int last = vt->cur.y;
    for (int y = vt->rows - 1; y > last; y--)
        if (line_used(&vt->main[y]) > 0) {
            last = y;
            break;
        }
    int nphys = vt->sb_len + last + 1;
    Logical *logs = xcalloc((size_t)nphys, sizeof *logs);
    int nlog = 0, cur_log = 0, cur_off = 0;
    bool open = false;
    for (int i = 0; i < nphys; i++) {
        VtLine *l = i < vt->sb_len ? &vt->sb[(vt->sb_head + i) % vt->sb_cap]
                                   : &vt->main[i - vt->sb_len];
        if (!open)
            logs[nlog++] = (Logical){NULL, 0};
        Logical *g = &logs[nlog - 1];
        int used = line_used(l);
        bool cursor_here = i == vt->sb_len + vt->cur.y;
        if (cursor_here && used < vt->cur.x)
            used = vt->cur.x; /* keep the blanks the cursor stands after */
        if (cursor_here) {
            cur_log = nlog - 1;
            cur_off = g->len + vt->cur.x;
        }
        g->cells = xrealloc(g->cells, (size_t)(g->len + used + 1) * sizeof *g->cells);
        memcpy(g->cells + g->len, l->cells, (size_t)used * sizeof *g->cells);
        g->len += used;
        open = l->wrapped;
    }
    /* Wrap each logical line at the new width. */
    int total = 0;
    for (int i = 0; i < nlog; i++)
        total += logs[i].len ? (logs[i].len + cols - 1) / cols : 1;
    VtLine *phys = xmalloc((size_t)(total ? total : 1) * sizeof *phys);
    int p = 0, cur_row = 0, cur_col = 0;
    for (int i = 0; i < nlog; i++) {
        int pieces = logs[i].len ? (logs[i].len + cols - 1) / cols : 1;
        for (int j = 0; j < pieces; j++, p++) {
            line_alloc(&phys[p], cols);
            int from = j * cols, n = logs[i].len - from < cols ? logs[i].len - from : cols;
            if (n > 0)
                memcpy(phys[p].cells, logs[i].cells + from, (size_t)n * sizeof *phys[p].cells);
            phys[p].wrapped = j < pieces - 1;
        }
        if (i == cur_log) {
            int row = cur_off / cols, col = cur_off % cols;
            if (cur_off > 0 && col == 0 && row == pieces) { /* just past a full line */
                row--;
                col = cols;
            }
            cur_row = p - pieces + (row < pieces ? row : pieces - 1);
            cur_col = col;
        }
        xfree(logs[i].cells);
    }
    xfree(logs);
    /* The last rows lines are the screen; what is above goes back to the
     * scrollback (as much as it keeps). */
    sb_clear(vt);
    int first = total > rows ? total - rows : 0;
    if (cur_row < first) /* the cursor stays on the screen */
        first = cur_row;
    for (int i = 0; i < first; i++)
        sb_push(vt, phys[i]);
    lines_free(vt->main, vt->rows);
    vt->main = xmalloc((size_t)rows * sizeof *vt->main);
    for (int y = 0; y < rows; y++) {
        if (first + y < total)
            vt->main[y] = phys[first + y];
        else
            line_alloc(&vt->main[y], cols);
    }
    for (int i = first + rows; i < total; i++)
        xfree(phys[i].cells);
    xfree(phys);
    vt->cur.y = cur_row - first;
    vt->cur.x = cur_col;
}

/* The alternate screen (and a saved cursor) keep what fits. */
static VtLine *cut_lines(VtLine *old, int old_rows, int rows, int cols) {
    VtLine *ls = lines_alloc(rows, cols);
    for (int y = 0; y < rows && y < old_rows; y++) {
        int n = old[y].cols < cols ? old[y].cols : cols;
        memcpy(ls[y].cells, old[y].cells, (size_t)n * sizeof *ls[y].cells);
    }
    lines_free(old, old_rows);
    return ls;
}

static void clamp_cursor(VtCursor *c, int rows, int cols) {
    if (c->x >= cols) {
        c->x = cols - 1;
        c->wrap_pending = true;
    }
    if (c->y >= rows)
        c->y = rows - 1;
    if (c->x < 0)
        c->x = 0;
    if (c->y < 0)
        c->y = 0;
}

int vt_resize(Vt *vt, int rows, int cols) {
    if (rows < 1 || cols < 1)
        return -1;
    if (rows == vt->rows && cols == vt->cols)
        return 0;
    /* The main screen's cursor: the live one, or the one saved while the
     * alternate screen is up. */
    VtCursor keep = vt->cur;
    if (vt->alt_active)
        vt->cur = vt->saved_main;
    if (vt->cur.wrap_pending) { /* the cursor stands after the last column */
        vt->cur.x = vt->cols;
        vt->cur.wrap_pending = false;
    }
    reflow_main(vt, rows, cols);
    VtCursor main_cur = vt->cur;
    vt->alt = cut_lines(vt->alt, vt->rows, rows, cols);
    vt->rows = rows;
    vt->cols = cols;
    vt->screen = vt->alt_active ? vt->alt : vt->main;
    if (vt->alt_active) {
        vt->saved_main = main_cur;
        vt->cur = keep;
    }
    clamp_cursor(&vt->cur, rows, cols);
    clamp_cursor(&vt->saved_main, rows, cols);
    clamp_cursor(&vt->saved_alt, rows, cols);
    vt->top = 0;
    vt->bottom = rows - 1;
    tabs_reset(vt);
    xfree(vt->dirty);
    vt->dirty = xcalloc((size_t)rows, sizeof *vt->dirty);
    vt_touch_all(vt);
    return 0;
}
