/* Memory accounting: what every byte the kernel holds for processes is
 * charged to.
 *
 * Each process charges a MemAccount: its regions, shm attachments, heap
 * blocks and task stack, the buffers of the pipes it creates and the file
 * blocks it writes. The system pays for all of it once more (and for shm
 * segments, file blocks written outside any process, and block tables).
 * KernelConfig.mem_limit caps the system's figure; the account's limit
 * (sys_set_memlimit, inherited at spawn) caps the process's. An account
 * outlives its process while something it paid for does (a file, a pipe
 * passed on): charges stay with whoever caused them, as a memory cgroup
 * keeps a page's charge. */
#ifndef AXOS_KERNEL_ACCOUNT_H
#define AXOS_KERNEL_ACCOUNT_H

#include "kernel/kernel.h"


/* Create p's account (spawn) with the limit of `from` (the parent's; NULL:
 * unlimited). 0 or -AX_ENOMEM. */
int mem_account_new(Kernel *k, Proc *p, const MemAccount *from);
/* p lets go of its account (its task is gone); the account is freed once
 * nothing it paid for is left. */
void mem_account_drop(Kernel *k, Proc *p);
/* Another holder of a charge keeps a (NULL allowed) until it uncharges. */
MemAccount *mem_account_hold(MemAccount *a);
void mem_account_release(Kernel *k, MemAccount *a);

/* Charge n bytes of kind to account a (NULL: nobody but the system) and
 * to the system. 0, or -AX_ENOMEM when the account's or the system's
 * limit would be passed: then nothing is charged and no figure (peak
 * included) moves. Callers check first, allocate, then charge, or charge
 * first and uncharge when the allocation fails. */
int mem_charge(Kernel *k, MemAccount *a, MemKind kind, uint64_t n);
void mem_uncharge(Kernel *k, MemAccount *a, MemKind kind, uint64_t n);
/* Would mem_charge(k, a, kind, n) succeed? */
bool mem_fits(const Kernel *k, const MemAccount *a, uint64_t n);

/* Accounting one side at a time: an shm attachment charges the process
 * only, a segment the system only. The fits checks come first, then the
 * allocation, then the add (which cannot fail): so a refused allocation
 * leaves every figure, peak included, as it was. */
bool mem_fits_account(const MemAccount *a, uint64_t n);
bool mem_fits_system(const Kernel *k, uint64_t n);
void mem_add_account(MemAccount *a, MemKind kind, uint64_t n);
void mem_sub_account(MemAccount *a, MemKind kind, uint64_t n);
void mem_add_system(Kernel *k, MemKind kind, uint64_t n);
void mem_sub_system(Kernel *k, MemKind kind, uint64_t n);

/* Bytes charged to p's account: ProcInfo.mem_bytes (0 once it exited). */
uint64_t mem_proc_bytes(const Proc *p);

#endif
