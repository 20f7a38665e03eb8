/* The SDL2 backend: the screen is one resizable SDL window, "axos", with
 * a renderer and a streaming texture of the screen's size. Presenting
 * uploads the damaged rectangles into the texture and shows it. SDL video
 * starts at the first window and stops with the kernel. SDL is driven
 * from the host thread only: the run loop pumps it (window_pump), tasks
 * never call SDL.
 *
 * Presentation is paced by the compositor to the display's refresh rate
 * rather than by a vsync'd SDL_RenderPresent: a present that blocked
 * until the vertical blank would stop every task of the kernel with it.
 *
 * SDL's event queue belongs to the process, so one kernel at a time
 * should own an SDL screen: a pump takes the events of its own window and
 * drops the rest. */
#include <string.h>

#include "window/sdl.h"

bool win_sdl_available(Kernel *k) {
    if (k->win->started)
        return true;
    if (!win_sdl_load())
        return false;
    /* The REPL owns SIGINT and SIGTERM; SDL must not turn them into quits.
     * A click on an unfocused window should still reach the program. */
    SDL(SetHint)(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL(SetHint)(SDL_HINT_MOUSE_FOCUS_CLICKTHROUGH, "1");
    if (SDL(InitSubSystem)(SDL_INIT_VIDEO) != 0)
        return false;
    k->win->started = true;
    return true;
}

static SdlScreen *sdl_screen(Kernel *k) {
    return k->win->bk;
}

static void sdl_close(Kernel *k) {
    SdlScreen *s = sdl_screen(k);
    if (s) {
        if (s->tex)
            SDL(DestroyTexture)(s->tex);
        if (s->ren)
            SDL(DestroyRenderer)(s->ren);
        if (s->win)
            SDL(DestroyWindow)(s->win);
        kmem_free(k, s);
        k->win->bk = NULL;
    }
    if (k->win->started)
        SDL(QuitSubSystem)(SDL_INIT_VIDEO);
    k->win->started = false;
}

/* (Re)make the texture at the screen's size. Returns 0 or -AX_ENODEV. */
static int sdl_texture(Kernel *k, SdlScreen *s) {
    WindowState *ws = k->win;
    if (s->tex)
        SDL(DestroyTexture)(s->tex);
    s->tex = SDL(CreateTexture)(s->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING,
                                ws->screen_w, ws->screen_h);
    if (!s->tex)
        return -AX_ENODEV;
    /* The framebuffer is opaque; copy it as it is. */
    SDL(SetTextureBlendMode)(s->tex, SDL_BLENDMODE_NONE);
    s->tex_w = ws->screen_w;
    s->tex_h = ws->screen_h;
    return 0;
}

static int sdl_open(Kernel *k) {
    WindowState *ws = k->win;
    if (!win_sdl_available(k))
        return -AX_ENODEV;
    SdlScreen *s = kmem_alloc(k, sizeof *s);
    if (!s)
        return -AX_ENOMEM;
    ws->bk = s;
    s->win = SDL(CreateWindow)("axos", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED,
                               ws->screen_w, ws->screen_h, SDL_WINDOW_RESIZABLE);
    if (s->win) {
        s->ren = SDL(CreateRenderer)(s->win, -1, 0);
        if (!s->ren)
            s->ren = SDL(CreateRenderer)(s->win, -1, SDL_RENDERER_SOFTWARE);
    }
    if (!s->ren || sdl_texture(k, s) < 0) {
        sdl_close(k);
        return -AX_ENODEV;
    }
    s->sdl_id = SDL(GetWindowID)(s->win);
    SDL_DisplayMode mode;
    if (SDL(GetWindowDisplayMode)(s->win, &mode) == 0 && mode.refresh_rate > 0)
        ws->frame_ns = 1000000000ULL / (uint64_t)mode.refresh_rate;
    return 0;
}

void win_sdl_show(Kernel *k) {
    SdlScreen *s = sdl_screen(k);
    SDL(RenderCopy)(s->ren, s->tex, NULL, NULL);
    SDL(RenderPresent)(s->ren);
}

static int sdl_present(Kernel *k, const WinRect *r, int n) {
    WindowState *ws = k->win;
    SdlScreen *s = sdl_screen(k);
    WinRect full; /* the whole screen, when the texture was remade */
    int err = 0;
    if (s->tex_w != ws->screen_w || s->tex_h != ws->screen_h) {
        if (sdl_texture(k, s) < 0)
            return -AX_EIO;
        full = (WinRect){0, 0, ws->screen_w, ws->screen_h};
        r = &full;
        n = 1;
    }
    for (int i = 0; i < n; i++) {
        SDL_Rect rect = {r[i].x, r[i].y, r[i].w, r[i].h};
        const uint32_t *px = ws->fb + (size_t)r[i].y * ws->screen_w + r[i].x;
        if (SDL(UpdateTexture)(s->tex, &rect, px, ws->screen_w * 4) != 0)
            err = -AX_EIO;
    }
    win_sdl_show(k);
    return err;
}

static int sdl_poll(Kernel *k, uint64_t wait_ns) {
    SDL_Event e;
    int n = 0;
    int ms = (int)(wait_ns / 1000000u);
    int got = ms > 0 ? SDL(WaitEventTimeout)(&e, ms) : SDL(PollEvent)(&e);
    while (got) {
        n += win_sdl_route(k, &e);
        got = SDL(PollEvent)(&e);
    }
    return n;
}

static void sdl_clip_set(Kernel *k, const char *text) {
    SDL(SetClipboardText)(text);
}

static char *sdl_clip_get(Kernel *k) {
    char *t = SDL(GetClipboardText)();
    if (!t)
        return NULL;
    size_t n = strlen(t);
    char *copy = kmem_alloc(k, n + 1);
    if (copy)
        memcpy(copy, t, n + 1);
    SDL(free)(t);
    return copy;
}

const WinBackend win_sdl_backend = {
    .name = "sdl",
    .open = sdl_open,
    .present = sdl_present,
    .poll = sdl_poll,
    .clip_set = sdl_clip_set,
    .clip_get = sdl_clip_get,
    .close = sdl_close,
};
