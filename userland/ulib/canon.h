/* Canonical paths with symbolic links resolved: realpath(1), readlink -f
 * and the POSIX layer's realpath(3) share this. It sees only axos.h and
 * allocates nothing, so the POSIX layer compiles it in as it is. */
#ifndef AXOS_ULIB_CANON_H
#define AXOS_ULIB_CANON_H

#include <stddef.h>

#include "axos.h"

/* How much of the path must exist (GNU's canonicalize modes). */
#define U_CANON_EXISTING 0 /* every component (realpath(3), readlink -e) */
#define U_CANON_PARENT 1   /* all but the last (realpath(1), readlink -f) */
#define U_CANON_MISSING 2  /* none (readlink -m, realpath -m) */
#define U_CANON_NOLINKS 0x10 /* or'ed in: leave links unresolved (realpath -s) */

/* The absolute path of path, with ".", ".." and repeated slashes gone
 * and, unless U_CANON_NOLINKS, every symbolic link replaced by what it
 * leads to, into out (cap bytes, AX_PATH_MAX is enough). Returns AX_OK,
 * or AX_EINVAL (path NULL), AX_ENOENT (empty, or a component that must
 * exist is missing), AX_ENOTDIR, AX_EACCES, AX_ELOOP (more than
 * AX_SYMLOOP_MAX links), AX_ENAMETOOLONG (the result or an expansion
 * does not fit); out is then undefined. */
SyscallError u_canonicalize(const char *path, int how, char *out, size_t cap);

#endif
