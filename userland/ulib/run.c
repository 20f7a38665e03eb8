/* ulib: running other programs (find -exec, xargs, timeout, nohup) and
 * naming the signals sent to them (kill, timeout). */
#include <ctype.h>
#include <string.h>

#include "ulib.h"

char *u_find_program(const char *name)
{
    char *path_list = u_getenv("PATH");
    const char *list = path_list ? path_list : "/bin";
    const char *cursor = list;
    char *prog = u_path_lookup(name, list, &cursor);
    xfree(path_list);
    return prog;
}

SyscallError u_run(const char *name, char *const argv[], int *wstatus)
{
    char *prog = u_find_program(name);
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

int u_parse_signal(const char *spec)
{
    int64_t n;
    if (u_parse_i64(spec, &n))
        return n >= 0 && n < AX_NSIG ? (int)n : -1;
    char upper[32];
    size_t len = strlen(spec);
    if (len == 0 || len >= sizeof upper)
        return -1;
    for (size_t i = 0; i <= len; i++)
        upper[i] = (char)toupper((unsigned char)spec[i]);
    return sys_sigbyname(upper);
}
