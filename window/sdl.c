/* The SDL2 backend: a host window, renderer and streaming texture per
 * axos window. SDL video starts at the first window and stops with the
 * kernel. SDL is driven from the host thread only: the run loop pumps it
 * (window_pump), tasks never call SDL.
 *
 * SDL's event queue belongs to the process, so one kernel at a time should
 * own SDL windows: a pump hands each kernel its own windows' events and
 * drops the rest. */
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

static void sdl_fini(Kernel *k) {
    if (k->win->started)
        SDL(QuitSubSystem)(SDL_INIT_VIDEO);
    k->win->started = false;
}

Window *win_sdl_find(Kernel *k, Uint32 sdl_id) {
    for (Window *w = k->win->head; w; w = w->next) {
        SdlWin *s = w->bk;
        if (s && s->sdl_id == sdl_id)
            return w;
    }
    return NULL;
}

void win_sdl_redraw(Window *w) {
    SdlWin *s = w->bk;
    SDL(SetRenderDrawColor)(s->ren, 0, 0, 0, 255);
    SDL(RenderClear)(s->ren);
    SDL(RenderCopy)(s->ren, s->tex, NULL, NULL);
    SDL(RenderPresent)(s->ren);
}

static void sdl_destroy(Kernel *k, Window *w) {
    SdlWin *s = w->bk;
    if (!s)
        return;
    if (s->target)
        SDL(DestroyTexture)(s->target);
    if (s->tex)
        SDL(DestroyTexture)(s->tex);
    if (s->ren)
        SDL(DestroyRenderer)(s->ren);
    if (s->win)
        SDL(DestroyWindow)(s->win);
    kmem_free(k, s->readback);
    kmem_free(k, s);
    w->bk = NULL;
}

static SDL_Renderer *sdl_renderer(SDL_Window *win) {
    SDL_Renderer *ren = SDL(CreateRenderer)(win, -1, 0);
    return ren ? ren : SDL(CreateRenderer)(win, -1, SDL_RENDERER_SOFTWARE);
}

static int sdl_create(Kernel *k, Window *w) {
    SdlWin *s = kmem_alloc(k, sizeof *s);
    if (!s)
        return -AX_ENOMEM;
    w->bk = s;
    /* Zeroed: the first texture upload makes the window black. */
    s->readback = kmem_alloc(k, (size_t)w->width * (size_t)w->height * 4);
    if (!s->readback) {
        sdl_destroy(k, w);
        return -AX_ENOMEM;
    }
    s->win = SDL(CreateWindow)(w->title, SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED,
                              w->width, w->height, SDL_WINDOW_RESIZABLE);
    s->ren = s->win ? sdl_renderer(s->win) : NULL;
    s->tex = s->ren ? SDL(CreateTexture)(s->ren, SDL_PIXELFORMAT_ARGB8888,
                                        SDL_TEXTUREACCESS_STREAMING, w->width, w->height)
                    : NULL;
    /* A logical size scales the frame into a resized window and maps
     * mouse coordinates back to frame pixels. */
    if (!s->tex || SDL(RenderSetLogicalSize)(s->ren, w->width, w->height) != 0 ||
        SDL(UpdateTexture)(s->tex, NULL, s->readback, w->width * 4) != 0) {
        sdl_destroy(k, w);
        return -AX_ENODEV;
    }
    s->sdl_id = SDL(GetWindowID)(s->win);
    win_sdl_redraw(w);
    return 0;
}

static int sdl_present(Kernel *k, Window *w, const void *pixels) {
    SdlWin *s = w->bk;
    if (SDL(UpdateTexture)(s->tex, NULL, pixels, w->width * 4) != 0)
        return -AX_EIO;
    win_sdl_redraw(w);
    return 0;
}

/* Read back what the renderer makes of the frame: draw the texture into
 * a target of the frame's size (so a resized window does not matter) and
 * read its pixels. */
static const uint32_t *sdl_frame(Kernel *k, Window *w) {
    SdlWin *s = w->bk;
    if (!s->target)
        s->target = SDL(CreateTexture)(s->ren, SDL_PIXELFORMAT_ARGB8888,
                                      SDL_TEXTUREACCESS_TARGET, w->width, w->height);
    if (!s->target || SDL(SetRenderTarget)(s->ren, s->target) != 0)
        return NULL;
    SDL(RenderCopy)(s->ren, s->tex, NULL, NULL);
    int r = SDL(RenderReadPixels)(s->ren, NULL, SDL_PIXELFORMAT_ARGB8888, s->readback,
                                 w->width * 4);
    SDL(SetRenderTarget)(s->ren, NULL);
    if (r != 0)
        return NULL;
    size_t n = (size_t)w->width * (size_t)w->height;
    for (size_t i = 0; i < n; i++)
        s->readback[i] |= 0xFF000000u;
    return s->readback;
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

const WinBackend win_sdl_backend = {
    .name = "sdl",
    .create = sdl_create,
    .present = sdl_present,
    .frame = sdl_frame,
    .poll = sdl_poll,
    .destroy = sdl_destroy,
    .fini = sdl_fini,
};
