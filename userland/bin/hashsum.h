/* The digest programs' shared parts (hashsum.c), for cksum -a. */
#ifndef AXOS_USERLAND_HASHSUM_H
#define AXOS_USERLAND_HASHSUM_H

#include "ulib.h"

typedef struct HashAlgo {
    const char *prog; /* "sha256sum" */
    const char *name; /* "sha256", as cksum -a names it */
    const char *tag;  /* "SHA256", as --tag prints it */
    int md;           /* libgcrypt's GCRY_MD_* */
    unsigned dlen;    /* digest length in bytes */
} HashAlgo;

/* The algorithm a program or cksum -a name stands for, or NULL. */
const HashAlgo *hash_algo(const char *name);
/* Digest fd to its end into digest (64 bytes of room); *len gets its
 * length. Returns AX_OK or the read error (AX_ENOMEM if libgcrypt fails,
 * AX_ENOSYS in a build without libgcrypt). */
SyscallError hash_fd(const HashAlgo *a, int fd, unsigned char *digest, size_t *len);
/* Lower-case hex of d[0..len) into out (2 * len + 1 bytes). */
void hash_hex(const unsigned char *d, size_t len, char *out);
/* The whole of md5sum & co: options, printing and -c. tag_default: the
 * BSD-style "ALGO (FILE) = HEX" lines are the default (cksum -a). */
int hashsum_run(int argc, char **argv, const HashAlgo *algo, bool tag_default);

#endif
