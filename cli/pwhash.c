/* yescrypt through the system's crypt (Debian's libcrypt, loaded at the
 * first hash: hostcrypt.h), with salts from a seed so that the same seed
 * gives the same /etc/shadow. */
#include "pwhash.h"

#include <crypt.h>
#include <stdio.h>
#include <string.h>

#include "hostcrypt.h"

_Static_assert(PWHASH_MAX >= CRYPT_OUTPUT_SIZE, "PWHASH_MAX holds a crypt result");

/* splitmix64 */
static uint64_t mix(uint64_t *s) {
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

bool pwhash(const char *password, uint64_t seed, char out[PWHASH_MAX]) {
    unsigned char rnd[16];
    for (int i = 0; i < 2; i++) {
        uint64_t v = mix(&seed);
        memcpy(rnd + 8 * i, &v, 8);
    }
    const HostCrypt *c = hostcrypt();
    if (!c)
        return false;
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!c->crypt_gensalt_rn("$y$", 1, (const char *)rnd, sizeof rnd, salt, sizeof salt))
        return false;
    struct crypt_data data;
    memset(&data, 0, sizeof data);
    const char *h = c->crypt_r(password, salt, &data);
    if (!h || h[0] == '*')
        return false;
    snprintf(out, PWHASH_MAX, "%s", h);
    return true;
}
