/* true: do nothing, successfully. */
#include "ulib.h"

int true_main(int argc, char **argv)
{
    u_std_options(argc, argv);
    return 0;
}
