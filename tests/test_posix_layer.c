/* The POSIX layer's calls, compared with the host's C library: programs
 * of tests/posix built for both, run on both (posix_diff.c). */
#include "harness.h"
#include "posix_diff.h"
#include "posix_layer.h"

static const DiffCase cases[] = {
    {"error paths", "px_errors", NULL},
    {"stdio", "px_stdio", "one\ntwo\nthree\n"},
    {"getopt", "px_getopt", NULL},
    {"strings, generators, calendar, environment", "px_misc", NULL},
    {"processes", "px_proc; echo status $?", NULL},
    {"sockets", "px_socket; echo status $?", NULL},
    {"System V queues and semaphores", "px_sysv; echo status $?", NULL},
    {"ids, owners and modes", "px_ids; echo status $?", NULL},
    {"the user and group databases", "px_pwd; echo status $?", NULL},
    {"memory mappings", "px_mmap; echo status $?", NULL},
    {"waiting for signals", "px_sigwait; echo status $?", NULL},
    {"resource usage", "px_usage; echo status $?", NULL},
    {"the *at calls relative to a directory fd", "px_at; echo status $?", NULL},
    {"walking trees: nftw, ftw", "px_ftw; echo status $?", NULL},
};

int main(void) {
    const DiffSet set = {AXOS_LAYER_HOST_DIR, AXOS_LAYER_AXOS_DIR, axos_layer_progs,
                         sizeof axos_layer_progs / sizeof *axos_layer_progs};
    return diff_main(&set, cases, sizeof cases / sizeof *cases);
}
