/* Kernel objects: allocation and reference counting. */
#include "kernel/kernel.h"

KObject *obj_new(Kernel *k, const ObjOps *ops, uint32_t flags, void *priv) {
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
    if (o->ops->release)
        o->ops->release(k, o);
    k->nobjects--;
    kmem_free(k, o);
}
