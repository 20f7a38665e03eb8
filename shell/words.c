/* words.c — scanning one word into structured parts: literal, quoted,
 * "...", $param and ${param op word}, $(cmd), `cmd` and $((expr)). So
 * expansion never rescans source text. A $( ) is found by parsing its
 * contents with the real parser, as bash does, so `case` patterns and
 * quotes inside it cannot fool a parenthesis count.
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
#define X_COLON 0x40   /* ${name:offset:length}: the offset ends at : too */
#define X_SEMI 0x80    /* for ((a; b; c)): each expression ends at ; too */
#define X_REGEX 0x100  /* [[ x =~ re ]]: ( ) | < > are plain, blanks end it */
#define X_INDEX 0x200  /* ${name[index]}: ends at the matching ] */

static int peekc(Parser *p)
{
    return lex_peekc_at(p, 0);
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
    size_t saved_alias_at = p->alias_next_at;
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
    p->alias_next_at = saved_alias_at;
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
        lex_advance(p);
        if (c == '`')
            break;
        if (c == '\\') {
            int c2 = peekc(p);
            if (c2 == '$' || c2 == '`' || c2 == '\\' || (in_dq && c2 == '"')) {
                sb_putc(&t, (char)c2);
                lex_advance(p);
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

/* [index] after a name in ${ }: the subscript's parts, ] consumed. */
static void scan_index(Parser *p, WordPart *wp)
{
    lex_advance(p); /* [ */
    wp->has_index = true;
    wp->index = scan(p, X_INDEX);
    if (peekc(p) != ']')
        bad_subst(p);
    lex_advance(p);
}

/* ${...} after the "${" */
static void scan_braced(Parser *p, WordPart *wp, int ctx)
{
    StrBuf name;
    sb_init(&name);
    int c = peekc(p);
    if (c == '#') {
        int c2 = lex_peekc_at(p, 1);
        if (c2 != '}' && (is_name_char(c2) || is_special_param(c2))) {
            wp->op = PO_LENGTH;
            lex_advance(p);
            c = peekc(p);
        }
    } else if (c == '!') {
        int c2 = lex_peekc_at(p, 1);
        if (c2 != '}' && c2 != '=' && (is_name_char(c2) || is_special_param(c2))) {
            wp->indirect = true;
            lex_advance(p);
            c = peekc(p);
        }
    }
    if (is_name_start(c)) {
        while (is_name_char(peekc(p))) {
            sb_putc(&name, (char)peekc(p));
            lex_advance(p);
        }
        if (peekc(p) == '[')
            scan_index(p, wp);
        else if (wp->indirect && (peekc(p) == '@' || peekc(p) == '*') && lex_peekc_at(p, 1) == '}') {
            /* ${!prefix@}: the names of the variables starting with prefix */
            wp->op = PO_NAMES;
            wp->indirect = false;
            wp->atop = (char)peekc(p);
            lex_advance(p);
        }
    } else if (c >= '0' && c <= '9') {
        while (peekc(p) >= '0' && peekc(p) <= '9') {
            sb_putc(&name, (char)peekc(p));
            lex_advance(p);
        }
    } else if (c >= 0 && is_special_param(c)) {
        sb_putc(&name, (char)c);
        lex_advance(p);
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
        lex_advance(p);
        return;
    }
    if (wp->op == PO_LENGTH || wp->op == PO_NAMES)
        bad_subst(p);
    if (c == '@' && wp->op == PO_NONE) {
        /* ${name@Q} and the other transformations (bash) */
        lex_advance(p);
        int t = peekc(p);
        if (t < 0 || !strchr("QEPAaULuKk", t) || lex_peekc_at(p, 1) != '}')
            bad_subst(p);
        wp->op = PO_TRANSFORM;
        wp->atop = (char)t;
        lex_advance(p);
        lex_advance(p);
        return;
    }
    if (c == ':') {
        lex_advance(p);
        c = peekc(p);
        if (c != '-' && c != '=' && c != '+' && c != '?') {
            /* ${name:offset} and ${name:offset:length} (bash) */
            wp->op = PO_SUBSTR;
            wp->sub = scan(p, X_BRACE | X_COLON);
            if (peekc(p) == ':') {
                lex_advance(p);
                wp->sub2 = scan(p, X_BRACE);
                if (!wp->sub2) { /* ${x:1:} is a length of 0 */
                    wp->sub2 = arena_alloc(p->arena, sizeof *wp->sub2);
                    wp->sub2->kind = WP_LIT;
                    wp->sub2->text = arena_strdup(p->arena, "0");
                }
            }
            if (peekc(p) != '}')
                bad_subst(p);
            lex_advance(p);
            return;
        }
        wp->colon = true;
    }
    lex_advance(p);
    switch (c) {
    case '^':
    case ',':
        wp->op = c == '^' ? PO_UPPER : PO_LOWER;
        if (peekc(p) == c) {
            lex_advance(p);
            wp->op++;
        }
        break;
    case '-': wp->op = PO_DEFAULT; break;
    case '=': wp->op = PO_ASSIGN; break;
    case '+': wp->op = PO_ALT; break;
    case '?': wp->op = PO_ERROR; break;
    case '%':
        wp->op = PO_RM_SSUF;
        if (peekc(p) == '%') {
            lex_advance(p);
            wp->op = PO_RM_LSUF;
        }
        break;
    case '#':
        wp->op = PO_RM_SPRE;
        if (peekc(p) == '#') {
            lex_advance(p);
            wp->op = PO_RM_LPRE;
        }
        break;
    case '/':
        wp->op = PO_REPL;
        if (peekc(p) == '/') {
            lex_advance(p);
            wp->op = PO_REPL_ALL;
        }
        wp->sub = scan(p, X_BRACE | X_SLASH);
        if (peekc(p) == '/') {
            lex_advance(p);
            wp->sub2 = scan(p, X_BRACE); /* bash removes quotes here even inside "..." */
        }
        if (peekc(p) != '}')
            bad_subst(p);
        lex_advance(p);
        return;
    default:
        bad_subst(p);
    }
    bool pattern = wp->op >= PO_RM_SSUF;
    wp->sub = scan(p, X_BRACE | (pattern ? 0 : inner));
    if (peekc(p) != '}')
        lex_fail(p, "unexpected EOF while looking for matching '}'");
    lex_advance(p);
}

/* $'...' (bash): C escapes, the result is quoted. */
static void scan_dollar_single(Parser *p, Parts *ps)
{
    for (;;) {
        int c = peekc(p);
        if (c < 0)
            lex_fail(p, "unexpected EOF while looking for matching `''");
        lex_advance(p);
        if (c == '\'')
            break;
        if (c == '\\') {
            c = peekc(p);
            lex_advance(p);
            switch (c) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'a': c = '\a'; break;
            case 'b': c = '\b'; break;
            case 'e': case 'E': c = 033; break;
            case 'f': c = '\f'; break;
            case 'v': c = '\v'; break;
            case 'x': case 'u': case 'U': {
                /* \xHH a byte; \uXXXX and \UXXXXXXXX a character in UTF-8 */
                int max = c == 'x' ? 2 : c == 'u' ? 4 : 8;
                char hex[9] = {0};
                for (int i = 0; i < max && hex_digit(peekc(p)) >= 0; i++) {
                    hex[i] = (char)peekc(p);
                    lex_advance(p);
                }
                if (!hex[0]) {
                    parts_char(p, ps, WP_QLIT, '\\');
                    break;
                }
                if (c == 'x') {
                    c = (int)strtol(hex, NULL, 16);
                    break;
                }
                StrBuf u;
                sb_init(&u);
                utf8_escape(&u, hex, max);
                for (size_t i = 0; i + 1 < u.len; i++)
                    parts_char(p, ps, WP_QLIT, (unsigned char)u.s[i]);
                c = u.len ? (unsigned char)u.s[u.len - 1] : 0;
                sb_free(&u);
                break;
            }
            case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
                int v = c - '0';
                for (int i = 0; i < 2 && peekc(p) >= '0' && peekc(p) <= '7'; i++) {
                    v = v * 8 + peekc(p) - '0';
                    lex_advance(p);
                }
                c = v;
                break;
            }
            case '\\': case '\'': case '"': case '?': break;
            default: /* an unknown escape keeps its backslash, as in bash */
                if (c >= 0)
                    parts_char(p, ps, WP_QLIT, '\\');
                break;
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
    lex_advance(p); /* $ */
    lex_splice(p, 0);
    int c = peekc(p);
    bool quoted = ctx & (X_DQ | X_HEREDOC);
    if (c == '(') {
        if (lex_peekc_at(p, 1) == '(') {
            lex_advance(p);
            lex_advance(p);
            WordPart *wp = parts_add(p, ps, WP_ARITH);
            wp->sub = scan(p, X_ARITH);
            if (peekc(p) != ')' || lex_peekc_at(p, 1) != ')')
                lex_fail(p, "unexpected EOF while looking for matching '))'");
            lex_advance(p);
            lex_advance(p);
            return;
        }
        lex_advance(p);
        WordPart *wp = parts_add(p, ps, WP_CMDSUB);
        wp->text = scan_cmdsub(p);
        return;
    }
    if (c == '{') {
        lex_advance(p);
        WordPart *wp = parts_add(p, ps, WP_PARAM);
        scan_braced(p, wp, ctx);
        return;
    }
    if (c == '[') {
        /* $[ expr ]: bash's old spelling of $(( expr )) */
        lex_advance(p);
        WordPart *wp = parts_add(p, ps, WP_ARITH);
        wp->sub = scan(p, X_INDEX | X_ARITH);
        if (peekc(p) != ']')
            lex_fail(p, "unexpected EOF while looking for matching ']'");
        lex_advance(p);
        return;
    }
    if (c == '\'' && !quoted && !(ctx & X_ARITH)) {
        lex_advance(p);
        scan_dollar_single(p, ps);
        return;
    }
    if (c == '"' && !quoted && !(ctx & X_ARITH)) {
        /* $"..." (bash): a string for translation; with no catalogue it is
         * the plain "..." that follows, which scan() reads next */
        return;
    }
    if (is_name_start(c)) {
        size_t start = p->pos;
        while (is_name_char(peekc(p))) {
            lex_advance(p);
            lex_splice(p, 0);
        }
        WordPart *wp = parts_add(p, ps, WP_PARAM);
        wp->text = arena_strndup(p->arena, p->buf.s + start, p->pos - start);
        return;
    }
    if ((c >= '0' && c <= '9') || (c >= 0 && is_special_param(c))) {
        lex_advance(p);
        WordPart *wp = parts_add(p, ps, WP_PARAM);
        char name[2] = {(char)c, 0};
        wp->text = arena_strdup(p->arena, name);
        return;
    }
    parts_char(p, ps, quoted ? WP_QLIT : WP_LIT, '$');
}

/* ---- words ---- */

bool lex_is_meta(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' ||
           c == '>' || c == '(' || c == ')';
}

/* Scan parts until the context's end (not consumed). */
static WordPart *scan(Parser *p, int ctx)
{
    if (sh_stack_low(p->sh))
        lex_fail(p, "syntax error: word nested too deeply");
    Parts ps;
    parts_init(&ps);
    bool dq = ctx & (X_DQ | X_HEREDOC);
    int depth = 0; /* parentheses inside $(( )) */
    int xdepth = 0; /* parentheses of an extglob group: ( ) | and blanks are part of the word */
    bool extglob = (ctx & X_WORD) && !(ctx & X_REGEX) && !dq &&
                   ((p->sh->shopts & SHOPT_EXTGLOB) || p->in_cond);
    for (;;) {
        int c = peekc(p);
        if (c < 0)
            break;
        if (xdepth > 0 && (c == '(' || c == ')' || (lex_is_meta(c) && c != '\n'))) {
            xdepth += c == '(' ? 1 : c == ')' ? -1 : 0;
            lex_advance(p);
            parts_char(p, &ps, WP_LIT, c);
            continue;
        }
        if (extglob && lex_peekc_at(p, 1) == '(' && (c == '@' || c == '!' || c == '+' || c == '*' || c == '?')) {
            /* @(a|b) and friends: bash reads the group into the word */
            lex_advance(p);
            lex_advance(p);
            parts_char(p, &ps, WP_LIT, c);
            parts_char(p, &ps, WP_LIT, '(');
            xdepth++; /* groups nest: @(a|b@(c|d)) */
            continue;
        }
        if ((ctx & X_WORD) && lex_is_meta(c) && (!(ctx & X_REGEX) || c == ' ' || c == '\t' || c == '\n'))
            break;
        if ((ctx & X_DQ) && !(ctx & X_BRACE) && c == '"')
            break;
        if ((ctx & X_BRACE) && c == '}')
            break;
        if (ctx & X_INDEX) {
            if (c == '[')
                depth++;
            else if (c == ']' && depth-- == 0)
                break;
        }
        if ((ctx & X_SLASH) && c == '/')
            break;
        if (((ctx & X_COLON) && c == ':') || ((ctx & X_SEMI) && c == ';' && depth == 0))
            break;
        if (ctx & X_ARITH) {
            if (c == '(')
                depth++;
            if (c == ')') {
                if (depth == 0 && lex_peekc_at(p, 1) == ')')
                    break;
                depth--;
            }
        }
        if (c == '\\') {
            int c2 = lex_peekc_at(p, 1);
            if (c2 == '\n') { /* line continuation, in every context */
                lex_advance(p);
                lex_advance(p);
                continue;
            }
            if (c2 < 0) {
                lex_advance(p);
                parts_char(p, &ps, dq ? WP_QLIT : WP_LIT, '\\');
                continue;
            }
            bool escapes = !dq || c2 == '$' || c2 == '`' || c2 == '\\' ||
                           ((ctx & X_DQ) && c2 == '"') || ((ctx & X_BRACE) && c2 == '}');
            if (ctx & X_ARITH)
                escapes = c2 == '$' || c2 == '`' || c2 == '\\';
            lex_advance(p);
            if (escapes) {
                parts_char(p, &ps, WP_QLIT, c2);
                lex_advance(p);
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
            lex_advance(p);
            WordPart *wp = parts_add(p, &ps, WP_CMDSUB);
            wp->backtick = true;
            wp->text = scan_backtick(p, (ctx & X_DQ) != 0); /* in a here-document \" stays */
            continue;
        }
        if (c == '\'' && !dq && !(ctx & X_ARITH)) {
            int line = p->lineno;
            lex_advance(p);
            /* an empty '' is still a (quoted, empty) part */
            parts_char(p, &ps, WP_QLIT, 'x');
            ps.lit.s[--ps.lit.len] = '\0';
            for (;;) {
                c = peekc(p);
                if (c < 0) {
                    p->lineno = line;
                    lex_fail(p, "unexpected EOF while looking for matching `''");
                }
                lex_advance(p);
                if (c == '\'')
                    break;
                parts_char(p, &ps, WP_QLIT, c);
            }
            continue;
        }
        if (c == '"' && !(ctx & (X_HEREDOC | X_ARITH))) {
            int line = p->lineno;
            lex_advance(p);
            WordPart *wp = parts_add(p, &ps, WP_DQ);
            wp->sub = scan(p, X_DQ);
            if (peekc(p) != '"') {
                p->lineno = line;
                lex_fail(p, "unexpected EOF while looking for matching `\"'");
            }
            lex_advance(p);
            continue;
        }
        lex_advance(p);
        parts_char(p, &ps, dq ? WP_QLIT : WP_LIT, c);
    }
    if (xdepth > 0)
        lex_fail(p, "unexpected EOF while looking for matching `)'");
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

WordPart *lex_scan_word(Parser *p)
{
    return scan(p, X_WORD);
}

void lex_arith_exprs(Parser *p, Word **exprs, int n)
{
    lex_advance(p); /* the second '(' */
    for (int i = 0; i < n; i++) {
        size_t start = p->pos;
        Word *w = arena_alloc(p->arena, sizeof *w);
        w->parts = scan(p, X_ARITH | (i + 1 < n ? X_SEMI : 0));
        w->raw = arena_strndup(p->arena, p->buf.s + start, p->pos - start);
        exprs[i] = w;
        if (i + 1 < n) {
            if (peekc(p) != ';')
                lex_fail(p, "syntax error: `;' expected in arithmetic for");
            lex_advance(p);
        }
    }
    if (peekc(p) != ')' || lex_peekc_at(p, 1) != ')')
        lex_fail(p, "syntax error: `))' expected");
    lex_advance(p);
    lex_advance(p);
}

Word *lex_regex_word(Parser *p)
{
    while (peekc(p) == ' ' || peekc(p) == '\t')
        lex_advance(p);
    size_t start = p->pos;
    Word *w = arena_alloc(p->arena, sizeof *w);
    w->parts = scan(p, X_WORD | X_REGEX);
    w->raw = arena_strndup(p->arena, p->buf.s + start, p->pos - start);
    return w->parts ? w : NULL;
}
