/* void ctx_swap(void **save_sp, void *load_sp)
 *
 * Save the System V callee-saved registers (rbx, rbp, r12-r15) and the
 * x87/SSE control words (callee-saved too, by the ABI) on the current stack, store the stack pointer in
 * *save_sp, load load_sp and restore the same set from there. The return
 * address on the new stack is where the resumed context continues.
 * No signal mask, no host syscall. */
#if defined(__x86_64__) && !defined(AXOS_USE_UCONTEXT)
    .text
    .globl ax_ctx_swap
    .hidden ax_ctx_swap
    .type ax_ctx_swap, @function
ax_ctx_swap:
    .cfi_startproc
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    pushq $0                 /* slot for the control words, zeroed so it compares whole */
    stmxcsr (%rsp)
    fnstcw 4(%rsp)
    movq (%rsp), %rax        /* the control words in force now */
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    /* Loading MXCSR and the x87 control word is slow; tasks rarely change
     * them, so load only when the resumed context's differ. */
    cmpq (%rsp), %rax
    jne 2f
1:  addq $8, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
2:  ldmxcsr (%rsp)
    fldcw 4(%rsp)
    jmp 1b
    .cfi_endproc
    .size ax_ctx_swap, .-ax_ctx_swap
#endif
    .section .note.GNU-stack,"",@progbits
