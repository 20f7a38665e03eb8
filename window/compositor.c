/* The compositor: every window's last frame (its surface) drawn into one
 * framebuffer, the screen, which a backend shows on the host.
 *
 * A frame written to a window is compared with the surface as it is
 * copied in, and only the rectangle that changed is damaged. Damage from
 * frames, focus and layout changes collects in a short list of screen
 * rectangles; presenting composes those rectangles alone (background,
 * tiles, floating windows bottom to top) and hands the same list to the
 * backend, so a change to one window costs that window's changed pixels.
 * Presentation is paced to the display's refresh (comp_due); the headless
 * screen is composed when the host looks at it.
 *
 * A frame fills its window's content when its size is the content's;
 * otherwise it is scaled to fit (aspect kept, nearest pixel) and centred,
 * and mouse coordinates are mapped back into frame pixels. */
#include <string.h>

#include "kernel/timer.h"
#include "window/compositor.h"

/* ---- rectangles ---- */

static WinRect rect_cut(WinRect a, WinRect b) {
    int x0 = a.x > b.x ? a.x : b.x, y0 = a.y > b.y ? a.y : b.y;
    int x1 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
    if (x1 <= x0 || y1 <= y0)
        return (WinRect){0, 0, 0, 0};
    return (WinRect){x0, y0, x1 - x0, y1 - y0};
}

static WinRect rect_join(WinRect a, WinRect b) {
    int x0 = a.x < b.x ? a.x : b.x, y0 = a.y < b.y ? a.y : b.y;
    int x1 = a.x + a.w > b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h > b.y + b.h ? a.y + a.h : b.y + b.h;
    return (WinRect){x0, y0, x1 - x0, y1 - y0};
}

static bool rect_empty(WinRect r) {
    return r.w <= 0 || r.h <= 0;
}

static bool rect_within(WinRect in, WinRect out) {
    return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w &&
           in.y + in.h <= out.y + out.h;
}

static int64_t rect_area(WinRect r) {
    return (int64_t)r.w * r.h;
}

void comp_damage(WindowState *ws, WinRect r) {
    r = rect_cut(r, (WinRect){0, 0, ws->screen_w, ws->screen_h});
    if (rect_empty(r))
        return;
    for (int i = 0; i < ws->ndamage; i++)
        if (rect_within(r, ws->damage[i]))
            return;
    if (ws->ndamage < WIN_DAMAGE_MAX) {
        ws->damage[ws->ndamage++] = r;
        return;
    }
    /* Full: grow the rectangle that grows least. */
    int best = 0;
    int64_t best_growth = INT64_MAX;
    for (int i = 0; i < ws->ndamage; i++) {
        int64_t g = rect_area(rect_join(ws->damage[i], r)) - rect_area(ws->damage[i]);
        if (g < best_growth) {
            best_growth = g;
            best = i;
        }
    }
    ws->damage[best] = rect_join(ws->damage[best], r);
}

uint64_t comp_damaged_area(const WindowState *ws) {
    uint64_t n = 0;
    for (int i = 0; i < ws->ndamage; i++)
        n += (uint64_t)rect_area(ws->damage[i]);
    return n;
}

static void damage_all(WindowState *ws) {
    ws->ndamage = 0;
    comp_damage(ws, (WinRect){0, 0, ws->screen_w, ws->screen_h});
}

/* ---- the screen ---- */

static void fill(WindowState *ws, WinRect r, uint32_t colour) {
    for (int y = r.y; y < r.y + r.h; y++) {
        uint32_t *row = ws->fb + (size_t)y * ws->screen_w + r.x;
        for (int x = 0; x < r.w; x++)
            row[x] = colour;
    }
}

int comp_open(Kernel *k) {
    WindowState *ws = k->win;
    ws->screen_w = k->cfg.screen_width > 0 ? k->cfg.screen_width : WIN_SCREEN_W;
    ws->screen_h = k->cfg.screen_height > 0 ? k->cfg.screen_height : WIN_SCREEN_H;
    ws->frame_ns = WIN_FRAME_NS;
    ws->fb = kmem_alloc(k, (size_t)ws->screen_w * ws->screen_h * 4);
    if (!ws->fb)
        return -AX_ENOMEM;
    int r = ws->backend->open(k);
    if (r < 0) {
        kmem_free(k, ws->fb);
        ws->fb = NULL;
        return r;
    }
    damage_all(ws);
    return 0;
}

void comp_close(Kernel *k) {
    WindowState *ws = k->win;
    if (ws->fb && ws->backend->close)
        ws->backend->close(k);
    kmem_free(k, ws->fb);
    ws->fb = NULL;
}

int comp_resize_screen(Kernel *k, int w, int h) {
    WindowState *ws = k->win;
    if (w < 1 || h < 1 || w > AX_WINDOW_MAX_SIDE || h > AX_WINDOW_MAX_SIDE)
        return -AX_EINVAL;
    if (w == ws->screen_w && h == ws->screen_h)
        return 0;
    uint32_t *fb = kmem_alloc(k, (size_t)w * h * 4);
    if (!fb)
        return -AX_ENOMEM;
    /* Every view may now be as wide as the new screen. A map that grew
     * before a later one failed is only bigger than it needs. */
    for (Window *win = ws->head; w > ws->screen_w && win; win = win->next) {
        int *map = kmem_realloc(k, win->xmap, (size_t)w * sizeof *map);
        if (!map) {
            kmem_free(k, fb);
            return -AX_ENOMEM;
        }
        win->xmap = map;
    }
    kmem_free(k, ws->fb);
    ws->fb = fb;
    ws->screen_w = w;
    ws->screen_h = h;
    comp_relayout(k);
    return 0;
}

/* ---- frames ---- */

void comp_frame(Kernel *k, Window *w, const void *pixels) {
    WindowState *ws = k->win;
    const uint8_t *src = pixels;
    size_t row_bytes = (size_t)w->width * 4;
    int x0 = w->width, x1 = -1, y0 = -1, y1 = -1;
    for (int y = 0; y < w->height; y++, src += row_bytes) {
        uint32_t *dst = w->surface + (size_t)y * w->width;
        if (memcmp(dst, src, row_bytes) == 0)
            continue;
        int a = 0, b = w->width - 1;
        while (memcmp(dst + a, src + (size_t)a * 4, 4) == 0)
            a++;
        while (memcmp(dst + b, src + (size_t)b * 4, 4) == 0)
            b--;
        memcpy(dst + a, src + (size_t)a * 4, (size_t)(b - a + 1) * 4);
        if (a < x0)
            x0 = a;
        if (b > x1)
            x1 = b;
        if (y0 < 0)
            y0 = y;
        y1 = y;
    }
    if (y0 < 0 || !ws->fb)
        return;
    /* The changed frame rectangle, on the screen through the view's scale
     * (rounded outwards). */
    const WinRect *v = &w->view;
    int sx0 = v->x + (int)((int64_t)x0 * v->w / w->width);
    int sx1 = v->x + (int)(((int64_t)(x1 + 1) * v->w + w->width - 1) / w->width);
    int sy0 = v->y + (int)((int64_t)y0 * v->h / w->height);
    int sy1 = v->y + (int)(((int64_t)(y1 + 1) * v->h + w->height - 1) / w->height);
    comp_damage(ws, rect_cut((WinRect){sx0, sy0, sx1 - sx0, sy1 - sy0}, *v));
}

/* ---- fitting frames to their content ---- */

/* w's view: the frame scaled to fit the content, aspect kept, centred;
 * and its column map (room for the screen's width is always there). */
static void comp_fit(Window *w) {
    WinRect c = w->content, v = c;
    if (w->width != c.w || w->height != c.h) {
        if ((int64_t)w->width * c.h <= (int64_t)w->height * c.w) {
            v.h = c.h; /* as tall as the content */
            v.w = (int)((int64_t)w->width * c.h / w->height);
        } else {
            v.w = c.w;
            v.h = (int)((int64_t)w->height * c.w / w->width);
        }
        if (v.w < 1)
            v.w = 1;
        if (v.h < 1)
            v.h = 1;
        v.x = c.x + (c.w - v.w) / 2;
        v.y = c.y + (c.h - v.h) / 2;
    }
    for (int i = 0; i < v.w; i++)
        w->xmap[i] = (int)((int64_t)i * w->width / v.w);
    w->view = v;
}

void comp_relayout(Kernel *k) {
    WindowState *ws = k->win;
    lay_compute(ws);
    for (Window *w = ws->head; w; w = w->next) {
        comp_fit(w);
        if (w->content.w != w->told_w || w->content.h != w->told_h) {
            WindowEvent ev = {.type = AX_WEV_RESIZE, .width = w->content.w,
                              .height = w->content.h};
            /* A full queue drops it like any event; the next change tells. */
            if (win_event_push(k, w, &ev) == 0) {
                w->told_w = w->content.w;
                w->told_h = w->content.h;
            }
        }
    }
    damage_all(ws);
}

void comp_to_frame(const Window *w, int sx, int sy, int *fx, int *fy) {
    /* floor division, so a point left of or above the view is negative */
    int64_t dx = (int64_t)(sx - w->view.x) * w->width, dy = (int64_t)(sy - w->view.y) * w->height;
    *fx = (int)(dx >= 0 ? dx / w->view.w : -((-dx + w->view.w - 1) / w->view.w));
    *fy = (int)(dy >= 0 ? dy / w->view.h : -((-dy + w->view.h - 1) / w->view.h));
}

void comp_focus(Kernel *k, Window *w) {
    WindowState *ws = k->win;
    Window *old = ws->focus;
    if (w && w->floating && ws->float_top != w) {
        lay_raise(ws, w);
        comp_damage(ws, w->tile);
    }
    if (old == w)
        return;
    ws->focus = w;
    WindowEvent ev = {.type = AX_WEV_FOCUS};
    if (old) {
        comp_damage(ws, old->tile);
        win_event_push(k, old, &ev);
    }
    if (w) {
        comp_damage(ws, w->tile);
        ev.x = 1;
        win_event_push(k, w, &ev);
    }
}

/* ---- composing ---- */

/* Copy n pixels with alpha made full. restrict, and the cheap vector cost
 * model this file is built with (window/CMakeLists.txt), let the compiler
 * turn it into vector loads, ors and stores: this is the compositor's
 * hottest loop. */
static void copy_opaque(uint32_t *restrict dst, const uint32_t *restrict src, int n) {
    for (int x = 0; x < n; x++)
        dst[x] = src[x] | 0xFF000000u;
}

static void blit(WindowState *ws, const Window *w, WinRect r) {
    const WinRect *v = &w->view;
    bool direct = v->w == w->width && v->h == w->height;
    for (int y = r.y; y < r.y + r.h; y++) {
        int fy = direct ? y - v->y : (int)((int64_t)(y - v->y) * w->height / v->h);
        const uint32_t *src = w->surface + (size_t)fy * w->width;
        uint32_t *dst = ws->fb + (size_t)y * ws->screen_w + r.x;
        /* Windows are opaque: whatever alpha a frame has, the screen's is
         * full. */
        if (direct) {
            copy_opaque(dst, src + (r.x - v->x), r.w);
        } else {
            const int *map = w->xmap + (r.x - v->x);
            for (int x = 0; x < r.w; x++)
                dst[x] = src[map[x]] | 0xFF000000u;
        }
    }
}

/* Fill (outer minus inner) within clip. */
static void fill_frame(WindowState *ws, WinRect outer, WinRect inner, WinRect clip,
                       uint32_t colour) {
    WinRect strips[4] = {
        {outer.x, outer.y, outer.w, inner.y - outer.y},                          /* top */
        {outer.x, inner.y + inner.h, outer.w, outer.y + outer.h - inner.y - inner.h}, /* bottom */
        {outer.x, inner.y, inner.x - outer.x, inner.h},                          /* left */
        {inner.x + inner.w, inner.y, outer.x + outer.w - inner.x - inner.w, inner.h}, /* right */
    };
    for (int i = 0; i < 4; i++) {
        WinRect s = rect_cut(strips[i], clip);
        if (!rect_empty(s))
            fill(ws, s, colour);
    }
}

static void paint_window(WindowState *ws, const Window *w, WinRect r) {
    if (rect_empty(rect_cut(w->tile, r)))
        return;
    fill_frame(ws, w->tile, w->content, r, w == ws->focus ? WIN_BORDER_FOCUS : WIN_BORDER_IDLE);
    fill_frame(ws, w->content, w->view, r, WIN_LETTERBOX);
    WinRect in = rect_cut(w->view, r);
    if (!rect_empty(in))
        blit(ws, w, in);
}

/* The topmost window whose tile meets r, when its view covers all of r:
 * only it needs painting there. */
static const Window *covering(WindowState *ws, WinRect r) {
    for (Window *w = ws->float_top; w; w = w->float_below)
        if (!rect_empty(rect_cut(w->tile, r)))
            return rect_within(r, w->view) ? w : NULL;
    for (Window *w = ws->head; w; w = w->next)
        if (w->leaf && !rect_empty(rect_cut(w->tile, r)))
            return rect_within(r, w->view) ? w : NULL;
    return NULL;
}

static void paint(WindowState *ws, WinRect r) {
    const Window *top = covering(ws, r);
    if (top) {
        blit(ws, top, r);
        return;
    }
    fill(ws, r, WIN_BACKGROUND);
    for (Window *w = ws->head; w; w = w->next)
        if (w->leaf)
            paint_window(ws, w, r);
    for (Window *w = ws->float_bottom; w; w = w->float_above)
        paint_window(ws, w, r);
}

int comp_present(Kernel *k) {
    WindowState *ws = k->win;
    if (!ws->fb)
        return 0;
    for (int i = 0; i < ws->ndamage; i++)
        paint(ws, ws->damage[i]);
    int r = ws->backend->present(k, ws->damage, ws->ndamage);
    ws->ndamage = 0;
    ws->presents++;
    return r;
}

bool comp_due(Kernel *k, uint64_t now_ns, uint64_t *wait_ns) {
    WindowState *ws = k->win;
    *wait_ns = UINT64_MAX;
    if (!ws->fb || ws->ndamage == 0)
        return false;
    uint64_t next = ws->last_present_ns + ws->frame_ns;
    *wait_ns = next > now_ns ? next - now_ns : 0;
    return *wait_ns == 0;
}
