/* A window's event queue: a fixed ring of WindowEvent records in kmem,
 * filled by backends and the host API, drained by read(2). */
#include <string.h>

#include "kernel/sched.h"
#include "kernel/timer.h"
#include "window/backend.h"

#define QMAX AX_WINDOW_QUEUE_MAX

static WindowEvent *queue_at(Window *w, uint32_t i) {
    return &w->queue[(w->head + i) % QMAX];
}

int win_event_push(Kernel *k, Window *w, const WindowEvent *ev) {
    WindowEvent e = *ev;
    e.time_ns = clock_now(k);
    /* A burst of motion is worth only its latest position, as long as the
     * buttons and modifiers held did not change on the way. */
    if (e.type == AX_WEV_MOUSE_MOVE && w->count > 0) {
        WindowEvent *last = queue_at(w, w->count - 1);
        if (last->type == AX_WEV_MOUSE_MOVE && last->button == e.button && last->mod == e.mod) {
            *last = e;
            return 0;
        }
    }
    if (w->count == QMAX) {
        w->dropped++;
        return -AX_EAGAIN;
    }
    *queue_at(w, w->count) = e;
    w->count++;
    kernel_digest_mix(k, 0xE700000000ULL ^ ((uint64_t)w->id << 8) ^ e.type);
    wq_wake_all(k, &w->readers);
    return 0;
}

size_t win_event_pop(Window *w, WindowEvent *out, size_t max) {
    size_t n = 0;
    while (n < max && w->count > 0) {
        out[n++] = w->queue[w->head];
        w->head = (w->head + 1) % QMAX;
        w->count--;
    }
    return n;
}
