/* input.c — where command text comes from.
 *
 * A string (sh -c, eval, a trap, a re-executed subshell) or an fd (a
 * script, stdin, the terminal). The parser asks for one line at a time and
 * only when it needs it, so when the shell reads commands from stdin a
 * command that reads stdin itself (`read x`, `cat`) gets the lines after
 * it, as in bash:
 *   - a pipe is read one byte at a time, never past the end of a line;
 *   - a regular file is read in blocks, and before a command runs the
 *     read-ahead is given back with lseek (input_sync);
 *   - a terminal in canonical mode never returns more than a line anyway.
 */
#include "sh.h"

#define INPUT_BUF 4096

void input_init_string(Input *in, const char *s, size_t n)
{
    memset(in, 0, sizeof *in);
    in->kind = IN_STRING;
    in->str = s;
    in->slen = n;
    in->fd = -1;
}

void input_init_fd(Shell *sh, Input *in, int fd, bool interactive)
{
    memset(in, 0, sizeof *in);
    in->kind = IN_FD;
    in->fd = fd;
    FileStat st;
    if (sys_fstat(fd, &st).error == AX_OK) {
        in->seekable = AX_S_ISREG(st.mode);
        in->bytewise = AX_S_ISFIFO(st.mode);
    }
    in->prompt = interactive;
    in->history = interactive;
    in->buf = xmalloc(INPUT_BUF);
    (void)sh;
}

void input_fini(Input *in)
{
    xfree(in->buf);
    in->buf = NULL;
}

static void show_prompt(Shell *sh, bool cont)
{
    const char *ps = var_get(sh, cont ? "PS2" : "PS1");
    if (!ps)
        return;
    char *s = expand_prompt(sh, ps);
    sh_write_all(2, s, strlen(s));
    xfree(s);
}

int input_line(Shell *sh, Input *in, StrBuf *out, bool cont)
{
    if (in->kind == IN_STRING) {
        if (in->spos >= in->slen)
            return IN_EOF;
        const char *s = in->str + in->spos;
        const char *nl = memchr(s, '\n', in->slen - in->spos);
        size_t n = nl ? (size_t)(nl - s) + 1 : in->slen - in->spos;
        sb_putn(out, s, n);
        in->spos += n;
        in->lineno++;
        return IN_LINE;
    }
    if (in->eof)
        return IN_EOF;
    if (in->prompt)
        show_prompt(sh, cont);
    bool got = false;
    size_t start = out->len;
    for (;;) {
        if (in->bpos < in->blen) {
            const char *s = in->buf + in->bpos;
            const char *nl = memchr(s, '\n', in->blen - in->bpos);
            size_t n = nl ? (size_t)(nl - s) + 1 : in->blen - in->bpos;
            sb_putn(out, s, n);
            in->bpos += n;
            got = true;
            if (nl)
                break;
        }
        in->bpos = in->blen = 0;
        SyscallResult r = sys_read(in->fd, in->buf, in->bytewise ? 1 : INPUT_BUF);
        if (r.error == AX_EINTR) {
            if (in->prompt)
                return IN_INTR;
            trap_run_pending(sh);
            continue;
        }
        if (r.error != AX_OK || r.value == 0) {
            /* ^D on a terminal ends only this read; a later one may go on */
            if (!in->prompt)
                in->eof = true;
            if (got)
                break;
            in->eof = true;
            return IN_EOF;
        }
        in->blen = (size_t)r.value;
    }
    in->lineno++;
    if (in->history) {
        int h = hist_expand(sh, out, start);
        if (h > 0) /* bash shows the line it is going to run */
            sh_write_all(2, out->s + start, out->len - start);
        if (h < 0) {
            out->len = start;
            sb_putc(out, '\n');
        }
    }
    return IN_LINE;
}

void input_sync(Input *in)
{
    if (in->kind != IN_FD || !in->seekable || in->bpos >= in->blen)
        return;
    sys_lseek(in->fd, -(int64_t)(in->blen - in->bpos), AX_SEEK_CUR);
    in->bpos = in->blen = 0;
}

/* ---- prompts ---- */

char *expand_prompt(Shell *sh, const char *ps)
{
    StrBuf b;
    sb_init(&b);
    for (const char *p = ps; *p; p++) {
        if (*p != '\\' || !p[1]) {
            sb_putc(&b, *p);
            continue;
        }
        p++;
        switch (*p) {
        case 'u': { /* bash: the name of the real uid, not $USER (su keeps that) */
            UAccounts acc;
            char num[12];
            u_accounts_load(&acc);
            sb_puts(&b, u_account_name(&acc, true, (uint32_t)sys_getuid().value, num));
            u_accounts_free(&acc);
            break;
        }
        case 'h':
        case 'H': sb_puts(&b, var_get(sh, "HOSTNAME") ? var_get(sh, "HOSTNAME") : "axos"); break;
        case 'w':
        case 'W': {
            const char *pwd = var_get(sh, "PWD");
            const char *home = var_get(sh, "HOME");
            if (!pwd)
                pwd = "?";
            if (*p == 'W' && strcmp(pwd, "/") != 0 && strrchr(pwd, '/'))
                pwd = strrchr(pwd, '/') + 1;
            size_t hl = home ? strlen(home) : 0;
            if (*p == 'w' && hl > 1 && strncmp(pwd, home, hl) == 0 && (pwd[hl] == '/' || !pwd[hl])) {
                sb_putc(&b, '~');
                pwd += hl;
            }
            sb_puts(&b, pwd);
            break;
        }
        case '$': sb_putc(&b, sys_geteuid().value == 0 ? '#' : '$'); break;
        case 'n': sb_putc(&b, '\n'); break;
        case 's': sb_puts(&b, "sh"); break;
        case '\\': sb_putc(&b, '\\'); break;
        case '[':
        case ']': break;
        default:
            sb_putc(&b, '\\');
            sb_putc(&b, *p);
        }
    }
    char *text = sb_take(&b);
    if (!strchr(text, '$') && !strchr(text, '`'))
        return text;
    /* then parameter expansion and command substitution, as bash does */
    char *r = expand_text(sh, text);
    xfree(text);
    return r;
}

/* Expand $ and ` forms in text as in an unquoted here-document; the text
 * itself when it does not parse. */
char *expand_text(Shell *sh, const char *text)
{
    Arena a;
    arena_init(&a);
    Parser p;
    parser_init(&p, sh, NULL, &a);
    jmp_buf jb;
    p.err = &jb;
    char *volatile r = NULL;
    if (setjmp(jb) == 0) {
        WordPart *parts = lex_heredoc_parts(&p, text, strlen(text));
        r = expand_parts_str(sh, parts, 0);
    }
    parser_fini(&p);
    arena_free(&a);
    return r ? r : xstrdup(text);
}
