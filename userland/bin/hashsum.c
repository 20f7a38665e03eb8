/* md5sum, sha1sum, sha224sum, sha256sum, sha384sum, sha512sum, b2sum
 * [OPTION]... [FILE]...: print or check message digests, as GNU coreutils
 * does. The digests come from libgcrypt: axos keeps no hash code of its
 * own. libgcrypt is loaded at the first digest (hostlib.h), so the runs
 * that make none never load it. A hash context lives in host memory for the time of one file; a
 * program killed in the middle of a file leaves that context behind.
 * cksum -a ALGO uses the same code (see cksum.c).
 *
 * A build without libgcrypt (cmake -DAXOS_WITH_GCRYPT=OFF, as the aarch64
 * cross build, which has no arm64 libgcrypt) keeps the programs, whose
 * every digest then fails with ENOSYS. */
#include <string.h>

#if AXOS_HAVE_GCRYPT
#include <gcrypt.h>

#include "hostlib.h"
#define MD(algo) GCRY_MD_##algo

#ifndef AXOS_GCRYPT_SONAME
#define AXOS_GCRYPT_SONAME "libgcrypt.so.20" /* libgcrypt's ABI name on Linux */
#endif

/* The libgcrypt functions the digests call, without their gcry_ prefix. */
#define HASH_GCRY_FUNCTIONS X(check_version) X(md_close) X(md_open) X(md_read) X(md_write)
static struct {
#define X(fn) __typeof__(gcry_##fn) *fn;
    HASH_GCRY_FUNCTIONS
#undef X
} hash_gcry;
static const char *const hash_gcry_names[] = {
#define X(fn) #fn,
    HASH_GCRY_FUNCTIONS
#undef X
};
static HostLib hash_gcry_lib = HOSTLIB_INIT(AXOS_GCRYPT_SONAME, "gcry_", hash_gcry_names, hash_gcry);
#else
#define MD(algo) 0
#endif

#include "hashsum.h"
#include "ulib.h"

static const HashAlgo algos[] = {
    {"md5sum", "md5", "MD5", MD(MD5), 16},
    {"sha1sum", "sha1", "SHA1", MD(SHA1), 20},
    {"sha224sum", "sha224", "SHA224", MD(SHA224), 28},
    {"sha256sum", "sha256", "SHA256", MD(SHA256), 32},
    {"sha384sum", "sha384", "SHA384", MD(SHA384), 48},
    {"sha512sum", "sha512", "SHA512", MD(SHA512), 64},
    {"b2sum", "blake2b", "BLAKE2b", MD(BLAKE2B_512), 64},
    {"", "sm3", "SM3", MD(SM3), 32}, /* cksum -a sm3 only */
    {NULL, NULL, NULL, 0, 0},
};

const HashAlgo *hash_algo(const char *name)
{
    for (const HashAlgo *a = algos; a->prog; a++)
        if (strcmp(a->prog, name) == 0 || strcmp(a->name, name) == 0)
            return a;
    return NULL;
}

SyscallError hash_fd(const HashAlgo *a, int fd, unsigned char *digest, size_t *len)
{
#if !AXOS_HAVE_GCRYPT
    (void)a, (void)fd;
    memset(digest, 0, 64);
    *len = 0;
    return AX_ENOSYS;
#else
    if (!hostlib_load(&hash_gcry_lib))
        return AX_ENOSYS;
    hash_gcry.check_version(NULL); /* libgcrypt's set-up: cheap after the first time */
    gcry_md_hd_t h;
    if (hash_gcry.md_open(&h, a->md, 0) != 0)
        return AX_ENOMEM;
    char *buf = xmalloc(65536);
    SyscallError err = AX_OK;
    for (;;) {
        SyscallResult r = sys_read(fd, buf, 65536);
        if (r.error != AX_OK) {
            err = r.error;
            break;
        }
        if (r.value == 0)
            break;
        hash_gcry.md_write(h, buf, (size_t)r.value);
    }
    xfree(buf);
    if (err == AX_OK) {
        *len = a->dlen;
        memcpy(digest, hash_gcry.md_read(h, a->md), *len);
    }
    hash_gcry.md_close(h);
    return err;
#endif
}

void hash_hex(const unsigned char *d, size_t len, char *out)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < len; i++) {
        out[2 * i] = hex[d[i] >> 4];
        out[2 * i + 1] = hex[d[i] & 15];
    }
    out[2 * len] = '\0';
}

typedef struct SumOpts {
    const HashAlgo *algo;
    bool check, binary, tag, quiet, status, strict, warn, zero, ignore_missing;
} SumOpts;

/* A name with a backslash or newline is printed escaped, with a leading
 * backslash on the line, as GNU does. */
static bool needs_escape(const char *name)
{
    return strpbrk(name, "\\\n\r") != NULL;
}

static void put_name(UStream *out, const char *name, bool escape)
{
    if (!escape) {
        u_fputs(name, out);
        return;
    }
    for (const char *p = name; *p; p++) {
        if (*p == '\\')
            u_fputs("\\\\", out);
        else if (*p == '\n')
            u_fputs("\\n", out);
        else if (*p == '\r')
            u_fputs("\\r", out);
        else
            u_putc(*p, out);
    }
}

static int sum_file(const char *name, const SumOpts *o)
{
    int fd = u_open_operand(name);
    if (fd < 0) {
        u_perror(o->algo->prog, name, (SyscallError)-fd);
        return 1;
    }
    unsigned char d[64];
    size_t len;
    SyscallError err = hash_fd(o->algo, fd, d, &len);
    if (fd != 0)
        sys_close(fd);
    if (err != AX_OK) {
        u_perror(o->algo->prog, name, err);
        return 1;
    }
    char hex[129];
    hash_hex(d, len, hex);
    UStream *out = u_stdout();
    bool esc = !o->zero && needs_escape(name);
    if (esc)
        u_putc('\\', out);
    if (o->tag) {
        u_fprintf(out, "%s (", o->algo->tag);
        put_name(out, name, esc);
        u_fprintf(out, ") = %s", hex);
    } else {
        u_fprintf(out, "%s %c", hex, o->binary ? '*' : ' ');
        put_name(out, name, esc);
    }
    u_putc(o->zero ? '\0' : '\n', out);
    return 0;
}

static bool is_hex(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
              (s[i] >= 'A' && s[i] <= 'F')))
            return false;
    return true;
}

/* Undo the escapes of a checksum line's name, in place. */
static void unescape_name(char *s)
{
    char *w = s;
    for (char *p = s; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            *w++ = *p == 'n' ? '\n' : *p == 'r' ? '\r' : *p;
        } else {
            *w++ = *p;
        }
    }
    *w = '\0';
}

/* One line of a checksum file: "HEX  NAME", "HEX *NAME" or "TAG (NAME) =
 * HEX". Returns the name and sets *hex, or NULL when the line is not one. */
static char *parse_check_line(char *line, const SumOpts *o, char **hex)
{
    size_t dlen = o->algo->dlen * 2;
    bool escaped = line[0] == '\\';
    if (escaped)
        line++;
    size_t tl = strlen(o->algo->tag);
    if (strncmp(line, o->algo->tag, tl) == 0 && line[tl] == ' ' && line[tl + 1] == '(') {
        char *name = line + tl + 2;
        char *end = strstr(name, ") = ");
        if (!end || strlen(end + 4) != dlen || !is_hex(end + 4, dlen))
            return NULL;
        *end = '\0';
        *hex = end + 4;
        if (escaped)
            unescape_name(name);
        return name;
    }
    if (strlen(line) < dlen + 2 || !is_hex(line, dlen) || line[dlen] != ' ' ||
        (line[dlen + 1] != ' ' && line[dlen + 1] != '*'))
        return NULL;
    line[dlen] = '\0';
    *hex = line;
    char *name = line + dlen + 2;
    if (escaped)
        unescape_name(name);
    return name;
}

static int check_file(const char *list, const SumOpts *o)
{
    const char *prog = o->algo->prog;
    SyscallError err;
    UStream *in = u_input_open(list, &err);
    if (!in) {
        u_perror(prog, list, err);
        return 1;
    }
    const char *shown = strcmp(list, "-") == 0 ? "standard input" : list;
    char *line = NULL;
    size_t cap = 0;
    int64_t len;
    uint64_t lineno = 0, bad_lines = 0, failed = 0, unreadable = 0, good = 0;
    UStream *out = u_stdout();
    while ((len = u_getline(&line, &cap, in)) >= 0) {
        lineno++;
        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        if (len > 0 && line[len - 1] == '\r')
            line[--len] = '\0';
        char *hex, *name = parse_check_line(line, o, &hex);
        if (!name) {
            bad_lines++;
            if (o->warn)
                u_eprintf("%s: %s: %llu: improperly formatted %s checksum line\n", prog, shown,
                          (unsigned long long)lineno, o->algo->tag);
            continue;
        }
        int fd = u_open_operand(name);
        unsigned char d[64];
        size_t dl;
        if (fd < 0) {
            if (o->ignore_missing && fd == -AX_ENOENT)
                continue;
            unreadable++;
            if (!o->status) {
                u_perror(prog, name, (SyscallError)-fd);
                u_fprintf(out, "%s: FAILED open or read\n", name);
            }
            continue;
        }
        err = hash_fd(o->algo, fd, d, &dl);
        if (fd != 0)
            sys_close(fd);
        if (err != AX_OK) {
            unreadable++;
            if (!o->status) {
                u_perror(prog, name, err);
                u_fprintf(out, "%s: FAILED open or read\n", name);
            }
            continue;
        }
        char got[129];
        hash_hex(d, dl, got);
        bool ok = strncasecmp(got, hex, dl * 2) == 0;
        if (ok)
            good++;
        else
            failed++;
        if (!o->status && !(ok && o->quiet))
            u_fprintf(out, "%s: %s\n", name, ok ? "OK" : "FAILED");
    }
    xfree(line);
    u_input_close(in);
    if (good + failed + unreadable == 0) {
        u_eprintf("%s: %s: no properly formatted checksum lines found\n", prog, shown);
        return 1;
    }
    if (!o->status) {
        if (bad_lines)
            u_eprintf("%s: WARNING: %llu line%s improperly formatted\n", prog,
                      (unsigned long long)bad_lines, bad_lines == 1 ? " is" : "s are");
        if (unreadable)
            u_eprintf("%s: WARNING: %llu listed file%s could not be read\n", prog,
                      (unsigned long long)unreadable, unreadable == 1 ? "" : "s");
        if (failed)
            u_eprintf("%s: WARNING: %llu computed checksum%s did NOT match\n", prog,
                      (unsigned long long)failed, failed == 1 ? "" : "s");
    }
    return failed || unreadable || (o->strict && bad_lines) ? 1 : 0;
}

enum { OPT_TAG = 256, OPT_QUIET, OPT_STATUS, OPT_STRICT, OPT_IGNORE_MISSING, OPT_UNTAGGED };

static const ULongOpt sum_longopts[] = {
    {"binary", U_NO_ARG, 'b'},   {"check", U_NO_ARG, 'c'},        {"tag", U_NO_ARG, OPT_TAG},
    {"text", U_NO_ARG, 't'},     {"zero", U_NO_ARG, 'z'},         {"quiet", U_NO_ARG, OPT_QUIET},
    {"status", U_NO_ARG, OPT_STATUS}, {"strict", U_NO_ARG, OPT_STRICT},
    {"warn", U_NO_ARG, 'w'},     {"ignore-missing", U_NO_ARG, OPT_IGNORE_MISSING},
    {"untagged", U_NO_ARG, OPT_UNTAGGED}, {NULL, 0, 0},
};

int hashsum_run(int argc, char **argv, const HashAlgo *algo, bool tag_default)
{
    SumOpts o = {.algo = algo, .tag = tag_default};
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "bctzw", sum_longopts)) != -1) {
        switch (c) {
        case 'b': o.binary = true; break;
        case 't': o.binary = false; break;
        case 'c': o.check = true; break;
        case 'z': o.zero = true; break;
        case 'w': o.warn = true; break;
        case OPT_TAG: o.tag = true; break;
        case OPT_UNTAGGED: o.tag = false; break;
        case OPT_QUIET: o.quiet = true; break;
        case OPT_STATUS: o.status = true; break;
        case OPT_STRICT: o.strict = true; break;
        case OPT_IGNORE_MISSING: o.ignore_missing = true; break;
        default: return 1;
        }
    }
    if (o.check && o.tag && !tag_default) {
        u_usage_error(argv[0], "the --tag option is meaningless when verifying checksums");
        return 1;
    }
    if (!o.check && (o.quiet || o.status || o.strict || o.warn || o.ignore_missing)) {
        u_usage_error(argv[0], "the --%s option is meaningful only when verifying checksums",
                      o.quiet ? "quiet" : o.status ? "status" : o.strict ? "strict"
                      : o.warn ? "warn" : "ignore-missing");
        return 1;
    }
    size_t n;
    char *const *files = u_operands(argc, argv, g.ind, &n);
    int status = 0;
    for (size_t i = 0; i < n; i++)
        status |= o.check ? check_file(files[i], &o) : sum_file(files[i], &o);
    return status;
}

#define SUM_MAIN(name)                                                                            \
    int name##_main(int argc, char **argv)                                                        \
    {                                                                                             \
        return hashsum_run(argc, argv, hash_algo(#name), false);                                  \
    }
SUM_MAIN(md5sum)
SUM_MAIN(sha1sum)
SUM_MAIN(sha224sum)
SUM_MAIN(sha256sum)
SUM_MAIN(sha384sum)
SUM_MAIN(sha512sum)
SUM_MAIN(b2sum)
