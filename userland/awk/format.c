/* awk's printf and sprintf (XCU awk, "Output Statements": the
 * conversions of printf(1) plus %c and %i), one conversion at a time
 * through the host's snprintf with a spec built here. Missing arguments
 * count as empty strings and zeros. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "awk.h"

static void add_formatted(AwkBuf *out, const char *spec, ...)
{
    va_list ap, ap2;
    va_start(ap, spec);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, spec, ap);
    va_end(ap);
    if (n > 0) {
        char *tmp = xmalloc((size_t)n + 1);
        vsnprintf(tmp, (size_t)n + 1, spec, ap2);
        awk_buf_add(out, tmp, (size_t)n);
        xfree(tmp);
    }
    va_end(ap2);
}

void awk_format(Awk *A, const char *fmt, size_t flen, Node *args, AwkBuf *out)
{
    awk_buf_add(out, "", 0);
    Node *arg = args;
    Cell c = {0};
    for (size_t i = 0; i < flen; i++) {
        if (fmt[i] != '%') {
            awk_buf_addc(out, fmt[i]);
            continue;
        }
        size_t start = i++;
        if (i < flen && fmt[i] == '%') {
            awk_buf_addc(out, '%');
            continue;
        }
        /* %[flags][width][.prec]conv, with * taking an argument */
        char spec[64];
        size_t sl = 0;
        spec[sl++] = '%';
        while (i < flen && strchr("-+ #0", fmt[i])) {
            if (sl < 20)
                spec[sl++] = fmt[i];
            i++;
        }
        for (int part = 0; part < 2; part++) {
            if (part == 1) {
                if (i >= flen || fmt[i] != '.')
                    break;
                spec[sl++] = '.';
                i++;
            }
            if (i < flen && fmt[i] == '*') {
                i++;
                long v = 0;
                if (arg) {
                    v = (long)awk_eval_num(A, arg);
                    arg = arg->next;
                }
                if (v > 100000)
                    v = 100000;
                if (v < -100000)
                    v = -100000;
                sl += (size_t)snprintf(spec + sl, sizeof spec - sl, "%ld", v);
            } else {
                size_t d = 0;
                while (i < flen && fmt[i] >= '0' && fmt[i] <= '9') {
                    if (d++ < 6)
                        spec[sl++] = fmt[i];
                    i++;
                }
            }
        }
        /* length modifiers mean nothing in awk: skip them */
        while (i < flen && strchr("hlLqjzt", fmt[i]))
            i++;
        if (i >= flen) { /* an incomplete spec is printed as it is */
            awk_buf_add(out, fmt + start, flen - start);
            break;
        }
        char conv = fmt[i];
        if (!strchr("cdiouxXeEfFgGaAs", conv)) {
            awk_buf_add(out, fmt + start, i + 1 - start);
            continue;
        }
        awk_cell_free(&c);
        if (arg) {
            awk_eval(A, arg, &c);
            arg = arg->next;
        }
        char t[AWK_NUMBUF];
        size_t len;
        switch (conv) {
        case 'c': {
            char ch[8];
            size_t chl = 1;
            if ((c.flags & CF_NUM) && (!(c.flags & CF_STR) || (c.flags & CF_STRNUM))) {
                long v = (long)c.num;
                if (v < 0x80) {
                    ch[0] = (char)v;
                } else if (v < 0x800) { /* a code point: UTF-8, as GNU awk does */
                    ch[0] = (char)(0xc0 | (v >> 6));
                    ch[1] = (char)(0x80 | (v & 0x3f));
                    chl = 2;
                } else if (v < 0x10000) {
                    ch[0] = (char)(0xe0 | (v >> 12));
                    ch[1] = (char)(0x80 | ((v >> 6) & 0x3f));
                    ch[2] = (char)(0x80 | (v & 0x3f));
                    chl = 3;
                } else {
                    ch[0] = (char)(v & 0xff);
                }
            } else {
                const char *s = awk_cell_str(A, &c, t, &len);
                chl = len ? 1 : 0;
                if (len)
                    ch[0] = s[0];
            }
            /* width and '-' apply; through %s with the bytes */
            spec[sl++] = 's';
            spec[sl] = '\0';
            char *dot = strchr(spec, '.');
            if (dot) {
                *dot = 's';
                dot[1] = '\0';
            }
            ch[chl] = '\0';
            if (chl == 0 || ch[0] != '\0') {
                add_formatted(out, spec, ch);
            } else { /* a NUL byte: pad by hand */
                int w = 0;
                sscanf(spec + 1 + strspn(spec + 1, "-+ #0"), "%d", &w);
                bool left = strchr(spec, '-') != NULL;
                for (int k = 1; !left && k < w; k++)
                    awk_buf_addc(out, ' ');
                awk_buf_add(out, "", 1);
                for (int k = 1; left && k < w; k++)
                    awk_buf_addc(out, ' ');
            }
            break;
        }
        case 'd':
        case 'i': {
            double v = awk_cell_num(&c);
            if (isnan(v) || isinf(v)) {
                /* GNU awk prints these as %f would */
                spec[sl++] = 'f';
                spec[sl] = '\0';
                add_formatted(out, spec, v);
            } else if (fabs(v) < 9.2e18) {
                spec[sl++] = 'l';
                spec[sl++] = 'l';
                spec[sl++] = 'd';
                spec[sl] = '\0';
                add_formatted(out, spec, (long long)v);
            } else {
                char *dot = strchr(spec, '.');
                if (dot)
                    sl = (size_t)(dot - spec);
                spec[sl++] = '.';
                spec[sl++] = '0';
                spec[sl++] = 'f';
                spec[sl] = '\0';
                add_formatted(out, spec, trunc(v));
            }
            break;
        }
        case 'o':
        case 'u':
        case 'x':
        case 'X': {
            double v = awk_cell_num(&c);
            unsigned long long u = v < 0 ? (unsigned long long)(long long)v
                                 : v >= 1.8e19 ? ~0ull : (unsigned long long)v;
            spec[sl++] = 'l';
            spec[sl++] = 'l';
            spec[sl++] = conv;
            spec[sl] = '\0';
            add_formatted(out, spec, u);
            break;
        }
        case 's': {
            const char *s = awk_cell_str(A, &c, t, &len);
            spec[sl++] = 's';
            spec[sl] = '\0';
            add_formatted(out, spec, s);
            break;
        }
        default:
            spec[sl++] = conv;
            spec[sl] = '\0';
            add_formatted(out, spec, awk_cell_num(&c));
            break;
        }
    }
    awk_cell_free(&c);
}
