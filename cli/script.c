/* stdin is not a terminal (`axos < script`, `... | axos -c cmd`): no
 * prompt, no echo. Host stdin goes to the console one line at a time, and
 * only when a process waits for console input with nothing else ready to
 * run, so how the host delivers its bytes never changes what the machine
 * does: with the virtual clock, the same seed and input give the same
 * run. At the end of host stdin the console's input is closed, and reads
 * return 0 (end of file) once it is drained. */
#include <string.h>

#include "repl.h"

enum { FEED_WAIT, FEED_LINE, FEED_CLOSED };

/* Give the console the next line of host stdin, or end its input once
 * stdin has ended. FEED_WAIT: host stdin has no whole line yet. */
static int feed_line(Repl *r) {
    char *nl = r->in.len ? memchr(r->in.data, '\n', r->in.len) : NULL;
    if (!nl && !r->in_eof)
        return FEED_WAIT;
    size_t n = nl ? (size_t)(nl - r->in.data) + 1 : r->in.len;
    if (n > 0) {
        size_t taken = kernel_console_push_text(r->k, r->in.data, n);
        buf_drop(&r->in, taken);
        if (taken < n || nl)
            return FEED_LINE; /* the rest when the reader has drained the queue */
    }
    kernel_console_close_input(r->k);
    return FEED_CLOSED;
}

void run_script(Repl *r) {
    bool closed = false;
    ConsoleState cs;
    while (repl_step(r, &cs)) {
        if (cs.wait_ns == 0)
            continue;
        if (cs.readers > 0 && !closed) {
            int fed = feed_line(r);
            closed = fed == FEED_CLOSED;
            /* Otherwise wait for more of stdin; under the host clock timers
             * keep firing meanwhile. */
            if (fed == FEED_WAIT && term_wait_input(r, r->virtual_clock ? UINT64_MAX : cs.wait_ns, true))
                term_read_input(r);
            continue;
        }
        if (cs.wait_ns == UINT64_MAX)
            return; /* nothing can happen any more: main says so */
        if (r->virtual_clock)
            kernel_run_for(r->k, cs.wait_ns); /* time jumps to the timer */
        else
            term_wait_input(r, cs.wait_ns, false); /* the timer's time, or SIGTERM */
    }
}
