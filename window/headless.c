/* The headless backend: each window's last frame lives in kernel memory,
 * and events come only from kernel_window_inject. For tests, embedders,
 * and hosts with no display. */
#include <string.h>

#include "window/backend.h"

static size_t hl_frame_bytes(const Window *w) {
    return (size_t)w->width * (size_t)w->height * 4;
}

static int hl_create(Kernel *k, Window *w) {
    w->bk = kmem_alloc(k, hl_frame_bytes(w)); /* zeroed: black */
    return w->bk ? 0 : -AX_ENOMEM;
}

static int hl_present(Kernel *k, Window *w, const void *pixels) {
    memcpy(w->bk, pixels, hl_frame_bytes(w));
    return 0;
}

static const uint32_t *hl_frame(Kernel *k, Window *w) {
    return w->bk;
}

static void hl_destroy(Kernel *k, Window *w) {
    kmem_free(k, w->bk);
    w->bk = NULL;
}

const WinBackend win_headless_backend = {
    .name = "headless",
    .create = hl_create,
    .present = hl_present,
    .frame = hl_frame,
    .destroy = hl_destroy,
};
