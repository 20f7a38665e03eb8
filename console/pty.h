/* Pseudo-terminals: master/slave pairs, as Linux's devpts gives them.
 *
 * Opening /dev/ptmx (or posix_openpt) makes a pair and returns its master;
 * the slave is /dev/pts/N, locked until unlockpt. The slave is a terminal
 * like the console: the same line discipline (ldisc.c) and job control
 * (tty.c) run on it. What the master writes is typed input of the slave;
 * what the slave writes (and the discipline echoes) is what the master
 * reads, after output processing (OPOST: ONLCR turns "\n" into "\r\n").
 * Both directions are bounded: a writer waits (or gets AX_EAGAIN) while
 * the other side has not read.
 *
 * Ends, as on Linux: when the last slave file is closed, a master read
 * finds AX_EIO once the output is drained (until a slave is opened
 * again). When the master is closed, the slave is hung up: its session
 * leader gets SIGHUP and SIGCONT and its foreground group SIGHUP, slave
 * reads return 0 (end of file) and writes fail with AX_EIO, and
 * /dev/pts/N goes away. The pair is freed when no file refers to it. */
#ifndef AXOS_CONSOLE_PTY_H
#define AXOS_CONSOLE_PTY_H

#include "kernel/kernel.h"

typedef struct Pty Pty;
typedef struct Tty Tty;

#define PTY_MAX 256           /* pairs open at once in one kernel */
#define PTY_OUTPUT_MAX 65536  /* bytes of slave output the master has not read */

/* A new pair; *out is its master (refcount 1, flags' access mode and
 * AX_O_NONBLOCK kept). Returns 0, -AX_ENOSPC (PTY_MAX pairs open) or
 * -AX_ENOMEM; nothing is left on error. */
int pty_open_master(Kernel *k, int flags, KObject **out);
/* A new open file on pty's slave (the open hook of /dev/pts/N).
 * Returns 0, -AX_EIO (the pair is locked) or -AX_ENOMEM. */
int pty_open_slave(Kernel *k, Pty *pty, int flags, KObject **out);

/* The pair whose slave terminal t is (t is not the console's). */
Pty *pty_of_tty(Tty *t);
/* The master's pair, or NULL when o is not a pty master. */
Pty *pty_of_master(KObject *o);
/* unlockpt: let the slave be opened. */
void pty_unlock(Pty *pty);
/* N of /dev/pts/N. */
int pty_index(const Pty *pty);

/* Free every pair left (kernel_destroy, once no file is open). */
void pty_fini(Kernel *k);

#endif
