/* watch [-n SECONDS] [-t] COMMAND...: run COMMAND (through sh -c) again
 * and again, showing its output full-screen with a header ("Every 2.0s:
 * COMMAND" and the host name and time), as procps watch. The terminal is
 * put in raw mode through UTerm: q or ^C ends it. Times are the kernel
 * clock's. */
#include <stdio.h>
#include <string.h>

#include "ulib.h"

/* The command's stdout and stderr, NUL-terminated, in the heap */
static char *watch_run(const char *cmd, int *status)
{
    int p[2];
    if (sys_pipe2(p, AX_O_CLOEXEC).error != AX_OK)
        return NULL;
    SpawnFileAction act[2] = {
        {.kind = AX_SPAWN_DUP2, .fd = p[1], .newfd = 1},
        {.kind = AX_SPAWN_DUP2, .fd = p[1], .newfd = 2},
    };
    SpawnAttr attr = {.actions = act, .nactions = 2};
    char *argv[] = {"sh", "-c", (char *)cmd, NULL};
    SyscallResult r = sys_spawn("/bin/sh", argv, NULL, &attr);
    sys_close(p[1]);
    char *out = NULL;
    size_t len = 0;
    if (r.error == AX_OK)
        u_read_all(p[0], &out, &len);
    sys_close(p[0]);
    if (r.error != AX_OK)
        return NULL;
    SyscallResult w;
    do
        w = sys_waitpid((int)r.value, status, 0);
    while (w.error == AX_EINTR);
    out = xrealloc(out, len + 1);
    out[len] = '\0';
    return out;
}

static char *watch_hostname(void)
{
    int fd = u_open_operand("/etc/hostname");
    char *text = NULL;
    size_t len = 0;
    if (fd >= 0) {
        u_read_all(fd, &text, &len);
        sys_close(fd);
    }
    if (!text || len == 0) {
        xfree(text);
        return xstrdup("axos");
    }
    char *nl = memchr(text, '\n', len);
    char *h = xstrndup(text, nl ? (size_t)(nl - text) : len);
    xfree(text);
    return h;
}

static void watch_draw(UTerm *t, const char *cmd, double secs, bool header, const char *out)
{
    UStream *o = u_stdout();
    u_term_size(t);
    u_fputs("\033[H\033[2J", o);
    int row = 0;
    if (header) {
        char left[256], right[128], when[64];
        snprintf(left, sizeof left, "Every %.1fs: %s", secs, cmd);
        UTm tm;
        u_gmtime(sys_clock_gettime(AX_CLOCK_REALTIME).value, &tm);
        u_strftime(when, sizeof when, "%a %b %e %H:%M:%S %Y", &tm);
        char *host = watch_hostname();
        snprintf(right, sizeof right, "%s: %s", host, when);
        xfree(host);
        int ll = (int)strlen(left), rl = (int)strlen(right);
        if (ll + rl + 1 > t->cols)
            ll = t->cols - rl - 1 > 0 ? t->cols - rl - 1 : 0;
        u_fprintf(o, "%.*s%*s%s\r\n\r\n", ll, left, t->cols - ll - rl > 0 ? t->cols - ll - rl : 0, "",
                  right);
        row = 2;
    }
    /* the output, cut to the screen */
    const char *p = out;
    while (*p && row < t->rows) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        u_fwrite(p, n < (size_t)t->cols ? n : (size_t)t->cols, o);
        row++;
        if (row < t->rows)
            u_fputs("\r\n", o);
        if (!nl)
            break;
        p = nl + 1;
    }
    u_fflush(o);
}

int watch_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"interval", U_REQ_ARG, 'n'}, {"no-title", U_NO_ARG, 't'}, {NULL, 0, 0},
    };
    UGetopt g = U_GETOPT_INIT;
    int c;
    uint64_t interval = 2000000000;
    bool header = true;
    while ((c = u_getopt_long(&g, argc, argv, "+n:t", longopts)) != -1) {
        switch (c) {
        case 'n':
            if (!u_parse_duration(g.arg, &interval) || strpbrk(g.arg, "smhd")) {
                u_eprintf("watch: failed to parse argument: '%s'\n", g.arg);
                return 1;
            }
            if (interval < 100000000)
                interval = 100000000; /* procps: 0.1 s at least */
            break;
        case 't': header = false; break;
        default: return 1;
        }
    }
    if (g.ind >= argc) {
        u_usage_error("watch", "no command given");
        return 1;
    }
    /* the words joined by spaces, as procps does */
    size_t len = 0;
    for (int i = g.ind; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *cmd = xmalloc(len + 1);
    cmd[0] = '\0';
    for (int i = g.ind; i < argc; i++) {
        if (i > g.ind)
            strcat(cmd, " ");
        strcat(cmd, argv[i]);
    }
    UTerm t;
    int r = u_term_open(&t, false);
    if (r < 0) {
        u_eprintf("watch: %s\n", sys_strerror((SyscallError)-r));
        xfree(cmd);
        return 1;
    }
    int status = 0;
    for (;;) {
        int st = 0;
        char *out = watch_run(cmd, &st);
        watch_draw(&t, cmd, (double)interval / 1e9, header, out ? out : "");
        xfree(out);
        /* wait for the interval, or a key */
        PollFd pf = {.fd = t.fd, .events = AX_POLLIN};
        int64_t deadline = sys_clock_gettime(AX_CLOCK_MONOTONIC).value + (int64_t)interval;
        bool quit = false;
        for (;;) {
            int64_t now = sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
            if (now >= deadline && t.pos >= t.len)
                break;
            int64_t left = deadline - now > 0 ? deadline - now : 0;
            if (t.pos >= t.len) {
                SyscallResult pr = sys_ppoll(&pf, 1, &left, NULL);
                if (pr.error == AX_EINTR)
                    continue;
                if (pr.error != AX_OK || pr.value == 0)
                    break;
            }
            int key = u_term_key(&t);
            if (key == 'q' || key == 3 || key < 0) {
                quit = true;
                break;
            }
        }
        if (quit)
            break;
    }
    u_fputs("\033[H\033[2J", u_stdout());
    u_term_close(&t);
    xfree(cmd);
    return status;
}
