/* The host side of windows: list them, look at their frames and places,
 * inject events into one window's queue (tests and embedders). The
 * screen as a whole is screen.c's. */
#include <string.h>

#include "window/backend.h"

int kernel_window_list(Kernel *k, int *ids, int max) {
    int n = 0;
    for (Window *w = k->win->head; w; w = w->next, n++)
        if (ids && n < max)
            ids[n] = w->id;
    return n;
}

int kernel_window_info(Kernel *k, int id, WindowInfo *out) {
    if (!out)
        return -AX_EFAULT;
    Window *w = win_find(k, id);
    if (!w)
        return -AX_ENOENT;
    memset(out, 0, sizeof *out);
    out->id = w->id;
    out->pid = w->owner_pid;
    out->width = w->width;
    out->height = w->height;
    out->frames = w->frames;
    out->queued = w->count;
    out->dropped = w->dropped;
    memcpy(out->title, w->title, sizeof out->title);
    out->x = w->view.x;
    out->y = w->view.y;
    out->shown_width = w->view.w;
    out->shown_height = w->view.h;
    out->floating = w->floating;
    out->focused = k->win->focus == w;
    return 0;
}

int kernel_window_inject(Kernel *k, int id, const WindowEvent *ev) {
    if (!ev)
        return -AX_EFAULT;
    Window *w = win_find(k, id);
    if (!w)
        return -AX_ENOENT;
    if (ev->type < AX_WEV_KEY_DOWN || ev->type > AX_WEV_FOCUS ||
        !memchr(ev->text, '\0', sizeof ev->text))
        return -AX_EINVAL;
    return win_event_push(k, w, ev);
}

const uint32_t *kernel_window_frame(Kernel *k, int id, int *width, int *height) {
    Window *w = win_find(k, id);
    if (!w)
        return NULL;
    if (width)
        *width = w->width;
    if (height)
        *height = w->height;
    return w->surface;
}
