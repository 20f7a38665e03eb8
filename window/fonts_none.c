/* Fonts in a build without SDL2_ttf's headers: no font can be opened, so
 * no fd is a font. (fonts.c is the real thing.) */
#include "syscall/handlers.h"
#include "window/compositor.h"

int64_t ksys_font_open(Kernel *k, const SyscallArgs *a) {
    return ARG_PTR(const char *, 0) ? -AX_ENODEV : -AX_EFAULT;
}

int64_t ksys_font_metrics(Kernel *k, const SyscallArgs *a) {
    return -AX_EBADF;
}

int64_t ksys_font_glyph(Kernel *k, const SyscallArgs *a) {
    return -AX_EBADF;
}

void win_fonts_fini(Kernel *k) {
}
