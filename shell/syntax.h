/* syntax.h — the shell's syntax tree, where command text comes from, and
 * the lexer and parser that turn one into the other. Included by sh.h. */
#ifndef AXOS_SHELL_SYNTAX_H
#define AXOS_SHELL_SYNTAX_H

/* ======================================================================
 * Syntax tree
 * ====================================================================== */

typedef enum WordPartKind {
    WP_LIT,    /* unquoted characters (globbing applies) */
    WP_QLIT,   /* quoted characters: '...', \c, or literal text inside "..." */
    WP_DQ,     /* "...": sub holds the parts, all of them quoted */
    WP_PARAM,  /* $name ${name...}: text = name, op, sub = word after op */
    WP_CMDSUB, /* $( ) or ` `: text = the command's source */
    WP_ARITH,  /* $(( )): sub = the expression's parts */
} WordPartKind;

/* ${name OP word}: op values */
enum {
    PO_NONE = 0,
    PO_DEFAULT,   /* - */
    PO_ASSIGN,    /* = */
    PO_ALT,       /* + */
    PO_ERROR,     /* ? */
    PO_LENGTH,    /* ${#name} */
    PO_RM_SSUF,   /* %  shortest suffix */
    PO_RM_LSUF,   /* %% longest suffix */
    PO_RM_SPRE,   /* #  shortest prefix */
    PO_RM_LPRE,   /* ## longest prefix */
    PO_REPL,      /* /pat/rep first match (bash) */
    PO_REPL_ALL,  /* //pat/rep every match (bash) */
    PO_SUBSTR,    /* :offset[:length] (bash); sub, sub2 are arithmetic */
    PO_UPPER,     /* ^  first character to upper case (bash) */
    PO_UPPER_ALL, /* ^^ */
    PO_LOWER,     /* ,  */
    PO_LOWER_ALL, /* ,, */
    PO_NAMES,     /* ${!prefix@} ${!prefix*}: names of variables (bash) */
    PO_TRANSFORM, /* ${name@X} (bash): X in atop */
};

typedef struct WordPart {
    WordPartKind kind;
    struct WordPart *next;
    char *text;
    struct WordPart *sub;
    struct WordPart *sub2; /* PO_REPL: the replacement */
    int op;                /* PARAM: PO_* */
    bool colon;            /* PARAM: the ':' forms (:- := :+ :?) */
    bool backtick;         /* CMDSUB written with backticks */
    bool indirect;         /* PARAM: ${!name}; with [@] / [*]: the keys */
    bool has_index;        /* PARAM: name[index] (bash arrays) */
    char atop;             /* PO_TRANSFORM: Q E P A a U u L K; PO_NAMES: @ or * */
    struct WordPart *index; /* PARAM: the subscript's parts */
} WordPart;

typedef struct Word {
    WordPart *parts;
    char *raw;         /* the source text of the word, as typed */
    bool cond_op;      /* inside [[ ]]: an operator token (&& || ( ) < >) */
    struct Word *elems; /* NAME=( elems... ) (bash): raw is "NAME=" or "NAME+=" */
    bool array_lit;
    struct Word *next;
} Word;

typedef enum RedirKind {
    R_IN,      /* <  */
    R_OUT,     /* >  */
    R_APPEND,  /* >> */
    R_CLOBBER, /* >| */
    R_RDWR,    /* <> */
    R_DUPIN,   /* <& */
    R_DUPOUT,  /* >& */
    R_HEREDOC, /* << and <<- */
    R_HERESTR, /* <<< word (bash) */
} RedirKind;

static inline bool redir_is_input(RedirKind k)
{
    return k == R_IN || k == R_RDWR || k == R_DUPIN || k == R_HEREDOC || k == R_HERESTR;
}

typedef struct Redir {
    RedirKind kind;
    int fd;            /* the fd redirected (defaults resolved by the parser) */
    const char *fdvar; /* {name}>file (bash): the shell picks an fd >= 10, keeps it
                          open after the command and stores its number in name;
                          {name}>&- closes the fd name holds */
    Word *target;      /* file name, fd number or '-' */
    WordPart *here;    /* here-document body (parts; one QLIT when quoted) */
    bool here_quoted;  /* delimiter was quoted: no expansion in the body */
    bool here_strip;   /* <<- */
    char *delim;
    struct Redir *next;
    struct Redir *next_pending; /* parser: queue of bodies still to read */
} Redir;

typedef enum NodeKind {
    N_SIMPLE,
    N_PIPE,     /* body: first command, linked by next; bang */
    N_AND,      /* cond && other */
    N_OR,       /* cond || other */
    N_LIST,     /* body: first item, linked by next; item->async for & */
    N_SUBSHELL, /* ( body ) */
    N_GROUP,    /* { body; } */
    N_IF,       /* if cond then body else other */
    N_WHILE,    /* while cond do body */
    N_UNTIL,
    N_FOR,      /* for name [in words] do body */
    N_CASE,     /* case words in items */
    N_FUNC,     /* name () body */
    N_ARITH,    /* (( expr )) (bash): words holds the expression */
    N_COND,     /* [[ expr ]] (bash): words, operators marked cond_op */
} NodeKind;

typedef struct Node Node;

typedef struct CaseItem {
    Word *pats;
    Node *body; /* may be NULL */
    bool fallthrough; /* ;& (bash) */
    bool test_next;   /* ;;& (bash): go on testing the patterns after it */
    struct CaseItem *next;
} CaseItem;

struct Node {
    NodeKind kind;
    int lineno;
    bool async; /* LIST item followed by & */
    bool bang;  /* PIPE: ! */
    bool timed; /* PIPE: time (bash): report how long it took */
    bool for_in; /* FOR: "in" given (else "$@") */
    bool for_arith; /* FOR: for ((init; cond; step)), the three in words */
    bool decl;   /* SIMPLE: the command is a declaration builtin (export, local...) */
    Node *next;
    Node *body;
    Node *cond;
    Node *other;
    Word *words;   /* SIMPLE: command words; FOR: the list; CASE: subject */
    Word *assigns; /* SIMPLE: NAME=value words (raw starts with NAME=) */
    CaseItem *items;
    char *name;    /* FOR: variable; FUNC: function name */
    Redir *redirs;
};

/* parser.c: the length of "NAME=", "NAME+=", "NAME[sub]=" at the start
 * of raw (0: not an assignment); bash's declaration builtins. */
size_t sh_assign_prefix(const char *raw);
bool sh_is_decl_word(const Word *w);

/* ast.c */
Node *ast_copy(Arena *a, const Node *n);
/* Print valid shell source for n. pretty: one command per line with
 * indentation (type, function re-definition); else one line where it can
 * (job names), here-documents still need their lines. */
void ast_print(StrBuf *out, const Node *n, bool pretty);
void ast_print_word(StrBuf *out, const Word *w);
/* The text of a word if it has no quoting or expansion, else NULL. */
const char *word_literal(const Word *w);

/* ======================================================================
 * input.c: sources of command text
 * ====================================================================== */

typedef enum InputKind { IN_STRING, IN_FD } InputKind;

typedef struct Input {
    InputKind kind;
    const char *str; /* IN_STRING */
    size_t slen, spos;
    int fd;          /* IN_FD */
    bool seekable;   /* regular file: read blocks, seek back before commands run */
    bool bytewise;   /* pipe: one byte at a time, never past a line */
    bool prompt;     /* interactive: print PS1 / PS2 */
    bool history;    /* record lines in the history */
    bool eof;
    bool exec_last;  /* sh -c: the last command may replace the shell */
    char *buf;       /* IN_FD read buffer */
    size_t bpos, blen;
    int lineno;      /* lines handed out so far */
} Input;

enum { IN_LINE = 1, IN_EOF = 0, IN_INTR = -1 };

void input_init_string(Input *in, const char *s, size_t n);
void input_init_fd(Shell *sh, Input *in, int fd, bool interactive);
void input_fini(Input *in);
/* Append the next line (with its '\n' if it has one) to out.
 * cont: a continuation line (PS2). Returns IN_LINE, IN_EOF or IN_INTR
 * (a caught signal interrupted the read: an interactive ^C). */
int input_line(Shell *sh, Input *in, StrBuf *out, bool cont);
/* Give back read-ahead bytes to the fd (seekable input) so that commands
 * reading the same fd start right after the command text. */
void input_sync(Input *in);

/* ======================================================================
 * lexer.c + parser.c
 * ====================================================================== */

typedef enum TokKind {
    T_EOF,
    T_NEWLINE,
    T_WORD,
    T_IO_NUMBER,
    T_SEMI,      /* ; */
    T_AMP,       /* & */
    T_PIPE,      /* | */
    T_AND_IF,    /* && */
    T_OR_IF,     /* || */
    T_DSEMI,     /* ;; */
    T_SEMI_AMP,  /* ;& */
    T_DSEMI_AMP, /* ;;& (bash) */
    T_LPAREN,    /* ( */
    T_RPAREN,    /* ) */
    T_LESS,      /* < */
    T_GREAT,     /* > */
    T_DGREAT,    /* >> */
    T_LESSAND,   /* <& */
    T_GREATAND,  /* >& */
    T_LESSGREAT, /* <> */
    T_DLESS,     /* << */
    T_DLESSDASH, /* <<- */
    T_CLOBBER,   /* >| */
    T_ANDGREAT,  /* &> (bash) */
    T_ANDDGREAT, /* &>> (bash) */
    T_TLESS,     /* <<< (bash) */
    T_PIPE_AMP,  /* |& (bash) */
} TokKind;

typedef struct Token {
    TokKind kind;
    Word *word;   /* T_WORD */
    int number;   /* T_IO_NUMBER; -1 for {name} */
    const char *fdvar; /* T_IO_NUMBER written {name} (bash): the variable */
    size_t start, end; /* byte span in the parser's buffer */
    int lineno;
} Token;

typedef struct AliasUse {
    const char *name;
    size_t end; /* expansion text ends here; the alias is off until then */
} AliasUse;

#define SH_ALIAS_DEPTH 16

typedef struct Parser {
    Shell *sh;
    Input *in;      /* NULL: the buffer holds all the text there is */
    Arena *arena;
    StrBuf buf;     /* text of the command being parsed */
    size_t pos;
    int lineno;     /* line of the character at pos */
    int base_line;  /* line number of the first line */
    Token tok;
    bool peeked;
    bool eof;
    bool intr;      /* input interrupted by a signal */
    int cmdsub_depth;
    bool no_alias;
    Redir *hd_head, *hd_tail; /* here-documents whose bodies are pending */
    AliasUse alias[SH_ALIAS_DEPTH];
    int nalias;
    bool check_alias_next; /* previous alias value ended in a blank: */
    size_t alias_next_at;  /* the word from here on is looked up as an alias too */
    jmp_buf *err;
    char errmsg[200];
    int errline;
    bool err_keeps_status; /* a [[ ]] syntax error: bash's shell ends with $? as it was */
    bool err_unterminated; /* input ended inside a quote or substitution: not fatal in eval or . (bash) */
    bool in_cond;          /* reading the pattern of [[ x == pat ]]: bash reads extglob groups there */
} Parser;

enum { PARSE_OK = 0, PARSE_EOF = 1, PARSE_ERROR = 2, PARSE_INTR = 3 };

void parser_init(Parser *p, Shell *sh, Input *in, Arena *arena);
void parser_fini(Parser *p);
/* Parse the next complete command (a list ended by a newline or EOF).
 * *out is NULL for an empty line. On PARSE_ERROR the message is in
 * p->errmsg and the rest of the current line has been discarded. */
int parse_next(Parser *p, Node **out);
/* Parser internals shared by parser.c and compound.c. */
Node *parse_node(Parser *p, NodeKind k);
bool parse_is_kw(Parser *p, const char *kw); /* the peeked token is this reserved word */
void parse_expect_kw(Parser *p, const char *kw);
Token parse_expect(Parser *p, TokKind k);
Word *parse_expect_word(Parser *p, bool literal);
void parse_skip_newlines(Parser *p);
void parse_redir_list(Parser *p, Node *n);
Node *parse_compound_list(Parser *p, bool allow_empty);
Node *parse_command(Parser *p);
/* if, while, for, case, [[ ]], (( )), { }, ( ): NULL when the peeked
 * token starts none of them */
Node *parse_compound(Parser *p);

/* The commands inside $( ) up to the closing parenthesis (not consumed). */
Node *parse_subst_list(Parser *p);
/* Parse a whole string as a program; NULL with *err set on syntax error. */
Node *parse_string(Shell *sh, Arena *a, const char *text, int lineno, char *err, size_t errsz);

/* lexer internals shared with the parser */
TokKind lex_peek(Parser *p);
Token lex_next(Parser *p);
void lex_consume(Parser *p);
_Noreturn void lex_fail(Parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
_Noreturn void lex_unexpected(Parser *p, const Token *t);
const char *tok_text(TokKind k);
bool lex_try_alias(Parser *p);
void lex_read_heredocs(Parser *p);
/* character access for words.c: the byte off ahead (reading more input
 * when needed; -1 at the end), and stepping over one */
int lex_peekc_at(Parser *p, size_t off);
void lex_advance(Parser *p);
void lex_splice(Parser *p, size_t off);
/* words.c */
bool lex_is_meta(int c);
WordPart *lex_scan_word(Parser *p);
WordPart *lex_heredoc_parts(Parser *p, const char *body, size_t n);
/* (( expr )) and for (( a; b; c )): the first '(' has been consumed and
 * the second is next; fills n expressions (separated by ';') and consumes
 * the closing "))". */
void lex_arith_exprs(Parser *p, Word **exprs, int n);
/* The word after =~ in [[ ]], where ( ) | are part of the regex (NULL
 * when there is none). */
Word *lex_regex_word(Parser *p);

#endif
