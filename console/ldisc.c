/* The line discipline: what happens to a typed byte between the host's
 * keyboard and a reader of a terminal, after Linux's N_TTY. It works on a
 * Tty (tty.h), so the console and every pty's slave side share it; echo
 * goes wherever the Tty's owner says (TtyOps.output).
 *
 * Canonical mode (ICANON) keeps the line being typed in Tty.edit,
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

#include "console/tty.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "signal/signal.h"

void ldisc_init(Tty *t, const TtyOps *ops) {
    memset(t, 0, sizeof *t);
    t->ops = ops;
    TermAttr *a = &t->attr;
    a->iflag = AX_ICRNL;
    a->oflag = AX_OPOST | AX_ONLCR;
    /* Linux's tty_std_termios: ^C and the like echo as "^C" (ECHOCTL) */
    a->lflag = AX_ICANON | AX_ECHO | AX_ECHOE | AX_ECHOK | AX_ECHOCTL | AX_ISIG | AX_IEXTEN;
    a->cc[AX_VINTR] = 0x03;   /* ^C */
    a->cc[AX_VQUIT] = 0x1c;   /* ^\ */
    a->cc[AX_VERASE] = 0x7f;  /* ^? */
    a->cc[AX_VKILL] = 0x15;   /* ^U */
    a->cc[AX_VEOF] = 0x04;    /* ^D */
    a->cc[AX_VTIME] = 0;
    a->cc[AX_VMIN] = 1;
    a->cc[AX_VSUSP] = 0x1a;   /* ^Z */
    a->cc[AX_VEOL] = 0;
    a->cc[AX_VWERASE] = 0x17; /* ^W */
    t->winsize = (WinSize){24, 80, 0, 0};
    wq_init(&t->read_wait);
}

void ldisc_fini(Kernel *k, Tty *t) {
    bq_free(k, &t->ready);
    bq_free(k, &t->marks);
}

/* Is ch the control character at index i? 0 disables one (Linux's
 * _POSIX_VDISABLE). */
static bool cc_is(const Tty *t, int i, uint8_t ch) {
    return t->attr.cc[i] != 0 && t->attr.cc[i] == ch;
}

/* ---- echo ---- */

static bool is_ctl(uint8_t ch) {
    return (ch < 0x20 && ch != '\t' && ch != '\n') || ch == 0x7f;
}

static void echo_bytes(Kernel *k, Tty *t, const void *s, size_t n) {
    t->ops->output(k, t, s, n);
}

static void echo_char(Kernel *k, Tty *t, uint8_t ch) {
    if (!(t->attr.lflag & AX_ECHO))
        return;
    if ((t->attr.lflag & AX_ECHOCTL) && is_ctl(ch)) {
        uint8_t s[2] = {'^', (uint8_t)(ch ^ 0x40)};
        echo_bytes(k, t, s, 2);
    } else {
        echo_bytes(k, t, &ch, 1);
    }
}

/* Screen columns the echo of ch took (UTF-8 continuation bytes: none). */
static int echo_width(const Tty *t, uint8_t ch) {
    if ((ch & 0xc0) == 0x80)
        return 0;
    return (t->attr.lflag & AX_ECHOCTL) && is_ctl(ch) ? 2 : 1;
}

/* Take the last character (a whole UTF-8 sequence) off the edit line and,
 * when `rubout`, rub it out on screen. Returns false on an empty line. */
static bool erase_char(Kernel *k, Tty *t, bool rubout) {
    if (t->edit_len == 0)
        return false;
    size_t i = t->edit_len - 1;
    while (i > 0 && (t->edit[i] & 0xc0) == 0x80)
        i--;
    int cols = 0;
    for (size_t j = i; j < t->edit_len; j++)
        cols += echo_width(t, t->edit[j]);
    t->edit_len = i;
    if (rubout && (t->attr.lflag & AX_ECHO))
        for (int n = cols ? cols : 1; n > 0; n--)
            echo_bytes(k, t, "\b \b", 3);
    return true;
}

static void erase(Kernel *k, Tty *t, uint8_t ch) {
    if (t->attr.lflag & AX_ECHOE) {
        erase_char(k, t, true);
    } else if (erase_char(k, t, false)) {
        echo_char(k, t, ch);
    }
}

/* ^W: as Linux, rub out non-word characters back to the last word, then
 * the word itself (letters, digits, '_', and any non-ASCII byte). */
static void erase_word(Kernel *k, Tty *t) {
    bool seen_word = false;
    while (t->edit_len > 0) {
        uint8_t ch = t->edit[t->edit_len - 1];
        bool word = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
                    (ch >= 'A' && ch <= 'Z') || ch == '_' || ch >= 0x80;
        if (word)
            seen_word = true;
        else if (seen_word)
            break;
        erase_char(k, t, true);
    }
}

static void kill_line(Kernel *k, Tty *t, uint8_t ch) {
    uint32_t lf = t->attr.lflag;
    if ((lf & AX_ECHO) && (lf & AX_ECHOK) && (lf & AX_ECHOE)) {
        while (erase_char(k, t, true))
            ;
        return;
    }
    bool had = t->edit_len > 0;
    t->edit_len = 0;
    if (!had)
        return;
    echo_char(k, t, ch);
    if ((lf & AX_ECHO) && (lf & AX_ECHOK))
        echo_bytes(k, t, "\n", 1);
}

/* ---- queues ---- */

static void wake_readers(Kernel *k, Tty *t) {
    wq_wake_all(k, &t->read_wait);
}

/* Move the edit line (plus delimiter `delim`, if >= 0) to the ready queue
 * and, when `mark`, record its end (eof: it ended with VEOF). Returns 0 or
 * -AX_ENOMEM with nothing changed. */
static int finish_line(Kernel *k, Tty *t, int delim, bool mark, bool eof) {
    size_t n = t->edit_len + (delim >= 0);
    if (bq_push(k, &t->ready, t->edit, t->edit_len) < 0)
        return -AX_ENOMEM;
    uint8_t d = (uint8_t)delim;
    if (delim >= 0 && bq_push(k, &t->ready, &d, 1) < 0) {
        t->ready.len -= t->edit_len;
        return -AX_ENOMEM;
    }
    uint64_t m = MARK(t->ready_in + n, eof);
    if (mark && bq_push(k, &t->marks, &m, sizeof m) < 0) {
        t->ready.len -= n;
        return -AX_ENOMEM;
    }
    t->ready_in += n;
    t->edit_len = 0;
    wake_readers(k, t);
    return 0;
}

/* Raw mode: bytes are readable as they come. Returns 0 or -AX_ENOMEM. */
static int ready_put(Kernel *k, Tty *t, const void *buf, size_t n) {
    if (bq_push(k, &t->ready, buf, n) < 0)
        return -AX_ENOMEM;
    t->ready_in += n;
    wake_readers(k, t);
    return 0;
}

void ldisc_flush_input(Tty *t) {
    t->edit_len = 0;
    bq_clear(&t->ready);
    bq_clear(&t->marks);
    t->ready_out = t->ready_in;
}

int ldisc_isig(Kernel *k, Tty *t, int sig, uint8_t ch) {
    if (!(t->attr.lflag & AX_NOFLSH))
        ldisc_flush_input(t);
    if ((t->attr.lflag & AX_ECHOCTL) && ch)
        echo_char(k, t, ch);
    return t->fg_pgrp > 0 ? sig_send_group(k, t->fg_pgrp, sig) : 0;
}

/* ---- typed input ---- */

static bool is_erase(const Tty *t, uint8_t ch) {
    uint8_t e = t->attr.cc[AX_VERASE];
    if (cc_is(t, AX_VERASE, ch))
        return true;
    return (ch == 0x08 || ch == 0x7f) && (e == 0x08 || e == 0x7f);
}

/* One byte in canonical mode. Returns 0 or -AX_ENOMEM (not taken). */
static int canon_char(Kernel *k, Tty *t, uint8_t ch) {
    uint32_t lf = t->attr.lflag;
    if (is_erase(t, ch)) {
        erase(k, t, ch);
    } else if (cc_is(t, AX_VKILL, ch)) {
        kill_line(k, t, ch);
    } else if ((lf & AX_IEXTEN) && cc_is(t, AX_VWERASE, ch)) {
        erase_word(k, t);
    } else if (cc_is(t, AX_VEOF, ch)) {
        return finish_line(k, t, -1, true, true);
    } else if (ch == '\n' || cc_is(t, AX_VEOL, ch)) {
        if (finish_line(k, t, ch, true, false) < 0)
            return -AX_ENOMEM;
        if (lf & AX_ECHO)
            echo_char(k, t, ch);
        else if ((lf & AX_ECHONL) && ch == '\n')
            echo_bytes(k, t, "\n", 1);
    } else if (t->edit_len < TTY_LINE_MAX) {
        t->edit[t->edit_len++] = ch;
        echo_char(k, t, ch);
    } /* else: the line is full and the byte is dropped, as Linux does */
    return 0;
}

/* One byte through the discipline. Returns 0 or -AX_ENOMEM. */
static int input_char(Kernel *k, Tty *t, uint8_t ch) {
    if (ch == '\r' && (t->attr.iflag & AX_ICRNL))
        ch = '\n';
    if (t->attr.lflag & AX_ISIG) {
        int sig = cc_is(t, AX_VINTR, ch)   ? AX_SIGINT
                  : cc_is(t, AX_VQUIT, ch) ? AX_SIGQUIT
                  : cc_is(t, AX_VSUSP, ch) ? AX_SIGTSTP
                                           : 0;
        if (sig) {
            ldisc_isig(k, t, sig, ch);
            return 0;
        }
    }
    if (t->attr.lflag & AX_ICANON)
        return canon_char(k, t, ch);
    if (ready_put(k, t, &ch, 1) < 0)
        return -AX_ENOMEM;
    echo_char(k, t, ch);
    return 0;
}

size_t ldisc_input(Kernel *k, Tty *t, const uint8_t *buf, size_t n) {
    size_t i;
    for (i = 0; i < n && t->ready.len < TTY_INPUT_MAX; i++)
        if (input_char(k, t, buf[i]) < 0)
            break;
    return i;
}

size_t ldisc_input_text(Kernel *k, Tty *t, const uint8_t *buf, size_t n) {
    size_t room = t->ready.len < TTY_INPUT_MAX ? TTY_INPUT_MAX - t->ready.len : 0;
    if (!(t->attr.lflag & AX_ICANON)) {
        n = n < room ? n : room;
        return ready_put(k, t, buf, n) < 0 ? 0 : n;
    }
    size_t i;
    for (i = 0; i < n && t->ready.len < TTY_INPUT_MAX; i++) {
        if (buf[i] == '\n') {
            if (finish_line(k, t, '\n', true, false) < 0)
                break;
            continue;
        }
        /* The host's text has no length limit: a long line goes to the
         * reader in pieces, as a pipe would give it. */
        if (t->edit_len == TTY_LINE_MAX && finish_line(k, t, -1, false, false) < 0)
            break;
        t->edit[t->edit_len++] = buf[i];
    }
    return i;
}

/* ---- the reader's side ---- */

/* Raw mode reads past line ends: forget marks that are behind us. */
static void drop_passed_marks(Tty *t) {
    uint64_t m;
    while (bq_peek(&t->marks, 0, &m, sizeof m) == sizeof m && MARK_END(m) <= t->ready_out)
        bq_pop(&t->marks, NULL, sizeof m);
}

static size_t take_ready(Kernel *k, Tty *t, uint8_t *buf, size_t n) {
    size_t got = bq_pop(&t->ready, buf, n);
    t->ready_out += got;
    if (got && t->ops->input_room)
        t->ops->input_room(k, t);
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
static int64_t ldisc_read_raw(Kernel *k, Tty *t, KObject *o, uint8_t *buf, size_t n) {
    Proc *p = k->cur;
    size_t vmin = t->attr.cc[AX_VMIN];
    unsigned vtime = t->attr.cc[AX_VTIME];
    size_t need = vmin < n ? vmin : n;
    if (!p->retry)
        p->timed_out = false; /* a flag left from an earlier call */
    bool expired = vtime > 0 && p->timed_out;
    size_t have = t->ready.len;
    if (have > 0 && (have >= need || t->input_closed || expired)) {
        ktimer_disarm(k, &p->sleep_timer);
        size_t got = take_ready(k, t, buf, n);
        drop_passed_marks(t);
        return (int64_t)got;
    }
    if (t->input_closed || (vmin == 0 && (vtime == 0 || expired)))
        return 0;
    if (o->flags & AX_O_NONBLOCK)
        return -AX_EAGAIN;
    /* VMIN 0 times the whole read (armed once); VMIN above 0 times the
     * gap after each byte (armed again whenever more came). */
    if (vtime > 0 && (vmin == 0 ? !p->retry : have > 0) && vtime_arm(k, p, vtime) < 0)
        return -AX_ENOMEM;
    return sched_wait(k, &t->read_wait);
}

int64_t ldisc_read(Kernel *k, Tty *t, KObject *o, uint8_t *buf, size_t n) {
    if (n == 0)
        return 0;
    if (!(t->attr.lflag & AX_ICANON))
        return ldisc_read_raw(k, t, o, buf, n);
    uint64_t m;
    if (bq_peek(&t->marks, 0, &m, sizeof m) == sizeof m) {
        uint64_t left = MARK_END(m) - t->ready_out;
        size_t got = take_ready(k, t, buf, n < left ? n : (size_t)left);
        if (t->ready_out == MARK_END(m))
            bq_pop(&t->marks, NULL, sizeof m);
        return (int64_t)got; /* 0: a line ended by VEOF at its start */
    }
    if (t->ready.len > 0) /* typed in raw mode, before ICANON came on */
        return (int64_t)take_ready(k, t, buf, n);
    if (t->input_closed)
        return 0;
    if (o->flags & AX_O_NONBLOCK)
        return -AX_EAGAIN;
    return sched_wait(k, &t->read_wait);
}

unsigned ldisc_poll(const Tty *t) {
    size_t need = 1;
    if (t->attr.lflag & AX_ICANON) {
        /* a finished line, or bytes typed in raw mode before ICANON */
        if (t->marks.len > 0 || t->ready.len > 0)
            return AX_POLLIN | AX_POLLRDNORM;
    } else {
        if (t->attr.cc[AX_VTIME] == 0 && t->attr.cc[AX_VMIN] > 0)
            need = t->attr.cc[AX_VMIN];
        if (t->ready.len >= need)
            return AX_POLLIN | AX_POLLRDNORM;
    }
    if (t->input_closed)
        return t->ready.len > 0 ? AX_POLLIN | AX_POLLRDNORM : AX_POLLHUP;
    return 0;
}

/* ---- attributes and end of input ---- */

void ldisc_set_attr(Kernel *k, Tty *t, const TermAttr *attr) {
    bool was_canon = (t->attr.lflag & AX_ICANON) != 0;
    t->attr = *attr;
    /* Leaving canonical mode hands the half-typed line over as it is. */
    if (was_canon && !(attr->lflag & AX_ICANON) && t->edit_len > 0)
        finish_line(k, t, -1, false, false);
    wake_readers(k, t); /* VMIN or the mode may let a reader through now */
}

void ldisc_close_input(Kernel *k, Tty *t) {
    if (t->edit_len > 0)
        finish_line(k, t, -1, true, false);
    t->input_closed = true;
    wake_readers(k, t);
}
