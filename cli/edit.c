/* The prompt: libedit reads one line with editing, history (kept for the
 * whole session) and tab completion, then the line goes to the simulated
 * console as typed text. While the user types, the kernel keeps running
 * (background jobs, timers): libedit asks for each key through edit_getc,
 * which runs the kernel between keys and prints what background jobs
 * write above the prompt. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hostlib.h"
#include "libedit.h"
#include "repl.h"

typedef struct EditState {
    EditLine *el;
    History *hist;
    HistEvent ev;
    Buf prompt;
    mbstate_t mb;
    bool interrupted; /* ^C at the prompt */
    bool left;        /* the shell stopped waiting for its line */
} EditState;

static Repl *edit_repl(EditLine *el) {
    void *r = NULL;
    el_get(el, EL_CLIENTDATA, &r);
    return r;
}

static char *edit_prompt(EditLine *el) {
    EditState *es = edit_repl(el)->edit;
    return es->prompt.data ? es->prompt.data : "";
}

/* Is the shell still in front, waiting for its line? */
static bool shell_waits(Repl *r) {
    ConsoleState cs;
    kernel_console_state(r->k, &cs);
    return cs.session == r->shell_pid && cs.fg_pgrp == r->shell_pid && cs.fg_readers > 0;
}

/* Background output arrived while the prompt is shown: print it on its
 * own lines and draw the prompt again below. */
static void edit_show_held(Repl *r, EditLine *el) {
    if (r->held.len == 0)
        return;
    out_write(r, 1, "\r\033[K", 4);
    out_flush_held(r);
    out_newline(r);
    el_set(el, EL_REFRESH);
}

/* libedit's character source: host stdin, decoded from UTF-8. Returns 1
 * with *wc, 0 at end of file, -1 when the line must be abandoned. */
static int edit_getc(EditLine *el, wchar_t *wc) {
    Repl *r = edit_repl(el);
    EditState *es = r->edit;
    for (;;) {
        while (r->in.len > 0) {
            wchar_t w;
            char byte = r->in.data[0];
            size_t m = mbrtowc(&w, &byte, 1, &es->mb);
            buf_drop(&r->in, 1);
            if (m == (size_t)-2)
                continue; /* more bytes to come */
            if (m == (size_t)-1) {
                memset(&es->mb, 0, sizeof es->mb);
                w = (unsigned char)byte;
            }
            *wc = w;
            return 1;
        }
        if (r->in_eof)
            return 0;
        if (term_take_sigint()) {
            es->interrupted = true;
            errno = EINTR;
            return -1;
        }
        if (term_take_winch()) {
            term_sync_winsize(r->k);
            el_resize(el);
        }
        kernel_run_for(r->k, 0);
        edit_show_held(r, el);
        if (!r->quit)
            r->quit = term_take_quit();
        if (!shell_waits(r) || r->quit) {
            es->left = true;
            errno = EINTR;
            return -1;
        }
        ConsoleState cs;
        kernel_console_state(r->k, &cs);
        /* Under the virtual clock time stands still at the prompt: timers
         * wait for the next command. */
        if (term_wait_input(r, r->virtual_clock ? UINT64_MAX : cs.wait_ns, true))
            term_read_input(r);
    }
}

/* ^D: end of file on an empty line (without libedit's "^D" echo, so the
 * shell's own goodbye starts the line); elsewhere, delete the character
 * under the cursor, as bash and emacs do. */
static unsigned char edit_eof_or_delete(EditLine *el, int ch) {
    const LineInfo *li = el_line(el);
    if (li->buffer == li->lastchar)
        return CC_EOF;
    if (li->cursor == li->lastchar)
        return CC_ERROR;
    el_cursor(el, 1);
    el_deletestr(el, 1);
    return CC_REFRESH;
}

#ifndef AXOS_LIBEDIT_SONAME
#define AXOS_LIBEDIT_SONAME "libedit.so.2" /* libedit's ABI name on Linux */
#endif

CliLibedit cli_libedit;

bool cli_libedit_load(void) {
    static const char *const names[] = {
#define X(fn) #fn,
        CLI_LIBEDIT_FUNCTIONS
#undef X
    };
    static HostLib lib = HOSTLIB_INIT(AXOS_LIBEDIT_SONAME, "", names, cli_libedit);
    return hostlib_load(&lib);
}

int edit_init(Repl *r, const char *argv0) {
    if (!cli_libedit_load())
        return -1;
    EditState *es = calloc(1, sizeof *es);
    if (!es)
        return -1;
    es->el = el_init(argv0, stdin, stdout, stderr);
    es->hist = history_init();
    if (!es->el || !es->hist) {
        if (es->el)
            el_end(es->el);
        if (es->hist)
            history_end(es->hist);
        free(es);
        return -1;
    }
    r->edit = es;
    history(es->hist, &es->ev, H_SETSIZE, 1000);
    history(es->hist, &es->ev, H_SETUNIQUE, 1);
    el_set(es->el, EL_CLIENTDATA, r);
    el_set(es->el, EL_EDITOR, "emacs");
    el_set(es->el, EL_SIGNAL, 0);
    el_set(es->el, EL_PROMPT, edit_prompt);
    el_set(es->el, EL_HIST, history, es->hist);
    el_set(es->el, EL_GETCFN, edit_getc);
    /* The wide form keeps our static names; the narrow one copies them
     * and never frees the copies. */
    el_wset(es->el, EL_ADDFN, L"axos-complete", L"complete a command or a path", complete_word);
    el_set(es->el, EL_BIND, "^I", "axos-complete", NULL);
    el_wset(es->el, EL_ADDFN, L"axos-eof", L"end of file, or delete a character", edit_eof_or_delete);
    el_set(es->el, EL_BIND, "^D", "axos-eof", NULL);
    el_source(es->el, NULL); /* the user's ~/.editrc, if any */
    return 0;
}

void edit_fini(Repl *r) {
    EditState *es = r->edit;
    if (!es)
        return;
    el_end(es->el);
    history_end(es->hist);
    buf_free(&es->prompt);
    free(es);
    r->edit = NULL;
}

static void edit_remember(EditState *es, const char *line, int count) {
    size_t n = (size_t)count;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        n--;
    size_t i = 0;
    while (i < n && (line[i] == ' ' || line[i] == '\t'))
        i++;
    if (i == n)
        return;
    char *copy = strndup(line, n);
    if (copy) {
        history(es->hist, &es->ev, H_ENTER, copy);
        free(copy);
    }
}

void edit_line(Repl *r) {
    EditState *es = r->edit;
    /* After ^C the shell may print no new prompt: keep showing the last. */
    if (!es->interrupted || r->tail.len > 0)
        out_take_tail(r, &es->prompt);
    es->interrupted = es->left = false;
    out_newline(r);
    term_mode(TERM_COOKED);

    /* Keys typed ahead while the last command ran are the line's start. */
    char ahead[4096];
    size_t n = kernel_console_take_typed(r->k, ahead, sizeof ahead - 1);
    if (n > 0) {
        ahead[n < sizeof ahead - 1 ? n : sizeof ahead - 1] = '\0';
        el_push(es->el, ahead);
    }

    r->at_prompt = true;
    int count = 0;
    const char *line = el_gets(es->el, &count);
    r->at_prompt = false;
    term_mode(TERM_PASS); /* at once: keys typed from now on are the job's */
    out_flush_held(r);

    if (line && count > 0) {
        r->col0 = true; /* libedit ended the line */
        edit_remember(es, line, count);
        kernel_console_push_text(r->k, line, (size_t)count);
        if (line[count - 1] != '\n')
            kernel_console_push_text(r->k, "\n", 1);
    } else if (es->interrupted) {
        out_write(r, 1, "^C", 2);
        kernel_console_signal(r->k, AX_SIGINT);
    } else if (!es->left) {
        /* ^D on an empty line (or stdin gone): end of file for the shell,
         * which then exits. */
        r->col0 = false;
        ConsoleState cs;
        kernel_console_state(r->k, &cs);
        char eof = cs.attr.cc[AX_VEOF] ? (char)cs.attr.cc[AX_VEOF] : 4;
        kernel_console_push_input(r->k, &eof, 1);
        if (r->in_eof)
            kernel_console_close_input(r->k);
    }
}
