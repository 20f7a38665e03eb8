/* Password hashing for the boot's accounts, shared by the REPL and the
 * build-time generator of the default accounts' hashes (hashgen.c). */
#ifndef AXOS_CLI_PWHASH_H
#define AXOS_CLI_PWHASH_H

#include <stdbool.h>
#include <stdint.h>

/* crypt's CRYPT_OUTPUT_SIZE, without making every includer see crypt.h */
#define PWHASH_MAX 384

/* Hash password with yescrypt at its lowest cost, the salt's 16 bytes
 * drawn from seed, into out (PWHASH_MAX bytes). false when libcrypt
 * refuses (it never should for yescrypt). */
bool pwhash(const char *password, uint64_t seed, char out[PWHASH_MAX]);

/* The seeds the boot's two accounts salt with: an account's hash depends
 * on its seed, so root's and the user's differ even for equal passwords. */
#define PWHASH_SEED_USER(seed) ((seed) ^ 0x75736572ULL)
#define PWHASH_SEED_ROOT(seed) ((seed) ^ 0x726f6f74ULL)

#endif
