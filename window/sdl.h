/* Internals shared by the SDL backend's two files: sdl.c (windows,
 * frames, the pump) and sdl_input.c (SDL events to WindowEvents). */
#ifndef AXOS_WINDOW_SDL_H
#define AXOS_WINDOW_SDL_H

#include <SDL.h>

#include "window/backend.h"

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
