/* ulib directories: a whole listing in one call. */
#include "ulib.h"

#define DIR_BATCH 32

int64_t u_dir_read(const char *path, UDirEnt **out)
{
    int fd;
    int64_t n = u_dir_read_open(path, out, &fd);
    if (n >= 0)
        sys_close(fd);
    return n;
}

int64_t u_dir_read_open(const char *path, UDirEnt **out, int *fdp)
{
    *out = NULL;
    *fdp = -1;
    SyscallResult o = sys_open(path, AX_O_RDONLY | AX_O_DIRECTORY | AX_O_CLOEXEC, 0);
    if (o.error != AX_OK)
        return -(int64_t)o.error;
    int fd = (int)o.value;
    DirEntry *batch = xmalloc(DIR_BATCH * sizeof(DirEntry));
    UDirEnt *ents = NULL;
    size_t n = 0, cap = 0;
    int64_t result = 0;
    for (;;) {
        SyscallResult r = sys_readdir(fd, batch, DIR_BATCH);
        if (r.error != AX_OK) {
            result = -(int64_t)r.error;
            break;
        }
        if (r.value == 0)
            break;
        for (int64_t i = 0; i < r.value; i++) {
            if (n == cap) {
                cap = cap ? cap * 2 : 16;
                ents = xrealloc(ents, cap * sizeof(*ents));
            }
            ents[n].name = xstrdup(batch[i].name);
            ents[n].type = batch[i].type;
            ents[n].ino = batch[i].ino;
            n++;
        }
    }
    xfree(batch);
    if (result < 0) {
        sys_close(fd);
        u_dir_free(ents, n);
        return result;
    }
    *out = ents;
    *fdp = fd;
    return (int64_t)n;
}

void u_dir_free(UDirEnt *ents, size_t n)
{
    for (size_t i = 0; i < n; i++)
        xfree(ents[i].name);
    xfree(ents);
}
