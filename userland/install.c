/* kernel_install_userland: put every bundled program at /bin/NAME. */

#include "axos.h"

#define PROGRAM(name) int name##_main(int argc, char **argv);
#define PROGRAMS(X)                                                                               \
    X(basename) X(cat) X(clear) X(cp) X(cut) X(date) X(dirname) X(echo) X(env) X(false) X(grep)   \
    X(head) X(hexdump) X(kill) X(ls) X(mkdir) X(mv) X(printf) X(ps) X(top) X(pgrep) X(pkill) X(su) X(passwd) X(login) X(useradd) X(userdel) X(groupadd) X(rm) X(rmdir) X(seq)         \
    X(sleep) X(sort) X(stat) X(tail) X(tee) X(touch) X(tr) X(trace) X(true) X(uniq) X(uptime)     \
    X(wc) X(which) X(yes) X(free) X(ipcrm) X(ipcs) X(strace) X(life) X(mkfifo) X(ipcmk) X(term) \
    X(flock) X(nc) \
    X(man) X(apropos) X(whatis) X(egrep) X(fgrep)                                                 \
    X(tac) X(rev) X(nl) X(paste) X(fold) X(expand) X(unexpand) X(cmp) X(comm) X(join)       \
    X(md5sum) X(sha1sum) X(sha224sum) X(sha256sum) X(sha384sum) X(sha512sum) X(b2sum) X(cksum)   \
    X(sum) X(base64) X(base32) X(strings) X(od)                                                   \
    X(id) X(whoami) X(groups) X(chmod) X(chown) X(chgrp) X(sync)                                   \
    X(find) X(xargs)                                                                               \
    X(sed) X(less) X(more) X(vi)                                                                   \
    X(diff) X(du) X(df) X(uname) X(hostname) X(printenv) X(tty) X(realpath) X(ln) X(readlink) X(mktemp) X(truncate) X(expr) X(timeout) X(nohup) \
    X(awk) X(tar) X(gzip) X(gunzip) X(zcat) \
    X(dd) X(split) X(install) X(cal) X(stty) X(watch) X(patch) X(nice) X(column) X(fmt)
PROGRAMS(PROGRAM)
#undef PROGRAM

/* /bin/sh lives in shell/ */
int sh_main(int argc, char **argv);

int kernel_install_userland(Kernel *k)
{
    /* whole paths made by the compiler: formatting 126 of them cost the
     * boot as much as a tenth of its instructions */
    static const struct {
        const char *path;
        ProgramMain main;
    } programs[] = {
#define ENTRY(name) {"/bin/" #name, name##_main},
        PROGRAMS(ENTRY)
#undef ENTRY
    };
    for (size_t i = 0; i < sizeof programs / sizeof programs[0]; i++) {
        int r = kernel_install_program(k, programs[i].path, programs[i].main);
        if (r < 0)
            return r;
    }
    /* su and passwd act for root whoever runs them (set-user-ID root) */
    static const char *const setuid_root[] = {"/bin/su", "/bin/passwd"};
    for (size_t i = 0; i < sizeof setuid_root / sizeof setuid_root[0]; i++) {
        int r = kernel_chmod(k, setuid_root[i], 04755);
        if (r < 0)
            return r;
    }
    return kernel_install_program(k, "/bin/sh", sh_main);
}
