/* SDL2 loaded with dlopen at the first window (see sdl.h for why), its
 * functions looked up into win_sdl_api. The library stays loaded: SDL
 * keeps threads and handlers of its own once video has started. */
#include <dlfcn.h>
#include <pthread.h>

#include "window/sdl.h"

#ifndef AXOS_SDL_SONAME
#define AXOS_SDL_SONAME "libSDL2-2.0.so.0" /* SDL2's ABI name on Linux */
#endif

WinSdlApi win_sdl_api;
static pthread_once_t win_sdl_once = PTHREAD_ONCE_INIT;
static bool win_sdl_loaded;

static void win_sdl_load_once(void) {
    void *lib = dlopen(AXOS_SDL_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!lib)
        return;
    WinSdlApi api;
#define X(fn)                                                                                      \
    if (!(*(void **)&api.fn = dlsym(lib, "SDL_" #fn))) {                                          \
        dlclose(lib);                                                                              \
        return;                                                                                    \
    }
    WIN_SDL_FUNCTIONS
#undef X
    win_sdl_api = api;
    win_sdl_loaded = true;
}

bool win_sdl_load(void) {
    pthread_once(&win_sdl_once, win_sdl_load_once);
    return win_sdl_loaded;
}
