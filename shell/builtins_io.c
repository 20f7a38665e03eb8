/* builtins_io.c — printf and read. */
#include <stdio.h>

#include "sh.h"

/* ---- printf ---- */

typedef struct PfArgs {
    char **v;
    int n, i;
    bool used;  /* a conversion consumed an argument this round */
    int err;
    Shell *sh;
} PfArgs;

static const char *next_arg(PfArgs *a)
{
    a->used = true;
    return a->i < a->n ? a->v[a->i++] : NULL;
}

/* The next argument as a number: 'c gives the code of c; text that is
 * not a whole number is an error (what strtoll/strtod read is used). */
static double number_arg(PfArgs *a, bool integer, int64_t *ival)
{
    const char *s = next_arg(a);
    *ival = 0;
    if (!s || !*s)
        return 0;
    if (s[0] == '\'' || s[0] == '"') {
        /* 'c: the character's code; a UTF-8 character's code point, as
         * bash in a UTF-8 locale */
        *ival = (unsigned char)s[1];
        size_t len = s[1] ? utf8_char_len(s + 1) : 0;
        if (len > 1) {
            int64_t cp = (unsigned char)s[1] & (0x7f >> len);
            for (size_t k = 1; k < len; k++)
                cp = (cp << 6) | ((unsigned char)s[1 + k] & 0x3f);
            *ival = cp;
        }
        return (double)*ival;
    }
    char *end;
    double d = 0;
    if (integer)
        *ival = strtoll(s, &end, 0);
    else
        d = strtod(s, &end);
    if (*end) {
        sh_error(a->sh, "printf: %s: invalid number", s);
        a->err = 1;
    }
    return integer ? (double)*ival : d;
}

static int64_t num_arg(PfArgs *a)
{
    int64_t v;
    number_arg(a, true, &v);
    return v;
}

static double float_arg(PfArgs *a)
{
    int64_t unused;
    return number_arg(a, false, &unused);
}

/* One escape of the format string at *pp (after the backslash). */
static void format_escape(StrBuf *b, const char **pp)
{
    const char *p = *pp;
    int c = *p;
    if (c >= '0' && c <= '7') {
        int v = 0;
        for (int i = 0; i < 3 && *p >= '0' && *p <= '7'; i++)
            v = v * 8 + (*p++ - '0');
        sb_putc(b, (char)v);
        *pp = p;
        return;
    }
    char tmp[4] = {'\\', (char)c, 0, 0};
    if (c == '"' || c == '\'') {
        sb_putc(b, (char)c);
    } else if (c == 'x' || c == 'u' || c == 'U') {
        /* \xHH, \uHHHH, \UHHHHHHHH: reuse the echo -e decoder */
        size_t n = 1, max = c == 'x' ? 3 : c == 'u' ? 5 : 9;
        while (n < max && ((p[n] >= '0' && p[n] <= '9') || (p[n] >= 'a' && p[n] <= 'f') || (p[n] >= 'A' && p[n] <= 'F')))
            n++;
        StrBuf t;
        sb_init(&t);
        sb_putc(&t, '\\');
        sb_putn(&t, p, n);
        sh_put_escapes(b, t.s);
        sb_free(&t);
        *pp = p + n;
        return;
    } else {
        sh_put_escapes(b, tmp);
    }
    *pp = p + 1;
}

/* %q as bash has it: a backslash before each character the shell would
 * take specially; '' for the empty string. */
static void quote_backslash(StrBuf *b, const char *s)
{
    if (!*s) {
        sb_puts(b, "''");
        return;
    }
    for (; *s; s++) {
        char c = *s;
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     strchr("_./:=+@%^,-", c);
        if (!plain)
            sb_putc(b, '\\');
        sb_putc(b, c);
    }
}

/* %(datefmt)T at *pp (on the '('), spec its flags, width and precision:
 * the argument is seconds since 1970, -1 (or none) now, -2 the shell's
 * start (bash; axos takes now); axos has no time zones, so it is UTC.
 * false after an error. */
static bool format_time(StrBuf *out, const char **pp, const char *spec, PfArgs *a)
{
    const char *fmt = *pp + 1, *close = strchr(fmt, ')');
    if (!close || close[1] != 'T') {
        sb_printf(out, "%s(", spec); /* what bash prints before it gives up */
        sh_error(a->sh, "printf: `(': invalid time format specification");
        a->err = 1;
        return false;
    }
    *pp = close + 2;
    bool given = a->i < a->n;
    int64_t secs = given ? num_arg(a) : -1;
    a->used = true;
    int64_t ns;
    if (secs == -1 || secs == -2) {
        ns = sys_clock_gettime(AX_CLOCK_REALTIME).value;
    } else if (secs > INT64_MAX / 1000000000 || secs < INT64_MIN / 1000000000) {
        sh_error(a->sh, "printf: %lld: time out of range", (long long)secs);
        a->err = 1;
        return false;
    } else {
        ns = secs * 1000000000;
    }
    UTm tm;
    u_gmtime(ns, &tm);
    char *f = xstrndup(fmt, (size_t)(close - fmt));
    char buf[1024];
    u_strftime(buf, sizeof buf, f[0] ? f : "%H:%M:%S", &tm); /* bash: %X */
    xfree(f);
    char full[80];
    snprintf(full, sizeof full, "%ss", spec);
    sb_printf(out, full, buf);
    return true;
}

/* Run the format once over the arguments. Returns false after %b's \c. */
static bool format_once(StrBuf *out, const char *fmt, PfArgs *a)
{
    for (const char *p = fmt; *p;) {
        if (*p == '\\') {
            p++;
            if (!*p) {
                sb_putc(out, '\\');
                break;
            }
            format_escape(out, &p);
            continue;
        }
        if (*p != '%') {
            sb_putc(out, *p++);
            continue;
        }
        if (p[1] == '%') {
            sb_putc(out, '%');
            p += 2;
            continue;
        }
        /* %[flags][width][.prec]conv */
        char spec[64];
        size_t k = 0;
        spec[k++] = *p++;
        while (*p && strchr("-+ #0", *p) && k < 20)
            spec[k++] = *p++;
        if (*p == '*') {
            k += (size_t)snprintf(spec + k, sizeof spec - k, "%d", (int)num_arg(a));
            p++;
        } else {
            while (*p >= '0' && *p <= '9' && k < 40)
                spec[k++] = *p++;
        }
        if (*p == '.') {
            spec[k++] = *p++;
            if (*p == '*') {
                k += (size_t)snprintf(spec + k, sizeof spec - k, "%d", (int)num_arg(a));
                p++;
            } else {
                while (*p >= '0' && *p <= '9' && k < 60)
                    spec[k++] = *p++;
            }
        }
        if (*p == '(') {
            /* %(datefmt)T (bash): strftime of a time in seconds */
            spec[k] = '\0';
            if (!format_time(out, &p, spec, a))
                return false;
            continue;
        }
        char conv = *p;
        if (!conv) {
            sb_puts(out, spec);
            break;
        }
        /* a width or precision past a megabyte is a mistake, not a request */
        for (size_t d = 1; d < k; d++) {
            if (spec[d] >= '1' && spec[d] <= '9' && atol(spec + d) > (1L << 20)) {
                sh_error(a->sh, "printf: %s: width or precision too large", spec);
                a->err = 1;
                return false;
            }
            while (d < k && spec[d] >= '0' && spec[d] <= '9')
                d++;
        }
        p++;
        spec[k] = '\0';
        char full[80];
        switch (conv) {
        case 'd':
        case 'i':
            snprintf(full, sizeof full, "%slld", spec);
            sb_printf(out, full, (long long)num_arg(a));
            break;
        case 'o':
        case 'u':
        case 'x':
        case 'X':
            snprintf(full, sizeof full, "%sll%c", spec, conv);
            sb_printf(out, full, (unsigned long long)num_arg(a));
            break;
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G':
            snprintf(full, sizeof full, "%s%c", spec, conv);
            sb_printf(out, full, float_arg(a));
            break;
        case 'c': {
            const char *s = next_arg(a);
            snprintf(full, sizeof full, "%sc", spec);
            if (s && *s)
                sb_printf(out, full, s[0]);
            break;
        }
        case 's':
        case 'b':
        case 'q': {
            const char *s = next_arg(a);
            StrBuf t;
            sb_init(&t);
            bool go_on = true;
            if (conv == 'b')
                go_on = sh_put_escapes(&t, s ? s : "");
            else if (conv == 'q')
                quote_backslash(&t, s ? s : "");
            else
                sb_puts(&t, s ? s : "");
            snprintf(full, sizeof full, "%ss", spec);
            sb_printf(out, full, t.s ? t.s : "");
            sb_free(&t);
            if (!go_on)
                return false;
            break;
        }
        default:
            sh_error(a->sh, "printf: %%%c: invalid format character", conv);
            a->err = 1;
            return false;
        }
    }
    return true;
}

int bi_printf(Shell *sh, int argc, char **argv)
{
    int i = 1;
    const char *var = NULL; /* printf -v NAME (bash): into a variable */
    if (i + 1 < argc && strcmp(argv[i], "-v") == 0) {
        var = argv[i + 1];
        i += 2;
        size_t nl, sl;
        const char *sub;
        bool elem = var_split_ref(var, &nl, &sub, &sl) && sub && sub[sl + 1] == '\0';
        if (!sh_is_name(var) && !elem) {
            sh_error(sh, "printf: `%s': not a valid identifier", var);
            return 2;
        }
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i >= argc) {
        sh_error(sh, "printf: usage: printf [-v var] format [arguments]");
        return 2;
    }
    const char *fmt = argv[i++];
    PfArgs a = {.v = argv + i, .n = argc - i, .sh = sh};
    Out o;
    out_init(&o, 1);
    for (;;) {
        a.used = false;
        if (!format_once(&o.b, fmt, &a))
            break;
        /* the format is reused while arguments remain */
        if (a.i >= a.n || !a.used)
            break;
    }
    if (var) {
        /* -v NAME or -v NAME[SUB] (bash) */
        size_t nl, sl;
        const char *sub;
        int r;
        if (!sh_is_name(var) && var_split_ref(var, &nl, &sub, &sl)) {
            char *name = xstrndup(var, nl), *key = xstrndup(sub, sl);
            r = var_set_elem(sh, name, key, o.b.s ? o.b.s : "", false);
            xfree(name);
            xfree(key);
        } else {
            r = var_set(sh, var, o.b.s ? o.b.s : "", 0);
        }
        int st = r < 0 ? 1 : a.err;
        sb_free(&o.b);
        return st;
    }
    return out_flush(&o) | a.err;
}

/* ---- read ---- */

