/* parser.c — tokens to a syntax tree, by recursive descent over the POSIX
 * shell grammar (plus `function name`, ;& and &> from bash).
 *
 * Reserved words are words: the parser recognises them by their unquoted
 * text where the grammar allows one, so `echo if` and "if" stay words.
 * Errors longjmp to parse_next, which frees nothing by hand: every node
 * lives in the parse's arena.
 */
#include <stdio.h>

#include "sh.h"

static Node *parse_and_or(Parser *p);
Node *parse_command(Parser *p);

void parser_init(Parser *p, Shell *sh, Input *in, Arena *arena)
{
    memset(p, 0, sizeof *p);
    p->sh = sh;
    p->in = in;
    p->arena = arena;
    sb_init(&p->buf);
    p->lineno = 1;
}

void parser_fini(Parser *p)
{
    sb_free(&p->buf);
}

Node *parse_node(Parser *p, NodeKind k)
{
    Node *n = arena_alloc(p->arena, sizeof *n);
    n->kind = k;
    n->lineno = p->peeked ? p->tok.lineno : p->lineno;
    return n;
}

/* Is the peeked token the reserved word kw? */
bool parse_is_kw(Parser *p, const char *kw)
{
    if (lex_peek(p) != T_WORD)
        return false;
    const char *lit = word_literal(p->tok.word);
    return lit && strcmp(lit, kw) == 0;
}

void parse_expect_kw(Parser *p, const char *kw)
{
    if (!parse_is_kw(p, kw)) {
        Token t = lex_next(p);
        lex_unexpected(p, &t);
    }
    lex_consume(p);
}

Token parse_expect(Parser *p, TokKind k)
{
    Token t = lex_next(p);
    if (t.kind != k)
        lex_unexpected(p, &t);
    return t;
}

/* The next token, which must be a word (literal: with no quoting or
 * expansion in it). */
Word *parse_expect_word(Parser *p, bool literal)
{
    Token t = lex_next(p);
    if (t.kind != T_WORD || (literal && !word_literal(t.word)))
        lex_unexpected(p, &t);
    return t.word;
}

void parse_skip_newlines(Parser *p)
{
    while (lex_peek(p) == T_NEWLINE)
        lex_consume(p);
}

static const char *const list_enders[] = {"then", "else", "elif", "fi", "do", "done", "esac", "}", NULL};

static bool at_list_end(Parser *p)
{
    TokKind k = lex_peek(p);
    if (k == T_EOF || k == T_RPAREN || k == T_DSEMI || k == T_SEMI_AMP || k == T_DSEMI_AMP)
        return true;
    if (k == T_WORD) {
        const char *lit = word_literal(p->tok.word);
        if (lit)
            for (int i = 0; list_enders[i]; i++)
                if (strcmp(lit, list_enders[i]) == 0)
                    return true;
    }
    return false;
}

/* ---- redirections ---- */

static bool is_redir_op(TokKind k)
{
    return k == T_LESS || k == T_GREAT || k == T_DGREAT || k == T_LESSAND || k == T_GREATAND ||
           k == T_LESSGREAT || k == T_DLESS || k == T_DLESSDASH || k == T_CLOBBER || k == T_ANDGREAT ||
           k == T_ANDDGREAT || k == T_TLESS;
}

/* The delimiter of a here-document: the word as typed with quotes
 * removed (no expansion: `cmd` and $x stay as they are); any quoting at
 * all turns expansion of the body off. */
static void heredoc_delim(Parser *p, Redir *r, const Word *w)
{
    StrBuf d;
    sb_init(&d);
    bool quoted = false;
    for (const char *s = w->raw; *s; s++) {
        if (*s == '\\' && s[1]) {
            quoted = true;
            sb_putc(&d, *++s);
        } else if (*s == '\'') {
            quoted = true;
            for (s++; *s && *s != '\''; s++)
                sb_putc(&d, *s);
            if (!*s)
                break;
        } else if (*s == '"') {
            quoted = true;
            for (s++; *s && *s != '"'; s++) {
                if (*s == '\\' && s[1] && strchr("\\\"$`", s[1]))
                    s++;
                sb_putc(&d, *s);
            }
            if (!*s)
                break;
        } else {
            sb_putc(&d, *s);
        }
    }
    r->delim = arena_strndup(p->arena, d.s ? d.s : "", d.len);
    r->here_quoted = quoted;
    sb_free(&d);
}

/* 2>&1, for &> and |& */
static Redir *dup_stderr(Parser *p)
{
    Redir *dup = arena_alloc(p->arena, sizeof *dup);
    dup->kind = R_DUPOUT;
    dup->fd = 2;
    Word *one = arena_alloc(p->arena, sizeof *one);
    one->raw = arena_strdup(p->arena, "1");
    one->parts = arena_alloc(p->arena, sizeof *one->parts);
    one->parts->kind = WP_LIT;
    one->parts->text = one->raw;
    dup->target = one;
    return dup;
}

static Redir *parse_redir(Parser *p)
{
    int fd = -1;
    const char *fdvar = NULL;
    if (lex_peek(p) == T_IO_NUMBER) {
        Token io = lex_next(p);
        fd = io.number;
        fdvar = io.fdvar;
    }
    Token op = lex_next(p);
    Redir *r = arena_alloc(p->arena, sizeof *r);
    r->fdvar = fdvar;
    r->target = parse_expect_word(p, false);
    switch (op.kind) {
    case T_LESS: r->kind = R_IN; break;
    case T_GREAT: r->kind = R_OUT; break;
    case T_DGREAT: r->kind = R_APPEND; break;
    case T_CLOBBER: r->kind = R_CLOBBER; break;
    case T_LESSGREAT: r->kind = R_RDWR; break;
    case T_LESSAND: r->kind = R_DUPIN; break;
    case T_GREATAND: r->kind = R_DUPOUT; break;
    case T_DLESS:
    case T_DLESSDASH:
        r->kind = R_HEREDOC;
        r->here_strip = op.kind == T_DLESSDASH;
        heredoc_delim(p, r, r->target);
        if (p->hd_tail)
            p->hd_tail->next_pending = r;
        else
            p->hd_head = r;
        p->hd_tail = r;
        break;
    case T_TLESS: r->kind = R_HERESTR; break;
    case T_ANDGREAT:
    case T_ANDDGREAT:
        /* &>file is >file 2>&1, &>>file is >>file 2>&1 */
        r->kind = op.kind == T_ANDGREAT ? R_OUT : R_APPEND;
        r->fd = 1;
        r->next = dup_stderr(p);
        return r;
    default: lex_unexpected(p, &op);
    }
    r->fd = fd >= 0 ? fd : redir_is_input(r->kind) ? 0 : 1;
    return r;
}

static void append_redirs(Redir **list, Redir *r)
{
    while (*list)
        list = &(*list)->next;
    *list = r;
}

/* Redirections after a compound command. */
void parse_redir_list(Parser *p, Node *n)
{
    while (is_redir_op(lex_peek(p)) || lex_peek(p) == T_IO_NUMBER)
        append_redirs(&n->redirs, parse_redir(p));
}

/* ---- simple commands ---- */

size_t sh_assign_prefix(const char *raw)
{
    size_t n = sh_name_len(raw);
    if (n == 0)
        return 0;
    if (raw[n] == '[') { /* NAME[subscript]= (bash) */
        int depth = 0;
        for (;; n++) {
            if (!raw[n])
                return 0;
            if (raw[n] == '[')
                depth++;
            else if (raw[n] == ']' && --depth == 0)
                break;
        }
        n++;
    }
    if (raw[n] == '+')
        n++;
    return raw[n] == '=' ? n + 1 : 0;
}

static bool is_assignment(const Word *w)
{
    size_t n = sh_assign_prefix(w->raw);
    if (n == 0 || !w->parts || w->parts->kind != WP_LIT)
        return false;
    /* the name itself must be unquoted: the first literal holds it */
    size_t name = sh_name_len(w->raw);
    return strlen(w->parts->text) > name;
}

/* NAME=( words ) (bash): the words of an array, newlines allowed. */
static void parse_array_lit(Parser *p, Word *w)
{
    lex_advance(p); /* ( */
    Word **tail = &w->elems;
    for (;;) {
        TokKind k = lex_peek(p);
        if (k == T_NEWLINE) {
            lex_consume(p);
            continue;
        }
        if (k == T_RPAREN) {
            lex_consume(p);
            break;
        }
        if (k != T_WORD) {
            Token t = lex_next(p);
            lex_unexpected(p, &t);
        }
        Word *e = lex_next(p).word;
        *tail = e;
        tail = &e->next;
    }
    w->array_lit = true;
}

/* After an assignment word "NAME=" or "NAME+=", a ( right after it opens
 * an array. */
static void maybe_array_lit(Parser *p, Word *w)
{
    size_t n = strlen(w->raw);
    if (n && w->raw[n - 1] == '=' && sh_assign_prefix(w->raw) == n && lex_peekc_at(p, 0) == '(')
        parse_array_lit(p, w);
}

/* Is this command word one of bash's declaration builtins, whose
 * NAME=value arguments are assignments? */
bool sh_is_decl_word(const Word *w)
{
    const char *lit = w ? word_literal(w) : NULL;
    return lit && (strcmp(lit, "declare") == 0 || strcmp(lit, "typeset") == 0 || strcmp(lit, "local") == 0 ||
                   strcmp(lit, "export") == 0 || strcmp(lit, "readonly") == 0);
}

static Node *parse_simple(Parser *p, Word *first, int lineno)
{
    Node *n = parse_node(p, N_SIMPLE);
    if (first)
        n->lineno = lineno;
    Word **wtail = &n->words, **atail = &n->assigns;
    if (first) {
        *wtail = first;
        wtail = &first->next;
    }
    for (;;) {
        TokKind k = lex_peek(p);
        if (is_redir_op(k) || k == T_IO_NUMBER) {
            append_redirs(&n->redirs, parse_redir(p));
        } else if (k == T_WORD) {
            /* the word after an alias whose value ends in a blank (not a
             * word of that value) is an alias too (POSIX 2.3.1) */
            bool alias_here = p->check_alias_next && p->tok.start >= p->alias_next_at;
            if (!n->words && !alias_here && is_assignment(p->tok.word)) {
                Word *w = lex_next(p).word;
                maybe_array_lit(p, w);
                *atail = w;
                atail = &w->next;
                continue;
            }
            if (alias_here) {
                p->check_alias_next = false;
                if (lex_try_alias(p))
                    continue;
            } else if (!n->words && n->assigns && lex_try_alias(p)) {
                continue; /* the command word after assignments (FOO=1 alias) */
            }
            Word *w = lex_next(p).word;
            if (n->words && sh_is_decl_word(n->words) && is_assignment(w))
                maybe_array_lit(p, w);
            *wtail = w;
            wtail = &w->next;
        } else {
            break;
        }
    }
    if (!n->words && !n->assigns && !n->redirs) {
        Token t = lex_next(p);
        lex_unexpected(p, &t);
    }
    n->decl = sh_is_decl_word(n->words);
    return n;
}

/* ---- compound commands ---- */

static Node *parse_function_body(Parser *p, const char *name)
{
    Node *n = parse_node(p, N_FUNC);
    n->name = arena_strdup(p->arena, name);
    parse_skip_newlines(p);
    Node *body = parse_command(p);
    if (body->kind == N_SIMPLE || body->kind == N_FUNC)
        lex_fail(p, "syntax error: function body must be a compound command");
    n->body = body;
    return n;
}

Node *parse_command(Parser *p)
{
    if (sh_stack_low(p->sh))
        lex_fail(p, "syntax error: commands nested too deeply");
    bool aliased = false;
    while (lex_peek(p) == T_WORD && lex_try_alias(p))
        aliased = true;
    if (aliased) {
        /* an alias whose value is blank leaves an empty command, which
         * does nothing (bash): `alias e=''; e` is no syntax error */
        TokKind k = lex_peek(p);
        if (k == T_EOF || k == T_NEWLINE || k == T_SEMI || k == T_AMP || k == T_AND_IF || k == T_OR_IF ||
            k == T_PIPE || k == T_RPAREN)
            return parse_node(p, N_SIMPLE);
    }
    Node *c = parse_compound(p);
    if (c)
        return c;
    if (lex_peek(p) == T_WORD && !is_assignment(p->tok.word)) {
        const char *lit = word_literal(p->tok.word);
        if (lit) {
            for (int i = 0; list_enders[i]; i++)
                if (strcmp(lit, list_enders[i]) == 0) {
                    Token t = lex_next(p);
                    lex_unexpected(p, &t);
                }
            if (strcmp(lit, "function") == 0) {
                lex_consume(p);
                Word *name = parse_expect_word(p, true);
                if (lex_peek(p) == T_LPAREN) {
                    lex_consume(p);
                    parse_expect(p, T_RPAREN);
                }
                return parse_function_body(p, name->raw);
            }
        }
        Token first = lex_next(p);
        if (lex_peek(p) == T_LPAREN && lit) {
            lex_consume(p);
            parse_expect(p, T_RPAREN);
            return parse_function_body(p, lit);
        }
        return parse_simple(p, first.word, first.lineno);
    }
    return parse_simple(p, NULL, 0);
}

/* ---- lists ---- */

static Node *parse_pipeline(Parser *p)
{
    bool bang = false, timed = false;
    if (parse_is_kw(p, "time")) {
        lex_consume(p);
        timed = true;
    }
    while (parse_is_kw(p, "!")) {
        lex_consume(p);
        bang = !bang;
    }
    Node *first = parse_command(p);
    if (!bang && !timed && lex_peek(p) != T_PIPE && lex_peek(p) != T_PIPE_AMP)
        return first;
    Node *n = parse_node(p, N_PIPE);
    n->lineno = first->lineno;
    n->bang = bang;
    n->timed = timed;
    n->body = first;
    Node *last = first;
    while (lex_peek(p) == T_PIPE || lex_peek(p) == T_PIPE_AMP) {
        /* a |& b is a 2>&1 | b */
        if (lex_next(p).kind == T_PIPE_AMP)
            append_redirs(&last->redirs, dup_stderr(p));
        parse_skip_newlines(p);
        last->next = parse_command(p);
        last = last->next;
    }
    return n;
}

static Node *parse_and_or(Parser *p)
{
    Node *left = parse_pipeline(p);
    for (;;) {
        TokKind k = lex_peek(p);
        if (k != T_AND_IF && k != T_OR_IF)
            return left;
        lex_consume(p);
        parse_skip_newlines(p);
        Node *n = parse_node(p, k == T_AND_IF ? N_AND : N_OR);
        n->lineno = left->lineno;
        n->cond = left;
        n->other = parse_pipeline(p);
        left = n;
    }
}

/* A list inside a compound command: newlines separate like ';'. */
Node *parse_compound_list(Parser *p, bool allow_empty)
{
    parse_skip_newlines(p);
    Node *list = parse_node(p, N_LIST);
    Node **tail = &list->body;
    while (!at_list_end(p)) {
        Node *item = parse_and_or(p);
        *tail = item;
        tail = &item->next;
        TokKind k = lex_peek(p);
        if (k == T_AMP) {
            item->async = true;
            lex_consume(p);
        } else if (k == T_SEMI) {
            lex_consume(p);
        } else if (k != T_NEWLINE) {
            break;
        }
        parse_skip_newlines(p);
    }
    if (!list->body) {
        if (allow_empty)
            return NULL;
        Token t = lex_next(p);
        lex_unexpected(p, &t);
    }
    return list;
}

Node *parse_subst_list(Parser *p)
{
    return parse_compound_list(p, true);
}

int parse_next(Parser *p, Node **out)
{
    jmp_buf jb;
    *out = NULL;
    p->err = &jb;
    p->hd_head = p->hd_tail = NULL;
    p->nalias = 0;
    p->check_alias_next = false;
    p->cmdsub_depth = 0;
    p->err_keeps_status = false;
    p->in_cond = false;
    if (setjmp(jb)) {
        p->peeked = false;
        p->hd_head = p->hd_tail = NULL;
        if (p->intr) {
            p->intr = false;
            p->eof = false;
            sb_clear(&p->buf);
            p->pos = 0;
            return PARSE_INTR;
        }
        /* drop the rest of the line the error is on */
        while (p->pos < p->buf.len && p->buf.s[p->pos] != '\n')
            p->pos++;
        if (p->pos < p->buf.len) {
            p->pos++;
            p->lineno++;
        }
        p->buf.len = 0;
        p->pos = 0;
        return PARSE_ERROR;
    }
    /* Each command starts on a fresh buffer: its text is what the lines
     * handed over so far contain (the previous command consumed its own). */
    if (p->pos >= p->buf.len) {
        sb_clear(&p->buf);
        p->pos = 0;
    }
    p->peeked = false;
    TokKind k = lex_peek(p);
    if (k == T_EOF)
        return PARSE_EOF;
    if (k == T_NEWLINE) {
        lex_consume(p);
        return PARSE_OK;
    }
    Node *list = parse_node(p, N_LIST);
    Node **tail = &list->body;
    for (;;) {
        Node *item = parse_and_or(p);
        *tail = item;
        tail = &item->next;
        k = lex_peek(p);
        bool sep = false;
        if (k == T_AMP || k == T_SEMI) {
            item->async = k == T_AMP;
            lex_consume(p);
            sep = true;
            k = lex_peek(p);
        }
        if (k == T_NEWLINE) {
            lex_consume(p);
            break;
        }
        if (k == T_EOF)
            break;
        if (!sep) {
            Token t = lex_next(p);
            lex_unexpected(p, &t);
        }
    }
    *out = list;
    return PARSE_OK;
}

Node *parse_string(Shell *sh, Arena *a, const char *text, int lineno, char *err, size_t errsz)
{
    Input in;
    input_init_string(&in, text, strlen(text));
    Parser p;
    parser_init(&p, sh, &in, a);
    p.lineno = lineno;
    err[0] = '\0';
    Node *list = NULL;
    Node **tail = &list;
    for (;;) {
        Node *n;
        int r = parse_next(&p, &n);
        if (r == PARSE_EOF)
            break;
        if (r != PARSE_OK) {
            snprintf(err, errsz, "line %d: %s", p.errline, p.errmsg);
            list = NULL;
            break;
        }
        if (n) {
            *tail = n;
            tail = &n->next;
        }
    }
    parser_fini(&p);
    input_fini(&in);
    return list;
}
