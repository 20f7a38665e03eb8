/* Where the screen's input goes, as a tiling desktop routes it.
 *
 *   - Keys and text go to the focused window.
 *   - A mouse press focuses (and raises) the window under the pointer and
 *     goes to it; while any button is held, every mouse event goes to
 *     that window (the grab), even outside it; with no button held, moves
 *     go to the window under the pointer. Coordinates are the window's
 *     frame pixels.
 *   - The compositor's own keys are the GUI ("Super") key with another:
 *       Super+Tab, Super+Shift+Tab  focus the next / previous window
 *                                   (in the order they were opened)
 *       Super+F                     float the focused window, or tile it
 *       Super+left drag             move a floating window
 *     Those keys, and text typed while Super is held, reach no window.
 *   - A new screen size (the host window resized) lays everything out
 *     again; the host's close button asks every window to close.
 *
 * Like the layout, routing depends on nothing but the events and the
 * windows, so a headless run routes the same way every time. */
#include "window/compositor.h"

static Window *next_window(WindowState *ws, Window *from, bool back) {
    if (!from)
        return back ? ws->tail : ws->head;
    Window *w = back ? from->prev : from->next;
    return w ? w : back ? ws->tail : ws->head;
}

static int toggle_float(Kernel *k, Window *w) {
    WindowState *ws = k->win;
    if (w->floating) {
        lay_unfloat(ws, w);
        if (lay_tile(k, w) < 0) {
            lay_float(ws, w); /* no memory for a tile: it stays afloat */
            return -AX_ENOMEM;
        }
    } else {
        lay_untile(k, w);
        lay_float(ws, w);
    }
    comp_relayout(k);
    return 0;
}

/* A key pressed with Super held: is it the compositor's? */
static bool shortcut(Kernel *k, const WindowEvent *ev) {
    WindowState *ws = k->win;
    switch (ev->key) {
    case AX_KEY_TAB:
        comp_focus(k, next_window(ws, ws->focus, (ev->mod & AX_KMOD_SHIFT) != 0));
        return true;
    case 'f':
        if (ws->focus)
            toggle_float(k, ws->focus);
        return true;
    default:
        return false;
    }
}

static bool is_super(uint32_t key) {
    return key == AX_KEY_LGUI || key == AX_KEY_RGUI;
}

/* Deliver ev to w with its position in w's frame pixels. */
static int deliver_at(Kernel *k, Window *w, const WindowEvent *ev) {
    WindowEvent e = *ev;
    comp_to_frame(w, ev->x, ev->y, &e.x, &e.y);
    return win_event_push(k, w, &e) == 0;
}

static int keyboard(Kernel *k, const WindowEvent *ev) {
    WindowState *ws = k->win;
    if (ev->type == AX_WEV_KEY_DOWN) {
        if (is_super(ev->key))
            ws->super_held = true;
        else if ((ev->mod & AX_KMOD_GUI) && shortcut(k, ev)) {
            ws->swallowed_key = ev->key;
            return 0;
        }
    } else if (ev->type == AX_WEV_KEY_UP) {
        if (is_super(ev->key))
            ws->super_held = false;
        else if (ev->key == ws->swallowed_key) {
            ws->swallowed_key = 0;
            return 0;
        }
    } else if (ws->super_held) {
        return 0; /* the text of a shortcut's key */
    }
    return ws->focus ? win_event_push(k, ws->focus, ev) == 0 : 0;
}

static int mouse_down(Kernel *k, const WindowEvent *ev) {
    WindowState *ws = k->win;
    Window *w = ws->grab ? ws->grab : lay_at(ws, ev->x, ev->y);
    if (!w)
        return 0;
    if (ev->button >= AX_BUTTON_LEFT && ev->button <= AX_BUTTON_X2)
        ws->buttons |= AX_BUTTON_MASK(ev->button);
    ws->grab = w;
    comp_focus(k, w);
    if (w->floating && ev->button == AX_BUTTON_LEFT && (ev->mod & AX_KMOD_GUI)) {
        ws->moving = true;
        ws->move_dx = ev->x - w->tile.x;
        ws->move_dy = ev->y - w->tile.y;
        return 0;
    }
    return deliver_at(k, w, ev);
}

static int mouse_up(Kernel *k, const WindowEvent *ev) {
    WindowState *ws = k->win;
    Window *w = ws->grab ? ws->grab : lay_at(ws, ev->x, ev->y);
    if (ev->button >= AX_BUTTON_LEFT && ev->button <= AX_BUTTON_X2)
        ws->buttons &= ~AX_BUTTON_MASK(ev->button);
    if (ws->buttons == 0)
        ws->grab = NULL;
    if (ws->moving && ev->button == AX_BUTTON_LEFT) {
        ws->moving = false;
        return 0;
    }
    return w ? deliver_at(k, w, ev) : 0;
}

static int mouse_move(Kernel *k, const WindowEvent *ev) {
    WindowState *ws = k->win;
    if (ws->moving && ws->grab) {
        Window *w = ws->grab;
        comp_damage(ws, w->tile);
        lay_move(ws, w, ev->x - ws->move_dx, ev->y - ws->move_dy);
        comp_relayout(k);
        return 0;
    }
    Window *w = ws->grab ? ws->grab : lay_at(ws, ev->x, ev->y);
    return w ? deliver_at(k, w, ev) : 0;
}

int win_input(Kernel *k, const WindowEvent *ev) {
    WindowState *ws = k->win;
    switch (ev->type) {
    case AX_WEV_KEY_DOWN:
    case AX_WEV_KEY_UP:
    case AX_WEV_TEXT:
        return keyboard(k, ev);
    case AX_WEV_MOUSE_DOWN:
        return mouse_down(k, ev);
    case AX_WEV_MOUSE_UP:
        return mouse_up(k, ev);
    case AX_WEV_MOUSE_MOVE:
        return mouse_move(k, ev);
    case AX_WEV_RESIZE:
        comp_resize_screen(k, ev->width, ev->height);
        return 0;
    case AX_WEV_CLOSE: {
        ws->close_requested = true;
        int n = 0;
        for (Window *w = ws->head; w; w = w->next)
            n += win_event_push(k, w, ev) == 0;
        return n;
    }
    default:
        return 0;
    }
}

/* Forget w wherever input holds it (w is going away). */
void win_input_forget(WindowState *ws, Window *w) {
    if (ws->grab == w) {
        ws->grab = NULL;
        ws->buttons = 0;
        ws->moving = false;
    }
}
