/* chmod [-Rcfv] MODE[,MODE]... FILE...: change permission bits. MODE is
 * octal or symbolic ([ugoa]*[-+=][rwxXst]*|[ugo], POSIX chmod), as GNU
 * coreutils reads it: with no [ugoa] the umask's bits are left alone, and
 * a directory keeps its set-user-ID and set-group-ID bits unless the mode
 * names them. */
#include <string.h>

#include "ulib.h"

typedef struct Opts {
    bool recursive, changes, silent, verbose;
    uint32_t umask;
} Opts;

/* Is s a mode (possibly starting with '-', as "-w")? */
static bool looks_like_mode(const char *s) {
    return *s && strspn(s, "01234567ugoarwxXst+-=,") == strlen(s);
}

static int chmod_one(const char *path, const char *mode, const Opts *o);

static int chmod_tree(const char *path, const char *mode, const Opts *o) {
    UDirEnt *ents;
    int64_t n = u_dir_read(path, &ents);
    if (n < 0) {
        if (!o->silent)
            u_eprintf("chmod: cannot read directory '%s': %s\n", path,
                      sys_strerror((SyscallError)-n));
        return 1;
    }
    int status = 0;
    for (int64_t i = 0; i < n; i++) {
        char *sub = u_path_join(path, ents[i].name);
        status |= chmod_one(sub, mode, o);
        xfree(sub);
    }
    u_dir_free(ents, (size_t)n);
    return status;
}

static int chmod_one(const char *path, const char *mode, const Opts *o) {
    FileStat st;
    SyscallResult r = sys_stat(path, &st);
    if (r.error != AX_OK) {
        if (!o->silent)
            u_eprintf("chmod: cannot access '%s': %s\n", path, sys_strerror(r.error));
        return 1;
    }
    uint32_t nm;
    if (!u_mode_apply(mode, st.mode, o->umask, &nm)) {
        u_eprintf("chmod: invalid mode: '%s'\n", mode);
        return 1;
    }
    int status = 0;
    char before[11], after[11];
    u_mode_string(st.mode, before);
    u_mode_string((st.mode & AX_S_IFMT) | nm, after);
    r = sys_chmod(path, nm);
    if (r.error != AX_OK) {
        if (!o->silent)
            u_eprintf("chmod: changing permissions of '%s': %s\n", path, sys_strerror(r.error));
        status = 1;
    } else if (o->verbose || (o->changes && nm != (st.mode & 07777))) {
        if (nm != (st.mode & 07777))
            u_printf("mode of '%s' changed from %04o (%s) to %04o (%s)\n", path,
                     st.mode & 07777, before + 1, nm, after + 1);
        else
            u_printf("mode of '%s' retained as %04o (%s)\n", path, nm, after + 1);
    }
    if (o->recursive && AX_S_ISDIR(st.mode))
        status |= chmod_tree(path, mode, o);
    return status;
}

int chmod_main(int argc, char **argv) {
    u_std_options(argc, argv);
    Opts o = {0};
    const char *mode = NULL;
    char **files = xcalloc((size_t)argc, sizeof *files);
    int nfiles = 0;
    bool opts_done = false;
    /* Options by hand: "-w" or "-x" is a mode, not an option (GNU). */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!opts_done && strcmp(a, "--") == 0) {
            opts_done = true;
        } else if (!opts_done && a[0] == '-' && a[1] == '-') {
            if (strcmp(a, "--recursive") == 0)
                o.recursive = true;
            else if (strcmp(a, "--changes") == 0)
                o.changes = true;
            else if (strcmp(a, "--silent") == 0 || strcmp(a, "--quiet") == 0)
                o.silent = true;
            else if (strcmp(a, "--verbose") == 0)
                o.verbose = true;
            else {
                u_usage_error("chmod", "unrecognized option '%s'", a);
                return 1;
            }
        } else if (!opts_done && a[0] == '-' && a[1] && strspn(a + 1, "Rcfv") == strlen(a + 1)) {
            for (const char *c = a + 1; *c; c++)
                if (*c == 'R')
                    o.recursive = true;
                else if (*c == 'c')
                    o.changes = true;
                else if (*c == 'f')
                    o.silent = true;
                else
                    o.verbose = true;
        } else if (!opts_done && a[0] == '-' && a[1] && !(mode == NULL && looks_like_mode(a))) {
            u_usage_error("chmod", "invalid option -- '%c'", a[1]);
            return 1;
        } else if (!mode) {
            mode = a;
        } else {
            files[nfiles++] = argv[i];
        }
    }
    if (!mode) {
        u_usage_error("chmod", "missing operand");
        return 1;
    }
    if (nfiles == 0) {
        u_usage_error("chmod", "missing operand after '%s'", mode);
        return 1;
    }
    uint32_t probe;
    if (!u_mode_apply(mode, AX_S_IFREG, 0, &probe)) {
        u_eprintf("chmod: invalid mode: '%s'\nTry 'chmod --help' for more information.\n", mode);
        return 1;
    }
    o.umask = (uint32_t)sys_umask(0).value;
    sys_umask(o.umask);
    int status = 0;
    for (int i = 0; i < nfiles; i++)
        status |= chmod_one(files[i], mode, &o);
    xfree(files);
    return status;
}
