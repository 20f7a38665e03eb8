/* Terminals: isatty, termios, the foreground group, window sizes, and
 * the terminal ioctls. axos's TermAttr has termios's Linux layout of
 * flags and control characters, so the fields carry over as they are. */
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "posix/internal.h"

int tcgetattr(int fd, struct termios *t) {
    TermAttr a;
    if (!t)
        return px_fail(EFAULT);
    if (px_ret(sys_tcgetattr(fd, &a)) < 0)
        return -1;
    memset(t, 0, sizeof *t);
    t->c_iflag = a.iflag;
    t->c_oflag = a.oflag;
    t->c_cflag = a.cflag;
    t->c_lflag = a.lflag;
    memcpy(t->c_cc, a.cc, sizeof a.cc < sizeof t->c_cc ? sizeof a.cc : sizeof t->c_cc);
    t->c_ispeed = t->c_ospeed = B38400;
    return 0;
}

int tcsetattr(int fd, int action, const struct termios *t) {
    TermAttr a;
    if (!t)
        return px_fail(EFAULT);
    memset(&a, 0, sizeof a);
    a.iflag = t->c_iflag;
    a.oflag = t->c_oflag;
    a.cflag = t->c_cflag;
    a.lflag = t->c_lflag;
    memcpy(a.cc, t->c_cc, sizeof a.cc < sizeof t->c_cc ? sizeof a.cc : sizeof t->c_cc);
    return (int)px_ret(sys_tcsetattr(fd, action, &a));
}

int isatty(int fd) {
    struct termios t;
    return tcgetattr(fd, &t) == 0;
}

pid_t tcgetpgrp(int fd) {
    return (pid_t)px_ret(sys_tcgetpgrp(fd));
}

int tcsetpgrp(int fd, pid_t pgrp) {
    return (int)px_ret(sys_tcsetpgrp(fd, pgrp));
}

pid_t tcgetsid(int fd) {
    if (tcgetpgrp(fd) < 0)
        return -1;
    return getsid(0);
}

/* Output is never pending in axos: draining has nothing to wait for. */
int tcdrain(int fd) {
    struct termios t;
    return tcgetattr(fd, &t);
}

int tcflush(int fd, int queue) {
    struct termios t;
    if (queue != TCIFLUSH && queue != TCOFLUSH && queue != TCIOFLUSH)
        return px_fail(EINVAL);
    if (tcgetattr(fd, &t) < 0)
        return -1;
    /* TCSAFLUSH drops unread input; output is never queued. */
    return queue == TCOFLUSH ? 0 : tcsetattr(fd, TCSAFLUSH, &t);
}

int tcflow(int fd, int action) {
    struct termios t;
    if (action < TCOOFF || action > TCION)
        return px_fail(EINVAL);
    return tcgetattr(fd, &t);
}

int tcsendbreak(int fd, int duration) {
    struct termios t;
    (void)duration;
    return tcgetattr(fd, &t);
}

/* The console is axos's one terminal. */
static char tty_name[] = "/dev/console";

char *ttyname(int fd) {
    if (!isatty(fd)) {
        if (errno != EBADF)
            errno = ENOTTY;
        return NULL;
    }
    return tty_name;
}

int ttyname_r(int fd, char *buf, size_t len) {
    int saved = errno;
    if (!isatty(fd)) {
        int e = errno == EBADF ? EBADF : ENOTTY;
        errno = saved;
        return e;
    }
    if (len < sizeof tty_name)
        return ERANGE;
    memcpy(buf, tty_name, sizeof tty_name);
    return 0;
}

char *ctermid(char *s) {
    static char name[L_ctermid];
    char *out = s ? s : name;
    memcpy(out, tty_name, sizeof tty_name);
    return out;
}

int ioctl(int fd, unsigned long req, ...) {
    va_list ap;
    va_start(ap, req);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    switch (req) {
    case TCGETS:
        return tcgetattr(fd, arg);
    case TCSETS:
        return tcsetattr(fd, TCSANOW, arg);
    case TCSETSW:
        return tcsetattr(fd, TCSADRAIN, arg);
    case TCSETSF:
        return tcsetattr(fd, TCSAFLUSH, arg);
    case TIOCGWINSZ: {
        WinSize w;
        struct winsize *ws = arg;
        if (!ws)
            return px_fail(EFAULT);
        if (px_ret(sys_tcgetwinsize(fd, &w)) < 0)
            return -1;
        *ws = (struct winsize){w.rows, w.cols, w.xpixel, w.ypixel};
        return 0;
    }
    case TIOCSWINSZ: {
        const struct winsize *ws = arg;
        if (!ws)
            return px_fail(EFAULT);
        WinSize w = {ws->ws_row, ws->ws_col, ws->ws_xpixel, ws->ws_ypixel};
        return (int)px_ret(sys_tcsetwinsize(fd, &w));
    }
    case TIOCGPGRP: {
        pid_t pg = tcgetpgrp(fd);
        if (pg < 0)
            return -1;
        if (!arg)
            return px_fail(EFAULT);
        *(pid_t *)arg = pg;
        return 0;
    }
    case TIOCSPGRP:
        if (!arg)
            return px_fail(EFAULT);
        return tcsetpgrp(fd, *(const pid_t *)arg);
    case FIONBIO: {
        int fl = fcntl(fd, F_GETFL);
        if (fl < 0)
            return -1;
        if (!arg)
            return px_fail(EFAULT);
        return fcntl(fd, F_SETFL, *(const int *)arg ? fl | O_NONBLOCK : fl & ~O_NONBLOCK);
    }
    case FIOCLEX:
        return fcntl(fd, F_SETFD, FD_CLOEXEC);
    case FIONCLEX:
        return fcntl(fd, F_SETFD, 0);
    default:
        if (sys_fcntl(fd, AX_F_GETFD, 0).error != AX_OK)
            return px_fail(EBADF);
        return px_fail(ENOTTY);
    }
}
