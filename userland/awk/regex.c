/* awk's regular expressions: POSIX EREs, compiled by the host's regcomp
 * after awk's own escapes are decoded (XCU awk, "Regular Expressions":
 * \/ \" \n \t ... and octal \ddd mean the character, inside brackets too).
 * Literal regexes are compiled once, when the program is parsed; dynamic
 * ones (strings used as regexes) go through a small cache. */
#include <stdio.h>
#include <string.h>

#include "awk.h"

/* Decode awk's escapes in src into an ERE for regcomp. A decoded
 * character that is special in an ERE is escaped outside brackets. */
static char *translate(const char *src, size_t n)
{
    AwkBuf b = {0};
    bool bracket = false;
    size_t bracket_start = 0;
    awk_buf_add(&b, "", 0);
    for (size_t i = 0; i < n; i++) {
        char c = src[i];
        if (bracket) {
            if (c == ']' && i > bracket_start) {
                bracket = false;
                awk_buf_addc(&b, c);
                continue;
            }
            if (c == '[' && i + 1 < n && (src[i + 1] == ':' || src[i + 1] == '.' || src[i + 1] == '=')) {
                /* [:class:] and friends stay whole */
                char close = src[i + 1];
                size_t j = i + 2;
                while (j + 1 < n && !(src[j] == close && src[j + 1] == ']'))
                    j++;
                if (j + 1 < n) {
                    awk_buf_add(&b, src + i, j + 2 - i);
                    i = j + 1;
                    continue;
                }
            }
        } else if (c == '[') {
            bracket = true;
            awk_buf_addc(&b, c);
            bracket_start = i + 1;
            if (i + 1 < n && src[i + 1] == '^') {
                awk_buf_addc(&b, '^');
                i++;
                bracket_start = i + 1;
            }
            if (i + 1 < n && src[i + 1] == ']') { /* a leading ']' is a member */
                awk_buf_addc(&b, ']');
                i++;
            }
            continue;
        }
        if (c != '\\' || i + 1 == n) {
            awk_buf_addc(&b, c);
            continue;
        }
        char e = src[++i];
        int v = -1;
        switch (e) {
        case 'n': v = '\n'; break;
        case 't': v = '\t'; break;
        case 'r': v = '\r'; break;
        case 'f': v = '\f'; break;
        case 'v': v = '\v'; break;
        case 'a': v = '\a'; break;
        case 'b': v = '\b'; break;
        case '/': v = '/'; break;
        case '"': v = '"'; break;
        default:
            if (e >= '0' && e <= '7') {
                v = 0;
                int k = 0;
                while (k < 3 && i < n && src[i] >= '0' && src[i] <= '7')
                    v = v * 8 + (src[i++] - '0'), k++;
                i--;
            }
        }
        if (v < 0) {
            /* \. \\ \[ ... : inside brackets a backslash is an ordinary
             * character for regcomp, so give the escaped one alone */
            if (bracket) {
                awk_buf_addc(&b, e);
            } else {
                awk_buf_addc(&b, '\\');
                awk_buf_addc(&b, e);
            }
            continue;
        }
        if (!bracket && v && strchr("\\^$.[]|()*+?{}", v))
            awk_buf_addc(&b, '\\');
        awk_buf_addc(&b, (char)v);
    }
    return b.s;
}

static int compile(regex_t *re, const char *src, size_t n, char *errbuf, size_t errsize)
{
    char *ere = translate(src, n);
    int e = regcomp(re, ere, REG_EXTENDED);
    xfree(ere);
    if (e != 0 && errbuf)
        regerror(e, re, errbuf, errsize);
    return e;
}

regex_t *awk_re_literal(Awk *A, const char *src, size_t len, char *err, size_t errsize)
{
    regex_t *re = xmalloc(sizeof *re);
    char why[128];
    if (compile(re, src, len, why, sizeof why) != 0) {
        xfree(re);
        snprintf(err, errsize, "regular expression /%.*s/: %s", (int)(len > 40 ? 40 : len),
                 src, why);
        return NULL;
    }
    if (A->nlit_res == A->cap_lit_res) {
        A->cap_lit_res = A->cap_lit_res ? A->cap_lit_res * 2 : 8;
        A->lit_res = xrealloc(A->lit_res, A->cap_lit_res * sizeof *A->lit_res);
    }
    A->lit_res[A->nlit_res++] = re;
    return re;
}

regex_t *awk_re_dynamic(Awk *A, const char *src)
{
    for (int i = 0; i < AWK_RE_CACHE; i++)
        if (A->re_cache[i].used && strcmp(A->re_cache[i].src, src) == 0)
            return &A->re_cache[i].re;
    int i = A->re_next;
    A->re_next = (A->re_next + 1) % AWK_RE_CACHE;
    if (A->re_cache[i].used) {
        regfree(&A->re_cache[i].re);
        xfree(A->re_cache[i].src);
        A->re_cache[i].used = false;
    }
    char why[128];
    if (compile(&A->re_cache[i].re, src, strlen(src), why, sizeof why) != 0)
        awk_fatal(A, "regular expression /%s/: %s", src, why);
    A->re_cache[i].src = xstrdup(src);
    A->re_cache[i].used = true;
    return &A->re_cache[i].re;
}

void awk_re_compile(Awk *A, regex_t *re, const char *src)
{
    char why[128];
    if (compile(re, src, strlen(src), why, sizeof why) != 0)
        awk_fatal(A, "regular expression /%s/: %s", src, why);
}

regex_t *awk_re_of(Awk *A, Node *n)
{
    if (n->op == N_REGEX)
        return n->re;
    size_t len;
    char *s = awk_eval_str(A, n, &len);
    regex_t *re = awk_re_dynamic(A, s);
    xfree(s);
    return re;
}

void awk_re_free_all(Awk *A)
{
    for (int i = 0; i < AWK_RE_CACHE; i++) {
        if (A->re_cache[i].used) {
            regfree(&A->re_cache[i].re);
            xfree(A->re_cache[i].src);
            A->re_cache[i].used = false;
        }
    }
    for (size_t i = 0; i < A->nlit_res; i++) {
        regfree(A->lit_res[i]);
        xfree(A->lit_res[i]);
    }
    A->nlit_res = 0;
    if (A->fs_re_ok) {
        regfree(&A->fs_re);
        A->fs_re_ok = false;
    }
}
