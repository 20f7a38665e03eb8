/* vi's normal and insert modes. A normal-mode command is read whole here:
 * [count] then a command, or an operator (d c y) then [count] and a motion
 * (vi_motion.c) or the operator again, for whole lines. */
#include <ctype.h>
#include <string.h>

#include "vi.h"

/* ---- operators ---- */

static char *range_text(Vi *v, Pos a, Pos b, size_t *len)
{
    size_t cap = 64, n = 0;
    char *out = xmalloc(cap);
    for (size_t r = a.row; r <= b.row; r++) {
        size_t s = r == a.row ? a.col : 0;
        size_t e = r == b.row ? b.col : vi_len(v, r);
        if (e > vi_len(v, r))
            e = vi_len(v, r);
        size_t need = n + (e > s ? e - s : 0) + 2;
        if (need > cap)
            out = xrealloc(out, cap = need * 2);
        if (e > s) {
            memcpy(out + n, v->lines[r].s + s, e - s);
            n += e - s;
        }
        if (r < b.row)
            out[n++] = '\n';
    }
    out[n] = 0;
    *len = n;
    return out;
}

static void delete_range(Vi *v, Pos a, Pos b)
{
    if (a.row == b.row) {
        vi_delete_bytes(v, a.row, a.col, b.col - a.col);
        return;
    }
    ViLine *last = &v->lines[b.row];
    size_t bc = b.col < last->len ? b.col : last->len;
    char *tail = xstrndup(last->s + bc, last->len - bc);
    size_t tl = last->len - bc;
    vi_line_delete(v, a.row + 1, b.row - a.row);
    ViLine *first = &v->lines[a.row];
    first->len = a.col < first->len ? a.col : first->len;
    first->s[first->len] = 0;
    vi_insert_bytes(v, a.row, first->len, tail, tl);
    xfree(tail);
}

/* Insert text (which may hold newlines) at row, col; the cursor ends on
 * its last character. */
static void insert_text(Vi *v, size_t row, size_t col, const char *s, size_t len)
{
    size_t r = row, c = col;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - (s + i)) : len - i;
        vi_insert_bytes(v, r, c, s + i, n);
        c += n;
        i += n;
        if (nl) {
            vi_split_line(v, r, c);
            r++;
            c = 0;
            i++;
        }
    }
    v->row = r;
    v->col = c > 0 ? c - 1 : 0;
}

static void apply_operator(Vi *v, int op, Motion m)
{
    Pos a = {v->row, v->col}, b = m.to;
    if (b.row < a.row || (b.row == a.row && b.col < a.col)) {
        Pos t = a;
        a = b;
        b = t;
    }
    if (m.linewise) {
        size_t len;
        char *text = range_text(v, (Pos){a.row, 0}, (Pos){b.row, vi_len(v, b.row)}, &len);
        text = xrealloc(text, len + 2);
        text[len++] = '\n';
        text[len] = 0;
        vi_yank(v, text, len, true);
        xfree(text);
        if (op == 'y') {
            v->row = a.row;
            return;
        }
        vi_snapshot(v);
        if (op == 'd') {
            vi_line_delete(v, a.row, b.row - a.row + 1);
            v->row = a.row < v->n ? a.row : v->n - 1;
            v->col = vi_first_nonblank(v, v->row);
        } else { /* c: the lines become one empty line to type in */
            vi_line_delete(v, a.row + 1, b.row - a.row);
            vi_line_set(v, a.row, "", 0);
            v->row = a.row;
            v->col = 0;
            v->insert = true;
        }
        return;
    }
    if (m.inclusive)
        b.col = vi_next_char(v, b.row, b.col) > b.col ? vi_next_char(v, b.row, b.col) : b.col + 1;
    size_t len;
    char *text = range_text(v, a, b, &len);
    vi_yank(v, text, len, false);
    xfree(text);
    if (op == 'y') {
        v->row = a.row;
        v->col = a.col;
        return;
    }
    vi_snapshot(v);
    delete_range(v, a, b);
    v->row = a.row;
    v->col = a.col;
    if (op == 'c')
        v->insert = true;
}

static void put(Vi *v, bool before, size_t count)
{
    if (!v->reg) {
        snprintf(v->msg, sizeof v->msg, "E353: Nothing in register \"");
        return;
    }
    vi_snapshot(v);
    if (v->reg_lines) {
        size_t at = before ? v->row : v->row + 1;
        size_t first = at;
        for (size_t k = 0; k < count; k++) {
            for (size_t i = 0; i < v->reg_len;) {
                const char *nl = memchr(v->reg + i, '\n', v->reg_len - i);
                size_t n = nl ? (size_t)(nl - (v->reg + i)) : v->reg_len - i;
                vi_line_insert(v, at++, v->reg + i, n);
                i += n + 1;
            }
        }
        v->row = first;
        v->col = vi_first_nonblank(v, first);
        return;
    }
    size_t col = v->col;
    if (!before && vi_len(v, v->row) > 0)
        col = vi_next_char(v, v->row, v->col);
    for (size_t k = 0; k < count; k++) {
        insert_text(v, v->row, col, v->reg, v->reg_len);
        col = v->col + 1;
    }
}

/* ---- the commands ---- */

static void enter_insert(Vi *v)
{
    vi_snapshot(v);
    v->insert = true;
}

static void set_search(Vi *v, bool back)
{
    char pat[256];
    if (!vi_prompt(v, back ? '?' : '/', pat, sizeof pat))
        return;
    if (pat[0]) {
        if (v->have_re)
            regfree(&v->re);
        v->have_re = false;
        int e = regcomp(&v->re, pat, 0);
        if (e != 0) {
            regerror(e, &v->re, v->msg, sizeof v->msg);
            return;
        }
        v->have_re = true;
    }
    v->search_back = back;
    vi_search(v, back);
}

void vi_normal(Vi *v, int key)
{
    size_t count = 0;
    bool have_count = false;
    while ((key >= '1' && key <= '9') || (have_count && key == '0')) {
        count = count * 10 + (size_t)(key - '0');
        if (count > 100000000)
            count = 100000000;
        have_count = true;
        key = vi_key(v);
    }
    size_t n = have_count ? count : 1;
    int half = v->text_rows / 2 > 0 ? v->text_rows / 2 : 1;
    switch (key) {
    case 'd':
    case 'c':
    case 'y': {
        int k2 = vi_key(v);
        size_t c2 = 0;
        bool hc2 = false;
        while ((k2 >= '1' && k2 <= '9') || (hc2 && k2 == '0')) {
            c2 = c2 * 10 + (size_t)(k2 - '0');
            hc2 = true;
            k2 = vi_key(v);
        }
        size_t total = n * (hc2 ? c2 : 1);
        Motion m;
        if (k2 == key) { /* dd cc yy: count lines */
            m = (Motion){{v->row + total - 1 < v->n ? v->row + total - 1 : v->n - 1, 0}, true,
                         false, true};
        } else {
            m = vi_motion(v, k2, total, have_count || hc2, key);
        }
        if (m.ok)
            apply_operator(v, key, m);
        break;
    }
    case 'x':
    case U_KEY_DEL:
        if (vi_len(v, v->row))
            apply_operator(v, 'd', vi_motion(v, 'l', n, true, 'd'));
        break;
    case 'X':
        if (v->col > 0)
            apply_operator(v, 'd', vi_motion(v, 'h', n, true, 'd'));
        break;
    case 'D':
        apply_operator(v, 'd', vi_motion(v, '$', n, have_count, 'd'));
        break;
    case 'C':
        if (vi_len(v, v->row) == 0) {
            enter_insert(v);
            break;
        }
        apply_operator(v, 'c', vi_motion(v, '$', n, have_count, 'c'));
        break;
    case 's':
        if (vi_len(v, v->row) == 0) {
            enter_insert(v);
            break;
        }
        apply_operator(v, 'c', vi_motion(v, 'l', n, true, 'c'));
        break;
    case 'S':
        apply_operator(v, 'c', (Motion){{v->row + n - 1 < v->n ? v->row + n - 1 : v->n - 1, 0},
                                        true, false, true});
        break;
    case 'Y':
        apply_operator(v, 'y', (Motion){{v->row + n - 1 < v->n ? v->row + n - 1 : v->n - 1, 0},
                                        true, false, true});
        break;
    case 'p':
    case 'P':
        put(v, key == 'P', n);
        break;
    case 'r': {
        int ch = vi_key(v);
        if (ch < 0 || ch >= 0x100 || ch == 0x1b || v->col + n > vi_len(v, v->row))
            break;
        vi_snapshot(v);
        if (ch == '\r' || ch == '\n') {
            vi_delete_bytes(v, v->row, v->col, n);
            vi_split_line(v, v->row, v->col);
            v->row++;
            v->col = 0;
            break;
        }
        for (size_t i = 0; i < n; i++)
            v->lines[v->row].s[v->col + i] = (char)ch;
        v->col += n - 1;
        v->dirty = true;
        break;
    }
    case 'J':
        if (v->row + 1 >= v->n)
            break;
        vi_snapshot(v);
        for (size_t i = 0; i < (n > 1 ? n - 1 : 1) && v->row + 1 < v->n; i++) {
            v->col = vi_len(v, v->row);
            vi_join_lines(v, v->row, true);
        }
        break;
    case '~': {
        if (vi_len(v, v->row) == 0)
            break;
        vi_snapshot(v);
        ViLine *l = &v->lines[v->row];
        for (size_t i = 0; i < n && v->col < l->len; i++) {
            char c = l->s[v->col];
            l->s[v->col] = (char)(isupper((unsigned char)c) ? tolower((unsigned char)c)
                                                            : toupper((unsigned char)c));
            if (v->col + 1 < l->len)
                v->col++;
            else
                break;
        }
        v->dirty = true;
        break;
    }
    case 'i':
        enter_insert(v);
        break;
    case 'a':
        enter_insert(v);
        if (vi_len(v, v->row))
            v->col = vi_next_char(v, v->row, v->col);
        break;
    case 'I':
        enter_insert(v);
        v->col = vi_first_nonblank(v, v->row);
        break;
    case 'A':
        enter_insert(v);
        v->col = vi_len(v, v->row);
        break;
    case 'o':
    case 'O':
        enter_insert(v);
        vi_line_insert(v, key == 'o' ? v->row + 1 : v->row, "", 0);
        if (key == 'o')
            v->row++;
        v->col = 0;
        break;
    case 'u':
        vi_undo(v, false);
        break;
    case 18: /* ^R */
        vi_undo(v, true);
        break;
    case '/':
    case '?':
        set_search(v, key == '?');
        break;
    case ':': {
        char line[512];
        if (vi_prompt(v, ':', line, sizeof line))
            vi_ex(v, line);
        break;
    }
    case 'Z': {
        int k2 = vi_key(v);
        if (k2 == 'Z')
            vi_ex(v, "x");
        else if (k2 == 'Q')
            vi_ex(v, "q!");
        break;
    }
    case 6: /* ^F */
    case U_KEY_PGDN:
        v->top += (size_t)(v->text_rows > 2 ? v->text_rows - 2 : 1) * n;
        if (v->top >= v->n)
            v->top = v->n - 1;
        if (v->row < v->top)
            v->row = v->top;
        v->col = vi_first_nonblank(v, v->row);
        break;
    case 2: /* ^B */
    case U_KEY_PGUP: {
        size_t by = (size_t)(v->text_rows > 2 ? v->text_rows - 2 : 1) * n;
        v->top = v->top > by ? v->top - by : 0;
        if (v->row >= v->top + (size_t)v->text_rows)
            v->row = v->top + (size_t)v->text_rows - 1;
        v->col = vi_first_nonblank(v, v->row);
        break;
    }
    case 4:  /* ^D */
    case 21: { /* ^U */
        size_t by = have_count ? n : (size_t)half;
        if (key == 4) {
            v->row = v->row + by < v->n ? v->row + by : v->n - 1;
            v->top = v->top + by < v->n ? v->top + by : v->top;
        } else {
            v->row = v->row > by ? v->row - by : 0;
            v->top = v->top > by ? v->top - by : 0;
        }
        v->col = vi_first_nonblank(v, v->row);
        break;
    }
    case 7: /* ^G */
        snprintf(v->msg, sizeof v->msg, "\"%s\"%s %zu lines --%zu%%--",
                 v->path ? v->path : "[No Name]", v->dirty ? " [Modified]" : "", v->n,
                 (v->row + 1) * 100 / v->n);
        break;
    case 12: /* ^L */
        u_term_size(&v->term);
        v->text_rows = v->term.rows > 1 ? v->term.rows - 1 : 1;
        u_fputs("\033[H\033[2J", u_stdout());
        break;
    case 0x1b:
        break;
    case '.':
        vi_repeat(v);
        break;
    default: {
        Motion m = vi_motion(v, key, n, have_count, 0);
        if (!m.ok)
            break;
        size_t old_row = v->row;
        v->row = m.to.row;
        v->col = m.to.col;
        if (m.linewise && key != 'G' && key != 'g' && key != 'H' && key != 'M' && key != 'L' &&
            key != '+' && key != '-' && key != '\r' && key != '\n' && v->row != old_row) {
            /* j and k keep the display column they started from */
            ViLine *l = &v->lines[v->row];
            size_t c = 0, dc = 0;
            while (c < l->len && dc < v->want_col) {
                dc = vi_display_col(v, v->row, vi_next_char(v, v->row, c));
                if (dc > v->want_col)
                    break;
                c = vi_next_char(v, v->row, c);
            }
            v->col = c;
            vi_clamp(v);
            return; /* want_col stays */
        }
        break;
    }
    }
    vi_clamp(v);
    v->want_col = vi_display_col(v, v->row, v->col);
}

void vi_insert_key(Vi *v, int key)
{
    ViLine *l = &v->lines[v->row];
    switch (key) {
    case 0x1b:
        v->insert = false;
        if (v->col > 0)
            v->col = vi_prev_char(v, v->row, v->col);
        break;
    case '\r':
    case '\n':
        vi_split_line(v, v->row, v->col);
        v->row++;
        v->col = 0;
        break;
    case 127:
    case 8:
        if (v->col > 0) {
            size_t p = vi_prev_char(v, v->row, v->col);
            vi_delete_bytes(v, v->row, p, v->col - p);
            v->col = p;
        } else if (v->row > 0) {
            v->row--;
            v->col = vi_len(v, v->row);
            vi_join_lines(v, v->row, false);
        }
        break;
    case 23: { /* ^W: the word before the cursor */
        Pos p = {v->row, v->col};
        if (p.col == 0)
            break;
        vi_word_back(v, &p);
        if (p.row != v->row)
            p = (Pos){v->row, 0};
        vi_delete_bytes(v, v->row, p.col, v->col - p.col);
        v->col = p.col;
        break;
    }
    case 21: /* ^U */
        vi_delete_bytes(v, v->row, 0, v->col);
        v->col = 0;
        break;
    case U_KEY_DEL:
        if (v->col < l->len)
            vi_delete_bytes(v, v->row, v->col, vi_next_char(v, v->row, v->col) - v->col);
        else
            vi_join_lines(v, v->row, false);
        break;
    case U_KEY_LEFT:
        if (v->col > 0)
            v->col = vi_prev_char(v, v->row, v->col);
        break;
    case U_KEY_RIGHT:
        if (v->col < l->len)
            v->col = vi_next_char(v, v->row, v->col);
        break;
    case U_KEY_UP:
        if (v->row > 0)
            v->row--;
        break;
    case U_KEY_DOWN:
        if (v->row + 1 < v->n)
            v->row++;
        break;
    case U_KEY_HOME:
        v->col = 0;
        break;
    case U_KEY_END:
        v->col = l->len;
        break;
    default:
        if (key == '\t' || (key >= 32 && key < 0x100 && key != 127)) {
            char c = (char)key;
            vi_insert_bytes(v, v->row, v->col, &c, 1);
            v->col++;
        }
        break;
    }
    vi_clamp(v);
    v->want_col = vi_display_col(v, v->row, v->col);
}
