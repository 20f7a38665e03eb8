/* Memory: per-process regions, SysV-like shared memory, the process heap,
 * and the memstats syscalls; what every byte is charged to is
 * kernel/account.h's. */
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


/* For kernel_stats. */
uint64_t mem_region_count(Kernel *k);
uint64_t mem_shm_count(Kernel *k);

#endif
