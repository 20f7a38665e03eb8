/* libcrypt at first use: see hostcrypt.h. */
#include "hostcrypt.h"

#include "hostlib.h"

#ifndef AXOS_CRYPT_SONAME
#define AXOS_CRYPT_SONAME "libcrypt.so.1" /* libxcrypt's ABI name on Linux */
#endif

static HostCrypt hostcrypt_table;
static const char *const hostcrypt_names[] = {"crypt_r", "crypt_gensalt_rn"};
static HostLib hostcrypt_lib = HOSTLIB_INIT(AXOS_CRYPT_SONAME, "", hostcrypt_names, hostcrypt_table);

const HostCrypt *hostcrypt(void) {
    return hostlib_load(&hostcrypt_lib) ? &hostcrypt_table : NULL;
}
