/* vfork for x86-64 (see vfork.c): make the child, then tail-jump to
 * _setjmp with the frame, so it saves the registers of the program's own
 * call and returns 0 to the program; -1 with errno when no child. */
#if defined(__x86_64__)
    .text
    .globl vfork
    .hidden vfork
    .type vfork, @function
vfork:
    .cfi_startproc
    sub $8, %rsp                /* align the stack for the call */
    .cfi_adjust_cfa_offset 8
    call px_vfork_begin
    add $8, %rsp
    .cfi_adjust_cfa_offset -8
    test %rax, %rax
    jz 1f
    mov %rax, %rdi
    jmp _setjmp@PLT             /* the stack is as vfork got it */
1:
    mov $-1, %eax
    ret
    .cfi_endproc
    .size vfork, .-vfork

    .globl __vfork
    .hidden __vfork
    .set __vfork, vfork
#endif
    .section .note.GNU-stack,"",@progbits
