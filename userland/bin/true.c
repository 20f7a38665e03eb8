/* true: do nothing, successfully. */
#include "ulib.h"

int true_main(int argc, char **argv) { return 0; }
