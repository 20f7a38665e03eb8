/* lexer.c — characters to tokens: operators, words (scanned by words.c),
 * newlines with the here-document bodies that follow them, and alias
 * substitution.
 *
 * The lexer reads its input a line at a time, only when it needs the next
 * character: a command is run as soon as its last line is in, and nothing
 * after it is read (a `read` in a script sees the following lines).
 */
#include <stdio.h>

#include "sh.h"

/* ---- characters ---- */

static bool more_input(Parser *p)
{
    if (p->eof || !p->in)
        return false;
    int r = input_line(p->sh, p->in, &p->buf, p->buf.len > 0);
    if (r == IN_LINE)
        return true;
    p->eof = true;
    if (r == IN_INTR) {
        p->intr = true;
        longjmp(*p->err, 1);
    }
    return false;
}

int lex_peekc_at(Parser *p, size_t off)
{
    while (p->pos + off >= p->buf.len) {
        if (!more_input(p))
            return -1;
    }
    return (unsigned char)p->buf.s[p->pos + off];
}

static int peekc(Parser *p)
{
    return lex_peekc_at(p, 0);
}

/* POSIX removes backslash-newline before it tokenizes: drop such pairs
 * at pos+off, so that an operator (&\<newline>&) or a $name split over
 * lines reads whole. The line count moves on as if they had been read. */
void lex_splice(Parser *p, size_t off)
{
    while (lex_peekc_at(p, off) == '\\' && lex_peekc_at(p, off + 1) == '\n') {
        size_t at = p->pos + off;
        memmove(p->buf.s + at, p->buf.s + at + 2, p->buf.len - at - 1);
        p->buf.len -= 2;
        p->lineno++;
    }
}

void lex_advance(Parser *p)
{
    if (p->pos < p->buf.len) {
        if (p->buf.s[p->pos] == '\n')
            p->lineno++;
        p->pos++;
    }
}

void lex_fail(Parser *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->errmsg, sizeof p->errmsg, fmt, ap);
    va_end(ap);
    p->errline = p->lineno;
    p->err_unterminated = strncmp(p->errmsg, "unexpected EOF while looking for matching", 41) == 0;
    longjmp(*p->err, 1);
}

/* Read the bodies of the here-documents started on the line just ended. */
void lex_read_heredocs(Parser *p)
{
    while (p->hd_head) {
        Redir *hd = p->hd_head;
        p->hd_head = hd->next_pending;
        if (!p->hd_head)
            p->hd_tail = NULL;
        StrBuf body;
        sb_init(&body);
        int start_line = p->lineno;
        for (;;) {
            if (p->pos >= p->buf.len && !more_input(p)) {
                sh_fdprintf(2, "sh: warning: here-document at line %d delimited by end-of-file (wanted '%s')\n",
                            start_line, hd->delim);
                break;
            }
            size_t s = p->pos, e = s;
            while (e < p->buf.len && p->buf.s[e] != '\n')
                e++;
            bool nl = e < p->buf.len;
            p->pos = nl ? e + 1 : e;
            if (nl)
                p->lineno++;
            if (hd->here_strip)
                while (s < e && p->buf.s[s] == '\t')
                    s++;
            if (e - s == strlen(hd->delim) && memcmp(p->buf.s + s, hd->delim, e - s) == 0)
                break;
            sb_putn(&body, p->buf.s + s, e - s);
            sb_putc(&body, '\n');
        }
        if (hd->here_quoted) {
            WordPart *wp = arena_alloc(p->arena, sizeof *wp);
            wp->kind = WP_QLIT;
            wp->text = arena_strndup(p->arena, body.s ? body.s : "", body.len);
            hd->here = wp;
        } else {
            hd->here = lex_heredoc_parts(p, body.s ? body.s : "", body.len);
        }
        sb_free(&body);
    }
}

/* ---- tokens ---- */

/* A word written {name}, as bash's named-fd redirections take it. */
static bool lex_fdvar_word(const char *raw)
{
    size_t n = strlen(raw);
    if (n < 3 || raw[0] != '{' || raw[n - 1] != '}')
        return false;
    size_t len = sh_name_len(raw + 1);
    return len == n - 2;
}

static Token lex_token(Parser *p)
{
    Token t = {0};
    int c;
    for (;;) {
        c = peekc(p);
        if (c == ' ' || c == '\t') {
            lex_advance(p);
        } else if (c == '\\' && lex_peekc_at(p, 1) == '\n') {
            lex_advance(p);
            lex_advance(p);
        } else if (c == '#') {
            while ((c = peekc(p)) >= 0 && c != '\n')
                lex_advance(p);
        } else {
            break;
        }
    }
    t.start = p->pos;
    t.lineno = p->lineno;
    if (c < 0) {
        t.kind = T_EOF;
        return t;
    }
    if (c == '\n') {
        lex_advance(p);
        t.kind = T_NEWLINE;
        t.end = p->pos;
        lex_read_heredocs(p);
        return t;
    }
    if (lex_is_meta(c) && c != '\n' && c != ' ' && c != '\t') {
        lex_splice(p, 1);
        int n1 = lex_peekc_at(p, 1); /* only a three-character operator looks further */
        if ((c == '<' && n1 == '<') || (c == '&' && n1 == '>'))
            lex_splice(p, 2);
    }
    int c2 = lex_is_meta(c) ? lex_peekc_at(p, 1) : -1;
    int len = 1;
    switch (c) {
    case '&':
        t.kind = c2 == '&' ? T_AND_IF : c2 == '>' ? T_ANDGREAT : T_AMP;
        len = t.kind == T_AMP ? 1 : 2;
        if (t.kind == T_ANDGREAT && lex_peekc_at(p, 2) == '>') {
            t.kind = T_ANDDGREAT;
            len = 3;
        }
        break;
    case '|':
        t.kind = c2 == '|' ? T_OR_IF : c2 == '&' ? T_PIPE_AMP : T_PIPE;
        len = t.kind == T_PIPE ? 1 : 2;
        break;
    case ';':
        t.kind = c2 == ';' ? T_DSEMI : c2 == '&' ? T_SEMI_AMP : T_SEMI;
        len = t.kind == T_SEMI ? 1 : 2;
        if (t.kind == T_DSEMI && lex_peekc_at(p, 2) == '&') {
            t.kind = T_DSEMI_AMP;
            len = 3;
        }
        break;
    case '(': t.kind = T_LPAREN; break;
    case ')': t.kind = T_RPAREN; break;
    case '<':
        if (c2 == '<') {
            int c3 = lex_peekc_at(p, 2);
            if (c3 == '-' || c3 == '<') {
                t.kind = c3 == '-' ? T_DLESSDASH : T_TLESS;
                len = 3;
            } else {
                t.kind = T_DLESS;
                len = 2;
            }
        } else {
            t.kind = c2 == '&' ? T_LESSAND : c2 == '>' ? T_LESSGREAT : T_LESS;
            len = t.kind == T_LESS ? 1 : 2;
        }
        break;
    case '>':
        t.kind = c2 == '>' ? T_DGREAT : c2 == '&' ? T_GREATAND : c2 == '|' ? T_CLOBBER : T_GREAT;
        len = t.kind == T_GREAT ? 1 : 2;
        break;
    default: {
        Word *w = arena_alloc(p->arena, sizeof *w);
        w->parts = lex_scan_word(p);
        t.end = p->pos;
        w->raw = arena_strndup(p->arena, p->buf.s + t.start, t.end - t.start);
        t.word = w;
        t.kind = T_WORD;
        int n = peekc(p);
        if ((n == '<' || n == '>') && lex_fdvar_word(w->raw)) {
            /* {name}>file: bash's named file descriptor */
            t.kind = T_IO_NUMBER;
            t.number = -1;
            t.fdvar = arena_strndup(p->arena, w->raw + 1, strlen(w->raw) - 2);
        } else if ((n == '<' || n == '>') && t.end - t.start <= 4) {
            bool digits = true;
            for (const char *s = w->raw; *s; s++)
                digits = digits && *s >= '0' && *s <= '9';
            if (digits) {
                t.kind = T_IO_NUMBER;
                t.number = atoi(w->raw);
            }
        }
        return t;
    }
    }
    for (int i = 0; i < len; i++)
        lex_advance(p);
    t.end = p->pos;
    return t;
}

TokKind lex_peek(Parser *p)
{
    if (!p->peeked) {
        p->tok = lex_token(p);
        p->peeked = true;
    }
    return p->tok.kind;
}

Token lex_next(Parser *p)
{
    lex_peek(p);
    p->peeked = false;
    return p->tok;
}

void lex_consume(Parser *p)
{
    lex_next(p);
}

const char *tok_text(TokKind k)
{
    switch (k) {
    case T_EOF: return "EOF";
    case T_NEWLINE: return "newline";
    case T_WORD: return "word";
    case T_IO_NUMBER: return "number";
    case T_SEMI: return ";";
    case T_AMP: return "&";
    case T_PIPE: return "|";
    case T_AND_IF: return "&&";
    case T_OR_IF: return "||";
    case T_DSEMI: return ";;";
    case T_SEMI_AMP: return ";&";
    case T_DSEMI_AMP: return ";;&";
    case T_LPAREN: return "(";
    case T_RPAREN: return ")";
    case T_LESS: return "<";
    case T_GREAT: return ">";
    case T_DGREAT: return ">>";
    case T_LESSAND: return "<&";
    case T_GREATAND: return ">&";
    case T_LESSGREAT: return "<>";
    case T_DLESS: return "<<";
    case T_DLESSDASH: return "<<-";
    case T_CLOBBER: return ">|";
    case T_ANDGREAT: return "&>";
    case T_ANDDGREAT: return "&>>";
    case T_TLESS: return "<<<";
    case T_PIPE_AMP: return "|&";
    }
    return "?";
}

void lex_unexpected(Parser *p, const Token *t)
{
    p->lineno = t->lineno;
    if (t->kind == T_EOF)
        lex_fail(p, "syntax error: unexpected end of file");
    const char *txt = t->kind == T_WORD ? t->word->raw
                      : t->kind == T_IO_NUMBER ? t->word->raw
                                               : tok_text(t->kind);
    lex_fail(p, "syntax error near unexpected token '%s'", txt);
}

/* ---- aliases ---- */

/* The peeked token is a word in command position: replace it with its
 * alias's value, if it has one that is not being expanded already. */
bool lex_try_alias(Parser *p)
{
    if (p->no_alias || lex_peek(p) != T_WORD)
        return false;
    const char *name = word_literal(p->tok.word);
    if (!name)
        return false;
    Shell *sh = p->sh;
    Alias *a = NULL;
    for (Alias *x = sh->aliases; x; x = x->next)
        if (strcmp(x->name, name) == 0)
            a = x;
    if (!a)
        return false;
    /* forget expansions that are behind us */
    int keep = 0;
    for (int i = 0; i < p->nalias; i++)
        if (p->alias[i].end > p->tok.start)
            p->alias[keep++] = p->alias[i];
    p->nalias = keep;
    for (int i = 0; i < p->nalias; i++)
        if (strcmp(p->alias[i].name, a->name) == 0)
            return false;
    if (p->nalias == SH_ALIAS_DEPTH)
        return false;
    size_t start = p->tok.start, end = p->tok.end;
    size_t vlen = strlen(a->value);
    StrBuf nb;
    sb_init(&nb);
    sb_putn(&nb, p->buf.s, start);
    sb_puts(&nb, a->value);
    sb_putn(&nb, p->buf.s + end, p->buf.len - end);
    sb_free(&p->buf);
    p->buf = nb;
    long delta = (long)vlen - (long)(end - start);
    for (int i = 0; i < p->nalias; i++)
        p->alias[i].end = (size_t)((long)p->alias[i].end + delta);
    p->alias[p->nalias].name = a->name;
    p->alias[p->nalias].end = start + vlen;
    p->nalias++;
    p->pos = start;
    p->lineno = p->tok.lineno;
    p->peeked = false;
    p->check_alias_next = vlen > 0 && (a->value[vlen - 1] == ' ' || a->value[vlen - 1] == '\t');
    p->alias_next_at = start + vlen;
    return true;
}
