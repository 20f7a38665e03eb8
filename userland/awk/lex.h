/* awk's lexer, used by the parser only. Single-character tokens are
 * their character; the others are the T_* codes. */
#ifndef AXOS_USERLAND_AWK_LEX_H
#define AXOS_USERLAND_AWK_LEX_H

#include <stdbool.h>
#include <stddef.h>

enum {
    T_EOF = 256, T_NEWLINE, T_NUMBER, T_STRING, T_ERE, T_NAME, T_FUNC_NAME, T_BUILTIN,
    T_ADD_ASSIGN, T_SUB_ASSIGN, T_MUL_ASSIGN, T_DIV_ASSIGN, T_MOD_ASSIGN, T_POW_ASSIGN,
    T_OR, T_AND, T_NOMATCH, T_EQ, T_LE, T_GE, T_NE, T_INCR, T_DECR, T_APPEND,
    /* keywords */
    T_BEGIN, T_END, T_FUNCTION, T_IF, T_ELSE, T_WHILE, T_FOR, T_DO, T_BREAK, T_CONTINUE,
    T_NEXT, T_NEXTFILE, T_EXIT, T_RETURN, T_DELETE, T_IN, T_GETLINE, T_PRINT, T_PRINTF,
    T_ERROR,
};

typedef struct Token {
    int t;
    int line;
    size_t start; /* offset of its first character */
    double num;
    char *str;    /* T_STRING (unescaped), T_ERE (raw), names: in the heap */
    size_t len;
    int idx;      /* T_BUILTIN: B_* */
} Token;

typedef struct Lexer {
    const char *src;
    size_t pos;
    int line;
    const char *err; /* the message of a T_ERROR */
} Lexer;

/* The next token (freeing nothing: the parser owns tk->str). */
void awk_lex_next(Lexer *L, Token *tk);
/* Read a regex literal whose '/' starts at tk->start: T_ERE or T_ERROR. */
void awk_lex_regex(Lexer *L, Token *tk);

#endif
