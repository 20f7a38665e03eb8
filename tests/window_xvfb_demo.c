/* The life demo in a real SDL window: run it under the host clock until
 * it has presented some frames, screenshot the display with the command
 * given (xwd), then quit it with an injected 'q'. Used by window_xvfb.sh
 * under Xvfb; exits 0 when all of that worked and the kernel freed every
 * allocation it made. */
#include <stdio.h>
#include <stdlib.h>

#include "axos.h"

#define SLICE_NS 20000000ULL /* 20 ms of kernel time per look */
#define MAX_SLICES 500       /* give up after about 10 s */

/* Counts the kernel's live allocations (the tests' harness does the same). */
static void *counting_alloc(void *ud, void *ptr, size_t size) {
    long *live = ud;
    if (size == 0) {
        if (ptr)
            --*live;
        free(ptr);
        return NULL;
    }
    if (!ptr)
        ++*live;
    return realloc(ptr, size);
}

static int window_frames(Kernel *k, int *id) {
    WindowInfo info;
    if (kernel_window_list(k, id, 1) != 1 || kernel_window_info(k, *id, &info) != 0)
        return 0;
    return (int)info.frames;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: window_xvfb_demo 'SCREENSHOT COMMAND'\n");
        return 2;
    }
    long live = 0;
    /* A screen just the size of life's 640x480 board and the border
     * around its tile: the board shows unscaled. */
    KernelConfig cfg = {.window_backend = AX_WINDOW_SDL, .clock = AX_CLOCK_HOST,
                        .screen_width = 644, .screen_height = 484,
                        .alloc = counting_alloc, .alloc_ud = &live};
    Kernel *k = kernel_create(&cfg);
    if (!k || kernel_install_userland(k) != 0)
        return 1;
    char *life[] = {"life", "-t", "40", NULL};
    SyscallResult r = kernel_spawn(k, "/bin/life", life);
    if (r.error != AX_OK) {
        fprintf(stderr, "spawn life: %s\n", sys_strerror(r.error));
        return 1;
    }
    int id = 0, slices = 0;
    while (window_frames(k, &id) < 5 && slices++ < MAX_SLICES)
        kernel_run_for(k, SLICE_NS);
    int frames = window_frames(k, &id);
    if (frames < 5) {
        fprintf(stderr, "life presented %d frames; is SDL using the display?\n", frames);
        return 1;
    }
    /* Pause so the screenshot sees a still board, and let SDL flush. */
    WindowEvent ev = {.type = AX_WEV_KEY_DOWN, .key = AX_KEY_SPACE};
    kernel_window_inject(k, id, &ev);
    for (int i = 0; i < 5; i++)
        kernel_run_for(k, SLICE_NS);
    int shot = system(argv[1]);
    ev.key = 'q';
    kernel_window_inject(k, id, &ev);
    int status = -1;
    int w = kernel_wait(k, (int)r.value, &status);
    printf("life: %d frames, screenshot %s, exit status %d\n", frames,
           shot == 0 ? "taken" : "FAILED", AX_WEXITSTATUS(status));
    int left = kernel_window_list(k, NULL, 0);
    kernel_destroy(k);
    if (live != 0)
        fprintf(stderr, "the kernel leaked %ld allocations\n", live);
    return live == 0 && shot == 0 && w == 0 && AX_WIFEXITED(status) && AX_WEXITSTATUS(status) == 0 &&
                   left == 0
               ? 0
               : 1;
}
