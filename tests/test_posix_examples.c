/* The examples of examples/posix, run on the host and in axos: the same
 * sources, built for the host and with the POSIX layer, must print the
 * same bytes (stdout and stderr together) and exit the same way, under
 * three seeds (posix_diff.c). */
#include "harness.h"
#include "posix_diff.h"
#include "posix_examples.h"

static const char text[] =
    "It was the best of times, it was the worst of times, it was the age of\n"
    "wisdom, it was the age of foolishness, it was the epoch of belief, it was\n"
    "the epoch of incredulity, it was the season of Light, it was the season of\n"
    "Darkness, it was the spring of hope, it was the winter of despair.\n";

static const DiffCase cases[] = {
    {"args", "GREETING=hello args one 'two words' \"\" three", NULL},
    {"args without arguments", "args; echo status $?", NULL},
    {"spawn and wait", "spawnwait args x y", NULL},
    {"spawn of a missing program", "spawnwait no-such-program; echo status $?", NULL},
    {"exec", "execdemo args replaced; echo status $?", NULL},
    {"exec of a missing program", "execdemo no-such-program; echo status $?", NULL},
    {"redirect with dup2 in a vfork child", "redirect out.txt gen 3 word", NULL},
    {"a pipe between two programs", "pipe2", NULL},
    {"a pipeline of three", "pipeline gen 50 '|' upcase '|' linecount", NULL},
    {"a shell-like loop",
     "minish; echo status $?",
     "gen 2\nargs a b\ncd /no/such/dir\nno-such-cmd\ngen 3 > f\nlinecount\nexit 3\n"},
    {"word frequencies", "wordfreq 8", text},
    {"copy", "gen 300 > in.txt && copy in.txt out.txt && linecount < out.txt", NULL},
    {"copy from a missing file", "copy missing.txt out.txt; echo status $?", NULL},
    {"copy to a directory", "mkdir d && gen 1 > f && copy f d; echo status $?", NULL},
    {"signals", "sigcatch", NULL},
    {"key-value store",
     "kvstore db set a 1 && kvstore db set b 2 && kvstore db set a 3 && kvstore db del b && "
     "kvstore db get a && kvstore db get b; kvstore db compact && kvstore db dump && "
     "linecount < db; kvstore db del zz; echo status $?",
     NULL},
    {"producer and consumer", "prodcons 2000", NULL},
    {"symbolic and hard links", "links d; echo status $?; links d; echo status $?", NULL},
};

int main(void) {
    const DiffSet set = {AXOS_EXAMPLES_HOST_DIR, AXOS_EXAMPLES_AXOS_DIR, axos_examples,
                         sizeof axos_examples / sizeof *axos_examples};
    return diff_main(&set, cases, sizeof cases / sizeof *cases);
}
