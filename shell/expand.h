/* expand.h — what the two halves of the word expander share: expand.c
 * (the driver, fields, splitting, globbing, tilde) and expand_param.c
 * (parameter expansion, ${...} and its operators). The rest of the shell
 * uses expand_words() and its siblings from sh.h.
 */
#ifndef SHELL_EXPAND_H
#define SHELL_EXPAND_H

#include "sh.h"

enum { F_LIT = 0, F_QUOTED = 1, F_EXP = 2 };

/* Expander.err: 0 fine; X_ERROR the command fails; X_ABORT the command
 * line is abandoned; X_FATAL a non-interactive shell exits. */
enum { X_ERROR = 1, X_FATAL = 2, X_ABORT = 3 };

typedef struct Expander {
    Shell *sh;
    int flags;
    StrList *out;    /* fields (NULL: single-string mode) */
    StrBuf s, q;     /* the field being built: chars and their flags */
    bool quoted;     /* the field had quotes: "" gives an empty field */
    int lit_flag;    /* unquoted literal text: F_LIT, or F_EXP in ${u:-word} */
    int err;
} Expander;

static inline void x_add(Expander *e, const char *s, size_t n, int flag)
{
    sb_putn(&e->s, s, n);
    sb_fill(&e->q, (char)flag, n);
}

static inline void x_adds(Expander *e, const char *s, int flag)
{
    x_add(e, s, strlen(s), flag);
}

/* Is p's subscript the single character c ([@] or [*])? */
static inline bool x_index_is(const WordPart *p, char c)
{
    return p->has_index && p->index && !p->index->next && p->index->kind == WP_LIT && p->index->text[0] == c &&
           !p->index->text[1];
}

/* End the field being built ("$@" inside a word, or the word's end). */
void x_break(Expander *e, bool keep);
/* Expand a word's parts into e (dq: inside double quotes). */
void expand_parts(Expander *e, const WordPart *p, bool dq);
/* A nested word as one string; NULL (e->err set) after an error. */
char *expand_sub_str(Expander *e, const WordPart *p, int flags);
/* $name, ${name...} and their operators. */
void expand_param(Expander *e, const WordPart *p, bool dq);

#endif
