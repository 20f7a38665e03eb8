/* The malloc+free pair loop that heap_pair (ulib against glibc) and
 * posix_malloc (the POSIX layer against glibc) time, shared so every side
 * does the same work: sizes cycle through eight small classes, each block
 * is touched once and freed at once.
 *
 * A macro rather than a function taking the allocator, so that each side
 * calls its allocator directly and the compiler inlines what it can, as
 * in a program. keep(uint64_t) must consume its argument so the loop is
 * not dropped. */
#ifndef AXOS_BENCH_HEAP_PAIR_H
#define AXOS_BENCH_HEAP_PAIR_H

#include <stddef.h>
#include <stdint.h>

#define BENCH_HEAP_PAIR_LOOP(iters, alloc, release, keep)                                  \
    do {                                                                                  \
        static const size_t pair_sizes_[8] = {16, 24, 40, 64, 100, 160, 256, 512};        \
        for (uint64_t i_ = 0; i_ < (uint64_t)(iters); i_++) {                             \
            char *p_ = alloc(pair_sizes_[i_ & 7]);                                        \
            p_[0] = 1;                                                                    \
            keep((uint64_t)(uintptr_t)p_);                                                \
            release(p_);                                                                  \
        }                                                                                 \
    } while (0)

#endif
