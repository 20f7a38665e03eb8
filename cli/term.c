/* The host side of the terminal: its modes, the signals the REPL turns
 * into flags, and waiting for stdin.
 *
 * Two modes. COOKED is the terminal as the user's shell left it (libedit
 * sets up its own editing mode from it). PASS, while a command runs, lets
 * every key through to the simulated console, whose line discipline does
 * the echo, the editing and the signal characters: ICANON, ECHO, ISIG and
 * IEXTEN are off, and ICRNL and IXON, so ^C, ^Z, ^\, ^S and '\r' arrive as
 * bytes. Output processing (OPOST, ONLCR) stays on: the simulation writes
 * "\n" and the host terminal turns it into "\r\n".
 *
 * Signals. The keyboard's (SIGINT, SIGTSTP, SIGQUIT, with a terminal) and
 * SIGWINCH are blocked except while the REPL waits in ppoll, so a flag is
 * never missed between a check and the wait. Those that mean "stop axos"
 * (SIGTERM, SIGHUP, and SIGINT without a terminal) are never blocked: they
 * must reach axos while a busy program runs (`yes > /dev/null`), so their
 * handler also interrupts the kernel (kernel_interrupt), and writes a byte
 * to a pipe ppoll watches, so that a wait that starts just after them
 * ends at once. This file is the only one with process-wide state: signal
 * handlers and the saved terminal mode are per host process by nature. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "repl.h"

static struct termios term_saved;
static bool term_have_saved;
static int term_cur = TERM_COOKED;
static sigset_t term_wait_mask; /* the mask while waiting: ours unblocked */
static volatile sig_atomic_t flag_int, flag_tstp, flag_sigquit, flag_winch, flag_quit;
static bool term_interactive;
static Kernel *term_kernel;   /* what a quit signal interrupts */
static int quit_pipe[2] = {-1, -1};

static void on_quit(int sig) {
    flag_quit = sig;
    if (term_kernel)
        kernel_interrupt(term_kernel);
    if (quit_pipe[1] >= 0) {
        int saved = errno;
        ssize_t n = write(quit_pipe[1], "q", 1); /* full already: fine */
        (void)n;
        errno = saved;
    }
}

static void on_signal(int sig) {
    if (sig == SIGINT && !term_interactive)
        on_quit(sig);
    else if (sig == SIGINT)
        flag_int = 1;
    else if (sig == SIGTSTP)
        flag_tstp = 1;
    else if (sig == SIGQUIT)
        flag_sigquit = 1;
    else if (sig == SIGWINCH)
        flag_winch = 1;
    else
        on_quit(sig);
}

void term_init(Kernel *k, bool interactive) {
    if (isatty(0) && tcgetattr(0, &term_saved) == 0)
        term_have_saved = true;
    term_interactive = interactive;
    term_kernel = k;
    if (pipe(quit_pipe) == 0) {
        for (int i = 0; i < 2; i++) {
            fcntl(quit_pipe[i], F_SETFL, O_NONBLOCK);
            fcntl(quit_pipe[i], F_SETFD, FD_CLOEXEC);
        }
    }
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    /* With a terminal, the keyboard's signals are for the simulated
     * foreground job (they reach axos itself only at the prompt, or from
     * kill(1)). Without one, ^C at the host means "stop axos", as SIGTERM
     * does; SIGTSTP and SIGQUIT keep their default actions then. */
    int quits[] = {SIGTERM, SIGHUP, SIGINT};
    int waits[] = {SIGWINCH, SIGINT, SIGTSTP, SIGQUIT};
    size_t nquits = interactive ? 2 : 3, nwaits = interactive ? 4 : 1;
    for (size_t i = 0; i < nquits; i++)
        sigaction(quits[i], &sa, NULL);
    sigset_t block;
    sigemptyset(&block);
    for (size_t i = 0; i < nwaits; i++) {
        sigaction(waits[i], &sa, NULL);
        sigaddset(&block, waits[i]);
    }
    sigprocmask(SIG_BLOCK, &block, &term_wait_mask);
    for (size_t i = 0; i < nwaits; i++)
        sigdelset(&term_wait_mask, waits[i]);
    atexit(term_restore);
}

void term_mode(int mode) {
    if (!term_have_saved || mode == term_cur)
        return;
    struct termios t = term_saved;
    if (mode == TERM_PASS) {
        t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
        t.c_iflag &= ~(tcflag_t)(IXON | ICRNL | INLCR | IGNCR);
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;
    }
    tcsetattr(0, TCSANOW, &t);
    term_cur = mode;
}

void term_restore(void) {
    term_mode(TERM_COOKED);
}

static bool take(volatile sig_atomic_t *f) {
    bool set = *f != 0;
    *f = 0;
    return set;
}

bool term_take_sigint(void) { return take(&flag_int); }

int term_take_job_signal(void) {
    if (take(&flag_int))
        return AX_SIGINT;
    if (take(&flag_tstp))
        return AX_SIGTSTP;
    if (take(&flag_sigquit))
        return AX_SIGQUIT;
    return 0;
}
bool term_take_winch(void) { return take(&flag_winch); }
int term_take_quit(void) {
    int sig = flag_quit;
    flag_quit = 0;
    return sig;
}

void term_sync_winsize(Kernel *k) {
    struct winsize ws;
    if (ioctl(0, TIOCGWINSZ, &ws) == 0 || ioctl(1, TIOCGWINSZ, &ws) == 0)
        if (ws.ws_row && ws.ws_col)
            kernel_console_set_winsize(k, ws.ws_row, ws.ws_col);
}

bool term_wait_input(Repl *r, uint64_t timeout_ns, bool watch_stdin) {
    timeout_ns = disk_wait_cap(r, timeout_ns);
    struct pollfd pfd[2] = {{.fd = quit_pipe[0], .events = POLLIN}, {.fd = 0, .events = POLLIN}};
    struct timespec ts = {(time_t)(timeout_ns / 1000000000u), (long)(timeout_ns % 1000000000u)};
    nfds_t nfds = watch_stdin && !r->in_eof ? 2 : 1;
    int n = ppoll(pfd, nfds, timeout_ns == UINT64_MAX ? NULL : &ts, &term_wait_mask);
    disk_tick(r);
    if (n > 0 && (pfd[0].revents & POLLIN)) {
        char drain[16];
        while (read(quit_pipe[0], drain, sizeof drain) > 0)
            ;
        return false; /* a quit signal: the caller looks at term_take_quit */
    }
    return n > 0;
}

void term_read_input(Repl *r) {
    char buf[4096];
    ssize_t n = read(0, buf, sizeof buf);
    if (n > 0)
        buf_add(&r->in, buf, (size_t)n);
    else if (n == 0 || (errno != EINTR && errno != EAGAIN))
        r->in_eof = true;
}
