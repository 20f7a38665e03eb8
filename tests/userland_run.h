/* Running the bundled programs from tests: a kernel with the userland
 * installed, and helpers that spawn a program with argv, feed it input,
 * and collect its console output and exit status. */
#ifndef AXOS_TESTS_USERLAND_RUN_H
#define AXOS_TESTS_USERLAND_RUN_H

#include <stdbool.h>

#include "harness.h"

/* A harness kernel with kernel_install_userland done, plus the test tools
 * under /test (feed, pipe, wf). */
Kernel *ul_kernel(void);
/* What ul_kernel installs, on a kernel made elsewhere (after a disk is
 * attached, say). */
void ul_install(Kernel *k);

/* Run argv (argv[0] a name in /bin or a path) to completion. input NULL:
 * stdin is the console; otherwise stdin is a pipe that carries input and
 * then end of file. stdout and stderr are the console (a terminal).
 * Returns the exit status, or 128 + signal when a signal killed it; the
 * console output (with "\r\n" read as "\n") is ul_output(). */
int run_program(Kernel *k, char *const argv[], const char *input);

/* As run_program, but stdout is a pipe (not a terminal) whose contents are
 * copied to the console once the program has written them. */
int run_piped(Kernel *k, char *const argv[], const char *input);

/* a | b, both in /bin: returns b's status; a's is in *a_status if not NULL. */
int run_pipeline(Kernel *k, char *const a[], char *const b[], int *a_status);

/* Output of the last run (valid until the next run). */
const char *ul_output(void);

/* Create / replace path with content (through a test program). */
void ul_write_file(Kernel *k, const char *path, const char *content);

/* The content of path as cat prints it (valid until the next run). */
const char *ul_read_file(Kernel *k, const char *path);

/* Does path exist? */
bool ul_exists(Kernel *k, const char *path);

#define RUN(k, input, ...) run_program((k), (char *const[]){__VA_ARGS__, NULL}, (input))
#define RUN_PIPED(k, input, ...) run_piped((k), (char *const[]){__VA_ARGS__, NULL}, (input))

#endif
