/* Windows inside the kernel: the Window record, the kernel-global
 * WindowState (k->win), and the interface every backend implements.
 *
 * window.c owns the objects and the syscalls and knows no backend by its
 * internals; a backend (headless.c, sdl.c) turns create / present / poll /
 * destroy into something on the host. Events reach a window's queue
 * through win_event_push, from a backend's poll or from the host API. */
#ifndef AXOS_WINDOW_BACKEND_H
#define AXOS_WINDOW_BACKEND_H

#include "kernel/kernel.h"

typedef struct Window Window;

typedef struct WinBackend {
    const char *name;
    /* Give w a host-side window of w->width x w->height showing black.
     * Returns 0 or -AX_ENOMEM / -AX_ENODEV, leaving w->bk NULL. */
    int (*create)(Kernel *k, Window *w);
    /* Show one frame of width*height ARGB8888 pixels (any alignment).
     * Returns 0 or -AX_EIO. */
    int (*present)(Kernel *k, Window *w, const void *pixels);
    /* The frame w shows (kernel_window_frame), or NULL when it cannot be
     * had. Valid until the next present, frame or destroy. */
    const uint32_t *(*frame)(Kernel *k, Window *w);
    /* Move host events into the windows' queues, waiting up to wait_ns
     * for the first one. Returns how many were queued. NULL: no host
     * events (the headless backend only takes injected ones). */
    int (*poll)(Kernel *k, uint64_t wait_ns);
    /* Free what create made; w->bk may be NULL (create failed). */
    void (*destroy)(Kernel *k, Window *w);
    /* The kernel ends: stop the backend's host side (started).
     * May be NULL. */
    void (*fini)(Kernel *k);
} WinBackend;

extern const WinBackend win_headless_backend;
#ifdef AXOS_HAVE_SDL
extern const WinBackend win_sdl_backend;
/* Can SDL video start here? Starts it (once per kernel) on success. */
bool win_sdl_available(Kernel *k);
#endif

struct Window {
    int id;
    int owner_pid;
    int width, height;
    char title[64];
    uint64_t frames;
    uint64_t ino;

    /* the event queue: a ring of AX_WINDOW_QUEUE_MAX records in kmem */
    WindowEvent *queue;
    uint32_t head, count, dropped;
    WaitQueue readers;

    void *bk;             /* the backend's per-window state */
    Window *next, *prev;  /* WindowState's list, oldest first */
};

typedef struct WindowState {
    int mode;                  /* KernelConfig.window_backend as resolved */
    const WinBackend *backend; /* NULL: not chosen yet (AUTO) or none */
    bool chosen;               /* backend choice made (at the first window) */
    bool started;              /* the backend's host side is up: fini stops it */
    Window *head, *tail;
    int next_id;
    uint64_t last_pump_ns;     /* host clock at the last look at host events */
} WindowState;

/* The window with this id, or NULL. */
Window *win_find(Kernel *k, int id);

/* Queue ev (time_ns is stamped here) on w and wake its readers. Mouse
 * moves merge into a queued move at the tail. Returns 0, or -AX_EAGAIN
 * when the queue is full (the event is dropped and counted). */
int win_event_push(Kernel *k, Window *w, const WindowEvent *ev);

/* Take up to max events off w's queue into out; returns how many. */
size_t win_event_pop(Window *w, WindowEvent *out, size_t max);

#endif
