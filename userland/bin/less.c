/* less [OPTION]... [FILE]... and more: a pager. The input is read whole
 * (a pipe from man, or files), cut into screen rows at the window's width
 * (long lines wrap; -S chops them), and shown a screenful at a time on the
 * terminal in raw mode, with less's keys: scrolling by lines, half pages
 * and pages, g/G, /pattern and ?pattern (extended regular expressions,
 * matches in reverse video), n/N, q. The keys come from the terminal even
 * when the text comes from a pipe (/dev/tty).
 *
 * As more, it leaves at the end of the text, says --More--(N%), and with
 * a text that fits on the screen just prints it. When standard output is
 * not a terminal, both copy their input as cat would. */
#include <regex.h>
#include <string.h>

#include "ulib.h"

typedef struct Row {
    size_t line;       /* the input line it shows part of */
    size_t start, end; /* its bytes in the text */
} Row;

typedef struct Pager {
    char *text;
    size_t len;
    size_t *lines; /* start of each line */
    size_t nlines;
    Row *rows;
    size_t nrows;
    size_t top;    /* first row on the screen */
    UTerm term;
    int page;      /* rows of text on a screen (the window's less one) */
    bool more, chop, numbers, quit_at_eof, quit_one_screen, no_init;
    bool at_eof_once;
    regex_t re;
    bool have_re;
    bool search_back;
    char msg[128]; /* for the prompt line */
} Pager;

/* ---- the text ---- */

static SyscallError slurp(Pager *P, const char *name, bool header)
{
    int fd = u_open_operand(name);
    if (fd < 0)
        return (SyscallError)-fd;
    char *data;
    size_t n;
    SyscallError e = u_read_all(fd, &data, &n);
    if (fd > 0)
        sys_close(fd);
    if (e != AX_OK)
        return e;
    size_t hl = header ? strlen(name) * 1 + 34 : 0;
    P->text = xrealloc(P->text, P->len + hl + n + 2);
    if (header) {
        int w = snprintf(P->text + P->len, hl + 1, "::::::::::::::\n%s\n::::::::::::::\n", name);
        P->len += (size_t)w;
    }
    memcpy(P->text + P->len, data, n);
    P->len += n;
    if (n && data[n - 1] != '\n')
        P->text[P->len++] = '\n';
    xfree(data);
    return AX_OK;
}

static void split_lines(Pager *P)
{
    size_t cap = 64;
    P->lines = xmalloc(cap * sizeof *P->lines);
    P->nlines = 0;
    for (size_t i = 0; i < P->len;) {
        if (P->nlines == cap)
            P->lines = xrealloc(P->lines, (cap *= 2) * sizeof *P->lines);
        P->lines[P->nlines++] = i;
        char *nl = memchr(P->text + i, '\n', P->len - i);
        i = nl ? (size_t)(nl - P->text) + 1 : P->len;
    }
}

static size_t line_end(const Pager *P, size_t l)
{
    size_t end = l + 1 < P->nlines ? P->lines[l + 1] : P->len;
    if (end > P->lines[l] && P->text[end - 1] == '\n')
        end--;
    return end;
}

/* Columns byte c takes at column col: tabs to the next stop, control
 * characters as ^X, UTF-8 continuation bytes nothing. */
static int width_of(unsigned char c, int col)
{
    if (c == '\t')
        return 8 - col % 8;
    if (c < 32 || c == 127)
        return 2;
    if ((c & 0xc0) == 0x80)
        return 0;
    return 1;
}

static void make_rows(Pager *P)
{
    int cols = P->term.cols - (P->numbers ? 8 : 0);
    if (cols < 8)
        cols = 8;
    size_t cap = P->nlines + 16;
    xfree(P->rows);
    P->rows = xmalloc(cap * sizeof *P->rows);
    P->nrows = 0;
    for (size_t l = 0; l < P->nlines; l++) {
        size_t s = P->lines[l], e = line_end(P, l);
        do {
            size_t i = s;
            int col = 0;
            while (i < e) {
                int w = width_of((unsigned char)P->text[i], col);
                if (col + w > cols && !P->chop)
                    break;
                col += w;
                i++;
            }
            if (P->chop)
                i = e;
            if (P->nrows == cap)
                P->rows = xrealloc(P->rows, (cap *= 2) * sizeof *P->rows);
            P->rows[P->nrows++] = (Row){l, s, i};
            s = i;
        } while (s < e);
    }
}

/* ---- the screen ---- */

static void put_row(Pager *P, const Row *r, UStream *o)
{
    const char *line = P->text + P->lines[r->line];
    size_t lend = line_end(P, r->line);
    if (P->numbers) {
        if (r->start == P->lines[r->line])
            u_fprintf(o, "%7zu ", r->line + 1);
        else
            u_fputs("        ", o);
    }
    /* the matches of the search on this line, for reverse video */
    size_t ms[16], me[16];
    int nm = 0;
    if (P->have_re) {
        char *copy = xstrndup(line, lend - P->lines[r->line]);
        regmatch_t m;
        size_t off = 0;
        while (nm < 16 && off <= strlen(copy) &&
               regexec(&P->re, copy + off, 1, &m, off ? REG_NOTBOL : 0) == 0) {
            ms[nm] = P->lines[r->line] + off + (size_t)m.rm_so;
            me[nm] = P->lines[r->line] + off + (size_t)m.rm_eo;
            nm++;
            off += m.rm_eo > m.rm_so ? (size_t)m.rm_eo : (size_t)m.rm_so + 1;
        }
        xfree(copy);
    }
    int col = 0;
    bool inv = false;
    for (size_t i = r->start; i < r->end; i++) {
        bool want = false;
        for (int k = 0; k < nm; k++)
            want |= i >= ms[k] && i < me[k];
        if (want != inv) {
            u_fputs(want ? "\033[7m" : "\033[27m", o);
            inv = want;
        }
        unsigned char c = (unsigned char)P->text[i];
        int w = width_of(c, col);
        if (c == '\t')
            u_fprintf(o, "%*s", w, "");
        else if (c < 32 || c == 127)
            u_fprintf(o, "^%c", c == 127 ? '?' : c + '@');
        else
            u_putc((char)c, o);
        col += w;
    }
    if (inv)
        u_fputs("\033[27m", o);
}

static bool at_end(const Pager *P) { return P->top + (size_t)P->page >= P->nrows; }

static void draw(Pager *P)
{
    UStream *o = u_stdout();
    u_fputs("\033[H\033[2J", o);
    for (int i = 0; i < P->page; i++) {
        size_t r = P->top + (size_t)i;
        if (r < P->nrows)
            put_row(P, &P->rows[r], o);
        else if (!P->more)
            u_putc('~', o);
        u_fputs("\r\n", o);
    }
    if (P->msg[0]) {
        u_fprintf(o, "\033[7m%s\033[27m", P->msg);
        P->msg[0] = 0;
    } else if (P->more) {
        size_t shown = P->top + (size_t)P->page;
        size_t line = shown < P->nrows ? P->rows[shown].line : P->nlines;
        size_t byte = line < P->nlines ? P->lines[line] : P->len;
        u_fprintf(o, "\033[7m--More--(%d%%)\033[27m", P->len ? (int)(byte * 100 / P->len) : 100);
    } else if (at_end(P)) {
        u_fputs("\033[7m(END)\033[27m", o);
    } else {
        u_putc(':', o);
    }
    u_fputs("\033[K", o);
    u_fflush(o);
}

static void scroll_to(Pager *P, int64_t top)
{
    int64_t max = (int64_t)P->nrows - P->page;
    if (top > max)
        top = max;
    if (top < 0)
        top = 0;
    P->top = (size_t)top;
}

/* ---- search ---- */

static size_t first_row_of(const Pager *P, size_t line)
{
    size_t lo = 0, hi = P->nrows;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (P->rows[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool line_matches(Pager *P, size_t l)
{
    char *copy = xstrndup(P->text + P->lines[l], line_end(P, l) - P->lines[l]);
    bool m = regexec(&P->re, copy, 0, NULL, 0) == 0;
    xfree(copy);
    return m;
}

static void search(Pager *P, bool back, int count)
{
    if (!P->have_re) {
        snprintf(P->msg, sizeof P->msg, "No previous regular expression");
        return;
    }
    size_t cur = P->top < P->nrows ? P->rows[P->top].line : 0;
    size_t l = cur;
    for (int n = 0; n < count; n++) {
        bool found = false;
        while (back ? l > 0 : l + 1 < P->nlines) {
            l = back ? l - 1 : l + 1;
            if (line_matches(P, l)) {
                found = true;
                break;
            }
        }
        if (!found) {
            snprintf(P->msg, sizeof P->msg, "Pattern not found");
            return;
        }
    }
    P->top = first_row_of(P, l);
    scroll_to(P, (int64_t)P->top);
}

/* Read a line on the prompt row (for / and ?); false when cancelled. */
static bool prompt(Pager *P, char lead, char *buf, size_t size)
{
    size_t n = 0;
    for (;;) {
        u_fprintf(u_stdout(), "\r%c%.*s\033[K", lead, (int)n, buf);
        u_fflush(u_stdout());
        int k = u_term_key(&P->term);
        if (k < 0 || k == 0x1b || k == 3 || ((k == 127 || k == 8) && n == 0))
            return false;
        if (k == '\r' || k == '\n') {
            buf[n] = 0;
            return true;
        }
        if (k == 127 || k == 8) {
            n--;
        } else if (k < 0x100 && k >= 32 && n + 1 < size) {
            buf[n++] = (char)k;
        }
    }
}

static void new_search(Pager *P, bool back)
{
    char pat[256];
    if (!prompt(P, back ? '?' : '/', pat, sizeof pat))
        return;
    if (pat[0]) {
        if (P->have_re)
            regfree(&P->re);
        P->have_re = false;
        int e = regcomp(&P->re, pat, REG_EXTENDED);
        if (e != 0) {
            regerror(e, &P->re, P->msg, sizeof P->msg);
            return;
        }
        P->have_re = true;
    }
    P->search_back = back;
    search(P, back, 1);
}

/* ---- keys ---- */

static void run(Pager *P)
{
    int64_t count = 0;
    bool have_count = false;
    draw(P);
    for (;;) {
        int k = u_term_key(&P->term);
        if (k < 0)
            return;
        if (k >= '0' && k <= '9') {
            count = count * 10 + (k - '0');
            have_count = true;
            continue;
        }
        int64_t n = have_count ? count : 1;
        int64_t half = P->page / 2 > 0 ? P->page / 2 : 1;
        bool was_end = at_end(P);
        switch (k) {
        case 'q':
        case 'Q':
        case 3:
            return;
        case ':':
        case 'Z': {
            int k2 = u_term_key(&P->term);
            if ((k == ':' && (k2 == 'q' || k2 == 'Q')) || (k == 'Z' && k2 == 'Z'))
                return;
            break;
        }
        case ' ':
        case 'f':
        case 6:  /* ^F */
        case 22: /* ^V */
        case 'z':
        case U_KEY_PGDN:
            if (P->more && was_end)
                return;
            scroll_to(P, (int64_t)P->top + (have_count ? n : P->page));
            break;
        case 'b':
        case 2: /* ^B */
        case 'w':
        case U_KEY_PGUP:
            scroll_to(P, (int64_t)P->top - (have_count ? n : P->page));
            break;
        case '\r':
        case '\n':
        case 'j':
        case 'e':
        case 14: /* ^N */
        case 5:  /* ^E */
        case U_KEY_DOWN:
            if (P->more && was_end)
                return;
            scroll_to(P, (int64_t)P->top + n);
            break;
        case 'k':
        case 'y':
        case 16: /* ^P */
        case 25: /* ^Y */
        case 11: /* ^K */
        case U_KEY_UP:
            scroll_to(P, (int64_t)P->top - n);
            break;
        case 'd':
        case 4: /* ^D */
            if (P->more && was_end)
                return;
            scroll_to(P, (int64_t)P->top + (have_count ? n : half));
            break;
        case 'u':
        case 21: /* ^U */
            scroll_to(P, (int64_t)P->top - (have_count ? n : half));
            break;
        case 'g':
        case '<':
        case U_KEY_HOME:
            scroll_to(P, have_count ? (int64_t)first_row_of(P, (size_t)(n > 0 ? n - 1 : 0)) : 0);
            break;
        case 'G':
        case '>':
        case U_KEY_END:
            scroll_to(P, have_count ? (int64_t)first_row_of(P, (size_t)(n > 0 ? n - 1 : 0))
                                    : (int64_t)P->nrows);
            break;
        case '/':
        case '?':
            new_search(P, k == '?');
            break;
        case 'n':
            search(P, P->search_back, (int)n);
            break;
        case 'N':
            search(P, !P->search_back, (int)n);
            break;
        case 'h':
        case 'H':
            snprintf(P->msg, sizeof P->msg,
                     "q quit  SPACE/b page  j/k line  d/u half  g/G ends  /? search  n/N again");
            break;
        case 'r':
        case 'R':
        case 12: /* ^L */
        case 18: /* ^R */
            u_term_size(&P->term);
            P->page = P->term.rows > 1 ? P->term.rows - 1 : 1;
            make_rows(P);
            scroll_to(P, (int64_t)P->top);
            break;
        default:
            break;
        }
        count = 0;
        have_count = false;
        if (P->quit_at_eof && at_end(P) && was_end &&
            (k == ' ' || k == 'f' || k == U_KEY_PGDN || k == 'j' || k == '\r' || k == '\n' ||
             k == U_KEY_DOWN))
            return;
        draw(P);
    }
}

static int pager_main(const char *prog, bool more, int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"LINE-NUMBERS", U_NO_ARG, 'N'},     {"chop-long-lines", U_NO_ARG, 'S'},
        {"quit-at-eof", U_NO_ARG, 'e'},      {"QUIT-AT-EOF", U_NO_ARG, 'E'},
        {"quit-if-one-screen", U_NO_ARG, 'F'}, {"no-init", U_NO_ARG, 'X'},
        {"RAW-CONTROL-CHARS", U_NO_ARG, 'R'}, {"raw-control-chars", U_NO_ARG, 'r'},
        {"ignore-case", U_NO_ARG, 'i'},      {NULL, 0, 0},
    };
    Pager *P = xcalloc(1, sizeof *P);
    P->more = more;
    UGetopt g = U_GETOPT_INIT;
    int c, status = 0;
    while ((c = u_getopt_long(&g, argc, argv, "NSeEFXRrids", longopts)) != -1) {
        switch (c) {
        case 'N': P->numbers = true; break;
        case 'S': P->chop = true; break;
        case 'e':
        case 'E': P->quit_at_eof = true; break;
        case 'F': P->quit_one_screen = true; break;
        case 'X': P->no_init = true; break;
        case 'R': case 'r': case 'i': case 'd': case 's': break;
        default: xfree(P); return 1;
        }
    }
    size_t nfiles;
    char *const *files = u_operands(argc, argv, g.ind, &nfiles);
    bool interactive = u_isatty(1);
    if (interactive && nfiles == 1 && strcmp(files[0], "-") == 0 && u_isatty(0)) {
        u_eprintf("Missing filename (\"%s --help\" for help)\n", prog);
        xfree(P);
        return 1;
    }
    for (size_t i = 0; i < nfiles; i++) {
        SyscallError e = slurp(P, files[i], nfiles > 1 && interactive);
        if (e != AX_OK) {
            u_eprintf("%s: %s\n", files[i], sys_strerror(e));
            status = 1;
        }
    }
    if (!interactive || (P->len == 0 && status)) {
        u_fwrite(P->text, P->len, u_stdout());
        goto done;
    }
    split_lines(P);
    if (u_term_open(&P->term, true) != 0) {
        u_fwrite(P->text, P->len, u_stdout()); /* no terminal to read keys from */
        goto done;
    }
    P->page = P->term.rows > 1 ? P->term.rows - 1 : 1;
    make_rows(P);
    if ((more || P->quit_one_screen) && P->nrows <= (size_t)P->page) {
        u_term_close(&P->term);
        u_fwrite(P->text, P->len, u_stdout());
        goto done;
    }
    run(P);
    u_fputs("\r\033[K", u_stdout());
    u_term_close(&P->term);
done:
    if (P->have_re)
        regfree(&P->re);
    xfree(P->text);
    xfree(P->lines);
    xfree(P->rows);
    xfree(P);
    return status;
}

int less_main(int argc, char **argv) { return pager_main("less", false, argc, argv); }

int more_main(int argc, char **argv) { return pager_main("more", true, argc, argv); }
