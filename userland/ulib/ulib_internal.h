/* ulib's private state: the per-process stream table (the user area's
 * ulib field). Only ulib's own files include this. */
#ifndef AXOS_ULIB_INTERNAL_H
#define AXOS_ULIB_INTERNAL_H

#include "ulib.h"

#define US_READ 0x1  /* opened for reading */
#define US_WRITE 0x2 /* opened for writing */
#define US_STD 0x4   /* one of the three standard streams */

struct UStream {
    int fd;
    int flags;     /* US_* */
    int bufmode;   /* U_IONBF / U_IOLBF / U_IOFBF */
    char *buf;     /* U_BUFSIZ bytes, allocated on first use */
    size_t rpos;   /* read buffer: next byte to hand out */
    size_t rlen;   /* read buffer: bytes held */
    size_t wlen;   /* write buffer: bytes pending */
    bool eof, err;
    UStream *next; /* every open stream of the process, for the exit flush */
};

typedef struct ULibState {
    UStream *in, *out, *err; /* standard streams, created on first use */
    UStream *streams;        /* list of all open streams */
} ULibState;

/* The calling process's stream state; created on first use. Exits with
 * status 1 if memory runs out. */
ULibState *ulib_state(void);

/* Flush every open stream; used by the exit hook. */
void ulib_flush_all(void);

/* The user area if the process has made it, else NULL (makes nothing). */
UArea *ulib_area_if_made(void);

#endif
