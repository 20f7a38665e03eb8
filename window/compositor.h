/* The compositor's internals, shared by layout.c (where windows are),
 * compositor.c (frames, damage, composing, presenting), input.c (where
 * events go) and window.c (the objects). Backend-independent. */
#ifndef AXOS_WINDOW_COMPOSITOR_H
#define AXOS_WINDOW_COMPOSITOR_H

#include "window/backend.h"

#define WIN_SCREEN_W 1024    /* screen size when KernelConfig gives none */
#define WIN_SCREEN_H 768
#define WIN_FRAME_NS 16666667ULL /* 60 Hz, when the display gives no rate */

/* Colours of the desktop (ARGB). */
#define WIN_BACKGROUND 0xFF202428u
#define WIN_BORDER_FOCUS 0xFF4C9BE8u
#define WIN_BORDER_IDLE 0xFF383E46u
#define WIN_LETTERBOX 0xFF000000u

/* ---- layout.c ---- */

/* Lay w out as a tile: it splits the focused tile (or the newest one).
 * Returns 0 or -AX_ENOMEM (w is not laid out). */
int lay_tile(Kernel *k, Window *w);
/* Take w's tile away; its sibling takes the space. Returns the window
 * that now has that space (the first of the sibling's subtree), or NULL
 * when no tile is left. */
Window *lay_untile(Kernel *k, Window *w);
/* Float w above the tiles, centred at its frame's size / stop floating. */
void lay_float(WindowState *ws, Window *w);
void lay_unfloat(WindowState *ws, Window *w);
/* Put a floating w above the other floating windows. */
void lay_raise(WindowState *ws, Window *w);
/* Move a floating w's tile corner to (x, y), kept on the screen. */
void lay_move(WindowState *ws, Window *w, int x, int y);
/* Give every window its tile and content rectangles for the screen. */
void lay_compute(WindowState *ws);
/* The window whose tile holds screen point (x, y), topmost first. */
Window *lay_at(WindowState *ws, int x, int y);
/* The window to focus when nothing else says: the top floating one, else
 * the first tile. NULL without windows. */
Window *lay_topmost(WindowState *ws);
/* Free what is left of the tree (the kernel ends). */
void lay_free(Kernel *k, WindowState *ws);

/* ---- compositor.c ---- */

/* Start the screen on the chosen backend: framebuffer, host side.
 * Returns 0 or -AX_ENOMEM / the backend's error. */
int comp_open(Kernel *k);
/* The screen goes: free the framebuffer, close the host side. */
void comp_close(Kernel *k);
/* Take a frame of w->width x w->height pixels (any alignment) into w's
 * surface, damaging what changed on the screen. Cannot fail. */
void comp_frame(Kernel *k, Window *w, const void *pixels);
/* The layout changed (a window came, went, moved, floated, resized, or
 * the screen did): lay out again, fit every frame in its content, tell
 * each program whose content size changed (AX_WEV_RESIZE), damage the
 * screen. Cannot fail. */
void comp_relayout(Kernel *k);
/* Mark a rectangle of the screen to be composed again. */
void comp_damage(WindowState *ws, WinRect r);
/* Pixels in the damaged rectangles (they do not overlap much). */
uint64_t comp_damaged_area(const WindowState *ws);
/* Compose what is damaged and hand it to the backend. Returns the
 * backend's result (0 or -AX_EIO). */
int comp_present(Kernel *k);
/* Is there damage whose presentation is due under the refresh pacing?
 * Sets *wait_ns to the time left until it is (0: due now). */
bool comp_due(Kernel *k, uint64_t now_ns, uint64_t *wait_ns);
/* The screen size changed (the host's window was resized). Returns 0 or
 * -AX_ENOMEM (the old size stays). */
int comp_resize_screen(Kernel *k, int w, int h);
/* Give focus to w (may be NULL); redraws both borders. */
void comp_focus(Kernel *k, Window *w);
/* Forget w wherever input holds it (w is going away). */
void win_input_forget(WindowState *ws, Window *w);
/* Choose the backend and open the screen, once (the first window).
 * Returns 0, -AX_ENODEV (no backend) or -AX_ENOMEM. */
int win_screen_start(Kernel *k);
/* Stop SDL2_ttf if fonts started it (fonts.c; the kernel ends). */
void win_fonts_fini(Kernel *k);
/* Free every window left (the kernel ends). */
void win_free_all(Kernel *k);
/* Map a screen point into w's frame pixels (outside the view: beyond the
 * frame's edges, as a drag reports). */
void comp_to_frame(const Window *w, int sx, int sy, int *fx, int *fy);

#endif
