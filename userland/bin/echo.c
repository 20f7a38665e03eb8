/* echo [-neE] [string...]: print the arguments, as GNU echo does. */
#include <string.h>

#include "ulib.h"

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Print s with backslash escapes interpreted. Returns false after \c,
 * which ends all output. */
static bool put_escaped(UStream *out, const char *s)
{
    for (; *s; s++) {
        if (*s != '\\' || s[1] == '\0') {
            u_putc(*s, out);
            continue;
        }
        int c = *++s;
        switch (c) {
        case 'a': u_putc('\a', out); break;
        case 'b': u_putc('\b', out); break;
        case 'c': return false;
        case 'e': u_putc('\033', out); break;
        case 'f': u_putc('\f', out); break;
        case 'n': u_putc('\n', out); break;
        case 'r': u_putc('\r', out); break;
        case 't': u_putc('\t', out); break;
        case 'v': u_putc('\v', out); break;
        case '\\': u_putc('\\', out); break;
        case '0': {
            int v = 0;
            for (int i = 0; i < 3 && s[1] >= '0' && s[1] <= '7'; i++)
                v = v * 8 + (*++s - '0');
            u_putc(v, out);
            break;
        }
        case 'x':
            if (hexval(s[1]) >= 0) {
                int v = hexval(*++s);
                if (hexval(s[1]) >= 0)
                    v = v * 16 + hexval(*++s);
                u_putc(v, out);
                break;
            }
            u_fputs("\\x", out); /* "\x" without digits stays as is */
            break;
        default:
            u_putc('\\', out);
            u_putc(c, out);
            break;
        }
    }
    return true;
}

/* GNU echo takes an argument as options only if every letter is n, e or E. */
static bool is_option(const char *a)
{
    if (a[0] != '-' || a[1] == '\0')
        return false;
    return strspn(a + 1, "neE") == strlen(a + 1);
}

int echo_main(int argc, char **argv)
{
    bool newline = true, escapes = false;
    int i = 1;
    for (; i < argc && is_option(argv[i]); i++) {
        for (const char *p = argv[i] + 1; *p; p++) {
            if (*p == 'n')
                newline = false;
            else
                escapes = *p == 'e';
        }
    }
    UStream *out = u_stdout();
    for (int first = i; i < argc; i++) {
        if (i > first)
            u_putc(' ', out);
        if (!escapes)
            u_fputs(argv[i], out);
        else if (!put_escaped(out, argv[i]))
            return u_fflush(out) < 0;
    }
    if (newline)
        u_putc('\n', out);
    return u_fflush(out) < 0;
}
