/* Hypotheses about windows, on the headless backend: frames and events go
 * end to end through sys_* from a task and the host API, every error path
 * answers cleanly, and a window never outlives its last fd. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "window_util.h"

static const KernelConfig headless = {.window_backend = AX_WINDOW_HEADLESS};

/* ---- frames ---- */

static void test_presented_frame_reaches_the_host_pixel_for_pixel(void **state) {
    Kernel *k = harness_kernel(&headless);
    int pid = wu_spawn_win(k, (char *[]){"win", "13", "7", NULL});
    int id = wu_only_window(k);
    WindowInfo info;
    assert_int_equal(kernel_window_info(k, id, &info), 0);
    assert_int_equal(info.id, id);
    assert_int_equal(info.pid, pid);
    assert_int_equal(info.width, 13);
    assert_int_equal(info.height, 7);
    assert_int_equal(info.frames, 1);
    assert_int_equal(info.queued, 0);
    assert_string_equal(info.title, "test window");
    int w = 0, h = 0;
    const uint32_t *px = kernel_window_frame(k, id, &w, &h);
    assert_non_null(px);
    assert_int_equal(w, 13);
    assert_int_equal(h, 7);
    for (int i = 0; i < w * h; i++)
        assert_int_equal(px[i], wu_pattern(i));
    wu_close_and_wait(k, id, pid);
    harness_destroy(k);
}

static int prog_bad_frames(int argc, char **argv) {
    int fd = (int)sys_window_create("bad", 4, 4).value;
    uint32_t px[17] = {0xFFFFFFFF};
    int bad = 0;
    bad |= sys_write(fd, px, 63).error != AX_EINVAL;
    bad |= sys_write(fd, px, 65).error != AX_EINVAL;
    bad |= sys_write(fd, px, 0).error != AX_EINVAL;
    bad |= sys_write(fd, px, 4).error != AX_EINVAL;
    bad |= sys_write(fd, NULL, 64).error != AX_EFAULT;
    bad |= sys_lseek(fd, 0, AX_SEEK_SET).error != AX_ESPIPE;
    FileStat st;
    bad |= sys_fstat(fd, &st).error != AX_OK || !AX_S_ISCHR(st.mode);
    WindowEvent ev;
    bad |= sys_read(fd, &ev, sizeof ev - 1).error != AX_EINVAL;
    bad |= sys_read(fd, &ev, 0).error != AX_EINVAL;
    if (bad)
        return 1;
    wu_skip_greeting(fd);
    sys_read(fd, &ev, sizeof ev); /* wait for the host's look */
    return 0;
}

static void test_frames_of_the_wrong_size_are_refused_and_show_nothing(void **state) {
    Kernel *k = harness_kernel(&headless);
    kernel_install_program(k, "/bin/bad", prog_bad_frames);
    SyscallResult r = kernel_spawn(k, "/bin/bad", NULL);
    assert_int_equal(kernel_run(k), AX_RUN_DEADLOCK);
    int id = wu_only_window(k);
    WindowInfo info;
    kernel_window_info(k, id, &info);
    assert_int_equal(info.frames, 0);
    const uint32_t *px = kernel_window_frame(k, id, NULL, NULL);
    for (int i = 0; i < 16; i++)
        assert_int_equal(px[i], 0); /* black until the first frame */
    wu_close_and_wait(k, id, (int)r.value);
    harness_destroy(k);
}

/* ---- creation ---- */

static int prog_create_errors(int argc, char **argv) {
    int bad = 0, w, h;
    bad |= sys_window_create(NULL, 10, 10).error != AX_EFAULT;
    bad |= sys_window_create("x", 0, 10).error != AX_EINVAL;
    bad |= sys_window_create("x", 10, 0).error != AX_EINVAL;
    bad |= sys_window_create("x", -5, 10).error != AX_EINVAL;
    bad |= sys_window_create("x", 10, AX_WINDOW_MAX_SIDE + 1).error != AX_EINVAL;
    /* none of that allocated an fd: the next one is still 3 */
    SyscallResult r = sys_window_create("a title longer than sixty-three bytes, which the kernel cuts",
                                        AX_WINDOW_MAX_SIDE, 1);
    bad |= r.error != AX_OK || r.value != 3;
    bad |= sys_window_size(3, &w, &h).error != AX_OK || w != AX_WINDOW_MAX_SIDE || h != 1;
    bad |= sys_window_size(0, &w, &h).error != AX_EBADF; /* the console */
    bad |= sys_window_size(9, &w, &h).error != AX_EBADF;
    bad |= sys_window_size(-1, &w, &h).error != AX_EBADF;
    bad |= sys_window_size(3, NULL, &h).error != AX_EFAULT;
    bad |= sys_window_size(3, &w, NULL).error != AX_EFAULT;
    return bad;
}

static void test_create_and_size_check_their_arguments(void **state) {
    Kernel *k = harness_kernel(&headless);
    kernel_install_program(k, "/bin/c", prog_create_errors);
    int st = harness_run(k, (char *[]){"/bin/c", NULL});
    assert_int_equal(AX_WEXITSTATUS(st), 0);
    assert_int_equal(kernel_window_list(k, NULL, 0), 0); /* exit closed it */
    harness_destroy(k);
}

static int prog_no_backend(int argc, char **argv) {
    SyscallResult r = sys_window_create("x", 10, 10);
    return r.error == AX_ENODEV ? 0 : 1;
}

static void test_a_kernel_without_backend_has_no_windows(void **state) {
    KernelConfig cfg = {.window_backend = AX_WINDOW_NONE};
    Kernel *k = harness_kernel(&cfg);
    kernel_install_program(k, "/bin/n", prog_no_backend);
    assert_int_equal(AX_WEXITSTATUS(harness_run(k, (char *[]){"/bin/n", NULL})), 0);
    harness_destroy(k);
}

static void test_an_unknown_backend_is_refused_at_create(void **state) {
    KernelConfig cfg = {.window_backend = AX_WINDOW_NONE + 1};
    assert_null(kernel_create(&cfg));
}

static void test_auto_without_a_display_is_headless_and_says_so_once(void **state) {
    unsetenv("DISPLAY");
    unsetenv("WAYLAND_DISPLAY");
    unsetenv("SDL_VIDEODRIVER");
    FILE *err = tmpfile();
    int saved = dup(2);
    fflush(stderr);
    dup2(fileno(err), 2);
    Kernel *k = harness_kernel(NULL); /* AX_WINDOW_AUTO */
    kernel_install_program(k, "/bin/win", wu_prog_win);
    int pids[2];
    for (int i = 0; i < 2; i++)
        pids[i] = (int)kernel_spawn(k, "/bin/win", NULL).value;
    assert_int_equal(kernel_run(k), AX_RUN_DEADLOCK);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    char said[256] = "";
    rewind(err);
    size_t n = fread(said, 1, sizeof said - 1, err);
    said[n] = '\0';
    fclose(err);
    /* one line: "no display" (or "built without SDL"), then the outcome */
    assert_true(strncmp(said, "axos: ", 6) == 0);
    assert_non_null(strstr(said, ", windows are headless\n"));
    assert_ptr_equal(strchr(said, '\n'), said + n - 1);
    int ids[2];
    assert_int_equal(kernel_window_list(k, ids, 2), 2);
    /* headless: the frame is kept, injected events arrive */
    assert_int_equal(kernel_window_frame(k, ids[0], NULL, NULL)[5], wu_pattern(5));
    for (int i = 0; i < 2; i++)
        wu_inject(k, ids[i], (WindowEvent){.type = AX_WEV_CLOSE});
    for (int i = 0; i < 2; i++)
        assert_int_equal(kernel_wait(k, pids[i], NULL), 0);
    harness_destroy(k);
}

static HarnessAlloc *failing_alloc;

static int prog_create_out_of_memory(int argc, char **argv) {
    int enomem = 0;
    for (long i = 1; i <= 20; i++) {
        failing_alloc->fail_at = failing_alloc->total_allocs + i;
        SyscallResult r = sys_window_create("oom", 32, 32);
        failing_alloc->fail_at = 0;
        if (r.error == AX_ENOMEM) {
            enomem++;
            if (sys_fcntl(3, AX_F_GETFD, 0).error != AX_EBADF)
                return 1; /* a failed create must leave no fd */
            continue;
        }
        if (r.error != AX_OK || sys_close((int)r.value).error != AX_OK)
            return 2;
        return enomem >= 3 ? 0 : 3; /* window, queue, frame, object... */
    }
    return 4;
}

static void test_create_survives_every_allocation_failure(void **state) {
    Kernel *k = harness_kernel(&headless);
    failing_alloc = harness_allocator(k);
    kernel_install_program(k, "/bin/oom", prog_create_out_of_memory);
    assert_int_equal(AX_WEXITSTATUS(harness_run(k, (char *[]){"/bin/oom", NULL})), 0);
    harness_destroy(k);
}

/* ---- events ---- */

static void test_injected_events_are_read_in_order_with_every_field(void **state) {
    Kernel *k = harness_kernel(&headless);
    int pid = wu_spawn_win(k, (char *[]){"win", "8", "4", "1", NULL});
    int id = wu_only_window(k);
    wu_inject(k, id, (WindowEvent){.type = AX_WEV_KEY_DOWN, .key = 'q', .mod = AX_KMOD_SHIFT});
    wu_inject(k, id, (WindowEvent){.type = AX_WEV_TEXT, .text = "é"});
    wu_inject(k, id,
           (WindowEvent){.type = AX_WEV_MOUSE_DOWN, .x = 3, .y = 2, .button = AX_BUTTON_LEFT});
    wu_inject(k, id, (WindowEvent){.type = AX_WEV_RESIZE, .width = 800, .height = 600});
    wu_inject(k, id, (WindowEvent){.type = AX_WEV_KEY_UP, .key = AX_KEY_ESCAPE, .time_ns = 99});
    assert_int_equal(kernel_run(k), AX_RUN_DEADLOCK);
    assert_string_equal(harness_output(k),
                        "ready\nread 48\nev 1 key=113 mod=1 button=0 x=0 y=0 size=0x0 text='' t=0\n"
                        "read 48\nev 3 key=0 mod=0 button=0 x=0 y=0 size=0x0 text='é' t=0\n"
                        "read 48\nev 5 key=0 mod=0 button=1 x=3 y=2 size=0x0 text='' t=0\n"
                        "read 48\nev 7 key=0 mod=0 button=0 x=0 y=0 size=800x600 text='' t=0\n"
                        "read 48\nev 2 key=27 mod=0 button=0 x=0 y=0 size=0x0 text='' t=0\n");
    wu_close_and_wait(k, id, pid);
    harness_destroy(k);
}

static void test_a_read_takes_as_many_whole_events_as_fit(void **state) {
    Kernel *k = harness_kernel(&headless);
    int pid = wu_spawn_win(k, (char *[]){"win", "8", "4", "2", NULL});
    int id = wu_only_window(k);
    for (uint32_t key = 'a'; key <= 'c'; key++)
        wu_inject(k, id, (WindowEvent){.type = AX_WEV_KEY_DOWN, .key = key});
    WindowInfo info;
    kernel_window_info(k, id, &info);
    assert_int_equal(info.queued, 3);
    assert_int_equal(kernel_run(k), AX_RUN_DEADLOCK);
    const char *out = harness_output(k);
    assert_non_null(strstr(out, "read 96\nev 1 key=97"));
    assert_non_null(strstr(out, "read 48\nev 1 key=99"));
    wu_close_and_wait(k, id, pid);
    harness_destroy(k);
}

static void test_a_blocked_reader_wakes_when_an_event_arrives(void **state) {
    KernelConfig cfg = headless;
    Kernel *k = harness_kernel(&cfg);
    int pid = wu_spawn_win(k, (char *[]){"win", NULL});
    KernelStats st;
    kernel_stats(k, &st);
    assert_int_equal(st.tasks, 1); /* alive, parked on the window */
    int id = wu_only_window(k);
    assert_string_equal(harness_output(k), "ready\n");
    wu_inject(k, id, (WindowEvent){.type = AX_WEV_MOUSE_UP, .x = -4, .y = 70, .button = 3});
    assert_int_equal(kernel_run(k), AX_RUN_DEADLOCK);
    assert_non_null(strstr(harness_output(k), "ev 6 key=0 mod=0 button=3 x=-4 y=70"));
    wu_close_and_wait(k, id, pid);
    harness_destroy(k);
}

static int prog_nonblocking(int argc, char **argv) {
    int fd = (int)sys_window_create("nb", 2, 2).value;
    wu_skip_greeting(fd);
    if (sys_fcntl(fd, AX_F_SETFL, AX_O_NONBLOCK).error != AX_OK)
        return 1;
    WindowEvent ev;
    if (sys_read(fd, &ev, sizeof ev).error != AX_EAGAIN)
        return 2;
    /* the clock moves: the host injects at the next look */
    sys_sleep(1000000);
    SyscallResult r = sys_read(fd, &ev, sizeof ev);
    if (r.error != AX_OK || ev.type != AX_WEV_KEY_DOWN || ev.key != AX_KEY_SPACE)
        return 3;
    if (ev.time_ns != 500000) /* stamped with the kernel clock at injection */
        return 5;
    if (sys_read(fd, &ev, sizeof ev).error != AX_EAGAIN)
        return 4;
    return 0;
}

static void test_a_nonblocking_read_says_eagain_when_empty(void **state) {
    Kernel *k = harness_kernel(&headless);
    kernel_install_program(k, "/bin/nb", prog_nonblocking);
    SyscallResult r = kernel_spawn(k, "/bin/nb", NULL);
    assert_int_equal(kernel_run_for(k, 500000), AX_RUN_TIMEOUT);
    wu_inject(k, wu_only_window(k), (WindowEvent){.type = AX_WEV_KEY_DOWN, .key = AX_KEY_SPACE});
    int st;
    assert_int_equal(kernel_wait(k, (int)r.value, &st), 0);
    assert_int_equal(AX_WEXITSTATUS(st), 0);
    harness_destroy(k);
}

static void test_mouse_moves_merge_and_a_full_queue_drops(void **state) {
    Kernel *k = harness_kernel(&headless);
    int pid = wu_spawn_win(k, (char *[]){"win", NULL});
    int id = wu_only_window(k);
    WindowInfo info;
    /* motion with the same buttons held is worth only its last position */
    for (int i = 0; i < 10; i++)
        wu_inject(k, id, (WindowEvent){.type = AX_WEV_MOUSE_MOVE, .x = i, .y = 2 * i});
    wu_inject(k, id, (WindowEvent){.type = AX_WEV_MOUSE_MOVE, .x = 1, .y = 1, .button = 1});
    kernel_window_info(k, id, &info);
    assert_int_equal(info.queued, 2);
    for (int i = 2; i < AX_WINDOW_QUEUE_MAX; i++)
        wu_inject(k, id, (WindowEvent){.type = AX_WEV_KEY_DOWN, .key = 'x'});
    WindowEvent more = {.type = AX_WEV_CLOSE};
    assert_int_equal(kernel_window_inject(k, id, &more), -AX_EAGAIN);
    more.type = AX_WEV_MOUSE_MOVE;
    assert_int_equal(kernel_window_inject(k, id, &more), -AX_EAGAIN);
    kernel_window_info(k, id, &info);
    assert_int_equal(info.queued, AX_WINDOW_QUEUE_MAX);
    assert_int_equal(info.dropped, 2);
    assert_int_equal(kernel_run(k), AX_RUN_DEADLOCK);
    const char *out = harness_output(k);
    assert_non_null(strstr(out, "read 192\nev 4 key=0 mod=0 button=0 x=9 y=18"));
    assert_non_null(strstr(out, "ev 4 key=0 mod=0 button=1 x=1 y=1"));
    wu_close_and_wait(k, id, pid);
    harness_destroy(k);
}

static void test_inject_and_the_host_api_check_their_arguments(void **state) {
    Kernel *k = harness_kernel(&headless);
    assert_int_equal(kernel_window_list(k, NULL, 0), 0);
    WindowEvent ev = {.type = AX_WEV_KEY_DOWN};
    assert_int_equal(kernel_window_inject(k, 1, &ev), -AX_ENOENT);
    int pid = wu_spawn_win(k, (char *[]){"win", NULL});
    int id = wu_only_window(k);
    assert_int_equal(id, 1);
    assert_int_equal(kernel_window_inject(k, id, NULL), -AX_EFAULT);
    assert_int_equal(kernel_window_inject(k, id + 1, &ev), -AX_ENOENT);
    ev.type = 0;
    assert_int_equal(kernel_window_inject(k, id, &ev), -AX_EINVAL);
    ev.type = AX_WEV_FOCUS + 1;
    assert_int_equal(kernel_window_inject(k, id, &ev), -AX_EINVAL);
    ev = (WindowEvent){.type = AX_WEV_TEXT};
    memcpy(ev.text, "12345678", 8); /* no NUL */
    assert_int_equal(kernel_window_inject(k, id, &ev), -AX_EINVAL);
    WindowInfo info;
    assert_int_equal(kernel_window_info(k, id, NULL), -AX_EFAULT);
    assert_int_equal(kernel_window_info(k, 7, &info), -AX_ENOENT);
    int w = -1;
    assert_null(kernel_window_frame(k, 7, &w, NULL));
    assert_int_equal(w, -1);
    kernel_window_info(k, id, &info);
    assert_int_equal(info.queued, 0); /* the refused ones left nothing */
    assert_int_equal(kernel_window_pump(k, 1000000000), 0); /* headless: no host input */
    wu_close_and_wait(k, id, pid);
    harness_destroy(k);
}

/* ---- lifetime ---- */

static int prog_exit_with_window(int argc, char **argv) {
    sys_window_create("left open", 16, 16);
    sys_window_create("another", 16, 16);
    return 0;
}

static void test_exit_destroys_the_windows_left_open(void **state) {
    Kernel *k = harness_kernel(&headless);
    kernel_install_program(k, "/bin/e", prog_exit_with_window);
    assert_int_equal(AX_WEXITSTATUS(harness_run(k, (char *[]){"/bin/e", NULL})), 0);
    assert_int_equal(kernel_window_list(k, NULL, 0), 0);
    harness_destroy(k); /* no object, fd or allocation left */
}

static void test_killing_a_blocked_owner_destroys_its_window(void **state) {
    Kernel *k = harness_kernel(&headless);
    int pid = wu_spawn_win(k, (char *[]){"win", NULL});
    assert_int_equal(kernel_window_list(k, NULL, 0), 1);
    assert_int_equal(kernel_kill(k, pid, AX_SIGKILL), 0);
    int st;
    assert_int_equal(kernel_wait(k, pid, &st), 0);
    assert_true(AX_WIFSIGNALED(st));
    assert_int_equal(kernel_window_list(k, NULL, 0), 0);
    harness_destroy(k);
}

static int prog_dup_then_close(int argc, char **argv) {
    int fd = (int)sys_window_create("dup", 4, 4).value;
    int fd2 = (int)sys_dup(fd).value;
    sys_close(fd);
    sys_sleep(1000000); /* host: the window lives on through the dup */
    sys_close(fd2);
    sys_sleep(1000000); /* host: now it is gone */
    return 0;
}

static void test_a_window_lives_until_its_last_fd_closes(void **state) {
    Kernel *k = harness_kernel(&headless);
    kernel_install_program(k, "/bin/d", prog_dup_then_close);
    SyscallResult r = kernel_spawn(k, "/bin/d", NULL);
    kernel_run_for(k, 500000);
    assert_int_equal(kernel_window_list(k, NULL, 0), 1);
    kernel_run_for(k, 1000000);
    assert_int_equal(kernel_window_list(k, NULL, 0), 0);
    assert_int_equal(kernel_wait(k, (int)r.value, NULL), 0);
    harness_destroy(k);
}

static void test_ids_count_up_and_list_in_creation_order(void **state) {
    Kernel *k = harness_kernel(&headless);
    kernel_install_program(k, "/bin/win", wu_prog_win);
    int pids[3];
    for (int i = 0; i < 3; i++)
        pids[i] = (int)kernel_spawn(k, "/bin/win", NULL).value;
    assert_int_equal(kernel_run(k), AX_RUN_DEADLOCK);
    int ids[2];
    assert_int_equal(kernel_window_list(k, ids, 2), 3);
    assert_int_equal(ids[0], 1);
    assert_int_equal(ids[1], 2);
    wu_inject(k, 2, (WindowEvent){.type = AX_WEV_CLOSE});
    assert_int_equal(kernel_wait(k, pids[1], NULL), 0);
    /* a new window gets a new id, never a freed one */
    pids[1] = (int)kernel_spawn(k, "/bin/win", NULL).value;
    kernel_run(k);
    int all[3];
    assert_int_equal(kernel_window_list(k, all, 3), 3);
    assert_int_equal(all[0], 1);
    assert_int_equal(all[1], 3);
    assert_int_equal(all[2], 4);
    for (int i = 0; i < 3; i++)
        wu_inject(k, all[i], (WindowEvent){.type = AX_WEV_CLOSE});
    for (int i = 0; i < 3; i++)
        assert_int_equal(kernel_wait(k, pids[i], NULL), 0);
    harness_destroy(k);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_presented_frame_reaches_the_host_pixel_for_pixel),
        cmocka_unit_test(test_frames_of_the_wrong_size_are_refused_and_show_nothing),
        cmocka_unit_test(test_create_and_size_check_their_arguments),
        cmocka_unit_test(test_a_kernel_without_backend_has_no_windows),
        cmocka_unit_test(test_an_unknown_backend_is_refused_at_create),
        cmocka_unit_test(test_auto_without_a_display_is_headless_and_says_so_once),
        cmocka_unit_test(test_create_survives_every_allocation_failure),
        cmocka_unit_test(test_injected_events_are_read_in_order_with_every_field),
        cmocka_unit_test(test_a_read_takes_as_many_whole_events_as_fit),
        cmocka_unit_test(test_a_blocked_reader_wakes_when_an_event_arrives),
        cmocka_unit_test(test_a_nonblocking_read_says_eagain_when_empty),
        cmocka_unit_test(test_mouse_moves_merge_and_a_full_queue_drops),
        cmocka_unit_test(test_inject_and_the_host_api_check_their_arguments),
        cmocka_unit_test(test_exit_destroys_the_windows_left_open),
        cmocka_unit_test(test_killing_a_blocked_owner_destroys_its_window),
        cmocka_unit_test(test_a_window_lives_until_its_last_fd_closes),
        cmocka_unit_test(test_ids_count_up_and_list_in_creation_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
