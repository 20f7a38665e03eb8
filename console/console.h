/* The console: the one terminal of an axos machine, behind /dev/console
 * and the fds 0, 1, 2 kernel_spawn gives. Input comes from the host
 * (kernel_console_push_input) through a line discipline (ldisc.c); output
 * goes to the host (KernelConfig.console_output, or a buffer that
 * kernel_console_take_output drains).
 *
 * Files:
 *   console.c  the Console object: lifetime, open, read, write, output
 *   tty.h      the Tty: what the console and a pty's slave side share
 *   ldisc.c    the line discipline on a Tty: canonical editing, echo, ISIG, raw mode
 *   tty.c      terminal control (the KIOC_* ioctls) and job control checks
 *   queue.c    the byte queues input and output are kept in
 *   syscalls.c console_push_input, console_take_output, tc* syscalls
 *   host.c     the kernel_console_* host bridge beyond push / take
 *
 * The console belongs to one session at a time (its controlling session):
 * the first process kernel_spawn starts while the console is free, which
 * happens at boot and again once that session's leader has exited. Job
 * control (SIGTTIN, SIGTTOU, tcsetpgrp) applies to processes of that
 * session only, as a Linux tty does for the processes it controls.
 */
#ifndef AXOS_CONSOLE_CONSOLE_H
#define AXOS_CONSOLE_CONSOLE_H

#include "kernel/kernel.h"

/* Create / free k->console. init returns 0 or -AX_ENOMEM. fini frees
 * everything the console holds (queued input and output included). */
int console_init(Kernel *k);
void console_fini(Kernel *k);

/* A new open file on the console (for /dev/console and kernel_spawn's
 * fds). stream says which host stream it stands for: 0 stdin, 1 stdout,
 * 2 stderr (output of 0 and 1 goes to the host's stdout, of 2 to its
 * stderr; each is a terminal or not as kernel_console_set_terminal says).
 * Returns 0 and *out (refcount 1) or -AX_ENOMEM. */
int console_open(Kernel *k, int flags, int stream, KObject **out);

/* /dev/tty for p: a new open file on p's controlling terminal (the
 * console, as /dev/console gives it, or a pty's slave); -AX_ENXIO when p's
 * session has none, as Linux gives a process without one. */
int console_open_ctty(Kernel *k, const Proc *p, int flags, KObject **out);

/* The host types n bytes: each goes through the line discipline (editing,
 * echo, signal characters). Returns how many were taken: fewer than n
 * only when the input queue is full (TTY_INPUT_MAX unread bytes) or
 * memory runs out. */
size_t console_push_input(Kernel *k, const void *buf, size_t n);
/* Drain up to n bytes of buffered output (used when no sink is set). */
size_t console_take_output(Kernel *k, void *buf, size_t n);

/* How many tasks are parked waiting for console input. */
int console_input_waiters(Kernel *k);

/* The console's foreground process group (0: no session owns it). */
int console_fg_pgrp(Kernel *k);
/* Make pgid the foreground group; when no session owns the console, the
 * session of process pgid takes it (kernel_spawn). */
void console_set_fg_pgrp(Kernel *k, int pgid);

/* Session sid ends before it began (a spawn that failed after its file
 * actions): no terminal stays its controlling terminal. */
void console_session_drop(Kernel *k, int sid);

#endif
