/* The desktop's clipboard: text that programs copy and paste, kept in
 * the kernel and, on a backend with one, mirrored to the host's clipboard
 * (SDL's), so text moves between axos and the host's other programs. */
#include <string.h>

#include "syscall/handlers.h"
#include "window/backend.h"

int64_t ksys_clipboard_set(Kernel *k, const SyscallArgs *a) {
    const char *buf = ARG_PTR(const char *, 0);
    size_t n = ARG_SIZE(1);
    if (!buf && n)
        return -AX_EFAULT;
    if (n > AX_CLIPBOARD_MAX || memchr(buf ? buf : "", '\0', n))
        return -AX_EINVAL;
    WindowState *ws = k->win;
    char *text = kmem_alloc(k, n + 1);
    if (!text)
        return -AX_ENOMEM;
    if (n)
        memcpy(text, buf, n);
    text[n] = '\0';
    kmem_free(k, ws->clip);
    ws->clip = text;
    ws->clip_len = n;
    if (ws->fb && ws->backend->clip_set)
        ws->backend->clip_set(k, text);
    return 0;
}

/* The host's clipboard, when it has one, replaces the kernel's copy: the
 * user may have copied something in another program since. */
static void clip_refresh(Kernel *k) {
    WindowState *ws = k->win;
    if (!ws->fb || !ws->backend->clip_get)
        return;
    char *text = ws->backend->clip_get(k);
    if (!text)
        return;
    size_t n = strlen(text);
    if (n > AX_CLIPBOARD_MAX) {
        kmem_free(k, text);
        return;
    }
    kmem_free(k, ws->clip);
    ws->clip = text;
    ws->clip_len = n;
}

int64_t ksys_clipboard_get(Kernel *k, const SyscallArgs *a) {
    char *buf = ARG_PTR(char *, 0);
    size_t n = ARG_SIZE(1);
    if (!buf && n)
        return -AX_EFAULT;
    clip_refresh(k);
    WindowState *ws = k->win;
    size_t len = ws->clip_len;
    if (n)
        memcpy(buf, ws->clip ? ws->clip : "", len < n ? len : n);
    return (int64_t)len;
}
