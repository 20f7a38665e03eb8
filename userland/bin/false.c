/* false: do nothing, unsuccessfully. */
#include "ulib.h"

int false_main(int argc, char **argv) { return 1; }
