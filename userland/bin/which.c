/* which [-a] NAME...: the path of each program, searched in PATH (default
 * "/bin"). Exit status 1 if any name was not found. */
#include <string.h>

#include "ulib.h"

static bool which_one(const char *name, const char *path, bool all)
{
    const char *cursor = path;
    bool found = false;
    char *hit;
    while ((hit = u_path_lookup(name, path, &cursor)) != NULL) {
        u_puts(hit);
        xfree(hit);
        found = true;
        if (!all)
            break;
    }
    return found;
}

int which_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    bool all = false;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "a", NULL)) != -1) {
        if (c != 'a')
            return 2;
        all = true;
    }
    if (g.ind >= argc)
        return 1;
    char *path = u_getenv("PATH");
    int status = 0;
    for (int i = g.ind; i < argc; i++)
        if (!which_one(argv[i], path ? path : "/bin", all))
            status = 1;
    return status;
}
