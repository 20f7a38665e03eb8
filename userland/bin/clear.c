/* clear: clear the terminal (home, erase screen, erase scrollback). */
#include "ulib.h"

int clear_main(int argc, char **argv)
{
    u_std_options(argc, argv);
    static const char seq[] = "\033[H\033[2J\033[3J";
    return u_write_all(1, seq, sizeof seq - 1) == 0 ? 0 : 1;
}
