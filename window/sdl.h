/* Internals shared by the SDL backend's files: sdl.c (windows, frames,
 * the pump), sdl_input.c (SDL events to WindowEvents) and sdl_load.c
 * (the library itself).
 *
 * libaxos does not link SDL2: a program or REPL that never opens a window
 * should not load it and the fifty libraries it pulls in (X11, Wayland,
 * audio...). The backend calls SDL through a table of function pointers
 * that sdl_load.c fills from dlopen at the first window: SDL(Fn)(...)
 * calls SDL_Fn. The SDL headers give the prototypes only. */
#ifndef AXOS_WINDOW_SDL_H
#define AXOS_WINDOW_SDL_H

#include <SDL.h>

#include "window/backend.h"

/* Every SDL function the backend calls, without its SDL_ prefix. */
#define WIN_SDL_FUNCTIONS                                                                          \
    X(CreateRenderer) X(CreateTexture) X(CreateWindow) X(DestroyRenderer) X(DestroyTexture)       \
    X(DestroyWindow) X(GetModState) X(GetWindowID) X(InitSubSystem) X(PollEvent)                  \
    X(QuitSubSystem) X(RenderClear) X(RenderCopy) X(RenderPresent) X(RenderReadPixels)            \
    X(RenderSetLogicalSize) X(SetHint) X(SetRenderDrawColor) X(SetRenderTarget)                   \
    X(UpdateTexture) X(WaitEventTimeout)

typedef struct WinSdlApi {
#define X(fn) __typeof__(SDL_##fn) *fn;
    WIN_SDL_FUNCTIONS
#undef X
} WinSdlApi;

/* The table: filled once per host process, read-only afterwards. */
extern WinSdlApi win_sdl_api;
#define SDL(fn) (win_sdl_api.fn)

/* Load SDL2 (once per host process; thread-safe). false when the library
 * or one of its functions is missing: windows are then headless. */
bool win_sdl_load(void);

/* Window.bk of an SDL window */
typedef struct SdlWin {
    SDL_Window *win;
    SDL_Renderer *ren;
    SDL_Texture *tex;      /* the frame, streaming ARGB8888 */
    SDL_Texture *target;   /* read-back target, made on first use */
    uint32_t *readback;    /* width*height pixels in kmem */
    Uint32 sdl_id;         /* SDL_GetWindowID: events name windows by it */
} SdlWin;

/* The window of this kernel that SDL calls sdl_id, or NULL. */
Window *win_sdl_find(Kernel *k, Uint32 sdl_id);

/* Draw w's texture again (expose, resize). */
void win_sdl_redraw(Window *w);

/* Turn one SDL event into WindowEvents queued on the window it names;
 * returns how many were queued (events of windows not ours: 0). */
int win_sdl_route(Kernel *k, const SDL_Event *e);

#endif
