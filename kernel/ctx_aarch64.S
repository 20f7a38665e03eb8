/* void ax_ctx_swap(void **save_sp, void *load_sp)
 *
 * AAPCS64 callee-saved state: x19-x28, the frame pointer x29, the link
 * register x30, the low halves of v8-v15 (d8-d15) and the control bits of
 * FPCR (rounding mode, flush-to-zero: a task's own, as on x86-64 the
 * MXCSR). Saved in a 176-byte frame on the current stack; the resumed
 * context returns through x30. */
#if defined(__aarch64__) && !defined(AXOS_USE_UCONTEXT)
    .text
    .globl ax_ctx_swap
    .hidden ax_ctx_swap
    .type ax_ctx_swap, %function
ax_ctx_swap:
    sub sp, sp, #176
    stp x19, x20, [sp, #0]
    stp x21, x22, [sp, #16]
    stp x23, x24, [sp, #32]
    stp x25, x26, [sp, #48]
    stp x27, x28, [sp, #64]
    stp x29, x30, [sp, #80]
    stp d8, d9, [sp, #96]
    stp d10, d11, [sp, #112]
    stp d12, d13, [sp, #128]
    stp d14, d15, [sp, #144]
    mrs x3, fpcr
    str x3, [sp, #160]
    mov x2, sp
    str x2, [x0]
    mov sp, x1
    ldp x19, x20, [sp, #0]
    ldp x21, x22, [sp, #16]
    ldp x23, x24, [sp, #32]
    ldp x25, x26, [sp, #48]
    ldp x27, x28, [sp, #64]
    ldp x29, x30, [sp, #80]
    ldp d8, d9, [sp, #96]
    ldp d10, d11, [sp, #112]
    ldp d12, d13, [sp, #128]
    ldp d14, d15, [sp, #144]
    /* Writing FPCR can stall the pipeline; tasks rarely change it, so
     * write it only when the resumed context's differs. */
    ldr x4, [sp, #160]
    cmp x3, x4
    b.eq 1f
    msr fpcr, x4
1:  add sp, sp, #176
    ret
    .size ax_ctx_swap, .-ax_ctx_swap
#endif
    .section .note.GNU-stack,"",%progbits
