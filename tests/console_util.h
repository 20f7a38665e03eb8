/* Helpers shared by the console tests (test_console.c, test_tty.c). */
#ifndef AXOS_TESTS_CONSOLE_UTIL_H
#define AXOS_TESTS_CONSOLE_UTIL_H

#include "harness.h"

/* Console output since the last call, echo included (a static buffer). */
const char *cu_drain(Kernel *k);
/* Type s at the console; fails the test unless all of it is taken. */
void cu_push(Kernel *k, const char *s);
/* Install m at argv[0] and start it from the host; returns its pid. */
int cu_start(Kernel *k, ProgramMain m, char *const argv[]);
/* Run until pid exits and reap it; returns its wait status. */
int cu_finish(Kernel *k, int pid);

#endif
