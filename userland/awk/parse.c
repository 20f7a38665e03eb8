/* awk's parser: recursive descent over POSIX awk's grammar (XCU awk,
 * "Grammar"), building the Node tree that eval.c and exec.c walk. Names
 * are resolved here: a function's parameters become frame slots (N_LVAR),
 * every other name a global (N_GVAR), user functions an index checked at
 * the end. A syntax error longjmps back to awk_parse. */
#include <string.h>

#include "awk.h"
#include "lex.h"

typedef struct Parser {
    Awk *A;
    Lexer L;
    Token tk;
    char **params; /* of the function being parsed */
    int nparams;
    bool in_func;
    int loops;
    int no_gt;  /* in a print list: '>' is a redirection */
    int no_in;  /* in a for's first clause: "(k in a)" is left for for-in */
    bool in_begin_end;
    jmp_buf fail;
    const char *msg;
    int msg_line;
    char msgbuf[200];
} Parser;

static const char *const special_names[V_NSPECIAL] = {
    "NF", "NR", "FNR", "FS", "OFS", "ORS", "RS", "SUBSEP", "CONVFMT", "OFMT",
    "RSTART", "RLENGTH", "FILENAME", "ENVIRON", "ARGC", "ARGV",
};

static _Noreturn void syntax(Parser *P, const char *msg)
{
    P->msg = msg;
    P->msg_line = P->tk.line;
    longjmp(P->fail, 1);
}

static void advance(Parser *P)
{
    awk_lex_next(&P->L, &P->tk);
    if (P->tk.t == T_ERROR)
        syntax(P, P->L.err);
}

static void expect(Parser *P, int t)
{
    if (P->tk.t != t)
        syntax(P, NULL);
    advance(P);
}

static void opt_newlines(Parser *P)
{
    while (P->tk.t == T_NEWLINE)
        advance(P);
}

static Node *node(Parser *P, int op)
{
    Node *n = xcalloc(1, sizeof *n);
    n->op = op;
    n->line = P->tk.line;
    return n;
}

static Node *node2(Parser *P, int op, int idx, Node *a, Node *b)
{
    Node *n = node(P, op);
    n->idx = idx;
    n->a = a;
    n->b = b;
    return n;
}

/* ---- names ---- */

static int func_index(Parser *P, const char *name)
{
    AwkProgram *pg = &P->A->prog;
    for (size_t i = 0; i < pg->nfuncs; i++)
        if (strcmp(pg->funcs[i].name, name) == 0)
            return (int)i;
    return -1;
}

static int global_index(Awk *A, const char *name, bool add)
{
    AwkProgram *pg = &A->prog;
    for (size_t i = 0; i < pg->nglobals; i++)
        if (strcmp(pg->gnames[i], name) == 0)
            return (int)i;
    if (!add)
        return -1;
    pg->gnames = xrealloc(pg->gnames, (pg->nglobals + 1) * sizeof *pg->gnames);
    pg->gnames[pg->nglobals] = xstrdup(name);
    return (int)pg->nglobals++;
}

int awk_global_find(Awk *A, const char *name)
{
    return global_index(A, name, false);
}

/* A variable name: a parameter of the function being parsed, or a global. */
static Node *name_node(Parser *P, char *name)
{
    for (int i = 0; i < P->nparams; i++) {
        if (strcmp(P->params[i], name) == 0) {
            Node *n = node(P, N_LVAR);
            n->idx = i;
            return n;
        }
    }
    if (func_index(P, name) >= 0)
        syntax(P, "function name used as a variable");
    Node *n = node(P, N_GVAR);
    n->idx = global_index(P->A, name, true);
    return n;
}

/* ---- expressions ---- */

static Node *expr(Parser *P);
static Node *unary(Parser *P);
static Node *primary(Parser *P);
static Node *postfix(Parser *P);

static bool is_lvalue(const Node *n)
{
    return n->op == N_GVAR || n->op == N_LVAR || n->op == N_FIELD || n->op == N_INDEX;
}

/* expr_list: expr {',' opt_nl expr}; *count gets the length */
static Node *expr_list(Parser *P, int *count)
{
    Node *head = expr(P), *tail = head;
    int n = 1;
    while (P->tk.t == ',') {
        advance(P);
        opt_newlines(P);
        tail = tail->next = expr(P);
        n++;
    }
    if (count)
        *count = n;
    return head;
}

static Node *array_ref(Parser *P)
{
    if (P->tk.t != T_NAME)
        syntax(P, NULL);
    Node *v = name_node(P, P->tk.str);
    advance(P);
    return node2(P, N_ARRAY, 0, v, NULL);
}

/* An lvalue after getline: $expr, NAME or NAME[list] */
static Node *getline_target(Parser *P)
{
    if (P->tk.t == '$')
        return primary(P);
    if (P->tk.t == T_NAME)
        return primary(P);
    return NULL;
}

static Node *call_args(Parser *P, int *nargs)
{
    int saved_gt = P->no_gt, saved_in = P->no_in;
    P->no_gt = P->no_in = 0;
    Node *args = NULL;
    *nargs = 0;
    expect(P, '(');
    opt_newlines(P);
    if (P->tk.t != ')')
        args = expr_list(P, nargs);
    opt_newlines(P);
    expect(P, ')');
    P->no_gt = saved_gt;
    P->no_in = saved_in;
    return args;
}

static Node *builtin(Parser *P)
{
    static const signed char min_args[] = {
        [B_LENGTH] = 0, [B_SUBSTR] = 2, [B_INDEX] = 2, [B_SPLIT] = 2, [B_SUB] = 2,
        [B_GSUB] = 2, [B_MATCH] = 2, [B_SPRINTF] = 1, [B_SIN] = 1, [B_COS] = 1,
        [B_ATAN2] = 2, [B_EXP] = 1, [B_LOG] = 1, [B_SQRT] = 1, [B_INT] = 1, [B_RAND] = 0,
        [B_SRAND] = 0, [B_TOLOWER] = 1, [B_TOUPPER] = 1, [B_SYSTEM] = 1, [B_CLOSE] = 1,
        [B_FFLUSH] = 0,
    };
    static const signed char max_args[] = {
        [B_LENGTH] = 1, [B_SUBSTR] = 3, [B_INDEX] = 2, [B_SPLIT] = 3, [B_SUB] = 3,
        [B_GSUB] = 3, [B_MATCH] = 2, [B_SPRINTF] = 127, [B_SIN] = 1, [B_COS] = 1,
        [B_ATAN2] = 2, [B_EXP] = 1, [B_LOG] = 1, [B_SQRT] = 1, [B_INT] = 1, [B_RAND] = 0,
        [B_SRAND] = 1, [B_TOLOWER] = 1, [B_TOUPPER] = 1, [B_SYSTEM] = 1, [B_CLOSE] = 1,
        [B_FFLUSH] = 1,
    };
    Node *n = node(P, N_BUILTIN);
    n->idx = P->tk.idx;
    advance(P);
    if (P->tk.t != '(') {
        if (n->idx != B_LENGTH)
            syntax(P, NULL);
        return n; /* length without parentheses: length($0) */
    }
    n->a = call_args(P, &n->nargs);
    if (n->nargs < min_args[n->idx] || n->nargs > max_args[n->idx])
        syntax(P, "wrong number of arguments in call to a built-in function");
    if ((n->idx == B_SUB || n->idx == B_GSUB) && n->nargs == 3 && !is_lvalue(n->a->next->next))
        syntax(P, "sub or gsub's third argument is not a variable, field or element");
    if (n->idx == B_SPLIT) {
        Node *arr = n->a->next;
        if (arr->op != N_GVAR && arr->op != N_LVAR)
            syntax(P, "split's second argument is not an array name");
    }
    return n;
}

static Node *regex_node(Parser *P)
{
    awk_lex_regex(&P->L, &P->tk);
    if (P->tk.t == T_ERROR)
        syntax(P, P->L.err);
    Node *n = node(P, N_REGEX);
    n->str = P->tk.str;
    n->len = P->tk.len;
    n->re = awk_re_literal(P->A, n->str, n->len, P->msgbuf, sizeof P->msgbuf);
    if (!n->re)
        syntax(P, P->msgbuf);
    advance(P);
    return n;
}

static Node *primary(Parser *P)
{
    Node *n;
    switch (P->tk.t) {
    case T_NUMBER:
        n = node(P, N_NUM);
        n->num = P->tk.num;
        advance(P);
        return n;
    case T_STRING:
        n = node(P, N_STR);
        n->str = P->tk.str;
        n->len = P->tk.len;
        advance(P);
        return n;
    case '/':
    case T_DIV_ASSIGN:
        return regex_node(P);
    case '(': {
        int saved_gt = P->no_gt, saved_in = P->no_in;
        P->no_gt = P->no_in = 0;
        advance(P);
        int count;
        Node *list = expr_list(P, &count);
        expect(P, ')');
        P->no_gt = saved_gt;
        P->no_in = saved_in;
        if (count > 1) {
            /* (a, b) in arr, or print's (a, b) > file */
            if (P->tk.t == T_IN) {
                advance(P);
                return node2(P, N_IN, 0, list, array_ref(P));
            }
            return node2(P, N_GROUP, 1, list, NULL);
        }
        return node2(P, N_GROUP, 0, list, NULL);
    }
    case '$': {
        advance(P);
        Node *operand;
        if (P->tk.t == T_INCR || P->tk.t == T_DECR || P->tk.t == '-' || P->tk.t == '+' ||
            P->tk.t == '!')
            operand = unary(P);
        else
            operand = primary(P);
        return node2(P, N_FIELD, 0, operand, NULL);
    }
    case T_INCR:
    case T_DECR: {
        int op = P->tk.t == T_INCR ? N_PREINC : N_PREDEC;
        advance(P);
        Node *lv = postfix(P);
        if (!is_lvalue(lv))
            syntax(P, NULL);
        return node2(P, op, 0, lv, NULL);
    }
    case '-':
    case '+':
    case '!':
        return unary(P);
    case T_NAME: {
        char *name = P->tk.str;
        advance(P);
        Node *v = name_node(P, name);
        if (P->tk.t == '[') {
            int saved_gt = P->no_gt, saved_in = P->no_in;
            P->no_gt = P->no_in = 0;
            advance(P);
            Node *subs = expr_list(P, NULL);
            expect(P, ']');
            P->no_gt = saved_gt;
            P->no_in = saved_in;
            return node2(P, N_INDEX, 0, v, subs);
        }
        return v;
    }
    case T_FUNC_NAME: {
        char *name = P->tk.str;
        int line = P->tk.line;
        for (int i = 0; i < P->nparams; i++)
            if (strcmp(P->params[i], name) == 0)
                syntax(P, "a parameter called as a function");
        if (global_index(P->A, name, false) >= 0)
            syntax(P, "a variable called as a function");
        int f = func_index(P, name);
        if (f < 0) {
            AwkProgram *pg = &P->A->prog;
            pg->funcs = xrealloc(pg->funcs, (pg->nfuncs + 1) * sizeof *pg->funcs);
            pg->funcs[pg->nfuncs] = (AwkFunc){.name = name, .line = line};
            f = (int)pg->nfuncs++;
        }
        advance(P);
        n = node(P, N_CALL);
        n->idx = f;
        n->a = call_args(P, &n->nargs);
        return n;
    }
    case T_BUILTIN:
        return builtin(P);
    case T_GETLINE: {
        advance(P);
        n = node2(P, N_GETLINE, G_PLAIN, getline_target(P), NULL);
        if (P->tk.t == '<') {
            advance(P);
            n->idx = G_FILE;
            n->b = postfix(P);
        }
        return n;
    }
    default:
        syntax(P, NULL);
    }
}

/* primary with a postfix ++ or -- */
static Node *postfix(Parser *P)
{
    Node *n = primary(P);
    if ((P->tk.t == T_INCR || P->tk.t == T_DECR) && is_lvalue(n)) {
        n = node2(P, P->tk.t == T_INCR ? N_POSTINC : N_POSTDEC, 0, n, NULL);
        advance(P);
    }
    return n;
}

/* right-associative ^, whose exponent may carry a unary sign */
static Node *power(Parser *P)
{
    Node *n = postfix(P);
    if (P->tk.t == '^') {
        advance(P);
        n = node2(P, N_BINARY, '^', n, unary(P));
    }
    return n;
}

static Node *unary(Parser *P)
{
    int t = P->tk.t;
    if (t == '!' || t == '-' || t == '+') {
        advance(P);
        Node *operand = unary(P);
        return node2(P, t == '!' ? N_NOT : t == '-' ? N_NEG : N_PLUS, 0, operand, NULL);
    }
    return power(P);
}

static Node *multiplicative(Parser *P)
{
    Node *n = unary(P);
    while (P->tk.t == '*' || P->tk.t == '/' || P->tk.t == '%') {
        int op = P->tk.t;
        advance(P);
        n = node2(P, N_BINARY, op, n, unary(P));
    }
    return n;
}

static Node *additive(Parser *P)
{
    Node *n = multiplicative(P);
    while (P->tk.t == '+' || P->tk.t == '-') {
        int op = P->tk.t;
        advance(P);
        n = node2(P, N_BINARY, op, n, multiplicative(P));
    }
    return n;
}

/* Can the token start the right operand of a concatenation? Not '+' or
 * '-' (those are binary there) and not '/' (division). */
static bool starts_concat(Parser *P)
{
    switch (P->tk.t) {
    case T_NUMBER: case T_STRING: case T_NAME: case T_FUNC_NAME: case T_BUILTIN: case '$':
    case '!': case '(': case T_INCR: case T_DECR:
        return true;
    case T_IN:
        return false;
    default:
        return false;
    }
}

static Node *concatenation(Parser *P)
{
    Node *n = additive(P);
    while (starts_concat(P)) {
        /* "!" only when it is not "!=" or "!~" (separate tokens already) */
        n = node2(P, N_CONCAT, 0, n, additive(P));
    }
    return n;
}

/* Is the next word after a '|' "getline"? */
static bool pipe_getline(Parser *P)
{
    const char *s = P->L.src + P->L.pos;
    while (*s == ' ' || *s == '\t')
        s++;
    return strncmp(s, "getline", 7) == 0 &&
           !(s[7] == '_' || (s[7] >= 'a' && s[7] <= 'z') || (s[7] >= 'A' && s[7] <= 'Z') ||
             (s[7] >= '0' && s[7] <= '9'));
}

/* A concatenation and any "| getline [var]" after it (the command is
 * the concatenation: POSIX's unary_expr '|' simple_get) */
static Node *piped(Parser *P)
{
    Node *n = concatenation(P);
    while (P->tk.t == '|' && pipe_getline(P)) {
        advance(P); /* | */
        advance(P); /* getline */
        n = node2(P, N_GETLINE, G_CMD, getline_target(P), n);
    }
    return n;
}

static Node *comparison(Parser *P)
{
    Node *n = piped(P);
    for (;;) {
        int t = P->tk.t;
        if (t == '<' || t == T_LE || t == T_NE || t == T_EQ || t == T_GE ||
            (t == '>' && !P->no_gt)) {
            advance(P);
            Node *r = piped(P);
            int op = t == T_LE ? 'l' : t == T_GE ? 'g' : t == T_EQ ? '=' : t == T_NE ? '!' : t;
            n = node2(P, N_CMP, op, n, r);
            continue;
        }
        return n;
    }
}

static Node *matching(Parser *P)
{
    Node *n = comparison(P);
    while (P->tk.t == '~' || P->tk.t == T_NOMATCH) {
        int neg = P->tk.t == T_NOMATCH;
        advance(P);
        n = node2(P, N_MATCH, neg, n, comparison(P));
    }
    return n;
}

static Node *membership(Parser *P)
{
    Node *n = matching(P);
    while (P->tk.t == T_IN && !P->no_in) {
        advance(P);
        n = node2(P, N_IN, 0, n, array_ref(P));
    }
    return n;
}

static Node *logical_and(Parser *P)
{
    Node *n = membership(P);
    while (P->tk.t == T_AND) {
        advance(P);
        opt_newlines(P);
        n = node2(P, N_AND, 0, n, membership(P));
    }
    return n;
}

static Node *logical_or(Parser *P)
{
    Node *n = logical_and(P);
    while (P->tk.t == T_OR) {
        advance(P);
        opt_newlines(P);
        n = node2(P, N_OR, 0, n, logical_and(P));
    }
    return n;
}

static Node *expr(Parser *P)
{
    Node *n = logical_or(P);
    if (P->tk.t == '?') {
        advance(P);
        opt_newlines(P);
        Node *yes = expr(P);
        opt_newlines(P);
        expect(P, ':');
        opt_newlines(P);
        Node *no = expr(P);
        Node *c = node2(P, N_COND, 0, n, yes);
        c->c = no;
        return c;
    }
    int t = P->tk.t;
    int op = t == '=' ? '=' : t == T_ADD_ASSIGN ? '+' : t == T_SUB_ASSIGN ? '-'
           : t == T_MUL_ASSIGN ? '*' : t == T_DIV_ASSIGN ? '/' : t == T_MOD_ASSIGN ? '%'
           : t == T_POW_ASSIGN ? '^' : 0;
    if (op && is_lvalue(n)) {
        advance(P);
        opt_newlines(P);
        return node2(P, N_ASSIGN, op, n, expr(P));
    }
    return n;
}

/* ---- statements ---- */

static Node *statement(Parser *P);

/* ';', a newline, or (not taken) '}' / end of input */
static void end_simple(Parser *P)
{
    if (P->tk.t == ';' || P->tk.t == T_NEWLINE)
        advance(P);
    else if (P->tk.t != '}' && P->tk.t != T_EOF)
        syntax(P, NULL);
}

static Node *print_stmt(Parser *P)
{
    Node *n = node(P, P->tk.t == T_PRINT ? S_PRINT : S_PRINTF);
    advance(P);
    P->no_gt++;
    if (P->tk.t != ';' && P->tk.t != T_NEWLINE && P->tk.t != '}' && P->tk.t != '>' &&
        P->tk.t != T_APPEND && P->tk.t != '|' && P->tk.t != T_EOF) {
        n->a = expr_list(P, &n->nargs);
        /* print (a, b): the parenthesised list is the argument list */
        if (n->nargs == 1 && n->a->op == N_GROUP && n->a->idx == 1) {
            n->a = n->a->a;
            n->nargs = 0;
            for (Node *e = n->a; e; e = e->next)
                n->nargs++;
        }
    }
    P->no_gt--;
    for (Node *e = n->a; e; e = e->next)
        if (e->op == N_GROUP && e->idx == 1)
            syntax(P, NULL);
    if (n->op == S_PRINTF && !n->a)
        syntax(P, "printf: no format");
    if (P->tk.t == '>' || P->tk.t == T_APPEND || P->tk.t == '|') {
        n->idx = P->tk.t == '>' ? R_FILE : P->tk.t == T_APPEND ? R_APPEND : R_PIPE;
        advance(P);
        n->b = concatenation(P);
    }
    return n;
}

static Node *simple_statement(Parser *P)
{
    Node *n;
    switch (P->tk.t) {
    case T_PRINT:
    case T_PRINTF:
        return print_stmt(P);
    case T_DELETE: {
        advance(P);
        n = node(P, S_DELETE);
        if (P->tk.t != T_NAME)
            syntax(P, NULL);
        Node *v = name_node(P, P->tk.str);
        advance(P);
        n->a = node2(P, N_ARRAY, 0, v, NULL);
        if (P->tk.t == '[') {
            advance(P);
            n->b = expr_list(P, NULL);
            expect(P, ']');
        }
        return n;
    }
    default:
        return node2(P, S_EXPR, 0, expr(P), NULL);
    }
}

static Node *block(Parser *P)
{
    Node *n = node(P, S_BLOCK), **tail = &n->a;
    expect(P, '{');
    for (;;) {
        while (P->tk.t == T_NEWLINE || P->tk.t == ';')
            advance(P);
        if (P->tk.t == '}')
            break;
        if (P->tk.t == T_EOF)
            syntax(P, "unexpected end of program: a '}' is missing");
        *tail = statement(P);
        while (*tail)
            tail = &(*tail)->next;
    }
    advance(P);
    return n;
}

static Node *loop_body(Parser *P)
{
    opt_newlines(P);
    P->loops++;
    Node *body = statement(P);
    P->loops--;
    return body;
}

static Node *for_stmt(Parser *P)
{
    Node *n = node(P, S_FOR);
    advance(P);
    expect(P, '(');
    if (P->tk.t != ';') {
        n->a = simple_statement(P);
        /* for (k in arr): the first clause parsed as "k in arr" */
        Node *e = n->a->a;
        if (P->tk.t == ')' && n->a->op == S_EXPR && e->op == N_IN && !e->a->next &&
            (e->a->op == N_GVAR || e->a->op == N_LVAR)) {
            advance(P);
            Node *f = node(P, S_FORIN);
            f->a = e->a;
            f->b = e->b;
            f->c = loop_body(P);
            return f;
        }
    }
    expect(P, ';');
    opt_newlines(P);
    if (P->tk.t != ';')
        n->b = expr(P);
    expect(P, ';');
    opt_newlines(P);
    if (P->tk.t != ')')
        n->c = simple_statement(P);
    expect(P, ')');
    n->d = loop_body(P);
    return n;
}

static Node *statement(Parser *P)
{
    Node *n;
    switch (P->tk.t) {
    case '{':
        return block(P);
    case ';':
        advance(P);
        return node(P, S_BLOCK);
    case T_IF: {
        n = node(P, S_IF);
        advance(P);
        expect(P, '(');
        n->a = expr(P);
        expect(P, ')');
        opt_newlines(P);
        n->b = statement(P);
        /* "if (c) s; else t": terminators may come before the else */
        Lexer saved = P->L;
        Token saved_tk = P->tk;
        while (P->tk.t == T_NEWLINE || P->tk.t == ';')
            advance(P);
        if (P->tk.t == T_ELSE) {
            advance(P);
            opt_newlines(P);
            n->c = statement(P);
        } else {
            P->L = saved;
            P->tk = saved_tk;
        }
        return n;
    }
    case T_WHILE:
        n = node(P, S_WHILE);
        advance(P);
        expect(P, '(');
        n->a = expr(P);
        expect(P, ')');
        if (P->tk.t == ';') { /* while (c); */
            advance(P);
            n->b = node(P, S_BLOCK);
            return n;
        }
        n->b = loop_body(P);
        return n;
    case T_DO:
        n = node(P, S_DO);
        advance(P);
        n->b = loop_body(P);
        while (P->tk.t == T_NEWLINE || P->tk.t == ';')
            advance(P);
        expect(P, T_WHILE);
        expect(P, '(');
        n->a = expr(P);
        expect(P, ')');
        end_simple(P);
        return n;
    case T_FOR:
        return for_stmt(P);
    case T_BREAK:
    case T_CONTINUE:
        if (!P->loops)
            syntax(P, P->tk.t == T_BREAK ? "break outside a loop" : "continue outside a loop");
        n = node(P, P->tk.t == T_BREAK ? S_BREAK : S_CONTINUE);
        advance(P);
        end_simple(P);
        return n;
    case T_NEXT:
    case T_NEXTFILE:
        if (P->in_begin_end)
            syntax(P, "next used in a BEGIN or END action");
        n = node(P, P->tk.t == T_NEXT ? S_NEXT : S_NEXTFILE);
        advance(P);
        end_simple(P);
        return n;
    case T_EXIT:
    case T_RETURN:
        if (P->tk.t == T_RETURN && !P->in_func)
            syntax(P, "return outside a function");
        n = node(P, P->tk.t == T_EXIT ? S_EXIT : S_RETURN);
        advance(P);
        if (P->tk.t != ';' && P->tk.t != T_NEWLINE && P->tk.t != '}' && P->tk.t != T_EOF)
            n->a = expr(P);
        end_simple(P);
        return n;
    default:
        n = simple_statement(P);
        end_simple(P);
        return n;
    }
}

/* ---- the program ---- */

static void function_def(Parser *P)
{
    AwkProgram *pg = &P->A->prog;
    advance(P);
    if (P->tk.t != T_NAME && P->tk.t != T_FUNC_NAME)
        syntax(P, NULL);
    char *name = P->tk.str;
    if (global_index(P->A, name, false) >= 0)
        syntax(P, "function name already used as a variable");
    int f = func_index(P, name);
    if (f >= 0 && pg->funcs[f].defined)
        syntax(P, "function defined twice");
    if (f < 0) {
        pg->funcs = xrealloc(pg->funcs, (pg->nfuncs + 1) * sizeof *pg->funcs);
        pg->funcs[pg->nfuncs] = (AwkFunc){.name = name};
        f = (int)pg->nfuncs++;
    }
    pg->funcs[f].line = P->tk.line;
    advance(P);
    expect(P, '(');
    P->params = NULL;
    P->nparams = 0;
    opt_newlines(P);
    while (P->tk.t == T_NAME) {
        for (int i = 0; i < P->nparams; i++)
            if (strcmp(P->params[i], P->tk.str) == 0)
                syntax(P, "duplicate parameter name");
        if (strcmp(P->tk.str, name) == 0)
            syntax(P, "a parameter with the function's name");
        for (int i = 0; i < V_NSPECIAL; i++)
            if (strcmp(P->tk.str, special_names[i]) == 0)
                syntax(P, "a special variable used as a parameter");
        P->params = xrealloc(P->params, (size_t)(P->nparams + 1) * sizeof *P->params);
        P->params[P->nparams++] = P->tk.str;
        advance(P);
        if (P->tk.t != ',')
            break;
        advance(P);
        opt_newlines(P);
    }
    expect(P, ')');
    opt_newlines(P);
    P->in_func = true;
    Node *body = block(P);
    P->in_func = false;
    pg->funcs[f].body = body;
    pg->funcs[f].nparams = P->nparams;
    pg->funcs[f].defined = true;
    P->nparams = 0;
}

/* One item; true when it ended with a '}' (no terminator needed then). */
static bool item(Parser *P)
{
    AwkProgram *pg = &P->A->prog;
    int t = P->tk.t;
    if (t == T_FUNCTION) {
        function_def(P);
        return true;
    }
    if (t == T_BEGIN || t == T_END) {
        advance(P);
        P->in_begin_end = true;
        Node *b = block(P);
        P->in_begin_end = false;
        Node ***list = t == T_BEGIN ? &pg->begin : &pg->end;
        size_t *n = t == T_BEGIN ? &pg->nbegin : &pg->nend;
        *list = xrealloc(*list, (*n + 1) * sizeof **list);
        (*list)[(*n)++] = b;
        return true;
    }
    AwkItem it = {0};
    if (t != '{') {
        it.pat = expr(P);
        if (P->tk.t == ',') {
            advance(P);
            opt_newlines(P);
            it.pat2 = expr(P);
        }
    }
    if (P->tk.t == '{')
        it.action = block(P);
    else if (t == '{')
        syntax(P, NULL);
    pg->items = xrealloc(pg->items, (pg->nitems + 1) * sizeof *pg->items);
    pg->items[pg->nitems++] = it;
    return it.action != NULL;
}

bool awk_parse(Awk *A, const char *src)
{
    Parser *P = xcalloc(1, sizeof *P);
    P->A = A;
    P->L.src = src;
    P->L.line = 1;
    for (int i = 0; i < V_NSPECIAL; i++)
        global_index(A, special_names[i], true);
    if (setjmp(P->fail)) {
        const char *near = "";
        size_t nlen = 0;
        if (P->tk.t == T_EOF)
            near = "end of file", nlen = 11;
        else if (P->tk.t == T_NEWLINE)
            near = "end of line", nlen = 11;
        else {
            near = src + P->tk.start;
            nlen = P->L.pos > P->tk.start ? P->L.pos - P->tk.start : 1;
        }
        if (P->msg)
            u_eprintf("awk: line %d: %s\n", P->msg_line, P->msg);
        else
            u_eprintf("awk: line %d: syntax error at or near %.*s\n", P->msg_line, (int)nlen, near);
        xfree(P);
        return false;
    }
    advance(P);
    for (;;) {
        while (P->tk.t == T_NEWLINE || P->tk.t == ';')
            advance(P);
        if (P->tk.t == T_EOF)
            break;
        if (!item(P) && P->tk.t != T_NEWLINE && P->tk.t != ';' && P->tk.t != T_EOF)
            syntax(P, NULL);
    }
    AwkProgram *pg = &A->prog;
    for (size_t i = 0; i < pg->nfuncs; i++) {
        if (!pg->funcs[i].defined) {
            P->tk.line = pg->funcs[i].line;
            P->msg_line = pg->funcs[i].line;
            u_eprintf("awk: line %d: function %s never defined\n", pg->funcs[i].line,
                      pg->funcs[i].name);
            xfree(P);
            return false;
        }
    }
    xfree(P);
    return true;
}
