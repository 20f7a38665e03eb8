/* builtins_read.c — read and mapfile/readarray: lines from an fd into
 * variables and arrays.
 *
 * read takes one byte at a time, so that whatever follows the line stays
 * for the next reader of the same fd (a script read from stdin goes on
 * after the line a `read` in it consumed).
 */
#include "sh.h"

/* Read one byte; 1, 0 at end of file, or 128+sig when a trapped signal
 * interrupted (*ch untouched). */
static int read_byte(Shell *sh, int fd, char *ch, int *sig)
{
    for (;;) {
        SyscallResult r = sys_read(fd, ch, 1);
        if (r.error == AX_EINTR) {
            int s = trap_run_pending(sh);
            if (s) {
                *sig = s;
                return -1;
            }
            continue;
        }
        return r.error == AX_OK && r.value == 1 ? 1 : 0;
    }
}

/* Split a line for read: the characters marked in esc (a backslash
 * quoted them) never separate. With rest, the last of nvars fields gets
 * the rest of the line less trailing IFS white space; without, every
 * field is one (read -a). */
static void read_split(Shell *sh, const char *s, const char *esc, size_t n, int nvars, bool rest, StrList *out)
{
    const char *ifs = sh_ifs(sh);
    size_t i = 0;
#define SEP(k) (!esc[k] && strchr(ifs, s[k]))
#define BLANK(k) (SEP(k) && ifs_is_blank(s[k]))
    while (i < n && BLANK(i))
        i++;
    while (i < n && (!rest || (int)out->n < nvars - 1)) {
        size_t start = i;
        while (i < n && !SEP(i))
            i++;
        sl_push(out, xstrndup(s + start, i - start));
        /* one separator: white space around at most one other IFS char */
        bool hard = false;
        while (i < n && SEP(i)) {
            if (!ifs_is_blank(s[i])) {
                if (hard)
                    break;
                hard = true;
            }
            i++;
        }
    }
    if (rest && (i < n || (int)out->n < nvars)) {
        size_t end = n;
        while (end > i && BLANK(end - 1))
            end--;
        sl_push(out, xstrndup(s + i, end > i ? end - i : 0));
    }
#undef SEP
#undef BLANK
    sl_terminate(out);
}

/* read -t's argument: seconds with an optional fraction, as bash takes
 * it; false when it is not one. */
static bool parse_timeout(const char *s, int64_t *ns)
{
    int64_t whole = 0, frac = 0, scale = 1000000000;
    const char *p = s;
    if (!*p)
        return false;
    for (; *p >= '0' && *p <= '9'; p++)
        if ((whole = whole * 10 + (*p - '0')) > 1000000000)
            whole = 1000000000; /* past 30 years is forever */
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            if (scale > 1) {
                scale /= 10;
                frac += (*p - '0') * scale;
            }
    if (*p || (p == s + 1 && *s == '.'))
        return false;
    *ns = whole * 1000000000 + frac;
    return true;
}

/* Wait until fd is readable or the deadline (monotonic ns) passes: 1
 * readable, 0 timed out, -1 a trapped signal came (*sig). */
static int wait_readable(Shell *sh, int fd, int64_t deadline, int *sig)
{
    for (;;) {
        int64_t left = deadline - sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
        if (left < 0)
            left = 0;
        PollFd pfd = {.fd = fd, .events = AX_POLLIN};
        SyscallResult r = sys_ppoll(&pfd, 1, &left, NULL);
        if (r.error == AX_EINTR) {
            int s = trap_run_pending(sh);
            if (s) {
                *sig = s;
                return -1;
            }
            continue;
        }
        if (r.error != AX_OK)
            return 1; /* let read say what is wrong */
        return r.value > 0 ? 1 : 0;
    }
}

int bi_read(Shell *sh, int argc, char **argv)
{
    bool raw = false, exact = false;
    const char *prompt = NULL, *array = NULL;
    int nchars = -1, fd = 0;
    int delim = '\n';
    int64_t timeout = -1; /* -t, in ns */
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt(&g, argc, argv, "rp:n:N:d:st:u:a:e")) != -1) {
        switch (c) {
        case 'r': raw = true; break;
        case 'p': prompt = g.arg; break;
        case 'N': exact = true; /* fall through */
        case 'n': {
            int64_t v;
            if (!sh_parse_int(g.arg, &v) || v < 0) {
                sh_error(sh, "read: %s: invalid number", g.arg);
                return 1;
            }
            nchars = v > 0x7fffffff ? 0x7fffffff : (int)v;
            break;
        }
        case 'd': delim = (unsigned char)g.arg[0]; break;
        case 'u': {
            int64_t v;
            if (!sh_parse_int(g.arg, &v) || v < 0 || v > 0x7fffffff ||
                sys_fcntl((int)v, AX_F_GETFD, 0).error != AX_OK) {
                sh_error(sh, "read: %s: invalid file descriptor specification", g.arg);
                return 1;
            }
            fd = (int)v;
            break;
        }
        case 'a': array = g.arg; break;
        case 't':
            if (g.arg[0] == '-' || !parse_timeout(g.arg, &timeout)) {
                sh_error(sh, "read: %s: invalid timeout specification", g.arg);
                return 1;
            }
            break;
        case 's':
        case 'e': break; /* accepted: no per-read echo or editing here */
        default:
            sh_error(sh, "read: usage: read [-ers] [-a array] [-d delim] [-n nchars] [-N nchars] [-p prompt] "
                         "[-u fd] [name ...]");
            return 2;
        }
    }
    for (int i = g.ind; i < argc; i++) {
        if (!sh_is_name(argv[i])) {
            sh_error(sh, "read: `%s': not a valid identifier", argv[i]);
            return 1;
        }
    }
    if (array && !sh_is_name(array)) {
        sh_error(sh, "read: `%s': not a valid identifier", array);
        return 1;
    }
    if (prompt)
        sh_write_all(2, prompt, strlen(prompt));
    StrBuf line, esc; /* esc: 1 where a backslash quoted the character */
    sb_init(&line);
    sb_init(&esc);
    int st = 0, count = 0, sig = 0;
    int64_t deadline = 0;
    if (timeout == 0) {
        /* -t 0: is there input? nothing is read (bash) */
        sb_free(&line);
        sb_free(&esc);
        PollFd pfd = {.fd = fd, .events = AX_POLLIN};
        int64_t zero = 0;
        SyscallResult r = sys_ppoll(&pfd, 1, &zero, NULL);
        return r.error == AX_OK && r.value > 0 ? 0 : 1;
    }
    if (timeout > 0)
        deadline = sys_clock_gettime(AX_CLOCK_MONOTONIC).value + timeout;
    for (;;) {
        if (nchars >= 0 && count >= nchars)
            break;
        char ch;
        /* -t: what comes after the deadline stays unread; what came
         * before it is kept, and the status is 128+SIGALRM (bash) */
        int w = timeout > 0 ? wait_readable(sh, fd, deadline, &sig) : 1;
        if (w == 0) {
            st = 128 + AX_SIGALRM;
            break;
        }
        int r = w < 0 ? -1 : read_byte(sh, fd, &ch, &sig);
        if (r < 0) {
            sb_free(&line);
            sb_free(&esc);
            return 128 + sig;
        }
        if (r == 0) {
            st = 1;
            break;
        }
        if ((unsigned char)ch == delim && !exact)
            break;
        bool quoted = false;
        if (ch == '\\' && !raw) {
            r = read_byte(sh, fd, &ch, &sig);
            if (r <= 0) {
                st = 1;
                break;
            }
            if (ch == '\n')
                continue;
            quoted = true;
        }
        sb_putc(&line, ch);
        sb_putc(&esc, quoted ? 1 : 0);
        count++;
    }
    const char *text = line.s ? line.s : "";
    const char *flags = esc.s ? esc.s : "";
    int nvars = argc - g.ind;
    if (array) {
        StrList f;
        sl_init(&f);
        read_split(sh, text, flags, line.len, 0, false, &f);
        if (var_set_array(sh, array, f.v, f.n, false, ARR_LITERAL) < 0)
            st = 1;
        sl_free(&f);
    } else if (nvars == 0) {
        if (var_set(sh, "REPLY", text, 0) < 0)
            st = 1;
    } else {
        StrList f;
        sl_init(&f);
        if (exact) {
            sl_push(&f, xstrdup(text));
            sl_terminate(&f);
        } else {
            read_split(sh, text, flags, line.len, nvars, true, &f);
        }
        for (int i = 0; i < nvars; i++)
            if (var_set(sh, argv[g.ind + i], (size_t)i < f.n ? f.v[i] : "", 0) < 0)
                st = 1;
        sl_free(&f);
    }
    sb_free(&line);
    sb_free(&esc);
    return st;
}

/* mapfile / readarray [-t] [-n count] [-s skip] [-d delim] [-u fd] [array] */
int bi_mapfile(Shell *sh, int argc, char **argv)
{
    bool trim = false;
    int64_t count = 0, skip = 0;
    int delim = '\n', fd = 0;
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt(&g, argc, argv, "tn:s:d:u:O:c:C:")) != -1) {
        int64_t v = 0;
        if (c != 't' && c != 'd' && c != '?' && (!sh_parse_int(g.arg, &v) || v < 0)) {
            sh_error(sh, "%s: %s: invalid number", argv[0], g.arg);
            return 1;
        }
        switch (c) {
        case 't': trim = true; break;
        case 'n': count = v; break;
        case 's': skip = v; break;
        case 'd': delim = (unsigned char)g.arg[0]; break;
        case 'u': fd = v > 0x7fffffff ? -1 : (int)v; break;
        case 'O':
        case 'c':
        case 'C': break;
        default:
            sh_error(sh, "%s: usage: %s [-t] [-n count] [-s count] [-d delim] [-u fd] [array]", argv[0], argv[0]);
            return 2;
        }
    }
    const char *name = g.ind < argc ? argv[g.ind] : "MAPFILE";
    if (!sh_is_name(name)) {
        sh_error(sh, "%s: `%s': not a valid identifier", argv[0], name);
        return 1;
    }
    StrList lines;
    sl_init(&lines);
    StrBuf cur;
    sb_init(&cur);
    int sig = 0;
    for (;;) {
        if (count > 0 && (int64_t)lines.n >= count)
            break;
        char ch;
        int r = read_byte(sh, fd, &ch, &sig);
        if (r <= 0) {
            if (cur.len)
                sl_push(&lines, sb_take(&cur));
            break;
        }
        if ((unsigned char)ch != delim || !trim)
            sb_putc(&cur, ch);
        if ((unsigned char)ch == delim) {
            if (skip > 0) {
                skip--;
                sb_clear(&cur);
                continue;
            }
            sl_push(&lines, cur.s ? sb_take(&cur) : xstrdup(""));
        }
    }
    sb_free(&cur);
    int st = var_set_array(sh, name, lines.v, lines.n, false, ARR_LITERAL) < 0 ? 1 : 0;
    sl_free(&lines);
    return sig ? 128 + sig : st;
}
