/* stty [-F DEVICE] [-a | -g | SETTING...]: show or change the terminal's
 * settings through tcgetattr/tcsetattr and the window size calls, with
 * GNU stty's words for the flags axos's line discipline has (the others
 * do not exist: docs/differences.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

typedef struct SttyFlag {
    const char *name;
    int field; /* 0 iflag, 1 oflag, 2 lflag */
    uint32_t bit;
    bool sane; /* on in "sane" */
} SttyFlag;

static const SttyFlag stty_flags[] = {
    {"icrnl", 0, AX_ICRNL, true},   {"opost", 1, AX_OPOST, true},   {"onlcr", 1, AX_ONLCR, true},
    {"isig", 2, AX_ISIG, true},     {"icanon", 2, AX_ICANON, true}, {"iexten", 2, AX_IEXTEN, true},
    {"echo", 2, AX_ECHO, true},     {"echoe", 2, AX_ECHOE, true},   {"echok", 2, AX_ECHOK, true},
    {"echonl", 2, AX_ECHONL, false}, {"noflsh", 2, AX_NOFLSH, false}, {"tostop", 2, AX_TOSTOP, false},
    {"echoctl", 2, AX_ECHOCTL, true},
};
#define STTY_NFLAGS (sizeof stty_flags / sizeof stty_flags[0])

typedef struct SttyChar {
    const char *name;
    int index;
    uint8_t sane;
} SttyChar;

static const SttyChar stty_chars[] = {
    {"intr", AX_VINTR, 003}, {"quit", AX_VQUIT, 034}, {"erase", AX_VERASE, 0177},
    {"kill", AX_VKILL, 025}, {"eof", AX_VEOF, 004},   {"eol", AX_VEOL, 0},
    {"susp", AX_VSUSP, 032}, {"werase", AX_VWERASE, 027},
};
#define STTY_NCHARS (sizeof stty_chars / sizeof stty_chars[0])

static uint32_t *stty_field(TermAttr *t, int field)
{
    return field == 0 ? &t->iflag : field == 1 ? &t->oflag : &t->lflag;
}

static void stty_char_name(uint8_t c, char buf[8])
{
    if (c == 0)
        snprintf(buf, 8, "<undef>");
    else if (c == 0177)
        snprintf(buf, 8, "^?");
    else if (c < 32)
        snprintf(buf, 8, "^%c", c + '@');
    else
        snprintf(buf, 8, "%c", c);
}

/* ^X, ^?, ^-, undef, a single character or a number */
static bool stty_parse_char(const char *s, uint8_t *out)
{
    if (strcmp(s, "^-") == 0 || strcmp(s, "undef") == 0) {
        *out = 0;
        return true;
    }
    if (s[0] == '^' && s[1] && !s[2]) {
        *out = s[1] == '?' ? 0177 : (uint8_t)((s[1] & 0x1f));
        return true;
    }
    if (s[0] && !s[1]) {
        *out = (uint8_t)s[0];
        return true;
    }
    int64_t v;
    if (u_parse_i64(s, &v) && v >= 0 && v <= 255) {
        *out = (uint8_t)v;
        return true;
    }
    return false;
}

static void stty_show(const TermAttr *t, const WinSize *ws, bool all)
{
    if (all)
        u_printf("speed 38400 baud; rows %u; columns %u; line = 0;\n", ws->rows, ws->cols);
    else
        u_printf("speed 38400 baud; line = 0;\n");
    bool any = false;
    for (size_t i = 0; i < STTY_NCHARS; i++) {
        uint8_t c = t->cc[stty_chars[i].index];
        if (!all && c == stty_chars[i].sane)
            continue;
        char b[8];
        stty_char_name(c, b);
        u_printf("%s%s = %s;", any ? " " : "", stty_chars[i].name, b);
        any = true;
    }
    if (all || t->cc[AX_VMIN] != 1 || t->cc[AX_VTIME] != 0) {
        u_printf("%smin = %u; time = %u;", any ? " " : "", t->cc[AX_VMIN], t->cc[AX_VTIME]);
        any = true;
    }
    if (any)
        u_printf("\n");
    for (int field = 0; field < 3; field++) {
        bool line = false;
        for (size_t i = 0; i < STTY_NFLAGS; i++) {
            const SttyFlag *f = &stty_flags[i];
            if (f->field != field)
                continue;
            bool on = (*stty_field((TermAttr *)t, field) & f->bit) != 0;
            if (!all && on == f->sane)
                continue;
            u_printf("%s%s%s", line ? " " : "", on ? "" : "-", f->name);
            line = true;
        }
        if (line)
            u_printf("\n");
    }
}

static void stty_sane(TermAttr *t)
{
    for (size_t i = 0; i < STTY_NFLAGS; i++) {
        uint32_t *fp = stty_field(t, stty_flags[i].field);
        if (stty_flags[i].sane)
            *fp |= stty_flags[i].bit;
        else
            *fp &= ~stty_flags[i].bit;
    }
    for (size_t i = 0; i < STTY_NCHARS; i++)
        t->cc[stty_chars[i].index] = stty_chars[i].sane;
    t->cc[AX_VMIN] = 1;
    t->cc[AX_VTIME] = 0;
}

/* raw: no input processing, no signals, no echo, bytes as they come */
static void stty_raw(TermAttr *t, bool on)
{
    if (on) {
        t->iflag &= ~(uint32_t)AX_ICRNL;
        t->oflag &= ~(uint32_t)AX_OPOST;
        t->lflag &= ~(uint32_t)(AX_ISIG | AX_ICANON | AX_IEXTEN);
        t->cc[AX_VMIN] = 1;
        t->cc[AX_VTIME] = 0;
    } else {
        t->iflag |= AX_ICRNL;
        t->oflag |= AX_OPOST;
        t->lflag |= AX_ISIG | AX_ICANON;
    }
}

/* -g's form: the four flag words and the control characters in hex */
static void stty_save(const TermAttr *t)
{
    u_printf("%x:%x:%x:%x", t->iflag, t->oflag, t->cflag, t->lflag);
    for (int i = 0; i < AX_NCCS; i++)
        u_printf(":%x", t->cc[i]);
    u_printf("\n");
}

static bool stty_restore(TermAttr *t, const char *s)
{
    unsigned v[4 + AX_NCCS];
    int n = 0;
    const char *p = s;
    while (n < 4 + AX_NCCS) {
        char *end;
        unsigned long x = strtoul(p, &end, 16);
        if (end == p || x > 0xffffffffu)
            return false;
        v[n++] = (unsigned)x;
        if (*end == '\0')
            break;
        if (*end != ':')
            return false;
        p = end + 1;
    }
    if (n != 4 + AX_NCCS)
        return false;
    t->iflag = v[0];
    t->oflag = v[1];
    t->cflag = v[2];
    t->lflag = v[3];
    for (int i = 0; i < AX_NCCS; i++) {
        if (v[4 + i] > 255)
            return false;
        t->cc[i] = (uint8_t)v[4 + i];
    }
    return true;
}

static int stty_invalid(const char *arg)
{
    u_usage_error("stty", "invalid argument '%s'", arg);
    return 1;
}

int stty_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"all", U_NO_ARG, 'a'}, {"save", U_NO_ARG, 'g'}, {"file", U_REQ_ARG, 'F'}, {NULL, 0, 0},
    };
    /* settings start with '-' too ("-echo"): stop at the first operand and
     * take what follows as settings */
    UGetopt g = U_GETOPT_INIT;
    int c;
    bool all = false, save = false;
    const char *dev = NULL;
    while (g.ind < argc && argv[g.ind][0] == '-' && argv[g.ind][1] &&
           (strchr("agF", argv[g.ind][1]) || argv[g.ind][1] == '-')) {
        if ((c = u_getopt_long(&g, argc, argv, "+agF:", longopts)) == -1)
            break;
        if (c == 'a')
            all = true;
        else if (c == 'g')
            save = true;
        else if (c == 'F')
            dev = g.arg;
        else
            return 1;
    }
    int fd = 0;
    const char *fdname = "standard input";
    if (dev) {
        SyscallResult r = sys_open(dev, AX_O_RDONLY | AX_O_NONBLOCK, 0);
        if (r.error != AX_OK) {
            u_eprintf("stty: %s: %s\n", dev, sys_strerror(r.error));
            return 1;
        }
        fd = (int)r.value;
        fdname = dev;
    }
    TermAttr t;
    WinSize ws = {0};
    SyscallResult r = sys_tcgetattr(fd, &t);
    if (r.error != AX_OK) {
        u_eprintf("stty: '%s': %s\n", fdname, sys_strerror(r.error));
        return 1;
    }
    sys_tcgetwinsize(fd, &ws);
    if ((all || save) && g.ind < argc) {
        u_eprintf("stty: when specifying an output style, modes may not be set\n");
        return 1;
    }
    if (all && save) {
        u_eprintf("stty: the options for verbose and stty-readable output styles are\n"
                  "mutually exclusive\n");
        return 1;
    }
    if (save) {
        stty_save(&t);
        return 0;
    }
    if (g.ind >= argc) {
        stty_show(&t, &ws, all);
        return 0;
    }
    TermAttr nt = t;
    WinSize nws = ws;
    bool set_ws = false;
    for (int i = g.ind; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "size") == 0) {
            u_printf("%u %u\n", ws.rows, ws.cols);
            continue;
        }
        if (strcmp(a, "sane") == 0 || strcmp(a, "cooked") == 0 || strcmp(a, "-raw") == 0) {
            if (strcmp(a, "sane") == 0)
                stty_sane(&nt);
            else
                stty_raw(&nt, false);
            continue;
        }
        if (strcmp(a, "raw") == 0 || strcmp(a, "-cooked") == 0) {
            stty_raw(&nt, true);
            continue;
        }
        if (strcmp(a, "rows") == 0 || strcmp(a, "cols") == 0 || strcmp(a, "columns") == 0 ||
            strcmp(a, "min") == 0 || strcmp(a, "time") == 0) {
            int64_t v;
            if (i + 1 >= argc) {
                u_usage_error("stty", "missing argument to '%s'", a);
                return 1;
            }
            const char *val = argv[++i];
            bool small = a[0] == 'm' || a[0] == 't';
            if (!u_parse_i64(val, &v) || v < 0 || v > (small ? 255 : 65535)) {
                u_eprintf("stty: invalid integer argument: '%s'\n", val);
                return 1;
            }
            if (a[0] == 'r')
                nws.rows = (uint16_t)v, set_ws = true;
            else if (a[0] == 'c')
                nws.cols = (uint16_t)v, set_ws = true;
            else
                nt.cc[a[0] == 'm' ? AX_VMIN : AX_VTIME] = (uint8_t)v;
            continue;
        }
        bool done = false;
        for (size_t k = 0; k < STTY_NCHARS && !done; k++) {
            if (strcmp(a, stty_chars[k].name) != 0)
                continue;
            if (i + 1 >= argc) {
                u_usage_error("stty", "missing argument to '%s'", a);
                return 1;
            }
            uint8_t ch;
            if (!stty_parse_char(argv[++i], &ch)) {
                u_eprintf("stty: invalid integer argument: '%s'\n", argv[i]);
                return 1;
            }
            nt.cc[stty_chars[k].index] = ch;
            done = true;
        }
        bool neg = a[0] == '-';
        for (size_t k = 0; k < STTY_NFLAGS && !done; k++) {
            if (strcmp(a + neg, stty_flags[k].name) != 0)
                continue;
            uint32_t *fp = stty_field(&nt, stty_flags[k].field);
            if (neg)
                *fp &= ~stty_flags[k].bit;
            else
                *fp |= stty_flags[k].bit;
            done = true;
        }
        if (!done && strchr(a, ':') && stty_restore(&nt, a))
            done = true;
        if (!done)
            return stty_invalid(a);
    }
    if (memcmp(&nt, &t, sizeof t) != 0) {
        r = sys_tcsetattr(fd, AX_TCSADRAIN, &nt);
        if (r.error != AX_OK) {
            u_eprintf("stty: '%s': %s\n", fdname, sys_strerror(r.error));
            return 1;
        }
    }
    if (set_ws) {
        r = sys_tcsetwinsize(fd, &nws);
        if (r.error != AX_OK) {
            u_eprintf("stty: '%s': %s\n", fdname, sys_strerror(r.error));
            return 1;
        }
    }
    return 0;
}
