/* --program, --programs and --check-program: programs built with the
 * POSIX layer (axos-cc, axos_add_program), loaded into the kernel before
 * the shell starts, so they are on PATH like /bin/ls. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "repl.h"

/* /bin/NAME for a file NAME.so (or NAME). */
static void default_path(const char *file, char *out, size_t size) {
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    size_t n = strlen(base);
    if (n > 3 && strcmp(base + n - 3, ".so") == 0)
        n -= 3;
    snprintf(out, size, "/bin/%.*s", (int)n, base);
}

static int load_one(Kernel *k, const char *file, const char *path) {
    int r = kernel_load_program(k, path, file);
    if (r < 0) {
        const char *why = kernel_load_error(k);
        fprintf(stderr, "axos: --program %s: %s\n", file,
                why[0] ? why : sys_strerror((SyscallError)-r));
    }
    return r;
}

/* "FILE" or "FILE:PATH". A colon splits only when what comes before it
 * is an existing file, so a file name with a colon still loads. */
int cli_load_program(Kernel *k, const char *spec) {
    const char *colon = strrchr(spec, ':');
    char path[AX_PATH_MAX + 1];
    if (colon && colon[1]) {
        size_t n = (size_t)(colon - spec);
        char *file = malloc(n + 1);
        if (!file)
            return -AX_ENOMEM;
        memcpy(file, spec, n);
        file[n] = '\0';
        struct stat st;
        if (stat(file, &st) == 0) {
            const char *target = colon + 1;
            if (target[0] != '/')
                snprintf(path, sizeof path, "/bin/%s", target);
            else
                snprintf(path, sizeof path, "%s", target);
            int r = load_one(k, file, path);
            free(file);
            return r;
        }
        free(file);
    }
    default_path(spec, path, sizeof path);
    return load_one(k, spec, path);
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every NAME.so in dir, at /bin/NAME, in name order. */
int cli_load_program_dir(Kernel *k, const char *dir) {
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "axos: --programs %s: %s\n", dir, strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int r = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len <= 3 || strcmp(e->d_name + len - 3, ".so") != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **grown = realloc(names, cap * sizeof *grown);
            if (!grown) {
                r = -1;
                break;
            }
            names = grown;
        }
        if (!(names[n] = strdup(e->d_name))) {
            r = -1;
            break;
        }
        n++;
    }
    closedir(d);
    if (r == 0)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        if (r == 0) {
            size_t len = strlen(dir) + 1 + strlen(names[i]) + 1;
            char *file = malloc(len);
            char path[AX_PATH_MAX + 1];
            if (!file) {
                r = -1;
            } else {
                snprintf(file, len, "%s/%s", dir, names[i]);
                default_path(file, path, sizeof path);
                if (load_one(k, file, path) < 0)
                    r = -1;
                free(file);
            }
        }
        free(names[i]);
    }
    free(names);
    if (r < 0 && errno == ENOMEM)
        fprintf(stderr, "axos: --programs %s: out of memory\n", dir);
    return r;
}

/* Load file into a kernel of its own and say what the loader thinks:
 * nothing and 0 when it would load, the reason and 1 otherwise. */
int cli_check_program(const char *file) {
    Kernel *k = kernel_create(NULL);
    if (!k) {
        fputs("axos: cannot boot the kernel: out of memory\n", stderr);
        return 1;
    }
    int r = kernel_load_program(k, "/bin/checked", file);
    if (r < 0) {
        const char *why = kernel_load_error(k);
        fprintf(stderr, "axos: %s\n", why[0] ? why : sys_strerror((SyscallError)-r));
    }
    kernel_destroy(k);
    return r < 0 ? 1 : 0;
}
