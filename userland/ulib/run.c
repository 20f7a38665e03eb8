/* ulib: running another program and waiting for it (find -exec, xargs). */
#include "ulib.h"

SyscallError u_run(const char *name, char *const argv[], int *wstatus)
{
    char *path_list = u_getenv("PATH");
    const char *list = path_list ? path_list : "/bin";
    const char *cursor = list;
    char *prog = u_path_lookup(name, list, &cursor);
    xfree(path_list);
    if (!prog)
        return AX_ENOENT;
    u_fflush(NULL); /* what we wrote comes before the child's output */
    SyscallResult r = sys_spawn(prog, argv, NULL, NULL);
    xfree(prog);
    if (r.error != AX_OK)
        return r.error;
    SyscallResult w;
    do
        w = sys_waitpid((int)r.value, wstatus, 0);
    while (w.error == AX_EINTR);
    return w.error;
}
