/* SDL2_ttf, as fonts.c calls it: loaded with dlopen at the first font
 * (like SDL2 at the first window, see sdl.h), so a kernel that draws no
 * text never loads it or FreeType. TTF(Fn)(...) calls TTF_Fn; the header
 * gives the prototypes only. */
#ifndef AXOS_WINDOW_TTF_H
#define AXOS_WINDOW_TTF_H

#include <SDL_ttf.h>

#include "window/sdl.h"

/* Every SDL2_ttf function fonts.c calls, without its TTF_ prefix. */
#define WIN_TTF_FUNCTIONS                                                                          \
    X(CloseFont) X(FontAscent) X(FontDescent) X(FontHeight) X(FontLineSkip) X(GlyphMetrics32)     \
    X(Init) X(OpenFont) X(Quit) X(RenderGlyph32_Blended) X(SetFontStyle)

typedef struct WinTtfApi {
#define X(fn) __typeof__(TTF_##fn) *fn;
    WIN_TTF_FUNCTIONS
#undef X
} WinTtfApi;

extern WinTtfApi win_ttf_api;
#define TTF(fn) (win_ttf_api.fn)

/* Load SDL2 and SDL2_ttf (once per host process; thread-safe). false when
 * either library or one of its functions is missing. */
bool win_ttf_load(void);

#endif
