/* hexdump [-C] [-v] [FILE...]: show bytes in hex. -C is the canonical
 * "offset, 16 bytes, |ascii|" layout; without it, 16-bit words. Runs of
 * identical lines print as one "*" unless -v. Files are read as one
 * stream, as hexdump does. */
#include <string.h>

#include "ulib.h"

typedef struct Dump {
    bool canonical, verbose;
    uint64_t offset;
    unsigned char prev[16];
    bool have_prev, starred;
    UStream *out;
} Dump;

static void put_line(Dump *d, const unsigned char *b, size_t n)
{
    char line[96];
    size_t len = 0;
    static const char hex[] = "0123456789abcdef";
    if (d->canonical) {
        u_fprintf(d->out, "%08llx  ", (unsigned long long)d->offset);
        for (size_t i = 0; i < 16; i++) {
            if (i < n) {
                line[len++] = hex[b[i] >> 4];
                line[len++] = hex[b[i] & 15];
                line[len++] = ' ';
            } else {
                memcpy(line + len, "   ", 3);
                len += 3;
            }
            if (i == 7)
                line[len++] = ' ';
        }
        line[len++] = ' ';
        line[len++] = '|';
        for (size_t i = 0; i < n; i++)
            line[len++] = b[i] >= 0x20 && b[i] < 0x7f ? (char)b[i] : '.';
        line[len++] = '|';
    } else {
        u_fprintf(d->out, "%07llx", (unsigned long long)d->offset);
        for (size_t i = 0; i < 16; i += 2) {
            if (i < n) {
                unsigned w = b[i] | (i + 1 < n ? b[i + 1] << 8 : 0);
                line[len++] = ' ';
                for (int s = 12; s >= 0; s -= 4)
                    line[len++] = hex[(w >> s) & 15];
            } else {
                memcpy(line + len, "     ", 5);
                len += 5;
            }
        }
    }
    line[len++] = '\n';
    u_fwrite(line, len, d->out);
}

static void dump_block(Dump *d, const unsigned char *b, size_t n)
{
    if (!d->verbose && n == 16 && d->have_prev && memcmp(b, d->prev, 16) == 0) {
        if (!d->starred)
            u_fputs("*\n", d->out);
        d->starred = true;
    } else {
        put_line(d, b, n);
        d->starred = false;
    }
    memcpy(d->prev, b, n);
    d->have_prev = n == 16;
    d->offset += n;
}

int hexdump_main(int argc, char **argv)
{
    Dump d;
    memset(&d, 0, sizeof d);
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "Cv", NULL)) != -1) {
        switch (c) {
        case 'C': d.canonical = true; break;
        case 'v': d.verbose = true; break;
        default: return 1;
        }
    }
    d.out = u_stdout();
    size_t nfiles;
    char *const *files = u_operands(argc, argv, g.ind, &nfiles);
    unsigned char block[16];
    size_t have = 0;
    int status = 0;
    for (; *files; files++) {
        SyscallError err;
        UStream *in = u_input_open(*files, &err);
        if (in == NULL) {
            u_perror("hexdump", *files, err);
            status = 1;
            continue;
        }
        /* Lines run across file boundaries. */
        size_t got;
        while ((got = u_fread(block + have, 16 - have, in)) > 0) {
            have += got;
            if (have == 16) {
                dump_block(&d, block, 16);
                have = 0;
            }
        }
        if (u_ferror(in)) {
            u_eprintf("hexdump: %s: read error\n", *files);
            status = 1;
        }
        u_input_close(in);
    }
    if (have)
        dump_block(&d, block, have);
    if (d.offset)
        u_fprintf(d.out, d.canonical ? "%08llx\n" : "%07llx\n", (unsigned long long)d.offset);
    return status;
}
