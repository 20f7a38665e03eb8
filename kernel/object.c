/* Kernel objects: allocation and reference counting. */
#include "kernel/kernel.h"

int obj_room(const Kernel *k, unsigned n) {
    return k->nobjects + n <= k->cfg.max_files ? 0 : -AX_ENFILE;
}

/* Objects freed last are kept, up to OBJ_CACHE_MAX, for the next
 * obj_new: an open + close pair then costs no host malloc and free (a
 * fifth of its instructions). Not in sanitizer builds, where a freed
 * object goes back to ASan so that a use after free is caught; nor while
 * a fault plan is on, whose alloc rules must see every allocation. */
#if defined(__SANITIZE_ADDRESS__)
#define OBJ_CACHE_MAX 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OBJ_CACHE_MAX 0
#endif
#endif
#ifndef OBJ_CACHE_MAX
#define OBJ_CACHE_MAX 64
#endif

static KObject *obj_alloc(Kernel *k) {
    KObject *o = k->obj_cache;
    if (!o || (k->work & KWORK_FAULT))
        return kmem_alloc(k, sizeof *o);
    k->obj_cache = o->priv;
    k->obj_cached--;
    *o = (KObject){0}; /* as kmem_alloc's would be */
    return o;
}

static void obj_free(Kernel *k, KObject *o) {
    if (k->obj_cached >= OBJ_CACHE_MAX) {
        kmem_free(k, o);
        return;
    }
    o->ops = NULL; /* a stale reference fails loudly */
    o->priv = k->obj_cache;
    k->obj_cache = o;
    k->obj_cached++;
}

void obj_cache_drain(Kernel *k) {
    while (k->obj_cache) {
        KObject *o = k->obj_cache;
        k->obj_cache = o->priv;
        kmem_free(k, o);
    }
    k->obj_cached = 0;
}

KObject *obj_new(Kernel *k, const ObjOps *ops, uint32_t flags, void *priv) {
    if (obj_room(k, 1) < 0)
        return NULL;
    KObject *o = obj_alloc(k);
    if (!o)
        return NULL;
    o->ops = ops;
    o->refcount = 1;
    o->flags = flags;
    o->priv = priv;
    o->console_stream = 1;
    k->nobjects++;
    return o;
}

KObject *obj_ref(KObject *o) {
    o->refcount++;
    return o;
}

/* Drop a reference; free the object when it was the last. */
void obj_unref(Kernel *k, KObject *o) {
    if (--o->refcount > 0)
        return;
    while (o->watchers) {
        ObjWatch *w = o->watchers;
        obj_unwatch(o, w);
        w->gone(k, w);
    }
    if (o->ops->release)
        o->ops->release(k, o);
    k->nobjects--;
    obj_free(k, o);
}

void obj_watch(KObject *o, ObjWatch *w) {
    w->prev = NULL;
    w->next = o->watchers;
    if (o->watchers)
        o->watchers->prev = w;
    o->watchers = w;
}

void obj_unwatch(KObject *o, ObjWatch *w) {
    if (w->prev)
        w->prev->next = w->next;
    else
        o->watchers = w->next;
    if (w->next)
        w->next->prev = w->prev;
    w->next = w->prev = NULL;
}

void obj_open_ctty(Kernel *k, Proc *p, KObject *o, int flags) {
    if ((flags & AX_O_NOCTTY) || !o->ops->ioctl || p->sid <= 0 || p->sid != p->pid)
        return;
    CttyRequest req = {.proc = p, .on_open = true};
    o->ops->ioctl(k, o, KIOC_TIOCSCTTY, &req);
}
