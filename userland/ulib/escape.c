/* ulib escapes: one decoder for the backslash sequences of echo -e,
 * printf and tr, which differ only in the details the flags select. */
#include <string.h>

#include "ulib.h"

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int u_unescape(const char *s, int flags, size_t *used)
{
    static const char from[] = "abefnrtv\\", to[] = "\a\b\033\f\n\r\t\v\\";
    const char *hit = *s ? strchr(from, *s) : NULL;
    *used = 1;
    if (hit)
        return (unsigned char)to[hit - from];
    if ((*s == '"' || *s == '\'') && (flags & U_ESC_QUOTES))
        return *s;
    if (*s == 'c' && (flags & U_ESC_STOP_C))
        return U_ESC_STOP;
    if (*s == 'x' && hexval(s[1]) >= 0) {
        int v = hexval(s[1]);
        *used = 2;
        if (hexval(s[2]) >= 0) {
            v = v * 16 + hexval(s[2]);
            *used = 3;
        }
        return v;
    }
    if (*s >= '0' && *s <= '7' && (!(flags & U_ESC_OCTAL0) || *s == '0')) {
        size_t n = (flags & U_ESC_OCTAL0) ? 1 : 0, max = n + 3;
        int v = 0;
        while (n < max && s[n] >= '0' && s[n] <= '7')
            v = v * 8 + (s[n++] - '0');
        *used = n;
        return v & 0xff;
    }
    *used = 0;
    return U_ESC_NONE;
}
