/* SDL2 loaded with dlopen at the first window (see sdl.h for why), its
 * functions looked up into win_sdl_api; SDL2_ttf the same way at the
 * first font (ttf.h), into win_ttf_api. The libraries stay loaded: SDL
 * keeps threads and handlers of its own once video has started. The
 * tables are the host process's, as the libraries are. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

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

/* dlopen soname and look up prefix+names[i] into fns[i] for each of the n
 * names. Returns false, with the library closed again, when it or any
 * function is missing. */
static bool dl_table(const char *soname, const char *prefix, const char *const names[],
                     void **fns, size_t n) {
    void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!lib)
        return false;
    for (size_t i = 0; i < n; i++) {
        char sym[64];
        snprintf(sym, sizeof sym, "%s%s", prefix, names[i]);
        if (!(fns[i] = dlsym(lib, sym))) {
            dlclose(lib);
            return false;
        }
    }
    return true;
}

/* A function pointer from dlsym's void *: copied, as POSIX allows. */
#define FN_FROM(dst, p) memcpy(&(dst), &(p), sizeof(void *))

WinSdlApi win_sdl_api;
static pthread_once_t win_sdl_once = PTHREAD_ONCE_INIT;
static bool win_sdl_loaded;

static void win_sdl_load_once(void) {
    static const char *const names[] = {
#define X(fn) #fn,
        WIN_SDL_FUNCTIONS
#undef X
    };
    void *fns[sizeof names / sizeof names[0]];
    if (!dl_table(AXOS_SDL_SONAME, "SDL_", names, fns, sizeof names / sizeof names[0]))
        return;
    size_t i = 0;
#define X(fn) FN_FROM(win_sdl_api.fn, fns[i++]);
    WIN_SDL_FUNCTIONS
#undef X
    win_sdl_loaded = true;
}

bool win_sdl_load(void) {
    pthread_once(&win_sdl_once, win_sdl_load_once);
    return win_sdl_loaded;
}

#ifdef AXOS_HAVE_TTF
WinTtfApi win_ttf_api;
static pthread_once_t win_ttf_once = PTHREAD_ONCE_INIT;
static bool win_ttf_loaded;

static void win_ttf_load_once(void) {
    static const char *const names[] = {
#define X(fn) #fn,
        WIN_TTF_FUNCTIONS
#undef X
    };
    void *fns[sizeof names / sizeof names[0]];
    if (!win_sdl_load() ||
        !dl_table(AXOS_TTF_SONAME, "TTF_", names, fns, sizeof names / sizeof names[0]))
        return;
    size_t i = 0;
#define X(fn) FN_FROM(win_ttf_api.fn, fns[i++]);
    WIN_TTF_FUNCTIONS
#undef X
    win_ttf_loaded = true;
}

bool win_ttf_load(void) {
    pthread_once(&win_ttf_once, win_ttf_load_once);
    return win_ttf_loaded;
}
#endif
