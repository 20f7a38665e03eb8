/* kernel_install_userland: interim until the userland room lands. */
#include "axos.h"

int kernel_install_userland(Kernel *k) {
    (void)k;
    return 0;
}
