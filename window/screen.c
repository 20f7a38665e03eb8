/* The kernel's screen: its lifetime, the choice of backend, and the pump
 * the run loop calls to bring host input in and present frames out.
 *
 * The backend is chosen and the screen opened at the first window, so a
 * kernel that never opens one never touches SDL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console/console.h"
#include "kernel/proc.h"
#include "kernel/timer.h"
#include "window/compositor.h"
#include "window/window.h"

/* Longest a pump waits for host events before the run loop looks around
 * again (timers, kernel_run_for's budget): 10 ms. */
#define PUMP_WAIT_MAX_NS 10000000ULL
/* Least time between two looks at the host while tasks are busy: 1 ms. */
#define PUMP_BUSY_GAP_NS 1000000ULL

int window_init(Kernel *k) {
    WindowState *ws = kmem_alloc(k, sizeof *ws);
    if (!ws)
        return -AX_ENOMEM;
    ws->mode = k->cfg.window_backend;
    k->win = ws;
    return 0;
}

void window_fini(Kernel *k) {
    WindowState *ws = k->win;
    if (!ws)
        return;
    win_free_all(k);
    if (ws->fb)
        comp_close(k);
    win_fonts_fini(k);
    kmem_free(k, ws->clip);
    kmem_free(k, ws);
    k->win = NULL;
}

/* AUTO: SDL when the host has a display for it, else headless, said once. */
static const WinBackend *win_choose_auto(Kernel *k) {
#ifdef AXOS_HAVE_SDL
    if (!getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY") && !getenv("SDL_VIDEODRIVER"))
        fprintf(stderr, "axos: no display, windows are headless\n");
    else if (win_sdl_available(k))
        return &win_sdl_backend;
    else
        fprintf(stderr, "axos: cannot open the display, windows are headless\n");
#else
    fprintf(stderr, "axos: built without SDL, windows are headless\n");
#endif
    return &win_headless_backend;
}

static const WinBackend *win_choose(Kernel *k) {
    switch (k->win->mode) {
    case AX_WINDOW_HEADLESS:
        return &win_headless_backend;
    case AX_WINDOW_SDL:
#ifdef AXOS_HAVE_SDL
        return win_sdl_available(k) ? &win_sdl_backend : NULL;
#else
        return NULL;
#endif
    case AX_WINDOW_AUTO:
        return win_choose_auto(k);
    default:
        return NULL;
    }
}

int win_screen_start(Kernel *k) {
    WindowState *ws = k->win;
    if (!ws->chosen) {
        ws->backend = win_choose(k);
        ws->chosen = true;
    }
    if (!ws->backend)
        return -AX_ENODEV;
    return ws->fb ? 0 : comp_open(k);
}

/* Is there a window whose owner can still act on it (not stopped)? The
 * run loop must not call the kernel stuck while such a window can still
 * get input from the user. */
static bool win_any_live_owner(Kernel *k) {
    for (Window *w = k->win->head; w; w = w->next) {
        Proc *p = proc_find(k, w->owner_pid);
        if (p && p->state != PROC_STOPPED && p->state != PROC_ZOMBIE)
            return true;
    }
    return false;
}

/* Present when the refresh pacing says so. */
static void win_present_due(Kernel *k, uint64_t host_now) {
    uint64_t wait;
    if (comp_due(k, host_now, &wait)) {
        comp_present(k);
        k->win->last_present_ns = host_now;
    }
}

/*
 * Called by the run loop on the host thread: after each task switch under
 * the host clock, and whenever no task is ready. With host windows open,
 * the host clock running and nothing else to do, it waits for host input
 * up to the next timer or the next frame to present (at most
 * PUMP_WAIT_MAX_NS) instead of letting the loop sleep blind or report a
 * deadlock, and returns at least 1 so the loop comes back here. Between
 * busy task switches it looks at the host at most once per
 * PUMP_BUSY_GAP_NS: a pump costs host calls.
 */
int window_pump(Kernel *k) {
    WindowState *ws = k->win;
    if (!ws || !ws->fb || !ws->backend->poll || !ws->head)
        return 0;
    bool idle = k->cfg.clock == AX_CLOCK_HOST && !k->rq_head &&
                console_input_waiters(k) == 0 && win_any_live_owner(k);
    uint64_t wait = 0, host_now = clock_host_ns();
    if (idle) {
        uint64_t now = clock_now(k), next = ktimer_next_deadline(k), frame;
        wait = next <= now ? 0 : next - now;
        comp_due(k, host_now, &frame);
        if (frame < wait)
            wait = frame;
        if (wait > PUMP_WAIT_MAX_NS)
            wait = PUMP_WAIT_MAX_NS;
    } else if (k->rq_head && host_now - ws->last_pump_ns < PUMP_BUSY_GAP_NS) {
        return 0;
    }
    ws->last_pump_ns = host_now;
    int n = ws->backend->poll(k, wait);
    win_present_due(k, clock_host_ns());
    return n > 0 ? n : idle ? 1 : 0;
}

int kernel_window_pump(Kernel *k, uint64_t wait_ns) {
    WindowState *ws = k->win;
    if (!ws->fb || !ws->backend->poll || !ws->head)
        return 0;
    Kernel *outer = kernel_current;
    kernel_current = k;
    ws->last_pump_ns = clock_host_ns();
    int n = ws->backend->poll(k, wait_ns);
    win_present_due(k, clock_host_ns());
    kernel_current = outer;
    return n;
}

/* ---- the screen from the host ---- */

int kernel_screen_info(Kernel *k, ScreenInfo *out) {
    if (!out)
        return -AX_EFAULT;
    WindowState *ws = k->win;
    if (!ws->fb)
        return -AX_ENODEV;
    *out = (ScreenInfo){
        .width = ws->screen_w,
        .height = ws->screen_h,
        .focus = ws->focus ? ws->focus->id : 0,
        .presents = ws->presents,
        .damaged = ws->ndamage,
        .damaged_area = comp_damaged_area(ws),
        .close_requested = ws->close_requested,
    };
    return 0;
}

const uint32_t *kernel_screen_frame(Kernel *k, int *width, int *height) {
    WindowState *ws = k->win;
    if (!ws->fb)
        return NULL;
    if (ws->ndamage > 0) {
        Kernel *outer = kernel_current;
        kernel_current = k;
        comp_present(k);
        ws->last_present_ns = clock_host_ns();
        kernel_current = outer;
    }
    if (width)
        *width = ws->screen_w;
    if (height)
        *height = ws->screen_h;
    return ws->fb;
}

int kernel_screen_input(Kernel *k, const WindowEvent *ev) {
    if (!ev)
        return -AX_EFAULT;
    if (ev->type < AX_WEV_KEY_DOWN || ev->type > AX_WEV_CLOSE ||
        !memchr(ev->text, '\0', sizeof ev->text))
        return -AX_EINVAL;
    if (!k->win->fb)
        return -AX_ENODEV;
    Kernel *outer = kernel_current;
    kernel_current = k;
    int n = win_input(k, ev);
    kernel_current = outer;
    return n;
}
