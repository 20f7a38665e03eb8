/* ln [OPTION]... TARGET [LINK_NAME] | TARGET... DIRECTORY | -t DIRECTORY
 * TARGET...: make hard links (default) or symbolic links (-s), as GNU
 * ln does, with its messages: -f removes what is in the way, -i asks
 * first, -n treats a LINK_NAME that is a link to a directory as a file,
 * -T never links into a directory, -r makes a symbolic link's target
 * relative to the link's directory, -L/-P link what a symbolic TARGET
 * leads to or the link itself (-P, GNU's default), -v tells each link. */
#include <string.h>

#include "ulib.h"

typedef struct LnOpts {
    bool symbolic, force, interactive, no_deref, relative, logical, verbose;
} LnOpts;

/* The relative path from directory `from` to `to`, both canonical and
 * absolute ("/a/b", "/a/c/d" -> "../c/d"), in the heap. */
static char *ln_relative(const char *from, const char *to)
{
    size_t common = 0, i = 0;
    /* the longest shared prefix ending at a component boundary */
    for (;; i++) {
        bool end_f = from[i] == '\0' || from[i] == '/';
        bool end_t = to[i] == '\0' || to[i] == '/';
        if (end_f && end_t)
            common = i;
        if (from[i] != to[i] || from[i] == '\0')
            break;
    }
    if (strcmp(from, "/") == 0)
        common = 0;
    size_t ups = 0;
    for (const char *p = from + common; *p; p++)
        if (*p == '/')
            ups++;
    const char *rest = to + common;
    while (*rest == '/')
        rest++;
    size_t len = ups * 3 + strlen(rest) + 2;
    char *out = xmalloc(len);
    out[0] = '\0';
    for (size_t u = 0; u < ups; u++)
        strcat(out, u + 1 < ups || *rest ? "../" : "..");
    strcat(out, rest);
    if (!*out)
        strcpy(out, ".");
    return out;
}

/* -r: the target as seen from the link's directory. */
static char *ln_relative_target(const char *target, const char *dest)
{
    char abs_t[AX_PATH_MAX], abs_d[AX_PATH_MAX];
    char *dir = xstrdup(dest);
    char *slash = strrchr(dir, '/');
    if (!slash)
        strcpy(dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    char *out;
    if (u_canonicalize(target, U_CANON_MISSING, abs_t, sizeof abs_t) != AX_OK ||
        u_canonicalize(dir, U_CANON_MISSING, abs_d, sizeof abs_d) != AX_OK)
        out = xstrdup(target);
    else
        out = ln_relative(abs_d, abs_t);
    xfree(dir);
    return out;
}

/* Do paths a and b name the same directory entry (their directories
 * resolved, their last names equal)? */
static bool ln_same_entry(const char *a, const char *b)
{
    char ca[AX_PATH_MAX], cb[AX_PATH_MAX];
    char *ba = u_path_base(a), *bb = u_path_base(b);
    bool same = strcmp(ba, bb) == 0;
    if (same) {
        char *da = u_path_abs(a), *db = u_path_abs(b);
        *strrchr(da, '/') = '\0';
        *strrchr(db, '/') = '\0';
        same = u_canonicalize(*da ? da : "/", U_CANON_MISSING, ca, sizeof ca) == AX_OK &&
               u_canonicalize(*db ? db : "/", U_CANON_MISSING, cb, sizeof cb) == AX_OK &&
               strcmp(ca, cb) == 0;
        xfree(da);
        xfree(db);
    }
    xfree(ba);
    xfree(bb);
    return same;
}

/* Make one link: dest names src. 0 or 1. */
static int ln_one(const char *src, const char *dest, const LnOpts *o)
{
    FileStat sst, dst;
    if (!o->symbolic) {
        SyscallResult r = o->logical ? sys_stat(src, &sst) : sys_lstat(src, &sst);
        if (r.error != AX_OK) {
            u_eprintf("ln: failed to access '%s': %s\n", src, sys_strerror(r.error));
            return 1;
        }
        if (AX_S_ISDIR(sst.mode)) {
            u_eprintf("ln: %s: hard link not allowed for directory\n", src);
            return 1;
        }
    }
    if ((o->force || o->interactive) && sys_lstat(dest, &dst).error == AX_OK) {
        if (AX_S_ISDIR(dst.mode)) {
            u_eprintf("ln: %s: cannot overwrite directory\n", dest);
            return 1;
        }
        if (!o->symbolic && sst.ino == dst.ino && sst.dev == dst.dev && ln_same_entry(src, dest)) {
            u_eprintf("ln: '%s' and '%s' are the same file\n", src, dest);
            return 1;
        }
        if (o->interactive) {
            u_eprintf("ln: replace '%s'? ", dest);
            if (!u_yes())
                return 0;
        }
        SyscallResult r = sys_unlink(dest);
        if (r.error != AX_OK && r.error != AX_ENOENT) {
            u_eprintf("ln: cannot remove '%s': %s\n", dest, sys_strerror(r.error));
            return 1;
        }
    }
    SyscallError err;
    char *target = NULL;
    if (o->symbolic) {
        target = o->relative ? ln_relative_target(src, dest) : xstrdup(src);
        err = sys_symlink(target, dest).error;
    } else if (o->logical) { /* -L: link what src leads to */
        char real[AX_PATH_MAX];
        err = u_canonicalize(src, U_CANON_EXISTING, real, sizeof real);
        if (err == AX_OK)
            err = sys_link(real, dest).error;
    } else {
        err = sys_link(src, dest).error;
    }
    int status = 0;
    if (err != AX_OK) {
        if (o->symbolic && *src)
            u_eprintf("ln: failed to create symbolic link '%s': %s\n", dest, sys_strerror(err));
        else if (o->symbolic)
            u_eprintf("ln: failed to create symbolic link '%s' -> '': %s\n", dest,
                      sys_strerror(err));
        else if (err == AX_EEXIST)
            u_eprintf("ln: failed to create hard link '%s': %s\n", dest, sys_strerror(err));
        else
            u_eprintf("ln: failed to create hard link '%s' => '%s': %s\n", dest, src,
                      sys_strerror(err));
        status = 1;
    } else if (o->verbose) {
        u_printf("'%s' %s '%s'\n", dest, o->symbolic ? "->" : "=>", o->symbolic ? target : src);
    }
    xfree(target);
    return status;
}

/* Link src into directory dir under its base name. */
static int ln_into(const char *src, const char *dir, const LnOpts *o)
{
    char *base = u_path_base(src);
    char *dest = u_path_join(dir, base);
    int r = ln_one(src, dest, o);
    xfree(dest);
    xfree(base);
    return r;
}

int ln_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"symbolic", U_NO_ARG, 's'},         {"force", U_NO_ARG, 'f'},
        {"interactive", U_NO_ARG, 'i'},      {"no-dereference", U_NO_ARG, 'n'},
        {"no-target-directory", U_NO_ARG, 'T'}, {"relative", U_NO_ARG, 'r'},
        {"logical", U_NO_ARG, 'L'},          {"physical", U_NO_ARG, 'P'},
        {"verbose", U_NO_ARG, 'v'},          {"target-directory", U_REQ_ARG, 't'},
        {NULL, 0, 0},
    };
    LnOpts o = {0};
    bool no_target_dir = false;
    const char *target_dir = NULL;
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "sfinTrLPvt:", longopts)) != -1) {
        switch (c) {
        case 's': o.symbolic = true; break;
        case 'f': o.force = true, o.interactive = false; break;
        case 'i': o.interactive = true, o.force = false; break;
        case 'n': o.no_deref = true; break;
        case 'T': no_target_dir = true; break;
        case 'r': o.relative = true; break;
        case 'L': o.logical = true; break;
        case 'P': o.logical = false; break;
        case 'v': o.verbose = true; break;
        case 't': target_dir = g.arg; break;
        default: return 1;
        }
    }
    if (o.relative && !o.symbolic) {
        u_usage_error("ln", "cannot do --relative without --symbolic");
        return 1;
    }
    if (target_dir && no_target_dir) {
        u_usage_error("ln", "cannot combine --target-directory and --no-target-directory");
        return 1;
    }
    int n = argc - g.ind;
    if (n == 0) {
        u_usage_error("ln", "missing file operand");
        return 1;
    }
    FileStat st;
    int status = 0;
    if (target_dir) {
        SyscallResult r = sys_stat(target_dir, &st);
        if (r.error == AX_OK && !AX_S_ISDIR(st.mode))
            r.error = AX_ENOTDIR;
        if (r.error != AX_OK) {
            u_eprintf("ln: failed to access '%s': %s\n", target_dir, sys_strerror(r.error));
            return 1;
        }
        for (int i = g.ind; i < argc; i++)
            status |= ln_into(argv[i], target_dir, &o);
        return status;
    }
    if (n == 1) { /* a link of the same name in the current directory */
        if (no_target_dir) {
            u_usage_error("ln", "missing destination file operand after '%s'", argv[g.ind]);
            return 1;
        }
        return ln_into(argv[g.ind], ".", &o);
    }
    const char *dest = argv[argc - 1];
    if (no_target_dir) {
        if (n > 2) {
            u_usage_error("ln", "extra operand '%s'", argv[g.ind + 2]);
            return 1;
        }
        return ln_one(argv[g.ind], dest, &o);
    }
    /* -n: a LINK_NAME that is a symbolic link stays a name, even to a
     * directory */
    SyscallResult r = sys_stat(dest, &st);
    bool is_dir = r.error == AX_OK && AX_S_ISDIR(st.mode);
    FileStat lst;
    if (is_dir && o.no_deref && sys_lstat(dest, &lst).error == AX_OK && AX_S_ISLNK(lst.mode))
        is_dir = false;
    if (n > 2 && !is_dir) {
        u_eprintf("ln: target '%s': %s\n", dest,
                  sys_strerror(r.error != AX_OK ? r.error : AX_ENOTDIR));
        return 1;
    }
    for (int i = g.ind; i < argc - 1; i++)
        status |= is_dir ? ln_into(argv[i], dest, &o) : ln_one(argv[i], dest, &o);
    return status;
}
