/* axos --gui: the desktop instead of the host terminal. The kernel shows
 * its windows in one SDL window (the compositor), and the first program
 * is a terminal emulator running the shell (`term`, or `term -e COMMAND`
 * for -c); `term` or `life` typed there open more windows beside it.
 * axos ends when that first terminal does: its shell exited, its window
 * was closed, or the desktop's window was (every window gets
 * AX_WEV_CLOSE). SIGTERM, SIGHUP and ^C on the host stop the machine. */
#include <stdio.h>

#include "repl.h"

/* How long a wait may last before the quit flags are looked at again. */
#define GUI_SLICE_NS 100000000ULL

int run_gui(Kernel *k, const char *command) {
    char *plain[] = {"term", NULL};
    char *with_command[] = {"term", "-e", (char *)command, NULL};
    SyscallResult sp = kernel_spawn(k, "/bin/term", command ? with_command : plain);
    if (sp.error != AX_OK) {
        fprintf(stderr, "axos: cannot start /bin/term: %s\n", sys_strerror(sp.error));
        return 127;
    }
    int pid = (int)sp.value, st = 0;
    for (;;) {
        int r = kernel_wait(k, pid, &st);
        if (r == 0)
            break;
        int quit = term_take_quit();
        if (r == -AX_EINTR || quit) {
            fprintf(stderr, "axos: stopped by signal %d\n", quit);
            return 128 + quit;
        }
        if (r != -AX_EDEADLK)
            return 1;
        /* Everything waits for input: only the desktop can bring it. */
        kernel_window_pump(k, GUI_SLICE_NS);
    }
    if (AX_WIFEXITED(st))
        return AX_WEXITSTATUS(st);
    return AX_WIFSIGNALED(st) ? 128 + AX_WTERMSIG(st) : 1;
}
