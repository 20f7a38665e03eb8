/* The line discipline: what happens to a typed byte between the host's
 * keyboard and a reader of the console, after Linux's N_TTY.
 *
 * Canonical mode (ICANON) keeps the line being typed in Console.edit,
 * where the erase (VERASE, and ^H too while VERASE is ^? or ^H), kill
 * (VKILL) and word erase (VWERASE, with IEXTEN) characters edit it. A
 * newline, VEOL or VEOF finishes the line and makes it readable; a read
 * returns at most one line. VEOF is not passed on: typed at the start of a
 * line it makes a read return 0 (end of file), typed after some text it
 * hands that text over without a newline. Raw mode (ICANON off) hands
 * over every byte as it comes, and a read waits for VMIN bytes, with
 * VTIME (tenths of a second) as POSIX gives it: with VMIN 0 a read waits
 * at most VTIME for a first byte and returns 0 when none comes; with VMIN
 * above 0 the timer starts at the first byte, restarts at each one, and a
 * read returns what it has when it runs out. The timer is the reader's
 * sleep_timer, so an interrupted read disarms it like a sleep.
 *
 * Echo (ECHO) writes typed characters back to the output; with ECHOCTL
 * control characters show as ^X. An erase shows as "\b \b" under ECHOE
 * (one per character; a UTF-8 sequence is one character), or as the erase
 * character itself without it. A kill under ECHOK and ECHOE rubs out the
 * whole line (Linux's ECHOKE behaviour, which axos folds into ECHOE);
 * under ECHOK alone it echoes the kill character and a newline. ECHONL
 * echoes a newline even without ECHO.
 *
 * ISIG: VINTR, VQUIT and VSUSP send SIGINT, SIGQUIT and SIGTSTP to the
 * foreground process group and, unless NOFLSH, discard pending input, as
 * Linux does. The signal character is echoed (as ^C) only under ECHOCTL.
 *
 * ICRNL turns a typed '\r' into '\n'. Output is never translated: OPOST
 * and ONLCR are kept in TermAttr for programs that read or save them, but
 * the host bridge writes a plain "\n" and leaves "\r\n" to the host's own
 * terminal, which is where axos's output is displayed.
 */
#include <string.h>

#include "console/internal.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "signal/signal.h"

void ldisc_init(Console *c) {
    TermAttr *t = &c->attr;
    memset(t, 0, sizeof *t);
    t->iflag = AX_ICRNL;
    t->oflag = AX_OPOST | AX_ONLCR;
    t->lflag = AX_ICANON | AX_ECHO | AX_ECHOE | AX_ECHOK | AX_ISIG | AX_IEXTEN;
    t->cc[AX_VINTR] = 0x03;   /* ^C */
    t->cc[AX_VQUIT] = 0x1c;   /* ^\ */
    t->cc[AX_VERASE] = 0x7f;  /* ^? */
    t->cc[AX_VKILL] = 0x15;   /* ^U */
    t->cc[AX_VEOF] = 0x04;    /* ^D */
    t->cc[AX_VTIME] = 0;
    t->cc[AX_VMIN] = 1;
    t->cc[AX_VSUSP] = 0x1a;   /* ^Z */
    t->cc[AX_VEOL] = 0;
    t->cc[AX_VWERASE] = 0x17; /* ^W */
}

/* Is ch the control character at index i? 0 disables one (Linux's
 * _POSIX_VDISABLE). */
static bool cc_is(const Console *c, int i, uint8_t ch) {
    return c->attr.cc[i] != 0 && c->attr.cc[i] == ch;
}

/* ---- echo ---- */

static bool is_ctl(uint8_t ch) {
    return (ch < 0x20 && ch != '\t' && ch != '\n') || ch == 0x7f;
}

static void echo_bytes(Kernel *k, const void *s, size_t n) {
    console_emit(k, 1, s, n);
}

static void echo_char(Kernel *k, Console *c, uint8_t ch) {
    if (!(c->attr.lflag & AX_ECHO))
        return;
    if ((c->attr.lflag & AX_ECHOCTL) && is_ctl(ch)) {
        uint8_t s[2] = {'^', (uint8_t)(ch ^ 0x40)};
        echo_bytes(k, s, 2);
    } else {
        echo_bytes(k, &ch, 1);
    }
}

/* Screen columns the echo of ch took (UTF-8 continuation bytes: none). */
static int echo_width(const Console *c, uint8_t ch) {
    if ((ch & 0xc0) == 0x80)
        return 0;
    return (c->attr.lflag & AX_ECHOCTL) && is_ctl(ch) ? 2 : 1;
}

/* Take the last character (a whole UTF-8 sequence) off the edit line and,
 * when `rubout`, rub it out on screen. Returns false on an empty line. */
static bool erase_char(Kernel *k, Console *c, bool rubout) {
    if (c->edit_len == 0)
        return false;
    size_t i = c->edit_len - 1;
    while (i > 0 && (c->edit[i] & 0xc0) == 0x80)
        i--;
    int cols = 0;
    for (size_t j = i; j < c->edit_len; j++)
        cols += echo_width(c, c->edit[j]);
    c->edit_len = i;
    if (rubout && (c->attr.lflag & AX_ECHO))
        for (int n = cols ? cols : 1; n > 0; n--)
            echo_bytes(k, "\b \b", 3);
    return true;
}

static void erase(Kernel *k, Console *c, uint8_t ch) {
    if (c->attr.lflag & AX_ECHOE) {
        erase_char(k, c, true);
    } else if (erase_char(k, c, false)) {
        echo_char(k, c, ch);
    }
}

/* ^W: as Linux, rub out non-word characters back to the last word, then
 * the word itself (letters, digits, '_', and any non-ASCII byte). */
static void erase_word(Kernel *k, Console *c) {
    bool seen_word = false;
    while (c->edit_len > 0) {
        uint8_t ch = c->edit[c->edit_len - 1];
        bool word = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
                    (ch >= 'A' && ch <= 'Z') || ch == '_' || ch >= 0x80;
        if (word)
            seen_word = true;
        else if (seen_word)
            break;
        erase_char(k, c, true);
    }
}

static void kill_line(Kernel *k, Console *c, uint8_t ch) {
    uint32_t lf = c->attr.lflag;
    if ((lf & AX_ECHO) && (lf & AX_ECHOK) && (lf & AX_ECHOE)) {
        while (erase_char(k, c, true))
            ;
        return;
    }
    bool had = c->edit_len > 0;
    c->edit_len = 0;
    if (!had)
        return;
    echo_char(k, c, ch);
    if ((lf & AX_ECHO) && (lf & AX_ECHOK))
        echo_bytes(k, "\n", 1);
}

/* ---- queues ---- */

static void wake_readers(Kernel *k, Console *c) {
    wq_wake_all(k, &c->read_wait);
}

/* Move the edit line (plus delimiter `delim`, if >= 0) to the ready queue
 * and, when `mark`, record its end (eof: it ended with VEOF). Returns 0 or
 * -AX_ENOMEM with nothing changed. */
static int finish_line(Kernel *k, Console *c, int delim, bool mark, bool eof) {
    size_t n = c->edit_len + (delim >= 0);
    if (bq_push(k, &c->ready, c->edit, c->edit_len) < 0)
        return -AX_ENOMEM;
    uint8_t d = (uint8_t)delim;
    if (delim >= 0 && bq_push(k, &c->ready, &d, 1) < 0) {
        c->ready.len -= c->edit_len;
        return -AX_ENOMEM;
    }
    uint64_t m = MARK(c->ready_in + n, eof);
    if (mark && bq_push(k, &c->marks, &m, sizeof m) < 0) {
        c->ready.len -= n;
        return -AX_ENOMEM;
    }
    c->ready_in += n;
    c->edit_len = 0;
    wake_readers(k, c);
    return 0;
}

/* Raw mode: bytes are readable as they come. Returns 0 or -AX_ENOMEM. */
static int ready_put(Kernel *k, Console *c, const void *buf, size_t n) {
    if (bq_push(k, &c->ready, buf, n) < 0)
        return -AX_ENOMEM;
    c->ready_in += n;
    wake_readers(k, c);
    return 0;
}

void ldisc_flush_input(Console *c) {
    c->edit_len = 0;
    bq_clear(&c->ready);
    bq_clear(&c->marks);
    c->ready_out = c->ready_in;
}

int ldisc_isig(Kernel *k, Console *c, int sig, uint8_t ch) {
    if (!(c->attr.lflag & AX_NOFLSH))
        ldisc_flush_input(c);
    if ((c->attr.lflag & AX_ECHOCTL) && ch)
        echo_char(k, c, ch);
    return c->fg_pgrp > 0 ? sig_send_group(k, c->fg_pgrp, sig) : 0;
}

/* ---- typed input ---- */

static bool is_erase(const Console *c, uint8_t ch) {
    uint8_t e = c->attr.cc[AX_VERASE];
    if (cc_is(c, AX_VERASE, ch))
        return true;
    return (ch == 0x08 || ch == 0x7f) && (e == 0x08 || e == 0x7f);
}

/* One byte in canonical mode. Returns 0 or -AX_ENOMEM (not taken). */
static int canon_char(Kernel *k, Console *c, uint8_t ch) {
    uint32_t lf = c->attr.lflag;
    if (is_erase(c, ch)) {
        erase(k, c, ch);
    } else if (cc_is(c, AX_VKILL, ch)) {
        kill_line(k, c, ch);
    } else if ((lf & AX_IEXTEN) && cc_is(c, AX_VWERASE, ch)) {
        erase_word(k, c);
    } else if (cc_is(c, AX_VEOF, ch)) {
        return finish_line(k, c, -1, true, true);
    } else if (ch == '\n' || cc_is(c, AX_VEOL, ch)) {
        if (finish_line(k, c, ch, true, false) < 0)
            return -AX_ENOMEM;
        if (lf & AX_ECHO)
            echo_char(k, c, ch);
        else if ((lf & AX_ECHONL) && ch == '\n')
            echo_bytes(k, "\n", 1);
    } else if (c->edit_len < CONSOLE_LINE_MAX) {
        c->edit[c->edit_len++] = ch;
        echo_char(k, c, ch);
    } /* else: the line is full and the byte is dropped, as Linux does */
    return 0;
}

/* One byte through the discipline. Returns 0 or -AX_ENOMEM. */
static int input_char(Kernel *k, Console *c, uint8_t ch) {
    if (ch == '\r' && (c->attr.iflag & AX_ICRNL))
        ch = '\n';
    if (c->attr.lflag & AX_ISIG) {
        int sig = cc_is(c, AX_VINTR, ch)   ? AX_SIGINT
                  : cc_is(c, AX_VQUIT, ch) ? AX_SIGQUIT
                  : cc_is(c, AX_VSUSP, ch) ? AX_SIGTSTP
                                           : 0;
        if (sig) {
            ldisc_isig(k, c, sig, ch);
            return 0;
        }
    }
    if (c->attr.lflag & AX_ICANON)
        return canon_char(k, c, ch);
    if (ready_put(k, c, &ch, 1) < 0)
        return -AX_ENOMEM;
    echo_char(k, c, ch);
    return 0;
}

size_t ldisc_input(Kernel *k, Console *c, const uint8_t *buf, size_t n) {
    size_t i;
    for (i = 0; i < n && c->ready.len < CONSOLE_INPUT_MAX; i++)
        if (input_char(k, c, buf[i]) < 0)
            break;
    return i;
}

size_t ldisc_input_text(Kernel *k, Console *c, const uint8_t *buf, size_t n) {
    size_t room = c->ready.len < CONSOLE_INPUT_MAX ? CONSOLE_INPUT_MAX - c->ready.len : 0;
    if (!(c->attr.lflag & AX_ICANON)) {
        n = n < room ? n : room;
        return ready_put(k, c, buf, n) < 0 ? 0 : n;
    }
    size_t i;
    for (i = 0; i < n && c->ready.len < CONSOLE_INPUT_MAX; i++) {
        if (buf[i] == '\n') {
            if (finish_line(k, c, '\n', true, false) < 0)
                break;
            continue;
        }
        /* The host's text has no length limit: a long line goes to the
         * reader in pieces, as a pipe would give it. */
        if (c->edit_len == CONSOLE_LINE_MAX && finish_line(k, c, -1, false, false) < 0)
            break;
        c->edit[c->edit_len++] = buf[i];
    }
    return i;
}

/* ---- the reader's side ---- */

/* Raw mode reads past line ends: forget marks that are behind us. */
static void drop_passed_marks(Console *c) {
    uint64_t m;
    while (bq_peek(&c->marks, 0, &m, sizeof m) == sizeof m && MARK_END(m) <= c->ready_out)
        bq_pop(&c->marks, NULL, sizeof m);
}

static size_t take_ready(Console *c, uint8_t *buf, size_t n) {
    size_t got = bq_pop(&c->ready, buf, n);
    c->ready_out += got;
    return got;
}

/* VTIME ran out: wake the reader, wherever it waits. */
static void vtime_fire(Kernel *k, KTimer *t) {
    Proc *p = (Proc *)((char *)t - offsetof(Proc, sleep_timer));
    p->timed_out = true;
    sched_wake(k, p); /* a stopped reader sees it once continued */
}

/* (Re)start the reader's VTIME timer: vtime tenths of a second from now.
 * 0, or -AX_ENOMEM when the timer heap cannot grow. */
static int vtime_arm(Kernel *k, Proc *p, unsigned vtime) {
    p->timed_out = false;
    p->sleep_timer.fire = vtime_fire;
    return ktimer_arm(k, &p->sleep_timer, clock_now(k) + (uint64_t)vtime * 100000000ULL);
}

/* Raw mode: VMIN and VTIME decide when a read returns (POSIX's four
 * cases); O_NONBLOCK overrides VTIME, as on Linux. */
static int64_t ldisc_read_raw(Kernel *k, Console *c, KObject *o, uint8_t *buf, size_t n) {
    Proc *p = k->cur;
    size_t vmin = c->attr.cc[AX_VMIN];
    unsigned vtime = c->attr.cc[AX_VTIME];
    size_t need = vmin < n ? vmin : n;
    if (!p->retry)
        p->timed_out = false; /* a flag left from an earlier call */
    bool expired = vtime > 0 && p->timed_out;
    size_t have = c->ready.len;
    if (have > 0 && (have >= need || c->input_closed || expired)) {
        ktimer_disarm(k, &p->sleep_timer);
        size_t got = take_ready(c, buf, n);
        drop_passed_marks(c);
        return (int64_t)got;
    }
    if (c->input_closed || (vmin == 0 && (vtime == 0 || expired)))
        return 0;
    if (o->flags & AX_O_NONBLOCK)
        return -AX_EAGAIN;
    /* VMIN 0 times the whole read (armed once); VMIN above 0 times the
     * gap after each byte (armed again whenever more came). */
    if (vtime > 0 && (vmin == 0 ? !p->retry : have > 0) && vtime_arm(k, p, vtime) < 0)
        return -AX_ENOMEM;
    return sched_wait(k, &c->read_wait);
}

int64_t ldisc_read(Kernel *k, Console *c, KObject *o, uint8_t *buf, size_t n) {
    if (n == 0)
        return 0;
    if (!(c->attr.lflag & AX_ICANON))
        return ldisc_read_raw(k, c, o, buf, n);
    uint64_t m;
    if (bq_peek(&c->marks, 0, &m, sizeof m) == sizeof m) {
        uint64_t left = MARK_END(m) - c->ready_out;
        size_t got = take_ready(c, buf, n < left ? n : (size_t)left);
        if (c->ready_out == MARK_END(m))
            bq_pop(&c->marks, NULL, sizeof m);
        return (int64_t)got; /* 0: a line ended by VEOF at its start */
    }
    if (c->ready.len > 0) /* typed in raw mode, before ICANON came on */
        return (int64_t)take_ready(c, buf, n);
    if (c->input_closed)
        return 0;
    if (o->flags & AX_O_NONBLOCK)
        return -AX_EAGAIN;
    return sched_wait(k, &c->read_wait);
}

unsigned ldisc_poll(const Console *c) {
    size_t need = 1;
    if (c->attr.lflag & AX_ICANON) {
        /* a finished line, or bytes typed in raw mode before ICANON */
        if (c->marks.len > 0 || c->ready.len > 0)
            return AX_POLLIN | AX_POLLRDNORM;
    } else {
        if (c->attr.cc[AX_VTIME] == 0 && c->attr.cc[AX_VMIN] > 0)
            need = c->attr.cc[AX_VMIN];
        if (c->ready.len >= need)
            return AX_POLLIN | AX_POLLRDNORM;
    }
    if (c->input_closed)
        return c->ready.len > 0 ? AX_POLLIN | AX_POLLRDNORM : AX_POLLHUP;
    return 0;
}

/* ---- attributes and end of input ---- */

void ldisc_set_attr(Kernel *k, Console *c, const TermAttr *t) {
    bool was_canon = (c->attr.lflag & AX_ICANON) != 0;
    c->attr = *t;
    /* Leaving canonical mode hands the half-typed line over as it is. */
    if (was_canon && !(t->lflag & AX_ICANON) && c->edit_len > 0)
        finish_line(k, c, -1, false, false);
    wake_readers(k, c); /* VMIN or the mode may let a reader through now */
}

void ldisc_close_input(Kernel *k, Console *c) {
    if (c->edit_len > 0)
        finish_line(k, c, -1, true, false);
    c->input_closed = true;
    wake_readers(k, c);
}
