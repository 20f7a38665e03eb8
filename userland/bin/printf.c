/* printf FORMAT [ARG]...: formatted output, as coreutils printf. FORMAT is
 * reused while arguments remain; missing ones read as "" or 0. Supports
 * %d %i %o %u %x %X %c %s %b %e %f %g %a (and upper-case forms) %% with
 * flags, width and precision (also '*'), and backslash escapes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

typedef struct Pf {
    char **args;
    int nargs, next;
    int status;
    bool stop; /* \c seen: no more output at all */
    UStream *out;
} Pf;

static const char *next_arg(Pf *p) { return p->next < p->nargs ? p->args[p->next++] : NULL; }

/* One escape at s (just past the backslash); returns the bytes used.
 * octal0: %b's rule, where octal escapes are written \0NNN. */
static size_t escape(Pf *p, const char *s, bool octal0)
{
    size_t used;
    int c = u_unescape(s, U_ESC_QUOTES | U_ESC_STOP_C | (octal0 ? U_ESC_OCTAL0 : 0), &used);
    if (c == U_ESC_STOP)
        p->stop = true;
    else if (c == U_ESC_NONE)
        u_putc('\\', p->out); /* the backslash stays; what follows prints as is */
    else
        u_putc(c, p->out);
    return used;
}

static void put_escaped(Pf *p, const char *s, bool octal0)
{
    while (*s && !p->stop) {
        if (*s == '\\') {
            s++;
            s += escape(p, s, octal0);
        } else {
            u_putc(*s++, p->out);
        }
    }
}

typedef enum NumKind { NUM_SIGNED, NUM_UNSIGNED, NUM_FLOAT, NUM_CHAR, NUM_STRING } NumKind;

typedef struct Value {
    long long s;
    unsigned long long u;
    double d;
    const char *str;
} Value;

/* Numeric arguments: C syntax, 'c / "c for a character's code. Junk is
 * reported (status 1) and what was read before it is used. */
static Value num_arg(Pf *p, const char *a, NumKind kind)
{
    Value v = {0, 0, 0, NULL};
    if (a == NULL)
        return v;
    if (a[0] == '\'' || a[0] == '"') {
        v.s = (unsigned char)a[1];
        v.u = (unsigned char)a[1];
        v.d = (unsigned char)a[1];
        return v;
    }
    char *end;
    errno = 0;
    if (kind == NUM_FLOAT)
        v.d = strtod(a, &end);
    else if (kind == NUM_SIGNED)
        v.s = strtoll(a, &end, 0);
    else if (a[0] == '-')
        v.u = (unsigned long long)strtoll(a, &end, 0);
    else
        v.u = strtoull(a, &end, 0);
    if (end == a) {
        u_eprintf("printf: '%s': expected a numeric value\n", a);
        p->status = 1;
    } else if (*end) {
        u_eprintf("printf: '%s': value not completely converted\n", a);
        p->status = 1;
    } else if (errno == ERANGE) {
        u_eprintf("printf: '%s': Numerical result out of range\n", a);
        p->status = 1;
    }
    return v;
}

static int format_value(char *buf, size_t size, const char *spec, NumKind kind, const Value *v)
{
    switch (kind) {
    case NUM_SIGNED: return snprintf(buf, size, spec, v->s);
    case NUM_UNSIGNED: return snprintf(buf, size, spec, v->u);
    case NUM_FLOAT: return snprintf(buf, size, spec, v->d);
    case NUM_CHAR: return snprintf(buf, size, spec, (int)v->s);
    default: return snprintf(buf, size, spec, v->str);
    }
}

static void put_formatted(Pf *p, const char *spec, int conv)
{
    const char *a = next_arg(p);
    NumKind kind = conv == 'c'               ? NUM_CHAR
                   : conv == 's'             ? NUM_STRING
                   : strchr("di", conv)      ? NUM_SIGNED
                   : strchr("ouxX", conv)    ? NUM_UNSIGNED
                                             : NUM_FLOAT;
    Value v = {0, 0, 0, a ? a : ""};
    if (kind == NUM_CHAR)
        v.s = a ? (unsigned char)a[0] : 0;
    else if (kind != NUM_STRING)
        v = num_arg(p, a, kind);
    char buf[512];
    char *text = buf;
    int n = format_value(buf, sizeof buf, spec, kind, &v);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof buf) {
        text = xmalloc((size_t)n + 1);
        format_value(text, (size_t)n + 1, spec, kind, &v);
    }
    if (kind == NUM_CHAR && v.s == 0) {
        /* %c of an empty argument prints no byte, only the padding. */
        char *nul = memchr(text, '\0', (size_t)n);
        if (nul)
            memmove(nul, nul + 1, (size_t)(n-- - (nul - text) - 1));
    }
    u_fwrite(text, (size_t)n, p->out);
    if (text != buf)
        xfree(text);
}

/* One pass over the format. Returns the number of arguments it used, or
 * -1 on a bad conversion (reported). */
static int one_pass(Pf *p, const char *f)
{
    int used_before = p->next;
    while (*f && !p->stop) {
        if (*f == '\\') {
            f++;
            f += escape(p, f, false);
            continue;
        }
        if (*f != '%') {
            u_putc(*f++, p->out);
            continue;
        }
        if (f[1] == '%') {
            u_putc('%', p->out);
            f += 2;
            continue;
        }
        /* Build a C spec: %[flags][width][.prec] plus the right length. */
        char spec[64];
        size_t k = 0;
        const char *start = f++;
        spec[k++] = '%';
        while (*f && strchr("-+ #0", *f) && k < 20)
            spec[k++] = *f++;
        for (int part = 0; part < 2; part++) {
            if (part == 1) {
                if (*f != '.')
                    break;
                spec[k++] = *f++;
            }
            if (*f == '*') {
                Value v = num_arg(p, next_arg(p), NUM_SIGNED);
                k += (size_t)snprintf(spec + k, sizeof spec - k - 8, "%d", (int)v.s);
                f++;
            } else {
                while (*f >= '0' && *f <= '9' && k < 40)
                    spec[k++] = *f++;
            }
        }
        while (*f && strchr("hlLqjzt", *f))
            f++; /* length modifiers: the argument's type is ours to pick */
        int conv = *f;
        if (conv == '\0' || !strchr("diouxXcsbeEfFgGaA", conv)) {
            u_eprintf("printf: %.*s: invalid conversion specification\n",
                      (int)(f - start + (conv != 0)), start);
            return -1;
        }
        f++;
        if (conv == 'b') {
            const char *a = next_arg(p);
            put_escaped(p, a ? a : "", true);
            continue;
        }
        if (strchr("diouxX", conv)) {
            spec[k++] = 'l';
            spec[k++] = 'l';
        }
        spec[k++] = (char)conv;
        spec[k] = '\0';
        put_formatted(p, spec, conv);
    }
    return p->next - used_before;
}

int printf_main(int argc, char **argv)
{
    u_std_options(argc, argv);
    int first = 1;
    if (first < argc && strcmp(argv[first], "--") == 0)
        first++;
    if (first >= argc) {
        u_eprintf("printf: missing operand\nTry 'printf --help' for more information.\n");
        return 1;
    }
    Pf p = {argv + first + 1, argc - first - 1, 0, 0, false, u_stdout()};
    const char *fmt = argv[first];
    do {
        int used = one_pass(&p, fmt);
        if (used < 0)
            return 1;
        if (used == 0)
            break;
    } while (p.next < p.nargs && !p.stop);
    return p.status;
}
