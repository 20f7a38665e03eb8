/* sync [-d | -f] [FILE...]: write what the file system holds out to its
 * backing store (the disk of `axos --disk`; without one there is nothing
 * to do). With FILEs each is fsync'd (axos writes every change in the
 * same transaction, so -d and -f do the same). */
#include "ulib.h"

int sync_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"data", U_NO_ARG, 'd'}, {"file-system", U_NO_ARG, 'f'}, {NULL, 0, 0},
    };
    UGetopt g = U_GETOPT_INIT;
    int c;
    bool data = false, fs = false;
    while ((c = u_getopt_long(&g, argc, argv, "df", longopts)) != -1) {
        switch (c) {
        case 'd': data = true; break;
        case 'f': fs = true; break;
        default: return 1;
        }
    }
    if (data && fs) {
        u_usage_error(argv[0], "cannot specify both --data and --file-system");
        return 1;
    }
    if ((data || fs) && g.ind >= argc) {
        u_usage_error(argv[0], "--%s needs at least one argument", data ? "data" : "file-system");
        return 1;
    }
    if (g.ind >= argc) {
        sys_sync();
        return 0;
    }
    int status = 0;
    for (int i = g.ind; i < argc; i++) {
        SyscallResult fd = sys_open(argv[i], AX_O_RDONLY | AX_O_NONBLOCK, 0);
        if (fd.error != AX_OK) {
            u_eprintf("sync: error opening '%s': %s\n", argv[i], sys_strerror(fd.error));
            status = 1;
            continue;
        }
        SyscallResult r = sys_fsync((int)fd.value);
        /* a pipe or device has nothing to write: GNU sync says nothing */
        if (r.error != AX_OK && r.error != AX_EINVAL) {
            u_eprintf("sync: error syncing '%s': %s\n", argv[i], sys_strerror(r.error));
            status = 1;
        }
        sys_close((int)fd.value);
    }
    return status;
}
