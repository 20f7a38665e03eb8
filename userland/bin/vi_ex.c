/* vi's command line (":"): w [FILE], q, q!, wq, x, w!, a line number or $
 * to go to, and [RANGE]s/PATTERN/REPLACEMENT/[g] with RANGE % or N,M (. and
 * $ allowed), & and \1..\9 in REPLACEMENT. Messages are vim's. */
#include <ctype.h>
#include <string.h>

#include "vi.h"

static const char *skip_blanks(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* A line address: N, . or $, with +N / -N after it. */
static bool address(Vi *v, const char **sp, size_t *out)
{
    const char *s = *sp;
    int64_t line;
    if (*s == '.') {
        line = (int64_t)v->row + 1;
        s++;
    } else if (*s == '$') {
        line = (int64_t)v->n;
        s++;
    } else if (isdigit((unsigned char)*s)) {
        line = 0;
        while (isdigit((unsigned char)*s) && line < 1000000000)
            line = line * 10 + (*s++ - '0');
    } else if (*s == '+' || *s == '-') {
        line = (int64_t)v->row + 1;
    } else {
        return false;
    }
    while (*s == '+' || *s == '-') {
        int sign = *s++ == '+' ? 1 : -1;
        int64_t d = 0;
        if (!isdigit((unsigned char)*s))
            d = 1;
        while (isdigit((unsigned char)*s) && d < 1000000000)
            d = d * 10 + (*s++ - '0');
        line += sign * d;
    }
    if (line < 1)
        line = 1;
    if (line > (int64_t)v->n)
        line = (int64_t)v->n;
    *out = (size_t)line - 1;
    *sp = s;
    return true;
}

static void substitute(Vi *v, size_t from, size_t to, const char *s)
{
    char delim = *s++;
    if (!delim || delim == '\\' || isalnum((unsigned char)delim)) {
        snprintf(v->msg, sizeof v->msg, "E146: Regular expressions can't be delimited by letters");
        return;
    }
    /* PATTERN and REPLACEMENT, with \DELIM for the delimiter itself */
    char *parts[2];
    for (int i = 0; i < 2; i++) {
        size_t len = 0;
        parts[i] = xmalloc(strlen(s) + 1);
        while (*s && *s != delim) {
            if (*s == '\\' && s[1] == delim) {
                parts[i][len++] = delim;
                s += 2;
                continue;
            }
            if (*s == '\\' && s[1])
                parts[i][len++] = *s++;
            parts[i][len++] = *s++;
        }
        parts[i][len] = 0;
        if (*s == delim)
            s++;
    }
    bool global = false;
    for (; *s; s++) {
        if (*s == 'g')
            global = true;
    }
    if (parts[0][0]) {
        if (v->have_re)
            regfree(&v->re);
        v->have_re = regcomp(&v->re, parts[0], 0) == 0;
        if (!v->have_re)
            snprintf(v->msg, sizeof v->msg, "E486: Pattern not found: %s", parts[0]);
    }
    const char *rep = parts[1];
    size_t changed = 0;
    bool snapped = false;
    for (size_t row = from; row <= to && v->have_re; row++) {
        ViLine *l = &v->lines[row];
        char *src = xstrndup(l->s ? l->s : "", l->len);
        size_t slen = l->len, off = 0, cap = slen + 64, n = 0;
        char *out = xmalloc(cap);
        bool did = false;
        regmatch_t m[10];
        while (off <= slen && regexec(&v->re, src + off, 10, m, off ? REG_NOTBOL : 0) == 0) {
            size_t so = off + (size_t)m[0].rm_so, eo = off + (size_t)m[0].rm_eo;
            /* the text before, then the replacement */
            size_t need = n + (so - off) + strlen(rep) * (slen + 1) + 2;
            if (need > cap)
                out = xrealloc(out, cap = need * 2);
            memcpy(out + n, src + off, so - off);
            n += so - off;
            for (const char *r = rep; *r; r++) {
                if (*r == '&' || (*r == '\\' && r[1] >= '0' && r[1] <= '9')) {
                    int g = *r == '&' ? 0 : *++r - '0';
                    if (m[g].rm_so >= 0) {
                        size_t gl = (size_t)(m[g].rm_eo - m[g].rm_so);
                        memcpy(out + n, src + off + m[g].rm_so, gl);
                        n += gl;
                    }
                } else if (*r == '\\' && r[1]) {
                    r++;
                    out[n++] = *r == 'n' ? '\n' : *r == 't' ? '\t' : *r;
                } else {
                    out[n++] = *r;
                }
            }
            did = true;
            if (eo == so) { /* an empty match: keep one character and go on */
                if (so < slen)
                    out[n++] = src[so];
                off = so + 1;
            } else {
                off = eo;
            }
            if (!global)
                break;
        }
        if (did) {
            if (off < slen) {
                if (n + slen - off + 1 > cap)
                    out = xrealloc(out, cap = n + slen - off + 1);
                memcpy(out + n, src + off, slen - off);
                n += slen - off;
            }
            if (!snapped) {
                vi_snapshot(v);
                snapped = true;
            }
            vi_line_set(v, row, out, n);
            v->dirty = true;
            changed++;
            v->row = row;
        }
        xfree(out);
        xfree(src);
    }
    if (v->have_re && changed == 0)
        snprintf(v->msg, sizeof v->msg, "E486: Pattern not found: %s", parts[0]);
    else if (changed > 1)
        snprintf(v->msg, sizeof v->msg, "%zu substitutions on %zu lines", changed, changed);
    v->col = vi_first_nonblank(v, v->row);
    xfree(parts[0]);
    xfree(parts[1]);
}

void vi_ex(Vi *v, const char *line)
{
    const char *s = skip_blanks(line);
    size_t from = v->row, to = v->row;
    bool ranged = false;
    if (*s == '%') {
        from = 0;
        to = v->n - 1;
        ranged = true;
        s++;
    } else if (address(v, &s, &from)) {
        to = from;
        ranged = true;
        if (*s == ',') {
            s++;
            if (!address(v, &s, &to)) {
                snprintf(v->msg, sizeof v->msg, "E14: Invalid address");
                return;
            }
        }
    }
    s = skip_blanks(s);
    if (from > to) {
        size_t t = from;
        from = to;
        to = t;
    }
    if (!*s) {
        if (ranged) { /* ":N" goes to line N */
            v->row = to;
            v->col = vi_first_nonblank(v, v->row);
        }
        return;
    }
    if (*s == 's' && !isalpha((unsigned char)s[1])) {
        substitute(v, from, to, s + 1);
        return;
    }
    /* the name and its arguments */
    char cmd[16];
    size_t n = 0;
    while (isalpha((unsigned char)*s) && n + 1 < sizeof cmd)
        cmd[n++] = *s++;
    cmd[n] = 0;
    bool bang = *s == '!';
    if (bang)
        s++;
    const char *arg = skip_blanks(s);
    bool write = strcmp(cmd, "w") == 0 || strcmp(cmd, "write") == 0 || strcmp(cmd, "wq") == 0 ||
                 strcmp(cmd, "x") == 0 || strcmp(cmd, "xit") == 0 || strcmp(cmd, "exit") == 0;
    bool quit = strcmp(cmd, "q") == 0 || strcmp(cmd, "quit") == 0 || strcmp(cmd, "wq") == 0 ||
                strcmp(cmd, "x") == 0 || strcmp(cmd, "xit") == 0 || strcmp(cmd, "exit") == 0;
    if (!write && !quit) {
        snprintf(v->msg, sizeof v->msg, "E492: Not an editor command: %.100s", line);
        return;
    }
    if (write) {
        const char *path = *arg ? arg : v->path;
        bool only_if_changed = cmd[0] == 'x' || cmd[0] == 'e';
        if (!path) {
            if (!(only_if_changed && !v->dirty)) {
                snprintf(v->msg, sizeof v->msg, "E32: No file name");
                return;
            }
        } else if (!only_if_changed || v->dirty || *arg) {
            if (vi_write(v, path, false) < 0)
                return; /* the message says why; do not quit */
            if (!v->path)
                v->path = xstrdup(path);
        }
    }
    if (quit) {
        if (v->dirty && !bang) {
            snprintf(v->msg, sizeof v->msg, "E37: No write since last change (add ! to override)");
            return;
        }
        v->quit = true;
    }
}
