/* wc [-lwmcL] [FILE...]: count lines, words, characters (UTF-8), bytes
 * and the longest line's width, with a total line for several files.
 * Column widths follow GNU wc. */
#include <string.h>

#include "ulib.h"

#define WC_BUF 65536

typedef struct Counts {
    uint64_t lines, words, chars, bytes, maxlen;
    uint64_t curlen; /* width of the line being counted (-L) */
} Counts;

/* Newlines in p[0..n), eight bytes at a time: each byte of a word that
 * equals '\n' becomes a 1 in its lane, lanes add up for up to 255 words,
 * then two steps sum them. Much faster than a memchr per line when
 * lines are short (seq's output). */
static uint64_t count_newlines(const char *p, size_t n)
{
    const uint64_t ones = 0x0101010101010101ULL, low7 = 0x7f7f7f7f7f7f7f7fULL;
    uint64_t total = 0;
    size_t i = 0;
    while (n - i >= 8) {
        uint64_t lanes = 0;
        for (int k = 0; k < 255 && n - i >= 8; k++, i += 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            uint64_t x = w ^ (ones * '\n'); /* zero bytes where '\n' was */
            uint64_t nonzero = ((x & low7) + low7) | x;
            lanes += (~nonzero >> 7) & ones;
        }
        /* Pairs of lanes into 16-bit sums first: eight 8-bit lanes may
         * add up past 255. */
        const uint64_t even = 0x00ff00ff00ff00ffULL;
        uint64_t pairs = (lanes & even) + ((lanes >> 8) & even);
        total += (pairs * 0x0001000100010001ULL) >> 48;
    }
    for (; i < n; i++)
        total += p[i] == '\n';
    return total;
}

/* The slow path: characters (bytes that do not continue a UTF-8
 * sequence) and line widths (tabs to the next multiple of 8). */
static void count_chars(const char *buf, size_t n, Counts *c)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)buf[i];
        if ((ch & 0xc0) == 0x80)
            continue;
        c->chars++;
        if (ch == '\n' || ch == '\r' || ch == '\f') {
            if (c->curlen > c->maxlen)
                c->maxlen = c->curlen;
            c->curlen = 0;
        } else if (ch == '\t') {
            c->curlen += 8 - c->curlen % 8;
        } else if (ch >= 32 && ch != 127) {
            c->curlen++;
        }
    }
}

/* Count fd to its end (a word may span two reads). */
static SyscallError count_fd(int fd, char *buf, bool want_words, bool want_chars, Counts *c)
{
    bool in_word = false;
    for (;;) {
        SyscallResult r = sys_read(fd, buf, WC_BUF);
        if (r.error != AX_OK)
            return r.error;
        if (r.value == 0)
            return AX_OK;
        size_t n = (size_t)r.value;
        c->bytes += n;
        if (want_chars)
            count_chars(buf, n, c);
        if (!want_words) {
            c->lines += count_newlines(buf, n);
            continue;
        }
        for (size_t i = 0; i < n; i++) {
            unsigned char ch = (unsigned char)buf[i];
            bool space = ch == ' ' || (ch >= '\t' && ch <= '\r');
            c->lines += ch == '\n';
            if (!space && !in_word)
                c->words++;
            in_word = !space;
        }
    }
}

typedef struct WcOpts {
    bool lines, words, chars, bytes, maxlen;
    int width;
} WcOpts;

static void print_counts(UStream *out, const Counts *c, const char *name, const WcOpts *o)
{
    const char *sep = "";
    if (o->lines) {
        u_fprintf(out, "%*llu", o->width, (unsigned long long)c->lines);
        sep = " ";
    }
    if (o->words) {
        u_fprintf(out, "%s%*llu", sep, o->width, (unsigned long long)c->words);
        sep = " ";
    }
    if (o->chars) {
        u_fprintf(out, "%s%*llu", sep, o->width, (unsigned long long)c->chars);
        sep = " ";
    }
    if (o->bytes) {
        u_fprintf(out, "%s%*llu", sep, o->width, (unsigned long long)c->bytes);
        sep = " ";
    }
    if (o->maxlen)
        u_fprintf(out, "%s%*llu", sep, o->width, (unsigned long long)c->maxlen);
    if (name)
        u_fprintf(out, " %s", name);
    u_putc('\n', out);
}

/* GNU's rule: wide enough for the total size of the regular files, at
 * least 7 when some input is not a regular file, 1 for a single count of
 * a single input. */
static int number_width(char *const *files, size_t n, const WcOpts *o)
{
    if (n == 1 && o->lines + o->words + o->chars + o->bytes + o->maxlen == 1)
        return 1;
    uint64_t total = 0;
    int minimum = 1;
    for (size_t i = 0; i < n; i++) {
        FileStat st;
        bool is_stdin = strcmp(files[i], "-") == 0;
        SyscallResult r = is_stdin ? sys_fstat(0, &st) : sys_stat(files[i], &st);
        if (r.error != AX_OK)
            continue;
        if (AX_S_ISREG(st.mode))
            total += st.size;
        else
            minimum = 7;
    }
    int width = 1;
    for (; total >= 10; total /= 10)
        width++;
    return width < minimum ? minimum : width;
}

int wc_main(int argc, char **argv)
{
    WcOpts o = {false, false, false, false, false, 1};
    static const ULongOpt longopts[] = {
        {"lines", U_NO_ARG, 'l'}, {"words", U_NO_ARG, 'w'},
        {"chars", U_NO_ARG, 'm'}, {"bytes", U_NO_ARG, 'c'},
        {"max-line-length", U_NO_ARG, 'L'}, {NULL, 0, 0},
    };
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "lwcmL", longopts)) != -1) {
        switch (c) {
        case 'l': o.lines = true; break;
        case 'w': o.words = true; break;
        case 'm': o.chars = true; break;
        case 'c': o.bytes = true; break;
        case 'L': o.maxlen = true; break;
        default: return 1;
        }
    }
    if (!o.lines && !o.words && !o.chars && !o.bytes && !o.maxlen)
        o.lines = o.words = o.bytes = true;
    bool named = g.ind < argc;
    size_t n;
    char *const *files = u_operands(argc, argv, g.ind, &n);
    o.width = number_width(files, n, &o);

    UStream *out = u_stdout();
    char *buf = xmalloc(WC_BUF);
    Counts total = {0};
    int status = 0;
    for (size_t i = 0; i < n; i++) {
        int fd = u_open_operand(files[i]);
        if (fd < 0) {
            u_perror("wc", files[i], (SyscallError)-fd);
            status = 1;
            continue;
        }
        Counts cnt = {0};
        SyscallError err = count_fd(fd, buf, o.words, o.chars || o.maxlen, &cnt);
        if (cnt.curlen > cnt.maxlen)
            cnt.maxlen = cnt.curlen;
        if (fd != 0)
            sys_close(fd);
        if (err != AX_OK) {
            u_perror("wc", files[i], err);
            status = 1;
            if (err == AX_EISDIR)
                cnt = (Counts){0};
        }
        total.lines += cnt.lines;
        total.words += cnt.words;
        total.chars += cnt.chars;
        total.bytes += cnt.bytes;
        if (cnt.maxlen > total.maxlen)
            total.maxlen = cnt.maxlen;
        if (err == AX_OK || err == AX_EISDIR)
            print_counts(out, &cnt, named ? files[i] : NULL, &o);
    }
    if (n > 1)
        print_counts(out, &total, "total", &o);
    return status;
}
