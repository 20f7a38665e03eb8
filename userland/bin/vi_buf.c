/* vi's text: an array of lines, the edits every command is made of, the
 * register, and undo as whole snapshots (plain and sure; the files one
 * edits at this REPL are small). */
#include <string.h>

#include "vi.h"

ViLine *vi_line(Vi *v, size_t row) { return &v->lines[row]; }

static void line_reserve(ViLine *l, size_t need)
{
    if (need + 1 > l->cap) {
        l->cap = (need + 1) * 2;
        l->s = xrealloc(l->s, l->cap);
    }
}

void vi_line_set(Vi *v, size_t row, const char *s, size_t len)
{
    ViLine *l = &v->lines[row];
    line_reserve(l, len);
    memmove(l->s, s, len);
    l->len = len;
    l->s[len] = 0;
}

void vi_line_insert(Vi *v, size_t row, const char *s, size_t len)
{
    if (v->n == v->cap)
        v->lines = xrealloc(v->lines, (v->cap = v->cap ? v->cap * 2 : 64) * sizeof *v->lines);
    memmove(&v->lines[row + 1], &v->lines[row], (v->n - row) * sizeof *v->lines);
    v->lines[row] = (ViLine){NULL, 0, 0};
    v->n++;
    vi_line_set(v, row, s, len);
    v->dirty = true;
}

void vi_line_delete(Vi *v, size_t row, size_t count)
{
    if (row + count > v->n)
        count = v->n - row;
    for (size_t i = row; i < row + count; i++)
        xfree(v->lines[i].s);
    memmove(&v->lines[row], &v->lines[row + count], (v->n - row - count) * sizeof *v->lines);
    v->n -= count;
    if (v->n == 0)
        vi_line_insert(v, 0, "", 0);
    v->dirty = true;
}

void vi_insert_bytes(Vi *v, size_t row, size_t col, const char *s, size_t len)
{
    ViLine *l = &v->lines[row];
    if (col > l->len)
        col = l->len;
    line_reserve(l, l->len + len);
    memmove(l->s + col + len, l->s + col, l->len - col + 1);
    memcpy(l->s + col, s, len);
    l->len += len;
    v->dirty = true;
}

void vi_delete_bytes(Vi *v, size_t row, size_t col, size_t len)
{
    ViLine *l = &v->lines[row];
    if (col >= l->len)
        return;
    if (col + len > l->len)
        len = l->len - col;
    memmove(l->s + col, l->s + col + len, l->len - col - len + 1);
    l->len -= len;
    v->dirty = true;
}

void vi_split_line(Vi *v, size_t row, size_t col)
{
    ViLine *l = &v->lines[row];
    if (col > l->len)
        col = l->len;
    char *tail = xstrndup(l->s + col, l->len - col);
    size_t tl = l->len - col;
    l->len = col;
    l->s[col] = 0;
    vi_line_insert(v, row + 1, tail, tl);
    xfree(tail);
}

void vi_join_lines(Vi *v, size_t row, bool with_space)
{
    if (row + 1 >= v->n)
        return;
    ViLine *next = &v->lines[row + 1];
    const char *s = next->s ? next->s : "";
    size_t len = next->len;
    if (with_space) { /* vi's J: leading blanks of the next line go, one space joins */
        while (len && (*s == ' ' || *s == '\t')) {
            s++;
            len--;
        }
        ViLine *l = &v->lines[row];
        if (l->len && len && l->s[l->len - 1] != ' ')
            vi_insert_bytes(v, row, l->len, " ", 1);
    }
    char *copy = xstrndup(s, len);
    vi_insert_bytes(v, row, v->lines[row].len, copy, len);
    xfree(copy);
    vi_line_delete(v, row + 1, 1);
}

void vi_free_text(Vi *v)
{
    for (size_t i = 0; i < v->n; i++)
        xfree(v->lines[i].s);
    xfree(v->lines);
    v->lines = NULL;
    v->n = v->cap = 0;
}

static void snap_take(Vi *v, ViSnap *s)
{
    s->lines = xmalloc(v->n * sizeof *s->lines);
    for (size_t i = 0; i < v->n; i++) {
        s->lines[i].s = xstrndup(v->lines[i].s ? v->lines[i].s : "", v->lines[i].len);
        s->lines[i].len = s->lines[i].cap = v->lines[i].len;
    }
    s->n = v->n;
    s->row = v->row;
    s->col = v->col;
}

void vi_snap_free(ViSnap *s)
{
    for (size_t i = 0; i < s->n; i++)
        xfree(s->lines[i].s);
    xfree(s->lines);
    s->lines = NULL;
    s->n = 0;
}

static void push(ViSnap *stack, size_t *n, ViSnap s)
{
    if (*n == VI_UNDO_MAX) {
        vi_snap_free(&stack[0]);
        memmove(stack, stack + 1, (VI_UNDO_MAX - 1) * sizeof *stack);
        (*n)--;
    }
    stack[(*n)++] = s;
}

void vi_snapshot(Vi *v)
{
    v->changes++;
    ViSnap s;
    snap_take(v, &s);
    push(v->undo, &v->nundo, s);
    while (v->nredo)
        vi_snap_free(&v->redo[--v->nredo]);
}

void vi_undo(Vi *v, bool redo)
{
    ViSnap *from = redo ? v->redo : v->undo, *to = redo ? v->undo : v->redo;
    size_t *nfrom = redo ? &v->nredo : &v->nundo, *nto = redo ? &v->nundo : &v->nredo;
    if (*nfrom == 0) {
        snprintf(v->msg, sizeof v->msg, redo ? "Already at newest change"
                                             : "Already at oldest change");
        return;
    }
    ViSnap now;
    snap_take(v, &now);
    push(to, nto, now);
    ViSnap s = from[--*nfrom];
    vi_free_text(v);
    v->lines = s.lines;
    v->n = v->cap = s.n;
    v->row = s.row;
    v->col = s.col;
    v->dirty = true;
    vi_clamp(v);
}

void vi_yank(Vi *v, const char *s, size_t len, bool lines)
{
    xfree(v->reg);
    v->reg = xmalloc(len + 1);
    memcpy(v->reg, s, len);
    v->reg[len] = 0;
    v->reg_len = len;
    v->reg_lines = lines;
}

void vi_clamp(Vi *v)
{
    if (v->row >= v->n)
        v->row = v->n - 1;
    size_t len = v->lines[v->row].len;
    size_t max = v->insert ? len : (len ? len - 1 : 0);
    if (v->col > max)
        v->col = max;
}
