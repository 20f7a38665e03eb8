/* Windows inside the kernel: the Window record, the kernel-global
 * WindowState (k->win), and the interface every backend implements.
 *
 * Every window of a kernel is a surface of one desktop: the compositor
 * (compositor.c, layout.c, input.c) lays the windows out on one screen,
 * composes their frames into one framebuffer and routes input to them. It
 * knows no backend by its internals. A backend gives the screen a place
 * on the host: headless.c keeps it in memory, sdl.c shows it in one SDL
 * window and brings the host's input and clipboard. window.c owns the
 * objects and the syscalls. */
#ifndef AXOS_WINDOW_BACKEND_H
#define AXOS_WINDOW_BACKEND_H

#include "kernel/kernel.h"

typedef struct Window Window;
typedef struct LayNode LayNode;

/* A rectangle of screen (or frame) pixels. */
typedef struct WinRect {
    int x, y, w, h;
} WinRect;

typedef struct WinBackend {
    const char *name;
    /* Give the screen (k->win->screen_w x screen_h) a place on the host.
     * Returns 0 or -AX_ENODEV / -AX_ENOMEM, with nothing left open. */
    int (*open)(Kernel *k);
    /* Show the n rectangles of the framebuffer (k->win->fb) that changed
     * since the last present (n 0: nothing changed, show it again).
     * Returns 0 or -AX_EIO. */
    int (*present)(Kernel *k, const WinRect *r, int n);
    /* Hand host input to win_input (screen coordinates), waiting up to
     * wait_ns for the first event. Returns how many events were routed.
     * NULL: no host input (headless: tests inject it). */
    int (*poll)(Kernel *k, uint64_t wait_ns);
    /* The host's clipboard: put text there (NUL-terminated) / fetch its
     * text into a new kmem string (NULL: none, or no memory). NULL
     * operations: the kernel's own clipboard is the only one. */
    void (*clip_set)(Kernel *k, const char *text);
    char *(*clip_get)(Kernel *k);
    /* The screen goes (the kernel ends). May be NULL. */
    void (*close)(Kernel *k);
} WinBackend;

extern const WinBackend win_headless_backend;
#ifdef AXOS_HAVE_SDL
extern const WinBackend win_sdl_backend;
/* Can SDL video start here? Starts it (once per kernel) on success. */
bool win_sdl_available(Kernel *k);
#endif

#define WIN_BORDER 2         /* pixels around each window on the screen */
#define WIN_DAMAGE_MAX 16    /* damaged rectangles kept apart before merging */

struct Window {
    int id;
    int owner_pid;
    int width, height;     /* the frame's size (sys_window_resize changes it) */
    char title[64];
    uint64_t frames;
    uint64_t ino;
    uint32_t *surface;     /* the last frame, width*height pixels in kmem */

    /* the event queue: a ring of AX_WINDOW_QUEUE_MAX records in kmem */
    WindowEvent *queue;
    uint32_t head, count, dropped;
    WaitQueue readers;

    /* on the screen (layout.c, compositor.c) */
    LayNode *leaf;             /* its tile; NULL while floating */
    bool floating;
    Window *float_above, *float_below; /* floating windows in raise order */
    WinRect tile;              /* its place, border included */
    WinRect content;           /* the tile inside the border */
    WinRect view;              /* where the frame shows: scaled to fit the
                                  content, aspect kept, centred */
    int *xmap;                 /* view.w frame columns, one per screen column */
    int told_w, told_h;        /* the content size a RESIZE event last gave */

    Window *next, *prev;       /* WindowState's list, oldest first */
};

typedef struct WindowState {
    int mode;                  /* KernelConfig.window_backend as resolved */
    const WinBackend *backend; /* NULL: not chosen yet (AUTO) or none */
    bool chosen;               /* backend choice made (at the first window) */
    bool started;              /* the backend's host side is up: close stops it */
    void *bk;                  /* the backend's own state */
    Window *head, *tail;
    int next_id;
    uint64_t last_pump_ns;     /* host clock at the last look at host events */

    /* the screen */
    int screen_w, screen_h;
    uint32_t *fb;              /* screen_w*screen_h pixels, the composed desktop */
    WinRect damage[WIN_DAMAGE_MAX]; /* what changed since the last present */
    int ndamage;
    uint64_t frame_ns;         /* presentation period (the display's refresh) */
    uint64_t last_present_ns;  /* host clock */
    uint64_t presents;         /* frames the backend was handed */

    /* the layout (layout.c) and input (input.c) */
    LayNode *root;
    Window *float_bottom, *float_top;
    Window *focus;
    Window *grab;              /* mouse events go here while a button is held */
    uint32_t buttons;          /* AX_BUTTON_MASK bits held */
    bool super_held;           /* the compositor's modifier (GUI key) is down */
    bool moving;               /* dragging grab (floating) with the modifier */
    int move_dx, move_dy;      /* pointer to tile corner while moving */
    uint32_t swallowed_key;    /* a shortcut's key: its KEY_UP is not passed on */
    bool close_requested;      /* the host asked to close the desktop */

    bool ttf_started;          /* SDL2_ttf is up for this kernel's fonts */

    /* the clipboard (clipboard.c) */
    char *clip;
    size_t clip_len;
} WindowState;

/* The window with this id, or NULL. */
Window *win_find(Kernel *k, int id);

/* Queue ev (time_ns is stamped here) on w and wake its readers. Mouse
 * moves merge into a queued move at the tail. Returns 0, or -AX_EAGAIN
 * when the queue is full (the event is dropped and counted). */
int win_event_push(Kernel *k, Window *w, const WindowEvent *ev);

/* Take up to max events off w's queue into out; returns how many. */
size_t win_event_pop(Window *w, WindowEvent *out, size_t max);

/* Route one event of the screen (coordinates in screen pixels) as the
 * desktop does: shortcuts, focus, grabs, window coordinates (input.c).
 * Returns 1 when a window got an event, else 0. */
int win_input(Kernel *k, const WindowEvent *ev);

#endif
