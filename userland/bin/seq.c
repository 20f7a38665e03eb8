/* seq [-w] [-s SEP] [FIRST [INCR]] LAST: print a sequence of numbers.
 * Integers take a fast path: the decimal string is incremented in place
 * and the output goes out in 64 KiB writes, so `seq 1 1000000` costs a few
 * milliseconds. Fractions go through doubles with the inputs' precision. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

#define SEQ_OUT 65536

typedef struct SeqOut {
    char *buf;
    size_t fill;
    bool failed;
} SeqOut;

static void out_flush(SeqOut *o)
{
    if (o->fill && !o->failed && u_write_all(1, o->buf, o->fill) < 0)
        o->failed = true;
    o->fill = 0;
}

static void out_put(SeqOut *o, const char *s, size_t n)
{
    if (o->fill + n > SEQ_OUT)
        out_flush(o);
    if (n > SEQ_OUT) {
        if (!o->failed && u_write_all(1, s, n) < 0)
            o->failed = true;
        return;
    }
    memcpy(o->buf + o->fill, s, n);
    o->fill += n;
}

/* A number operand: integer or decimal fraction (strtod's syntax). */
static bool parse_num(const char *s, double *d, bool *is_int, int *decimals)
{
    char *end;
    *d = strtod(s, &end);
    if (end == s || *end != '\0')
        return false;
    *is_int = strspn(s + (*s == '-' || *s == '+'), "0123456789") ==
              strlen(s + (*s == '-' || *s == '+'));
    const char *dot = strchr(s, '.');
    *decimals = dot && !strpbrk(s, "eE") ? (int)strlen(dot + 1) : 0;
    return true;
}

/* Add 1 to the decimal string digits[0..*len) in place, growing it by one
 * digit at a carry out of the top ("999" -> "1000"). */
static void ascii_increment(char *digits, size_t *len)
{
    size_t i = *len;
    while (i > 0) {
        if (digits[--i] != '9') {
            digits[i]++;
            return;
        }
        digits[i] = '0';
    }
    memmove(digits + 1, digits, *len);
    digits[0] = '1';
    (*len)++;
}

/* The hot case, FIRST >= 0 and INCR 1 with a one-byte separator: count in
 * ASCII and store each number with one fixed-size copy straight into the
 * output buffer. The last digit is set in the output, not in num, so num
 * changes (and is reloaded after a byte store, which the CPU cannot
 * forward cheaply) only once per ten numbers. Ends the output with '\n'. */
static void seq_count_up(SeqOut *o, int64_t first, int64_t last, char sep)
{
    char num[32];
    size_t len = u_utoa((uint64_t)first, num);
    size_t fill = o->fill;
    for (int64_t v = first; v <= last;) {
        if (fill + 10 * (sizeof num + 1) > SEQ_OUT) {
            o->fill = fill;
            out_flush(o);
            fill = 0;
        }
        for (char d = num[len - 1]; d <= '9' && v <= last; d++, v++) {
            memcpy(o->buf + fill, num, sizeof num); /* only len bytes count */
            o->buf[fill + len - 1] = d;
            fill += len;
            o->buf[fill++] = sep;
            if (v == INT64_MAX)
                goto done;
        }
        num[len - 1] = '9';
        ascii_increment(num, &len);
    }
done:
    if (fill > 0)
        o->buf[fill - 1] = '\n';
    o->fill = fill;
}

/* Returns true when it wrote the final newline itself. */
static bool seq_ints(SeqOut *o, int64_t first, int64_t incr, int64_t last, const char *sep,
                     int width)
{
    size_t seplen = strlen(sep);
    if (incr == 1 && first >= 0 && width == 0 && seplen == 1) {
        seq_count_up(o, first, last, sep[0]);
        return true;
    }
    char num[48];
    for (int64_t v = first; incr > 0 ? v <= last : v >= last;) {
        if (v != first)
            out_put(o, sep, seplen);
        uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
        char digits[24];
        size_t len = u_utoa(mag, digits), n = 0;
        if (v < 0)
            num[n++] = '-';
        for (size_t pad = n + len; (int)pad < width; pad++)
            num[n++] = '0';
        memcpy(num + n, digits, len);
        out_put(o, num, n + len);
        if ((incr > 0 && v > INT64_MAX - incr) || (incr < 0 && v < INT64_MIN - incr))
            break;
        v += incr;
    }
    return false;
}

static void seq_doubles(SeqOut *o, double first, double incr, double last, const char *sep,
                        int decimals, int width, const char *format)
{
    char num[64];
    for (uint64_t i = 0;; i++) {
        double v = first + (double)i * incr;
        if (incr > 0 ? v > last : v < last)
            break;
        if (i)
            out_put(o, sep, strlen(sep));
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        /* format passed check_format: one floating conversion */
        int n = format ? snprintf(num, sizeof num, format, v)
                       : snprintf(num, sizeof num, "%0*.*f", width, decimals, v);
#pragma GCC diagnostic pop
        out_put(o, num, n < (int)sizeof num ? (size_t)n : sizeof num - 1);
    }
}

typedef struct SeqOpts {
    const char *sep;
    const char *format; /* -f: one floating conversion, checked */
    bool equal_width;
} SeqOpts;

/* -f's format: exactly one %[flags][width][.prec] of e f g E G a A (%%
 * allowed anywhere), so that handing it to snprintf is safe. Reports
 * what is wrong, as GNU seq words it. */
static bool check_format(const char *f)
{
    int convs = 0;
    const char *first_bad = NULL;
    int bad_len = 0;
    for (const char *p = f; *p; p++) {
        if (*p != '%')
            continue;
        if (p[1] == '%') {
            p++;
            continue;
        }
        p++;
        p += strspn(p, "-+ #0'");
        p += strspn(p, "0123456789");
        if (*p == '.') {
            p++;
            p += strspn(p, "0123456789");
        }
        if (!*p || !strchr("efgEGaA", *p)) {
            if (!first_bad) {
                first_bad = p;
                bad_len = *p ? 1 : 0;
            }
            break;
        }
        convs++;
    }
    if (first_bad) {
        const char *pct = first_bad;
        while (pct > f && *pct != '%')
            pct--;
        u_eprintf("seq: format '%s' has unknown %.*s directive\n", f,
                  (int)(first_bad - pct) + bad_len, pct);
        return false;
    }
    if (convs != 1) {
        u_eprintf("seq: format '%s' has %s\n", f, convs ? "too many % directives" : "no % directive");
        return false;
    }
    return true;
}

/* The value of option `name` ("-s" or "--separator"): attached, after
 * '=', or the next word. NULL (reported) when missing. */
static const char *opt_arg(int argc, char **argv, int *i, size_t skip, const char *what)
{
    const char *a = argv[*i];
    if (a[skip] == '=' && a[1] == '-')
        return a + skip + 1;
    if (a[skip] && a[1] != '-')
        return a + skip;
    if (*i + 1 < argc)
        return argv[++*i];
    if (a[1] == '-')
        u_eprintf("seq: option '%s' requires an argument\n", what);
    else
        u_eprintf("seq: option requires an argument -- '%c'\n", a[1]);
    u_eprintf("Try 'seq --help' for more information.\n");
    return NULL;
}

/* Options come first; a word like "-5" is a negative number, not one. */
static int parse_options(int argc, char **argv, SeqOpts *o)
{
    u_std_options(argc, argv);
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] == '\0' || (a[1] >= '0' && a[1] <= '9') || a[1] == '.')
            break;
        if (strcmp(a, "--") == 0)
            return i + 1;
        size_t n = strcspn(a, "=");
        if (strcmp(a, "-w") == 0 || (n > 2 && strncmp(a, "--equal-width", n) == 0 && !a[n])) {
            o->equal_width = true;
        } else if (strncmp(a, "-s", 2) == 0 || (n > 2 && strncmp(a, "--separator", n) == 0)) {
            if (!(o->sep = opt_arg(argc, argv, &i, a[1] == '-' ? n : 2, "--separator")))
                return -1;
        } else if (strncmp(a, "-f", 2) == 0 || (n > 2 && strncmp(a, "--format", n) == 0)) {
            if (!(o->format = opt_arg(argc, argv, &i, a[1] == '-' ? n : 2, "--format")))
                return -1;
            if (!check_format(o->format))
                return -1;
        } else if (a[1] == '-') {
            u_eprintf("seq: unrecognized option '%s'\n"
                      "Try 'seq --help' for more information.\n", a);
            return -1;
        } else {
            u_eprintf("seq: invalid option -- '%c'\n"
                      "Try 'seq --help' for more information.\n", a[1]);
            return -1;
        }
    }
    return i;
}

int seq_main(int argc, char **argv)
{
    SeqOpts so = {"\n", NULL, false};
    int i = parse_options(argc, argv, &so);
    if (i < 0)
        return 1;
    const char *sep = so.sep;
    bool equal_width = so.equal_width;
    if (so.format && equal_width) {
        u_eprintf("seq: format string may not be specified when printing equal width strings\n"
                  "Try 'seq --help' for more information.\n");
        return 1;
    }
    int n = argc - i;
    if (n < 1 || n > 3) {
        if (n < 1)
            u_eprintf("seq: missing operand\n");
        else
            u_eprintf("seq: extra operand '%s'\n", argv[i + 3]);
        u_eprintf("Try 'seq --help' for more information.\n");
        return 1;
    }
    double v[3] = {1, 1, 0};
    bool all_int = true;
    int decimals = 0;
    const char *args[3] = {NULL, NULL, NULL};
    int slot0 = n == 1 ? 2 : 0; /* LAST alone, FIRST LAST, FIRST INCR LAST */
    for (int k = 0; k < n; k++) {
        int slot = n == 2 && k == 1 ? 2 : slot0 + k;
        bool is_int;
        int dec;
        args[slot] = argv[i + k];
        if (!parse_num(argv[i + k], &v[slot], &is_int, &dec)) {
            u_usage_error("seq", "invalid floating point argument: '%s'", argv[i + k]);
            return 1;
        }
        all_int &= is_int;
        if (slot != 2 && dec > decimals)
            decimals = dec; /* LAST's digits do not set the precision */
    }
    if (v[1] == 0) {
        u_usage_error("seq", "invalid Zero increment value: '%s'", args[1]);
        return 1;
    }
    SeqOut o = {xmalloc(SEQ_OUT), 0, false};
    bool any = v[1] > 0 ? v[0] <= v[2] : v[0] >= v[2];
    int64_t f = 1, inc = 1, l = 0;
    /* Integers too big for 64 bits fall back to doubles. */
    if (so.format)
        all_int = false;
    if (all_int && ((args[0] && !u_parse_i64(args[0], &f)) ||
                    (args[1] && !u_parse_i64(args[1], &inc)) || !u_parse_i64(args[2], &l)))
        all_int = false;
    if (all_int) {
        int width = 0;
        if (equal_width) {
            char a[32], b[32];
            width = snprintf(a, sizeof a, "%lld", (long long)f);
            int wl = snprintf(b, sizeof b, "%lld", (long long)l);
            if (wl > width)
                width = wl;
        }
        if (seq_ints(&o, f, inc, l, sep, width))
            any = false; /* the newline is out already */
    } else {
        int width = 0;
        if (equal_width) {
            char a[64], b[64];
            width = snprintf(a, sizeof a, "%.*f", decimals, v[0]);
            int wl = snprintf(b, sizeof b, "%.*f", decimals, v[2]);
            if (wl > width)
                width = wl;
        }
        seq_doubles(&o, v[0], v[1], v[2], sep, decimals, width, so.format);
    }
    if (any)
        out_put(&o, "\n", 1);
    out_flush(&o);
    return o.failed ? 1 : 0;
}
