/* The environment: environ and the calls that read and change it.
 *
 * Like a Unix process's, it lives in the process's own memory: the layer
 * copies the kernel's list at start, and from then on getenv and setenv
 * work on environ, which exec, posix_spawn, system and popen pass on.
 * The kernel's copy keeps what the process started with (as Linux's
 * /proc/PID/environ does). Strings setenv makes are never freed, as in
 * glibc: a pointer getenv returned earlier stays valid. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "posix/internal.h"

char **environ;
extern char **__environ __attribute__((alias("environ")));

static size_t env_cap; /* slots of the array this layer allocated; 0 when
                          environ is the program's own (it assigned it) */
static char **env_mine; /* that array */

static size_t env_count(void) {
    size_t n = 0;
    while (environ && environ[n])
        n++;
    return n;
}

/* Make environ an array of ours with room for `extra` more entries. */
static int env_reserve(size_t extra) {
    size_t n = env_count();
    if (environ == env_mine && n + extra + 1 <= env_cap)
        return 0;
    size_t cap = (n + extra + 1) * 2;
    char **a = malloc(cap * sizeof *a);
    if (!a)
        return -1;
    if (environ)
        memcpy(a, environ, n * sizeof *a);
    a[n] = NULL;
    if (env_mine && environ == env_mine)
        free(env_mine);
    env_mine = environ = a;
    env_cap = cap;
    return 0;
}

int px_env_init(void) {
    char stack[512];
    environ = env_mine = NULL;
    env_cap = 0;
    if (env_reserve(16) < 0)
        return -1;
    for (size_t i = 0;; i++) {
        char *buf = stack;
        size_t size = sizeof stack;
        SyscallResult r;
        while ((r = sys_environ(i, buf, size)).error == AX_ERANGE) {
            if (buf != stack)
                free(buf);
            size *= 4;
            if (!(buf = malloc(size)))
                return -1;
        }
        if (r.error != AX_OK) {
            if (buf != stack)
                free(buf);
            return r.error == AX_ENOENT ? 0 : -1;
        }
        char *entry = buf == stack ? strdup(stack) : buf;
        if (!entry || env_reserve(1) < 0)
            return -1;
        size_t n = env_count();
        environ[n] = entry;
        environ[n + 1] = NULL;
    }
}

/* The index of name's entry, or -1. */
static ssize_t env_find(const char *name, size_t len) {
    for (size_t i = 0; environ && environ[i]; i++)
        if (strncmp(environ[i], name, len) == 0 && environ[i][len] == '=')
            return (ssize_t)i;
    return -1;
}

static bool env_name_ok(const char *name) {
    return name && name[0] && !strchr(name, '=');
}

char *getenv(const char *name) {
    if (!name)
        return NULL;
    ssize_t i = env_find(name, strlen(name));
    return i < 0 ? NULL : environ[i] + strlen(name) + 1;
}

char *secure_getenv(const char *name) {
    return getenv(name);
}

/* Put entry (NAME=value, already made) in place of name's, or add it. */
static int env_put(char *entry, size_t namelen) {
    ssize_t i = env_find(entry, namelen);
    if (env_reserve(i < 0 ? 1 : 0) < 0)
        return -1;
    if (i >= 0) {
        environ[i] = entry;
        return 0;
    }
    size_t n = env_count();
    environ[n] = entry;
    environ[n + 1] = NULL;
    return 0;
}

int setenv(const char *name, const char *value, int overwrite) {
    if (!env_name_ok(name))
        return px_fail(EINVAL);
    size_t nl = strlen(name);
    if (!overwrite && env_find(name, nl) >= 0)
        return 0;
    size_t vl = strlen(value);
    char *entry = malloc(nl + vl + 2);
    if (!entry)
        return -1;
    memcpy(entry, name, nl);
    entry[nl] = '=';
    memcpy(entry + nl + 1, value, vl + 1);
    if (env_put(entry, nl) < 0) {
        free(entry);
        return -1;
    }
    return 0;
}

int unsetenv(const char *name) {
    if (!env_name_ok(name))
        return px_fail(EINVAL);
    size_t nl = strlen(name);
    ssize_t i;
    while ((i = env_find(name, nl)) >= 0) {
        if (env_reserve(0) < 0)
            return -1;
        size_t n = env_count();
        memmove(&environ[i], &environ[i + 1], (n - (size_t)i) * sizeof *environ);
    }
    return 0;
}

/* POSIX putenv: the string itself becomes part of the environment; a
 * string without '=' removes the name (glibc). */
int putenv(char *string) {
    if (!string || !string[0] || string[0] == '=')
        return px_fail(EINVAL);
    char *eq = strchr(string, '=');
    if (!eq)
        return unsetenv(string);
    return env_put(string, (size_t)(eq - string));
}

int clearenv(void) {
    if (env_reserve(0) < 0)
        return -1;
    environ[0] = NULL;
    return 0;
}
