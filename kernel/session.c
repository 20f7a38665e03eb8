/* How many processes each session has, for KernelConfig.max_session_procs.
 *
 * A session outlives its leader while members remain, so its count lives
 * in a small record of its own that every member points to (Proc.session):
 * made when the session is (spawn with AX_SPAWN_SETSID, setsid), freed when
 * its last member is reaped. A process counts from spawn (or setsid) until
 * it is reaped, as its pid stays taken. */
#include "kernel/proc.h"

Session *proc_session_new(Kernel *k) {
    return kmem_alloc(k, sizeof(Session));
}

void proc_session_enter(Proc *p, Session *s) {
    p->session = s;
    if (s) {
        s->sid = p->sid;
        s->nprocs++;
    }
}

void proc_session_leave(Kernel *k, Proc *p) {
    Session *s = p->session;
    p->session = NULL;
    if (s && --s->nprocs == 0)
        kmem_free(k, s);
}
