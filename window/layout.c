/* The desktop's layout: where each window sits on the screen.
 *
 * Tiled windows share the screen as the leaves of a binary space
 * partition: a new window splits the tile of the focused one (or of the
 * newest tiled window) in two, side by side when that tile is at least
 * as wide as it is tall, one above the other otherwise, and takes the
 * second half. When a window goes, its sibling takes the space of their
 * parent. Floating windows lie above the tiles, at the size of their
 * frame (within the screen), in raise order.
 *
 * Everything here is a function of the order of creations, removals and
 * focus changes and of the screen size: no clock, no host state, so a
 * headless run lays windows out the same way every time. */
#include "window/compositor.h"

struct LayNode {
    LayNode *parent;
    LayNode *child[2];  /* internal node: first is left / top */
    bool side_by_side;  /* internal node: child[0] left of child[1] */
    Window *win;        /* leaf */
};

/* The first window of a subtree (leftmost, topmost leaf). */
static Window *lay_first(LayNode *n) {
    while (!n->win)
        n = n->child[0];
    return n->win;
}

/* A rectangle with a border of b pixels taken off each side, never less
 * than 1x1 (a window always has a pixel to show in). */
static WinRect rect_inset(WinRect r, int b) {
    WinRect in = {r.x + b, r.y + b, r.w - 2 * b, r.h - 2 * b};
    if (in.w < 1)
        in = (WinRect){r.x + r.w / 2, in.y, 1, in.h};
    if (in.h < 1)
        in = (WinRect){in.x, r.y + r.h / 2, in.w, 1};
    return in;
}

static void lay_place(Window *w, WinRect tile) {
    w->tile = tile;
    w->content = rect_inset(tile, WIN_BORDER);
}

static void lay_assign(LayNode *n, WinRect r) {
    if (n->win) {
        lay_place(n->win, r);
        return;
    }
    WinRect a = r, b = r;
    if (n->side_by_side) {
        a.w = r.w / 2;
        b.x = r.x + a.w;
        b.w = r.w - a.w;
    } else {
        a.h = r.h / 2;
        b.y = r.y + a.h;
        b.h = r.h - a.h;
    }
    lay_assign(n->child[0], a);
    lay_assign(n->child[1], b);
}

/* A floating window's tile: its frame plus the border, within the screen,
 * kept where it is (moved back in when the screen shrank). */
static void lay_float_place(WindowState *ws, Window *w) {
    WinRect t = w->tile;
    t.w = w->width + 2 * WIN_BORDER;
    t.h = w->height + 2 * WIN_BORDER;
    if (t.w > ws->screen_w)
        t.w = ws->screen_w;
    if (t.h > ws->screen_h)
        t.h = ws->screen_h;
    if (t.x + t.w > ws->screen_w)
        t.x = ws->screen_w - t.w;
    if (t.y + t.h > ws->screen_h)
        t.y = ws->screen_h - t.h;
    if (t.x < 0)
        t.x = 0;
    if (t.y < 0)
        t.y = 0;
    lay_place(w, t);
}

void lay_compute(WindowState *ws) {
    if (ws->root)
        lay_assign(ws->root, (WinRect){0, 0, ws->screen_w, ws->screen_h});
    for (Window *w = ws->float_bottom; w; w = w->float_above)
        lay_float_place(ws, w);
}

/* ---- tiles ---- */

/* The tiled window a new one splits: the focused one when it is tiled,
 * else the newest tiled window. */
static Window *lay_split_target(WindowState *ws, Window *nw) {
    if (ws->focus && ws->focus->leaf)
        return ws->focus;
    for (Window *w = ws->tail; w; w = w->prev)
        if (w != nw && w->leaf)
            return w;
    return NULL;
}

int lay_tile(Kernel *k, Window *w) {
    WindowState *ws = k->win;
    LayNode *leaf = kmem_alloc(k, sizeof *leaf);
    if (!leaf)
        return -AX_ENOMEM;
    leaf->win = w;
    Window *t = lay_split_target(ws, w);
    if (!t) {
        ws->root = leaf;
        w->leaf = leaf;
        return 0;
    }
    LayNode *split = kmem_alloc(k, sizeof *split);
    if (!split) {
        kmem_free(k, leaf);
        return -AX_ENOMEM;
    }
    /* The split node takes the target's place in the tree. */
    LayNode *old = t->leaf;
    split->parent = old->parent;
    if (!old->parent)
        ws->root = split;
    else
        old->parent->child[old->parent->child[1] == old] = split;
    split->side_by_side = t->tile.w >= t->tile.h;
    split->child[0] = old;
    split->child[1] = leaf;
    old->parent = leaf->parent = split;
    w->leaf = leaf;
    return 0;
}

Window *lay_untile(Kernel *k, Window *w) {
    WindowState *ws = k->win;
    LayNode *leaf = w->leaf, *parent = leaf->parent;
    w->leaf = NULL;
    kmem_free(k, leaf);
    if (!parent) {
        ws->root = NULL;
        return NULL;
    }
    LayNode *sib = parent->child[parent->child[0] == leaf];
    sib->parent = parent->parent;
    if (!parent->parent)
        ws->root = sib;
    else
        parent->parent->child[parent->parent->child[1] == parent] = sib;
    kmem_free(k, parent);
    return lay_first(sib);
}

/* ---- floating windows ---- */

/* Put w on top of the floating windows. */
static void float_link_top(WindowState *ws, Window *w) {
    w->floating = true;
    w->float_below = ws->float_top;
    w->float_above = NULL;
    if (ws->float_top)
        ws->float_top->float_above = w;
    else
        ws->float_bottom = w;
    ws->float_top = w;
}

void lay_float(WindowState *ws, Window *w) {
    float_link_top(ws, w);
    /* Centred, at its frame's size. */
    w->tile.w = w->width + 2 * WIN_BORDER;
    w->tile.h = w->height + 2 * WIN_BORDER;
    w->tile.x = (ws->screen_w - w->tile.w) / 2;
    w->tile.y = (ws->screen_h - w->tile.h) / 2;
    lay_float_place(ws, w);
}

void lay_unfloat(WindowState *ws, Window *w) {
    if (w->float_below)
        w->float_below->float_above = w->float_above;
    else
        ws->float_bottom = w->float_above;
    if (w->float_above)
        w->float_above->float_below = w->float_below;
    else
        ws->float_top = w->float_below;
    w->float_above = w->float_below = NULL;
    w->floating = false;
}

void lay_raise(WindowState *ws, Window *w) {
    if (!w->floating || ws->float_top == w)
        return;
    lay_unfloat(ws, w);
    float_link_top(ws, w);
}

void lay_move(WindowState *ws, Window *w, int x, int y) {
    w->tile.x = x;
    w->tile.y = y;
    lay_float_place(ws, w);
}

/* ---- looking things up ---- */

static bool rect_has(WinRect r, int x, int y) {
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

Window *lay_at(WindowState *ws, int x, int y) {
    for (Window *w = ws->float_top; w; w = w->float_below)
        if (rect_has(w->tile, x, y))
            return w;
    for (Window *w = ws->head; w; w = w->next)
        if (w->leaf && rect_has(w->tile, x, y))
            return w;
    return NULL;
}

Window *lay_topmost(WindowState *ws) {
    if (ws->float_top)
        return ws->float_top;
    return ws->root ? lay_first(ws->root) : NULL;
}

void lay_free(Kernel *k, WindowState *ws) {
    /* Windows are unlinked one by one as they close; whatever is left at
     * the end (none, normally) goes with its nodes. */
    while (ws->root) {
        LayNode *n = ws->root;
        while (!n->win)
            n = n->child[0];
        lay_untile(k, n->win);
    }
}
