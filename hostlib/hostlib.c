/* dlopen at first use: see hostlib.h. */
#include "hostlib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* One lock for every library: loads are rare, and a table must be filled
 * entirely before another thread reads state == 1. */
static pthread_mutex_t hostlib_lock = PTHREAD_MUTEX_INITIALIZER;

/* Fill fns from lib; false at the first missing function. */
static bool hostlib_resolve(void *lib, const HostLib *l, void **fns) {
    for (size_t i = 0; i < l->n; i++) {
        char sym[96];
        int len = snprintf(sym, sizeof sym, "%s%s", l->prefix ? l->prefix : "", l->names[i]);
        if (len < 0 || (size_t)len >= sizeof sym || !(fns[i] = dlsym(lib, sym)))
            return false;
    }
    return true;
}

bool hostlib_load(HostLib *l) {
    int state = __atomic_load_n(&l->state, __ATOMIC_ACQUIRE);
    if (state != 0)
        return state > 0;
    pthread_mutex_lock(&hostlib_lock);
    if (l->state == 0) {
        state = -1;
        void *fns[l->n ? l->n : 1];
        void *lib = l->table_size == l->n * sizeof(void *)
                        ? dlopen(l->soname, RTLD_NOW | RTLD_LOCAL) : NULL;
        if (lib && hostlib_resolve(lib, l, fns)) {
            /* dlsym's object pointers become the table's function
             * pointers by copying their bytes, as POSIX allows */
            memcpy(l->table, fns, l->table_size);
            state = 1;
        } else if (lib) {
            dlclose(lib);
        }
        __atomic_store_n(&l->state, state, __ATOMIC_RELEASE);
    }
    state = l->state;
    pthread_mutex_unlock(&hostlib_lock);
    return state > 0;
}
