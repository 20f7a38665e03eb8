/* text.c — characters and quoting: UTF-8 (axos's locale is UTF-8, so
 * ${#x}, ${x:o:l} and ? count characters, as bash does there), and the
 * quoting bash's ${x@Q} and declare -p produce.
 */
#include "sh.h"

/* Bytes in the character at s: a valid UTF-8 sequence, else 1 (a stray
 * byte counts as one character, as in bash). 0 at the end. */
size_t utf8_char_len(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (!u[0])
        return 0;
    int n = u[0] < 0x80 ? 1 : (u[0] & 0xe0) == 0xc0 ? 2 : (u[0] & 0xf0) == 0xe0 ? 3 : (u[0] & 0xf8) == 0xf0 ? 4 : 1;
    for (int i = 1; i < n; i++)
        if ((u[i] & 0xc0) != 0x80)
            return 1;
    return (size_t)n;
}

size_t utf8_count(const char *s)
{
    size_t n = 0;
    for (size_t k; (k = utf8_char_len(s)) > 0; s += k)
        n++;
    return n;
}

size_t utf8_offset(const char *s, size_t chars)
{
    const char *p = s;
    for (size_t k; chars > 0 && (k = utf8_char_len(p)) > 0; chars--)
        p += k;
    return (size_t)(p - s);
}

void utf8_put(StrBuf *b, uint32_t cp)
{
    if (cp < 0x80) {
        sb_putc(b, (char)cp);
    } else if (cp < 0x800) {
        sb_putc(b, (char)(0xc0 | (cp >> 6)));
        sb_putc(b, (char)(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        sb_putc(b, (char)(0xe0 | (cp >> 12)));
        sb_putc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
        sb_putc(b, (char)(0x80 | (cp & 0x3f)));
    } else if (cp < 0x110000) {
        sb_putc(b, (char)(0xf0 | (cp >> 18)));
        sb_putc(b, (char)(0x80 | ((cp >> 12) & 0x3f)));
        sb_putc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
        sb_putc(b, (char)(0x80 | (cp & 0x3f)));
    }
}

int hex_digit(int c)
{
    return (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
}

size_t utf8_escape(StrBuf *b, const char *s, int max)
{
    uint32_t cp = 0;
    int i = 0;
    for (; i < max && hex_digit((unsigned char)s[i]) >= 0; i++)
        cp = cp * 16 + (uint32_t)hex_digit((unsigned char)s[i]);
    if (i > 0)
        utf8_put(b, cp);
    return (size_t)i;
}

/* bash's ${x@Q}: '...' always, or $'...' when there are control
 * characters. */
void sb_quote_bash(StrBuf *b, const char *s)
{
    bool ctl = false;
    for (const char *p = s; *p; p++)
        ctl = ctl || (unsigned char)*p < 32 || *p == 127;
    if (!ctl) {
        sb_putc(b, '\'');
        for (; *s; s++) {
            if (*s == '\'')
                sb_puts(b, "'\\''");
            else
                sb_putc(b, *s);
        }
        sb_putc(b, '\'');
        return;
    }
    sb_puts(b, "$'");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '\n': sb_puts(b, "\\n"); break;
        case '\t': sb_puts(b, "\\t"); break;
        case '\r': sb_puts(b, "\\r"); break;
        case 033: sb_puts(b, "\\E"); break;
        case '\a': sb_puts(b, "\\a"); break;
        case '\b': sb_puts(b, "\\b"); break;
        case '\f': sb_puts(b, "\\f"); break;
        case '\v': sb_puts(b, "\\v"); break;
        case '\'': sb_puts(b, "\\'"); break;
        case '\\': sb_puts(b, "\\\\"); break;
        default:
            if (c < 32 || c == 127)
                sb_printf(b, "\\%03o", c);
            else
                sb_putc(b, (char)c);
        }
    }
    sb_putc(b, '\'');
}
