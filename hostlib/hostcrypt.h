/* The system's crypt (Debian's libxcrypt, "libcrypt.so.1") through
 * hostlib: su, passwd and login check and make password hashes with it,
 * and the REPL hashes the passwords given on its command line. It is
 * loaded at the first hash, so the runs that hash nothing (nearly all)
 * never map it. The prototypes are libxcrypt's (crypt(3),
 * crypt_gensalt(3)); callers include <crypt.h> for struct crypt_data and
 * the size constants. */
#ifndef AXOS_HOSTCRYPT_H
#define AXOS_HOSTCRYPT_H

struct crypt_data;

typedef struct HostCrypt {
    char *(*crypt_r)(const char *phrase, const char *setting, struct crypt_data *data);
    char *(*crypt_gensalt_rn)(const char *prefix, unsigned long count, const char *rbytes,
                              int nrbytes, char *output, int output_size);
} HostCrypt;

/* libcrypt's functions, loading it the first time; NULL when the host
 * has no libcrypt.so.1 (the callers then fail as a build without crypt
 * does). Thread-safe. */
const HostCrypt *hostcrypt(void);

#endif
