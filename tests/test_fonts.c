/* Hypotheses about the kernel's fonts (window/fonts.c, SDL2_ttf under
 * it): a font fd gives metrics and cell masks of DejaVu Sans Mono, glyphs
 * are the same each time, bad arguments fail with the documented error
 * and leave no fd, and whatever a program leaves open is freed. Skipped
 * where SDL2_ttf or the font files are missing (the body says 77). */
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define SKIP_STATUS 77

#define RUN_IN_TASK(name)                                                                \
    static int name##_main(int argc, char **argv);                                       \
    static void name(void **state) {                                                     \
        Kernel *k = harness_kernel(NULL);                                                \
        kernel_install_program(k, "/bin/t", name##_main);                                \
        int st = harness_run(k, (char *[]){"/bin/t", NULL});                             \
        harness_destroy(k);                                                              \
        if (AX_WIFEXITED(st) && AX_WEXITSTATUS(st) == SKIP_STATUS)                       \
            skip();                                                                      \
        assert_int_equal(st, 0);                                                         \
    }                                                                                    \
    static int name##_main(int argc, char **argv)

/* The regular face at px, or -1 when this machine cannot render text. */
static int open_or_skip(int px) {
    SyscallResult r = sys_font_open("monospace", px);
    if (r.error == AX_ENODEV || r.error == AX_ENOENT)
        return -1;
    assert_int_equal(r.error, AX_OK);
    return (int)r.value;
}

static long ink(const uint8_t *m, size_t n) {
    long sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += m[i];
    return sum;
}

RUN_IN_TASK(test_a_font_gives_metrics_and_cell_masks) {
    int fd = open_or_skip(16);
    if (fd < 0)
        return SKIP_STATUS;
    FontMetrics m;
    assert_int_equal(sys_font_metrics(fd, &m).error, AX_OK);
    assert_int_equal(m.size, 16);
    assert_in_range(m.cell_width, 6, 16); /* a monospaced face is narrower than high */
    assert_in_range(m.cell_height, 16, 24);
    assert_true(m.ascent > 0 && m.descent > 0 && m.ascent + m.descent <= m.cell_height);
    size_t n = (size_t)m.cell_width * (size_t)m.cell_height;
    uint8_t *a = malloc(n), *b = malloc(n);
    SyscallResult r = sys_font_glyph(fd, 'M', a, n);
    assert_int_equal(r.error, AX_OK);
    assert_int_equal(r.value, (int64_t)n);
    assert_true(ink(a, n) > 255 * 10);
    /* M stands on the baseline: no ink below it */
    assert_int_equal(ink(a + (size_t)m.ascent * m.cell_width, (size_t)m.descent * m.cell_width), 0);
    memset(b, 0x55, n);
    sys_font_glyph(fd, 'M', b, n); /* from the cache now: the same mask */
    assert_memory_equal(a, b, n);
    sys_font_glyph(fd, 'g', b, n); /* g goes below the baseline */
    assert_true(ink(b + (size_t)(m.ascent + 1) * m.cell_width, (size_t)(m.descent - 1) * m.cell_width) > 0);
    sys_font_glyph(fd, ' ', b, n);
    assert_int_equal(ink(b, n), 0);
    assert_int_equal(sys_font_glyph(fd, 0x2500, b, n).error, AX_OK);
    long first = 0, last = 0; /* a box line reaches both edges of its cell */
    for (int y = 0; y < m.cell_height; y++) {
        first += b[(size_t)y * m.cell_width];
        last += b[(size_t)y * m.cell_width + m.cell_width - 1];
    }
    assert_true(first > 0 && last > 0);

    /* bold has more ink than regular, at the same cell size */
    SyscallResult rb = sys_font_open("monospace-bold", 16);
    assert_int_equal(rb.error, AX_OK);
    FontMetrics mb;
    sys_font_metrics((int)rb.value, &mb);
    assert_int_equal(mb.cell_width, m.cell_width);
    sys_font_glyph((int)rb.value, 'M', b, n);
    assert_true(ink(b, n) > ink(a, n));
    /* more glyphs than the cache keeps: it starts over, masks stay right */
    for (uint32_t cp = 0x21; cp < 0x21 + 1500; cp++)
        assert_int_equal(sys_font_glyph(fd, cp, b, n).error, AX_OK);
    assert_int_equal(sys_font_glyph(fd, 0xAD, b, n).error, AX_OK); /* a soft hyphen: no width */
    assert_int_equal(ink(b, n), 0);
    sys_font_glyph(fd, 'M', b, n);
    assert_memory_equal(a, b, n);
    /* rb is left open: the exit closes it */
    assert_int_equal(sys_close(fd).error, AX_OK);
    free(a);
    free(b);
    return 0;
}

RUN_IN_TASK(test_bad_arguments_fail_and_leave_no_fd) {
    int fd = open_or_skip(12);
    if (fd < 0)
        return SKIP_STATUS;
    assert_int_equal(sys_font_open(NULL, 12).error, AX_EFAULT);
    assert_int_equal(sys_font_open("serif", 12).error, AX_ENOENT);
    assert_int_equal(sys_font_open("", 12).error, AX_ENOENT);
    assert_int_equal(sys_font_open("monospace", AX_FONT_MIN_SIZE - 1).error, AX_EINVAL);
    assert_int_equal(sys_font_open("monospace", AX_FONT_MAX_SIZE + 1).error, AX_EINVAL);
    assert_int_equal(sys_font_open("monospace", -16).error, AX_EINVAL);
    FontMetrics m;
    assert_int_equal(sys_font_metrics(fd, NULL).error, AX_EFAULT);
    assert_int_equal(sys_font_metrics(0, &m).error, AX_EBADF); /* the console is no font */
    assert_int_equal(sys_font_metrics(-1, &m).error, AX_EBADF);
    assert_int_equal(sys_font_metrics(fd, &m).error, AX_OK);
    size_t n = (size_t)m.cell_width * (size_t)m.cell_height;
    uint8_t *mask = malloc(n);
    memset(mask, 0x5A, n);
    assert_int_equal(sys_font_glyph(fd, 0, mask, n).error, AX_EINVAL);
    assert_int_equal(sys_font_glyph(fd, 0xD800, mask, n).error, AX_EINVAL);
    assert_int_equal(sys_font_glyph(fd, 0x110000, mask, n).error, AX_EINVAL);
    assert_int_equal(sys_font_glyph(fd, 'a', mask, n - 1).error, AX_ERANGE);
    assert_int_equal(sys_font_glyph(fd, 'a', NULL, n).error, AX_EFAULT);
    assert_int_equal(sys_font_glyph(1, 'a', mask, n).error, AX_EBADF);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(mask[i], 0x5A); /* failed calls wrote nothing */
    /* a font fd reads and writes nothing */
    char c;
    assert_int_not_equal(sys_read(fd, &c, 1).error, AX_OK);
    assert_int_not_equal(sys_write(fd, "x", 1).error, AX_OK);
    /* none of the failed opens took an fd: the next one is fd + 1 */
    SyscallResult r = sys_font_open("monospace-italic", 12);
    assert_int_equal(r.error, AX_OK);
    assert_int_equal(r.value, fd + 1);
    sys_close((int)r.value);
    sys_close(fd);
    assert_int_equal(sys_font_metrics(fd, &m).error, AX_EBADF);
    free(mask);
    return 0;
}

/* The host says where the faces are ($AXOS_FONT_DIR); a directory
 * without them makes every face ENOENT, with no fd left behind. */
static int missing_dir_main(int argc, char **argv) {
    SyscallResult r = sys_font_open("monospace-bold", 14);
    if (r.error == AX_ENODEV)
        return SKIP_STATUS;
    assert_int_equal(r.error, AX_ENOENT);
    r = sys_open("/", AX_O_RDONLY, 0);
    assert_int_equal(r.value, 3); /* 0-2 are the console's; 3 is still free */
    sys_close((int)r.value);
    return 0;
}

static void test_a_font_directory_without_the_faces(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/t", missing_dir_main);
    setenv("AXOS_FONT_DIR", "/nonexistent-axos-fonts", 1);
    int st = harness_run(k, (char *[]){"/bin/t", NULL});
    unsetenv("AXOS_FONT_DIR");
    harness_destroy(k);
    if (AX_WIFEXITED(st) && AX_WEXITSTATUS(st) == SKIP_STATUS)
        skip();
    assert_int_equal(st, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_font_gives_metrics_and_cell_masks),
        cmocka_unit_test(test_bad_arguments_fail_and_leave_no_fd),
        cmocka_unit_test(test_a_font_directory_without_the_faces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
