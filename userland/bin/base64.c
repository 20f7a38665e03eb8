/* base64 / base32 [-d] [-i] [-w COLS] [FILE]: encode data as text (RFC
 * 4648), or decode it. Encoded lines are COLS characters (76), 0 for one
 * line. Decoding skips newlines, and with -i every other byte that is not
 * of the alphabet. */
#include <string.h>

#include "ulib.h"

typedef struct Codec {
    const char *prog;
    const char *alphabet;
    int bits;        /* per character: 6 or 5 */
    int group_in;    /* bytes per group: 3 or 5 */
    int group_out;   /* characters per group: 4 or 8 */
} Codec;

static const Codec base64 = {"base64",
                             "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 6,
                             3, 4};
static const Codec base32 = {"base32", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 5, 5, 8};

typedef struct Wrap {
    uint64_t width, col;
    UStream *out;
} Wrap;

static void put_char(Wrap *w, char c)
{
    u_putc(c, w->out);
    if (w->width && ++w->col == w->width) {
        u_putc('\n', w->out);
        w->col = 0;
    }
}

static void encode_group(const Codec *c, const unsigned char *in, int n, Wrap *w)
{
    uint64_t v = 0;
    for (int i = 0; i < c->group_in; i++)
        v = v << 8 | (i < n ? in[i] : 0);
    int used = (n * 8 + c->bits - 1) / c->bits; /* characters that carry data */
    for (int i = 0; i < c->group_out; i++) {
        int shift = (c->group_out - 1 - i) * c->bits;
        put_char(w, i < used ? c->alphabet[(v >> shift) & ((1u << c->bits) - 1)] : '=');
    }
}

static int encode(const Codec *c, int fd, uint64_t width)
{
    Wrap w = {width, 0, u_stdout()};
    unsigned char buf[4096 + 8];
    int have = 0;
    for (;;) {
        SyscallResult r = sys_read(fd, buf + have, 4096);
        if (r.error != AX_OK) {
            u_perror(c->prog, "read error", r.error);
            return 1;
        }
        if (r.value == 0)
            break;
        have += (int)r.value;
        int i = 0;
        for (; have - i >= c->group_in; i += c->group_in)
            encode_group(c, buf + i, c->group_in, &w);
        memmove(buf, buf + i, (size_t)(have - i));
        have -= i;
    }
    if (have)
        encode_group(c, buf, have, &w);
    if (w.col && width)
        u_putc('\n', w.out);
    return 0;
}

static int decode(const Codec *c, int fd, bool ignore_garbage)
{
    UStream *out = u_stdout();
    int value[256];
    for (int i = 0; i < 256; i++)
        value[i] = -1;
    for (int i = 0; c->alphabet[i]; i++)
        value[(unsigned char)c->alphabet[i]] = i;
    unsigned char buf[4096];
    uint64_t acc = 0;
    int nbits = 0, pads = 0;
    for (;;) {
        SyscallResult r = sys_read(fd, buf, sizeof buf);
        if (r.error != AX_OK) {
            u_perror(c->prog, "read error", r.error);
            return 1;
        }
        if (r.value == 0)
            break;
        for (int64_t i = 0; i < r.value; i++) {
            unsigned char ch = buf[i];
            if (ch == '\n' || ch == '\r')
                continue;
            if (ch == '=') {
                pads++;
                continue;
            }
            if (value[ch] < 0 || pads) {
                if (ignore_garbage && value[ch] < 0)
                    continue;
                u_fflush(out);
                u_eprintf("%s: invalid input\n", c->prog);
                return 1;
            }
            acc = acc << c->bits | (uint64_t)value[ch];
            nbits += c->bits;
            if (nbits >= 8) {
                nbits -= 8;
                u_putc((int)((acc >> nbits) & 0xff), out);
            }
        }
    }
    /* a group cut short without its padding is invalid, as GNU says */
    if (nbits >= c->bits || (pads == 0 && nbits && (acc & ((1u << nbits) - 1)))) {
        u_fflush(out);
        u_eprintf("%s: invalid input\n", c->prog);
        return 1;
    }
    return 0;
}

static int run(const Codec *c, int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"decode", U_NO_ARG, 'd'}, {"ignore-garbage", U_NO_ARG, 'i'}, {"wrap", U_REQ_ARG, 'w'},
        {NULL, 0, 0},
    };
    bool dec = false, garbage = false;
    uint64_t width = 76;
    UGetopt g = U_GETOPT_INIT;
    int ch;
    while ((ch = u_getopt_long(&g, argc, argv, "diw:", longopts)) != -1) {
        switch (ch) {
        case 'd': dec = true; break;
        case 'i': garbage = true; break;
        case 'w':
            if (!u_parse_size(g.arg, &width) || strpbrk(g.arg, "bcwkKMGTPE")) {
                u_eprintf("%s: invalid wrap size: '%s'\n", argv[0], g.arg);
                return 1;
            }
            break;
        default: return 1;
        }
    }
    if (argc - g.ind > 1) {
        u_usage_error(argv[0], "extra operand '%s'", argv[g.ind + 1]);
        return 1;
    }
    const char *name = g.ind < argc ? argv[g.ind] : "-";
    int fd = u_open_operand(name);
    if (fd < 0) {
        u_perror(c->prog, name, (SyscallError)-fd);
        return 1;
    }
    int status = dec ? decode(c, fd, garbage) : encode(c, fd, width);
    if (fd != 0)
        sys_close(fd);
    return status;
}

int base64_main(int argc, char **argv) { return run(&base64, argc, argv); }
int base32_main(int argc, char **argv) { return run(&base32, argc, argv); }
