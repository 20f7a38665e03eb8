/* cp [-aRrpfinuvTdPLH] [-t DIR] SOURCE DEST / SOURCE... DIRECTORY: copy
 * files, and directory trees with -r. -p (and -a) keep modes and times; -i
 * asks before overwriting, -n never overwrites, -u only replaces older
 * files. Symbolic links, as GNU cp: followed (the file they lead to is
 * copied) unless copying recursively; -P and -d (and -a) copy a link as a
 * link, -L follows every link, -H only those named on the command line. */
#include <string.h>

#include "ulib.h"

#define CP_BUF 65536

/* Which symbolic links are followed (GNU's enum Dereference_symlink). */
typedef enum CpDeref {
    DEREF_UNSET,   /* none asked: ALWAYS, or NEVER when copying recursively */
    DEREF_NEVER,   /* -P, -d, -a */
    DEREF_CMDLINE, /* -H */
    DEREF_ALWAYS,  /* -L */
} CpDeref;

typedef struct CpOpts {
    bool recursive, verbose, no_clobber, interactive, update, preserve;
    CpDeref deref;
    char *buf; /* CP_BUF bytes, shared by every copy */
} CpOpts;

/* -p: the source's times on the copy (the mode is given at creation). */
static void preserve_times(int fd, const FileStat *sst)
{
    int64_t times[2] = {(int64_t)sst->atime_ns, (int64_t)sst->mtime_ns};
    sys_futimens(fd, times);
}

/* A non-directory is about to replace dst (dst_st: what is there, from
 * stat or lstat). -1: go on; 0 or 1: the copy's status, nothing done
 * (the same file, a directory in the way, -n, -u with a newer dst, -i
 * answered no). */
static int replace_check(const char *src, const char *dst, const FileStat *sst,
                         const FileStat *dst_st, const CpOpts *o)
{
    if (dst_st->dev == sst->dev && dst_st->ino == sst->ino) {
        u_eprintf("cp: '%s' and '%s' are the same file\n", src, dst);
        return 1;
    }
    if (AX_S_ISDIR(dst_st->mode)) {
        u_eprintf("cp: cannot overwrite directory '%s' with non-directory\n", dst);
        return 1;
    }
    if (o->no_clobber)
        return 0;
    if (o->update && (int64_t)dst_st->mtime_ns >= (int64_t)sst->mtime_ns)
        return 0;
    if (o->interactive) {
        u_eprintf("cp: overwrite '%s'? ", dst);
        if (!u_yes())
            return 0;
    }
    return -1;
}

static int copy_file(const char *src, const char *dst, const FileStat *sst, const CpOpts *o)
{
    FileStat dst_st;
    int done;
    if (sys_stat(dst, &dst_st).error == AX_OK && (done = replace_check(src, dst, sst, &dst_st, o)) >= 0)
        return done;
    SyscallResult in = sys_open(src, AX_O_RDONLY, 0);
    if (in.error != AX_OK) {
        u_eprintf("cp: cannot open '%s' for reading: %s\n", src, sys_strerror(in.error));
        return 1;
    }
    SyscallResult out = sys_open(dst, AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, sst->mode & 07777);
    if (out.error != AX_OK) {
        u_eprintf("cp: cannot create regular file '%s': %s\n", dst, sys_strerror(out.error));
        sys_close((int)in.value);
        return 1;
    }
    int status = 0;
    for (;;) {
        SyscallResult r = sys_read((int)in.value, o->buf, CP_BUF);
        if (r.error != AX_OK) {
            u_eprintf("cp: error reading '%s': %s\n", src, sys_strerror(r.error));
            status = 1;
            break;
        }
        if (r.value == 0)
            break;
        int w = u_write_all((int)out.value, o->buf, (size_t)r.value);
        if (w < 0) {
            u_eprintf("cp: error writing '%s': %s\n", dst, sys_strerror((SyscallError)-w));
            status = 1;
            break;
        }
    }
    if (status == 0 && o->preserve)
        preserve_times((int)out.value, sst);
    sys_close((int)in.value);
    sys_close((int)out.value);
    if (status == 0 && o->verbose)
        u_printf("'%s' -> '%s'\n", src, dst);
    return status;
}

/* A link copied as a link (-P): a new link with the same target. A
 * destination that is not a directory is replaced, as GNU cp does (it
 * cannot be written through). */
static int copy_link(const char *src, const char *dst, const FileStat *sst, const CpOpts *o)
{
    char target[AX_PATH_MAX];
    SyscallResult r = sys_readlink(src, target, sizeof target - 1);
    if (r.error != AX_OK) {
        u_eprintf("cp: cannot read symbolic link '%s': %s\n", src, sys_strerror(r.error));
        return 1;
    }
    target[r.value] = '\0';
    FileStat dst_st;
    if (sys_lstat(dst, &dst_st).error == AX_OK) {
        int done = replace_check(src, dst, sst, &dst_st, o);
        if (done >= 0)
            return done;
        SyscallResult u = sys_unlink(dst);
        if (u.error != AX_OK) {
            u_eprintf("cp: cannot remove '%s': %s\n", dst, sys_strerror(u.error));
            return 1;
        }
    }
    r = sys_symlink(target, dst);
    if (r.error != AX_OK) {
        u_eprintf("cp: cannot create symbolic link '%s': %s\n", dst, sys_strerror(r.error));
        return 1;
    }
    if (o->verbose)
        u_printf("'%s' -> '%s'\n", src, dst);
    return 0;
}

static int copy_path(const char *src, const char *dst, const CpOpts *o, bool top);

static int copy_dir(const char *src, const char *dst, const FileStat *sst, const CpOpts *o)
{
    FileStat dst_st;
    if (sys_stat(dst, &dst_st).error == AX_OK) {
        if (!AX_S_ISDIR(dst_st.mode)) {
            u_eprintf("cp: cannot overwrite non-directory '%s' with directory '%s'\n", dst, src);
            return 1;
        }
    } else {
        SyscallResult r = sys_mkdir(dst, sst->mode & 07777);
        if (r.error != AX_OK) {
            u_eprintf("cp: cannot create directory '%s': %s\n", dst, sys_strerror(r.error));
            return 1;
        }
        if (o->verbose)
            u_printf("'%s' -> '%s'\n", src, dst);
    }
    UDirEnt *ents;
    int64_t n = u_dir_read(src, &ents);
    if (n < 0) {
        u_eprintf("cp: cannot access '%s': %s\n", src, sys_strerror((SyscallError)-n));
        return 1;
    }
    int status = 0;
    for (int64_t i = 0; i < n; i++) {
        char *s = u_path_join(src, ents[i].name);
        char *d = u_path_join(dst, ents[i].name);
        status |= copy_path(s, d, o, false);
        xfree(s);
        xfree(d);
    }
    u_dir_free(ents, (size_t)n);
    if (o->preserve) {
        SyscallResult d = sys_open(dst, AX_O_RDONLY | AX_O_DIRECTORY, 0);
        if (d.error == AX_OK) {
            preserve_times((int)d.value, sst);
            sys_close((int)d.value);
        }
    }
    return status;
}

/* top: src was named on the command line (-H follows only those). */
static int copy_path(const char *src, const char *dst, const CpOpts *o, bool top)
{
    FileStat st;
    bool follow = o->deref == DEREF_ALWAYS || (o->deref == DEREF_CMDLINE && top);
    SyscallResult s = follow ? sys_stat(src, &st) : sys_lstat(src, &st);
    if (s.error != AX_OK) {
        u_eprintf("cp: cannot stat '%s': %s\n", src, sys_strerror(s.error));
        return 1;
    }
    if (AX_S_ISLNK(st.mode))
        return copy_link(src, dst, &st, o);
    if (!AX_S_ISDIR(st.mode))
        return copy_file(src, dst, &st, o);
    if (!o->recursive) {
        u_eprintf("cp: -r not specified; omitting directory '%s'\n", src);
        return 1;
    }
    return copy_dir(src, dst, &st, o);
}

/* A tree copied into itself would never end; refuse it up front. */
static bool inside(const char *src, const char *dst)
{
    char *a = u_path_abs(src), *b = u_path_abs(dst);
    size_t n = strlen(a);
    bool in = strncmp(a, b, n) == 0 && (b[n] == '\0' || b[n] == '/' || n == 1);
    xfree(a);
    xfree(b);
    return in;
}

static int copy_operand(const char *src, const char *dst, void *ctx)
{
    const CpOpts *o = ctx;
    FileStat st;
    bool follow = o->deref != DEREF_NEVER;
    if (o->recursive && (follow ? sys_stat(src, &st) : sys_lstat(src, &st)).error == AX_OK &&
        AX_S_ISDIR(st.mode) && inside(src, dst)) {
        u_eprintf("cp: cannot copy a directory, '%s', into itself, '%s'\n", src, dst);
        return 1;
    }
    return copy_path(src, dst, o, true);
}

enum { OPT_PRESERVE = 256, OPT_NO_PRESERVE };

static const ULongOpt cp_longopts[] = {
    {"archive", U_NO_ARG, 'a'},          {"recursive", U_NO_ARG, 'r'},
    {"force", U_NO_ARG, 'f'},            {"interactive", U_NO_ARG, 'i'},
    {"no-clobber", U_NO_ARG, 'n'},       {"update", U_NO_ARG, 'u'},
    {"verbose", U_NO_ARG, 'v'},          {"target-directory", U_REQ_ARG, 't'},
    {"no-target-directory", U_NO_ARG, 'T'}, {"preserve", U_OPT_ARG, OPT_PRESERVE},
    {"no-preserve", U_REQ_ARG, OPT_NO_PRESERVE}, {"no-dereference", U_NO_ARG, 'P'},
    {"dereference", U_NO_ARG, 'L'},
    {NULL, 0, 0},
};

int cp_main(int argc, char **argv)
{
    CpOpts o = {0};
    UGetopt g = U_GETOPT_INIT;
    const char *target_dir = NULL;
    bool no_target_dir = false;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "aRrpfinuvt:TdPLH", cp_longopts)) != -1) {
        switch (c) {
        case 'a': o.recursive = o.preserve = true; o.deref = DEREF_NEVER; break;
        case 'r':
        case 'R': o.recursive = true; break;
        case 'p':
        case OPT_PRESERVE: o.preserve = true; break;
        case OPT_NO_PRESERVE: o.preserve = false; break;
        case 'v': o.verbose = true; break;
        case 'n': o.no_clobber = true; o.interactive = false; break;
        case 'i': o.interactive = true; o.no_clobber = false; break;
        case 'f': o.interactive = o.no_clobber = false; break;
        case 'u': o.update = true; break;
        case 't': target_dir = g.arg; break;
        case 'T': no_target_dir = true; break;
        case 'd':
        case 'P': o.deref = DEREF_NEVER; break;
        case 'L': o.deref = DEREF_ALWAYS; break;
        case 'H': o.deref = DEREF_CMDLINE; break;
        default: return 1;
        }
    }
    if (o.deref == DEREF_UNSET) /* GNU: follow links unless copying recursively */
        o.deref = o.recursive ? DEREF_NEVER : DEREF_ALWAYS;
    o.buf = xmalloc(CP_BUF);
    return u_each_target("cp", argc, argv, g.ind, target_dir, no_target_dir, copy_operand, &o);
}
