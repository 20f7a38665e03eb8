/* Shared by the window tests: a program that opens a window, presents a
 * known pattern and prints the events it reads, and host-side helpers. */
#ifndef AXOS_TESTS_WINDOW_UTIL_H
#define AXOS_TESTS_WINDOW_UTIL_H

#include "harness.h"

/* The colour of pixel i in the test pattern (opaque, distinct). */
uint32_t wu_pattern(int i);

/* Write one w x h frame of the pattern to fd; 0 or -1. */
int wu_present_pattern(int fd, int w, int h);

/* Read and drop the events the desktop queues when a window opens (its
 * room on the screen, the focus), leaving fd blocking. Returns how many. */
int wu_skip_greeting(int fd);

/* win [W H [EVENTS_PER_READ]] (default 8 x 4, 4): open "test window",
 * present the pattern, skip the desktop's greeting, print "ready", then
 * each event read ("read BYTES", then "ev TYPE
 * key=.. mod=.. button=.. x=.. y=.. size=WxH text='..' t=NS") until
 * AX_WEV_CLOSE, then close and exit 0. */
int wu_prog_win(int argc, char **argv);

/* Install wu_prog_win at /bin/win, spawn it with argv, run until it
 * blocks on its window; returns its pid. */
int wu_spawn_win(Kernel *k, char **argv);

/* The id of k's one window (fails the test unless there is exactly one). */
int wu_only_window(Kernel *k);

/* Inject ev on window id; fails the test on error. */
void wu_inject(Kernel *k, int id, WindowEvent ev);

/* Inject AX_WEV_CLOSE, wait for pid to exit 0, check no window is left. */
void wu_close_and_wait(Kernel *k, int id, int pid);

#endif
