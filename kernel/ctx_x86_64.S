/* void ax_ctx_swap(void **save_sp, void *load_sp)
 *
 * Save the System V callee-saved registers (rbx, rbp, r12-r15) and the
 * x87/SSE control words (callee-saved too, by the ABI) on the current
 * stack, store the stack pointer in *save_sp, load load_sp and restore the
 * same set from there. The return
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
    subq $8, %rsp            /* the control words: MXCSR at 0, x87 CW at 4 */
    stmxcsr (%rsp)
    fnstcw 4(%rsp)
    /* Read each word back with its own width: one load spanning both
     * stores could not be forwarded from them and would wait for both to
     * reach the cache. */
    movl (%rsp), %eax
    movzwl 4(%rsp), %ecx
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    /* Loading MXCSR and the x87 control word is slow; tasks rarely change
     * them, so load only when the resumed context's differ. */
    cmpl (%rsp), %eax
    jne 2f
    cmpw 4(%rsp), %cx
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
