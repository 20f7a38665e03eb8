/* Execution contexts: the stack pointer of a suspended task and the switch
 * between two of them.
 *
 * On x86-64 and aarch64 the switch is a few instructions of assembly
 * (ctx_x86_64.S, ctx_aarch64.S) that save the callee-saved registers on the
 * old stack and load them from the new one: no signal mask, no host
 * syscall. Elsewhere (or with -DAXOS_USE_UCONTEXT) ucontext is the fallback.
 * Under AddressSanitizer the switch tells ASan which stack it moves to. */
#ifndef AXOS_KERNEL_CTX_H
#define AXOS_KERNEL_CTX_H

#include <stddef.h>

#if !defined(AXOS_USE_UCONTEXT) && !defined(__x86_64__) && !defined(__aarch64__)
#define AXOS_USE_UCONTEXT 1
#endif
#ifdef AXOS_USE_UCONTEXT
#include <ucontext.h>
#endif

typedef struct Context {
    void *sp;            /* saved stack pointer while suspended (ucontext:
                            a bound on it, see ctx_swap) */
    void *stack_base;    /* lowest usable address; NULL for the host thread */
    size_t stack_size;
    struct Context *from; /* the context that switched here last (ASan) */
#ifdef AXOS_USE_UCONTEXT
    ucontext_t uc;
#endif
} Context;

/* Prepare c to start entry() on the stack [base, base + size). entry must
 * never return. */
void ctx_init(Context *c, void *base, size_t size, void (*entry)(void));

/* The same, but entry's first frame goes just below top (inside the
 * stack) rather than at its end: the frames above top stay as they are
 * (a vfork parent resuming below its child's last frames). */
void ctx_init_below(Context *c, void *base, size_t size, void *top, void (*entry)(void));

#if defined(__SANITIZE_ADDRESS__)
#define AX_CTX_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AX_CTX_ASAN 1
#endif
#endif

/* Save the running context into from and resume to. Returns when some
 * other context switches back to from. */
#ifndef AXOS_USE_UCONTEXT
/* The assembly switch (ctx_x86_64.S, ctx_aarch64.S). */
void ax_ctx_swap(void **save_sp, void *load_sp);
#endif
#if defined(AXOS_USE_UCONTEXT) || defined(AX_CTX_ASAN)
void ctx_switch(Context *from, Context *to);
#else
/* The plain assembly switch is on every task switch's path: called
 * directly, without a wrapper (ASan and ucontext need one). */
static inline void ctx_switch(Context *from, Context *to) {
    ax_ctx_swap(&from->sp, to->sp);
}
#endif

/* Resume to and never come back to the running context: its stack may be
 * freed as soon as to runs. */
void ctx_jump(Context *dying, Context *to);

/* First thing an entry function calls (sanitizer bookkeeping). */
void ctx_entered(Context *self);

#endif
