/* echo [-neE] [string...]: print the arguments, as GNU echo does. */
#include <string.h>

#include "ulib.h"

/* Print s with backslash escapes interpreted. Returns false after \c,
 * which ends all output. */
static bool put_escaped(UStream *out, const char *s)
{
    while (*s) {
        if (*s != '\\' || s[1] == '\0') {
            u_putc(*s++, out);
            continue;
        }
        size_t used;
        int c = u_unescape(s + 1, U_ESC_OCTAL0 | U_ESC_STOP_C, &used);
        if (c == U_ESC_STOP)
            return false;
        if (c == U_ESC_NONE) {
            u_putc(*s++, out); /* an unknown escape stays as it is */
            continue;
        }
        u_putc(c, out);
        s += 1 + used;
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
    u_std_options(argc, argv);
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
