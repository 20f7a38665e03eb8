/* cp [-r] [-v] SOURCE DEST / cp [-r] [-v] SOURCE... DIRECTORY: copy files,
 * and directory trees with -r. */
#include <string.h>

#include "ulib.h"

#define CP_BUF 65536

typedef struct CpOpts {
    bool recursive, verbose, no_clobber;
    char *buf; /* CP_BUF bytes, shared by every copy */
} CpOpts;

static int copy_file(const char *src, const char *dst, const FileStat *sst, const CpOpts *o)
{
    FileStat dst_st;
    if (sys_stat(dst, &dst_st).error == AX_OK) {
        if (dst_st.dev == sst->dev && dst_st.ino == sst->ino) {
            u_eprintf("cp: '%s' and '%s' are the same file\n", src, dst);
            return 1;
        }
        if (AX_S_ISDIR(dst_st.mode)) {
            u_eprintf("cp: cannot overwrite directory '%s' with non-directory\n", dst);
            return 1;
        }
        if (o->no_clobber)
            return 0;
    }
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
    sys_close((int)in.value);
    sys_close((int)out.value);
    if (status == 0 && o->verbose)
        u_printf("'%s' -> '%s'\n", src, dst);
    return status;
}

static int copy_path(const char *src, const char *dst, const CpOpts *o);

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
        status |= copy_path(s, d, o);
        xfree(s);
        xfree(d);
    }
    u_dir_free(ents, (size_t)n);
    return status;
}

static int copy_path(const char *src, const char *dst, const CpOpts *o)
{
    FileStat st;
    SyscallResult s = sys_stat(src, &st);
    if (s.error != AX_OK) {
        u_eprintf("cp: cannot stat '%s': %s\n", src, sys_strerror(s.error));
        return 1;
    }
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
    if (o->recursive && sys_stat(src, &st).error == AX_OK && AX_S_ISDIR(st.mode) &&
        inside(src, dst)) {
        u_eprintf("cp: cannot copy a directory, '%s', into itself, '%s'\n", src, dst);
        return 1;
    }
    return copy_path(src, dst, o);
}

int cp_main(int argc, char **argv)
{
    CpOpts o = {false, false, false, NULL};
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt(&g, argc, argv, "rRvfnpa")) != -1) {
        switch (c) {
        case 'r':
        case 'R':
        case 'a': o.recursive = true; break;
        case 'v': o.verbose = true; break;
        case 'n': o.no_clobber = true; break;
        case 'f':
        case 'p': break; /* nothing to force or preserve beyond the mode */
        default: return 1;
        }
    }
    o.buf = xmalloc(CP_BUF);
    return u_each_target("cp", argc, argv, g.ind, copy_operand, &o);
}
