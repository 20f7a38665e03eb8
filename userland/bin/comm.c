/* comm [-123] [--output-delimiter=STR] [--check-order] [--total] FILE1
 * FILE2: compare two sorted files line by line: lines only in FILE1, only
 * in FILE2, and in both, in three columns. */
#include <string.h>

#include "ulib.h"

typedef struct CommOpts {
    bool hide[3];
    const char *delim;
    bool check, nocheck, total;
    char eol;
} CommOpts;

static void column(UStream *out, int col, const char *line, size_t len, const CommOpts *o)
{
    if (o->hide[col])
        return;
    for (int i = 0; i < col; i++)
        if (!o->hide[i])
            u_fputs(o->delim, out);
    u_fwrite(line, len, out);
    u_putc(o->eol, out);
}

static int cmp_lines(const char *a, size_t al, const char *b, size_t bl)
{
    int c = memcmp(a, b, al < bl ? al : bl);
    return c ? c : (al > bl) - (al < bl);
}

typedef struct Input {
    UStream *in;
    const char *name;
    char *line, *prev;
    size_t cap, pcap;
    int64_t len, plen;
    bool disorder_told;
    int which;
} Input;

/* The next line (without its end), checking the order when asked. */
static bool advance(Input *in, const CommOpts *o, bool *disorder)
{
    char *t = in->prev;
    size_t tc = in->pcap;
    in->prev = in->line;
    in->pcap = in->cap;
    in->plen = in->len;
    in->line = t;
    in->cap = tc;
    in->len = u_getdelim(&in->line, &in->cap, o->eol, in->in);
    if (in->len < 0)
        return false;
    if (in->len > 0 && in->line[in->len - 1] == o->eol)
        in->len--;
    if (!o->nocheck && in->plen >= 0 && in->prev &&
        cmp_lines(in->prev, (size_t)in->plen, in->line, (size_t)in->len) > 0 &&
        !in->disorder_told) {
        u_eprintf("comm: file %d is not in sorted order\n", in->which);
        in->disorder_told = true;
        *disorder = true;
    }
    return true;
}

int comm_main(int argc, char **argv)
{
    CommOpts o = {{false, false, false}, "\t", false, false, false, '\n'};
    enum { OPT_CHECK = 256, OPT_NOCHECK, OPT_DELIM, OPT_TOTAL };
    static const ULongOpt longopts[] = {
        {"check-order", U_NO_ARG, OPT_CHECK}, {"nocheck-order", U_NO_ARG, OPT_NOCHECK},
        {"output-delimiter", U_REQ_ARG, OPT_DELIM}, {"total", U_NO_ARG, OPT_TOTAL},
        {"zero-terminated", U_NO_ARG, 'z'}, {NULL, 0, 0},
    };
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "123z", longopts)) != -1) {
        switch (c) {
        case '1':
        case '2':
        case '3': o.hide[c - '1'] = true; break;
        case 'z': o.eol = '\0'; break;
        case OPT_CHECK: o.check = true; o.nocheck = false; break;
        case OPT_NOCHECK: o.nocheck = true; o.check = false; break;
        case OPT_DELIM: o.delim = *g.arg ? g.arg : ""; break;
        case OPT_TOTAL: o.total = true; break;
        default: return 1;
        }
    }
    if (!u_two_operands(argv[0], argc, argv, g.ind))
        return 1;
    Input in[2];
    for (int i = 0; i < 2; i++) {
        SyscallError err;
        in[i] = (Input){.name = argv[g.ind + i], .len = -1, .plen = -1, .which = i + 1};
        in[i].in = u_input_open(in[i].name, &err);
        if (!in[i].in) {
            u_perror("comm", in[i].name, err);
            return 1;
        }
    }
    UStream *out = u_stdout();
    bool disorder = false;
    bool more[2] = {advance(&in[0], &o, &disorder), advance(&in[1], &o, &disorder)};
    uint64_t counts[3] = {0, 0, 0};
    while ((more[0] || more[1]) && !(o.check && disorder)) {
        int d = !more[1] ? -1 : !more[0] ? 1
                         : cmp_lines(in[0].line, (size_t)in[0].len, in[1].line, (size_t)in[1].len);
        if (d < 0) {
            column(out, 0, in[0].line, (size_t)in[0].len, &o);
            counts[0]++;
            more[0] = advance(&in[0], &o, &disorder);
        } else if (d > 0) {
            column(out, 1, in[1].line, (size_t)in[1].len, &o);
            counts[1]++;
            more[1] = advance(&in[1], &o, &disorder);
        } else {
            column(out, 2, in[0].line, (size_t)in[0].len, &o);
            counts[2]++;
            more[0] = advance(&in[0], &o, &disorder);
            more[1] = advance(&in[1], &o, &disorder);
        }
    }
    if (o.total)
        u_fprintf(out, "%llu%s%llu%s%llu%stotal%c", (unsigned long long)counts[0], o.delim,
                  (unsigned long long)counts[1], o.delim, (unsigned long long)counts[2], o.delim,
                  o.eol);
    for (int i = 0; i < 2; i++) {
        xfree(in[i].line);
        xfree(in[i].prev);
        u_input_close(in[i].in);
    }
    if (disorder) {
        if (!o.check)
            u_eprintf("comm: input is not in sorted order\n");
        return 1;
    }
    return 0;
}
