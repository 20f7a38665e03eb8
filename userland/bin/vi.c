/* vi [FILE]: a full-screen text editor, a subset of vi as people know it
 * from vim: normal mode with counts, motions (h j k l w b e 0 ^ $ gg G
 * H M L, arrows, ^F ^B ^D ^U), operators (d c y with a motion, or doubled
 * for lines), x X D C s S r J ~ p P o O i a I A, search (/ ? n N),
 * u and ^R (undo, redo); insert mode; and the ex commands :w :q :q! :wq
 * :x :N :s and :%s (vi_ex.c). It runs on the terminal in raw mode and
 * uses the whole window; long lines scroll sideways rather than wrap.
 * This file: the file in and out, the screen, the main loop. */
#include <string.h>

#include "vi.h"

/* ---- the file ---- */

static int load(Vi *v, const char *path)
{
    int fd = u_open_operand(path);
    if (fd == -AX_ENOENT) {
        vi_line_insert(v, 0, "", 0);
        snprintf(v->msg, sizeof v->msg, "\"%s\" [New]", path);
        return 0;
    }
    if (fd < 0)
        return fd;
    char *data;
    size_t len;
    SyscallError e = u_read_all(fd, &data, &len);
    if (fd > 0)
        sys_close(fd);
    if (e != AX_OK)
        return -(int)e;
    size_t lines = 0;
    for (size_t i = 0; i < len;) {
        char *nl = memchr(data + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - data) : len;
        vi_line_insert(v, v->n, data + i, end - i);
        lines++;
        i = end + 1;
    }
    if (v->n == 0)
        vi_line_insert(v, 0, "", 0);
    xfree(data);
    snprintf(v->msg, sizeof v->msg, "\"%s\" %zuL, %zuB", path, lines, len);
    return 0;
}

int vi_write(Vi *v, const char *path, bool quiet)
{
    SyscallResult r = sys_open(path, AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, 0644);
    if (r.error != AX_OK) {
        snprintf(v->msg, sizeof v->msg, "\"%s\" %s", path, sys_strerror(r.error));
        return -(int)r.error;
    }
    int fd = (int)r.value;
    size_t bytes = 0;
    bool empty = v->n == 1 && v->lines[0].len == 0;
    int err = 0;
    for (size_t i = 0; i < v->n && !empty && err == 0; i++) {
        ViLine *l = &v->lines[i];
        if (l->len)
            err = u_write_all(fd, l->s, l->len);
        if (err == 0)
            err = u_write_all(fd, "\n", 1);
        bytes += l->len + 1;
    }
    sys_close(fd);
    if (err < 0) {
        snprintf(v->msg, sizeof v->msg, "\"%s\" %s", path, sys_strerror((SyscallError)-err));
        return err;
    }
    if (!quiet)
        snprintf(v->msg, sizeof v->msg, "\"%s\" %zuL, %zuB written", path, empty ? 0 : v->n,
                 bytes);
    if (!v->path || strcmp(v->path, path) == 0)
        v->dirty = false;
    return 0;
}

/* ---- the screen ---- */

static int char_width(unsigned char c, size_t col)
{
    if (c == '\t')
        return (int)(8 - col % 8);
    if (c < 32 || c == 127)
        return 2;
    if ((c & 0xc0) == 0x80)
        return 0;
    return 1;
}

size_t vi_display_col(Vi *v, size_t row, size_t col)
{
    ViLine *l = &v->lines[row];
    size_t dc = 0;
    for (size_t i = 0; i < col && i < l->len; i++)
        dc += (size_t)char_width((unsigned char)l->s[i], dc);
    return dc;
}

static void scroll(Vi *v)
{
    size_t rows = (size_t)v->text_rows;
    if (v->row < v->top)
        v->top = v->row;
    if (v->row >= v->top + rows)
        v->top = v->row - rows + 1;
    size_t dc = vi_display_col(v, v->row, v->col);
    size_t cols = (size_t)v->term.cols;
    if (dc < v->left)
        v->left = dc;
    if (dc >= v->left + cols)
        v->left = dc - cols + 1;
}

static void draw_line(Vi *v, ViLine *l, UStream *o)
{
    size_t dc = 0, end = v->left + (size_t)v->term.cols;
    for (size_t i = 0; i < l->len && dc < end; i++) {
        unsigned char c = (unsigned char)l->s[i];
        int w = char_width(c, dc);
        for (int k = 0; k < w || (w == 0 && k == 0); k++) {
            size_t at = dc + (size_t)k;
            if (at < v->left || at >= end)
                continue;
            if (w == 0 || (c >= 32 && c != 127 && c != '\t'))
                u_putc((char)c, o);
            else if (c == '\t')
                u_putc(' ', o);
            else
                u_putc(k == 0 ? '^' : (char)(c == 127 ? '?' : c + '@'), o);
        }
        dc += (size_t)w;
    }
}

void vi_draw(Vi *v)
{
    scroll(v);
    UStream *o = u_stdout();
    u_fputs("\033[H", o);
    for (int r = 0; r < v->text_rows; r++) {
        size_t row = v->top + (size_t)r;
        if (row < v->n)
            draw_line(v, &v->lines[row], o);
        else
            u_putc('~', o);
        u_fputs("\033[K\r\n", o);
    }
    /* the status row: a message, or the mode; the cursor's place at right */
    char ruler[48];
    snprintf(ruler, sizeof ruler, "%zu,%zu", v->row + 1, v->col + 1);
    const char *left = v->msg[0] ? v->msg : v->insert ? "-- INSERT --" : "";
    int cols = v->term.cols;
    int room = cols - 18 > 0 ? cols - 18 : cols;
    /* a message longer than the room left by the ruler takes the row */
    bool ruler_fits = cols > 20 && (int)strlen(left) <= room;
    u_fprintf(o, "%.*s\033[K", cols - 1, left);
    if (ruler_fits)
        u_fprintf(o, "\033[%d;%dH%s", v->text_rows + 1, cols - 17, ruler);
    size_t dc = vi_display_col(v, v->row, v->col);
    u_fprintf(o, "\033[%zu;%zuH", v->row - v->top + 1, dc - v->left + 1);
    u_fflush(o);
    v->msg[0] = 0;
}

bool vi_prompt(Vi *v, char lead, char *buf, size_t size)
{
    size_t n = 0;
    UStream *o = u_stdout();
    for (;;) {
        u_fprintf(o, "\033[%d;1H%c%.*s\033[K", v->text_rows + 1, lead, (int)n, buf);
        u_fflush(o);
        int k = vi_key(v);
        if (k < 0 || k == 0x1b || k == 3 || ((k == 127 || k == 8) && n == 0))
            return false;
        if (k == '\r' || k == '\n') {
            buf[n] = 0;
            return true;
        }
        if (k == 127 || k == 8)
            n--;
        else if (k == 21) /* ^U */
            n = 0;
        else if (k < 0x100 && (k >= 32 || k == '\t') && n + 1 < size)
            buf[n++] = (char)k;
    }
}

int vi_key(Vi *v)
{
    int k = v->replay_pos < v->replay_len ? v->replay[v->replay_pos++] : u_term_key(&v->term);
    if (v->rec_len == v->rec_cap) {
        v->rec_cap = v->rec_cap ? v->rec_cap * 2 : 32;
        v->rec = xrealloc(v->rec, v->rec_cap * sizeof *v->rec);
    }
    v->rec[v->rec_len++] = k;
    return k;
}

void vi_repeat(Vi *v)
{
    if (v->last_len == 0 || v->replay_pos < v->replay_len)
        return; /* nothing to repeat, or a `.` inside a replay */
    v->replay = xrealloc(v->replay, v->last_len * sizeof *v->replay);
    memcpy(v->replay, v->last, v->last_len * sizeof *v->replay);
    v->replay_len = v->last_len;
    v->replay_pos = 0;
}

/* The command just typed changed the text: it is what `.` repeats. */
static void keep_change(Vi *v)
{
    v->last = xrealloc(v->last, (v->rec_len ? v->rec_len : 1) * sizeof *v->last);
    memcpy(v->last, v->rec, v->rec_len * sizeof *v->last);
    v->last_len = v->rec_len;
}

int vi_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    if (u_getopt_long(&g, argc, argv, "", NULL) != -1)
        return 1;
    if (argc - g.ind > 1) {
        u_eprintf("vi: only one file at a time\n");
        return 1;
    }
    Vi *v = xcalloc(1, sizeof *v);
    int status = 0;
    if (g.ind < argc) {
        v->path = xstrdup(argv[g.ind]);
        int r = load(v, v->path);
        if (r < 0) {
            u_eprintf("vi: %s: %s\n", v->path, sys_strerror((SyscallError)-r));
            status = 1;
            goto out;
        }
    } else {
        vi_line_insert(v, 0, "", 0);
    }
    v->dirty = false;
    if (u_term_open(&v->term, false) != 0) {
        u_eprintf("vi: standard input is not a terminal\n");
        status = 1;
        goto out;
    }
    v->text_rows = v->term.rows > 1 ? v->term.rows - 1 : 1;
    u_fputs("\033[H\033[2J", u_stdout());
    while (!v->quit) {
        if (!v->insert)
            v->rec_len = 0; /* a new command starts */
        if (v->replay_pos >= v->replay_len)
            vi_draw(v);
        int k = vi_key(v);
        if (k < 0)
            break; /* the terminal is gone */
        if (v->insert) {
            vi_insert_key(v, k);
            if (!v->insert && v->rec_insert) {
                keep_change(v); /* the command and what was typed, to the ESC */
                v->rec_insert = false;
            }
        } else {
            uint64_t before = v->changes;
            vi_normal(v, k);
            if (v->insert)
                v->rec_insert = k != ':';
            else if (v->changes != before && k != ':' && k != '.')
                keep_change(v);
        }
    }
    u_fprintf(u_stdout(), "\033[%d;1H\033[K", v->text_rows + 1);
    u_fflush(u_stdout());
    u_term_close(&v->term);
    status = v->status;
out:
    vi_free_text(v);
    for (size_t i = 0; i < v->nundo; i++)
        vi_snap_free(&v->undo[i]);
    for (size_t i = 0; i < v->nredo; i++)
        vi_snap_free(&v->redo[i]);
    if (v->have_re)
        regfree(&v->re);
    xfree(v->reg);
    xfree(v->path);
    xfree(v->rec);
    xfree(v->last);
    xfree(v->replay);
    xfree(v);
    return status;
}
