/* What a terminal sends for the keys pressed in its window, as xterm
 * does: text as UTF-8 (Alt puts ESC before it), control keys as their
 * C0 byte, the editing and function keys as escape sequences (the cursor
 * keys in the application form once a program asks, with modifiers as
 * the ";N" parameter), and pastes bracketed when a program asks. */
#include <stdio.h>
#include <string.h>

#include "term.h"

void term_send(Term *t, const void *buf, size_t n) {
    const char *p = buf;
    while (n > 0) {
        SyscallResult r = sys_write(t->master, p, n);
        if (r.error != AX_OK)
            return;
        p += r.value;
        n -= (size_t)r.value;
    }
}

/* xterm's modifier parameter: 1 + shift + 2 alt + 4 ctrl. */
static int mod_param(const WindowEvent *ev) {
    return 1 + ((ev->mod & AX_KMOD_SHIFT) ? 1 : 0) + ((ev->mod & AX_KMOD_ALT) ? 2 : 0) +
           ((ev->mod & AX_KMOD_CTRL) ? 4 : 0);
}

/* CSI-style keys: "ESC [ code ~", or "ESC [ 1 ; m letter" with modifiers. */
static size_t special(const Term *t, const WindowEvent *ev, char *out) {
    int m = mod_param(ev);
    char letter = 0;
    int code = 0;
    switch (ev->key) {
    case AX_KEY_UP: letter = 'A'; break;
    case AX_KEY_DOWN: letter = 'B'; break;
    case AX_KEY_RIGHT: letter = 'C'; break;
    case AX_KEY_LEFT: letter = 'D'; break;
    case AX_KEY_HOME: letter = 'H'; break;
    case AX_KEY_END: letter = 'F'; break;
    case AX_KEY_INSERT: code = 2; break;
    case AX_KEY_DELETE: code = 3; break;
    case AX_KEY_PAGEUP: code = 5; break;
    case AX_KEY_PAGEDOWN: code = 6; break;
    default:
        if (ev->key >= AX_KEY_F1 && ev->key <= AX_KEY_F1 + 3) {
            letter = (char)('P' + (ev->key - AX_KEY_F1)); /* SS3 P..S */
        } else if (ev->key >= AX_KEY_F1 + 4 && ev->key <= AX_KEY_F12) {
            static const int fcodes[8] = {15, 17, 18, 19, 20, 21, 23, 24};
            code = fcodes[ev->key - AX_KEY_F1 - 4];
        } else {
            return 0;
        }
    }
    if (letter) {
        bool f1_4 = letter >= 'P' && letter <= 'S';
        if (m > 1)
            return (size_t)sprintf(out, "\033[1;%d%c", m, letter);
        if (f1_4 || t->vt.app_cursor)
            return (size_t)sprintf(out, "\033O%c", letter);
        return (size_t)sprintf(out, "\033[%c", letter);
    }
    if (m > 1)
        return (size_t)sprintf(out, "\033[%d;%d~", code, m);
    return (size_t)sprintf(out, "\033[%d~", code);
}

size_t term_key_bytes(const Term *t, const WindowEvent *ev, char *out) {
    bool ctrl = ev->mod & AX_KMOD_CTRL, alt = ev->mod & AX_KMOD_ALT;
    size_t n = 0;
    if (alt)
        out[n++] = '\033';
    switch (ev->key) {
    case AX_KEY_RETURN: out[n++] = '\r'; return n;
    case AX_KEY_BACKSPACE: out[n++] = ctrl ? '\b' : 0x7F; return n;
    case AX_KEY_ESCAPE: out[n++] = '\033'; return n;
    case AX_KEY_TAB:
        if (ev->mod & AX_KMOD_SHIFT)
            return n + (size_t)sprintf(out + n, "\033[Z");
        out[n++] = '\t';
        return n;
    default: break;
    }
    /* Control with a key that types a character: its C0 byte. The
     * characters themselves come as text events (unless Control or Alt
     * is held: then the text, if any, is the key's). */
    if (ctrl && ev->key < 0x80) {
        uint32_t k = ev->key;
        if (k >= 'a' && k <= 'z')
            out[n++] = (char)(k - 'a' + 1);
        else if (k == ' ' || k == '2' || k == '@')
            out[n++] = 0;
        else if (k == '[' || k == '3')
            out[n++] = 0x1B;
        else if (k == '\\' || k == '4')
            out[n++] = 0x1C;
        else if (k == ']' || k == '5')
            out[n++] = 0x1D;
        else if (k == '6')
            out[n++] = 0x1E;
        else if (k == '/' || k == '-' || k == '7')
            out[n++] = 0x1F;
        else
            return 0;
        return n;
    }
    if (alt && ev->key >= 0x20 && ev->key < 0x7F) {
        out[n++] = (char)((ev->mod & AX_KMOD_SHIFT) && ev->key >= 'a' && ev->key <= 'z'
                              ? ev->key - 'a' + 'A'
                              : ev->key);
        return n;
    }
    size_t s = special(t, ev, out + n);
    return s ? n + s : 0;
}

void term_paste(Term *t, const char *text, size_t n) {
    if (t->vt.bracketed_paste)
        term_send(t, "\033[200~", 6);
    /* ESC is dropped from the text: pasted ESC[201~ would end the
     * bracket early and the rest would run as typed commands. */
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || text[i] == '\n' || text[i] == '\033') {
            term_send(t, text + start, i - start);
            if (i < n && text[i] == '\n')
                term_send(t, "\r", 1);
            start = i + 1;
        }
    }
    if (t->vt.bracketed_paste)
        term_send(t, "\033[201~", 6);
}
