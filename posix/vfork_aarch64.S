/* vfork for aarch64 (see vfork.c): make the child, then tail-branch to
 * _setjmp with the frame and the link register as the program's call
 * left it, so _setjmp saves that call's registers and returns 0 to the
 * program; -1 with errno when no child. */
#if defined(__aarch64__)
    .text
    .globl vfork
    .hidden vfork
    .type vfork, %function
vfork:
    .cfi_startproc
    stp x29, x30, [sp, #-16]!
    .cfi_def_cfa_offset 16
    .cfi_offset 29, -16
    .cfi_offset 30, -8
    mov x29, sp
    bl px_vfork_begin
    ldp x29, x30, [sp], #16
    .cfi_restore 29
    .cfi_restore 30
    .cfi_def_cfa_offset 0
    cbz x0, 1f
    b _setjmp
1:
    mov w0, #-1
    ret
    .cfi_endproc
    .size vfork, .-vfork

    .globl __vfork
    .hidden __vfork
    .set __vfork, vfork
#endif
    .section .note.GNU-stack,"",%progbits
