/* Memory accounting: per-process accounts and the system's figures, their
 * limits, and the syscalls that show and set them.
 *
 * An account is charged by its process for what the process holds
 * (regions, attachments, heap, its stack) and for what it caused the
 * kernel to hold on beyond it (pipe buffers, file blocks): those keep a
 * reference, so the account lives until the last of them is freed, and
 * its figures stay right whoever frees them. */
#include <string.h>

#include "kernel/account.h"
#include "kernel/proc.h"
#include "syscall/handlers.h"

int mem_account_new(Kernel *k, Proc *p, const MemAccount *from) {
    MemAccount *a = kmem_alloc(k, sizeof *a);
    if (!a)
        return -AX_ENOMEM;
    a->limit = from ? from->limit : 0;
    a->refs = 1;
    p->acct = a;
    return 0;
}

MemAccount *mem_account_hold(MemAccount *a) {
    if (a)
        a->refs++;
    return a;
}

void mem_account_release(Kernel *k, MemAccount *a) {
    if (a && --a->refs == 0)
        kmem_free(k, a);
}

void mem_account_drop(Kernel *k, Proc *p) {
    mem_account_release(k, p->acct);
    p->acct = NULL;
}

uint64_t mem_proc_bytes(const Proc *p) {
    return p->acct ? p->acct->allocated : 0;
}

bool mem_fits_account(const MemAccount *a, uint64_t n) {
    return !a || !a->limit || (n <= a->limit && a->allocated <= a->limit - n);
}

bool mem_fits_system(const Kernel *k, uint64_t n) {
    uint64_t lim = k->cfg.mem_limit;
    return !lim || (n <= lim && k->mem_total <= lim - n);
}

bool mem_fits(const Kernel *k, const MemAccount *a, uint64_t n) {
    return mem_fits_account(a, n) && mem_fits_system(k, n);
}

void mem_add_account(MemAccount *a, MemKind kind, uint64_t n) {
    if (!a)
        return;
    a->allocated += n;
    a->bytes[kind] += n;
    if (a->allocated > a->peak)
        a->peak = a->allocated;
}

void mem_sub_account(MemAccount *a, MemKind kind, uint64_t n) {
    if (!a)
        return;
    a->allocated -= n;
    a->bytes[kind] -= n;
}

void mem_add_system(Kernel *k, MemKind kind, uint64_t n) {
    k->mem_total += n;
    k->mem_bytes[kind] += n;
}

void mem_sub_system(Kernel *k, MemKind kind, uint64_t n) {
    k->mem_total -= n;
    k->mem_bytes[kind] -= n;
}

int mem_charge(Kernel *k, MemAccount *a, MemKind kind, uint64_t n) {
    if (!mem_fits(k, a, n))
        return -AX_ENOMEM;
    mem_add_account(a, kind, n);
    mem_add_system(k, kind, n);
    return 0;
}

void mem_uncharge(Kernel *k, MemAccount *a, MemKind kind, uint64_t n) {
    mem_sub_account(a, kind, n);
    mem_sub_system(k, kind, n);
}

/* ---- the limit: syscall and host API ---- */

/* A limit may come down, never go up (0, unlimited, is the highest). */
static bool mem_limit_raises(uint64_t old, uint64_t new) {
    return old != 0 && (new == 0 || new > old);
}

int64_t ksys_set_memlimit(Kernel *k, const SyscallArgs *a) {
    MemAccount *acct = k->cur->acct;
    uint64_t limit = ARG_U64(0);
    if (mem_limit_raises(acct->limit, limit))
        return -AX_EPERM;
    acct->limit = limit;
    return 0;
}

int kernel_set_memlimit(Kernel *k, int pid, uint64_t bytes) {
    Proc *p = proc_find(k, pid);
    if (!p || !p->acct)
        return -AX_ESRCH;
    p->acct->limit = bytes;
    return 0;
}
