/* Windows: the objects behind sys_window_create, over a backend.
 *
 * A window is a KObject whose write presents a frame and whose read takes
 * WindowEvent records off the window's queue. The backend is chosen at the
 * first window, so a kernel that never opens one never touches SDL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console/console.h"
#include "kernel/fd.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "syscall/handlers.h"
#include "window/backend.h"
#include "window/window.h"

_Static_assert(sizeof(WindowEvent) == 48, "WindowEvent is a fixed 48-byte record");

/* Longest a pump waits for host events before the run loop looks around
 * again (timers, kernel_run_for's budget): 10 ms. */
#define PUMP_WAIT_MAX_NS 10000000ULL
/* Least time between two looks at the host while tasks are busy: 1 ms. */
#define PUMP_BUSY_GAP_NS 1000000ULL

/* Free w and its backend side (not listed any more, or never was). */
static void win_free(Kernel *k, Window *w) {
    k->win->backend->destroy(k, w);
    kmem_free(k, w->queue);
    kmem_free(k, w);
}

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
    /* proc_fini closed every fd, so normally no window is left; free any
     * all the same. */
    while (ws->head) {
        Window *w = ws->head;
        ws->head = w->next;
        win_free(k, w);
    }
    if (ws->backend && ws->backend->fini)
        ws->backend->fini(k);
    kmem_free(k, ws);
    k->win = NULL;
}

Window *win_find(Kernel *k, int id) {
    for (Window *w = k->win->head; w; w = w->next)
        if (w->id == id)
            return w;
    return NULL;
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

/*
 * Called by the run loop on the host thread: after each task switch under
 * the host clock, and whenever no task is ready. With host windows open,
 * the host clock running and nothing else to do, it waits for host input
 * up to the next timer (at most PUMP_WAIT_MAX_NS) instead of letting the
 * loop sleep blind or report a deadlock, and returns at least 1 so the
 * loop comes back here. Between busy task switches it looks at the host
 * at most once per PUMP_BUSY_GAP_NS: a pump costs host calls.
 */
int window_pump(Kernel *k) {
    WindowState *ws = k->win;
    if (!ws || !ws->backend || !ws->backend->poll || !ws->head)
        return 0;
    bool idle = k->cfg.clock == AX_CLOCK_HOST && !k->rq_head &&
                console_input_waiters(k) == 0 && win_any_live_owner(k);
    uint64_t wait = 0, host_now = clock_host_ns();
    if (idle) {
        uint64_t now = clock_now(k), next = ktimer_next_deadline(k);
        wait = next <= now ? 0 : next - now;
        if (wait > PUMP_WAIT_MAX_NS)
            wait = PUMP_WAIT_MAX_NS;
    } else if (k->rq_head && host_now - ws->last_pump_ns < PUMP_BUSY_GAP_NS) {
        return 0;
    }
    ws->last_pump_ns = host_now;
    int n = ws->backend->poll(k, wait);
    return n > 0 ? n : idle ? 1 : 0;
}

int kernel_window_pump(Kernel *k, uint64_t wait_ns) {
    WindowState *ws = k->win;
    if (!ws->backend || !ws->backend->poll || !ws->head)
        return 0;
    Kernel *outer = kernel_current;
    kernel_current = k;
    ws->last_pump_ns = clock_host_ns();
    int n = ws->backend->poll(k, wait_ns);
    kernel_current = outer;
    return n;
}

/* ---- the window object ---- */

static int64_t win_read(Kernel *k, KObject *o, void *buf, size_t n) {
    Window *w = o->priv;
    if (n < sizeof(WindowEvent))
        return -AX_EINVAL;
    if (w->count == 0) {
        if (o->flags & AX_O_NONBLOCK)
            return -AX_EAGAIN;
        return sched_wait(k, &w->readers);
    }
    /* Copy record by record: buf need not be aligned for WindowEvent. */
    size_t max = n / sizeof(WindowEvent), got = 0;
    WindowEvent ev;
    while (got < max && win_event_pop(w, &ev, 1) == 1)
        memcpy((char *)buf + got++ * sizeof ev, &ev, sizeof ev);
    return (int64_t)(got * sizeof ev);
}

static int64_t win_write(Kernel *k, KObject *o, const void *buf, size_t n) {
    Window *w = o->priv;
    if (n != (size_t)w->width * (size_t)w->height * 4)
        return -AX_EINVAL;
    int r = k->win->backend->present(k, w, buf);
    if (r < 0)
        return r;
    w->frames++;
    return (int64_t)n;
}

/* Readable while events are queued (event arrival wakes readers); frames
 * never wait, so always writable. */
static unsigned win_poll(Kernel *k, KObject *o, PollTable *pt) {
    Window *w = o->priv;
    poll_wait(k, pt, &w->readers);
    return (w->count ? AX_POLLIN | AX_POLLRDNORM : 0) | AX_POLLOUT | AX_POLLWRNORM;
}

static int win_stat(Kernel *k, KObject *o, FileStat *st) {
    Window *w = o->priv;
    st->dev = 3;
    st->ino = w->ino;
    st->mode = AX_S_IFCHR | 0600;
    st->nlink = 1;
    return 0;
}

static void win_unlink(WindowState *ws, Window *w) {
    if (w->prev)
        w->prev->next = w->next;
    else
        ws->head = w->next;
    if (w->next)
        w->next->prev = w->prev;
    else
        ws->tail = w->prev;
}

static void win_release(Kernel *k, KObject *o) {
    Window *w = o->priv;
    WindowState *ws = k->win;
    win_unlink(ws, w);
    win_free(k, w);
}

static const ObjOps win_ops = {
    .kind = "window",
    .read = win_read,
    .write = win_write,
    .stat = win_stat,
    .poll = win_poll,
    .release = win_release,
    .stat_mode = AX_S_IFCHR,
};

/* A new window with its backend side, not yet listed; NULL with *err. */
static Window *win_new(Kernel *k, const char *title, int width, int height, int *err) {
    WindowState *ws = k->win;
    Window *w = kmem_alloc(k, sizeof *w);
    WindowEvent *q = w ? kmem_alloc(k, AX_WINDOW_QUEUE_MAX * sizeof *q) : NULL;
    if (!q) {
        kmem_free(k, w);
        *err = -AX_ENOMEM;
        return NULL;
    }
    w->queue = q;
    w->id = ws->next_id + 1;
    w->owner_pid = k->cur->pid;
    w->width = width;
    w->height = height;
    snprintf(w->title, sizeof w->title, "%s", title);
    wq_init(&w->readers);
    int r = ws->backend->create(k, w);
    if (r < 0) {
        win_free(k, w);
        *err = r;
        return NULL;
    }
    return w;
}

int64_t ksys_window_create(Kernel *k, const SyscallArgs *a) {
    const char *title = ARG_PTR(const char *, 0);
    int width = ARG_INT(1), height = ARG_INT(2);
    if (!title)
        return -AX_EFAULT;
    if (width < 1 || width > AX_WINDOW_MAX_SIDE || height < 1 || height > AX_WINDOW_MAX_SIDE)
        return -AX_EINVAL;
    WindowState *ws = k->win;
    if (!ws->chosen) {
        ws->backend = win_choose(k);
        ws->chosen = true;
    }
    if (!ws->backend)
        return -AX_ENODEV;
    if (obj_room(k, 1) < 0)
        return -AX_ENFILE;
    int err;
    Window *w = win_new(k, title, width, height, &err);
    if (!w)
        return err;
    KObject *o = obj_new(k, &win_ops, AX_O_RDWR, w);
    if (!o) {
        win_free(k, w);
        return -AX_ENOMEM;
    }
    /* Listed from here on: releasing the object unlinks it. */
    w->prev = ws->tail;
    if (ws->tail)
        ws->tail->next = w;
    else
        ws->head = w;
    ws->tail = w;
    int fd = fd_install(k, k->cur, o, 0, false);
    if (fd < 0) {
        obj_unref(k, o);
        return fd;
    }
    ws->next_id = w->id;
    w->ino = ++k->next_anon_ino;
    return fd;
}

int64_t ksys_window_size(Kernel *k, const SyscallArgs *a) {
    KObject *o = fd_get(k->cur, ARG_INT(0));
    int *width = ARG_PTR(int *, 1), *height = ARG_PTR(int *, 2);
    if (!o || o->ops != &win_ops)
        return -AX_EBADF;
    if (!width || !height)
        return -AX_EFAULT;
    Window *w = o->priv;
    *width = w->width;
    *height = w->height;
    return 0;
}
