/* lexer.c — characters to tokens.
 *
 * Words come out structured (a list of WordPart: literal, quoted, "...",
 * $param, $(cmd), $((expr))), so expansion never rescans source text. A
 * $( ) is found by parsing its contents with the real parser, as bash
 * does, so `case` patterns and quotes inside it cannot fool a paren count.
 *
 * The lexer reads its input a line at a time, only when it needs the next
 * character: a command is run as soon as its last line is in, and nothing
 * after it is read (a `read` in a script sees the following lines).
 */
#include <stdio.h>

#include "sh.h"

/* scanning contexts, combined as bits */
#define X_WORD 0x01    /* an ordinary word: ends at a metacharacter */
#define X_DQ 0x02      /* inside "...": everything is quoted */
#define X_HEREDOC 0x04 /* a here-document body: like "..." but " is plain */
#define X_BRACE 0x08   /* the word of ${name op word}: ends at } */
#define X_SLASH 0x10   /* ${name/pat/rep}: the pattern ends at / too */
#define X_ARITH 0x20   /* $(( )): ends at )) outside parentheses */

Node *parse_subst_list(Parser *p); /* parser.c */

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

static int peekc_at(Parser *p, size_t off)
{
    while (p->pos + off >= p->buf.len) {
        if (!more_input(p))
            return -1;
    }
    return (unsigned char)p->buf.s[p->pos + off];
}

static int peekc(Parser *p)
{
    return peekc_at(p, 0);
}

static void advance(Parser *p)
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
    longjmp(*p->err, 1);
}

/* ---- building word parts ---- */

typedef struct Parts {
    WordPart *head, **tail;
    StrBuf lit;
    WordPartKind litkind;
    bool has_lit;
} Parts;

static void parts_init(Parts *ps)
{
    ps->head = NULL;
    ps->tail = &ps->head;
    sb_init(&ps->lit);
    ps->has_lit = false;
}

static void parts_flush(Parser *p, Parts *ps)
{
    if (!ps->has_lit)
        return;
    WordPart *wp = arena_alloc(p->arena, sizeof *wp);
    wp->kind = ps->litkind;
    wp->text = arena_strndup(p->arena, ps->lit.s ? ps->lit.s : "", ps->lit.len);
    *ps->tail = wp;
    ps->tail = &wp->next;
    sb_clear(&ps->lit);
    ps->has_lit = false;
}

/* Add a character to the literal run of kind k (LIT or QLIT). */
static void parts_char(Parser *p, Parts *ps, WordPartKind k, int c)
{
    if (ps->has_lit && ps->litkind != k)
        parts_flush(p, ps);
    ps->litkind = k;
    ps->has_lit = true;
    sb_putc(&ps->lit, (char)c);
}

static WordPart *parts_add(Parser *p, Parts *ps, WordPartKind k)
{
    parts_flush(p, ps);
    WordPart *wp = arena_alloc(p->arena, sizeof *wp);
    wp->kind = k;
    *ps->tail = wp;
    ps->tail = &wp->next;
    return wp;
}

static WordPart *parts_done(Parser *p, Parts *ps)
{
    parts_flush(p, ps);
    sb_free(&ps->lit);
    return ps->head;
}

static WordPart *scan(Parser *p, int ctx);

/* ---- $ forms ---- */

static bool is_name_start(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_name_char(int c)
{
    return is_name_start(c) || (c >= '0' && c <= '9');
}

static bool is_special_param(int c)
{
    return c == '@' || c == '*' || c == '#' || c == '?' || c == '-' || c == '$' || c == '!';
}

/* $( ... ): run the parser over the contents; the text between the
 * parentheses is what a child shell will run. */
static char *scan_cmdsub(Parser *p)
{
    size_t start = p->pos;
    Token saved = p->tok;
    bool saved_peeked = p->peeked;
    bool saved_alias = p->check_alias_next;
    p->peeked = false;
    p->cmdsub_depth++;
    parse_subst_list(p);
    if (lex_peek(p) != T_RPAREN) {
        Token t = lex_next(p);
        lex_unexpected(p, &t);
    }
    Token close = lex_next(p);
    p->cmdsub_depth--;
    p->tok = saved;
    p->peeked = saved_peeked;
    p->check_alias_next = saved_alias;
    return arena_strndup(p->arena, p->buf.s + start, close.start - start);
}

/* `...`: backslash quotes only $ ` \ (and " inside double quotes). */
static char *scan_backtick(Parser *p, bool in_dq)
{
    StrBuf t;
    sb_init(&t);
    int line = p->lineno;
    for (;;) {
        int c = peekc(p);
        if (c < 0) {
            sb_free(&t);
            p->lineno = line;
            lex_fail(p, "unexpected EOF while looking for matching '`'");
        }
        advance(p);
        if (c == '`')
            break;
        if (c == '\\') {
            int c2 = peekc(p);
            if (c2 == '$' || c2 == '`' || c2 == '\\' || (in_dq && c2 == '"')) {
                sb_putc(&t, (char)c2);
                advance(p);
                continue;
            }
        }
        sb_putc(&t, (char)c);
    }
    char *s = arena_strndup(p->arena, t.s ? t.s : "", t.len);
    sb_free(&t);
    return s;
}

static void bad_subst(Parser *p)
{
    lex_fail(p, "bad substitution");
}

/* ${...} after the "${" */
static void scan_braced(Parser *p, WordPart *wp, int ctx)
{
    StrBuf name;
    sb_init(&name);
    int c = peekc(p);
    if (c == '#') {
        int c2 = peekc_at(p, 1);
        if (c2 != '}' && (is_name_char(c2) || is_special_param(c2))) {
            wp->op = PO_LENGTH;
            advance(p);
            c = peekc(p);
        }
    }
    if (is_name_start(c)) {
        while (is_name_char(peekc(p))) {
            sb_putc(&name, (char)peekc(p));
            advance(p);
        }
    } else if (c >= '0' && c <= '9') {
        while (peekc(p) >= '0' && peekc(p) <= '9') {
            sb_putc(&name, (char)peekc(p));
            advance(p);
        }
    } else if (c >= 0 && is_special_param(c)) {
        sb_putc(&name, (char)c);
        advance(p);
    } else {
        sb_free(&name);
        bad_subst(p);
    }
    wp->text = arena_strndup(p->arena, name.s, name.len);
    sb_free(&name);

    /* the word of - = + ? is quoted when the expansion is; a pattern
     * (# % /) never is, so "${x#*.}" still matches */
    int inner = (ctx & (X_DQ | X_HEREDOC)) ? X_DQ : 0;
    c = peekc(p);
    if (c == '}') {
        advance(p);
        return;
    }
    if (wp->op == PO_LENGTH)
        bad_subst(p);
    if (c == ':') {
        wp->colon = true;
        advance(p);
        c = peekc(p);
        if (c != '-' && c != '=' && c != '+' && c != '?')
            bad_subst(p);
    }
    advance(p);
    switch (c) {
    case '-': wp->op = PO_DEFAULT; break;
    case '=': wp->op = PO_ASSIGN; break;
    case '+': wp->op = PO_ALT; break;
    case '?': wp->op = PO_ERROR; break;
    case '%':
        wp->op = PO_RM_SSUF;
        if (peekc(p) == '%') {
            advance(p);
            wp->op = PO_RM_LSUF;
        }
        break;
    case '#':
        wp->op = PO_RM_SPRE;
        if (peekc(p) == '#') {
            advance(p);
            wp->op = PO_RM_LPRE;
        }
        break;
    case '/':
        wp->op = PO_REPL;
        if (peekc(p) == '/') {
            advance(p);
            wp->op = PO_REPL_ALL;
        }
        wp->sub = scan(p, X_BRACE | X_SLASH);
        if (peekc(p) == '/') {
            advance(p);
            wp->sub2 = scan(p, X_BRACE | inner);
        }
        if (peekc(p) != '}')
            bad_subst(p);
        advance(p);
        return;
    default:
        bad_subst(p);
    }
    bool pattern = wp->op >= PO_RM_SSUF;
    wp->sub = scan(p, X_BRACE | (pattern ? 0 : inner));
    if (peekc(p) != '}')
        lex_fail(p, "unexpected EOF while looking for matching '}'");
    advance(p);
}

/* $'...' (bash): C escapes, the result is quoted. */
static void scan_dollar_single(Parser *p, Parts *ps)
{
    for (;;) {
        int c = peekc(p);
        if (c < 0)
            lex_fail(p, "unexpected EOF while looking for matching `''");
        advance(p);
        if (c == '\'')
            break;
        if (c == '\\') {
            c = peekc(p);
            advance(p);
            switch (c) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'a': c = '\a'; break;
            case 'b': c = '\b'; break;
            case 'e': case 'E': c = 033; break;
            case 'f': c = '\f'; break;
            case 'v': c = '\v'; break;
            case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
                int v = c - '0';
                for (int i = 0; i < 2 && peekc(p) >= '0' && peekc(p) <= '7'; i++) {
                    v = v * 8 + peekc(p) - '0';
                    advance(p);
                }
                c = v;
                break;
            }
            default: break; /* \\ \' \" and unknown escapes: the character */
            }
        }
        parts_char(p, ps, WP_QLIT, c);
    }
    /* '' must still leave a (empty) quoted part behind */
    parts_char(p, ps, WP_QLIT, 'x');
    ps->lit.len--;
    ps->lit.s[ps->lit.len] = '\0';
}

static void scan_dollar(Parser *p, Parts *ps, int ctx)
{
    advance(p); /* $ */
    int c = peekc(p);
    bool quoted = ctx & (X_DQ | X_HEREDOC);
    if (c == '(') {
        if (peekc_at(p, 1) == '(') {
            advance(p);
            advance(p);
            WordPart *wp = parts_add(p, ps, WP_ARITH);
            wp->sub = scan(p, X_ARITH);
            if (peekc(p) != ')' || peekc_at(p, 1) != ')')
                lex_fail(p, "unexpected EOF while looking for matching '))'");
            advance(p);
            advance(p);
            return;
        }
        advance(p);
        WordPart *wp = parts_add(p, ps, WP_CMDSUB);
        wp->text = scan_cmdsub(p);
        return;
    }
    if (c == '{') {
        advance(p);
        WordPart *wp = parts_add(p, ps, WP_PARAM);
        scan_braced(p, wp, ctx);
        return;
    }
    if (c == '\'' && !quoted && !(ctx & X_ARITH)) {
        advance(p);
        scan_dollar_single(p, ps);
        return;
    }
    if (is_name_start(c)) {
        size_t start = p->pos;
        while (is_name_char(peekc(p)))
            advance(p);
        WordPart *wp = parts_add(p, ps, WP_PARAM);
        wp->text = arena_strndup(p->arena, p->buf.s + start, p->pos - start);
        return;
    }
    if ((c >= '0' && c <= '9') || (c >= 0 && is_special_param(c))) {
        advance(p);
        WordPart *wp = parts_add(p, ps, WP_PARAM);
        char name[2] = {(char)c, 0};
        wp->text = arena_strdup(p->arena, name);
        return;
    }
    parts_char(p, ps, quoted ? WP_QLIT : WP_LIT, '$');
}

/* ---- words ---- */

static bool is_meta(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' ||
           c == '>' || c == '(' || c == ')';
}

/* Scan parts until the context's end (not consumed). */
static WordPart *scan(Parser *p, int ctx)
{
    Parts ps;
    parts_init(&ps);
    bool dq = ctx & (X_DQ | X_HEREDOC);
    int depth = 0; /* parentheses inside $(( )) */
    for (;;) {
        int c = peekc(p);
        if (c < 0)
            break;
        if ((ctx & X_WORD) && is_meta(c))
            break;
        if ((ctx & X_DQ) && !(ctx & X_BRACE) && c == '"')
            break;
        if ((ctx & X_BRACE) && c == '}')
            break;
        if ((ctx & X_SLASH) && c == '/')
            break;
        if (ctx & X_ARITH) {
            if (c == '(')
                depth++;
            if (c == ')') {
                if (depth == 0 && peekc_at(p, 1) == ')')
                    break;
                depth--;
            }
        }
        if (c == '\\') {
            int c2 = peekc_at(p, 1);
            if (c2 == '\n') { /* line continuation, in every context */
                advance(p);
                advance(p);
                continue;
            }
            if (c2 < 0) {
                advance(p);
                parts_char(p, &ps, dq ? WP_QLIT : WP_LIT, '\\');
                continue;
            }
            bool escapes = !dq || c2 == '$' || c2 == '`' || c2 == '\\' ||
                           ((ctx & X_DQ) && c2 == '"') || ((ctx & X_BRACE) && c2 == '}');
            if (ctx & X_ARITH)
                escapes = c2 == '$' || c2 == '`' || c2 == '\\';
            advance(p);
            if (escapes) {
                parts_char(p, &ps, WP_QLIT, c2);
                advance(p);
            } else {
                parts_char(p, &ps, dq ? WP_QLIT : WP_LIT, '\\');
            }
            continue;
        }
        if (c == '$') {
            scan_dollar(p, &ps, ctx);
            continue;
        }
        if (c == '`') {
            advance(p);
            WordPart *wp = parts_add(p, &ps, WP_CMDSUB);
            wp->backtick = true;
            wp->text = scan_backtick(p, dq);
            continue;
        }
        if (c == '\'' && !dq && !(ctx & X_ARITH)) {
            int line = p->lineno;
            advance(p);
            /* an empty '' is still a (quoted, empty) part */
            parts_char(p, &ps, WP_QLIT, 'x');
            ps.lit.s[--ps.lit.len] = '\0';
            for (;;) {
                c = peekc(p);
                if (c < 0) {
                    p->lineno = line;
                    lex_fail(p, "unexpected EOF while looking for matching `''");
                }
                advance(p);
                if (c == '\'')
                    break;
                parts_char(p, &ps, WP_QLIT, c);
            }
            continue;
        }
        if (c == '"' && !(ctx & (X_HEREDOC | X_ARITH))) {
            int line = p->lineno;
            advance(p);
            WordPart *wp = parts_add(p, &ps, WP_DQ);
            wp->sub = scan(p, X_DQ);
            if (peekc(p) != '"') {
                p->lineno = line;
                lex_fail(p, "unexpected EOF while looking for matching `\"'");
            }
            advance(p);
            continue;
        }
        advance(p);
        parts_char(p, &ps, dq ? WP_QLIT : WP_LIT, c);
    }
    return parts_done(p, &ps);
}

WordPart *lex_heredoc_parts(Parser *p, const char *body, size_t n)
{
    Parser sub;
    parser_init(&sub, p->sh, NULL, p->arena);
    sb_putn(&sub.buf, body, n);
    sub.lineno = p->lineno;
    jmp_buf jb;
    sub.err = &jb;
    if (setjmp(jb)) {
        memcpy(p->errmsg, sub.errmsg, sizeof p->errmsg);
        p->errline = sub.errline;
        parser_fini(&sub);
        longjmp(*p->err, 1);
    }
    WordPart *parts = scan(&sub, X_HEREDOC);
    parser_fini(&sub);
    return parts;
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

static Token lex_token(Parser *p)
{
    Token t = {0};
    int c;
    for (;;) {
        c = peekc(p);
        if (c == ' ' || c == '\t') {
            advance(p);
        } else if (c == '\\' && peekc_at(p, 1) == '\n') {
            advance(p);
            advance(p);
        } else if (c == '#') {
            while ((c = peekc(p)) >= 0 && c != '\n')
                advance(p);
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
        advance(p);
        t.kind = T_NEWLINE;
        t.end = p->pos;
        lex_read_heredocs(p);
        return t;
    }
    int c2 = is_meta(c) ? peekc_at(p, 1) : -1;
    int len = 1;
    switch (c) {
    case '&':
        t.kind = c2 == '&' ? T_AND_IF : c2 == '>' ? T_ANDGREAT : T_AMP;
        len = t.kind == T_AMP ? 1 : 2;
        break;
    case '|':
        t.kind = c2 == '|' ? T_OR_IF : T_PIPE;
        len = c2 == '|' ? 2 : 1;
        break;
    case ';':
        t.kind = c2 == ';' ? T_DSEMI : c2 == '&' ? T_SEMI_AMP : T_SEMI;
        len = t.kind == T_SEMI ? 1 : 2;
        break;
    case '(': t.kind = T_LPAREN; break;
    case ')': t.kind = T_RPAREN; break;
    case '<':
        if (c2 == '<') {
            if (peekc_at(p, 2) == '-') {
                t.kind = T_DLESSDASH;
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
        w->parts = scan(p, X_WORD);
        t.end = p->pos;
        w->raw = arena_strndup(p->arena, p->buf.s + t.start, t.end - t.start);
        t.word = w;
        t.kind = T_WORD;
        int n = peekc(p);
        if ((n == '<' || n == '>') && t.end - t.start <= 4) {
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
        advance(p);
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
    return true;
}
