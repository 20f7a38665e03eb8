/* ast.c — copying and printing syntax trees.
 *
 * Printing turns a tree back into shell source that parses to the same
 * tree. Three users: `type f` shows a function, the job table names a
 * job, and a re-executed child shell (subshell.c) receives the commands
 * it runs and the functions it knows as text.
 */
#include "sh.h"

/* ---- copying ---- */

static WordPart *copy_parts(Arena *a, const WordPart *p)
{
    WordPart *head = NULL, **tail = &head;
    for (; p; p = p->next) {
        WordPart *c = arena_alloc(a, sizeof *c);
        *c = *p;
        c->next = NULL;
        c->text = p->text ? arena_strdup(a, p->text) : NULL;
        c->sub = copy_parts(a, p->sub);
        c->sub2 = copy_parts(a, p->sub2);
        c->index = copy_parts(a, p->index);
        *tail = c;
        tail = &c->next;
    }
    return head;
}

static Word *copy_words(Arena *a, const Word *w)
{
    Word *head = NULL, **tail = &head;
    for (; w; w = w->next) {
        Word *c = arena_alloc(a, sizeof *c);
        c->parts = copy_parts(a, w->parts);
        c->raw = arena_strdup(a, w->raw);
        c->cond_op = w->cond_op;
        c->array_lit = w->array_lit;
        c->elems = copy_words(a, w->elems);
        *tail = c;
        tail = &c->next;
    }
    return head;
}

static Redir *copy_redirs(Arena *a, const Redir *r)
{
    Redir *head = NULL, **tail = &head;
    for (; r; r = r->next) {
        Redir *c = arena_alloc(a, sizeof *c);
        *c = *r;
        c->next = c->next_pending = NULL;
        c->target = copy_words(a, r->target);
        c->here = copy_parts(a, r->here);
        c->delim = r->delim ? arena_strdup(a, r->delim) : NULL;
        *tail = c;
        tail = &c->next;
    }
    return head;
}

static Node *copy_chain(Arena *a, const Node *n)
{
    Node *head = NULL, **tail = &head;
    for (; n; n = n->next) {
        Node *c = ast_copy(a, n);
        *tail = c;
        tail = &c->next;
    }
    return head;
}

/* Copy n (not its siblings) into a. */
Node *ast_copy(Arena *a, const Node *n)
{
    if (!n)
        return NULL;
    Node *c = arena_alloc(a, sizeof *c);
    *c = *n;
    c->next = NULL;
    c->body = copy_chain(a, n->body);
    c->cond = ast_copy(a, n->cond);
    c->other = ast_copy(a, n->other);
    c->words = copy_words(a, n->words);
    c->assigns = copy_words(a, n->assigns);
    c->name = n->name ? arena_strdup(a, n->name) : NULL;
    c->redirs = copy_redirs(a, n->redirs);
    CaseItem **tail = &c->items;
    for (const CaseItem *it = n->items; it; it = it->next) {
        CaseItem *ci = arena_alloc(a, sizeof *ci);
        ci->pats = copy_words(a, it->pats);
        ci->body = ast_copy(a, it->body);
        ci->fallthrough = it->fallthrough;
        ci->test_next = it->test_next;
        *tail = ci;
        tail = &ci->next;
    }
    return c;
}

const char *word_literal(const Word *w)
{
    if (!w || !w->parts || w->parts->next || w->parts->kind != WP_LIT)
        return NULL;
    return w->parts->text;
}

/* ---- printing ---- */

/* PC_DQBRACE: the word of a ${x-word} inside "...", where \} is a quote */
enum { PC_WORD, PC_DQ, PC_HEREDOC, PC_ARITH, PC_DQBRACE };

typedef struct Printer {
    StrBuf *out;
    bool pretty;
    int indent;
    const Redir *pending[32]; /* here-documents to print at the next newline */
    int npending;
} Printer;

static void print_parts(StrBuf *o, const WordPart *p, int ctx);

static void print_qlit(StrBuf *o, const char *s, int ctx)
{
    if (ctx == PC_WORD) {
        if (s[0] && !s[1] && s[0] != '\n') {
            sb_putc(o, '\\');
            sb_putc(o, s[0]);
            return;
        }
        sb_putc(o, '\'');
        for (; *s; s++) {
            if (*s == '\'')
                sb_puts(o, "'\\''");
            else
                sb_putc(o, *s);
        }
        sb_putc(o, '\'');
        return;
    }
    for (; *s; s++) {
        bool esc = *s == '$' || *s == '`' || *s == '\\' || ((ctx == PC_DQ || ctx == PC_DQBRACE) && *s == '"') ||
                   (ctx == PC_DQBRACE && *s == '}');
        if (esc)
            sb_putc(o, '\\');
        sb_putc(o, *s);
    }
}

static const char *param_op_text(const WordPart *p)
{
    switch (p->op) {
    case PO_DEFAULT: return p->colon ? ":-" : "-";
    case PO_ASSIGN: return p->colon ? ":=" : "=";
    case PO_ALT: return p->colon ? ":+" : "+";
    case PO_ERROR: return p->colon ? ":?" : "?";
    case PO_RM_SSUF: return "%";
    case PO_RM_LSUF: return "%%";
    case PO_RM_SPRE: return "#";
    case PO_RM_LPRE: return "##";
    case PO_REPL: return "/";
    case PO_REPL_ALL: return "//";
    case PO_SUBSTR: return ":";
    case PO_UPPER: return "^";
    case PO_UPPER_ALL: return "^^";
    case PO_LOWER: return ",";
    case PO_LOWER_ALL: return ",,";
    }
    return "";
}

/* $x reads back as ${x} unless the next character would extend the name
 * ($xy, $1 followed by a digit) or the name is a multi-digit position. */
static bool param_needs_no_braces(const WordPart *p)
{
    const char *name = p->text;
    bool ident = sh_name_len(name) > 0;
    if (!ident && name[1])
        return false; /* $10 must be ${10} */
    const WordPart *n = p->next;
    if (!n || (n->kind != WP_LIT && n->kind != WP_QLIT) || !n->text[0])
        return true;
    char c = n->text[0];
    bool digit = c >= '0' && c <= '9';
    bool namechar = digit || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return ident ? !namechar : !digit;
}

static void print_part(StrBuf *o, const WordPart *p, int ctx)
{
    switch (p->kind) {
    case WP_LIT:
        if (ctx == PC_WORD || ctx == PC_ARITH)
            sb_puts(o, p->text);
        else
            print_qlit(o, p->text, ctx);
        break;
    case WP_QLIT: print_qlit(o, p->text, ctx == PC_ARITH ? PC_HEREDOC : ctx); break;
    case WP_DQ:
        sb_putc(o, '"');
        print_parts(o, p->sub, PC_DQ);
        sb_putc(o, '"');
        break;
    case WP_PARAM:
        if (p->op == PO_NONE && !p->has_index && !p->indirect && param_needs_no_braces(p)) {
            sb_putc(o, '$');
            sb_puts(o, p->text);
            break;
        }
        sb_puts(o, "${");
        if (p->op == PO_LENGTH)
            sb_putc(o, '#');
        if (p->indirect)
            sb_putc(o, '!');
        sb_puts(o, p->text);
        if (p->has_index) {
            sb_putc(o, '[');
            print_parts(o, p->index, PC_WORD);
            sb_putc(o, ']');
        }
        if (p->op == PO_NAMES) {
            sb_putc(o, p->atop);
        } else if (p->op == PO_TRANSFORM) {
            sb_putc(o, '@');
            sb_putc(o, p->atop);
        } else if (p->op != PO_NONE && p->op != PO_LENGTH) {
            int sub_ctx = ctx == PC_WORD || p->op >= PO_RM_SSUF ? PC_WORD : PC_DQBRACE;
            sb_puts(o, param_op_text(p));
            print_parts(o, p->sub, sub_ctx);
            if (p->op == PO_REPL || p->op == PO_REPL_ALL || (p->op == PO_SUBSTR && p->sub2)) {
                sb_putc(o, p->op == PO_SUBSTR ? ':' : '/');
                print_parts(o, p->sub2, ctx == PC_WORD ? PC_WORD : PC_DQBRACE);
            }
        }
        sb_putc(o, '}');
        break;
    case WP_CMDSUB:
        sb_puts(o, "$(");
        sb_puts(o, p->text);
        sb_putc(o, ')');
        break;
    case WP_ARITH:
        sb_puts(o, "$((");
        print_parts(o, p->sub, PC_ARITH);
        sb_puts(o, "))");
        break;
    }
}

static void print_parts(StrBuf *o, const WordPart *p, int ctx)
{
    for (; p; p = p->next)
        print_part(o, p, ctx);
}

void ast_print_word(StrBuf *out, const Word *w)
{
    print_parts(out, w->parts, PC_WORD);
    if (w->array_lit) {
        sb_putc(out, '(');
        for (const Word *e = w->elems; e; e = e->next) {
            print_parts(out, e->parts, PC_WORD);
            if (e->next)
                sb_putc(out, ' ');
        }
        sb_putc(out, ')');
    }
}

static void pr_node(Printer *pr, const Node *n);

static void pr_newline(Printer *pr)
{
    sb_putc(pr->out, '\n');
    for (int i = 0; i < pr->npending; i++) {
        const Redir *r = pr->pending[i];
        if (r->here_quoted)
            sb_puts(pr->out, r->here ? r->here->text : "");
        else
            print_parts(pr->out, r->here, PC_HEREDOC);
        sb_puts(pr->out, r->delim);
        sb_putc(pr->out, '\n');
    }
    pr->npending = 0;
}

static void pr_indent(Printer *pr, int level)
{
    for (int i = 0; i < level * 4; i++)
        sb_putc(pr->out, ' ');
}

static void pr_redirs(Printer *pr, const Redir *r)
{
    static const char *const ops[] = {"<", ">", ">>", ">|", "<>", "<&", ">&", "<<", "<<<"};
    for (; r; r = r->next) {
        sb_putc(pr->out, ' ');
        if (r->fd != (redir_is_input(r->kind) ? 0 : 1))
            sb_printf(pr->out, "%d", r->fd);
        sb_puts(pr->out, ops[r->kind]);
        if (r->kind == R_HEREDOC) {
            if (r->here_quoted) {
                sb_putc(pr->out, '\'');
                sb_puts(pr->out, r->delim);
                sb_putc(pr->out, '\'');
            } else {
                sb_puts(pr->out, r->delim);
            }
            if (pr->pretty && pr->npending < 32)
                pr->pending[pr->npending++] = r;
            continue;
        }
        if (r->kind != R_DUPIN && r->kind != R_DUPOUT)
            sb_putc(pr->out, ' ');
        ast_print_word(pr->out, r->target);
    }
}

/* A list on one line: "a; b & c", then the separator a keyword needs
 * after it ("; " or " " after a final &). */
static void pr_inline_term(Printer *pr, const Node *list)
{
    for (const Node *it = list ? list->body : NULL; it; it = it->next) {
        pr_node(pr, it);
        sb_puts(pr->out, it->async ? " & " : "; ");
    }
}

/* The body of a compound command: indented lines, or "a; b; " inline. */
static void pr_block(Printer *pr, const Node *list)
{
    if (!pr->pretty) {
        sb_putc(pr->out, ' ');
        pr_inline_term(pr, list);
        return;
    }
    pr->indent++;
    for (const Node *it = list ? list->body : NULL; it; it = it->next) {
        pr_newline(pr);
        pr_indent(pr, pr->indent);
        pr_node(pr, it);
        if (it->async)
            sb_puts(pr->out, " &");
    }
    pr->indent--;
    pr_newline(pr);
    pr_indent(pr, pr->indent);
}

static void pr_words(Printer *pr, const Word *w, bool space_first)
{
    for (; w; w = w->next) {
        if (space_first)
            sb_putc(pr->out, ' ');
        space_first = true;
        ast_print_word(pr->out, w);
    }
}

static void pr_case(Printer *pr, const Node *n)
{
    sb_puts(pr->out, "case ");
    ast_print_word(pr->out, n->words);
    sb_puts(pr->out, " in");
    pr->indent++;
    for (const CaseItem *it = n->items; it; it = it->next) {
        if (pr->pretty) {
            pr_newline(pr);
            pr_indent(pr, pr->indent);
        } else {
            sb_putc(pr->out, ' ');
        }
        for (const Word *w = it->pats; w; w = w->next) {
            ast_print_word(pr->out, w);
            if (w->next)
                sb_puts(pr->out, " | ");
        }
        sb_putc(pr->out, ')');
        if (it->body) {
            pr_block(pr, it->body);
        } else if (pr->pretty) {
            pr_newline(pr);
            pr_indent(pr, pr->indent);
        } else {
            sb_putc(pr->out, ' ');
        }
        sb_puts(pr->out, it->fallthrough ? ";&" : it->test_next ? ";;&" : ";;");
    }
    pr->indent--;
    if (pr->pretty) {
        pr_newline(pr);
        pr_indent(pr, pr->indent);
    } else {
        sb_putc(pr->out, ' ');
    }
    sb_puts(pr->out, "esac");
}

static void pr_node(Printer *pr, const Node *n)
{
    StrBuf *o = pr->out;
    switch (n->kind) {
    case N_SIMPLE:
        pr_words(pr, n->assigns, false);
        pr_words(pr, n->words, n->assigns != NULL);
        if (!n->assigns && !n->words && n->redirs) {
            /* a bare redirection: print it without the leading space */
            size_t at = o->len;
            pr_redirs(pr, n->redirs);
            memmove(o->s + at, o->s + at + 1, o->len - at);
            o->len--;
            return;
        }
        pr_redirs(pr, n->redirs);
        return;
    case N_PIPE:
        if (n->timed)
            sb_puts(o, "time ");
        if (n->bang)
            sb_puts(o, "! ");
        for (const Node *c = n->body; c; c = c->next) {
            pr_node(pr, c);
            if (c->next)
                sb_puts(o, " | ");
        }
        return;
    case N_AND:
    case N_OR:
        pr_node(pr, n->cond);
        sb_puts(o, n->kind == N_AND ? " && " : " || ");
        pr_node(pr, n->other);
        return;
    case N_LIST:
        for (const Node *it = n->body; it; it = it->next) {
            pr_node(pr, it);
            if (it->async)
                sb_puts(o, " &");
            if (it->next) {
                if (pr->pretty) {
                    pr_newline(pr);
                    pr_indent(pr, pr->indent);
                } else {
                    sb_puts(o, it->async ? " " : "; ");
                }
            }
        }
        return;
    case N_SUBSHELL:
        sb_putc(o, '(');
        pr_block(pr, n->body);
        sb_putc(o, ')');
        break;
    case N_GROUP:
        sb_putc(o, '{');
        pr_block(pr, n->body);
        sb_putc(o, '}');
        break;
    case N_IF: {
        const Node *x = n;
        sb_puts(o, "if ");
        for (;;) {
            pr_inline_term(pr, x->cond);
            sb_puts(o, "then");
            pr_block(pr, x->body);
            if (x->other && x->other->kind == N_IF && x->other->cond) {
                x = x->other;
                sb_puts(o, "elif ");
                continue;
            }
            if (x->other) {
                sb_puts(o, "else");
                pr_block(pr, x->other);
            }
            break;
        }
        sb_puts(o, "fi");
        break;
    }
    case N_WHILE:
    case N_UNTIL:
        sb_puts(o, n->kind == N_WHILE ? "while " : "until ");
        pr_inline_term(pr, n->cond);
        sb_puts(o, "do");
        pr_block(pr, n->body);
        sb_puts(o, "done");
        break;
    case N_ARITH:
        sb_puts(o, "((");
        print_parts(o, n->words->parts, PC_ARITH);
        sb_puts(o, "))");
        break;
    case N_COND:
        sb_puts(o, "[[");
        for (const Word *w = n->words; w; w = w->next) {
            sb_putc(o, ' ');
            if (w->cond_op)
                sb_puts(o, w->raw);
            else
                ast_print_word(o, w);
        }
        sb_puts(o, " ]]");
        break;
    case N_FOR:
        if (n->for_arith) {
            sb_puts(o, "for ((");
            for (const Word *w = n->words; w; w = w->next) {
                print_parts(o, w->parts, PC_ARITH);
                if (w->next)
                    sb_putc(o, ';'); /* the expressions keep their own blanks */
            }
            sb_puts(o, ")); do");
            pr_block(pr, n->body);
            sb_puts(o, "done");
            break;
        }
        sb_printf(o, "for %s", n->name);
        if (n->for_in) {
            sb_puts(o, " in");
            pr_words(pr, n->words, true);
        }
        sb_puts(o, "; do");
        pr_block(pr, n->body);
        sb_puts(o, "done");
        break;
    case N_CASE: pr_case(pr, n); break;
    case N_FUNC:
        sb_printf(o, "%s() ", n->name);
        pr_node(pr, n->body);
        return; /* the body printed its own redirections */
    }
    pr_redirs(pr, n->redirs);
}

void ast_print(StrBuf *out, const Node *n, bool pretty)
{
    Printer pr = {.out = out, .pretty = pretty};
    pr_node(&pr, n);
    if (pr.npending)
        pr_newline(&pr);
}
