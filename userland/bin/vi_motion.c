/* vi's motions: where h j k l w b e 0 ^ $ G gg H M L f t F T n N take the
 * cursor (or an operator's range), on vi's small words: runs of letters,
 * digits and '_', or of other non-blank characters; an empty line is a
 * word too. And the search behind / ? n N. */
#include <ctype.h>
#include <string.h>

#include "vi.h"

size_t vi_len(Vi *v, size_t row) { return v->lines[row].len; }

static int char_at(Vi *v, size_t row, size_t col)
{
    return col < v->lines[row].len ? (unsigned char)v->lines[row].s[col] : '\n';
}

/* 0 blank (and the end of a line), 1 word character, 2 other */
static int cls(Vi *v, size_t row, size_t col)
{
    int c = char_at(v, row, col);
    if (c == ' ' || c == '\t' || c == '\n')
        return 0;
    return isalnum(c) || c == '_' || c >= 0x80 ? 1 : 2;
}

size_t vi_next_char(Vi *v, size_t row, size_t col)
{
    size_t len = vi_len(v, row);
    if (col < len)
        col++;
    while (col < len && (v->lines[row].s[col] & 0xc0) == 0x80)
        col++;
    return col;
}

size_t vi_prev_char(Vi *v, size_t row, size_t col)
{
    if (col > 0)
        col--;
    while (col > 0 && (v->lines[row].s[col] & 0xc0) == 0x80)
        col--;
    return col;
}

size_t vi_first_nonblank(Vi *v, size_t row)
{
    size_t c = 0;
    while (c < vi_len(v, row) && (v->lines[row].s[c] == ' ' || v->lines[row].s[c] == '\t'))
        c++;
    return c;
}

static void word_fwd(Vi *v, Pos *p)
{
    int k = cls(v, p->row, p->col);
    if (k != 0)
        while (p->col < vi_len(v, p->row) && cls(v, p->row, p->col) == k)
            p->col++;
    for (;;) {
        if (p->col < vi_len(v, p->row)) {
            if (cls(v, p->row, p->col) != 0)
                return;
            p->col++;
            continue;
        }
        if (p->row + 1 >= v->n)
            return;
        p->row++;
        p->col = 0;
        if (vi_len(v, p->row) == 0)
            return; /* an empty line is a word */
    }
}

void vi_word_back(Vi *v, Pos *p)
{
    for (;;) {
        if (p->col > 0) {
            p->col--;
            if (cls(v, p->row, p->col) != 0)
                break;
            continue;
        }
        if (p->row == 0)
            return;
        p->row--;
        p->col = vi_len(v, p->row);
        if (p->col == 0)
            return;
    }
    int k = cls(v, p->row, p->col);
    while (p->col > 0 && cls(v, p->row, p->col - 1) == k)
        p->col--;
}

static void word_end(Vi *v, Pos *p)
{
    /* one step, then past blanks and line ends, then to the word's end */
    if (p->col + 1 < vi_len(v, p->row)) {
        p->col++;
    } else if (p->row + 1 < v->n) {
        p->row++;
        p->col = 0;
    } else {
        return;
    }
    while (cls(v, p->row, p->col) == 0) {
        if (p->col < vi_len(v, p->row)) {
            p->col++;
        } else if (p->row + 1 < v->n) {
            p->row++;
            p->col = 0;
        } else {
            return;
        }
    }
    int k = cls(v, p->row, p->col);
    while (p->col + 1 < vi_len(v, p->row) && cls(v, p->row, p->col + 1) == k)
        p->col++;
}

/* The first (or, back, the last) match of the search that starts in
 * [lo, hi) of row. */
static bool find_in_line(Vi *v, size_t row, size_t lo, size_t hi, bool back, size_t *at)
{
    ViLine *l = &v->lines[row];
    const char *s = l->s ? l->s : "";
    regmatch_t m;
    bool found = false;
    for (size_t off = 0; off <= l->len;) {
        if (regexec(&v->re, s + off, 1, &m, off ? REG_NOTBOL : 0) != 0)
            break;
        size_t start = off + (size_t)m.rm_so;
        if (start >= hi)
            break;
        if (start >= lo) {
            *at = start;
            found = true;
            if (!back)
                break;
        }
        off = start + 1;
    }
    return found;
}

bool vi_search(Vi *v, bool back)
{
    if (!v->have_re) {
        snprintf(v->msg, sizeof v->msg, "E35: No previous regular expression");
        return false;
    }
    size_t at, len = v->lines[v->row].len;
    /* the rest of the cursor's line, the other lines (wrapping around),
     * then the cursor's line up to the cursor */
    if (back ? find_in_line(v, v->row, 0, v->col, true, &at)
             : find_in_line(v, v->row, v->col + 1, len + 1, false, &at)) {
        v->col = at;
        return true;
    }
    for (size_t i = 1; i < v->n; i++) {
        size_t row = back ? (v->row + v->n - i) % v->n : (v->row + i) % v->n;
        if (find_in_line(v, row, 0, v->lines[row].len + 1, back, &at)) {
            if (back ? row > v->row : row < v->row)
                snprintf(v->msg, sizeof v->msg, back ? "search hit TOP, continuing at BOTTOM"
                                                     : "search hit BOTTOM, continuing at TOP");
            v->row = row;
            v->col = at;
            return true;
        }
    }
    if (back ? find_in_line(v, v->row, v->col, len + 1, true, &at)
             : find_in_line(v, v->row, 0, v->col + 1, false, &at)) {
        v->col = at;
        return true;
    }
    snprintf(v->msg, sizeof v->msg, "E486: Pattern not found");
    return false;
}

Motion vi_motion(Vi *v, int key, size_t count, bool have_count, int op)
{
    Motion m = {{v->row, v->col}, false, false, true};
    Pos *p = &m.to;
    switch (key) {
    case 'h':
    case U_KEY_LEFT:
    case 127:
    case 8:
        for (size_t i = 0; i < count && p->col > 0; i++)
            p->col = vi_prev_char(v, p->row, p->col);
        break;
    case 'l':
    case U_KEY_RIGHT:
    case ' ':
        for (size_t i = 0; i < count; i++) {
            size_t nc = vi_next_char(v, p->row, p->col);
            if (nc >= vi_len(v, p->row) && !op)
                break;
            p->col = nc;
        }
        break;
    case 'j':
    case U_KEY_DOWN:
    case 14: /* ^N */
    case '+':
    case '\r':
    case '\n':
        m.linewise = true;
        if (p->row + 1 >= v->n && !op) {
            m.ok = false;
            break;
        }
        p->row = p->row + count < v->n ? p->row + count : v->n - 1;
        if (key == '+' || key == '\r' || key == '\n')
            p->col = vi_first_nonblank(v, p->row);
        break;
    case 'k':
    case U_KEY_UP:
    case 16: /* ^P */
    case '-':
        m.linewise = true;
        if (p->row == 0 && !op) {
            m.ok = false;
            break;
        }
        p->row = p->row >= count ? p->row - count : 0;
        if (key == '-')
            p->col = vi_first_nonblank(v, p->row);
        break;
    case '0':
    case U_KEY_HOME:
        p->col = 0;
        break;
    case '^':
        p->col = vi_first_nonblank(v, p->row);
        break;
    case '$':
    case U_KEY_END:
        if (count > 1)
            p->row = p->row + count - 1 < v->n ? p->row + count - 1 : v->n - 1;
        p->col = vi_len(v, p->row) ? vi_len(v, p->row) - 1 : 0;
        m.inclusive = true;
        break;
    case 'w':
    case 'W':
        for (size_t i = 0; i < count; i++) {
            /* cw on a word is ce (vi's rule) */
            if (op == 'c' && cls(v, p->row, p->col) != 0) {
                Pos q = *p;
                if (p->col + 1 < vi_len(v, p->row) &&
                    cls(v, p->row, p->col + 1) == cls(v, p->row, p->col)) {
                    word_end(v, &q);
                } else {
                    q = *p;
                }
                *p = q;
                m.inclusive = true;
                continue;
            }
            size_t row = p->row;
            word_fwd(v, p);
            if (op && p->row > row && i + 1 == count) { /* dw stops at the line's end */
                p->row = row;
                p->col = vi_len(v, row);
            }
        }
        break;
    case 'b':
    case 'B':
        for (size_t i = 0; i < count; i++)
            vi_word_back(v, p);
        break;
    case 'e':
    case 'E':
        for (size_t i = 0; i < count; i++)
            word_end(v, p);
        m.inclusive = true;
        break;
    case 'G':
        m.linewise = true;
        p->row = have_count ? (count <= v->n ? count - 1 : v->n - 1) : v->n - 1;
        p->col = vi_first_nonblank(v, p->row);
        break;
    case 'g': {
        int k2 = vi_key(v);
        if (k2 != 'g') {
            m.ok = false;
            break;
        }
        m.linewise = true;
        p->row = have_count ? (count <= v->n ? count - 1 : v->n - 1) : 0;
        p->col = vi_first_nonblank(v, p->row);
        break;
    }
    case 'H':
    case 'M':
    case 'L': {
        size_t last = v->top + (size_t)v->text_rows - 1;
        if (last >= v->n)
            last = v->n - 1;
        m.linewise = true;
        p->row = key == 'H' ? v->top : key == 'L' ? last : v->top + (last - v->top) / 2;
        p->col = vi_first_nonblank(v, p->row);
        break;
    }
    case 'f':
    case 'F':
    case 't':
    case 'T': {
        /* the count-th ch after (f t) or before (F T) the cursor */
        int ch = vi_key(v);
        size_t c = p->col, seen = 0, len = vi_len(v, p->row);
        bool fwd = key == 'f' || key == 't';
        while (seen < count && (fwd ? c + 1 < len : c > 0)) {
            c = fwd ? c + 1 : c - 1;
            if (char_at(v, p->row, c) == ch)
                seen++;
        }
        if (seen < count) {
            m.ok = false;
            break;
        }
        p->col = key == 't' ? c - 1 : key == 'T' ? c + 1 : c;
        m.inclusive = fwd;
        break;
    }
    case 'n':
    case 'N': {
        size_t r = v->row, c = v->col;
        bool ok = true;
        for (size_t i = 0; i < count && ok; i++)
            ok = vi_search(v, key == 'n' ? v->search_back : !v->search_back);
        m.to = (Pos){v->row, v->col};
        v->row = r;
        v->col = c;
        m.ok = ok;
        break;
    }
    default:
        m.ok = false;
    }
    return m;
}

