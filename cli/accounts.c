/* The REPL's accounts: the password hashes the boot writes to
 * /etc/shadow, made with the system's crypt (Debian's libcrypt,
 * yescrypt), and who the session runs as.
 *
 * A password chosen on the command line is hashed at start, with a salt
 * from the boot's seed, so a run with --seed repeats byte for byte,
 * /etc/shadow included. The default passwords (root's "root", the default
 * user's "user") were hashed when axos was built (hashgen.c): hashing
 * them here would be most of the REPL's start-up. passwd gives later
 * passwords the default cost. */
#include <string.h>

#include "default_hashes.h"
#include "pwhash.h"
#include "repl.h"

_Static_assert(sizeof ((ReplAccounts *)0)->user_hash >= PWHASH_MAX, "ReplAccounts holds a hash");

bool accounts_config(KernelConfig *cfg, ReplAccounts *acc, uint64_t seed) {
    cfg->user = acc->user;
    cfg->session = acc->as_root ? AX_SESSION_ROOT : AX_SESSION_USER;
    if (acc->user_password || strcmp(acc->user, ACCOUNTS_DEFAULT_USER) != 0) {
        const char *pw = acc->user_password ? acc->user_password : acc->user;
        if (!pwhash(pw, PWHASH_SEED_USER(seed), acc->user_hash))
            return false;
    } else {
        strcpy(acc->user_hash, ACCOUNTS_DEFAULT_USER_HASH);
    }
    if (acc->root_password) {
        if (!pwhash(acc->root_password, PWHASH_SEED_ROOT(seed), acc->root_hash))
            return false;
    } else {
        strcpy(acc->root_hash, ACCOUNTS_DEFAULT_ROOT_HASH);
    }
    cfg->user_hash = acc->user_hash;
    cfg->root_hash = acc->root_hash;
    return true;
}
