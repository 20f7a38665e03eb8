/* brace.c — bash's brace expansion: a{b,c}d gives abd acd, {1..5} and
 * {a..e} (with a step, {1..10..3}, and zero padding, {01..10}) give
 * sequences. It comes before every other expansion and works on the
 * unquoted literal text of a word: a brace pair must lie within one
 * literal run of the word ("{$a,$b}" stays as it is, as `{a,"b c"}` does;
 * write the quotes around the whole word instead: "{a,b c}" is literal).
 */
#include <stdio.h>

#include "sh.h"

/* At most this many words from one word: {a,b}{a,b}... doubles each time. */
#define BRACE_MAX 100000

/* Find the first brace pair in s that expands: *open and *close index
 * the braces. A pair qualifies with a top-level comma or as a sequence. */
static bool find_pair(const char *s, size_t *open, size_t *close, bool *is_seq)
{
    for (size_t i = 0; s[i]; i++) {
        if (s[i] != '{')
            continue;
        int depth = 0;
        bool comma = false;
        for (size_t j = i + 1; s[j]; j++) {
            if (s[j] == '{') {
                depth++;
            } else if (s[j] == '}') {
                if (depth-- > 0)
                    continue;
                bool seq = !comma && strstr(s + i, "..") && strstr(s + i, "..") < s + j;
                if (comma || seq) {
                    *open = i;
                    *close = j;
                    *is_seq = !comma;
                    return true;
                }
                break;
            } else if (s[j] == ',' && depth == 0) {
                comma = true;
            }
        }
    }
    return false;
}

/* The items of a sequence {a..b[..step]}; false if body is not one. */
static bool sequence(const char *body, StrList *items)
{
    char x[64], y[64];
    long step = 0;
    int n = sscanf(body, "%63[^.]..%63[^.]..%ld", x, y, &step);
    if (n < 2)
        return false;
    char *ex, *ey;
    long a = strtol(x, &ex, 10), b = strtol(y, &ey, 10);
    bool numeric = *x && *y && !*ex && !*ey;
    bool chars = !numeric && x[0] && !x[1] && y[0] && !y[1];
    if (!numeric && !chars)
        return false;
    if (chars) {
        a = (unsigned char)x[0];
        b = (unsigned char)y[0];
    }
    if (step < 0)
        step = -step;
    if (step == 0)
        step = 1;
    /* {01..10}: as wide as the wider end, padded with zeros */
    int width = 0;
    if (numeric && ((x[0] == '0' && x[1]) || (x[0] == '-' && x[1] == '0') || (y[0] == '0' && y[1])))
        width = (int)(strlen(x) > strlen(y) ? strlen(x) : strlen(y));
    for (long v = a, k = 0; a <= b ? v <= b : v >= b; v += a <= b ? step : -step, k++) {
        if (k >= BRACE_MAX)
            break;
        sl_push(items, chars ? sh_strdup_printf("%c", (char)v) : sh_strdup_printf("%0*ld", width, v));
    }
    return true;
}

/* Expand the braces of s into out (recursively: a result may hold more). */
static void brace_text(const char *s, StrList *out, int depth)
{
    size_t open, close;
    bool is_seq;
    if (depth > 64 || out->n >= BRACE_MAX || !find_pair(s, &open, &close, &is_seq)) {
        sl_push(out, xstrdup(s));
        return;
    }
    char *body = xstrndup(s + open + 1, close - open - 1);
    StrList items;
    sl_init(&items);
    if (is_seq) {
        if (!sequence(body, &items)) {
            /* not a sequence after all: leave this pair, look further */
            sl_free(&items);
            xfree(body);
            char *head = xstrndup(s, close + 1);
            StrList rest;
            sl_init(&rest);
            brace_text(s + close + 1, &rest, depth + 1);
            for (size_t i = 0; i < rest.n; i++)
                sl_push(out, sh_strdup_printf("%s%s", head, rest.v[i]));
            sl_free(&rest);
            xfree(head);
            return;
        }
    } else {
        int d = 0;
        size_t start = 0;
        for (size_t i = 0;; i++) {
            char c = body[i];
            if (c == '{')
                d++;
            else if (c == '}')
                d--;
            if ((c == ',' && d == 0) || c == '\0') {
                sl_push(&items, xstrndup(body + start, i - start));
                start = i + 1;
            }
            if (!c)
                break;
        }
    }
    for (size_t i = 0; i < items.n && out->n < BRACE_MAX; i++) {
        char *joined = sh_strdup_printf("%.*s%s%s", (int)open, s, items.v[i], s + close + 1);
        brace_text(joined, out, depth + 1);
        xfree(joined);
    }
    sl_free(&items);
    xfree(body);
}

/* Expand the brace pairs of w's literal parts from part number `from` on. */
static Word *expand_from(Arena *a, const Word *w, int from)
{
    int idx = 0;
    for (const WordPart *hit = w->parts; hit; hit = hit->next, idx++) {
        size_t o, c;
        bool seq;
        if (idx < from || hit->kind != WP_LIT || !strchr(hit->text, '{') || !find_pair(hit->text, &o, &c, &seq))
            continue;
        StrList texts;
        sl_init(&texts);
        brace_text(hit->text, &texts, 0);
        if (texts.n == 1 && strcmp(texts.v[0], hit->text) == 0) {
            sl_free(&texts); /* braces that do not expand ({a..}) */
            continue;
        }
        Word *head = NULL, **tail = &head;
        for (size_t i = 0; i < texts.n; i++) {
            Word *copy = arena_alloc(a, sizeof *copy);
            copy->raw = w->raw;
            WordPart **pt = &copy->parts;
            for (const WordPart *p = w->parts; p; p = p->next) {
                WordPart *np = arena_alloc(a, sizeof *np);
                *np = *p;
                np->next = NULL;
                if (p == hit)
                    np->text = arena_strdup(a, texts.v[i]);
                *pt = np;
                pt = &np->next;
            }
            /* later literal parts of the copy may hold pairs of their own */
            Word *more = expand_from(a, copy, idx + 1);
            *tail = more ? more : copy;
            while (*tail)
                tail = &(*tail)->next;
        }
        sl_free(&texts);
        return head;
    }
    return NULL;
}

Word *brace_expand(Arena *a, const Word *w)
{
    return expand_from(a, w, 0);
}
