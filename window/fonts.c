/* Fonts: text rendered by the kernel with SDL2_ttf, for programs that draw
 * it into their windows (sys_font_open, sys_font_metrics, sys_font_glyph).
 *
 * A font is an fd on a monospaced TrueType face at a pixel size. A glyph
 * comes out as a coverage mask of one character cell (0 background, 255
 * ink), baseline at the font's ascent, for the program to blend in its
 * own colours; rendered glyphs are kept per font (up to FONT_CACHE_MAX
 * cells or FONT_CACHE_BYTES), so text drawn again costs a copy. The faces are
 * the DejaVu Sans Mono files of Debian's fonts-dejavu-core, looked for
 * where Debian puts them (or in $AXOS_FONT_DIR); a style without its own
 * file is made by SDL2_ttf from the regular face.
 *
 * FreeType's state is the host process's: as with SDL, one kernel at a
 * time should render text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/fd.h"
#include "syscall/handlers.h"
#include "window/backend.h"
#include "window/ttf.h"

#ifndef AXOS_FONT_DIR
#define AXOS_FONT_DIR "/usr/share/fonts/truetype/dejavu"
#endif

#define FONT_CACHE_SLOTS 1024   /* open addressing, power of two */
#define FONT_CACHE_MAX 768      /* cells kept before the table starts over */
#define FONT_CACHE_BYTES (2u << 20) /* ...or fewer, for big sizes */

typedef struct Font {
    TTF_Font *ttf;
    FontMetrics m;
    size_t cell_bytes;
    uint32_t *keys;       /* FONT_CACHE_SLOTS codepoints + 1 (0: empty) */
    uint32_t *slot_cell;  /* where each slot's mask is in cells */
    uint8_t *cells;       /* room for `room` masks, grown to `cap` */
    uint32_t used, room, cap;
} Font;

/* A face and the style SDL2_ttf must add when its own file is missing. */
static const struct {
    const char *name;
    const char *file;
    int style;
} font_faces[] = {
    {"monospace", "DejaVuSansMono.ttf", TTF_STYLE_NORMAL},
    {"monospace-bold", "DejaVuSansMono-Bold.ttf", TTF_STYLE_BOLD},
    {"monospace-italic", "DejaVuSansMono-Oblique.ttf", TTF_STYLE_ITALIC},
    {"monospace-bold-italic", "DejaVuSansMono-BoldOblique.ttf", TTF_STYLE_BOLD | TTF_STYLE_ITALIC},
};

/* Open the face's file at size px, or the regular face with the style
 * added. NULL when neither file is there. */
static TTF_Font *font_load(int face, int px) {
    const char *dir = getenv("AXOS_FONT_DIR");
    if (!dir || !*dir)
        dir = AXOS_FONT_DIR;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, font_faces[face].file);
    TTF_Font *f = TTF(OpenFont)(path, px);
    if (f || face == 0)
        return f;
    snprintf(path, sizeof path, "%s/%s", dir, font_faces[0].file);
    f = TTF(OpenFont)(path, px);
    if (f)
        TTF(SetFontStyle)(f, font_faces[face].style);
    return f;
}

static void font_free(Kernel *k, Font *f) {
    if (f->ttf)
        TTF(CloseFont)(f->ttf);
    kmem_free(k, f->keys);
    kmem_free(k, f->slot_cell);
    kmem_free(k, f->cells);
    kmem_free(k, f);
}

static void font_release(Kernel *k, KObject *o) {
    font_free(k, o->priv);
}

static const ObjOps font_ops = {
    .kind = "font",
    .release = font_release,
    .stat_mode = AX_S_IFREG,
};

/* SDL2_ttf started for this kernel (window_fini stops it). */
static bool font_start(Kernel *k) {
    WindowState *ws = k->win;
    if (ws->ttf_started)
        return true;
    if (!win_ttf_load() || TTF(Init)() != 0)
        return false;
    ws->ttf_started = true;
    return true;
}

void win_fonts_fini(Kernel *k) {
    if (k->win->ttf_started)
        TTF(Quit)();
    k->win->ttf_started = false;
}

static int font_metrics_of(TTF_Font *t, int px, FontMetrics *m) {
    int advance;
    if (TTF(GlyphMetrics32)(t, 'M', NULL, NULL, NULL, NULL, &advance) != 0 || advance < 1)
        return -AX_EIO;
    m->size = px;
    m->cell_width = advance;
    m->ascent = TTF(FontAscent)(t);
    m->descent = -TTF(FontDescent)(t);
    m->cell_height = TTF(FontLineSkip)(t);
    if (m->cell_height < TTF(FontHeight)(t))
        m->cell_height = TTF(FontHeight)(t);
    return 0;
}

int64_t ksys_font_open(Kernel *k, const SyscallArgs *a) {
    const char *name = ARG_PTR(const char *, 0);
    int px = ARG_INT(1);
    if (!name)
        return -AX_EFAULT;
    int face = -1;
    for (size_t i = 0; i < sizeof font_faces / sizeof font_faces[0]; i++)
        if (strcmp(name, font_faces[i].name) == 0)
            face = (int)i;
    if (face < 0)
        return -AX_ENOENT;
    if (px < AX_FONT_MIN_SIZE || px > AX_FONT_MAX_SIZE)
        return -AX_EINVAL;
    if (fd_free_count(k->cur) == 0)
        return -AX_EMFILE;
    if (!font_start(k))
        return -AX_ENODEV;
    Font *f = kmem_alloc(k, sizeof *f);
    if (!f)
        return -AX_ENOMEM;
    f->ttf = font_load(face, px);
    if (!f->ttf) {
        font_free(k, f);
        return -AX_ENOENT;
    }
    int r = font_metrics_of(f->ttf, px, &f->m);
    f->cell_bytes = (size_t)f->m.cell_width * (size_t)f->m.cell_height;
    f->keys = kmem_alloc(k, FONT_CACHE_SLOTS * sizeof *f->keys);
    f->slot_cell = kmem_alloc(k, FONT_CACHE_SLOTS * sizeof *f->slot_cell);
    f->cap = (uint32_t)(FONT_CACHE_BYTES / (f->cell_bytes ? f->cell_bytes : 1));
    f->cap = f->cap > FONT_CACHE_MAX ? FONT_CACHE_MAX : f->cap < 16 ? 16 : f->cap;
    f->room = 64 < f->cap ? 64 : f->cap;
    f->cells = kmem_alloc(k, f->room * f->cell_bytes);
    KObject *o = r == 0 && f->keys && f->slot_cell && f->cells ? obj_new(k, &font_ops, 0, f) : NULL;
    if (!o) {
        font_free(k, f);
        return r < 0 ? r : -AX_ENOMEM;
    }
    int fd = fd_install(k, k->cur, o, 0, false);
    if (fd < 0)
        obj_unref(k, o);
    return fd;
}

static Font *font_of_fd(Kernel *k, int fd) {
    KObject *o = fd_get(k->cur, fd);
    return o && o->ops == &font_ops ? o->priv : NULL;
}

int64_t ksys_font_metrics(Kernel *k, const SyscallArgs *a) {
    Font *f = font_of_fd(k, ARG_INT(0));
    FontMetrics *out = ARG_PTR(FontMetrics *, 1);
    if (!f)
        return -AX_EBADF;
    if (!out)
        return -AX_EFAULT;
    *out = f->m;
    return 0;
}

/* Render codepoint cp into a cell mask. Returns 0 or -AX_EIO. */
static int font_render(Font *f, uint32_t cp, uint8_t *cell) {
    memset(cell, 0, f->cell_bytes);
    if (cp == ' ')
        return 0;
    /* SDL2_ttf draws the glyph on a line of the font's height with the
     * baseline at its ascent, and shifts it right by any overhang to the
     * left of the pen: skip that, so all glyphs share one origin. */
    int minx = 0;
    if (TTF(GlyphMetrics32)(f->ttf, cp, &minx, NULL, NULL, NULL, NULL) != 0)
        return -AX_EIO;
    SDL_Surface *s = TTF(RenderGlyph32_Blended)(f->ttf, cp, (SDL_Color){255, 255, 255, 255});
    if (!s)
        return 0; /* a character of no width (a soft hyphen, a joiner): blank */
    int x0 = minx < 0 ? -minx : 0;
    int w = s->w - x0 < f->m.cell_width ? s->w - x0 : f->m.cell_width;
    int h = s->h < f->m.cell_height ? s->h : f->m.cell_height;
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * s->pitch);
        for (int x = 0; x < w; x++)
            cell[(size_t)y * f->m.cell_width + x] = (uint8_t)(row[x0 + x] >> 24);
    }
    SDL(FreeSurface)(s);
    return 0;
}

/* The cached mask of cp into *out, rendered on a miss. Returns 0,
 * -AX_ENOMEM (the cache cannot grow) or -AX_EIO (SDL2_ttf failed). */
static int font_cell(Kernel *k, Font *f, uint32_t cp, const uint8_t **out) {
    uint32_t key = cp + 1; /* 0 marks an empty slot */
    uint32_t i = (cp * 2654435761u) & (FONT_CACHE_SLOTS - 1);
    while (f->keys[i] && f->keys[i] != key)
        i = (i + 1) & (FONT_CACHE_SLOTS - 1);
    if (f->keys[i]) {
        *out = f->cells + (size_t)f->slot_cell[i] * f->cell_bytes;
        return 0;
    }
    if (f->used == f->cap) {
        /* Full: start over (text drawn again fills it back). */
        memset(f->keys, 0, FONT_CACHE_SLOTS * sizeof *f->keys);
        f->used = 0;
        i = (cp * 2654435761u) & (FONT_CACHE_SLOTS - 1);
    } else if (f->used == f->room) {
        uint32_t room = f->room * 2 < f->cap ? f->room * 2 : f->cap;
        uint8_t *cells = kmem_realloc(k, f->cells, room * f->cell_bytes);
        if (!cells)
            return -AX_ENOMEM;
        f->cells = cells;
        f->room = room;
    }
    uint8_t *cell = f->cells + (size_t)f->used * f->cell_bytes;
    int r = font_render(f, cp, cell);
    if (r < 0)
        return r;
    f->keys[i] = key;
    f->slot_cell[i] = f->used++;
    *out = cell;
    return 0;
}

int64_t ksys_font_glyph(Kernel *k, const SyscallArgs *a) {
    Font *f = font_of_fd(k, ARG_INT(0));
    uint32_t cp = (uint32_t)ARG_U64(1);
    uint8_t *mask = ARG_PTR(uint8_t *, 2);
    size_t n = ARG_SIZE(3);
    if (!f)
        return -AX_EBADF;
    if (!mask)
        return -AX_EFAULT;
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return -AX_EINVAL;
    if (n < f->cell_bytes)
        return -AX_ERANGE;
    const uint8_t *cell;
    int r = font_cell(k, f, cp, &cell);
    if (r < 0)
        return r;
    memcpy(mask, cell, f->cell_bytes);
    return (int64_t)f->cell_bytes;
}
