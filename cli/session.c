/* stdin is a terminal. At the shell's prompt libedit reads the line
 * (edit.c). While a command runs, the host terminal passes every key
 * through (term.c's PASS mode) to the simulated console, whose line
 * discipline echoes it, edits it and turns ^C, ^Z and ^\ into signals for
 * the foreground job; this is also how a program that puts the console in
 * raw mode gets its keys. With -c there is no prompt: the whole run is
 * one command. */
#include "repl.h"

/* Is the shell in front, waiting for its next line? */
static bool at_prompt(Repl *r, const ConsoleState *cs) {
    return r->edit && cs->fg_pgrp == r->shell_pid && cs->fg_readers > 0;
}

/* Keys the console could not take yet (its queue was full) go first. */
static bool pass_pending(Repl *r) {
    if (r->in.len == 0)
        return false;
    size_t taken = kernel_console_push_input(r->k, r->in.data, r->in.len);
    buf_drop(&r->in, taken);
    return taken > 0;
}

bool repl_step(Repl *r, ConsoleState *cs) {
    kernel_run_for(r->k, 0);
    kernel_console_state(r->k, cs);
    if (!r->quit)
        r->quit = term_take_quit();
    return cs->session == r->shell_pid && !r->quit;
}

void run_session(Repl *r) {
    ConsoleState cs;
    while (repl_step(r, &cs)) {
        if (term_take_winch())
            term_sync_winsize(r->k);
        /* The terminal's ^C is a byte here; a signal came from kill(1), or
         * in the moment between libedit and pass-through mode. */
        int sig = term_take_job_signal();
        if (sig)
            kernel_console_signal(r->k, sig);
        if (at_prompt(r, &cs)) {
            edit_line(r);
            continue;
        }
        out_flush_tail(r);
        term_mode(TERM_PASS);
        if (pass_pending(r))
            continue;
        /* Under the virtual clock, look at the keyboard, then let time
         * jump to the next timer. */
        uint64_t wait = r->virtual_clock && cs.wait_ns != UINT64_MAX ? 0 : cs.wait_ns;
        if (term_wait_input(r, wait, r->in.len < 65536)) { /* a flood waits for the reader */
            term_read_input(r);
            if (r->in_eof) /* the terminal hung up */
                kernel_console_close_input(r->k);
            continue;
        }
        if (r->virtual_clock && cs.wait_ns != 0 && cs.wait_ns != UINT64_MAX)
            kernel_run_for(r->k, cs.wait_ns);
    }
    out_flush_tail(r);
}
