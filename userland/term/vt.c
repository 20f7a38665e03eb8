/* The terminal's parser and the actions of its sequences (see vt.h for
 * the list). The parser is a state machine over bytes after the shape of
 * DEC's (ground, escape, CSI parameters, OSC and DCS strings); UTF-8 is
 * decoded in the ground state, and a malformed sequence is replaced by
 * U+FFFD. Parameters beyond VT_PARAMS_MAX and strings beyond VT_OSC_MAX
 * are dropped, so no input makes the model grow. */
#include <stdio.h>
#include <string.h>

#include "ulib.h"
#include "vt.h"

enum { GROUND, ESCAPE, ESC_CHARSET, ESC_HASH, CSI, OSC, OSC_ESC, DCS, DCS_ESC };

/* ---- the cursor ---- */

static int clampi(int v, int lo, int hi) {
    return v < lo ? lo : v > hi ? hi : v;
}

static void move_to(Vt *vt, int x, int y) {
    int top = vt->cur.origin ? vt->top : 0, bottom = vt->cur.origin ? vt->bottom : vt->rows - 1;
    vt_dirty(vt, vt->cur.y);
    vt->cur.x = clampi(x, 0, vt->cols - 1);
    vt->cur.y = clampi(y, top, bottom);
    vt->cur.wrap_pending = false;
    vt_dirty(vt, vt->cur.y);
}

/* CUP's coordinates count from the scroll region's top under DECOM. */
static void move_abs(Vt *vt, int x, int y) {
    move_to(vt, x, y + (vt->cur.origin ? vt->top : 0));
}

/* Down one line, scrolling the region at its bottom (IND). */
static void index_down(Vt *vt) {
    if (vt->cur.y == vt->bottom)
        vt_scroll_up(vt, vt->top, vt->bottom, 1);
    else if (vt->cur.y < vt->rows - 1)
        move_to(vt, vt->cur.x, vt->cur.y + 1);
    vt->cur.wrap_pending = false;
}

static void index_up(Vt *vt) {
    if (vt->cur.y == vt->top)
        vt_scroll_down(vt, vt->top, vt->bottom, 1);
    else if (vt->cur.y > 0)
        move_to(vt, vt->cur.x, vt->cur.y - 1);
}

static void save_cursor(Vt *vt) {
    *(vt->alt_active ? &vt->saved_alt : &vt->saved_main) = vt->cur;
}

static void restore_cursor(Vt *vt) {
    vt_dirty(vt, vt->cur.y);
    vt->cur = vt->alt_active ? vt->saved_alt : vt->saved_main;
    vt->cur.x = clampi(vt->cur.x, 0, vt->cols - 1);
    vt->cur.y = clampi(vt->cur.y, 0, vt->rows - 1);
    vt_dirty(vt, vt->cur.y);
}

/* ---- text ---- */

/* DEC special graphics for 0x5f..0x7e: the line drawing set. */
static const uint16_t dec_graphics[32] = {
    0x00A0, 0x25C6, 0x2592, 0x2409, 0x240C, 0x240D, 0x240A, 0x00B0, 0x00B1, 0x2424, 0x240B,
    0x2518, 0x2510, 0x250C, 0x2514, 0x253C, 0x23BA, 0x23BB, 0x2500, 0x23BC, 0x23BD, 0x251C,
    0x2524, 0x2534, 0x252C, 0x2502, 0x2264, 0x2265, 0x03C0, 0x2260, 0x00A3, 0x00B7,
};

static bool is_combining(uint32_t c) {
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || c == 0xFE0F;
}

static void put_char(Vt *vt, uint32_t c) {
    if (vt->cur.line_drawing && c >= 0x5F && c <= 0x7E)
        c = dec_graphics[c - 0x5F];
    if (is_combining(c))
        return; /* one codepoint per cell: marks are not drawn */
    if (vt->cur.wrap_pending && vt->autowrap) {
        vt->screen[vt->cur.y].wrapped = true;
        vt->cur.x = 0;
        index_down(vt);
    }
    VtLine *l = &vt->screen[vt->cur.y];
    if (vt->insert)
        memmove(&l->cells[vt->cur.x + 1], &l->cells[vt->cur.x],
                (size_t)(vt->cols - vt->cur.x - 1) * sizeof *l->cells);
    VtCell cell = vt->cur.pen;
    cell.ch = c;
    l->cells[vt->cur.x] = cell;
    vt->last_ch = c;
    vt_dirty(vt, vt->cur.y);
    if (vt->cur.x == vt->cols - 1)
        vt->cur.wrap_pending = true;
    else
        vt->cur.x++;
}

static void reply(Vt *vt, const char *s) {
    size_t n = strlen(s);
    if (vt->reply_len + n <= VT_REPLY_MAX) {
        memcpy(vt->reply + vt->reply_len, s, n);
        vt->reply_len += n;
    }
}

static void reset(Vt *vt) {
    vt_alt_screen(vt, false);
    memset(&vt->cur, 0, sizeof vt->cur);
    vt->cur.pen = (VtCell){' ', VT_COLOR_DEFAULT, VT_COLOR_DEFAULT, 0};
    vt->saved_main = vt->saved_alt = vt->cur;
    vt->top = 0;
    vt->bottom = vt->rows - 1;
    vt->insert = vt->app_cursor = vt->app_keypad = vt->bracketed_paste = false;
    vt->autowrap = vt->cursor_visible = true;
    vt->mouse = 0;
    vt->mouse_sgr = false;
    vt->title[0] = '\0';
    for (int y = 0; y < vt->rows; y++) {
        vt_clear_cells(vt, &vt->screen[y], 0, vt->cols);
        vt->screen[y].wrapped = false;
    }
    for (int x = 0; x < vt->cols; x++)
        vt->tabs[x] = x > 0 && x % 8 == 0;
    vt_touch_all(vt);
}

/* ---- C0 controls ---- */

static void control(Vt *vt, uint8_t b) {
    switch (b) {
    case '\b':
        if (vt->cur.x > 0)
            move_to(vt, vt->cur.x - 1, vt->cur.y);
        break;
    case '\t': {
        int x = vt->cur.x + 1;
        while (x < vt->cols - 1 && !vt->tabs[x])
            x++;
        move_to(vt, x, vt->cur.y);
        break;
    }
    case '\n':
    case '\v':
    case '\f':
        index_down(vt);
        break;
    case '\r':
        move_to(vt, 0, vt->cur.y);
        break;
    case 0x0E: /* SO: G1, which is always ASCII here */
    case 0x0F: /* SI: G0 */
        break;
    default: /* BEL and the rest: nothing to draw */
        break;
    }
}

/* ---- CSI ---- */

static int param(const Vt *vt, int i, int def) {
    return i < vt->nparams && vt->params[i] > 0 ? vt->params[i] : def;
}

static void erase_display(Vt *vt, int how) {
    int y = vt->cur.y;
    switch (how) {
    case 0:
        vt_clear_cells(vt, &vt->screen[y], vt->cur.x, vt->cols);
        for (int r = y + 1; r < vt->rows; r++)
            vt_clear_cells(vt, &vt->screen[r], 0, vt->cols);
        break;
    case 1:
        vt_clear_cells(vt, &vt->screen[y], 0, vt->cur.x + 1);
        for (int r = 0; r < y; r++)
            vt_clear_cells(vt, &vt->screen[r], 0, vt->cols);
        break;
    case 2:
        for (int r = 0; r < vt->rows; r++) {
            vt_clear_cells(vt, &vt->screen[r], 0, vt->cols);
            vt->screen[r].wrapped = false;
        }
        break;
    case 3:
        vt_clear_scrollback(vt);
        break;
    }
    vt_touch_all(vt);
}

static void erase_line(Vt *vt, int how) {
    VtLine *l = &vt->screen[vt->cur.y];
    if (how == 0)
        vt_clear_cells(vt, l, vt->cur.x, vt->cols);
    else if (how == 1)
        vt_clear_cells(vt, l, 0, vt->cur.x + 1);
    else
        vt_clear_cells(vt, l, 0, vt->cols);
    if (how != 1)
        l->wrapped = false;
    vt_dirty(vt, vt->cur.y);
}

static void insert_chars(Vt *vt, int n) {
    VtLine *l = &vt->screen[vt->cur.y];
    n = clampi(n, 0, vt->cols - vt->cur.x);
    memmove(&l->cells[vt->cur.x + n], &l->cells[vt->cur.x],
            (size_t)(vt->cols - vt->cur.x - n) * sizeof *l->cells);
    vt_clear_cells(vt, l, vt->cur.x, vt->cur.x + n);
    vt_dirty(vt, vt->cur.y);
}

static void delete_chars(Vt *vt, int n) {
    VtLine *l = &vt->screen[vt->cur.y];
    n = clampi(n, 0, vt->cols - vt->cur.x);
    memmove(&l->cells[vt->cur.x], &l->cells[vt->cur.x + n],
            (size_t)(vt->cols - vt->cur.x - n) * sizeof *l->cells);
    vt_clear_cells(vt, l, vt->cols - n, vt->cols);
    vt_dirty(vt, vt->cur.y);
}

/* IL and DL act only inside the scroll region. */
static void insert_lines(Vt *vt, int n, bool insert) {
    if (vt->cur.y < vt->top || vt->cur.y > vt->bottom)
        return;
    if (insert)
        vt_scroll_down(vt, vt->cur.y, vt->bottom, n);
    else {
        bool alt = vt->alt_active;
        vt->alt_active = true; /* lines deleted here are not history */
        vt_scroll_up(vt, vt->cur.y, vt->bottom, n);
        vt->alt_active = alt;
    }
    move_to(vt, 0, vt->cur.y);
}

/* SGR 38 and 48: ;5;N or ;2;R;G;B after the code at index i, or the
 * ITU T.416 forms with colons, :5:N and :2:CS:R:G:B (CS, the colour space,
 * may be empty; xterm also takes :2:R:G:B). Returns the colour and moves
 * *i past what it used. */
static uint32_t sgr_color(const Vt *vt, int *i, uint32_t keep) {
    int kind = param(vt, *i + 1, 0), rgb = *i + 2;
    if (vt->sub >> (*i + 1) & 1) {
        int subs = 0; /* sub-parameters after the 38 / 48 */
        while (*i + 1 + subs < vt->nparams && (vt->sub >> (*i + 1 + subs) & 1))
            subs++;
        if (kind == 2 && subs >= 5)
            rgb = *i + 3; /* skip the colour space */
        else if (!(kind == 2 && subs == 4) && !(kind == 5 && subs == 2)) {
            *i += subs; /* malformed: this colour only */
            return keep;
        }
        if (kind == 2) {
            uint32_t c = VT_COLOR_RGB(clampi(vt->params[rgb], 0, 255),
                                      clampi(vt->params[rgb + 1], 0, 255),
                                      clampi(vt->params[rgb + 2], 0, 255));
            *i += subs;
            return c;
        }
    }
    if (kind == 5 && *i + 2 < vt->nparams) {
        *i += 2;
        return VT_COLOR_PALETTE(clampi(vt->params[*i], 0, 255));
    }
    if (kind == 2 && *i + 4 < vt->nparams) {
        uint32_t c = VT_COLOR_RGB(clampi(vt->params[*i + 2], 0, 255),
                                  clampi(vt->params[*i + 3], 0, 255),
                                  clampi(vt->params[*i + 4], 0, 255));
        *i += 4;
        return c;
    }
    *i = vt->nparams; /* malformed: ignore the rest, as xterm does */
    return keep;
}

static void sgr(Vt *vt) {
    VtCell *p = &vt->cur.pen;
    if (vt->nparams == 0) {
        p->attr = 0;
        p->fg = p->bg = VT_COLOR_DEFAULT;
        return;
    }
    static const uint16_t set_attr[10] = {0, VT_BOLD, VT_DIM, VT_ITALIC, VT_UNDERLINE,
                                          VT_BLINK, 0, VT_INVERSE, VT_HIDDEN, VT_STRIKE};
    for (int i = 0; i < vt->nparams; i++) {
        int c = vt->params[i] < 0 ? 0 : vt->params[i];
        if (c == 0) {
            p->attr = 0;
            p->fg = p->bg = VT_COLOR_DEFAULT;
        } else if (c < 10) {
            p->attr |= set_attr[c];
        } else if (c == 21) {
            p->attr |= VT_UNDERLINE; /* doubly underlined: drawn once */
        } else if (c == 22) {
            p->attr &= (uint16_t)~(VT_BOLD | VT_DIM);
        } else if (c >= 23 && c <= 29 && c != 26) {
            static const uint16_t clear_attr[7] = {VT_ITALIC, VT_UNDERLINE, VT_BLINK, 0,
                                                   VT_INVERSE, VT_HIDDEN, VT_STRIKE};
            p->attr &= (uint16_t)~clear_attr[c - 23];
        } else if (c >= 30 && c <= 37) {
            p->fg = VT_COLOR_PALETTE(c - 30);
        } else if (c == 38) {
            p->fg = sgr_color(vt, &i, p->fg);
        } else if (c == 39) {
            p->fg = VT_COLOR_DEFAULT;
        } else if (c >= 40 && c <= 47) {
            p->bg = VT_COLOR_PALETTE(c - 40);
        } else if (c == 48) {
            p->bg = sgr_color(vt, &i, p->bg);
        } else if (c == 49) {
            p->bg = VT_COLOR_DEFAULT;
        } else if (c >= 90 && c <= 97) {
            p->fg = VT_COLOR_PALETTE(c - 90 + 8);
        } else if (c >= 100 && c <= 107) {
            p->bg = VT_COLOR_PALETTE(c - 100 + 8);
        }
    }
}

static void set_mode(Vt *vt, bool on) {
    for (int i = 0; i < vt->nparams; i++) {
        int m = vt->params[i];
        if (vt->priv != '?') {
            if (m == 4)
                vt->insert = on;
            continue;
        }
        switch (m) {
        case 1: vt->app_cursor = on; break;
        case 6:
            vt->cur.origin = on;
            move_abs(vt, 0, 0);
            break;
        case 7: vt->autowrap = on; break;
        case 25:
            vt->cursor_visible = on;
            vt_dirty(vt, vt->cur.y);
            break;
        case 47:
        case 1047:
            if (!on && vt->alt_active)
                for (int y = 0; y < vt->rows; y++)
                    vt_clear_cells(vt, &vt->alt[y], 0, vt->cols);
            vt_alt_screen(vt, on);
            break;
        case 1048:
            on ? save_cursor(vt) : restore_cursor(vt);
            break;
        case 1049:
            if (on) {
                vt->saved_main = vt->cur;
                vt_alt_screen(vt, true);
                erase_display(vt, 2);
            } else if (vt->alt_active) {
                vt_alt_screen(vt, false);
                vt->cur = vt->saved_main;
            }
            break;
        case 1000:
        case 1002: vt->mouse = on ? m : 0; break;
        case 1006: vt->mouse_sgr = on; break;
        case 2004: vt->bracketed_paste = on; break;
        default: break; /* other modes (blinking cursor, 132 columns...) */
        }
    }
}

static void device_status(Vt *vt) {
    char buf[48];
    if (vt->priv)
        return;
    if (param(vt, 0, 0) == 5) {
        reply(vt, "\033[0n");
    } else if (param(vt, 0, 0) == 6) {
        int y = vt->cur.y - (vt->cur.origin ? vt->top : 0);
        snprintf(buf, sizeof buf, "\033[%d;%dR", y + 1, vt->cur.x + 1);
        reply(vt, buf);
    }
}

static void csi(Vt *vt, uint8_t final) {
    int n = param(vt, 0, 1);
    if (vt->inter) /* DECSCUSR (cursor shape), DECSTR...: nothing to do */
        return;
    switch (final) {
    case '@': insert_chars(vt, n); break;
    case 'A': move_to(vt, vt->cur.x, vt->cur.y - n); break;
    case 'B':
    case 'e': move_to(vt, vt->cur.x, vt->cur.y + n); break;
    case 'C':
    case 'a': move_to(vt, vt->cur.x + n, vt->cur.y); break;
    case 'D': move_to(vt, vt->cur.x - n, vt->cur.y); break;
    case 'E': move_to(vt, 0, vt->cur.y + n); break;
    case 'F': move_to(vt, 0, vt->cur.y - n); break;
    case 'G':
    case '`': move_to(vt, n - 1, vt->cur.y); break;
    case 'H':
    case 'f': move_abs(vt, param(vt, 1, 1) - 1, n - 1); break;
    case 'I':
        for (int i = 0; i < n; i++)
            control(vt, '\t');
        break;
    case 'J': erase_display(vt, param(vt, 0, 0)); break;
    case 'K': erase_line(vt, param(vt, 0, 0)); break;
    case 'L': insert_lines(vt, n, true); break;
    case 'M': insert_lines(vt, n, false); break;
    case 'P': delete_chars(vt, n); break;
    case 'S':
        if (!vt->priv)
            vt_scroll_up(vt, vt->top, vt->bottom, n);
        break;
    case 'T': vt_scroll_down(vt, vt->top, vt->bottom, n); break;
    case 'X': {
        VtLine *l = &vt->screen[vt->cur.y];
        vt_clear_cells(vt, l, vt->cur.x, vt->cur.x + n);
        vt_dirty(vt, vt->cur.y);
        break;
    }
    case 'Z': {
        int x = vt->cur.x;
        for (int i = 0; i < n && x > 0; i++)
            do
                x--;
            while (x > 0 && !vt->tabs[x]);
        move_to(vt, x, vt->cur.y);
        break;
    }
    case 'b':
        for (int i = 0; i < n && i < 65536 && vt->last_ch; i++)
            put_char(vt, vt->last_ch);
        break;
    case 'c':
        if (!vt->priv)
            reply(vt, "\033[?62;22c"); /* a VT220 with ANSI colour */
        else if (vt->priv == '>')
            reply(vt, "\033[>1;10;0c");
        break;
    case 'd': move_abs(vt, vt->cur.x, n - 1); break;
    case 'g':
        if (param(vt, 0, 0) == 0)
            vt->tabs[vt->cur.x] = false;
        else if (param(vt, 0, 0) == 3)
            memset(vt->tabs, 0, (size_t)vt->cols * sizeof *vt->tabs);
        break;
    case 'h': set_mode(vt, true); break;
    case 'l': set_mode(vt, false); break;
    case 'm':
        if (!vt->priv)
            sgr(vt);
        break;
    case 'n': device_status(vt); break;
    case 'r': {
        if (vt->priv)
            break;
        int top = param(vt, 0, 1) - 1, bottom = param(vt, 1, vt->rows) - 1;
        if (bottom >= vt->rows)
            bottom = vt->rows - 1;
        if (top < bottom) {
            vt->top = top;
            vt->bottom = bottom;
            move_abs(vt, 0, 0);
        }
        break;
    }
    case 's':
        if (!vt->priv)
            save_cursor(vt);
        break;
    case 'u':
        if (!vt->priv)
            restore_cursor(vt);
        break;
    default: break;
    }
}

/* ---- ESC and strings ---- */

static void esc(Vt *vt, uint8_t b) {
    switch (b) {
    case '7': save_cursor(vt); break;
    case '8': restore_cursor(vt); break;
    case 'D': index_down(vt); break;
    case 'E':
        move_to(vt, 0, vt->cur.y);
        index_down(vt);
        break;
    case 'H': vt->tabs[vt->cur.x] = true; break;
    case 'M': index_up(vt); break;
    case 'c': reset(vt); break;
    case '=': vt->app_keypad = true; break;
    case '>': vt->app_keypad = false; break;
    default: break;
    }
}

static void osc_end(Vt *vt) {
    vt->osc[vt->osc_len] = '\0';
    if ((vt->osc[0] == '0' || vt->osc[0] == '2') && vt->osc[1] == ';')
        snprintf(vt->title, sizeof vt->title, "%s", vt->osc + 2);
    vt->osc_len = 0;
}

static void csi_byte(Vt *vt, uint8_t b) {
    if (b >= '0' && b <= '9') {
        if (vt->nparams == 0)
            vt->nparams = 1;
        int *p = &vt->params[vt->nparams - 1];
        if (*p < 0)
            *p = 0;
        if (*p < 100000)
            *p = *p * 10 + (b - '0');
    } else if (b == ';' || b == ':') {
        if (vt->nparams == 0)
            vt->nparams = 1; /* an empty first parameter */
        if (vt->nparams < VT_PARAMS_MAX) {
            if (b == ':')
                vt->sub |= 1u << vt->nparams;
            vt->params[vt->nparams++] = -1;
        }
    } else if (b >= '<' && b <= '?') {
        vt->priv = (char)b;
    } else if (b >= 0x20 && b <= 0x2F) {
        vt->inter = (char)b;
    } else if (b >= 0x40 && b <= 0x7E) {
        csi(vt, b);
        vt->state = GROUND;
    } else if (b == 0x1B) {
        vt->state = ESCAPE;
    } else if (b < 0x20) {
        control(vt, b); /* C0 controls act inside sequences too */
    }
}

static void start_seq(Vt *vt, int state) {
    vt->state = state;
    vt->nparams = 0;
    vt->priv = vt->inter = 0;
    vt->sub = 0;
    for (int i = 0; i < VT_PARAMS_MAX; i++)
        vt->params[i] = -1;
    vt->osc_len = 0;
}

static void escape_byte(Vt *vt, uint8_t b) {
    vt->state = GROUND;
    switch (b) {
    case '[': start_seq(vt, CSI); break;
    case ']': start_seq(vt, OSC); break;
    case 'P': start_seq(vt, DCS); break;
    case '(':
    case ')':
    case '*':
    case '+':
        vt->charset_slot = (char)b;
        vt->state = ESC_CHARSET;
        break;
    case '#': vt->state = ESC_HASH; break;
    case 0x1B: vt->state = ESCAPE; break;
    default: esc(vt, b); break;
    }
}

static void ground_byte(Vt *vt, uint8_t b) {
    if (vt->utf8_left > 0) {
        if ((b & 0xC0) == 0x80) {
            vt->utf8_cp = vt->utf8_cp << 6 | (b & 0x3F);
            if (--vt->utf8_left == 0) {
                uint32_t c = vt->utf8_cp;
                put_char(vt, c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) ? 0xFFFD : c);
            }
            return;
        }
        vt->utf8_left = 0;
        put_char(vt, 0xFFFD); /* a cut sequence; b starts afresh */
    }
    if (b < 0x20) {
        if (b == 0x1B)
            vt->state = ESCAPE;
        else
            control(vt, b);
    } else if (b < 0x80) {
        if (b != 0x7F)
            put_char(vt, b);
    } else if (b >= 0xC2 && b <= 0xF4) {
        vt->utf8_left = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
        vt->utf8_cp = b & (b >= 0xF0 ? 0x07 : b >= 0xE0 ? 0x0F : 0x1F);
    } else {
        put_char(vt, 0xFFFD);
    }
}

void vt_feed(Vt *vt, const void *buf, size_t n) {
    const uint8_t *p = buf;
    for (size_t i = 0; i < n; i++) {
        uint8_t b = p[i];
        switch (vt->state) {
        case GROUND: ground_byte(vt, b); break;
        case ESCAPE: escape_byte(vt, b); break;
        case ESC_CHARSET:
            if (vt->charset_slot == '(')
                vt->cur.line_drawing = b == '0';
            vt->state = GROUND;
            break;
        case ESC_HASH:
            vt->state = GROUND; /* DECALN and the double-size lines: not drawn */
            break;
        case CSI: csi_byte(vt, b); break;
        case OSC:
            if (b == 0x07)
                osc_end(vt), vt->state = GROUND;
            else if (b == 0x1B)
                vt->state = OSC_ESC;
            else if (vt->osc_len < VT_OSC_MAX - 1)
                vt->osc[vt->osc_len++] = (char)b;
            break;
        case OSC_ESC: /* ESC \ ends the string; any ESC does */
            osc_end(vt);
            vt->state = GROUND;
            if (b != '\\')
                escape_byte(vt, b);
            break;
        case DCS:
            if (b == 0x1B)
                vt->state = DCS_ESC;
            break;
        case DCS_ESC:
            vt->state = b == '\\' ? GROUND : DCS;
            break;
        }
    }
}
