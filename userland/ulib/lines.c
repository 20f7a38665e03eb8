/* ulib lines: the loop of line-oriented filters over their operands, and
 * lines ended by any byte (-z reads NUL-ended ones). */
#include <string.h>

#include "ulib.h"

int u_each_stream(const char *prog, char *const *files, size_t n, UStreamFn fn, void *ctx)
{
    int status = 0;
    for (size_t i = 0; i < n; i++) {
        SyscallError err;
        UStream *in = u_input_open(files[i], &err);
        if (in == NULL) {
            u_perror(prog, files[i], err);
            status = 1;
            continue;
        }
        if (fn(in, files[i], ctx) != 0)
            status = 1;
        if (u_ferror(in)) {
            FileStat st;
            bool dir = sys_fstat(u_fileno(in), &st).error == AX_OK && AX_S_ISDIR(st.mode);
            u_perror(prog, files[i], dir ? AX_EISDIR : AX_EIO);
            status = 1;
        }
        u_input_close(in);
    }
    return status;
}

int64_t u_getdelim(char **line, size_t *cap, int delim, UStream *s)
{
    if (delim == '\n')
        return u_getline(line, cap, s);
    size_t n = 0;
    int c;
    while ((c = u_getc(s)) != -1) {
        if (*line == NULL || n + 2 > *cap) {
            *cap = *cap ? *cap * 2 : 128;
            *line = xrealloc(*line, *cap);
        }
        (*line)[n++] = (char)c;
        if (c == delim)
            break;
    }
    if (n == 0)
        return -1;
    (*line)[n] = '\0';
    return (int64_t)n;
}
