/* Memory region and shm syscalls: to be built by the memory room (issue 5).
 * Until then each says AX_ENOSYS. */
#include "mem/mem_internal.h"
#include "syscall/handlers.h"

int64_t ksys_mem_alloc(Kernel *k, const SyscallArgs *a) { return -AX_ENOSYS; }
int64_t ksys_mem_free(Kernel *k, const SyscallArgs *a) { return -AX_ENOSYS; }
int64_t ksys_mem_read(Kernel *k, const SyscallArgs *a) { return -AX_ENOSYS; }
int64_t ksys_mem_write(Kernel *k, const SyscallArgs *a) { return -AX_ENOSYS; }
int64_t ksys_mem_protect(Kernel *k, const SyscallArgs *a) { return -AX_ENOSYS; }
int64_t ksys_memstats(Kernel *k, const SyscallArgs *a) { return -AX_ENOSYS; }
int64_t ksys_set_memlimit(Kernel *k, const SyscallArgs *a) { return -AX_ENOSYS; }
int64_t ksys_system_memstats(Kernel *k, const SyscallArgs *a) { return -AX_ENOSYS; }
int64_t ksys_shmget(Kernel *k, const SyscallArgs *a) { return -AX_ENOSYS; }
int64_t ksys_shmat(Kernel *k, const SyscallArgs *a) { return -AX_ENOSYS; }
int64_t ksys_shmdt(Kernel *k, const SyscallArgs *a) { return -AX_ENOSYS; }
int64_t ksys_shmctl(Kernel *k, const SyscallArgs *a) { return -AX_ENOSYS; }
int64_t ksys_shm_sync(Kernel *k, const SyscallArgs *a) { return -AX_ENOSYS; }
int64_t ksys_shm_refresh(Kernel *k, const SyscallArgs *a) { return -AX_ENOSYS; }
