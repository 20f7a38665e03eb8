/* The REPL's accounts: the password hashes the boot writes to
 * /etc/shadow, made with the system's crypt (Debian's libcrypt,
 * yescrypt), and who the session runs as.
 *
 * The salts come from the boot's seed, so a run with --seed repeats byte
 * for byte, /etc/shadow included. The hashes use yescrypt's lowest cost:
 * two of the default cost take a third of a second, which would double
 * the REPL's start-up; passwords set later with passwd get the default
 * cost. */
#include <crypt.h>
#include <stdio.h>
#include <string.h>

#include "repl.h"

/* splitmix64: 16 salt bytes per account from the seed. */
static uint64_t mix(uint64_t *s) {
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Hash password into out (CRYPT_OUTPUT_SIZE bytes); false when libcrypt
 * refuses (it never should for yescrypt). */
static bool hash_password(const char *password, uint64_t seed, char *out) {
    unsigned char rnd[16];
    for (int i = 0; i < 2; i++) {
        uint64_t v = mix(&seed);
        memcpy(rnd + 8 * i, &v, 8);
    }
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!crypt_gensalt_rn("$y$", 1, (const char *)rnd, sizeof rnd, salt, sizeof salt))
        return false;
    struct crypt_data data;
    memset(&data, 0, sizeof data);
    const char *h = crypt_r(password, salt, &data);
    if (!h || h[0] == '*')
        return false;
    snprintf(out, CRYPT_OUTPUT_SIZE, "%s", h);
    return true;
}

bool accounts_config(KernelConfig *cfg, ReplAccounts *acc, uint64_t seed) {
    cfg->user = acc->user;
    cfg->session = acc->as_root ? AX_SESSION_ROOT : AX_SESSION_USER;
    const char *user_pw = acc->user_password ? acc->user_password : acc->user;
    const char *root_pw = acc->root_password ? acc->root_password : "root";
    if (!hash_password(user_pw, seed ^ 0x75736572ULL, acc->user_hash) ||
        !hash_password(root_pw, seed ^ 0x726f6f74ULL, acc->root_hash))
        return false;
    cfg->user_hash = acc->user_hash;
    cfg->root_hash = acc->root_hash;
    return true;
}
