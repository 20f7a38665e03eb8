/* term [-f SIZE] [-s LINES] [-H FILE] [-e COMMAND]: a terminal emulator
 * in a window.
 *
 * It opens a window and a pseudo-terminal pair, starts a shell (or
 * COMMAND, run by sh -c) on the slave as the leader of a new session,
 * and then relays: what the shell writes is drawn (vt.c, render.c), what
 * the user types is sent (keys.c). The window's size sets the terminal's
 * (rows and columns of the font's cells; the shell gets SIGWINCH).
 *
 *   Shift+PageUp / Shift+PageDown   scroll through the scrollback (-s
 *                                   lines, 1000 by default)
 *   left drag                       select text; it is copied to the
 *                                   clipboard when the button comes up
 *   Ctrl+Shift+C, Ctrl+Shift+V      copy the selection, paste
 *   middle click                    paste
 *   Ctrl+Shift+S                    write the screen's text to FILE (-H;
 *                                   default /tmp/term-PID.txt), a hard copy
 *
 * term ends when the shell's side of the terminal closes (the shell and
 * everything it left on the terminal exited), or when its window is
 * closed (the shell then gets SIGHUP). */
#include <stdio.h>
#include <string.h>

#include "term.h"

#define TERM_READ 65536

/* ---- the frame and the size ---- */

static void term_frame(Term *t, int w, int h) {
    xfree(t->frame);
    t->width = w;
    t->height = h;
    t->frame = xmalloc((size_t)w * h * 4);
    t->redraw = true;
}

/* The window has w x h pixels: take that frame size, fit the cells in
 * it, tell the shell. */
static void term_resize(Term *t, int w, int h) {
    if (w < 1 || h < 1 || sys_window_resize(t->win, w, h).error != AX_OK)
        return;
    term_frame(t, w, h);
    int cols = w / t->fm.cell_width, rows = h / t->fm.cell_height;
    if (cols < 1)
        cols = 1;
    if (rows < 1)
        rows = 1;
    vt_resize(&t->vt, rows, cols);
    t->back = 0;
    t->sel.active = false;
    WinSize ws = {(uint16_t)rows, (uint16_t)cols, (uint16_t)w, (uint16_t)h};
    sys_tcsetwinsize(t->master, &ws);
}

static void term_show(Term *t) {
    if (term_render(t))
        sys_write(t->win, t->frame, (size_t)t->width * t->height * 4);
}

/* ---- selection and clipboard ---- */

/* The cell under frame point (x, y), as (absolute line, column). */
static void term_cell_at(const Term *t, int x, int y, long *line, int *col) {
    int row = y / t->fm.cell_height, c = x / t->fm.cell_width;
    if (row < 0)
        row = 0;
    if (row >= t->vt.rows)
        row = t->vt.rows - 1;
    if (c < 0)
        c = 0;
    if (c >= t->vt.cols)
        c = t->vt.cols - 1;
    *line = (long)t->vt.sb_len - t->back + row;
    *col = c;
}

/* The selected text, lines joined by "\n" except across soft wraps. */
static char *term_selection(const Term *t, size_t *len) {
    const TermSel *s = &t->sel;
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
    size_t cap = 256, n = 0;
    char *out = xmalloc(cap);
    for (long line = al; line <= bl; line++) {
        const VtLine *l = vt_line_abs(&t->vt, line);
        if (!l)
            continue;
        int from = line == al ? ac : 0, to = line == bl ? bc + 1 : l->cols;
        int end = to;
        if (!l->wrapped || line == bl)
            while (end > from && l->cells[end - 1].ch == ' ')
                end--;
        for (int x = from; x < end; x++) {
            if (n + 5 >= cap)
                out = xrealloc(out, cap *= 2);
            uint32_t c = l->cells[x].ch;
            if (c < 0x80) {
                out[n++] = (char)c;
            } else if (c < 0x800) {
                out[n++] = (char)(0xC0 | c >> 6);
                out[n++] = (char)(0x80 | (c & 0x3F));
            } else if (c < 0x10000) {
                out[n++] = (char)(0xE0 | c >> 12);
                out[n++] = (char)(0x80 | (c >> 6 & 0x3F));
                out[n++] = (char)(0x80 | (c & 0x3F));
            } else {
                out[n++] = (char)(0xF0 | c >> 18);
                out[n++] = (char)(0x80 | (c >> 12 & 0x3F));
                out[n++] = (char)(0x80 | (c >> 6 & 0x3F));
                out[n++] = (char)(0x80 | (c & 0x3F));
            }
        }
        if (line < bl && !l->wrapped) {
            if (n + 2 >= cap)
                out = xrealloc(out, cap *= 2);
            out[n++] = '\n';
        }
    }
    *len = n;
    return out;
}

static void term_copy(Term *t) {
    if (!t->sel.active)
        return;
    size_t n;
    char *text = term_selection(t, &n);
    sys_clipboard_set(text, n);
    xfree(text);
}

static void term_paste_clipboard(Term *t) {
    SyscallResult r = sys_clipboard_get(NULL, 0);
    if (r.error != AX_OK || r.value == 0)
        return;
    size_t n = (size_t)r.value;
    char *text = xmalloc(n);
    r = sys_clipboard_get(text, n);
    if (r.error == AX_OK)
        term_paste(t, text, (size_t)r.value < n ? (size_t)r.value : n);
    xfree(text);
}

/* ---- hard copy ---- */

static void term_hardcopy(Term *t) {
    int fd = (int)sys_open(t->hardcopy, AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, 0644).value;
    if (fd < 0)
        return;
    char line[4096];
    for (int y = 0; y < t->vt.rows; y++) {
        size_t n = vt_row_text(&t->vt, y, line, sizeof line - 1);
        line[n++] = '\n';
        u_write_all(fd, line, n);
    }
    sys_close(fd);
}

/* ---- input ---- */

static void term_scroll(Term *t, int lines) {
    int back = t->back + lines;
    if (back > t->vt.sb_len)
        back = t->vt.sb_len;
    if (back < 0)
        back = 0;
    if (back != t->back) {
        t->back = back;
        t->redraw = true;
    }
}

/* Ctrl+Shift and Shift shortcuts of the terminal itself; true when taken. */
static bool term_shortcut(Term *t, const WindowEvent *ev) {
    bool shift = ev->mod & AX_KMOD_SHIFT, ctrl = ev->mod & AX_KMOD_CTRL;
    if (shift && !ctrl && (ev->key == AX_KEY_PAGEUP || ev->key == AX_KEY_PAGEDOWN)) {
        int page = t->vt.rows > 1 ? t->vt.rows - 1 : 1;
        term_scroll(t, ev->key == AX_KEY_PAGEUP ? page : -page);
        return true;
    }
    if (!(shift && ctrl))
        return false;
    switch (ev->key) {
    case 'c': term_copy(t); return true;
    case 'v': term_paste_clipboard(t); return true;
    case 's': term_hardcopy(t); return true;
    default: return false;
    }
}

static void term_key(Term *t, const WindowEvent *ev) {
    bool down = ev->type == AX_WEV_KEY_DOWN;
    switch (ev->key) {
    case AX_KEY_LSHIFT:
    case AX_KEY_RSHIFT: t->shift = down; return;
    case AX_KEY_LCTRL:
    case AX_KEY_RCTRL: t->ctrl = down; return;
    case AX_KEY_LALT:
    case AX_KEY_RALT: t->alt = down; return;
    default: break;
    }
    if (!down || term_shortcut(t, ev))
        return;
    char out[32];
    size_t n = term_key_bytes(t, ev, out);
    if (n) {
        term_scroll(t, -t->back); /* typing shows the live screen */
        term_send(t, out, n);
    }
}

static void term_mouse(Term *t, const WindowEvent *ev) {
    long line;
    int col;
    term_cell_at(t, ev->x, ev->y, &line, &col);
    if (ev->type == AX_WEV_MOUSE_DOWN && ev->button == AX_BUTTON_MIDDLE) {
        term_paste_clipboard(t);
    } else if (ev->type == AX_WEV_MOUSE_DOWN && ev->button == AX_BUTTON_LEFT) {
        t->selecting = true;
        t->sel = (TermSel){false, line, line, col, col};
        t->redraw = true;
    } else if (ev->type == AX_WEV_MOUSE_MOVE && t->selecting) {
        t->sel.active = true;
        t->sel.b_line = line;
        t->sel.b_col = col;
        t->redraw = true;
    } else if (ev->type == AX_WEV_MOUSE_UP && ev->button == AX_BUTTON_LEFT && t->selecting) {
        t->selecting = false;
        term_copy(t);
    }
}

/* Handle the window's events; false once the window asks to close. */
static bool term_window(Term *t) {
    WindowEvent ev[16];
    SyscallResult r = sys_read(t->win, ev, sizeof ev);
    if (r.error != AX_OK)
        return r.error == AX_EAGAIN || r.error == AX_EINTR;
    for (int i = 0; i < (int)(r.value / (int64_t)sizeof ev[0]); i++) {
        switch (ev[i].type) {
        case AX_WEV_KEY_DOWN:
        case AX_WEV_KEY_UP: term_key(t, &ev[i]); break;
        case AX_WEV_TEXT:
            /* with Control or Alt held the key event sent it already */
            if (!t->ctrl && !t->alt) {
                term_scroll(t, -t->back);
                term_send(t, ev[i].text, strlen(ev[i].text));
            }
            break;
        case AX_WEV_MOUSE_DOWN:
        case AX_WEV_MOUSE_UP:
        case AX_WEV_MOUSE_MOVE: term_mouse(t, &ev[i]); break;
        case AX_WEV_RESIZE: term_resize(t, ev[i].width, ev[i].height); break;
        case AX_WEV_FOCUS:
            t->focused = ev[i].x != 0;
            vt_dirty(&t->vt, t->vt.cur.y);
            break;
        case AX_WEV_CLOSE: return false;
        default: break;
        }
    }
    return true;
}

/* Take what the shell wrote; false once its side has closed. */
static bool term_output(Term *t, char *buf) {
    SyscallResult r = sys_read(t->master, buf, TERM_READ);
    if (r.error == AX_EAGAIN || r.error == AX_EINTR)
        return true;
    if (r.error != AX_OK || r.value == 0)
        return false; /* EIO: no process has the terminal open any more */
    vt_feed(&t->vt, buf, (size_t)r.value);
    if (t->vt.reply_len) {
        term_send(t, t->vt.reply, t->vt.reply_len);
        t->vt.reply_len = 0;
    }
    if (t->back && t->vt.sb_len >= t->back)
        t->redraw = true; /* the view moves with the history */
    return true;
}

/* ---- start and main loop ---- */

/* A pty pair whose slave becomes the controlling terminal of the shell,
 * started as a new session with the slave as its fds 0, 1 and 2. */
static int term_spawn(Term *t, const char *command) {
    SyscallResult r = sys_posix_openpt(AX_O_RDWR | AX_O_NOCTTY | AX_O_CLOEXEC | AX_O_NONBLOCK);
    if (r.error != AX_OK)
        return -(int)r.error;
    t->master = (int)r.value;
    char name[32];
    if ((r = sys_grantpt(t->master)).error != AX_OK || (r = sys_unlockpt(t->master)).error != AX_OK ||
        (r = sys_ptsname(t->master, name, sizeof name)).error != AX_OK)
        return -(int)r.error;
    WinSize ws = {(uint16_t)t->vt.rows, (uint16_t)t->vt.cols, (uint16_t)t->width,
                  (uint16_t)t->height};
    sys_tcsetwinsize(t->master, &ws);
    SpawnFileAction fa[3] = {
        {.kind = AX_SPAWN_OPEN, .fd = 0, .path = name, .oflag = AX_O_RDWR},
        {.kind = AX_SPAWN_DUP2, .fd = 0, .newfd = 1},
        {.kind = AX_SPAWN_DUP2, .fd = 0, .newfd = 2},
    };
    SpawnAttr at = {.flags = AX_SPAWN_SETSID | AX_SPAWN_SETSIGDEF, .actions = fa, .nactions = 3};
    at.sigdefault = ~(SigSet)0;
    char *sh_argv[] = {"sh", NULL};
    char *cmd_argv[] = {"sh", "-c", (char *)command, NULL};
    sys_setenv("TERM", "xterm-256color", 1); /* the shell inherits it */
    r = sys_spawn("/bin/sh", command ? cmd_argv : sh_argv, NULL, &at);
    if (r.error != AX_OK)
        return -(int)r.error;
    t->child = (int)r.value;
    return 0;
}

static int term_loop(Term *t) {
    char *buf = xmalloc(TERM_READ);
    bool open = true;
    while (open) {
        PollFd fds[2] = {{t->master, AX_POLLIN, 0}, {t->win, AX_POLLIN, 0}};
        SyscallResult r = sys_poll(fds, 2, -1);
        if (r.error == AX_EINTR)
            continue;
        if (r.error != AX_OK)
            break;
        if (fds[1].revents & AX_POLLIN)
            open = term_window(t);
        if (open && (fds[0].revents & (AX_POLLIN | AX_POLLHUP | AX_POLLERR)))
            open = term_output(t, buf);
        term_show(t);
    }
    xfree(buf);
    return 0;
}

int term_main(int argc, char **argv) {
    int64_t size = 16, scrollback = 1000;
    const char *command = NULL, *hardcopy = NULL;
    UGetopt o = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&o, argc, argv, "+f:s:H:e:", NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!u_parse_i64(o.arg, &size) || size < AX_FONT_MIN_SIZE || size > AX_FONT_MAX_SIZE) {
                u_eprintf("term: invalid font size '%s'\n", o.arg);
                return 2;
            }
            break;
        case 's':
            if (!u_parse_i64(o.arg, &scrollback) || scrollback < 0 || scrollback > 100000) {
                u_eprintf("term: invalid scrollback '%s'\n", o.arg);
                return 2;
            }
            break;
        case 'H': hardcopy = o.arg; break;
        case 'e': command = o.arg; break;
        default: return 2; /* u_getopt_long said what was wrong */
        }
    }
    if (o.ind < argc) {
        u_usage_error("term", "extra operand '%s'", argv[o.ind]);
        return 2;
    }
    Term *t = xcalloc(1, sizeof *t);
    for (int s = 0; s < TERM_STYLES; s++)
        t->fonts[s] = -1;
    t->win = t->master = -1;
    int err = term_fonts_open(t, (int)size);
    if (err < 0) {
        u_perror("term", "cannot open the monospace font", (SyscallError)-err);
        xfree(t);
        return 1;
    }
    /* 80x24 cells to begin with; the desktop says the room it has. */
    int w = 80 * t->fm.cell_width, h = 24 * t->fm.cell_height;
    SyscallResult r = sys_window_create("term", w, h);
    if (r.error != AX_OK) {
        u_perror("term", "cannot open a window", r.error);
        term_fonts_close(t);
        xfree(t);
        return 1;
    }
    t->win = (int)r.value;
    sys_fcntl(t->win, AX_F_SETFL, AX_O_NONBLOCK);
    term_frame(t, w, h);
    vt_init(&t->vt, 24, 80, (int)scrollback);
    char path[64];
    snprintf(path, sizeof path, "/tmp/term-%lld.txt", (long long)sys_getpid().value);
    t->hardcopy = xstrdup(hardcopy ? hardcopy : path);
    err = term_spawn(t, command);
    if (err < 0)
        u_perror("term", "cannot start the shell", (SyscallError)-err);
    else
        term_loop(t);
    /* Closing the master hangs the shell's session up (SIGHUP). */
    if (t->master >= 0)
        sys_close(t->master);
    if (t->child > 0)
        sys_waitpid(t->child, NULL, 0);
    sys_close(t->win);
    term_fonts_close(t);
    vt_free(&t->vt);
    xfree(t->frame);
    xfree(t->hardcopy);
    xfree(t);
    return err < 0 ? 1 : 0;
}
