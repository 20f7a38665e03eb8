/* cmp [-blsv] [-i SKIP1[:SKIP2]] [-n LIMIT] FILE1 [FILE2 [SKIP1 [SKIP2]]]:
 * compare two files byte by byte. Exit status as diffutils: 0 the same,
 * 1 different, 2 trouble. */
#include <string.h>

#include "ulib.h"

typedef struct CmpOpts {
    bool print_bytes, list, silent;
    uint64_t skip[2], limit;
    bool have_limit;
} CmpOpts;

static bool parse_skip(const char *arg, uint64_t *a, uint64_t *b)
{
    char first[64];
    const char *colon = strchr(arg, ':');
    size_t n = colon ? (size_t)(colon - arg) : strlen(arg);
    if (n >= sizeof first)
        return false;
    memcpy(first, arg, n);
    first[n] = '\0';
    if (!u_parse_size(first, a))
        return false;
    if (!colon) {
        *b = *a;
        return true;
    }
    return u_parse_size(colon + 1, b);
}

/* Skip n bytes of fd by reading (works for pipes too). */
static SyscallError skip_bytes(int fd, uint64_t n, char *buf)
{
    while (n > 0) {
        SyscallResult r = sys_read(fd, buf, n < 65536 ? (size_t)n : 65536);
        if (r.error != AX_OK)
            return r.error;
        if (r.value == 0)
            break;
        n -= (uint64_t)r.value;
    }
    return AX_OK;
}

/* "a" and "M-a" and "^A" as cmp -b shows a byte */
static void show_byte(UStream *out, unsigned char c)
{
    if (c >= 128) {
        u_fputs("M-", out);
        c -= 128;
    }
    if (c < 32)
        u_fprintf(out, "^%c", c + 64);
    else if (c == 127)
        u_fputs("^?", out);
    else
        u_putc(c, out);
}

typedef struct Side {
    int fd;
    const char *name;
    unsigned char *buf;
    size_t len, pos;
    bool eof;
} Side;

static int next_byte(Side *s)
{
    if (s->pos == s->len) {
        if (s->eof)
            return -1;
        SyscallResult r = sys_read(s->fd, s->buf, 65536);
        if (r.error != AX_OK)
            return -2;
        if (r.value == 0) {
            s->eof = true;
            return -1;
        }
        s->len = (size_t)r.value;
        s->pos = 0;
    }
    return s->buf[s->pos++];
}

static int compare(Side *a, Side *b, const CmpOpts *o)
{
    UStream *out = u_stdout();
    uint64_t byte = 0, line = 1;
    int status = 0, last = -1;
    for (;;) {
        if (o->have_limit && byte >= o->limit)
            return status;
        int x = next_byte(a), y = next_byte(b);
        if (x == -2 || y == -2) {
            u_perror("cmp", x == -2 ? a->name : b->name, AX_EIO);
            return 2;
        }
        if (x < 0 || y < 0) {
            if (x < 0 && y < 0)
                return status;
            Side *shorter = x < 0 ? a : b;
            if (!o->silent) {
                if (byte == 0)
                    u_eprintf("cmp: EOF on %s which is empty\n", shorter->name);
                else if (o->list)
                    u_eprintf("cmp: EOF on %s after byte %llu\n", shorter->name,
                              (unsigned long long)byte);
                else
                    u_eprintf("cmp: EOF on %s after byte %llu, in line %llu\n", shorter->name,
                              (unsigned long long)byte,
                              (unsigned long long)(last == '\n' ? line - 1 : line));
            }
            return 1;
        }
        byte++;
        if (x != y) {
            if (o->silent)
                return 1;
            if (!o->list) {
                u_fprintf(out, "%s %s differ: byte %llu, line %llu", a->name, b->name,
                          (unsigned long long)byte, (unsigned long long)line);
                if (o->print_bytes) {
                    u_fprintf(out, " is %3o ", x);
                    show_byte(out, (unsigned char)x);
                    u_fprintf(out, " %3o ", y);
                    show_byte(out, (unsigned char)y);
                }
                u_putc('\n', out);
                return 1;
            }
            u_fprintf(out, "%llu %3o %3o", (unsigned long long)byte, x, y);
            if (o->print_bytes) {
                u_putc(' ', out);
                show_byte(out, (unsigned char)x);
                u_fprintf(out, " ");
                show_byte(out, (unsigned char)y);
            }
            u_putc('\n', out);
            status = 1;
        }
        if (x == '\n')
            line++;
        last = x;
    }
}

int cmp_main(int argc, char **argv)
{
    CmpOpts o = {0};
    static const ULongOpt longopts[] = {
        {"print-bytes", U_NO_ARG, 'b'}, {"ignore-initial", U_REQ_ARG, 'i'},
        {"verbose", U_NO_ARG, 'l'},     {"bytes", U_REQ_ARG, 'n'},
        {"quiet", U_NO_ARG, 's'},       {"silent", U_NO_ARG, 's'},
        {NULL, 0, 0},
    };
    UGetopt g = U_GETOPT_INIT;
    g.prog_try = 1;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "bi:ln:s", longopts)) != -1) {
        switch (c) {
        case 'b': o.print_bytes = true; break;
        case 'l': o.list = true; o.silent = false; break;
        case 's': o.silent = true; o.list = false; break;
        case 'i':
            if (!parse_skip(g.arg, &o.skip[0], &o.skip[1])) {
                u_eprintf("cmp: invalid --ignore-initial value '%s'\n"
                          "cmp: Try 'cmp --help' for more information.\n", g.arg);
                return 2;
            }
            break;
        case 'n':
            if (!u_parse_size(g.arg, &o.limit)) {
                u_eprintf("cmp: invalid --bytes value '%s'\n"
                          "cmp: Try 'cmp --help' for more information.\n", g.arg);
                return 2;
            }
            o.have_limit = true;
            break;
        default: return 2;
        }
    }
    int n = argc - g.ind;
    if (n < 1 || n > 4) {
        if (n < 1)
            u_eprintf("cmp: missing operand after '%s'\n", argv[0]);
        else
            u_eprintf("cmp: extra operand '%s'\n", argv[g.ind + 4]);
        u_eprintf("cmp: Try 'cmp --help' for more information.\n");
        return 2;
    }
    for (int k = 2; k < n; k++) {
        if (!u_parse_size(argv[g.ind + k], &o.skip[k - 2])) {
            u_eprintf("cmp: invalid --ignore-initial value '%s'\n"
                      "cmp: Try 'cmp --help' for more information.\n", argv[g.ind + k]);
            return 2;
        }
    }
    Side s[2];
    const char *names[2] = {argv[g.ind], n > 1 ? argv[g.ind + 1] : "-"};
    char *skipbuf = xmalloc(65536);
    for (int k = 0; k < 2; k++) {
        s[k] = (Side){.name = names[k], .buf = xmalloc(65536)};
        s[k].fd = u_open_operand(names[k]);
        if (s[k].fd < 0) {
            u_perror("cmp", names[k], (SyscallError)-s[k].fd);
            return 2;
        }
        SyscallError err = skip_bytes(s[k].fd, o.skip[k], skipbuf);
        if (err != AX_OK) {
            u_perror("cmp", names[k], err);
            return 2;
        }
    }
    /* the same file (and offset) is the same */
    FileStat a, b;
    if (strcmp(names[0], names[1]) == 0 && o.skip[0] == o.skip[1])
        return 0;
    if (sys_fstat(s[0].fd, &a).error == AX_OK && sys_fstat(s[1].fd, &b).error == AX_OK &&
        AX_S_ISDIR(a.mode)) {
        u_perror("cmp", names[0], AX_EISDIR);
        return 2;
    }
    if (AX_S_ISDIR(b.mode)) {
        u_perror("cmp", names[1], AX_EISDIR);
        return 2;
    }
    return compare(&s[0], &s[1], &o);
}
