/* ulib: full-screen programs on a terminal (less, vi): raw mode and its
 * undoing, the window's size, and keys with their escape sequences
 * decoded. */
#include <string.h>

#include "ulib.h"

int u_term_open(UTerm *t, bool keep_signals)
{
    memset(t, 0, sizeof *t);
    t->fd = -1;
    if (u_isatty(0)) {
        t->fd = 0;
    } else {
        SyscallResult r = sys_open("/dev/tty", AX_O_RDWR, 0);
        if (r.error != AX_OK)
            return -(int)r.error;
        t->fd = (int)r.value;
        t->own_fd = true;
    }
    SyscallResult r = sys_tcgetattr(t->fd, &t->saved);
    if (r.error != AX_OK) {
        u_term_close(t);
        return -(int)r.error;
    }
    TermAttr raw = t->saved;
    raw.lflag &= ~(uint32_t)(AX_ICANON | AX_ECHO | AX_IEXTEN);
    if (!keep_signals)
        raw.lflag &= ~(uint32_t)AX_ISIG;
    raw.iflag &= ~(uint32_t)AX_ICRNL;
    raw.cc[AX_VMIN] = 1;
    raw.cc[AX_VTIME] = 0;
    r = sys_tcsetattr(t->fd, AX_TCSANOW, &raw); /* keys typed ahead stay */
    if (r.error != AX_OK) {
        u_term_close(t);
        return -(int)r.error;
    }
    t->raw = true;
    u_term_size(t);
    return 0;
}

void u_term_close(UTerm *t)
{
    if (t->raw)
        sys_tcsetattr(t->fd, AX_TCSANOW, &t->saved);
    t->raw = false;
    if (t->own_fd && t->fd >= 0)
        sys_close(t->fd);
    t->fd = -1;
    t->own_fd = false;
}

void u_term_size(UTerm *t)
{
    WinSize ws;
    t->rows = 24;
    t->cols = 80;
    if (sys_tcgetwinsize(t->fd >= 0 ? t->fd : 1, &ws).error == AX_OK && ws.rows && ws.cols) {
        t->rows = ws.rows;
        t->cols = ws.cols;
    }
}

static int next_byte(UTerm *t)
{
    if (t->pos == t->len) {
        SyscallResult r;
        do
            r = sys_read(t->fd, t->buf, sizeof t->buf);
        while (r.error == AX_EINTR);
        if (r.error != AX_OK || r.value == 0)
            return -1;
        t->len = (size_t)r.value;
        t->pos = 0;
    }
    return (unsigned char)t->buf[t->pos++];
}

/* "ESC [ ... final": the sequences terminals send for the named keys. */
static int csi_key(UTerm *t)
{
    int c = next_byte(t);
    int num = 0;
    while (c >= '0' && c <= '9') {
        num = num * 10 + (c - '0');
        c = next_byte(t);
    }
    while (c == ';' || (c >= '0' && c <= '9')) /* modifiers: ignored */
        c = next_byte(t);
    switch (c) {
    case 'A': return U_KEY_UP;
    case 'B': return U_KEY_DOWN;
    case 'C': return U_KEY_RIGHT;
    case 'D': return U_KEY_LEFT;
    case 'H': return U_KEY_HOME;
    case 'F': return U_KEY_END;
    case '~':
        switch (num) {
        case 1: case 7: return U_KEY_HOME;
        case 4: case 8: return U_KEY_END;
        case 3: return U_KEY_DEL;
        case 5: return U_KEY_PGUP;
        case 6: return U_KEY_PGDN;
        default: return U_KEY_NONE;
        }
    default:
        return c < 0 ? -1 : U_KEY_NONE;
    }
}

int u_term_key(UTerm *t)
{
    int c = next_byte(t);
    if (c != 0x1b)
        return c;
    /* a lone ESC: nothing more came with it */
    if (t->pos == t->len)
        return 0x1b;
    int n = (unsigned char)t->buf[t->pos];
    if (n == '[') {
        t->pos++;
        return csi_key(t);
    }
    if (n == 'O' && t->pos + 1 < t->len) {
        t->pos++;
        switch (next_byte(t)) {
        case 'A': return U_KEY_UP;
        case 'B': return U_KEY_DOWN;
        case 'C': return U_KEY_RIGHT;
        case 'D': return U_KEY_LEFT;
        case 'H': return U_KEY_HOME;
        case 'F': return U_KEY_END;
        default: return U_KEY_NONE;
        }
    }
    return 0x1b;
}
