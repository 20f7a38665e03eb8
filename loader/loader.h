/* The program loader: programs built outside the kernel with the POSIX
 * layer (kernel_load_program), one private copy per process.
 *
 * A LoadedProgram is the content of one .so file, checked once (elf.c:
 * an ELF shared object carrying the layer's stamp, calling only host
 * functions that cannot reach the host's files or processes). A program
 * node of the VFS holds a reference to it.
 *
 * A LoaderImage is one copy of that program in the host's address space:
 * the host's dynamic loader opens a private memfd copy of the bytes, so
 * the copy has its own data and bss, which is where the program's globals
 * and the layer's per-process state (stdio, environ, the heap's state,
 * atexit handlers) live. Each process running the program holds one
 * image. When the process ends the image goes back to its program's idle
 * list; the next process to need one gets it with its writable segments
 * put back as they were right after it was loaded (a memcpy, not a new
 * dlopen). Images are closed (dlclose) only from the host context: at the
 * end of kernel_run and in kernel_destroy, never while a task may be
 * running their code.
 *
 * Files:
 *   elf.c    the checks made on a file before anything of it runs
 *   allow.c  the host functions a program may call (pure ones)
 *   image.c  copies: open, snapshot, reset, close
 *   load.c   kernel_load_program, the program's lifetime, the pool
 */
#ifndef AXOS_LOADER_LOADER_H
#define AXOS_LOADER_LOADER_H

#include "kernel/kernel.h"

typedef struct LoadedProgram LoadedProgram;
typedef struct LoaderImage LoaderImage;

/* References held by program nodes of the VFS (and, while they run, by
 * images). The last unref dooms the idle images; busy ones follow when
 * their process lets go. */
void loader_program_ref(LoadedProgram *lp);
void loader_program_unref(Kernel *k, LoadedProgram *lp);

/* An image of lp for a process about to run it (spawn, exec): an idle one
 * reset to its state at load, or a fresh copy. Returns 0 with *img and
 * *start (the layer's entry in that image), or -AX_ENOMEM, -AX_EMFILE,
 * -AX_ENOEXEC (the host's loader refused a fresh copy). */
int loader_image_get(Kernel *k, LoadedProgram *lp, LoaderImage **img, ProgramMain *start);

/* The process running img let go of it (exit, exec, a failed spawn):
 * back to the idle list. Never closes anything (the caller may be running
 * the image's code). NULL is a no-op. */
void loader_image_put(Kernel *k, LoaderImage *img);

/* Close the images nobody can use any more (their program is gone, or
 * more are idle than worth keeping). Host context only. */
void loader_collect(Kernel *k);

/* Close everything (kernel_destroy, after every process is gone and the
 * VFS has dropped its programs). */
void loader_fini(Kernel *k);

/* KernelStats.images / images_busy. */
void loader_stats(Kernel *k, uint64_t *images, uint64_t *busy);

#endif
