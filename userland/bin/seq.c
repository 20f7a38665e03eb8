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
                        int decimals, int width)
{
    char num[64];
    for (uint64_t i = 0;; i++) {
        double v = first + (double)i * incr;
        if (incr > 0 ? v > last : v < last)
            break;
        if (i)
            out_put(o, sep, strlen(sep));
        int n = snprintf(num, sizeof num, "%0*.*f", width, decimals, v);
        out_put(o, num, (size_t)n);
    }
}

/* Options come first; a word like "-5" is a negative number, not one. */
static int parse_options(int argc, char **argv, const char **sep, bool *equal_width)
{
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] == '\0' || (a[1] >= '0' && a[1] <= '9') || a[1] == '.')
            break;
        if (strcmp(a, "--") == 0)
            return i + 1;
        if (strcmp(a, "-w") == 0) {
            *equal_width = true;
        } else if (strncmp(a, "-s", 2) == 0) {
            if (a[2])
                *sep = a + 2;
            else if (i + 1 < argc)
                *sep = argv[++i];
            else {
                u_eprintf("seq: option requires an argument -- 's'\n");
                return -1;
            }
        } else {
            u_eprintf("seq: invalid option -- '%c'\n", a[1]);
            return -1;
        }
    }
    return i;
}

int seq_main(int argc, char **argv)
{
    const char *sep = "\n";
    bool equal_width = false;
    int i = parse_options(argc, argv, &sep, &equal_width);
    if (i < 0)
        return 1;
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
            u_eprintf("seq: invalid floating point argument: '%s'\n", argv[i + k]);
            return 1;
        }
        all_int &= is_int;
        if (slot != 2 && dec > decimals)
            decimals = dec; /* LAST's digits do not set the precision */
    }
    if (v[1] == 0) {
        u_eprintf("seq: invalid Zero increment value: '%s'\n", args[1]);
        return 1;
    }
    SeqOut o = {xmalloc(SEQ_OUT), 0, false};
    bool any = v[1] > 0 ? v[0] <= v[2] : v[0] >= v[2];
    int64_t f = 1, inc = 1, l = 0;
    /* Integers too big for 64 bits fall back to doubles. */
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
        seq_doubles(&o, v[0], v[1], v[2], sep, decimals, width);
    }
    if (any)
        out_put(&o, "\n", 1);
    out_flush(&o);
    return o.failed ? 1 : 0;
}
