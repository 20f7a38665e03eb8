/* Internals shared by the SDL backend's files: sdl.c (the screen's
 * window, presenting, the pump, the clipboard), sdl_input.c (SDL events
 * to the screen's WindowEvents) and sdl_load.c (the library itself).
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
    X(DestroyWindow) X(free) X(FreeSurface) X(GetClipboardText) X(GetModState)                    \
    X(GetWindowDisplayMode)                                                                        \
    X(GetWindowID) X(InitSubSystem) X(PollEvent) X(QuitSubSystem) X(RenderCopy)                   \
    X(RenderPresent) X(SetClipboardText) X(SetHint) X(SetTextureBlendMode) X(UpdateTexture)       \
    X(WaitEventTimeout)

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

/* WindowState.bk: the screen's SDL window */
typedef struct SdlScreen {
    SDL_Window *win;
    SDL_Renderer *ren;
    SDL_Texture *tex;      /* the screen, streaming ARGB8888 */
    int tex_w, tex_h;      /* its size (the screen's when last made) */
    Uint32 sdl_id;         /* SDL_GetWindowID: events name windows by it */
} SdlScreen;

/* Show the texture again (expose). */
void win_sdl_show(Kernel *k);

/* Turn one SDL event into screen events for win_input (events of other
 * SDL windows are dropped); returns how many reached a window. */
int win_sdl_route(Kernel *k, const SDL_Event *e);

#endif
