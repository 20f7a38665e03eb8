/* install [-Dpv] [-m MODE] [-o OWNER] [-g GROUP] [-t DIR | -T] SOURCE...
 * DEST, or install -d [-m MODE] [-o OWNER] [-g GROUP] DIRECTORY...: copy
 * files and give them a mode (rwxr-xr-x unless -m), owner and group, or
 * make directories with their parents, as GNU install. -s and -c are
 * accepted and do nothing (axos programs have no symbol tables). */
#include <string.h>

#include "ulib.h"

typedef struct InstOpts {
    uint32_t mode;
    bool dirs, leading, preserve, verbose;
    bool set_uid, set_gid;
    uint32_t uid, gid;
    char *buf;
} InstOpts;

static int inst_owner(const InstOpts *o, const char *path)
{
    if (!o->set_uid && !o->set_gid)
        return 0;
    FileStat st;
    if (sys_stat(path, &st).error != AX_OK)
        return 1;
    SyscallResult r = sys_chown(path, o->set_uid ? o->uid : st.uid, o->set_gid ? o->gid : st.gid);
    if (r.error != AX_OK) {
        u_eprintf("install: cannot change ownership of '%s': %s\n", path, sys_strerror(r.error));
        return 1;
    }
    return 0;
}

/* mkdir -p path, each new directory with mode (the last) or 0755 */
static int inst_mkdirs(const InstOpts *o, const char *path, bool last_too)
{
    char *p = xstrdup(path);
    size_t n = strlen(p);
    int status = 0;
    for (size_t i = 1; i <= n && status == 0; i++) {
        bool end = p[i] == '\0';
        if (p[i] != '/' && !end)
            continue;
        if (end && !last_too)
            break;
        p[i] = '\0';
        FileStat st;
        if (sys_stat(p, &st).error != AX_OK) {
            SyscallResult r = sys_mkdir(p, end ? o->mode : 0755);
            if (r.error != AX_OK) {
                u_eprintf("install: cannot create directory '%s': %s\n", p, sys_strerror(r.error));
                status = 1;
            } else if (o->verbose) {
                u_printf("install: creating directory '%s'\n", p);
            }
        } else if (!AX_S_ISDIR(st.mode)) {
            u_eprintf("install: cannot create directory '%s': %s\n", p, sys_strerror(AX_EEXIST));
            status = 1;
        }
        if (end && status == 0) {
            /* the mode asked for, whatever the umask made of it */
            if (sys_chmod(p, o->mode).error != AX_OK)
                status = 1;
            status |= inst_owner(o, p);
        }
        if (!end)
            p[i] = '/';
    }
    xfree(p);
    return status;
}

static int inst_copy(const char *src, const char *dst, void *ctx)
{
    const InstOpts *o = ctx;
    FileStat sst;
    SyscallResult r = sys_stat(src, &sst);
    if (r.error != AX_OK) {
        u_eprintf("install: cannot stat '%s': %s\n", src, sys_strerror(r.error));
        return 1;
    }
    if (AX_S_ISDIR(sst.mode)) {
        u_eprintf("install: omitting directory '%s'\n", src);
        return 1;
    }
    if (o->leading && inst_mkdirs(o, dst, false))
        return 1;
    FileStat dst_st;
    if (sys_stat(dst, &dst_st).error == AX_OK && dst_st.ino == sst.ino && dst_st.dev == sst.dev) {
        u_eprintf("install: '%s' and '%s' are the same file\n", src, dst);
        return 1;
    }
    SyscallResult in = sys_open(src, AX_O_RDONLY, 0);
    if (in.error != AX_OK) {
        u_eprintf("install: cannot open '%s' for reading: %s\n", src, sys_strerror(in.error));
        return 1;
    }
    /* a new file, as GNU install does (unlink first): no old mode or owner survives */
    sys_unlink(dst);
    SyscallResult out = sys_open(dst, AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, 0600);
    if (out.error != AX_OK) {
        u_eprintf("install: cannot create regular file '%s': %s\n", dst, sys_strerror(out.error));
        sys_close((int)in.value);
        return 1;
    }
    int status = 0;
    for (;;) {
        SyscallResult rd = sys_read((int)in.value, o->buf, 65536);
        if (rd.error != AX_OK) {
            u_eprintf("install: error reading '%s': %s\n", src, sys_strerror(rd.error));
            status = 1;
            break;
        }
        if (rd.value == 0)
            break;
        int w = u_write_all((int)out.value, o->buf, (size_t)rd.value);
        if (w < 0) {
            u_eprintf("install: error writing '%s': %s\n", dst, sys_strerror((SyscallError)-w));
            status = 1;
            break;
        }
    }
    if (status == 0 && o->preserve) {
        int64_t times[2] = {(int64_t)sst.atime_ns, (int64_t)sst.mtime_ns};
        sys_futimens((int)out.value, times);
    }
    if (status == 0 && sys_fchmod((int)out.value, o->mode).error != AX_OK)
        status = 1;
    sys_close((int)in.value);
    sys_close((int)out.value);
    if (status == 0)
        status = inst_owner(o, dst);
    if (status == 0 && o->verbose)
        u_printf("'%s' -> '%s'\n", src, dst);
    return status;
}

static const ULongOpt inst_longopts[] = {
    {"mode", U_REQ_ARG, 'm'}, {"owner", U_REQ_ARG, 'o'}, {"group", U_REQ_ARG, 'g'},
    {"directory", U_NO_ARG, 'd'}, {"preserve-timestamps", U_NO_ARG, 'p'},
    {"verbose", U_NO_ARG, 'v'}, {"target-directory", U_REQ_ARG, 't'},
    {"no-target-directory", U_NO_ARG, 'T'}, {"strip", U_NO_ARG, 's'}, {NULL, 0, 0},
};

int install_main(int argc, char **argv)
{
    InstOpts o = {.mode = 0755};
    const char *target_dir = NULL;
    bool no_target = false;
    UAccounts acc;
    u_accounts_load(&acc);
    UGetopt g = U_GETOPT_INIT;
    int c, status = 0;
    while ((c = u_getopt_long(&g, argc, argv, "m:o:g:dDpvt:Tsc", inst_longopts)) != -1) {
        switch (c) {
        case 'm': {
            uint32_t m;
            if (!u_mode_apply(g.arg, 0, 0, &m)) {
                u_eprintf("install: invalid mode '%s'\n", g.arg);
                status = 1;
            }
            /* symbolic modes count from a=rwx less nothing, as GNU's do from 0 */
            o.mode = m & 07777;
            break;
        }
        case 'o':
            if (!u_account_id(&acc, true, g.arg, &o.uid)) {
                u_eprintf("install: invalid user '%s'\n", g.arg);
                status = 1;
            }
            o.set_uid = true;
            break;
        case 'g':
            if (!u_account_id(&acc, false, g.arg, &o.gid)) {
                u_eprintf("install: invalid group '%s'\n", g.arg);
                status = 1;
            }
            o.set_gid = true;
            break;
        case 'd': o.dirs = true; break;
        case 'D': o.leading = true; break;
        case 'p': o.preserve = true; break;
        case 'v': o.verbose = true; break;
        case 't': target_dir = g.arg; break;
        case 'T': no_target = true; break;
        case 's': case 'c': break;
        default: status = 1; break;
        }
        if (status) {
            u_accounts_free(&acc);
            return 1;
        }
    }
    u_accounts_free(&acc);
    if (o.dirs) {
        if (g.ind >= argc) {
            u_usage_error("install", "missing file operand");
            return 1;
        }
        for (int i = g.ind; i < argc; i++)
            status |= inst_mkdirs(&o, argv[i], true);
        return status;
    }
    if (target_dir && o.leading) {
        InstOpts d = o;
        d.mode = 0755;
        d.set_uid = d.set_gid = false;
        if (inst_mkdirs(&d, target_dir, true))
            return 1;
    }
    o.buf = xmalloc(65536);
    status = u_each_target("install", argc, argv, g.ind, target_dir, no_target, inst_copy, &o);
    xfree(o.buf);
    return status;
}
