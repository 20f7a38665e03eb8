/* history.c — the interactive shell's history: the list (the history
 * builtin shows it), and bash's ! expansion of a typed line before it is
 * parsed: !! the last command, !N command N, !-N the Nth last, !str the
 * last that starts with str, !$ the last word of the last command, !*
 * its arguments. A ! inside '...', after a backslash, or before a blank,
 * = or ( stays as it is. The line editor's up-arrow recall is the REPL's
 * own (cli/), over the same lines.
 */
#include "sh.h"

void sh_hist_add(Shell *sh, const char *line)
{
    size_t n = strlen(line);
    while (n > 0 && line[n - 1] == '\n')
        n--;
    if (n == 0)
        return;
    if (!sh->hist)
        sh->hist = xcalloc(SH_HIST_MAX, sizeof(char *));
    if (sh->hist_n == SH_HIST_MAX) {
        xfree(sh->hist[0]);
        memmove(sh->hist, sh->hist + 1, (SH_HIST_MAX - 1) * sizeof(char *));
        sh->hist_n--;
        sh->hist_base++;
    }
    sh->hist[sh->hist_n++] = xstrndup(line, n);
}

int bi_history(Shell *sh, int argc, char **argv)
{
    int first = 0;
    if (argc > 1 && strcmp(argv[1], "-c") == 0) {
        for (int i = 0; i < sh->hist_n; i++)
            xfree(sh->hist[i]);
        sh->hist_base += sh->hist_n;
        sh->hist_n = 0;
        return 0;
    }
    if (argc > 1) {
        int64_t n;
        if (!sh_parse_int(argv[1], &n) || n < 0) {
            sh_error(sh, "history: %s: numeric argument required", argv[1]);
            return 2;
        }
        if (n < sh->hist_n)
            first = sh->hist_n - (int)n;
    }
    Out o;
    out_init(&o, 1);
    for (int i = first; i < sh->hist_n; i++)
        sb_printf(&o.b, "%5d  %s\n", sh->hist_base + i + 1, sh->hist[i]);
    return out_flush(&o);
}

/* The history entry an event designator at s names; *len gets the
 * designator's length. NULL when there is none. */
static const char *event(Shell *sh, const char *s, size_t *len)
{
    int idx = -1;
    if (s[0] == '!' || s[0] == '$' || s[0] == '*') {
        *len = s[0] == '!' ? 1 : 0;
        idx = sh->hist_n - 1;
    } else if ((s[0] >= '0' && s[0] <= '9') || (s[0] == '-' && s[1] >= '0' && s[1] <= '9')) {
        char *end;
        long n = strtol(s, &end, 10);
        *len = (size_t)(end - s);
        idx = n < 0 ? sh->hist_n + (int)n : (int)n - 1 - sh->hist_base;
    } else {
        size_t n = 0;
        while (s[n] && !strchr(" \t\n;&|()<>:'\"", s[n]))
            n++;
        *len = n;
        for (int i = sh->hist_n - 1; i >= 0 && n; i--)
            if (strncmp(sh->hist[i], s, n) == 0) {
                idx = i;
                break;
            }
    }
    return idx >= 0 && idx < sh->hist_n ? sh->hist[idx] : NULL;
}

/* !$ and !*: the last word, or all but the first, of a command. */
static void words_of(StrBuf *b, const char *cmd, bool last_only)
{
    const char *last = cmd, *second = NULL;
    for (const char *p = cmd; *p;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        if (p != cmd && !second)
            second = p;
        last = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
    }
    if (last_only) {
        size_t n = strcspn(last, " \t");
        sb_putn(b, last, n);
    } else if (second) {
        sb_puts(b, second);
    }
}

int hist_expand(Shell *sh, StrBuf *line, size_t start)
{
    if (!strchr(line->s + start, '!'))
        return 0;
    StrBuf out;
    sb_init(&out);
    sb_putn(&out, line->s, start);
    bool squote = false, changed = false;
    for (const char *p = line->s + start; *p; p++) {
        if (*p == '\'' )
            squote = !squote;
        if (*p == '\\' && p[1]) {
            sb_putc(&out, *p++);
            sb_putc(&out, *p);
            continue;
        }
        /* as bash: not $! (a parameter), ${!x} (indirection), [!...] (a
         * pattern) or !( (extglob) */
        size_t at = (size_t)(p - line->s);
        bool inhibit = at > start && (p[-1] == '$' || (p[-1] == '[' && strchr(p + 1, ']')) ||
                                      (at > start + 1 && p[-1] == '{' && p[-2] == '$'));
        if (*p != '!' || squote || inhibit || !p[1] || strchr(" \t\n=(", p[1])) {
            sb_putc(&out, *p);
            continue;
        }
        size_t len;
        const char *ev = event(sh, p + 1, &len);
        if (!ev) {
            size_t n = strcspn(p, " \t\n");
            sh_error(sh, "%.*s: event not found", (int)n, p);
            sb_free(&out);
            return -1;
        }
        const char *after = p + 1 + len;
        if (*after == ':' && (after[1] == '$' || after[1] == '*'))
            after++; /* !!:$ is !$ */
        if (*after == '$' || *after == '*') {
            words_of(&out, ev, *after == '$');
            after++;
        } else {
            sb_puts(&out, ev);
        }
        p = after - 1;
        changed = true;
    }
    if (changed) {
        sb_free(line);
        *line = out;
        return 1;
    }
    sb_free(&out);
    return 0;
}
