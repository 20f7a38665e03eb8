/* SDL2 loaded at the first window (see sdl.h for why), its functions
 * looked up into win_sdl_api; SDL2_ttf the same way at the first font
 * (ttf.h), into win_ttf_api. Both through hostlib (hostlib.h); the
 * libraries stay loaded: SDL keeps threads and handlers of its own once
 * video has started. The tables are the host process's, as the libraries
 * are. */
#include "hostlib/hostlib.h"
#include "window/sdl.h"
#ifdef AXOS_HAVE_TTF
#include "window/ttf.h"
#endif

#ifndef AXOS_SDL_SONAME
#define AXOS_SDL_SONAME "libSDL2-2.0.so.0" /* SDL2's ABI name on Linux */
#endif
#ifndef AXOS_TTF_SONAME
#define AXOS_TTF_SONAME "libSDL2_ttf-2.0.so.0"
#endif

WinSdlApi win_sdl_api;
static const char *const win_sdl_names[] = {
#define X(fn) #fn,
    WIN_SDL_FUNCTIONS
#undef X
};
static HostLib win_sdl_lib = HOSTLIB_INIT(AXOS_SDL_SONAME, "SDL_", win_sdl_names, win_sdl_api);

bool win_sdl_load(void) {
    return hostlib_load(&win_sdl_lib);
}

#ifdef AXOS_HAVE_TTF
WinTtfApi win_ttf_api;
static const char *const win_ttf_names[] = {
#define X(fn) #fn,
    WIN_TTF_FUNCTIONS
#undef X
};
static HostLib win_ttf_lib = HOSTLIB_INIT(AXOS_TTF_SONAME, "TTF_", win_ttf_names, win_ttf_api);

bool win_ttf_load(void) {
    return win_sdl_load() && hostlib_load(&win_ttf_lib);
}
#endif
