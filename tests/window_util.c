/* Helpers shared by the window tests (see window_util.h). */
#include <stdlib.h>

#include "window_util.h"

/* The test pattern a program presents: a different opaque colour per pixel. */
uint32_t wu_pattern(int i) {
    return 0xFF000000u | ((uint32_t)i * 0x010307u & 0xFFFFFFu);
}

int wu_present_pattern(int fd, int w, int h) {
    uint32_t *px = malloc((size_t)w * h * 4);
    for (int i = 0; i < w * h; i++)
        px[i] = wu_pattern(i);
    SyscallResult r = sys_write(fd, px, (size_t)w * h * 4);
    free(px);
    return r.error == AX_OK && r.value == (int64_t)w * h * 4 ? 0 : -1;
}

int wu_skip_greeting(int fd) {
    WindowEvent ev;
    int n = 0;
    sys_fcntl(fd, AX_F_SETFL, AX_O_NONBLOCK);
    while (sys_read(fd, &ev, sizeof ev).error == AX_OK)
        n++;
    sys_fcntl(fd, AX_F_SETFL, 0);
    return n;
}

static void print_event(const WindowEvent *e) {
    tprintf("ev %u key=%u mod=%u button=%u x=%d y=%d size=%dx%d text='%s' t=%llu\n", e->type,
            e->key, e->mod, e->button, e->x, e->y, e->width, e->height, e->text,
            (unsigned long long)e->time_ns);
}

/* win [W H [EVENTS_PER_READ]]: open a window, present the pattern, print
 * each event (reads of up to EVENTS_PER_READ records) until AX_WEV_CLOSE. */
int wu_prog_win(int argc, char **argv) {
    int w = argc > 2 ? atoi(argv[1]) : 8, h = argc > 2 ? atoi(argv[2]) : 4;
    size_t per_read = argc > 3 ? (size_t)atoi(argv[3]) : 4;
    SyscallResult r = sys_window_create("test window", w, h);
    if (r.error != AX_OK) {
        tprintf("create: %s\n", sys_errname(r.error));
        return 1;
    }
    int fd = (int)r.value;
    if (wu_present_pattern(fd, w, h) < 0)
        return 2;
    wu_skip_greeting(fd);
    tprintf("ready\n");
    WindowEvent ev[8];
    for (;;) {
        r = sys_read(fd, ev, per_read * sizeof ev[0]);
        if (r.error != AX_OK) {
            tprintf("read: %s\n", sys_errname(r.error));
            return 3;
        }
        tprintf("read %lld\n", (long long)r.value);
        for (int i = 0; i < r.value / (int64_t)sizeof ev[0]; i++) {
            print_event(&ev[i]);
            if (ev[i].type == AX_WEV_CLOSE)
                return sys_close(fd).error == AX_OK ? 0 : 4;
        }
    }
}

/* The one window of k (fails the test when there is not exactly one). */
int wu_only_window(Kernel *k) {
    int ids[4];
    assert_int_equal(kernel_window_list(k, ids, 4), 1);
    return ids[0];
}

void wu_inject(Kernel *k, int id, WindowEvent ev) {
    assert_int_equal(kernel_window_inject(k, id, &ev), 0);
}

void wu_close_and_wait(Kernel *k, int id, int pid) {
    wu_inject(k, id, (WindowEvent){.type = AX_WEV_CLOSE});
    int st;
    assert_int_equal(kernel_wait(k, pid, &st), 0);
    assert_int_equal(AX_WEXITSTATUS(st), 0);
    assert_int_equal(kernel_window_list(k, NULL, 0), 0);
}

int wu_spawn_win(Kernel *k, char **argv) {
    kernel_install_program(k, "/bin/win", wu_prog_win);
    SyscallResult r = kernel_spawn(k, "/bin/win", argv);
    assert_int_equal(r.error, AX_OK);
    /* The program presents its frame and blocks reading events. */
    assert_int_equal(kernel_run(k), AX_RUN_DEADLOCK);
    return (int)r.value;
}
