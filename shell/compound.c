/* compound.c — the compound commands of the grammar: if, while/until,
 * for (and bash's for (( ))), case, bash's [[ ]] and (( )), { } groups
 * and ( ) subshells. The helpers they share with parser.c are declared in
 * syntax.h. */
#include "sh.h"

static Node *parse_if(Parser *p)
{
    Node *n = parse_node(p, N_IF);
    lex_consume(p); /* if / elif */
    n->cond = parse_compound_list(p, false);
    parse_expect_kw(p, "then");
    n->body = parse_compound_list(p, false);
    if (parse_is_kw(p, "elif")) {
        n->other = parse_if(p);
        return n;
    }
    if (parse_is_kw(p, "else")) {
        lex_consume(p);
        n->other = parse_compound_list(p, false);
    }
    parse_expect_kw(p, "fi");
    return n;
}

/* do LIST done */
static Node *parse_do_group(Parser *p)
{
    parse_expect_kw(p, "do");
    Node *body = parse_compound_list(p, false);
    parse_expect_kw(p, "done");
    return body;
}

static Node *parse_loop(Parser *p, NodeKind k)
{
    Node *n = parse_node(p, k);
    lex_consume(p);
    n->cond = parse_compound_list(p, false);
    n->body = parse_do_group(p);
    return n;
}

/* Is the peeked token the first '(' of "(("? */
static bool at_double_paren(Parser *p)
{
    return lex_peek(p) == T_LPAREN && p->tok.end < p->buf.len && p->buf.s[p->tok.end] == '(';
}

/* [[ expr ]] (bash): words and operators up to ]], no splitting later */
static Node *parse_cond(Parser *p)
{
    Node *n = parse_node(p, N_COND);
    lex_consume(p);
    Word **tail = &n->words;
    for (;;) {
        TokKind k = lex_peek(p);
        if (parse_is_kw(p, "]]")) {
            p->in_cond = false;
            lex_consume(p);
            break;
        }
        if (k == T_NEWLINE) {
            lex_consume(p);
            continue;
        }
        Word *w;
        if (k == T_WORD) {
            p->in_cond = false;
            w = lex_next(p).word;
            const char *lit = word_literal(w);
            /* bash reads the pattern right of == != = with extglob on */
            p->in_cond = lit && (strcmp(lit, "==") == 0 || strcmp(lit, "!=") == 0 || strcmp(lit, "=") == 0);
            if (lit && strcmp(lit, "=~") == 0 && !p->peeked) {
                Word *re = lex_regex_word(p);
                if (re) {
                    *tail = w;
                    tail = &w->next;
                    w = re;
                }
            }
        } else if (k == T_AND_IF || k == T_OR_IF || k == T_LPAREN || k == T_RPAREN || k == T_LESS ||
                   k == T_GREAT) {
            w = arena_alloc(p->arena, sizeof *w);
            p->in_cond = false;
            w->raw = arena_strdup(p->arena, tok_text(lex_next(p).kind));
            w->cond_op = true;
        } else {
            Token t = lex_next(p);
            p->err_keeps_status = true; /* a [[ ]] syntax error (see below) */
            lex_unexpected(p, &t);
        }
        *tail = w;
        tail = &w->next;
    }
    char msg[160];
    if (!n->words || !cond_check(n->words, msg, sizeof msg)) {
        /* bash parses [[ ]] with the command; its errors end the script
         * with the status of the last command run */
        p->err_keeps_status = true;
        lex_fail(p, "syntax error in [[ ]]: %s", n->words ? msg : "empty expression");
    }
    parse_redir_list(p, n);
    return n;
}

/* for NAME [in WORDS]; do LIST done, and bash's for (( a; b; c )) */
static Node *parse_for(Parser *p)
{
    Node *n = parse_node(p, N_FOR);
    lex_consume(p);
    if (at_double_paren(p)) {
        Word *e[3];
        lex_consume(p);
        lex_arith_exprs(p, e, 3);
        n->for_arith = true;
        n->words = e[0];
        e[0]->next = e[1];
        e[1]->next = e[2];
        parse_skip_newlines(p);
    } else {
        Word *name = parse_expect_word(p, true);
        if (!sh_is_name(name->raw))
            lex_fail(p, "syntax error: `%s': not a valid identifier", name->raw);
        n->name = name->raw;
        parse_skip_newlines(p);
    }
    if (!n->for_arith && parse_is_kw(p, "in")) {
        lex_consume(p);
        n->for_in = true;
        Word **tail = &n->words;
        while (lex_peek(p) == T_WORD) {
            Word *w = lex_next(p).word;
            *tail = w;
            tail = &w->next;
        }
        /* the word list ends at ; or a newline, which must be there */
        if (lex_peek(p) != T_SEMI && lex_peek(p) != T_NEWLINE) {
            Token t = lex_next(p);
            lex_unexpected(p, &t);
        }
    }
    if (lex_peek(p) == T_SEMI || lex_peek(p) == T_NEWLINE)
        lex_consume(p);
    parse_skip_newlines(p);
    n->body = parse_do_group(p);
    return n;
}

static Node *parse_case(Parser *p)
{
    Node *n = parse_node(p, N_CASE);
    lex_consume(p);
    n->words = parse_expect_word(p, false);
    parse_skip_newlines(p);
    parse_expect_kw(p, "in");
    parse_skip_newlines(p);
    CaseItem **tail = &n->items;
    while (!parse_is_kw(p, "esac")) {
        CaseItem *it = arena_alloc(p->arena, sizeof *it);
        if (lex_peek(p) == T_LPAREN)
            lex_consume(p);
        Word **pt = &it->pats;
        for (;;) {
            Word *w = parse_expect_word(p, false);
            *pt = w;
            pt = &w->next;
            if (lex_peek(p) != T_PIPE)
                break;
            lex_consume(p);
        }
        parse_expect(p, T_RPAREN);
        it->body = parse_compound_list(p, true);
        *tail = it;
        tail = &it->next;
        TokKind k = lex_peek(p);
        if (k == T_DSEMI || k == T_SEMI_AMP || k == T_DSEMI_AMP) {
            it->fallthrough = k == T_SEMI_AMP;
            it->test_next = k == T_DSEMI_AMP;
            lex_consume(p);
            parse_skip_newlines(p);
        } else if (!parse_is_kw(p, "esac")) {
            Token t = lex_next(p);
            lex_unexpected(p, &t);
        }
    }
    lex_consume(p);
    return n;
}

Node *parse_compound(Parser *p)
{
    Node *n;
    if (at_double_paren(p)) {
        /* (( expr )) (bash) */
        n = parse_node(p, N_ARITH);
        lex_consume(p);
        lex_arith_exprs(p, &n->words, 1);
    } else if (parse_is_kw(p, "[[")) {
        return parse_cond(p);
    } else if (lex_peek(p) == T_LPAREN) {
        n = parse_node(p, N_SUBSHELL);
        lex_consume(p);
        n->body = parse_compound_list(p, false);
        parse_expect(p, T_RPAREN);
    } else if (parse_is_kw(p, "{")) {
        n = parse_node(p, N_GROUP);
        lex_consume(p);
        n->body = parse_compound_list(p, false);
        parse_expect_kw(p, "}");
    } else if (parse_is_kw(p, "if")) {
        n = parse_if(p);
    } else if (parse_is_kw(p, "while")) {
        n = parse_loop(p, N_WHILE);
    } else if (parse_is_kw(p, "until")) {
        n = parse_loop(p, N_UNTIL);
    } else if (parse_is_kw(p, "for")) {
        n = parse_for(p);
    } else if (parse_is_kw(p, "case")) {
        n = parse_case(p);
    } else {
        return NULL;
    }
    parse_redir_list(p, n);
    return n;
}

