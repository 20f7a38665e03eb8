/* stdio's streams (stdio_*.c).
 *
 * A stream is a PxFile whose first member is glibc's own FILE (struct
 * _IO_FILE), because glibc's headers inline getc_unlocked, putc_unlocked
 * and feof_unlocked as reads of its fields: _IO_read_ptr/_IO_read_end
 * (bytes buffered for reading), _IO_write_ptr/_IO_write_end (room in the
 * buffer for writing) and the _IO_EOF_SEEN / _IO_ERR_SEEN bits of _flags;
 * when the room runs out they call __uflow and __overflow, which are the
 * layer's. So the layer keeps those fields exactly as glibc would:
 *   - reading: [_IO_read_ptr, _IO_read_end) is unread buffered data;
 *   - writing a fully buffered stream: [_IO_write_ptr, _IO_write_end) is
 *     free room; a line-buffered or unbuffered one keeps _IO_write_end at
 *     _IO_write_ptr, so every inline putc comes here (to see '\n');
 *   - the direction not in progress has its pointer equal to its end.
 * Buffering is C's: line-buffered on a terminal, fully buffered otherwise
 * (4 KiB, what Linux reports as st_blksize for pipes and files), stderr
 * unbuffered; everything is flushed at exit. */
#ifndef AXOS_POSIX_STDIO_IMPL_H
#define AXOS_POSIX_STDIO_IMPL_H

#include "posix/internal.h"

#define PX_BUFSIZ 4096
#define PX_UNGET 8 /* push-back room kept in front of the read data */

#define PXF_READ 1u
#define PXF_WRITE 2u

enum { PX_IO_NONE, PX_IO_READ, PX_IO_WRITE };

typedef struct PxFile PxFile;

/* Where a stream's bytes go: an fd, or memory (fmemopen, open_memstream). */
typedef struct PxFileOps {
    ssize_t (*read)(PxFile *f, void *buf, size_t n);
    ssize_t (*write)(PxFile *f, const void *buf, size_t n);
    off_t (*seek)(PxFile *f, off_t off, int whence);
    int (*close)(PxFile *f);
} PxFileOps;

struct PxFile {
    FILE f;                 /* glibc's layout, first (see above) */
    const PxFileOps *ops;
    int fd;                 /* -1 for memory streams */
    unsigned mode;          /* PXF_READ | PXF_WRITE */
    int bufmode;            /* _IOFBF, _IOLBF, _IONBF; -1: not chosen yet */
    int io;                 /* PX_IO_*: the direction in progress */
    unsigned char *buf;     /* PX_UNGET bytes, then bufsize bytes of data */
    size_t bufsize;
    bool buf_mine;          /* malloc'd here, freed at close */
    bool is_static;         /* stdin, stdout, stderr: the object is not freed */
    PxFile *next, *prev;    /* every open stream, for fflush(NULL) and exit */
    void *cookie;           /* memory streams' state */
    pid_t popen_pid;        /* popen's child, for pclose */
    unsigned char small[PX_UNGET + 1]; /* the buffer of an unbuffered stream */
};

extern const PxFileOps px_fd_ops;

static inline PxFile *px_file(FILE *fp) {
    return (PxFile *)fp;
}

/* A new stream on fd (or a memory stream when ops says so), linked into
 * the list. NULL with errno ENOMEM. */
PxFile *px_file_new(const PxFileOps *ops, int fd, unsigned mode);

/* Parse an fopen mode: PXF_* bits in *mode and open flags in *oflags.
 * -1 with EINVAL for a bad mode. */
int px_parse_mode(const char *m, unsigned *mode, int *oflags);

/* Get a stream ready for writing / reading (buffer, direction switch).
 * 0, or -1 with errno and the error indicator set. */
int px_to_write(PxFile *f);
int px_to_read(PxFile *f);

/* Write out the buffered bytes. 0, or -1 (error indicator set). */
int px_flush(PxFile *f);

/* Append n bytes through the buffer; returns how many were taken (less
 * than n only on an error, which sets the error indicator). */
size_t px_write(PxFile *f, const void *data, size_t n);

/* Refill the read buffer: the count read, 0 at end of file (EOF
 * indicator set), -1 on error (error indicator set). */
ssize_t px_fill(PxFile *f);

/* Set _IO_write_end for the buffering mode after the write pointer moved. */
void px_write_room(PxFile *f);

/* The scanf engine over a stream (stdio_scanf.c). */
int px_vfscanf(PxFile *f, const char *fmt, va_list ap);

#endif
