/* Windows: the objects behind sys_window_create.
 *
 * A window is a KObject whose write presents a frame and whose read takes
 * WindowEvent records off the window's queue. Each window is a surface of
 * the kernel's one screen (compositor.c): created, it takes a tile of the
 * layout and the focus; closed, it gives them back. */
#include <stdio.h>
#include <string.h>

#include "kernel/fd.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "syscall/handlers.h"
#include "window/compositor.h"
#include "window/window.h"

_Static_assert(sizeof(WindowEvent) == 48, "WindowEvent is a fixed 48-byte record");

Window *win_find(Kernel *k, int id) {
    for (Window *w = k->win->head; w; w = w->next)
        if (w->id == id)
            return w;
    return NULL;
}

/* Free w (not listed any more, or never was). */
static void win_free(Kernel *k, Window *w) {
    kmem_free(k, w->xmap);
    kmem_free(k, w->surface);
    kmem_free(k, w->queue);
    kmem_free(k, w);
}

void win_free_all(Kernel *k) {
    WindowState *ws = k->win;
    /* proc_fini closed every fd, so normally no window is left; free any
     * all the same. */
    lay_free(k, ws);
    while (ws->head) {
        Window *w = ws->head;
        ws->head = w->next;
        win_free(k, w);
    }
    ws->tail = NULL;
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
    comp_frame(k, w, buf);
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

/* The window's last fd is closed: its place on the screen goes to the
 * window that takes its space (tiled) or the top one, and so does the
 * focus when it had it. */
static void win_release(Kernel *k, KObject *o) {
    Window *w = o->priv;
    WindowState *ws = k->win;
    Window *heir = NULL;
    if (w->floating)
        lay_unfloat(ws, w);
    else if (w->leaf)
        heir = lay_untile(k, w);
    win_unlink(ws, w);
    win_input_forget(ws, w);
    if (ws->focus == w) {
        ws->focus = NULL;
        comp_focus(k, ws->float_top ? ws->float_top : heir ? heir : lay_topmost(ws));
    }
    win_free(k, w);
    comp_relayout(k);
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

/* A new window with its surface (black) and queue, not yet listed; NULL
 * when memory runs out. */
static Window *win_new(Kernel *k, const char *title, int width, int height) {
    WindowState *ws = k->win;
    Window *w = kmem_alloc(k, sizeof *w);
    WindowEvent *q = w ? kmem_alloc(k, AX_WINDOW_QUEUE_MAX * sizeof *q) : NULL;
    uint32_t *px = q ? kmem_alloc(k, (size_t)width * (size_t)height * 4) : NULL;
    /* room for a view as wide as the screen: fitting never allocates */
    int *map = px ? kmem_alloc(k, (size_t)ws->screen_w * sizeof *map) : NULL;
    if (!map) {
        kmem_free(k, px);
        kmem_free(k, q);
        kmem_free(k, w);
        return NULL;
    }
    w->queue = q;
    w->xmap = map;
    w->surface = px; /* zeroed: black */
    w->id = ws->next_id + 1;
    w->owner_pid = k->cur->pid;
    w->width = w->told_w = width;
    w->height = w->told_h = height;
    snprintf(w->title, sizeof w->title, "%s", title);
    wq_init(&w->readers);
    return w;
}

int64_t ksys_window_create(Kernel *k, const SyscallArgs *a) {
    const char *title = ARG_PTR(const char *, 0);
    int width = ARG_INT(1), height = ARG_INT(2);
    if (!title)
        return -AX_EFAULT;
    if (width < 1 || width > AX_WINDOW_MAX_SIDE || height < 1 || height > AX_WINDOW_MAX_SIDE)
        return -AX_EINVAL;
    if (fd_free_count(k->cur) == 0)
        return -AX_EMFILE;
    int r = win_screen_start(k);
    if (r < 0)
        return r;
    WindowState *ws = k->win;
    if (obj_room(k, 1) < 0)
        return -AX_ENFILE;
    Window *w = win_new(k, title, width, height);
    if (!w)
        return -AX_ENOMEM;
    if (lay_tile(k, w) < 0) {
        win_free(k, w);
        return -AX_ENOMEM;
    }
    KObject *o = obj_new(k, &win_ops, AX_O_RDWR, w);
    if (!o) {
        lay_untile(k, w);
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
    comp_relayout(k);
    comp_focus(k, w);
    return fd;
}

static Window *win_of_fd(Kernel *k, int fd) {
    KObject *o = fd_get(k->cur, fd);
    return o && o->ops == &win_ops ? o->priv : NULL;
}

int64_t ksys_window_size(Kernel *k, const SyscallArgs *a) {
    Window *w = win_of_fd(k, ARG_INT(0));
    int *width = ARG_PTR(int *, 1), *height = ARG_PTR(int *, 2);
    if (!w)
        return -AX_EBADF;
    if (!width || !height)
        return -AX_EFAULT;
    *width = w->width;
    *height = w->height;
    return 0;
}

int64_t ksys_window_resize(Kernel *k, const SyscallArgs *a) {
    Window *w = win_of_fd(k, ARG_INT(0));
    int width = ARG_INT(1), height = ARG_INT(2);
    if (!w)
        return -AX_EBADF;
    if (width < 1 || width > AX_WINDOW_MAX_SIDE || height < 1 || height > AX_WINDOW_MAX_SIDE)
        return -AX_EINVAL;
    if (width == w->width && height == w->height)
        return 0;
    uint32_t *px = kmem_alloc(k, (size_t)width * (size_t)height * 4);
    if (!px)
        return -AX_ENOMEM;
    kmem_free(k, w->surface);
    w->surface = px; /* black until the next frame */
    w->width = width;
    w->height = height;
    /* A floating window's tile follows its frame; a tile stays put. */
    comp_damage(k->win, w->tile);
    comp_relayout(k);
    return 0;
}
