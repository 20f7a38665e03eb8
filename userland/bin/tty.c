/* tty: print the name of the terminal on standard input: the /dev/pts/N
 * that is the same file, or else the console, /dev/console (the console's
 * fds carry no inode of their own to compare). Status 1 with "not a tty"
 * when standard input is not a terminal (-s: silently). */
#include <string.h>

#include "ulib.h"

static bool same_file(const FileStat *a, const char *path)
{
    FileStat st;
    return sys_stat(path, &st).error == AX_OK && st.dev == a->dev && st.ino == a->ino;
}

int tty_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"silent", U_NO_ARG, 's'}, {"quiet", U_NO_ARG, 's'}, {NULL, 0, 0}};
    bool silent = false;
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "s", longopts)) != -1) {
        if (c != 's')
            return 2;
        silent = true;
    }
    if (g.ind < argc) {
        u_usage_error("tty", "extra operand '%s'", argv[g.ind]);
        return 2;
    }
    FileStat st;
    if (!u_isatty(0) || sys_fstat(0, &st).error != AX_OK) {
        if (!silent)
            u_puts("not a tty");
        return 1;
    }
    if (silent)
        return 0;
    UDirEnt *ents;
    int64_t n = u_dir_read("/dev/pts", &ents);
    for (int64_t i = 0; i < n; i++) {
        char *p = u_path_join("/dev/pts", ents[i].name);
        bool hit = same_file(&st, p);
        if (hit)
            u_puts(p);
        xfree(p);
        if (hit) {
            u_dir_free(ents, (size_t)n);
            return 0;
        }
    }
    if (n > 0)
        u_dir_free(ents, (size_t)n);
    u_puts("/dev/console");
    return 0;
}
