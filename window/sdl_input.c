/* SDL events to the screen's WindowEvents: key codes, modifiers, text
 * split into characters, mouse coordinates (screen pixels: the texture
 * fills the window one to one), a new window size and the close button.
 * The compositor (win_input) takes them from there. */
#include <string.h>

#include "window/sdl.h"

static uint32_t sdl_mod(Uint16 m) {
    uint32_t mod = 0;
    if (m & KMOD_SHIFT)
        mod |= AX_KMOD_SHIFT;
    if (m & KMOD_CTRL)
        mod |= AX_KMOD_CTRL;
    if (m & KMOD_ALT)
        mod |= AX_KMOD_ALT;
    if (m & KMOD_GUI)
        mod |= AX_KMOD_GUI;
    if (m & KMOD_CAPS)
        mod |= AX_KMOD_CAPS;
    return mod;
}

/* The keypad's keys mean what the main keys they copy mean. */
static uint32_t sdl_keypad(SDL_Keycode sym) {
    if (sym >= SDLK_KP_1 && sym <= SDLK_KP_9)
        return '1' + (uint32_t)(sym - SDLK_KP_1);
    switch (sym) {
    case SDLK_KP_0: return '0';
    case SDLK_KP_PERIOD: return '.';
    case SDLK_KP_DIVIDE: return '/';
    case SDLK_KP_MULTIPLY: return '*';
    case SDLK_KP_MINUS: return '-';
    case SDLK_KP_PLUS: return '+';
    case SDLK_KP_EQUALS: return '=';
    case SDLK_KP_ENTER: return AX_KEY_RETURN;
    default: return AX_KEY_UNKNOWN;
    }
}

static uint32_t sdl_key(SDL_Keycode sym) {
    /* SDL's keycodes for the ASCII keys (and BS, TAB, CR, ESC, DEL) are
     * the characters themselves, letters in lower case. */
    if (sym > 0 && sym < 128)
        return (uint32_t)sym;
    if (sym >= SDLK_F1 && sym <= SDLK_F12)
        return AX_KEY_F1 + (uint32_t)(sym - SDLK_F1);
    switch (sym) {
    case SDLK_UP: return AX_KEY_UP;
    case SDLK_DOWN: return AX_KEY_DOWN;
    case SDLK_LEFT: return AX_KEY_LEFT;
    case SDLK_RIGHT: return AX_KEY_RIGHT;
    case SDLK_INSERT: return AX_KEY_INSERT;
    case SDLK_HOME: return AX_KEY_HOME;
    case SDLK_END: return AX_KEY_END;
    case SDLK_PAGEUP: return AX_KEY_PAGEUP;
    case SDLK_PAGEDOWN: return AX_KEY_PAGEDOWN;
    case SDLK_LSHIFT: return AX_KEY_LSHIFT;
    case SDLK_RSHIFT: return AX_KEY_RSHIFT;
    case SDLK_LCTRL: return AX_KEY_LCTRL;
    case SDLK_RCTRL: return AX_KEY_RCTRL;
    case SDLK_LALT: return AX_KEY_LALT;
    case SDLK_RALT: return AX_KEY_RALT;
    case SDLK_LGUI: return AX_KEY_LGUI;
    case SDLK_RGUI: return AX_KEY_RGUI;
    case SDLK_CAPSLOCK: return AX_KEY_CAPSLOCK;
    default: return sdl_keypad(sym);
    }
}

/* Bytes in the UTF-8 sequence that starts with lead (1 for junk). */
static size_t utf8_len(unsigned char lead) {
    if (lead >= 0xF0 && lead < 0xF8)
        return 4;
    if (lead >= 0xE0)
        return lead < 0xF0 ? 3 : 1;
    if (lead >= 0xC0)
        return 2;
    return 1;
}

/* One TEXT event per character: an input method may commit several. */
static int sdl_text(Kernel *k, const char *text) {
    int n = 0;
    size_t len = strnlen(text, SDL_TEXTINPUTEVENT_TEXT_SIZE);
    for (size_t i = 0; i < len;) {
        size_t c = utf8_len((unsigned char)text[i]);
        if (c > len - i)
            c = len - i;
        WindowEvent ev = {.type = AX_WEV_TEXT};
        memcpy(ev.text, text + i, c);
        n += win_input(k, &ev);
        i += c;
    }
    return n;
}

static int sdl_window_event(Kernel *k, const SDL_WindowEvent *we) {
    WindowEvent ev = {0};
    switch (we->event) {
    case SDL_WINDOWEVENT_EXPOSED:
        win_sdl_show(k);
        return 0;
    case SDL_WINDOWEVENT_SIZE_CHANGED:
        ev.type = AX_WEV_RESIZE;
        ev.width = we->data1;
        ev.height = we->data2;
        break;
    case SDL_WINDOWEVENT_CLOSE:
        ev.type = AX_WEV_CLOSE;
        break;
    default:
        return 0;
    }
    return win_input(k, &ev);
}

/* The SDL window id an event names (0: none). */
static Uint32 sdl_event_window(const SDL_Event *e) {
    switch (e->type) {
    case SDL_KEYDOWN:
    case SDL_KEYUP: return e->key.windowID;
    case SDL_TEXTINPUT: return e->text.windowID;
    case SDL_MOUSEMOTION: return e->motion.windowID;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP: return e->button.windowID;
    case SDL_WINDOWEVENT: return e->window.windowID;
    default: return 0;
    }
}

int win_sdl_route(Kernel *k, const SDL_Event *e) {
    SdlScreen *s = k->win->bk;
    if (!s || sdl_event_window(e) != s->sdl_id)
        return 0;
    WindowEvent ev = {0};
    switch (e->type) {
    case SDL_KEYDOWN:
    case SDL_KEYUP:
        ev.type = e->type == SDL_KEYDOWN ? AX_WEV_KEY_DOWN : AX_WEV_KEY_UP;
        ev.key = sdl_key(e->key.keysym.sym);
        ev.mod = sdl_mod(e->key.keysym.mod);
        break;
    case SDL_TEXTINPUT:
        return sdl_text(k, e->text.text);
    case SDL_MOUSEMOTION:
        ev.type = AX_WEV_MOUSE_MOVE;
        ev.x = e->motion.x;
        ev.y = e->motion.y;
        ev.button = e->motion.state;
        ev.mod = sdl_mod((Uint16)SDL(GetModState)());
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        ev.type = e->type == SDL_MOUSEBUTTONDOWN ? AX_WEV_MOUSE_DOWN : AX_WEV_MOUSE_UP;
        ev.x = e->button.x;
        ev.y = e->button.y;
        ev.button = e->button.button;
        ev.mod = sdl_mod((Uint16)SDL(GetModState)());
        break;
    case SDL_WINDOWEVENT:
        return sdl_window_event(k, &e->window);
    }
    return win_input(k, &ev);
}
