/* Kernel objects: allocation and reference counting. */
#include "kernel/kernel.h"

int obj_room(const Kernel *k, unsigned n) {
    return k->nobjects + n <= k->cfg.max_files ? 0 : -AX_ENFILE;
}

KObject *obj_new(Kernel *k, const ObjOps *ops, uint32_t flags, void *priv) {
    if (obj_room(k, 1) < 0)
        return NULL;
    KObject *o = kmem_alloc(k, sizeof *o);
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
    kmem_free(k, o);
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
