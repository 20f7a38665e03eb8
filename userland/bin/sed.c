/* sed [OPTION]... {SCRIPT | -e SCRIPT | -f FILE}... [FILE]...: the stream
 * editor, as POSIX specifies it with GNU sed's extensions (-E, -i, -s,
 * -z, 0,/re/, first~step, addr,+N, \L \U \l \u \E in replacements, the
 * commands F T W z e-less). The script is compiled by sed_parse.c; this
 * file runs the cycle: read a line into the pattern space, run the
 * commands, print it (unless -n), flush what a, r and R queued.
 * Exit status (GNU): 0; 1 for a bad script or option; 2 when an input file
 * could not be read; 4 on an I/O error; q and Q give their own. */
#include <ctype.h>
#include <string.h>

#include "sed.h"

/* ---- output ---- */

static void out_text(Sed *S, UStream *o, const char *s, size_t n, bool nl)
{
    bool *missing = o == S->out ? &S->out_missing_nl : NULL;
    if (missing && *missing) {
        u_putc(S->delim, o);
        *missing = false;
    }
    u_fwrite(s, n, o);
    if (nl)
        u_putc(S->delim, o);
    else if (missing)
        *missing = true;
    if (S->unbuffered)
        u_fflush(o);
}

static void emit_ps(Sed *S, UStream *o) { out_text(S, o, S->ps.s, S->ps.len, S->cur_nl); }

static UStream *wfile(Sed *S, int idx)
{
    SedWFile *w = &S->sc.wfiles[idx];
    if (!w->s) {
        if (strcmp(w->name, "/dev/stdout") == 0) {
            w->s = u_stdout();
        } else if (strcmp(w->name, "/dev/stderr") == 0) {
            w->s = u_stderr();
        } else {
            SyscallError err;
            w->s = u_fopen(w->name, "w", &err);
            if (!w->s) {
                u_eprintf("sed: couldn't open file %s: %s\n", w->name, sys_strerror(err));
                u_exit(4);
            }
        }
    }
    return w->s;
}

/* ---- addresses ---- */

static regex_t *use_re(Sed *S, regex_t *re)
{
    if (re)
        S->last_re = re;
    if (!S->last_re) {
        u_eprintf("sed: no previous regular expression\n");
        u_exit(1);
    }
    return S->last_re;
}

static bool match_re(Sed *S, regex_t *re)
{
    regmatch_t m;
    return regexec(use_re(S, re), S->ps.s ? S->ps.s : "", 1, &m, 0) == 0;
}

static bool match1(Sed *S, SedAddr *a)
{
    switch (a->kind) {
    case SA_LINE: return S->line == a->n;
    case SA_LAST: return sed_is_last(S);
    case SA_REGEX: return match_re(S, a->re);
    case SA_STEP:
        if (a->step == 0)
            return S->line == a->n;
        return S->line >= a->n && (S->line - a->n) % a->step == 0;
    default: return false;
    }
}

static bool matches(Sed *S, SedCmd *c)
{
    bool m;
    if (c->a1.kind == SA_NONE) {
        m = true;
    } else if (c->a2.kind == SA_NONE) {
        m = match1(S, &c->a1);
    } else if (c->in_range) {
        m = true;
        switch (c->a2.kind) {
        case SA_REGEX:
            if (match_re(S, c->a2.re))
                c->in_range = false;
            break;
        case SA_LAST:
            if (sed_is_last(S))
                c->in_range = false;
            break;
        default: /* a line number: past it (after n or N), the range is over */
            if (S->line >= c->range_end) {
                c->in_range = false;
                m = S->line == c->range_end;
            }
            break;
        }
    } else if (match1(S, &c->a1)) {
        m = true;
        uint64_t l = S->line;
        switch (c->a2.kind) {
        case SA_LINE:
            c->range_end = c->a2.n;
            c->in_range = c->a2.n > l;
            break;
        case SA_PLUS:
            c->range_end = l + c->a2.n;
            c->in_range = c->a2.n > 0;
            break;
        case SA_MULT:
            c->range_end = c->a2.n ? (l + c->a2.n - 1) / c->a2.n * c->a2.n : l;
            c->in_range = c->range_end > l;
            break;
        case SA_LAST:
            c->in_range = !sed_is_last(S);
            break;
        default: /* a regex: looked for from the next line */
            c->in_range = true;
            break;
        }
    } else {
        m = false;
    }
    return m != c->negate;
}

/* ---- s ---- */

typedef struct CaseState {
    int mode; /* 0, 'L', 'U' */
    int once; /* 0, 'l', 'u' */
} CaseState;

static void add_cased(SedBuf *b, const char *s, size_t n, CaseState *cs)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (cs->once) {
            c = cs->once == 'u' ? (char)toupper((unsigned char)c) : (char)tolower((unsigned char)c);
            cs->once = 0;
        } else if (cs->mode) {
            c = cs->mode == 'U' ? (char)toupper((unsigned char)c) : (char)tolower((unsigned char)c);
        }
        sedbuf_addc(b, c);
    }
}

static void add_replacement(SedBuf *out, const SedCmd *cmd, const char *base, const regmatch_t *m)
{
    CaseState cs = {0, 0};
    const char *r = cmd->repl;
    size_t n = cmd->repl_len;
    for (size_t i = 0; i < n; i++) {
        char c = r[i];
        if (c == '&') {
            add_cased(out, base + m[0].rm_so, (size_t)(m[0].rm_eo - m[0].rm_so), &cs);
            continue;
        }
        if (c != '\\' || i + 1 >= n) {
            add_cased(out, &c, 1, &cs);
            continue;
        }
        c = r[++i];
        if (c >= '0' && c <= '9') {
            const regmatch_t *g = &m[c - '0'];
            if (g->rm_so >= 0)
                add_cased(out, base + g->rm_so, (size_t)(g->rm_eo - g->rm_so), &cs);
        } else if (c == 'L' || c == 'U') {
            cs.mode = c;
            cs.once = 0;
        } else if (c == 'E') {
            cs.mode = 0;
            cs.once = 0;
        } else if (c == 'l' || c == 'u') {
            cs.once = c;
        } else if (c == 'n') {
            sedbuf_addc(out, '\n');
        } else if (c == 't') {
            sedbuf_addc(out, '\t');
        } else {
            add_cased(out, &c, 1, &cs); /* \& \\ and the rest: the character */
        }
    }
}

static bool do_subst(Sed *S, SedCmd *cmd)
{
    regex_t *re = use_re(S, cmd->re);
    regmatch_t m[10];
    SedBuf *out = &S->tmp;
    out->len = 0;
    sedbuf_add(out, "", 0);
    size_t pos = 0, len = S->ps.len;
    uint64_t count = 0, want = cmd->occurrence ? cmd->occurrence : 1;
    bool did = false;
    bool prev_match = false;
    size_t prev_end = 0;
    const char *s = S->ps.s ? S->ps.s : "";
    while (pos <= len) {
        if (regexec(re, s + pos, 10, m, pos > 0 ? REG_NOTBOL : 0) != 0)
            break;
        size_t so = pos + (size_t)m[0].rm_so, eo = pos + (size_t)m[0].rm_eo;
        if (so == eo && prev_match && so == prev_end) {
            /* an empty match right after a match is not one (GNU) */
            if (so < len)
                sedbuf_addc(out, s[so]);
            pos = so + 1;
            prev_match = false;
            continue;
        }
        count++;
        if (count >= want) {
            sedbuf_add(out, s + pos, so - pos);
            add_replacement(out, cmd, s + pos, m);
            did = true;
        } else {
            sedbuf_add(out, s + pos, eo - pos);
        }
        prev_match = true;
        prev_end = eo;
        if (did && !cmd->global) {
            pos = eo;
            break;
        }
        if (so == eo) {
            if (so < len)
                sedbuf_addc(out, s[so]);
            pos = so + 1;
        } else {
            pos = eo;
        }
    }
    if (!did)
        return false;
    if (pos < len)
        sedbuf_add(out, s + pos, len - pos);
    SedBuf t = S->ps;
    S->ps = *out;
    *out = t;
    return true;
}

/* ---- the other commands ---- */

static void cmd_l(Sed *S, int width)
{
    UStream *o = S->out;
    if (width < 0)
        width = S->line_wrap;
    int col = 0;
    char buf[8];
    for (size_t i = 0; i < S->ps.len; i++) {
        unsigned char c = (unsigned char)S->ps.s[i];
        const char *esc = NULL;
        switch (c) {
        case '\\': esc = "\\\\"; break;
        case '\a': esc = "\\a"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\v': esc = "\\v"; break;
        default:
            if (c < 32 || c >= 127) {
                snprintf(buf, sizeof buf, "\\%03o", c);
                esc = buf;
            }
        }
        size_t w = esc ? strlen(esc) : 1;
        if (width > 1 && col + (int)w > width - 1) {
            u_fputs("\\\n", o);
            col = 0;
        }
        if (esc)
            u_fputs(esc, o);
        else
            u_putc((char)c, o);
        col += (int)w;
    }
    u_fputs("$\n", o);
}

static void queue(Sed *S, SedAppend a)
{
    if (S->napp == S->app_cap)
        S->app = xrealloc(S->app, (S->app_cap = S->app_cap ? S->app_cap * 2 : 8) * sizeof *S->app);
    S->app[S->napp++] = a;
}

static void flush_appends(Sed *S)
{
    for (size_t i = 0; i < S->napp; i++) {
        SedAppend *a = &S->app[i];
        if (a->text) {
            out_text(S, S->out, a->text, a->len, false);
            S->out_missing_nl = false;
        } else if (a->line) {
            out_text(S, S->out, a->line, strlen(a->line), true);
            xfree(a->line);
        } else if (a->file) {
            SyscallError err;
            UStream *f = u_fopen(a->file, "r", &err);
            if (!f)
                continue; /* POSIX: a file that cannot be read is silently ignored */
            char buf[4096];
            size_t n;
            while ((n = u_fread(buf, sizeof buf, f)) > 0)
                out_text(S, S->out, buf, n, false);
            S->out_missing_nl = false;
            u_fclose(f);
        }
    }
    S->napp = 0;
}

static SedRFile *rfile(Sed *S, const char *name)
{
    for (size_t i = 0; i < S->nrfiles; i++)
        if (strcmp(S->rfiles[i].name, name) == 0)
            return &S->rfiles[i];
    S->rfiles = xrealloc(S->rfiles, (S->nrfiles + 1) * sizeof *S->rfiles);
    SedRFile *r = &S->rfiles[S->nrfiles++];
    SyscallError err;
    *r = (SedRFile){name, u_fopen(name, "r", &err), false};
    return r;
}

static void end_cycle(Sed *S, bool autoprint)
{
    if (autoprint && !S->sc.quiet)
        emit_ps(S, S->out);
    flush_appends(S);
}

/* Run the script over the pattern space. Returns false when sed is to
 * stop (q, Q, or n/N at the end of input). */
static void run_cycle(Sed *S)
{
    SedScript *sc = &S->sc;
    bool reread = true;
    for (;;) {
        if (reread && !sed_next_line(S, &S->ps, false))
            return;
        S->tflag = false;
        reread = true;
        bool autoprint = true;
        size_t pc = 0;
        while (pc < sc->n) {
            SedCmd *c = &sc->cmds[pc];
            if (c->cmd == '}' || c->cmd == ':') {
                pc++;
                continue;
            }
            if (!matches(S, c)) {
                pc = c->cmd == '{' ? (size_t)c->jump + 1 : pc + 1;
                continue;
            }
            pc++;
            switch (c->cmd) {
            case '{': break;
            case '=': u_fprintf(S->out, "%llu\n", (unsigned long long)S->line); break;
            case 'a': queue(S, (SedAppend){c->text, c->text_len, NULL, NULL}); break;
            case 'i': out_text(S, S->out, c->text, c->text_len, false); S->out_missing_nl = false; break;
            case 'c':
                if (c->a2.kind == SA_NONE || !c->in_range || c->negate)
                    out_text(S, S->out, c->text, c->text_len, false), S->out_missing_nl = false;
                autoprint = false;
                goto end;
            case 'd':
                autoprint = false;
                goto end;
            case 'D': {
                char *nl = memchr(S->ps.s, '\n', S->ps.len);
                autoprint = false;
                if (nl) {
                    size_t cut = (size_t)(nl - S->ps.s) + 1;
                    memmove(S->ps.s, S->ps.s + cut, S->ps.len - cut + 1);
                    S->ps.len -= cut;
                    reread = false;
                }
                goto end;
            }
            case 'g': sedbuf_set(&S->ps, S->hs.s ? S->hs.s : "", S->hs.len); break;
            case 'G':
                sedbuf_addc(&S->ps, '\n');
                sedbuf_add(&S->ps, S->hs.s ? S->hs.s : "", S->hs.len);
                break;
            case 'h': sedbuf_set(&S->hs, S->ps.s ? S->ps.s : "", S->ps.len); break;
            case 'H':
                sedbuf_addc(&S->hs, '\n');
                sedbuf_add(&S->hs, S->ps.s ? S->ps.s : "", S->ps.len);
                break;
            case 'x': {
                SedBuf t = S->ps;
                S->ps = S->hs;
                S->hs = t;
                if (!S->ps.s)
                    sedbuf_set(&S->ps, "", 0);
                break;
            }
            case 'z': sedbuf_set(&S->ps, "", 0); break;
            case 'l': cmd_l(S, c->int_arg); break;
            case 'n':
                if (sed_is_last(S) && !(S->separate && S->next_file < S->nfiles)) {
                    S->quit = true; /* GNU: print (unless -n) and stop */
                    goto end;
                }
                if (!S->sc.quiet)
                    emit_ps(S, S->out);
                flush_appends(S);
                if (!sed_next_line(S, &S->ps, false)) {
                    S->quit = true;
                    autoprint = false;
                    goto end;
                }
                break;
            case 'N':
                if (sed_is_last(S) && !(S->separate && S->next_file < S->nfiles)) {
                    S->quit = true; /* GNU prints the pattern space (POSIX would not) */
                    goto end;
                }
                flush_appends(S);
                sed_next_line(S, &S->ps, true);
                break;
            case 'p': emit_ps(S, S->out); break;
            case 'P': {
                char *nl = memchr(S->ps.s, '\n', S->ps.len);
                out_text(S, S->out, S->ps.s, nl ? (size_t)(nl - S->ps.s) : S->ps.len, true);
                break;
            }
            case 'q':
                S->quit = true;
                S->quit_status = c->int_arg < 0 ? 0 : c->int_arg;
                goto end;
            case 'Q':
                S->quit = true;
                S->quit_status = c->int_arg < 0 ? 0 : c->int_arg;
                autoprint = false;
                goto end;
            case 'b': pc = c->jump < 0 ? sc->n : (size_t)c->jump; break;
            case 't':
                if (S->tflag) {
                    S->tflag = false;
                    pc = c->jump < 0 ? sc->n : (size_t)c->jump;
                }
                break;
            case 'T':
                if (!S->tflag)
                    pc = c->jump < 0 ? sc->n : (size_t)c->jump;
                else
                    S->tflag = false;
                break;
            case 'r': queue(S, (SedAppend){NULL, 0, c->text, NULL}); break;
            case 'R': {
                SedRFile *r = rfile(S, c->text);
                char *line = NULL;
                size_t cap = 0;
                int64_t n = r->s && !r->done ? u_getline(&line, &cap, r->s) : -1;
                if (n < 0) {
                    r->done = true;
                    xfree(line);
                    break;
                }
                if (n > 0 && line[n - 1] == '\n')
                    line[n - 1] = 0;
                queue(S, (SedAppend){NULL, 0, NULL, line});
                break;
            }
            case 'w': emit_ps(S, wfile(S, c->wfile)); break;
            case 'W': {
                char *nl = memchr(S->ps.s, '\n', S->ps.len);
                out_text(S, wfile(S, c->wfile), S->ps.s,
                         nl ? (size_t)(nl - S->ps.s) : S->ps.len, true);
                break;
            }
            case 'F':
                u_fprintf(S->out, "%s\n", S->in_name && strcmp(S->in_name, "-") ? S->in_name : "-");
                break;
            case 's':
                if (do_subst(S, c)) {
                    S->tflag = true;
                    if (c->print_s)
                        emit_ps(S, S->out);
                    if (c->wfile >= 0)
                        emit_ps(S, wfile(S, c->wfile));
                }
                break;
            case 'y':
                for (size_t i = 0; i < S->ps.len; i++)
                    S->ps.s[i] = (char)c->ymap[(unsigned char)S->ps.s[i]];
                break;
            default:
                break;
            }
        }
    end:
        end_cycle(S, autoprint);
        if (S->quit)
            return;
    }
}

static int add_script(SedBuf *text, SedSource **src, size_t *nsrc, const char *s, size_t n,
                      const char *file, int expr)
{
    if (text->len)
        sedbuf_addc(text, '\n');
    *src = xrealloc(*src, (*nsrc + 1) * sizeof **src);
    (*src)[(*nsrc)++] = (SedSource){text->len, file, expr};
    sedbuf_add(text, s, n);
    return 0;
}

int sed_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"quiet", U_NO_ARG, 'n'},           {"silent", U_NO_ARG, 'n'},
        {"expression", U_REQ_ARG, 'e'},     {"file", U_REQ_ARG, 'f'},
        {"regexp-extended", U_NO_ARG, 'E'}, {"in-place", U_OPT_ARG, 'i'},
        {"separate", U_NO_ARG, 's'},        {"null-data", U_NO_ARG, 'z'},
        {"unbuffered", U_NO_ARG, 'u'},      {"line-length", U_REQ_ARG, 'l'},
        {"posix", U_NO_ARG, 256},           {"debug", U_NO_ARG, 257},
        {"follow-symlinks", U_NO_ARG, 258}, {"sandbox", U_NO_ARG, 259},
        {"binary", U_NO_ARG, 'b'},          {NULL, 0, 0},
    };
    Sed *S = xcalloc(1, sizeof *S);
    S->delim = '\n';
    S->line_wrap = 70;
    S->out = u_stdout();
    SedBuf text = {0};
    SedSource *src = NULL;
    size_t nsrc = 0;
    int nexpr = 0;
    bool have_script = false, extended = false, quiet = false;
    UGetopt g = U_GETOPT_INIT;
    int c, status = 0;
    while ((c = u_getopt_long(&g, argc, argv, "ne:f:Eri::szul:b", longopts)) != -1) {
        switch (c) {
        case 'n': quiet = true; break;
        case 'e':
            add_script(&text, &src, &nsrc, g.arg, strlen(g.arg), NULL, ++nexpr);
            have_script = true;
            break;
        case 'f': {
            int fd = u_open_operand(g.arg);
            char *data = NULL;
            size_t len = 0;
            SyscallError err = fd < 0 ? (SyscallError)-fd : u_read_all(fd, &data, &len);
            if (fd > 0)
                sys_close(fd);
            if (err != AX_OK) {
                u_eprintf("sed: couldn't open file %s: %s\n", g.arg, sys_strerror(err));
                status = 1;
                goto out;
            }
            if (len && data[len - 1] == '\n')
                len--;
            add_script(&text, &src, &nsrc, data, len, g.arg, 0);
            xfree(data);
            have_script = true;
            break;
        }
        case 'E':
        case 'r': extended = true; break;
        case 'i':
            S->in_place = true;
            S->separate = true;
            S->suffix = g.arg;
            break;
        case 's': S->separate = true; break;
        case 'z': S->delim = '\0'; break;
        case 'u': S->unbuffered = true; break;
        case 'l': {
            int64_t v;
            if (!u_parse_i64(g.arg, &v) || v < 0 || v > 100000) {
                u_eprintf("sed: invalid line length: %s\n", g.arg);
                status = 1;
                goto out;
            }
            S->line_wrap = (int)v;
            break;
        }
        case 'b':
        case 256:
        case 257:
        case 258:
        case 259: break;
        default: status = 1; goto out;
        }
    }
    if (!have_script) {
        if (g.ind >= argc) {
            u_eprintf("Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n"
                      "Try 'sed --help' for more information.\n");
            status = 1;
            goto out;
        }
        const char *s = argv[g.ind++];
        add_script(&text, &src, &nsrc, s, strlen(s), NULL, 1);
    }
    S->sc.extended = extended;
    S->sc.quiet = quiet;
    int r = sed_compile(&S->sc, text.s ? text.s : "", text.len, src, nsrc);
    if (r < 0) {
        status = r == -4 ? 4 : 1; /* GNU: a missing label is 4 */
        goto out;
    }
    for (size_t i = 0; i < S->sc.n; i++)
        S->sc.cmds[i].in_range = S->sc.cmds[i].a1.kind == SA_ZERO;
    if (S->in_place && g.ind >= argc) {
        u_eprintf("sed: no input files\n");
        status = 4; /* GNU's status for it */
        goto out;
    }
    static char *dash[] = {"-"};
    S->files = g.ind < argc ? argv + g.ind : dash;
    S->nfiles = g.ind < argc ? (size_t)(argc - g.ind) : 1;
    if (S->separate) {
        while (sed_open_next(S)) {
            sed_fetch(S);
            if (S->have_ahead)
                break;
            u_input_close(S->in);
            S->in = NULL;
            sed_finish_in_place(S);
        }
    } else {
        sed_fetch(S);
    }
    run_cycle(S);
    if (S->in_place) {
        /* q stops early: the file keeps only what was written (GNU) */
        if (S->in) {
            u_input_close(S->in);
            S->in = NULL;
        }
        sed_finish_in_place(S);
    } else if (S->in) {
        u_input_close(S->in);
        S->in = NULL;
    }
    status = S->quit && S->quit_status ? S->quit_status : S->status;
out:
    for (size_t i = 0; i < S->nrfiles; i++)
        if (S->rfiles[i].s)
            u_fclose(S->rfiles[i].s);
    xfree(S->rfiles);
    for (size_t i = 0; i < S->napp; i++)
        xfree(S->app[i].line);
    xfree(S->app);
    sed_script_free(&S->sc);
    xfree(S->ps.s);
    xfree(S->hs.s);
    xfree(S->tmp.s);
    xfree(S->ahead);
    xfree(text.s);
    xfree(src);
    xfree(S->tmp_path);
    xfree(S);
    if (u_fflush(u_stdout()) != 0 && status == 0)
        status = 4;
    return status;
}
