/* Memory: per-process regions, SysV-like shared memory, the process heap,
 * and the accounting behind memstats. */
#ifndef AXOS_MEM_MEM_H
#define AXOS_MEM_MEM_H

#include "kernel/kernel.h"

int mem_init(Kernel *k);             /* shm table */
void mem_fini(Kernel *k);

int mem_proc_init(Kernel *k, Proc *p);   /* 0 or -AX_ENOMEM */
/* Free every region, detach every segment, free the heap: whatever way p
 * died. */
void mem_proc_release(Kernel *k, Proc *p);

/* exec: free p's regions, attachments and heap; p's limit stays. Cannot
 * fail. */
void mem_proc_exec(Kernel *k, Proc *p);

/* Charge / uncharge n bytes against p's and the system's limits.
 * mem_charge returns 0 or -AX_ENOMEM (nothing charged). */
int mem_charge(Kernel *k, Proc *p, uint64_t n);
void mem_uncharge(Kernel *k, Proc *p, uint64_t n);

/* Bytes p holds (regions, attachments, heap): ProcInfo.mem_bytes. */
uint64_t mem_proc_bytes(const Proc *p);

/* For kernel_stats. */
uint64_t mem_region_count(Kernel *k);
uint64_t mem_shm_count(Kernel *k);

#endif
