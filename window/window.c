/* Windows: interim, no backend yet (issue 7). */
#include "syscall/handlers.h"
#include "window/window.h"

int window_init(Kernel *k) { return 0; }
void window_fini(Kernel *k) {}
int window_pump(Kernel *k) { return 0; }
int64_t ksys_window_create(Kernel *k, const SyscallArgs *a) { return -AX_ENODEV; }
