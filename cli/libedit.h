/* libedit, as the prompt (edit.c) and tab completion (complete.c) call
 * it: loaded at the first interactive prompt (hostlib.h), so that a
 * script or `axos -c` never loads libedit and the terminal libraries it
 * pulls in. The functions are called by their libedit names, which the
 * macros below redirect through the table. */
#ifndef AXOS_CLI_LIBEDIT_H
#define AXOS_CLI_LIBEDIT_H

#include <histedit.h>
#include <stdbool.h>

/* Every libedit function the REPL calls. */
#define CLI_LIBEDIT_FUNCTIONS                                                                      \
    X(el_cursor) X(el_deletestr) X(el_end) X(el_get) X(el_gets) X(el_init) X(el_insertstr)        \
    X(el_line) X(el_push) X(el_resize) X(el_set) X(el_source) X(el_wset) X(history)               \
    X(history_end) X(history_init)

typedef struct CliLibedit {
#define X(fn) __typeof__(fn) *fn;
    CLI_LIBEDIT_FUNCTIONS
#undef X
} CliLibedit;

extern CliLibedit cli_libedit;

/* Load libedit (once per process). false when it or one of the functions
 * is missing: the REPL then reads plain lines. */
bool cli_libedit_load(void);

#define el_cursor (cli_libedit.el_cursor)
#define el_deletestr (cli_libedit.el_deletestr)
#define el_end (cli_libedit.el_end)
#define el_get (cli_libedit.el_get)
#define el_gets (cli_libedit.el_gets)
#define el_init (cli_libedit.el_init)
#define el_insertstr (cli_libedit.el_insertstr)
#define el_line (cli_libedit.el_line)
#define el_push (cli_libedit.el_push)
#define el_resize (cli_libedit.el_resize)
#define el_set (cli_libedit.el_set)
#define el_source (cli_libedit.el_source)
#define el_wset (cli_libedit.el_wset)
#define history (cli_libedit.history)
#define history_end (cli_libedit.history_end)
#define history_init (cli_libedit.history_init)

#endif
