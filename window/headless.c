/* The headless backend: the screen is the compositor's framebuffer in
 * kernel memory and nothing more; events come only from the host API
 * (kernel_screen_input, kernel_window_inject). For tests, embedders and
 * hosts with no display. */
#include "window/backend.h"

static int hl_open(Kernel *k) {
    return 0;
}

static int hl_present(Kernel *k, const WinRect *r, int n) {
    return 0; /* the framebuffer is all there is to see */
}

const WinBackend win_headless_backend = {
    .name = "headless",
    .open = hl_open,
    .present = hl_present,
};
