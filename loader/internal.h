/* loader/ internals: the structures of programs and images, shared by the
 * files of this room only. */
#ifndef AXOS_LOADER_INTERNAL_H
#define AXOS_LOADER_INTERNAL_H

#include "loader/loader.h"

#define LOADER_FILE_MAX (256u << 20) /* bytes of a program file */
#define LOADER_MSG_MAX 256
#define LOADER_IDLE_MAX 16 /* idle images kept per program; more are closed */
#define LOADER_SEGS 4      /* writable pieces of an image saved for reset */

struct LoaderImage {
    LoadedProgram *prog;      /* NULL once doomed */
    LoaderImage *next;        /* idle list or doomed list */
    void *handle;             /* dlopen's */
    int fd;                   /* the memfd the copy was opened from: kept
                                 open so its /proc/self/fd name, which the
                                 host's loader keys copies by, stays unique */
    ProgramStamp *stamp;      /* in the image */
    ProgramMain start;        /* stamp->start */
    size_t nseg;
    struct {
        unsigned char *addr;
        size_t len;
    } seg[LOADER_SEGS];       /* writable memory of the image (minus RELRO) */
    unsigned char *snapshot;  /* their bytes right after loading (kmem) */
};

struct LoadedProgram {
    unsigned refs;            /* program nodes + busy images */
    unsigned char *bytes;     /* the file's content (kmem) */
    size_t size;
    LoaderImage *idle;
    size_t nidle;
    LoadedProgram *next, *prev; /* LoaderState.programs */
};

typedef struct LoaderState {
    LoadedProgram *programs;
    LoaderImage *doomed;      /* closed at the next loader_collect */
    uint64_t images, busy;
    char error[LOADER_MSG_MAX];
} LoaderState;

/* Check a program file's bytes before anything of it runs (elf.c).
 * Returns 0, or -AX_ENOEXEC with a one-line reason in msg (without the
 * file name). */
int loader_check_elf(const unsigned char *bytes, size_t n, char *msg, size_t msgsz);

/* May a program call the host function `name`? (allow.c) */
bool loader_host_call_allowed(const char *name);

/* Copies (image.c). Open a fresh copy of lp's bytes: 0 and *out, or
 * -AX_EMFILE / -AX_ENOMEM / -AX_ENOEXEC with a reason in msg. */
int image_open(Kernel *k, LoadedProgram *lp, LoaderImage **out, char *msg, size_t msgsz);
/* Put an idle image's writable memory back as it was after loading. */
void image_reset(LoaderImage *img);
/* dlclose and free. */
void image_close(Kernel *k, LoaderImage *img);

#endif
