/* Context setup and switching around the assembly swap (or ucontext). */
#include <stdint.h>
#include <string.h>

#include "kernel/ctx.h"

#ifdef AX_CTX_ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif

void ctx_init_below(Context *c, void *base, size_t size, void *top, void (*entry)(void)) {
    c->stack_base = base;
    c->stack_size = size;
    c->from = NULL;
#ifdef AX_CTX_ASAN
    /* A reused stack may still carry poison from its last task, and a
     * resumed vfork parent's from the child's frames. */
    ASAN_UNPOISON_MEMORY_REGION(base, size);
#endif
#if defined(AXOS_USE_UCONTEXT)
    getcontext(&c->uc);
    c->uc.uc_stack.ss_sp = base;
    c->uc.uc_stack.ss_size = (size_t)((char *)top - (char *)base);
    c->uc.uc_link = NULL;
    makecontext(&c->uc, entry, 0);
#elif defined(__x86_64__)
    /* Frame that ax_ctx_swap pops: control words, six registers, and the
     * return address `entry`. After its ret, rsp % 16 == 8 as at any
     * function entry; the slot above is a null return address. */
    uint64_t *sp = (uint64_t *)((uintptr_t)top & ~(uintptr_t)15);
    *--sp = 0;                     /* entry's return address: none */
    *--sp = (uint64_t)(uintptr_t)entry;
    for (int i = 0; i < 6; i++)
        *--sp = 0;                 /* rbp rbx r12 r13 r14 r15 */
    *--sp = 0x037F00001F80ULL;     /* fcw 0x037F (high), mxcsr 0x1F80 (low) */
    c->sp = sp;
#elif defined(__aarch64__)
    uintptr_t t = (uintptr_t)top & ~(uintptr_t)15;
    uint64_t *frame = (uint64_t *)(t - 176);
    memset(frame, 0, 176);                  /* FPCR (at 160) 0: the default */
    frame[11] = (uint64_t)(uintptr_t)entry; /* x30: where ret goes */
    c->sp = frame;
#endif
}

void ctx_init(Context *c, void *base, size_t size, void (*entry)(void)) {
    ctx_init_below(c, base, size, (char *)base + size, entry);
}

static void ctx_swap(Context *from, Context *to) {
#if defined(AXOS_USE_UCONTEXT)
    /* Not a saved stack pointer (ucontext keeps that in uc), but a bound
     * on the lowest live frame: what a vfork hand-back needs. */
    from->sp = __builtin_frame_address(0);
    swapcontext(&from->uc, &to->uc);
#else
    ax_ctx_swap(&from->sp, to->sp);
#endif
}

/* Under ASan every switch is announced with the target stack, and the
 * context that lands learns where it came from (the host thread's stack
 * bounds are only known that way). Without ASan or ucontext, ctx.h has
 * the switch inline. */
#if defined(AXOS_USE_UCONTEXT) || defined(AX_CTX_ASAN)
void ctx_switch(Context *from, Context *to) {
    to->from = from;
#ifdef AX_CTX_ASAN
    void *fake = NULL;
    __sanitizer_start_switch_fiber(&fake, to->stack_base, to->stack_size);
    ctx_swap(from, to);
    Context *prev = from->from;
    const void *base;
    size_t size;
    __sanitizer_finish_switch_fiber(fake, &base, &size);
    if (prev && !prev->stack_base) {
        prev->stack_base = (void *)base;
        prev->stack_size = size;
    }
#else
    ctx_swap(from, to);
#endif
}
#endif

void ctx_jump(Context *dying, Context *to) {
    to->from = NULL;
#ifdef AX_CTX_ASAN
    __sanitizer_start_switch_fiber(NULL, to->stack_base, to->stack_size);
#endif
    ctx_swap(dying, to);
}

void ctx_entered(Context *self) {
#ifdef AX_CTX_ASAN
    Context *prev = self->from;
    const void *base;
    size_t size;
    __sanitizer_finish_switch_fiber(NULL, &base, &size);
    if (prev && !prev->stack_base) {
        prev->stack_base = (void *)base;
        prev->stack_size = size;
    }
#else
    (void)self;
#endif
}
