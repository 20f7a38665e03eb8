/* cksum [-a ALGO] [--untagged] [FILE...]: the POSIX CRC of each file and
 * its size, or (-a) another checksum: bsd and sysv (as sum computes
 * them), or a digest (md5, sha1, sha224, sha256, sha384, sha512, blake2b)
 * from libgcrypt, in the tagged form. sum [-rs] [FILE...]: the BSD or
 * System V checksum and the size in blocks. */
#include <string.h>

#include "hashsum.h"
#include "ulib.h"

/* POSIX cksum's CRC: polynomial 0x04C11DB7, most significant bit first,
 * over the data and then the length, complemented. POSIX defines the
 * algorithm itself (it is not one of the digests a library offers). */
static uint32_t crc_step(uint32_t crc, unsigned char byte, const uint32_t *table)
{
    return (crc << 8) ^ table[(crc >> 24) ^ byte];
}

static void crc_table(uint32_t *t)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i << 24;
        for (int k = 0; k < 8; k++)
            c = c & 0x80000000u ? (c << 1) ^ 0x04C11DB7u : c << 1;
        t[i] = c;
    }
}

enum { ALG_CRC, ALG_BSD, ALG_SYSV };

/* One file's checksum of kind alg and its byte count. */
static SyscallError checksum_fd(int fd, int alg, uint32_t *sum, uint64_t *size)
{
    uint32_t *table = NULL;
    if (alg == ALG_CRC) {
        table = xmalloc(256 * sizeof *table);
        crc_table(table);
    }
    unsigned char *buf = xmalloc(65536);
    uint32_t s = 0;
    uint64_t n = 0;
    SyscallError err = AX_OK;
    for (;;) {
        SyscallResult r = sys_read(fd, buf, 65536);
        if (r.error != AX_OK) {
            err = r.error;
            break;
        }
        if (r.value == 0)
            break;
        for (int64_t i = 0; i < r.value; i++) {
            if (alg == ALG_CRC)
                s = crc_step(s, buf[i], table);
            else if (alg == ALG_BSD)
                s = (((s >> 1) | ((s & 1) << 15)) + buf[i]) & 0xffff;
            else
                s += buf[i];
        }
        n += (uint64_t)r.value;
    }
    if (alg == ALG_CRC) {
        for (uint64_t len = n; len; len >>= 8)
            s = crc_step(s, (unsigned char)(len & 0xff), table);
        s = ~s;
    } else if (alg == ALG_SYSV) {
        uint32_t r = (s & 0xffff) + (s >> 16);
        s = (r & 0xffff) + (r >> 16);
    }
    xfree(buf);
    xfree(table);
    *sum = s;
    *size = n;
    return err;
}

/* Print one file's line; returns 0 or 1. */
static int sum_one(const char *prog, const char *name, int alg, bool show_name)
{
    int fd = u_open_operand(name);
    if (fd < 0) {
        u_perror(prog, name, (SyscallError)-fd);
        return 1;
    }
    uint32_t s;
    uint64_t n;
    SyscallError err = checksum_fd(fd, alg, &s, &n);
    if (fd != 0)
        sys_close(fd);
    if (err != AX_OK) {
        u_perror(prog, name, err);
        return 1;
    }
    UStream *out = u_stdout();
    if (alg == ALG_CRC)
        u_fprintf(out, "%u %llu", s, (unsigned long long)n);
    else if (alg == ALG_BSD)
        u_fprintf(out, "%05u %5llu", s, (unsigned long long)(n + 1023) / 1024);
    else
        u_fprintf(out, "%u %llu", s, (unsigned long long)(n + 511) / 512);
    if (show_name)
        u_fprintf(out, " %s", name);
    u_putc('\n', out);
    return 0;
}

int cksum_main(int argc, char **argv)
{
    enum { OPT_UNTAGGED = 256 };
    static const ULongOpt longopts[] = {
        {"algorithm", U_REQ_ARG, 'a'}, {"untagged", U_NO_ARG, OPT_UNTAGGED}, {NULL, 0, 0},
    };
    /* -a with a digest hands the whole command line to the digest code */
    UGetopt g = U_GETOPT_INIT;
    int c, alg = ALG_CRC;
    const HashAlgo *digest = NULL;
    while ((c = u_getopt_long(&g, argc, argv, ":a:bctzw", longopts)) != -1) {
        if (c != 'a')
            continue;
        if (strcmp(g.arg, "crc") == 0) {
            alg = ALG_CRC;
        } else if (strcmp(g.arg, "bsd") == 0) {
            alg = ALG_BSD;
        } else if (strcmp(g.arg, "sysv") == 0) {
            alg = ALG_SYSV;
        } else if ((digest = hash_algo(g.arg)) == NULL) {
            u_eprintf("%s: invalid argument '%s' for '--algorithm'\n"
                      "Valid arguments are:\n  - 'bsd'\n  - 'sysv'\n  - 'crc'\n  - 'md5'\n"
                      "  - 'sha1'\n  - 'sha224'\n  - 'sha256'\n  - 'sha384'\n  - 'sha512'\n"
                      "  - 'blake2b'\n  - 'sm3'\nTry '%s --help' for more information.\n",
                      argv[0], g.arg, argv[0]);
            return 1;
        }
    }
    if (digest) {
        /* drop -a ALGO (and --algorithm) for the digest parser */
        char **args = xmalloc((size_t)(argc + 1) * sizeof *args);
        int n = 0;
        for (int i = 0; i < argc; i++) {
            if ((strcmp(argv[i], "-a") == 0 || strcmp(argv[i], "--algorithm") == 0) &&
                i + 1 < argc) {
                i++;
                continue;
            }
            if (strncmp(argv[i], "-a", 2) == 0 || strncmp(argv[i], "--algorithm=", 12) == 0)
                continue;
            args[n++] = argv[i];
        }
        args[n] = NULL;
        return hashsum_run(n, args, digest, true);
    }
    /* the CRC and the old sums take no other option */
    g = (UGetopt)U_GETOPT_INIT;
    while ((c = u_getopt_long(&g, argc, argv, "a:", longopts)) != -1)
        if (c == '?')
            return 1;
    size_t n;
    char *const *files = u_operands(argc, argv, g.ind, &n);
    int status = 0;
    for (size_t i = 0; i < n; i++)
        status |= sum_one("cksum", files[i], alg, g.ind < argc);
    return status;
}

int sum_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {{"sysv", U_NO_ARG, 's'}, {NULL, 0, 0}};
    UGetopt g = U_GETOPT_INIT;
    int c, alg = ALG_BSD;
    while ((c = u_getopt_long(&g, argc, argv, "rs", longopts)) != -1) {
        switch (c) {
        case 'r': alg = ALG_BSD; break;
        case 's': alg = ALG_SYSV; break;
        default: return 1;
        }
    }
    size_t n;
    char *const *files = u_operands(argc, argv, g.ind, &n);
    int status = 0;
    for (size_t i = 0; i < n; i++)
        status |= sum_one("sum", files[i], alg, g.ind < argc);
    return status;
}
