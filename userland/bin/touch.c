/* touch [-c] FILE...: create empty files, or mark existing ones modified.
 * axos has no utimes call: an existing regular file is truncated to its
 * own size, which stamps its modification time. */
#include "ulib.h"

static int touch_one(const char *path, bool no_create)
{
    FileStat st;
    SyscallResult s = sys_stat(path, &st);
    if (s.error == AX_OK) {
        if (!AX_S_ISREG(st.mode))
            return 0;
        SyscallResult o = sys_open(path, AX_O_WRONLY, 0);
        if (o.error == AX_OK) {
            sys_ftruncate((int)o.value, (int64_t)st.size);
            sys_close((int)o.value);
        }
        return 0;
    }
    if (s.error == AX_ENOENT && no_create)
        return 0;
    SyscallResult o = s.error == AX_ENOENT ? sys_open(path, AX_O_WRONLY | AX_O_CREAT, 0644) : s;
    if (o.error != AX_OK) {
        u_eprintf("touch: cannot touch '%s': %s\n", path, sys_strerror(o.error));
        return 1;
    }
    sys_close((int)o.value);
    return 0;
}

int touch_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    bool no_create = false;
    int c;
    while ((c = u_getopt(&g, argc, argv, "cam")) != -1) {
        if (c == '?')
            return 1;
        if (c == 'c')
            no_create = true;
    }
    if (g.ind >= argc) {
        u_eprintf("touch: missing file operand\nTry 'touch --help' for more information.\n");
        return 1;
    }
    int status = 0;
    for (int i = g.ind; i < argc; i++)
        status |= touch_one(argv[i], no_create);
    return status;
}
