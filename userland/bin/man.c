/* man [-k WORD | -f NAME | [SECTION] NAME...], apropos WORD..., whatis
 * NAME...: the bundled manual (userland/man, compiled in). On a terminal
 * a page goes through the pager ($MANPAGER, $PAGER, else less); anywhere
 * else it is written as it is. Exit status as man-db: 0, 16 when a page or
 * word was not found, 1 on a usage error. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ulib.h"

#define MAN_NOT_FOUND 16
#define MAN_WIDTH 78

/* The NAME line's text: "cat - copy files..." (up to the newline). */
static const char *name_line(const UManPage *p, size_t *len)
{
    const char *s = p->text + 5; /* after "NAME\n" */
    while (*s == ' ')
        s++;
    const char *eol = strchr(s, '\n');
    *len = eol ? (size_t)(eol - s) : strlen(s);
    return s;
}

/* "cat (1)              - copy files..." as whatis and apropos print it:
 * each name of the page (only `only` when it is set), then the summary. */
static void print_summary(UStream *out, const UManPage *p, const char *only)
{
    size_t len;
    const char *s = name_line(p, &len);
    const char *dash = strstr(s, " - ");
    if (!dash || dash > s + len)
        return;
    const char *what = dash + 3;
    int wlen = (int)(len - (size_t)(what - s));
    const char *q = s;
    while (q < dash) {
        const char *comma = memchr(q, ',', (size_t)(dash - q));
        const char *stop = comma ? comma : dash;
        int nlen = (int)(stop - q);
        if (!only || (strlen(only) == (size_t)nlen && memcmp(q, only, (size_t)nlen) == 0)) {
            char head[320];
            int hl = snprintf(head, sizeof head, "%.*s (%d)", nlen, q, p->section);
            u_fprintf(out, "%s%*s - %.*s\n", head, hl < 20 ? 20 - hl : 0, "", wlen, what);
        }
        if (!comma)
            break;
        q = comma + 1;
        while (*q == ' ')
            q++;
    }
}

/* Case-insensitive substring search in s[0..len). */
static bool contains_word(const char *s, size_t len, const char *word)
{
    size_t wl = strlen(word);
    for (size_t i = 0; i + wl <= len; i++)
        if (strncasecmp(s + i, word, wl) == 0)
            return true;
    return false;
}

/* apropos / man -k: pages whose NAME line mentions a word. */
static int apropos(char **words, int n, const char *prog)
{
    size_t np;
    const UManPage *pages = u_man_pages(&np);
    int status = 0;
    for (int w = 0; w < n; w++) {
        bool any = false;
        for (size_t i = 0; i < np; i++) {
            size_t len;
            const char *s = name_line(&pages[i], &len);
            if (contains_word(s, len, words[w])) {
                print_summary(u_stdout(), &pages[i], NULL);
                any = true;
            }
        }
        if (!any) {
            u_eprintf("%s: nothing appropriate.\n", words[w]);
            status = MAN_NOT_FOUND;
        }
    }
    (void)prog;
    return status;
}

/* whatis / man -f: the summary of each name. */
static int whatis(char **names, int n)
{
    int status = 0;
    size_t np;
    const UManPage *pages = u_man_pages(&np);
    for (int w = 0; w < n; w++) {
        bool any = false;
        for (size_t i = 0; i < np; i++) {
            if (u_man_names(&pages[i], names[w])) {
                print_summary(u_stdout(), &pages[i], names[w]);
                any = true;
            }
        }
        if (!any) {
            u_eprintf("%s: nothing appropriate.\n", names[w]);
            status = MAN_NOT_FOUND;
        }
    }
    return status;
}

/* The page as man shows it: a title line, the text, a footer line. */
static void render(UStream *out, const UManPage *p)
{
    char title[300];
    size_t stem = strcspn(p->file, ".");
    int tl = snprintf(title, sizeof title, "%.*s(%d)", (int)stem, p->file, p->section);
    for (int i = 0; i < tl; i++)
        if (title[i] >= 'a' && title[i] <= 'z')
            title[i] = (char)(title[i] - 'a' + 'A');
    const char *mid = "axos manual";
    int gap = MAN_WIDTH - 2 * tl - (int)strlen(mid);
    int left = gap > 2 ? gap / 2 : 1;
    u_fprintf(out, "%s%*s%s%*s%s\n\n", title, left, "", mid, gap > 2 ? gap - left : 1, "", title);
    u_fputs(p->text, out);
    size_t len = strlen(p->text);
    if (len && p->text[len - 1] != '\n')
        u_putc('\n', out);
    char ver[64];
    int vl = snprintf(ver, sizeof ver, "axos %s", AX_VERSION_STRING);
    u_fprintf(out, "\n%s%*s%s\n", ver, MAN_WIDTH - vl - tl > 1 ? MAN_WIDTH - vl - tl : 1, "",
              title);
}

/* Start the pager on a pipe and point stdout at it. Returns its pid, or
 * -1 (the page then goes straight to stdout). */
static int start_pager(int *saved_out)
{
    char *pager = u_getenv("MANPAGER");
    if (!pager || !*pager) {
        xfree(pager);
        pager = u_getenv("PAGER");
    }
    if (!pager || !*pager) {
        xfree(pager);
        pager = xstrdup("less");
    }
    /* "less -R": the program and its words, split at blanks */
    char *argv[16];
    int argc = 0;
    char *save;
    for (char *t = strtok_r(pager, " \t", &save); t && argc < 15; t = strtok_r(NULL, " \t", &save))
        argv[argc++] = t;
    argv[argc] = NULL;
    if (argc == 0) {
        xfree(pager);
        return -1;
    }
    char *path_list = u_getenv("PATH");
    const char *cursor = path_list ? path_list : "/bin";
    char *prog = u_path_lookup(argv[0], path_list ? path_list : "/bin", &cursor);
    xfree(path_list);
    int fds[2];
    if (!prog || sys_pipe(fds).error != AX_OK) {
        xfree(prog);
        xfree(pager);
        return -1;
    }
    SpawnFileAction acts[] = {
        {AX_SPAWN_DUP2, fds[0], 0, NULL, 0, 0},
        {AX_SPAWN_CLOSE, fds[0], 0, NULL, 0, 0},
        {AX_SPAWN_CLOSE, fds[1], 0, NULL, 0, 0},
    };
    SpawnAttr attr = {.actions = acts, .nactions = 3};
    SyscallResult r = sys_spawn(prog, argv, NULL, &attr);
    xfree(prog);
    xfree(pager);
    sys_close(fds[0]);
    if (r.error != AX_OK) {
        sys_close(fds[1]);
        return -1;
    }
    *saved_out = (int)sys_dup(1).value;
    sys_dup2(fds[1], 1);
    sys_close(fds[1]);
    return (int)r.value;
}

static void finish_pager(int pid, int saved_out)
{
    u_fflush(u_stdout());
    sys_dup2(saved_out, 1); /* the pager sees end of input */
    sys_close(saved_out);
    int st;
    while (sys_waitpid(pid, &st, 0).error == AX_EINTR) {
    }
}

static const ULongOpt man_longopts[] = {
    {"apropos", U_NO_ARG, 'k'},
    {"whatis", U_NO_ARG, 'f'},
    {NULL, 0, 0},
};

int man_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    int c, mode = 0;
    while ((c = u_getopt_long(&g, argc, argv, "kf", man_longopts)) != -1) {
        if (c == '?')
            return 1;
        mode = c;
    }
    char **ops = argv + g.ind;
    int nops = argc - g.ind;
    if (nops == 0) {
        u_eprintf(mode ? "%s what?\n" : "What manual page do you want?\nFor example, try 'man man'.\n",
                  mode == 'k' ? "apropos" : "whatis");
        return 1;
    }
    if (mode == 'k')
        return apropos(ops, nops, argv[0]);
    if (mode == 'f')
        return whatis(ops, nops);
    int section = 0;
    if (nops > 1 && ops[0][0] >= '1' && ops[0][0] <= '9' && ops[0][1] == '\0') {
        section = ops[0][0] - '0';
        ops++;
        nops--;
    }
    const UManPage **found = xcalloc((size_t)nops, sizeof *found);
    int status = 0, nfound = 0;
    for (int i = 0; i < nops; i++) {
        found[i] = u_man_find(ops[i], section);
        if (found[i])
            nfound++;
        else if (section)
            u_eprintf("No entry for %s in section %d of the manual\n", ops[i], section), status = MAN_NOT_FOUND;
        else
            u_eprintf("No manual entry for %s\n", ops[i]), status = MAN_NOT_FOUND;
    }
    if (nfound) {
        int saved = -1, pid = u_isatty(1) ? start_pager(&saved) : -1;
        bool first = true;
        for (int i = 0; i < nops; i++) {
            if (!found[i])
                continue;
            if (!first)
                u_putc('\n', u_stdout());
            render(u_stdout(), found[i]);
            first = false;
        }
        if (pid > 0)
            finish_pager(pid, saved);
    }
    xfree(found);
    return status;
}

int apropos_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    if (u_getopt_long(&g, argc, argv, "", NULL) != -1)
        return 1;
    if (g.ind >= argc) {
        u_eprintf("apropos what?\n");
        return 1;
    }
    return apropos(argv + g.ind, argc - g.ind, argv[0]);
}

int whatis_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    if (u_getopt_long(&g, argc, argv, "", NULL) != -1)
        return 1;
    if (g.ind >= argc) {
        u_eprintf("whatis what?\n");
        return 1;
    }
    return whatis(argv + g.ind, argc - g.ind);
}
