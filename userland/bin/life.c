/* life [-r] [-g COLSxROWS] [-c CELL] [-t MS] [-n GENERATIONS]: Conway's
 * Game of Life in a window.
 *
 * A timer fd paces the generations (every -t milliseconds, default 100);
 * at each tick the window's events are drained with non-blocking reads,
 * so one task waits on both without a poll call. A left click toggles a
 * cell, space pauses (live cells turn amber), s steps one generation
 * while paused, and q, Esc or closing the window ends the program. The
 * board starts with a Gosper glider gun, or with -r a random fill from
 * /dev/urandom (the kernel's seed makes it repeat). Cells outside the
 * board are dead. -n stops after that many generations (0: never). */
#include <string.h>

#include "ulib.h"

#define LIFE_DEAD 0xFF101418u   /* background */
#define LIFE_GRID 0xFF1C2228u   /* the gap between cells */
#define LIFE_LIVE 0xFF3CDC78u   /* a live cell, running */
#define LIFE_PAUSED 0xFFE0B040u /* a live cell, paused */

typedef struct Life {
    int cols, rows, cell;
    uint8_t *board, *next; /* cols*rows, 1 = alive */
    uint32_t *frame;       /* (cols*cell) x (rows*cell) pixels */
    int fd;                /* the window */
    bool paused, quit, dirty;
} Life;

static const char *const life_gun[] = {
    "........................O...........",
    "......................O.O...........",
    "............OO......OO............OO",
    "...........O...O....OO............OO",
    "OO........O.....O...OO..............",
    "OO........O...O.OO....O.O...........",
    "..........O.....O.......O...........",
    "...........O...O....................",
    "............OO......................",
};

static void life_place(Life *g, const char *const *rows, int nrows, int x0, int y0)
{
    for (int y = 0; y < nrows; y++)
        for (int x = 0; rows[y][x]; x++)
            if (rows[y][x] == 'O' && x0 + x < g->cols && y0 + y < g->rows)
                g->board[(y0 + y) * g->cols + x0 + x] = 1;
}

/* The starting board: the gun when it fits, else a glider; or random. */
static int life_seed(Life *g, bool random)
{
    if (!random) {
        static const char *const glider[] = {".O.", "..O", "OOO"};
        if (g->cols >= 40 && g->rows >= 12)
            life_place(g, life_gun, 9, 2, 2);
        else
            life_place(g, glider, 3, 0, 0);
        return 0;
    }
    SyscallResult r = sys_open("/dev/urandom", AX_O_RDONLY, 0);
    if (r.error != AX_OK)
        return -(int)r.error;
    int fd = (int)r.value;
    size_t n = (size_t)g->cols * g->rows;
    r = sys_read(fd, g->board, n);
    sys_close(fd);
    if (r.error != AX_OK)
        return -(int)r.error;
    for (size_t i = 0; i < n; i++)
        g->board[i] = g->board[i] < 64; /* a quarter alive */
    return 0;
}

static int life_neighbours(const Life *g, int x, int y)
{
    int n = 0;
    for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++) {
            int nx = x + dx, ny = y + dy;
            if ((dx || dy) && nx >= 0 && ny >= 0 && nx < g->cols && ny < g->rows)
                n += g->board[ny * g->cols + nx];
        }
    return n;
}

static void life_step(Life *g)
{
    for (int y = 0; y < g->rows; y++)
        for (int x = 0; x < g->cols; x++) {
            int n = life_neighbours(g, x, y);
            uint8_t alive = g->board[y * g->cols + x];
            g->next[y * g->cols + x] = n == 3 || (alive && n == 2);
        }
    uint8_t *t = g->board;
    g->board = g->next;
    g->next = t;
    g->dirty = true;
}

static int life_present(Life *g)
{
    int w = g->cols * g->cell;
    uint32_t live = g->paused ? LIFE_PAUSED : LIFE_LIVE;
    int gap = g->cell >= 4; /* a 1-pixel grid when cells are big enough */
    for (int py = 0; py < g->rows * g->cell; py++) {
        uint32_t *row = g->frame + (size_t)py * w;
        int y = py / g->cell;
        bool edge_y = gap && py % g->cell == g->cell - 1;
        for (int px = 0; px < w; px++) {
            int x = px / g->cell;
            if (edge_y || (gap && px % g->cell == g->cell - 1))
                row[px] = LIFE_GRID;
            else
                row[px] = g->board[y * g->cols + x] ? live : LIFE_DEAD;
        }
    }
    g->dirty = false;
    SyscallResult r = sys_write(g->fd, g->frame, (size_t)w * g->rows * g->cell * 4);
    return r.error == AX_OK ? 0 : -(int)r.error;
}

static void life_event(Life *g, const WindowEvent *ev)
{
    switch (ev->type) {
    case AX_WEV_MOUSE_DOWN:
        if (ev->button == AX_BUTTON_LEFT && ev->x >= 0 && ev->y >= 0) {
            int x = ev->x / g->cell, y = ev->y / g->cell;
            if (x < g->cols && y < g->rows) {
                g->board[y * g->cols + x] ^= 1;
                g->dirty = true;
            }
        }
        break;
    case AX_WEV_KEY_DOWN:
        if (ev->key == AX_KEY_SPACE) {
            g->paused = !g->paused;
            g->dirty = true;
        } else if (ev->key == 's' && g->paused) {
            life_step(g);
        } else if (ev->key == 'q' || ev->key == AX_KEY_ESCAPE) {
            g->quit = true;
        }
        break;
    case AX_WEV_CLOSE:
        g->quit = true;
        break;
    }
}

/* Take every waiting event (the fd is non-blocking). */
static int life_drain(Life *g)
{
    WindowEvent ev[16];
    for (;;) {
        SyscallResult r = sys_read(g->fd, ev, sizeof ev);
        if (r.error == AX_EAGAIN)
            return 0;
        if (r.error != AX_OK)
            return -(int)r.error;
        for (int64_t i = 0; i < r.value / (int64_t)sizeof ev[0]; i++)
            life_event(g, &ev[i]);
    }
}

static bool life_int(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
    return u_parse_i64(s, out) && *out >= lo && *out <= hi;
}

static bool life_geometry(const char *s, Life *g)
{
    const char *x = strchr(s, 'x');
    int64_t c = 0, r = 0; /* read below even when parsing failed */
    if (!x)
        return false;
    char *cols = xstrndup(s, (size_t)(x - s));
    bool ok = life_int(cols, 3, 4096, &c) && life_int(x + 1, 3, 4096, &r);
    xfree(cols);
    g->cols = (int)c;
    g->rows = (int)r;
    return ok;
}

static int life_run(Life *g, int64_t tick_ms, int64_t generations)
{
    SyscallResult r = sys_timer_interval((uint64_t)tick_ms * 1000000u, AX_TIMER_CLOEXEC);
    if (r.error != AX_OK)
        return -(int)r.error;
    int timer = (int)r.value;
    int err = life_present(g);
    for (int64_t gen = 0; !err && (generations == 0 || gen < generations);) {
        uint64_t expirations;
        r = sys_read(timer, &expirations, sizeof expirations);
        if (r.error != AX_OK) {
            err = -(int)r.error;
            break;
        }
        if ((err = life_drain(g)) < 0 || g->quit)
            break;
        if (!g->paused) {
            life_step(g);
            gen++;
        }
        if (g->dirty)
            err = life_present(g);
    }
    sys_close(timer);
    return err;
}

int life_main(int argc, char **argv)
{
    Life g = {.cols = 64, .rows = 48, .cell = 10};
    int64_t tick = 100, generations = 0, cell = 10;
    bool random = false;
    UGetopt o = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&o, argc, argv, "rg:c:t:n:", NULL)) != -1) {
        bool ok = true;
        switch (c) {
        case 'r': random = true; break;
        case 'g': ok = life_geometry(o.arg, &g); break;
        case 'c': ok = life_int(o.arg, 1, 64, &cell); break;
        case 't': ok = life_int(o.arg, 1, 60000, &tick); break;
        case 'n': ok = life_int(o.arg, 0, INT64_MAX, &generations); break;
        default: ok = false; break;
        }
        if (!ok || c == '?') {
            if (c != '?')
                u_eprintf("life: invalid argument to -%c: '%s'\n", c, o.arg);
            u_eprintf("usage: life [-r] [-g COLSxROWS] [-c CELL] [-t MS] [-n GENERATIONS]\n");
            return 2;
        }
    }
    g.cell = (int)cell;
    if ((int64_t)g.cols * g.cell > AX_WINDOW_MAX_SIDE ||
        (int64_t)g.rows * g.cell > AX_WINDOW_MAX_SIDE) {
        u_eprintf("life: a board of %dx%d cells of %d pixels does not fit a window\n", g.cols,
                  g.rows, g.cell);
        return 2;
    }
    SyscallResult r = sys_window_create("life", g.cols * g.cell, g.rows * g.cell);
    if (r.error != AX_OK) {
        u_perror("life", "cannot open a window", r.error);
        return 1;
    }
    g.fd = (int)r.value;
    g.board = xcalloc((size_t)g.cols * g.rows, 1);
    g.next = xcalloc((size_t)g.cols * g.rows, 1);
    g.frame = xmalloc((size_t)g.cols * g.cell * g.rows * g.cell * 4);
    int err = life_seed(&g, random);
    if (err == 0 && sys_fcntl(g.fd, AX_F_SETFL, AX_O_NONBLOCK).error != AX_OK)
        err = -AX_EBADF;
    if (err == 0)
        err = life_run(&g, tick, generations);
    if (err < 0)
        u_perror("life", "window", (SyscallError)-err);
    sys_close(g.fd);
    xfree(g.frame);
    xfree(g.next);
    xfree(g.board);
    return err < 0 ? 1 : 0;
}
