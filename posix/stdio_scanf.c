/* scanf over a stream: the directives and conversions of C's fscanf,
 * reading one character at a time through the stream (so what a
 * conversion does not use stays in it), with the numbers converted by
 * the host's strtol and strtod on the characters collected. */
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "posix/stdio_impl.h"

#define NUM_MAX 512 /* characters of one number a conversion collects */

typedef struct Scan {
    FILE *fp;
    size_t count; /* characters consumed, for %n */
    bool eof;     /* an input failure: end of file or an error */
} Scan;

static int sc_get(Scan *s) {
    int c = fgetc(s->fp);
    if (c == EOF)
        s->eof = true;
    else
        s->count++;
    return c;
}

static void sc_unget(Scan *s, int c) {
    if (c != EOF) {
        ungetc(c, s->fp);
        s->count--;
    }
}

static void sc_skip_space(Scan *s) {
    int c;
    while ((c = sc_get(s)) != EOF && isspace(c))
        ;
    sc_unget(s, c);
}

enum { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_LD, LEN_J, LEN_Z, LEN_T };

static void store_int(va_list *ap, int len, bool is_unsigned, uintmax_t v) {
    switch (len) {
    case LEN_HH: *va_arg(*ap, char *) = (char)v; break;
    case LEN_H: *va_arg(*ap, short *) = (short)v; break;
    case LEN_L: *va_arg(*ap, long *) = (long)v; break;
    case LEN_LL: case LEN_LD: *va_arg(*ap, long long *) = (long long)v; break;
    case LEN_J: *va_arg(*ap, intmax_t *) = (intmax_t)v; break;
    case LEN_Z: *va_arg(*ap, size_t *) = (size_t)v; break;
    case LEN_T: *va_arg(*ap, ptrdiff_t *) = (ptrdiff_t)v; break;
    default: *va_arg(*ap, int *) = (int)v; break;
    }
    (void)is_unsigned;
}

/* Collect an integer's characters in base (0: C's prefixes decide). */
static size_t collect_int(Scan *s, char *buf, size_t width, int *base) {
    size_t n = 0;
    int c = sc_get(s);
    if ((c == '+' || c == '-') && n < width) {
        buf[n++] = (char)c;
        c = sc_get(s);
    }
    if (c == '0' && n < width && (*base == 0 || *base == 16)) {
        buf[n++] = (char)c;
        c = sc_get(s);
        if ((c == 'x' || c == 'X') && n < width) {
            buf[n++] = (char)c;
            c = sc_get(s);
            *base = 16;
        } else if (*base == 0) {
            *base = 8;
        }
    }
    if (*base == 0)
        *base = 10;
    while (c != EOF && n < width && n < NUM_MAX - 1) {
        int d = isdigit(c) ? c - '0' : isalpha(c) ? tolower(c) - 'a' + 10 : 99;
        if (d >= *base)
            break;
        buf[n++] = (char)c;
        c = sc_get(s);
    }
    sc_unget(s, c);
    buf[n] = '\0';
    return n;
}

/* Collect a floating number's characters: decimal or hex, inf, nan. */
static size_t collect_float(Scan *s, char *buf, size_t width) {
    size_t n = 0;
    int c = sc_get(s);
#define TAKE()                                                                                      \
    do {                                                                                            \
        buf[n++] = (char)c;                                                                         \
        c = sc_get(s);                                                                              \
    } while (0)
    if ((c == '+' || c == '-') && n < width)
        TAKE();
    if (c == 'i' || c == 'I' || c == 'n' || c == 'N') {
        const char *word = tolower(c) == 'i' ? "infinity" : "nan";
        size_t k = 0;
        while (word[k] && c != EOF && tolower(c) == word[k] && n < width && n < NUM_MAX - 1) {
            TAKE();
            k++;
        }
        sc_unget(s, c);
        buf[n] = '\0';
        return n;
    }
    bool hex = false, digits = false;
    if (c == '0' && n < width) {
        TAKE();
        digits = true;
        if ((c == 'x' || c == 'X') && n < width) {
            TAKE();
            hex = true;
        }
    }
    while (c != EOF && n < width && n < NUM_MAX - 1 && (hex ? isxdigit(c) : isdigit(c))) {
        TAKE();
        digits = true;
    }
    if (c == '.' && n < width && n < NUM_MAX - 1) {
        TAKE();
        while (c != EOF && n < width && n < NUM_MAX - 1 && (hex ? isxdigit(c) : isdigit(c))) {
            TAKE();
            digits = true;
        }
    }
    if (digits && n < width && n < NUM_MAX - 1 &&
        (hex ? (c == 'p' || c == 'P') : (c == 'e' || c == 'E'))) {
        TAKE();
        if ((c == '+' || c == '-') && n < width && n < NUM_MAX - 1)
            TAKE();
        while (c != EOF && n < width && n < NUM_MAX - 1 && isdigit(c))
            TAKE();
    }
#undef TAKE
    sc_unget(s, c);
    buf[n] = '\0';
    return n;
}

/* Parse a %[...] set at *fmt (after the '['); fmt is left past the ']'. */
static const char *scanset(const char *fmt, bool set[256]) {
    bool invert = false;
    if (*fmt == '^') {
        invert = true;
        fmt++;
    }
    memset(set, 0, 256 * sizeof *set);
    if (*fmt == ']')
        set[(unsigned char)*fmt++] = true;
    while (*fmt && *fmt != ']') {
        unsigned char a = (unsigned char)*fmt++;
        if (*fmt == '-' && fmt[1] && fmt[1] != ']') {
            unsigned char b = (unsigned char)fmt[1];
            for (unsigned x = a; x <= b; x++)
                set[x] = true;
            fmt += 2;
        } else {
            set[a] = true;
        }
    }
    if (*fmt == ']')
        fmt++;
    if (invert)
        for (int i = 0; i < 256; i++)
            set[i] = !set[i];
    return fmt;
}

int px_vfscanf(PxFile *f, const char *fmt, va_list ap_in) {
    Scan s = {.fp = &f->f};
    va_list ap;
    va_copy(ap, ap_in);
    int assigned = 0;
    bool converted = false;
    char num[NUM_MAX];
    while (*fmt) {
        if (isspace((unsigned char)*fmt)) {
            sc_skip_space(&s);
            while (isspace((unsigned char)*fmt))
                fmt++;
            continue;
        }
        if (*fmt != '%' || fmt[1] == '%') {
            if (*fmt == '%') {
                fmt++;
                sc_skip_space(&s);
            }
            int c = sc_get(&s);
            if (c != (unsigned char)*fmt) {
                sc_unget(&s, c);
                goto done;
            }
            fmt++;
            continue;
        }
        fmt++;
        bool suppress = false;
        if (*fmt == '*') {
            suppress = true;
            fmt++;
        }
        size_t width = 0;
        while (isdigit((unsigned char)*fmt))
            width = width * 10 + (size_t)(*fmt++ - '0');
        bool alloc = false; /* %ms: the layer's malloc holds the string */
        if (*fmt == 'm') {
            alloc = true;
            fmt++;
        }
        int len = LEN_NONE;
        switch (*fmt) {
        case 'h': len = fmt[1] == 'h' ? LEN_HH : LEN_H; fmt += len == LEN_HH ? 2 : 1; break;
        case 'l': len = fmt[1] == 'l' ? LEN_LL : LEN_L; fmt += len == LEN_LL ? 2 : 1; break;
        case 'q': len = LEN_LL; fmt++; break;
        case 'L': len = LEN_LD; fmt++; break;
        case 'j': len = LEN_J; fmt++; break;
        case 'z': len = LEN_Z; fmt++; break;
        case 't': len = LEN_T; fmt++; break;
        default: break;
        }
        char conv = *fmt++;
        if (!conv)
            goto done;
        if (conv != '[' && conv != 'c' && conv != 'n')
            sc_skip_space(&s);
        switch (conv) {
        case 'n':
            if (!suppress)
                store_int(&ap, len, false, (uintmax_t)s.count);
            continue;
        case 'd': case 'i': case 'o': case 'u': case 'x': case 'X': case 'p': {
            int base = conv == 'd' || conv == 'u' ? 10 : conv == 'i' ? 0 : conv == 'o' ? 8 : 16;
            size_t n = collect_int(&s, num, width ? width : SIZE_MAX, &base);
            size_t signs = n > 0 && (num[0] == '+' || num[0] == '-');
            if (n == signs)
                goto done; /* nothing that makes a number */
            converted = true;
            if (suppress)
                continue;
            uintmax_t v = conv == 'd' || conv == 'i' ? (uintmax_t)strtoimax(num, NULL, base)
                                                     : strtoumax(num, NULL, base);
            if (conv == 'p')
                *va_arg(ap, void **) = (void *)(uintptr_t)v;
            else
                store_int(&ap, len, conv != 'd' && conv != 'i', v);
            assigned++;
            continue;
        }
        case 'a': case 'A': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
            size_t n = collect_float(&s, num, width ? width : SIZE_MAX);
            char *end;
            long double v = strtold(num, &end);
            if (n == 0 || end == num)
                goto done;
            converted = true;
            if (suppress)
                continue;
            if (len == LEN_LD)
                *va_arg(ap, long double *) = v;
            else if (len == LEN_L)
                *va_arg(ap, double *) = (double)v;
            else
                *va_arg(ap, float *) = (float)v;
            assigned++;
            continue;
        }
        case 's': case 'c': case '[': {
            bool set[256];
            if (conv == '[')
                fmt = scanset(fmt, set);
            if (!width)
                width = conv == 'c' ? 1 : SIZE_MAX;
            char *dst = NULL;
            size_t cap = 0;
            if (!suppress) {
                if (alloc) {
                    cap = conv == 'c' ? width : 32;
                    if (!(dst = malloc(cap + 1)))
                        goto done;
                } else {
                    dst = va_arg(ap, char *);
                }
            }
            size_t n = 0;
            int c = 0;
            while (n < width && (c = sc_get(&s)) != EOF) {
                bool fits = conv == 'c' || (conv == 's' ? !isspace(c) : set[(unsigned char)c]);
                if (!fits) {
                    sc_unget(&s, c);
                    break;
                }
                if (dst) {
                    if (alloc && n == cap) {
                        char *grown = realloc(dst, cap * 2 + 1);
                        if (!grown) {
                            free(dst);
                            goto done;
                        }
                        dst = grown;
                        cap *= 2;
                    }
                    dst[n] = (char)c;
                }
                n++;
            }
            if (n == 0 || (conv == 'c' && n < width)) {
                if (alloc)
                    free(dst);
                goto done;
            }
            converted = true;
            if (!suppress) {
                if (conv != 'c')
                    dst[n] = '\0';
                if (alloc)
                    *va_arg(ap, char **) = dst;
                assigned++;
            }
            continue;
        }
        default:
            goto done;
        }
    }
done:
    va_end(ap);
    /* EOF only for an input failure before the first conversion. */
    if (!converted && assigned == 0 && s.eof)
        return EOF;
    return assigned;
}

int vfscanf(FILE *fp, const char *fmt, va_list ap) {
    return px_vfscanf(px_file(fp), fmt, ap);
}

int fscanf(FILE *fp, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vfscanf(fp, fmt, ap);
    va_end(ap);
    return n;
}

int vscanf(const char *fmt, va_list ap) {
    return vfscanf(stdin, fmt, ap);
}

int scanf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vfscanf(stdin, fmt, ap);
    va_end(ap);
    return n;
}

/* glibc's headers rename these to __isoc99_* (C99's scanf), so the
 * definitions above carry those names; programs built otherwise call the
 * plain names, given here as aliases. */
int px_vfscanf_plain(FILE *fp, const char *fmt, va_list ap) __asm__("vfscanf")
    __attribute__((alias("__isoc99_vfscanf")));
int px_fscanf_plain(FILE *fp, const char *fmt, ...) __asm__("fscanf")
    __attribute__((alias("__isoc99_fscanf")));
int px_vscanf_plain(const char *fmt, va_list ap) __asm__("vscanf")
    __attribute__((alias("__isoc99_vscanf")));
int px_scanf_plain(const char *fmt, ...) __asm__("scanf") __attribute__((alias("__isoc99_scanf")));
