/* false: do nothing, and fail. Even --help and --version fail after
 * printing, as GNU false does. */
#include <string.h>

#include "ulib.h"

int false_main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--help") == 0)
        u_help(argv[0]);
    else if (argc == 2 && strcmp(argv[1], "--version") == 0)
        u_version(argv[0]);
    return 1;
}
