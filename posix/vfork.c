/* vfork: the child runs on this process's stack until it execs or ends
 * (sys_vfork in include/axos.h); then the kernel resumes the parent
 * through px_vfork_resume, which longjmps back to where the program
 * called vfork, with the child's pid as vfork's value.
 *
 * vfork itself is a few instructions of assembly per architecture
 * (vfork_x86_64.S, vfork_aarch64.S): it calls px_vfork_begin, which makes
 * the child, then jumps (not calls) to the host's _setjmp with the frame
 * px_vfork_begin chose, so the registers saved are those of the
 * program's call to vfork: _setjmp returns 0 straight to the program (as
 * the child), and the later longjmp returns the pid there (as the
 * parent). Only the caller's callee-saved registers, stack pointer and
 * return address matter, and they live in the frame, not on the stack
 * the child goes on using; as with vfork(2), whatever the child writes to
 * the caller's own frame stays written.
 *
 * While a vfork is in progress this process's memory is the child's too:
 * malloc refuses (ENOMEM) and free does nothing, so the child cannot hand
 * the parent a heap changed under it. */
#include <setjmp.h>
#include <unistd.h>

#include "posix/internal.h"
#include "uheap.h"

#define VFORK_DEPTH 8 /* a vfork child may vfork again, this deep */

static jmp_buf vfork_frames[VFORK_DEPTH];
static UHome *vfork_homes[VFORK_DEPTH]; /* the parents' cached heaps */
static int vfork_depth;

bool px_in_vfork_child(void) {
    return vfork_depth > 0;
}

static void px_vfork_resume(int pid) {
    vfork_depth--;
    ulib_home_cache = vfork_homes[vfork_depth];
    longjmp(vfork_frames[vfork_depth], pid);
}

/* Make the child; returns the frame to save the caller's registers in,
 * or NULL (errno set) when there is no child. Called from vfork only. */
struct __jmp_buf_tag *px_vfork_begin(void) {
    if (vfork_depth == VFORK_DEPTH) {
        errno = EAGAIN;
        return NULL;
    }
    SyscallResult r = sys_vfork(px_vfork_resume);
    if (r.error != AX_OK) {
        errno = (int)r.error;
        return NULL;
    }
    /* the child: its heap is its own (through sys_tls), never the
     * parent's, which the image's cache names */
    vfork_homes[vfork_depth] = ulib_home_cache;
    ulib_home_cache = NULL;
    return vfork_frames[vfork_depth++];
}

#if !defined(__x86_64__) && !defined(__aarch64__)
/* No assembly for this machine: no vfork. */
pid_t vfork(void) {
    return px_fail(ENOSYS);
}
#endif
