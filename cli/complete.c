/* Tab completion at libedit's cursor. The word before the cursor is a
 * command name when it starts the line or follows ; | & ( or a backquote:
 * it completes against the shell's builtins and keywords and the
 * programs in the simulated /bin. Otherwise (or when it holds a '/') it
 * completes a path of the simulated filesystem, relative to the shell's
 * cwd, read on the host through kernel_list_dir. One match is inserted
 * whole ("/" after a directory, " " after anything else); several insert
 * their common prefix, and a second Tab lists them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libedit.h"
#include "repl.h"

static const char *const complete_builtins[] = {
    ".", ":", "[", "alias", "bg", "break", "case", "cd", "continue", "do", "done", "echo",
    "elif", "else", "esac", "eval", "exec", "exit", "export", "false", "fg", "fi", "for",
    "help", "history", "if", "in", "jobs", "kill", "printf", "pwd", "read", "return", "set",
    "shift", "source", "test", "then", "trap", "true", "type", "unalias", "unset", "until",
    "wait", "while", NULL,
};

typedef struct Match {
    char *name;
    bool dir;
} Match;

typedef struct Matches {
    const char *prefix;
    size_t plen;
    Match *v;
    size_t n, cap;
} Matches;

static void match_add(Matches *m, const char *name, bool dir) {
    if (strncmp(name, m->prefix, m->plen) != 0)
        return;
    if (name[0] == '.' && m->prefix[0] != '.')
        return; /* hidden unless asked for */
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 32;
        m->v = realloc(m->v, m->cap * sizeof *m->v);
        if (!m->v)
            abort();
    }
    m->v[m->n].name = strdup(name);
    m->v[m->n++].dir = dir;
}

static void match_entry(void *ud, const DirEntry *e) {
    match_add(ud, e->name, e->type == AX_DT_DIR);
}

static int match_cmp(const void *a, const void *b) {
    return strcmp(((const Match *)a)->name, ((const Match *)b)->name);
}

/* Sort, and drop duplicates (a builtin that is also in /bin). */
static void match_sort(Matches *m) {
    if (m->n == 0)
        return;
    qsort(m->v, m->n, sizeof *m->v, match_cmp);
    size_t out = 1;
    for (size_t i = 1; i < m->n; i++) {
        if (strcmp(m->v[out - 1].name, m->v[i].name) == 0)
            free(m->v[i].name);
        else
            m->v[out++] = m->v[i];
    }
    m->n = out;
}

static void match_free(Matches *m) {
    for (size_t i = 0; i < m->n; i++)
        free(m->v[i].name);
    free(m->v);
}

static bool is_break(char c) {
    return c == ' ' || c == '\t' || c == ';' || c == '|' || c == '&' || c == '(' ||
           c == ')' || c == '<' || c == '>' || c == '`' || c == '"' || c == '\'';
}

/* Does the word starting at `start` stand where a command name goes? */
static bool command_position(const char *line, size_t start) {
    size_t i = start;
    while (i > 0 && (line[i - 1] == ' ' || line[i - 1] == '\t'))
        i--;
    if (i == 0)
        return true;
    char c = line[i - 1];
    return c == ';' || c == '|' || c == '&' || c == '(' || c == '`';
}

/* Insert s with the shell's special characters backslash-escaped. */
static void insert_escaped(EditLine *el, const char *s) {
    char out[2 * AX_NAME_MAX + 2];
    size_t o = 0;
    for (; *s && o + 2 < sizeof out; s++) {
        if (strchr(" \t\\'\"$`&;|<>()*?[]!#~{}", *s))
            out[o++] = '\\';
        out[o++] = *s;
    }
    out[o] = '\0';
    if (o)
        el_insertstr(el, out);
}

static void list_matches(Repl *r, const Matches *m) {
    size_t width = 0;
    for (size_t i = 0; i < m->n; i++) {
        size_t w = strlen(m->v[i].name) + m->v[i].dir;
        width = w > width ? w : width;
    }
    ConsoleState cs;
    kernel_console_state(r->k, &cs);
    size_t cols = cs.winsize.cols ? cs.winsize.cols : 80;
    size_t per = cols / (width + 2) ? cols / (width + 2) : 1;
    size_t rows = (m->n + per - 1) / per;
    fputc('\n', stdout);
    for (size_t row = 0; row < rows; row++) {
        for (size_t c = 0; c < per; c++) {
            size_t i = c * rows + row;
            if (i >= m->n)
                break;
            int pad = (int)(width + 2 - strlen(m->v[i].name) - m->v[i].dir);
            printf("%s%s%*s", m->v[i].name, m->v[i].dir ? "/" : "", i + rows < m->n ? pad : 0, "");
        }
        fputc('\n', stdout);
    }
    fflush(stdout);
}

/* FNV-1a of the line: enough to tell that a Tab follows a Tab */
static uint64_t line_hash(const LineInfo *li) {
    uint64_t h = 1469598103934665603u;
    for (const char *c = li->buffer; c < li->lastchar; c++)
        h = (h ^ (unsigned char)*c) * 1099511628211u;
    return h;
}

unsigned char complete_word(EditLine *el, int ch) {
    void *ud = NULL;
    el_get(el, EL_CLIENTDATA, &ud);
    Repl *r = ud;
    const LineInfo *li = el_line(el);
    size_t cur = (size_t)(li->cursor - li->buffer);
    size_t start = cur;
    while (start > 0 && !is_break(li->buffer[start - 1]))
        start--;
    char word[AX_PATH_MAX + 1];
    size_t wlen = cur - start < AX_PATH_MAX ? cur - start : AX_PATH_MAX;
    memcpy(word, li->buffer + start, wlen);
    word[wlen] = '\0';

    Matches m = {0};
    char *slash = strrchr(word, '/');
    if (command_position(li->buffer, start) && !slash) {
        m.prefix = word;
        m.plen = wlen;
        for (const char *const *b = complete_builtins; *b; b++)
            match_add(&m, *b, false);
        kernel_list_dir(r->k, 0, "/bin", match_entry, &m);
    } else {
        char dir[AX_PATH_MAX + 1] = ".";
        if (slash) {
            size_t dlen = (size_t)(slash - word);
            memcpy(dir, word, dlen ? dlen : 1); /* "/x" lists "/" */
            dir[dlen ? dlen : 1] = '\0';
        }
        m.prefix = slash ? slash + 1 : word;
        m.plen = strlen(m.prefix);
        kernel_list_dir(r->k, r->shell_pid, dir, match_entry, &m);
    }
    match_sort(&m);

    unsigned char ret = CC_REFRESH;
    if (m.n == 0) {
        ret = CC_REFRESH_BEEP;
    } else if (m.n == 1) {
        insert_escaped(el, m.v[0].name + m.plen);
        el_insertstr(el, m.v[0].dir ? "/" : " ");
    } else {
        size_t common = strlen(m.v[0].name);
        for (size_t i = 1; i < m.n; i++) {
            size_t j = 0;
            while (j < common && m.v[i].name[j] == m.v[0].name[j])
                j++;
            common = j;
        }
        if (common > m.plen) {
            char part[AX_NAME_MAX + 1];
            memcpy(part, m.v[0].name + m.plen, common - m.plen);
            part[common - m.plen] = '\0';
            insert_escaped(el, part);
        } else {
            /* nothing to add: the first Tab beeps, the next one in a
             * row (same line, same place) lists, as bash's readline */
            uint64_t h = line_hash(li);
            if (r->tab_armed && r->tab_line_hash == h && r->tab_cursor == cur) {
                list_matches(r, &m);
                ret = CC_REDISPLAY;
            } else {
                ret = CC_REFRESH_BEEP;
            }
            r->tab_armed = true;
            r->tab_line_hash = h;
            r->tab_cursor = cur;
        }
    }
    if (ret != CC_REFRESH_BEEP && ret != CC_REDISPLAY)
        r->tab_armed = false;
    match_free(&m);
    return ret;
}
