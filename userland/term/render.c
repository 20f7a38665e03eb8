/* Drawing the terminal: each cell's background, then its glyph (a mask
 * from the kernel's fonts, SDL2_ttf underneath) blended in the cell's
 * foreground, underline and strike-through lines, the selection and the
 * cursor. Only rows that changed are drawn again; the kernel then sees
 * which pixels of the frame changed. */
#include <string.h>

#include "term.h"

#define DEFAULT_FG 0xFFD8DEE4u
#define DEFAULT_BG 0xFF101418u
#define CURSOR_COLOR 0xFFE8C060u

/* xterm's 16 colours, then the 6x6x6 cube and 24 greys of the 256. */
uint32_t term_palette(int i) {
    static const uint32_t base[16] = {
        0xFF000000u, 0xFFCD3131u, 0xFF0DBC79u, 0xFFE5E510u, 0xFF2472C8u, 0xFFBC3FBCu,
        0xFF11A8CDu, 0xFFE5E5E5u, 0xFF666666u, 0xFFF14C4Cu, 0xFF23D18Bu, 0xFFF5F543u,
        0xFF3B8EEAu, 0xFFD670D6u, 0xFF29B8DBu, 0xFFFFFFFFu,
    };
    if (i < 16)
        return base[i];
    if (i < 232) {
        static const uint8_t level[6] = {0, 95, 135, 175, 215, 255};
        int c = i - 16;
        return 0xFF000000u | (uint32_t)level[c / 36] << 16 | (uint32_t)level[c / 6 % 6] << 8 |
               level[c % 6];
    }
    uint32_t g = (uint32_t)(8 + (i - 232) * 10);
    return 0xFF000000u | g << 16 | g << 8 | g;
}

static uint32_t resolve(uint32_t c, uint32_t def, bool bright) {
    switch (VT_COLOR_KIND(c)) {
    case 1: {
        int i = (int)(c & 0xFF);
        return term_palette(bright && i < 8 ? i + 8 : i); /* bold brightens the 8 */
    }
    case 2: return 0xFF000000u | (c & 0xFFFFFFu);
    default: return def;
    }
}

int term_fonts_open(Term *t, int px) {
    static const char *const names[TERM_STYLES] = {"monospace", "monospace-bold",
                                                   "monospace-italic", "monospace-bold-italic"};
    SyscallResult r = sys_font_open(names[0], px);
    if (r.error != AX_OK)
        return -(int)r.error;
    t->fonts[0] = (int)r.value;
    sys_font_metrics(t->fonts[0], &t->fm);
    for (int s = 1; s < TERM_STYLES; s++) {
        r = sys_font_open(names[s], px);
        t->fonts[s] = r.error == AX_OK ? (int)r.value : -1;
    }
    t->mask = xmalloc((size_t)t->fm.cell_width * t->fm.cell_height);
    return 0;
}

void term_fonts_close(Term *t) {
    for (int s = 0; s < TERM_STYLES; s++) {
        if (t->fonts[s] >= 0)
            sys_close(t->fonts[s]);
        for (int c = 0; c < TERM_GLYPH_CACHE; c++)
            xfree(t->glyphs[s][c]);
    }
    xfree(t->mask);
}

/* The mask of ch in style s, or NULL when the font has none to give. */
static const uint8_t *glyph(Term *t, int s, uint32_t ch) {
    if (t->fonts[s] < 0)
        s = 0;
    size_t bytes = (size_t)t->fm.cell_width * t->fm.cell_height;
    if (ch < TERM_GLYPH_CACHE && t->glyphs[s][ch])
        return t->glyphs[s][ch];
    uint8_t *dst = ch < TERM_GLYPH_CACHE ? xmalloc(bytes) : t->mask;
    if (sys_font_glyph(t->fonts[s], ch, dst, bytes).error != AX_OK) {
        if (dst != t->mask)
            xfree(dst);
        return NULL;
    }
    if (ch < TERM_GLYPH_CACHE)
        t->glyphs[s][ch] = dst;
    return dst;
}

static uint32_t blend(uint32_t bg, uint32_t fg, unsigned a) {
    uint32_t rb = ((bg & 0xFF00FFu) * (255 - a) + (fg & 0xFF00FFu) * a) / 255;
    uint32_t g = ((bg & 0x00FF00u) * (255 - a) + (fg & 0x00FF00u) * a) / 255;
    return 0xFF000000u | (rb & 0xFF00FFu) | (g & 0x00FF00u);
}

static void fill(Term *t, int x0, int y0, int w, int h, uint32_t c) {
    for (int y = y0; y < y0 + h && y < t->height; y++)
        for (int x = x0; x < x0 + w && x < t->width; x++)
            t->frame[(size_t)y * t->width + x] = c;
}

/* Is cell (line, col) inside the selection? */
static bool selected(const TermSel *s, long line, int col) {
    if (!s->active)
        return false;
    long al = s->a_line, bl = s->b_line;
    int ac = s->a_col, bc = s->b_col;
    if (al > bl || (al == bl && ac > bc)) {
        long tl = al;
        al = bl;
        bl = tl;
        int tc = ac;
        ac = bc;
        bc = tc;
    }
    if (line < al || line > bl)
        return false;
    if (line == al && col < ac)
        return false;
    if (line == bl && col > bc)
        return false;
    return true;
}

static void draw_cell(Term *t, const VtCell *c, int x, int y, bool sel, bool cursor) {
    int cw = t->fm.cell_width, ch = t->fm.cell_height;
    int px = x * cw, py = y * ch;
    bool bold = c->attr & VT_BOLD;
    uint32_t fg = resolve(c->fg, DEFAULT_FG, bold), bg = resolve(c->bg, DEFAULT_BG, false);
    if (c->attr & VT_DIM)
        fg = blend(bg, fg, 160);
    if ((c->attr & VT_INVERSE) != sel) {
        uint32_t tmp = fg;
        fg = bg;
        bg = tmp;
    }
    if (cursor && t->focused) {
        fg = bg;
        bg = CURSOR_COLOR;
    }
    fill(t, px, py, cw, ch, bg);
    if (cursor && !t->focused) { /* an outline while another window has the keys */
        fill(t, px, py, cw, 1, CURSOR_COLOR);
        fill(t, px, py + ch - 1, cw, 1, CURSOR_COLOR);
        fill(t, px, py, 1, ch, CURSOR_COLOR);
        fill(t, px + cw - 1, py, 1, ch, CURSOR_COLOR);
    }
    if (c->ch != ' ' && !(c->attr & VT_HIDDEN)) {
        int style = (bold ? 1 : 0) + (c->attr & VT_ITALIC ? 2 : 0);
        const uint8_t *m = glyph(t, style, c->ch);
        for (int gy = 0; m && gy < ch && py + gy < t->height; gy++) {
            uint32_t *row = t->frame + (size_t)(py + gy) * t->width + px;
            for (int gx = 0; gx < cw && px + gx < t->width; gx++) {
                unsigned a = m[gy * cw + gx];
                if (a)
                    row[gx] = a == 255 ? fg : blend(bg, fg, a);
            }
        }
    }
    if (c->attr & VT_UNDERLINE)
        fill(t, px, py + t->fm.ascent + 1, cw, 1, fg);
    if (c->attr & VT_STRIKE)
        fill(t, px, py + t->fm.ascent * 2 / 3, cw, 1, fg);
}

bool term_render(Term *t) {
    Vt *vt = &t->vt;
    bool drew = false;
    long first = (long)vt->sb_len - t->back; /* absolute line of view row 0 */
    bool show_cursor = t->back == 0 && vt->cursor_visible;
    for (int y = 0; y < vt->rows; y++) {
        if (!t->redraw && !vt->dirty[y])
            continue;
        const VtLine *l = vt_view_line(vt, t->back, y);
        for (int x = 0; x < vt->cols; x++) {
            const VtCell *c = x < l->cols ? &l->cells[x] : &(VtCell){' ', 0, 0, 0};
            bool cur = show_cursor && y == vt->cur.y && x == vt->cur.x;
            draw_cell(t, c, x, y, selected(&t->sel, first + y, x), cur);
        }
        drew = true;
    }
    if (t->redraw) {
        /* the strips right of and below the cells */
        int used_w = vt->cols * t->fm.cell_width, used_h = vt->rows * t->fm.cell_height;
        fill(t, used_w, 0, t->width - used_w, t->height, DEFAULT_BG);
        fill(t, 0, used_h, t->width, t->height - used_h, DEFAULT_BG);
    }
    t->redraw = false;
    vt_clean(vt);
    return drew;
}
