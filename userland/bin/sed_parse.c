/* sed's compiler: the script's text into SedCmd records, with GNU sed's
 * syntax (one-line a/i/c text, 0,/re/, first~step, addr,+N, s flags
 * g p N i I m M w e) and its error messages ("-e expression #1, char 5:
 * unterminated `s' command"). Regexes go through the host's regcomp; the
 * text is first rewritten so that \n and \t mean newline and tab, and
 * \DELIM the delimiter itself, as GNU sed reads them. */
#include <string.h>

#include "sed.h"

typedef struct Parser {
    SedScript *sc;
    const char *t;
    size_t len, pos;
    const SedSource *src;
    size_t nsrc;
    int status;  /* -1 after an error */
    int *blocks; /* indexes of the open '{'s */
    size_t nblocks;
} Parser;

void sedbuf_add(SedBuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}

void sedbuf_addc(SedBuf *b, char c) { sedbuf_add(b, &c, 1); }

void sedbuf_set(SedBuf *b, const char *s, size_t n)
{
    b->len = 0;
    sedbuf_add(b, s, n);
}

static int fail(Parser *p, const char *fmt, const char *arg)
{
    if (p->status < 0)
        return -1;
    p->status = -1;
    const SedSource *s = &p->src[0];
    for (size_t i = 1; i < p->nsrc; i++)
        if (p->src[i].start <= p->pos)
            s = &p->src[i];
    char msg[256];
    snprintf(msg, sizeof msg, fmt, arg ? arg : "");
    if (s->file) {
        size_t line = 1;
        for (size_t i = s->start; i < p->pos && i < p->len; i++)
            line += p->t[i] == '\n';
        u_eprintf("sed: file %s line %zu: %s\n", s->file, line, msg);
    } else {
        u_eprintf("sed: -e expression #%d, char %zu: %s\n", s->expr, p->pos - s->start, msg);
    }
    return -1;
}

static int peekc(Parser *p) { return p->pos < p->len ? (unsigned char)p->t[p->pos] : -1; }
static int getc_(Parser *p) { return p->pos < p->len ? (unsigned char)p->t[p->pos++] : -1; }

static void skip_blanks(Parser *p)
{
    while (peekc(p) == ' ' || peekc(p) == '\t')
        p->pos++;
}

static void skip_space(Parser *p)
{
    while (peekc(p) == ' ' || peekc(p) == '\t' || peekc(p) == '\n' || peekc(p) == ';')
        p->pos++;
}

/* The text up to an unescaped delim, with \delim made delim and \n a
 * newline (for a regex: other escapes left to regcomp). NULL when the
 * text ends first. */
static char *delimited(Parser *p, int delim, bool regex, size_t *outlen)
{
    SedBuf b = {0};
    sedbuf_add(&b, "", 0);
    for (;;) {
        int c = getc_(p);
        if (c == -1 || (c == '\n' && regex)) {
            xfree(b.s);
            return NULL;
        }
        if (c == delim)
            break;
        if (c == '\\') {
            int d = getc_(p);
            if (d == -1) {
                xfree(b.s);
                return NULL;
            }
            if (d == delim) {
                sedbuf_addc(&b, (char)d);
            } else if (d == 'n' && regex) {
                sedbuf_addc(&b, '\n');
            } else if (d == 't' && regex) {
                sedbuf_addc(&b, '\t');
            } else if (d == '\n' && regex) {
                sedbuf_addc(&b, '\n');
            } else {
                sedbuf_addc(&b, '\\');
                sedbuf_addc(&b, (char)d);
            }
            continue;
        }
        if (c == '[' && regex) {
            /* a bracket expression: the delimiter is literal inside */
            sedbuf_addc(&b, '[');
            if (peekc(p) == '^')
                sedbuf_addc(&b, (char)getc_(p));
            if (peekc(p) == ']')
                sedbuf_addc(&b, (char)getc_(p));
            while ((c = getc_(p)) != -1 && c != ']' && c != '\n') {
                sedbuf_addc(&b, (char)c);
                if (c == '[' && (peekc(p) == ':' || peekc(p) == '.' || peekc(p) == '=')) {
                    int kind = getc_(p);
                    sedbuf_addc(&b, (char)kind);
                    while ((c = getc_(p)) != -1 && !(c == kind && peekc(p) == ']'))
                        sedbuf_addc(&b, (char)c);
                    if (c == -1)
                        break;
                    sedbuf_addc(&b, (char)c);
                    sedbuf_addc(&b, (char)getc_(p));
                }
            }
            if (c != ']') {
                xfree(b.s);
                return NULL;
            }
            sedbuf_addc(&b, ']');
            continue;
        }
        sedbuf_addc(&b, (char)c);
    }
    *outlen = b.len;
    return b.s;
}

/* Compile pattern (empty: the last regex, NULL). */
static int compile_re(Parser *p, const char *pat, int flags, regex_t **out)
{
    if (!*pat) {
        *out = NULL;
        return 0;
    }
    regex_t *re = xmalloc(sizeof *re);
    int cf = (p->sc->extended ? REG_EXTENDED : 0) | flags;
    int e = regcomp(re, pat, cf);
    if (e != 0) {
        char msg[128];
        regerror(e, re, msg, sizeof msg);
        xfree(re);
        return fail(p, "%s", msg);
    }
    SedScript *sc = p->sc;
    sc->regexes = xrealloc(sc->regexes, (sc->nregexes + 1) * sizeof *sc->regexes);
    sc->regexes[sc->nregexes++] = re;
    *out = re;
    return 0;
}

static bool read_number(Parser *p, uint64_t *out)
{
    if (peekc(p) < '0' || peekc(p) > '9')
        return false;
    uint64_t v = 0;
    while (peekc(p) >= '0' && peekc(p) <= '9') {
        int d = getc_(p) - '0';
        v = v > (UINT64_MAX - 9) / 10 ? UINT64_MAX : v * 10 + (uint64_t)d;
    }
    *out = v;
    return true;
}

/* One address; false when there is none here. */
static int parse_addr(Parser *p, SedAddr *a)
{
    int c = peekc(p);
    if (c >= '0' && c <= '9') {
        read_number(p, &a->n);
        a->kind = SA_LINE;
        if (peekc(p) == '~') {
            p->pos++;
            a->step = 0;
            read_number(p, &a->step);
            a->kind = SA_STEP;
        }
        return 1;
    }
    if (c == '$') {
        p->pos++;
        a->kind = SA_LAST;
        return 1;
    }
    if (c == '/' || c == '\\') {
        p->pos++;
        int delim = '/';
        if (c == '\\')
            delim = getc_(p);
        if (delim == -1 || delim == '\n' || delim == '\\')
            return fail(p, "unterminated address regex", NULL);
        size_t n;
        char *pat = delimited(p, delim, true, &n);
        if (!pat)
            return fail(p, "unterminated address regex", NULL);
        int flags = 0;
        while (peekc(p) == 'I' || peekc(p) == 'M') {
            flags |= getc_(p) == 'I' ? REG_ICASE : REG_NEWLINE;
        }
        a->kind = SA_REGEX;
        int r = compile_re(p, pat, flags, &a->re);
        xfree(pat);
        return r < 0 ? -1 : 1;
    }
    return 0;
}

/* Text of a, i, c: GNU's one-line form ("a text") or POSIX's ("a\" and
 * lines ending in a backslash to go on). */
static int parse_text(Parser *p, SedCmd *cmd)
{
    SedBuf b = {0};
    sedbuf_add(&b, "", 0);
    skip_blanks(p);
    if (peekc(p) == -1) {
        xfree(b.s);
        return fail(p, "expected \\ after `a', `c' or `i'", NULL);
    }
    /* "a\" then the text on the next lines; "a\  text" keeps its blanks;
     * "a text" (GNU) has them dropped, which skip_blanks did */
    if (peekc(p) == '\\') {
        p->pos++;
        if (peekc(p) == '\n')
            p->pos++;
    }
    for (;;) {
        int c = getc_(p);
        if (c == -1 || c == '\n')
            break;
        if (c == '\\') {
            int d = getc_(p);
            if (d == -1)
                break;
            sedbuf_addc(&b, (char)d); /* "\<newline>" goes on; "\x" is x */
            continue;
        }
        sedbuf_addc(&b, (char)c);
    }
    if (b.len) /* "a\" and nothing after it adds nothing (GNU) */
        sedbuf_addc(&b, '\n');
    cmd->text = b.s;
    cmd->text_len = b.len;
    return 0;
}

/* A label or file name: to the end of the line (and, for labels, a ';'
 * ends it too, as GNU does). */
static char *parse_word(Parser *p, bool semicolon_ends)
{
    skip_blanks(p);
    size_t start = p->pos;
    while (p->pos < p->len && p->t[p->pos] != '\n' && !(semicolon_ends && p->t[p->pos] == ';'))
        p->pos++;
    size_t end = p->pos;
    while (end > start && (p->t[end - 1] == ' ' || p->t[end - 1] == '\t'))
        end--;
    return xstrndup(p->t + start, end - start);
}

static int wfile_index(SedScript *sc, const char *name)
{
    for (size_t i = 0; i < sc->nwfiles; i++)
        if (strcmp(sc->wfiles[i].name, name) == 0)
            return (int)i;
    sc->wfiles = xrealloc(sc->wfiles, (sc->nwfiles + 1) * sizeof *sc->wfiles);
    sc->wfiles[sc->nwfiles] = (SedWFile){xstrdup(name), NULL};
    return (int)sc->nwfiles++;
}

static int count_groups(const char *pat, bool extended)
{
    int n = 0;
    for (const char *c = pat; *c; c++) {
        if (*c == '\\' && c[1]) {
            if (!extended && c[1] == '(')
                n++;
            c++;
        } else if (extended && *c == '(') {
            n++;
        }
    }
    return n;
}

static int parse_s(Parser *p, SedCmd *cmd)
{
    int delim = getc_(p);
    if (delim == -1 || delim == '\n' || delim == '\\')
        return fail(p, "unterminated `s' command", NULL);
    size_t n;
    char *pat = delimited(p, delim, true, &n);
    if (!pat)
        return fail(p, "unterminated `s' command", NULL);
    /* the replacement: keep escapes for run time, but \DELIM is DELIM
     * and a backslash-newline a newline */
    SedBuf r = {0};
    sedbuf_add(&r, "", 0);
    int maxref = 0;
    for (;;) {
        int c = getc_(p);
        if (c == -1) {
            xfree(pat);
            xfree(r.s);
            return fail(p, "unterminated `s' command", NULL);
        }
        if (c == delim)
            break;
        if (c == '\\') {
            int d = getc_(p);
            if (d == -1) {
                xfree(pat);
                xfree(r.s);
                return fail(p, "unterminated `s' command", NULL);
            }
            if (d == delim && d != '&') {
                sedbuf_addc(&r, (char)d);
            } else if (d == '\n') {
                sedbuf_addc(&r, '\n');
            } else {
                if (d >= '1' && d <= '9' && d - '0' > maxref)
                    maxref = d - '0';
                sedbuf_addc(&r, '\\');
                sedbuf_addc(&r, (char)d);
            }
            continue;
        }
        sedbuf_addc(&r, (char)c);
    }
    cmd->repl = r.s;
    cmd->repl_len = r.len;
    int flags = 0;
    for (;;) {
        int c = peekc(p);
        if (c == 'g') {
            cmd->global = true;
        } else if (c == 'p') {
            cmd->print_s = true;
        } else if (c == 'i' || c == 'I') {
            flags |= REG_ICASE;
        } else if (c == 'm' || c == 'M') {
            flags |= REG_NEWLINE;
        } else if (c >= '0' && c <= '9') {
            uint64_t v;
            read_number(p, &v);
            if (v == 0) {
                xfree(pat);
                return fail(p, "number option to `s' command may not be zero", NULL);
            }
            cmd->occurrence = v;
            continue;
        } else if (c == 'w') {
            p->pos++;
            char *name = parse_word(p, false);
            if (!*name) {
                xfree(name);
                xfree(pat);
                return fail(p, "missing filename in r/R/w/W commands", NULL);
            }
            cmd->wfile = wfile_index(p->sc, name);
            xfree(name);
            break;
        } else {
            break;
        }
        p->pos++;
    }
    int c = peekc(p);
    if (c != -1 && c != '\n' && c != ';' && c != ' ' && c != '\t' && c != '}' && c != '#') {
        p->pos++;
        xfree(pat);
        return fail(p, "unknown option to `s'", NULL);
    }
    int groups = *pat ? count_groups(pat, p->sc->extended) : 9;
    if (maxref > groups) {
        char ref[8];
        snprintf(ref, sizeof ref, "\\%d", maxref);
        xfree(pat);
        return fail(p, "invalid reference %s on `s' command's RHS", ref);
    }
    int rr = compile_re(p, pat, flags, &cmd->re);
    xfree(pat);
    return rr;
}

static int parse_y(Parser *p, SedCmd *cmd)
{
    int delim = getc_(p);
    if (delim == -1 || delim == '\n' || delim == '\\')
        return fail(p, "unterminated `y' command", NULL);
    size_t n1, n2;
    char *a = delimited(p, delim, false, &n1);
    char *b = a ? delimited(p, delim, false, &n2) : NULL;
    if (!a || !b) {
        xfree(a);
        return fail(p, "unterminated `y' command", NULL);
    }
    /* decode \\ and \n; \DELIM was decoded already */
    char *sides[2] = {a, b};
    size_t lens[2];
    for (int s = 0; s < 2; s++) {
        char *o = sides[s];
        for (char *c = sides[s]; *c; c++) {
            if (*c == '\\' && c[1] == 'n') {
                *o++ = '\n';
                c++;
            } else if (*c == '\\' && c[1] == '\\') {
                *o++ = '\\';
                c++;
            } else {
                *o++ = *c;
            }
        }
        lens[s] = (size_t)(o - sides[s]);
    }
    int r = 0;
    if (lens[0] != lens[1]) {
        r = fail(p, "strings for `y' command are different lengths", NULL);
    } else {
        for (int i = 0; i < 256; i++)
            cmd->ymap[i] = (unsigned char)i;
        for (size_t i = 0; i < lens[0]; i++)
            cmd->ymap[(unsigned char)a[i]] = (unsigned char)b[i];
    }
    xfree(a);
    xfree(b);
    return r;
}

/* After a command: blanks, then the end, ';', '}', '#' or a newline. */
static int end_of_command(Parser *p)
{
    skip_blanks(p);
    int c = peekc(p);
    if (c == -1 || c == '\n' || c == ';' || c == '}' || c == '#') {
        if (c == ';' || c == '\n')
            p->pos++;
        return 0;
    }
    p->pos++;
    return fail(p, "extra characters after command", NULL);
}

static SedCmd *new_cmd(SedScript *sc)
{
    if (sc->n == sc->cap)
        sc->cmds = xrealloc(sc->cmds, (sc->cap = sc->cap ? sc->cap * 2 : 16) * sizeof(SedCmd));
    SedCmd *c = &sc->cmds[sc->n++];
    memset(c, 0, sizeof *c);
    c->wfile = -1;
    c->jump = -1;
    c->int_arg = -1;
    return c;
}

static int parse_command(Parser *p)
{
    SedScript *sc = p->sc;
    SedCmd *cmd = new_cmd(sc);
    size_t idx = sc->n - 1;
    int r = parse_addr(p, &cmd->a1);
    if (r < 0)
        return -1;
    if (r > 0 && peekc(p) == ',') {
        p->pos++;
        skip_blanks(p);
        int c = peekc(p);
        if (c == '+' || c == '~') {
            p->pos++;
            cmd = &sc->cmds[idx];
            if (!read_number(p, &cmd->a2.n))
                return fail(p, "expected newer version of sed", NULL);
            cmd->a2.kind = c == '+' ? SA_PLUS : SA_MULT;
        } else {
            r = parse_addr(p, &sc->cmds[idx].a2);
            if (r < 0)
                return -1;
            if (r == 0)
                return fail(p, "unexpected `,'", NULL);
        }
    }
    cmd = &sc->cmds[idx];
    skip_blanks(p);
    while (peekc(p) == '!') {
        p->pos++;
        if (cmd->negate)
            return fail(p, "multiple `!'s", NULL);
        cmd->negate = true;
        skip_blanks(p);
    }
    int c = getc_(p);
    bool has_addr = cmd->a1.kind != SA_NONE, two = cmd->a2.kind != SA_NONE;
    if (c == -1)
        return fail(p, "missing command", NULL);
    if (cmd->a1.kind == SA_LINE && cmd->a1.n == 0) {
        if (cmd->a2.kind != SA_REGEX)
            return fail(p, "invalid usage of line address 0", NULL);
        cmd->a1.kind = SA_ZERO;
    }
    cmd->cmd = (char)c;
    switch (c) {
    case '{': {
        p->blocks = xrealloc(p->blocks, (p->nblocks + 1) * sizeof *p->blocks);
        p->blocks[p->nblocks++] = (int)idx;
        return 0;
    }
    case '}':
        if (p->nblocks == 0)
            return fail(p, "unexpected `}'", NULL);
        if (has_addr)
            return fail(p, "} doesn't want any addresses", NULL);
        sc->cmds[p->blocks[--p->nblocks]].jump = (int)idx;
        return end_of_command(p);
    case '#':
        if (has_addr)
            return fail(p, "comments don't accept any addresses", NULL);
        while (peekc(p) != -1 && peekc(p) != '\n')
            p->pos++;
        sc->n--; /* no command */
        return 0;
    case ':': {
        if (has_addr)
            return fail(p, ": doesn't want any addresses", NULL);
        char *label = parse_word(p, true);
        if (!*label) {
            xfree(label);
            return fail(p, "\":\" lacks a label", NULL);
        }
        cmd->text = label;
        if (peekc(p) == ';')
            p->pos++;
        return 0;
    }
    case 'a':
    case 'i':
    case 'c':
        return parse_text(p, cmd);
    case 'b':
    case 't':
    case 'T': {
        char *label = parse_word(p, true);
        if (*label)
            cmd->text = label;
        else
            xfree(label);
        return end_of_command(p);
    }
    case 'r':
    case 'R':
    case 'w':
    case 'W': {
        char *name = parse_word(p, false);
        if (!*name) {
            xfree(name);
            return fail(p, "missing filename in r/R/w/W commands", NULL);
        }
        if (c == 'w' || c == 'W') {
            cmd->wfile = wfile_index(sc, name);
            xfree(name);
        } else {
            cmd->text = name;
        }
        return 0;
    }
    case 'q':
    case 'Q':
    case 'l':
    case 'L': {
        if (two && (c == 'q' || c == 'Q'))
            return fail(p, "command only uses one address", NULL);
        skip_blanks(p);
        uint64_t v;
        if (read_number(p, &v))
            cmd->int_arg = (int)(v > 0x7fffffff ? 0x7fffffff : v);
        return end_of_command(p);
    }
    case '=':
    case 'd':
    case 'D':
    case 'g':
    case 'G':
    case 'h':
    case 'H':
    case 'n':
    case 'N':
    case 'p':
    case 'P':
    case 'x':
    case 'z':
    case 'F':
        return end_of_command(p);
    case 's':
        if (parse_s(p, cmd) < 0)
            return -1;
        return end_of_command(p);
    case 'y':
        if (parse_y(p, cmd) < 0)
            return -1;
        return end_of_command(p);
    default: {
        char s[2] = {(char)c, 0};
        return fail(p, "unknown command: `%s'", s);
    }
    }
}

int sed_compile(SedScript *sc, const char *text, size_t len, const SedSource *src, size_t nsrc)
{
    Parser p = {sc, text, len, 0, src, nsrc, 0, NULL, 0};
    if (len >= 2 && text[0] == '#' && text[1] == 'n' && (len == 2 || text[2] == '\n'))
        sc->quiet = true; /* POSIX: "#n" alone on the first line is -n */
    for (;;) {
        skip_space(&p);
        if (p.pos >= p.len)
            break;
        if (parse_command(&p) < 0) {
            xfree(p.blocks);
            return -1;
        }
    }
    if (p.nblocks) {
        p.pos = 0;
        const SedSource *s = &src[0];
        p.status = -1;
        if (s->file)
            u_eprintf("sed: file %s line 1: unmatched `{'\n", s->file);
        else
            u_eprintf("sed: -e expression #%d, char 0: unmatched `{'\n", s->expr);
        xfree(p.blocks);
        return -1;
    }
    xfree(p.blocks);
    /* resolve the jumps */
    for (size_t i = 0; i < sc->n; i++) {
        SedCmd *c = &sc->cmds[i];
        if (c->cmd != 'b' && c->cmd != 't' && c->cmd != 'T')
            continue;
        if (!c->text) {
            c->jump = -1;
            continue;
        }
        size_t j = 0;
        while (j < sc->n && !(sc->cmds[j].cmd == ':' && strcmp(sc->cmds[j].text, c->text) == 0))
            j++;
        if (j == sc->n) {
            u_eprintf("sed: can't find label for jump to `%s'\n", c->text);
            return -4;
        }
        c->jump = (int)j;
    }
    return 0;
}

void sed_script_free(SedScript *sc)
{
    for (size_t i = 0; i < sc->n; i++) {
        xfree(sc->cmds[i].text);
        xfree(sc->cmds[i].repl);
    }
    xfree(sc->cmds);
    for (size_t i = 0; i < sc->nregexes; i++) {
        regfree(sc->regexes[i]);
        xfree(sc->regexes[i]);
    }
    xfree(sc->regexes);
    for (size_t i = 0; i < sc->nwfiles; i++) {
        if (sc->wfiles[i].s && sc->wfiles[i].s != u_stdout() && sc->wfiles[i].s != u_stderr())
            u_fclose(sc->wfiles[i].s);
        xfree(sc->wfiles[i].name);
    }
    xfree(sc->wfiles);
    memset(sc, 0, sizeof *sc);
}
