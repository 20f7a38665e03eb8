/* rmdir [-p] DIR...: remove empty directories. */
#include <string.h>

#include "ulib.h"

static int remove_dir(const char *path)
{
    SyscallResult r = sys_rmdir(path);
    if (r.error != AX_OK) {
        u_eprintf("rmdir: failed to remove '%s': %s\n", path, sys_strerror(r.error));
        return 1;
    }
    return 0;
}

/* -p: remove DIR, then each ancestor named in it ("a/b/c", "a/b", "a"). */
static int remove_parents(const char *path)
{
    char *buf = xstrdup(path);
    int status = remove_dir(buf);
    for (size_t len = strlen(buf); status == 0;) {
        while (len > 0 && buf[len - 1] == '/')
            len--;
        while (len > 0 && buf[len - 1] != '/')
            len--;
        while (len > 0 && buf[len - 1] == '/')
            len--;
        if (len == 0)
            break;
        buf[len] = '\0';
        status = remove_dir(buf);
    }
    xfree(buf);
    return status;
}

int rmdir_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    bool parents = false;
    int c;
    while ((c = u_getopt(&g, argc, argv, "p")) != -1) {
        if (c != 'p')
            return 1;
        parents = true;
    }
    if (g.ind >= argc) {
        u_eprintf("rmdir: missing operand\nTry 'rmdir --help' for more information.\n");
        return 1;
    }
    int status = 0;
    for (int i = g.ind; i < argc; i++)
        status |= parents ? remove_parents(argv[i]) : remove_dir(argv[i]);
    return status;
}
