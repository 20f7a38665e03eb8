/* Process groups and sessions: membership questions, and the hang-ups
 * POSIX asks for when a process exits.
 *
 * Groups have no member lists; each question walks the pid table. The
 * exit path asks only while some process is stopped (Kernel.nstopped),
 * so an ordinary exit costs nothing here.
 *
 * Differs from Linux on purpose: a session leader that exits does not
 * hang up the console's foreground group. kernel_spawn makes every host
 * program a session leader, and one that leaves helpers behind keeps
 * them, as a program started from a shell would. */
#include "kernel/proc.h"
#include "signal/signal.h"

bool proc_pgrp_in_session(Kernel *k, int pgid, int sid) {
    for (size_t b = 0; b < k->pid_hash_cap; b++)
        for (Proc *p = k->pid_hash[b]; p; p = p->hash_next)
            if (p->pgid == pgid && p->sid == sid && p->state != PROC_ZOMBIE)
                return true;
    return false;
}

/* POSIX: a group is orphaned when no member has a parent in another group
 * of the same session (nobody is left to continue it). */
bool proc_pgrp_orphaned(Kernel *k, int pgid, int sid) {
    for (size_t b = 0; b < k->pid_hash_cap; b++)
        for (Proc *p = k->pid_hash[b]; p; p = p->hash_next) {
            if (p->pgid != pgid || p->state == PROC_ZOMBIE)
                continue;
            Proc *pp = p->parent;
            if (pp && pp->pgid != pgid && pp->sid == sid && pp->state != PROC_ZOMBIE)
                return false;
        }
    return true;
}

static bool pgrp_has_stopped(Kernel *k, int pgid) {
    for (size_t b = 0; b < k->pid_hash_cap; b++)
        for (Proc *p = k->pid_hash[b]; p; p = p->hash_next)
            if (p->pgid == pgid && p->state == PROC_STOPPED)
                return true;
    return false;
}

/* The exit of p may have orphaned group pgid: if it has a stopped member,
 * send every member SIGHUP and then SIGCONT, or it would wait forever. */
static void pgrp_hangup_if_orphaned(Kernel *k, int pgid, int sid) {
    if (k->nstopped == 0 || !pgrp_has_stopped(k, pgid) || !proc_pgrp_orphaned(k, pgid, sid))
        return;
    sig_send_group(k, pgid, AX_SIGHUP);
    sig_send_group(k, pgid, AX_SIGCONT);
}

/* Groups whose fate p's exit decides: p's own when its parent, in another
 * group of the session, tied it to the session; and the groups of p's
 * children that sit in other groups of p's session. */
void proc_exit_groups_collect(Kernel *k, Proc *p, ExitGroups *g) {
    g->sid = p->sid;
    g->own_pgid = p->pgid;
    g->n = 0;
    g->overflow = false;
    if (k->nstopped == 0)
        return; /* nothing stopped: nothing can need a hang-up */
    Proc *pp = p->parent;
    if (pp && pp->pgid != p->pgid && pp->sid == p->sid)
        g->pgid[g->n++] = p->pgid;
    for (Proc *c = p->children; c; c = c->sib_next) {
        if (c->pgid == p->pgid || c->sid != p->sid || c->state == PROC_ZOMBIE)
            continue;
        size_t i = 0;
        while (i < g->n && g->pgid[i] != c->pgid)
            i++;
        if (i < g->n)
            continue;
        if (g->n < EXIT_GROUPS_MAX)
            g->pgid[g->n++] = c->pgid;
        else
            g->overflow = true;
    }
}

void proc_exit_hangups(Kernel *k, const ExitGroups *g) {
    if (g->n == 0 && !g->overflow)
        return;
    proc_reap_hold(k); /* a hang-up may end processes: keep the list intact */
    for (size_t i = 0; i < g->n; i++)
        pgrp_hangup_if_orphaned(k, g->pgid[i], g->sid);
    /* More groups than the list held (rare): the children are init's now;
     * look at every group of the session among them. */
    if (g->overflow)
        for (Proc *c = k->init->children; c; c = c->sib_next)
            if (c->sid == g->sid && c->pgid != g->own_pgid && c->state != PROC_ZOMBIE)
                pgrp_hangup_if_orphaned(k, c->pgid, g->sid);
    proc_reap_release(k);
}
