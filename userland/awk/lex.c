/* awk's lexer: POSIX awk's tokens (XCU awk, "Lexical Conventions").
 * Newlines are tokens (they end statements); a backslash before a newline
 * joins the lines; '#' starts a comment. Whether '/' starts a regex
 * depends on the grammar, so the parser asks for one with lex_regex. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "awk.h"
#include "lex.h"

static const struct {
    const char *name;
    int t;
} keywords[] = {
    {"BEGIN", T_BEGIN}, {"END", T_END}, {"function", T_FUNCTION}, {"func", T_FUNCTION},
    {"if", T_IF}, {"else", T_ELSE}, {"while", T_WHILE}, {"for", T_FOR}, {"do", T_DO},
    {"break", T_BREAK}, {"continue", T_CONTINUE}, {"next", T_NEXT},
    {"nextfile", T_NEXTFILE}, {"exit", T_EXIT}, {"return", T_RETURN},
    {"delete", T_DELETE}, {"in", T_IN}, {"getline", T_GETLINE}, {"print", T_PRINT},
    {"printf", T_PRINTF},
};

static const char *const builtins[] = {
    [B_LENGTH] = "length", [B_SUBSTR] = "substr", [B_INDEX] = "index", [B_SPLIT] = "split",
    [B_SUB] = "sub", [B_GSUB] = "gsub", [B_MATCH] = "match", [B_SPRINTF] = "sprintf",
    [B_SIN] = "sin", [B_COS] = "cos", [B_ATAN2] = "atan2", [B_EXP] = "exp", [B_LOG] = "log",
    [B_SQRT] = "sqrt", [B_INT] = "int", [B_RAND] = "rand", [B_SRAND] = "srand",
    [B_TOLOWER] = "tolower", [B_TOUPPER] = "toupper", [B_SYSTEM] = "system",
    [B_CLOSE] = "close", [B_FFLUSH] = "fflush",
};

/* Decode the escapes of a string literal's body (s, n bytes): \" \\ \/
 * \a \b \f \n \r \t \v and octal \ooo; any other backslash stays, so that
 * "\." still means a literal dot once the string is used as a regex. */
char *awk_unescape(const char *s, size_t n, size_t *outlen)
{
    char *out = xmalloc(n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\' || i + 1 == n) {
            out[o++] = s[i];
            continue;
        }
        char c = s[++i];
        switch (c) {
        case '"': case '\\': case '/': out[o++] = c; break;
        case 'a': out[o++] = '\a'; break;
        case 'b': out[o++] = '\b'; break;
        case 'f': out[o++] = '\f'; break;
        case 'n': out[o++] = '\n'; break;
        case 'r': out[o++] = '\r'; break;
        case 't': out[o++] = '\t'; break;
        case 'v': out[o++] = '\v'; break;
        default:
            if (c >= '0' && c <= '7') {
                int v = 0, k = 0;
                while (k < 3 && i < n && s[i] >= '0' && s[i] <= '7')
                    v = v * 8 + (s[i++] - '0'), k++;
                i--;
                out[o++] = (char)v;
            } else {
                out[o++] = '\\';
                out[o++] = c;
            }
        }
    }
    out[o] = '\0';
    *outlen = o;
    return out;
}

static void lex_string(Lexer *L, Token *tk)
{
    size_t start = ++L->pos;
    while (L->src[L->pos] != '"') {
        char c = L->src[L->pos];
        if (c == '\0' || c == '\n') {
            tk->t = T_ERROR;
            L->err = "runaway string constant";
            return;
        }
        if (c == '\\' && L->src[L->pos + 1] == '\n') {
            L->pos += 2; /* a continued line: kept out below */
            L->line++;
            continue;
        }
        L->pos += c == '\\' && L->src[L->pos + 1] ? 2 : 1;
    }
    /* drop backslash-newline pairs before decoding */
    size_t n = L->pos - start;
    char *raw = xmalloc(n + 1);
    size_t r = 0;
    for (size_t i = start; i < L->pos; i++) {
        if (L->src[i] == '\\' && L->src[i + 1] == '\n') {
            i++;
            continue;
        }
        if (L->src[i] == '\\' && i + 1 < L->pos)
            raw[r++] = L->src[i++];
        raw[r++] = L->src[i];
    }
    L->pos++;
    tk->t = T_STRING;
    tk->str = awk_unescape(raw, r, &tk->len);
    xfree(raw);
}

void awk_lex_regex(Lexer *L, Token *tk)
{
    L->pos = tk->start + 1;
    size_t start = L->pos;
    bool bracket = false;
    for (;;) {
        char c = L->src[L->pos];
        if (c == '\0' || c == '\n') {
            tk->t = T_ERROR;
            L->err = "runaway regular expression";
            return;
        }
        if (c == '\\' && L->src[L->pos + 1]) {
            L->pos += 2;
            continue;
        }
        if (bracket) {
            if (c == ']' && L->pos > start)
                bracket = false;
        } else if (c == '[') {
            bracket = true;
            /* a ']' first in the list (after any '^') is a member */
            if (L->src[L->pos + 1] == '^')
                L->pos++;
            if (L->src[L->pos + 1] == ']')
                L->pos++;
        } else if (c == '/') {
            break;
        }
        L->pos++;
    }
    tk->t = T_ERE;
    tk->len = L->pos - start;
    tk->str = xstrndup(L->src + start, tk->len);
    L->pos++;
}

static int two(Lexer *L, char next, int yes, int no)
{
    if (L->src[L->pos + 1] == next) {
        L->pos += 2;
        return yes;
    }
    L->pos++;
    return no;
}

void awk_lex_next(Lexer *L, Token *tk)
{
    const char *s = L->src;
    tk->str = NULL;
    tk->len = 0;
    for (;;) {
        char c = s[L->pos];
        if (c == ' ' || c == '\t' || c == '\r') {
            L->pos++;
        } else if (c == '\\' && s[L->pos + 1] == '\n') {
            L->pos += 2;
            L->line++;
        } else if (c == '\\' && s[L->pos + 1] == '\r' && s[L->pos + 2] == '\n') {
            L->pos += 3;
            L->line++;
        } else if (c == '#') {
            while (s[L->pos] && s[L->pos] != '\n')
                L->pos++;
        } else {
            break;
        }
    }
    tk->start = L->pos;
    tk->line = L->line;
    char c = s[L->pos];
    if (c == '\0') {
        tk->t = T_EOF;
        return;
    }
    if (c == '\n') {
        L->pos++;
        L->line++;
        tk->t = T_NEWLINE;
        return;
    }
    if (isdigit((unsigned char)c) || (c == '.' && isdigit((unsigned char)s[L->pos + 1]))) {
        /* decimal only: "0x1A" is 0 followed by the name x1A, as POSIX awk */
        size_t i = L->pos;
        while (isdigit((unsigned char)s[i]))
            i++;
        if (s[i] == '.') {
            i++;
            while (isdigit((unsigned char)s[i]))
                i++;
        }
        if (s[i] == 'e' || s[i] == 'E') {
            size_t j = i + 1;
            if (s[j] == '+' || s[j] == '-')
                j++;
            if (isdigit((unsigned char)s[j])) {
                while (isdigit((unsigned char)s[j]))
                    j++;
                i = j;
            }
        }
        char *text = xstrndup(s + L->pos, i - L->pos);
        tk->num = strtod(text, NULL);
        xfree(text);
        L->pos = i;
        tk->t = T_NUMBER;
        return;
    }
    if (isalpha((unsigned char)c) || c == '_') {
        size_t i = L->pos;
        while (isalnum((unsigned char)s[i]) || s[i] == '_')
            i++;
        size_t n = i - L->pos;
        L->pos = i;
        for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++) {
            if (strlen(keywords[k].name) == n && memcmp(keywords[k].name, s + tk->start, n) == 0) {
                tk->t = keywords[k].t;
                return;
            }
        }
        for (size_t k = 0; k < sizeof builtins / sizeof builtins[0]; k++) {
            if (strlen(builtins[k]) == n && memcmp(builtins[k], s + tk->start, n) == 0) {
                tk->t = T_BUILTIN;
                tk->idx = (int)k;
                return;
            }
        }
        tk->str = xstrndup(s + tk->start, n);
        tk->len = n;
        /* a call of a user function: the '(' follows the name at once */
        tk->t = s[i] == '(' ? T_FUNC_NAME : T_NAME;
        return;
    }
    switch (c) {
    case '"': lex_string(L, tk); return;
    case '+': tk->t = s[L->pos + 1] == '+' ? (L->pos += 2, T_INCR) : two(L, '=', T_ADD_ASSIGN, '+'); return;
    case '-': tk->t = s[L->pos + 1] == '-' ? (L->pos += 2, T_DECR) : two(L, '=', T_SUB_ASSIGN, '-'); return;
    case '*':
        if (s[L->pos + 1] == '*') { /* ** and **= : the old spelling of ^ */
            L->pos++;
            tk->t = two(L, '=', T_POW_ASSIGN, '^');
            return;
        }
        tk->t = two(L, '=', T_MUL_ASSIGN, '*');
        return;
    case '/': tk->t = two(L, '=', T_DIV_ASSIGN, '/'); return;
    case '%': tk->t = two(L, '=', T_MOD_ASSIGN, '%'); return;
    case '^': tk->t = two(L, '=', T_POW_ASSIGN, '^'); return;
    case '=': tk->t = two(L, '=', T_EQ, '='); return;
    case '<': tk->t = two(L, '=', T_LE, '<'); return;
    case '>': tk->t = s[L->pos + 1] == '>' ? (L->pos += 2, T_APPEND) : two(L, '=', T_GE, '>'); return;
    case '!': tk->t = s[L->pos + 1] == '~' ? (L->pos += 2, T_NOMATCH) : two(L, '=', T_NE, '!'); return;
    case '|': tk->t = two(L, '|', T_OR, '|'); return;
    case '&':
        if (s[L->pos + 1] == '&') {
            L->pos += 2;
            tk->t = T_AND;
            return;
        }
        break;
    case '{': case '}': case '(': case ')': case '[': case ']': case ';': case ',':
    case '?': case ':': case '~': case '$':
        L->pos++;
        tk->t = c;
        return;
    default:
        break;
    }
    tk->t = T_ERROR;
    L->err = "syntax error";
    L->pos++;
}
