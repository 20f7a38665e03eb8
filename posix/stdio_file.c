/* stdio streams: the standard three, opening and closing, buffering,
 * direction changes, flushing, seeking, and the state calls. */
#include <fcntl.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "posix/stdio_impl.h"

static ssize_t fd_read(PxFile *f, void *buf, size_t n) {
    return read(f->fd, buf, n);
}

static ssize_t fd_write(PxFile *f, const void *buf, size_t n) {
    return write(f->fd, buf, n);
}

static off_t fd_seek(PxFile *f, off_t off, int whence) {
    return lseek(f->fd, off, whence);
}

static int fd_close(PxFile *f) {
    return close(f->fd);
}

const PxFileOps px_fd_ops = {fd_read, fd_write, fd_seek, fd_close};

/* ---- the standard streams and the list of open streams ---- */

static PxFile px_stdin_file, px_stdout_file, px_stderr_file;

#define PX_STD(self, fdno, m, bm, nxt, prv)                                                       \
    {                                                                                               \
        .f = {._flags = (int)(_IO_MAGIC | ((m) == PXF_READ ? _IO_NO_WRITES : _IO_NO_READS)),      \
              ._fileno = (fdno)},                                                                  \
        .ops = &px_fd_ops, .fd = (fdno), .mode = (m), .bufmode = (bm), .is_static = true,         \
        .next = (nxt), .prev = (prv)                                                               \
    }

/* glibc's FILE flag bits the layer keeps up to date (libio.h; the EOF and
 * ERR ones come with <stdio.h>). */
#define _IO_MAGIC 0xFBAD0000
#define _IO_UNBUFFERED 0x0002
#define _IO_NO_READS 0x0004
#define _IO_NO_WRITES 0x0008
#define _IO_LINE_BUF 0x0200

static PxFile px_stdin_file = PX_STD(px_stdin_file, 0, PXF_READ, -1, &px_stdout_file, NULL);
static PxFile px_stdout_file = PX_STD(px_stdout_file, 1, PXF_WRITE, -1, &px_stderr_file, &px_stdin_file);
static PxFile px_stderr_file = PX_STD(px_stderr_file, 2, PXF_WRITE, _IONBF, NULL, &px_stdout_file);

FILE *stdin = &px_stdin_file.f;
FILE *stdout = &px_stdout_file.f;
FILE *stderr = &px_stderr_file.f;

static PxFile *px_files = &px_stdin_file;

static void px_link(PxFile *f) {
    f->prev = NULL;
    f->next = px_files;
    if (px_files)
        px_files->prev = f;
    px_files = f;
}

static void px_unlink(PxFile *f) {
    if (f->prev)
        f->prev->next = f->next;
    else if (px_files == f)
        px_files = f->next;
    if (f->next)
        f->next->prev = f->prev;
    f->next = f->prev = NULL;
}

PxFile *px_file_new(const PxFileOps *ops, int fd, unsigned mode) {
    PxFile *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->f._flags = (int)(_IO_MAGIC | (mode & PXF_READ ? 0 : _IO_NO_READS) |
                        (mode & PXF_WRITE ? 0 : _IO_NO_WRITES));
    f->f._fileno = fd;
    f->ops = ops;
    f->fd = fd;
    f->mode = mode;
    f->bufmode = -1;
    px_link(f);
    return f;
}

int px_parse_mode(const char *m, unsigned *mode, int *oflags) {
    int fl;
    switch (m ? m[0] : 0) {
    case 'r': *mode = PXF_READ; fl = O_RDONLY; break;
    case 'w': *mode = PXF_WRITE; fl = O_WRONLY | O_CREAT | O_TRUNC; break;
    case 'a': *mode = PXF_WRITE; fl = O_WRONLY | O_CREAT | O_APPEND; break;
    default: return px_fail(EINVAL);
    }
    for (const char *c = m + 1; *c && *c != ','; c++) {
        switch (*c) {
        case '+': *mode = PXF_READ | PXF_WRITE; fl = (fl & ~O_ACCMODE) | O_RDWR; break;
        case 'x': fl |= O_EXCL; break;
        case 'e': fl |= O_CLOEXEC; break;
        default: break; /* 'b', 'm', 'c': nothing to do */
        }
    }
    *oflags = fl;
    return 0;
}

/* ---- buffering ---- */

static void px_flags_bufmode(PxFile *f) {
    f->f._flags &= ~(_IO_LINE_BUF | _IO_UNBUFFERED);
    if (f->bufmode == _IOLBF)
        f->f._flags |= _IO_LINE_BUF;
    else if (f->bufmode == _IONBF)
        f->f._flags |= _IO_UNBUFFERED;
}

/* The buffer, made at the first read or write: line-buffered on a
 * terminal, fully otherwise (unless setvbuf chose); an unbuffered stream,
 * or one whose buffer cannot be had, uses its small inline one. */
static void px_setup(PxFile *f) {
    if (f->buf)
        return;
    if (f->bufmode < 0) {
        struct termios t;
        f->bufmode = f->fd >= 0 && tcgetattr(f->fd, &t) == 0 ? _IOLBF : _IOFBF;
    }
    if (f->bufmode != _IONBF) {
        if (!f->bufsize)
            f->bufsize = PX_BUFSIZ;
        int saved = errno;
        f->buf = malloc(PX_UNGET + f->bufsize);
        errno = saved;
        f->buf_mine = f->buf != NULL;
    }
    if (!f->buf) {
        f->bufmode = _IONBF;
        f->buf = f->small;
        f->bufsize = 1;
    }
    px_flags_bufmode(f);
}

static unsigned char *px_data(PxFile *f) {
    return f->buf + PX_UNGET;
}

void px_write_room(PxFile *f) {
    f->f._IO_write_end = f->bufmode == _IOFBF ? (char *)px_data(f) + f->bufsize : f->f._IO_write_ptr;
}

static void px_set_error(PxFile *f) {
    f->f._flags |= _IO_ERR_SEEN;
}

/* Nothing buffered in either direction. */
static void px_idle(PxFile *f) {
    f->io = PX_IO_NONE;
    f->f._IO_read_base = f->f._IO_read_ptr = f->f._IO_read_end = NULL;
    f->f._IO_write_base = f->f._IO_write_ptr = f->f._IO_write_end = NULL;
}

/* Give back read-ahead: the fd's offset moves back to where the reader
 * is, so another reader of the same open file (a child, after exec)
 * starts there. Only for files that can seek. */
static void px_drop_readahead(PxFile *f) {
    if (f->io != PX_IO_READ)
        return;
    off_t ahead = f->f._IO_read_end - f->f._IO_read_ptr;
    if (ahead > 0 && f->ops->seek) {
        int saved = errno;
        f->ops->seek(f, -ahead, SEEK_CUR);
        errno = saved;
    }
    px_idle(f);
}

int px_to_write(PxFile *f) {
    if (f->io == PX_IO_WRITE)
        return 0;
    if (!(f->mode & PXF_WRITE)) {
        px_set_error(f);
        return px_fail(EBADF);
    }
    px_setup(f);
    px_drop_readahead(f);
    f->io = PX_IO_WRITE;
    f->f._IO_write_base = f->f._IO_write_ptr = (char *)px_data(f);
    px_write_room(f);
    return 0;
}

int px_to_read(PxFile *f) {
    if (f->io == PX_IO_READ)
        return 0;
    if (!(f->mode & PXF_READ)) {
        px_set_error(f);
        return px_fail(EBADF);
    }
    px_setup(f);
    if (f->io == PX_IO_WRITE && px_flush(f) < 0)
        return -1;
    px_idle(f);
    f->io = PX_IO_READ;
    f->f._IO_read_base = f->f._IO_read_ptr = f->f._IO_read_end = (char *)px_data(f);
    return 0;
}

/* Write all of [data, data + n) to the stream's file. 0 or -1. */
static int px_write_out(PxFile *f, const unsigned char *data, size_t n) {
    while (n > 0) {
        ssize_t w = f->ops->write(f, data, n);
        if (w < 0) {
            px_set_error(f);
            return -1;
        }
        data += w;
        n -= (size_t)w;
    }
    return 0;
}

int px_flush(PxFile *f) {
    if (f->io != PX_IO_WRITE)
        return 0;
    unsigned char *base = (unsigned char *)f->f._IO_write_base;
    size_t n = (size_t)(f->f._IO_write_ptr - f->f._IO_write_base);
    /* The bytes go either way: an error does not keep them for later. */
    f->f._IO_write_ptr = (char *)base;
    px_write_room(f);
    return px_write_out(f, base, n);
}

size_t px_write(PxFile *f, const void *data, size_t n) {
    if (px_to_write(f) < 0)
        return 0;
    const unsigned char *src = data;
    if (f->bufmode == _IONBF) {
        if (px_flush(f) < 0 || px_write_out(f, src, n) < 0)
            return 0;
        return n;
    }
    /* Line-buffered: everything up to the last newline goes out now, the
     * rest waits in the buffer, as glibc does it. */
    size_t now = n;
    if (f->bufmode == _IOLBF) {
        const unsigned char *nl = memrchr(src, '\n', n);
        now = nl ? (size_t)(nl - src) + 1 : 0;
    }
    size_t done = 0;
    unsigned char *end = px_data(f) + f->bufsize;
    while (done < n) {
        size_t room = (size_t)(end - (unsigned char *)f->f._IO_write_ptr);
        size_t left = n - done;
        if (f->f._IO_write_ptr == f->f._IO_write_base && left >= f->bufsize &&
            (done < now || f->bufmode == _IOFBF)) {
            /* Empty buffer and at least a buffer's worth: straight out. */
            size_t direct = f->bufmode == _IOFBF ? left - left % f->bufsize : now - done;
            if (direct == 0)
                direct = left;
            if (px_write_out(f, src + done, direct) < 0)
                return done;
            done += direct;
            continue;
        }
        if (room == 0) {
            if (px_flush(f) < 0)
                return done;
            continue;
        }
        size_t take = left < room ? left : room;
        if (done < now && now - done < take)
            take = now - done; /* stop at the last newline, to flush there */
        memcpy(f->f._IO_write_ptr, src + done, take);
        f->f._IO_write_ptr += take;
        done += take;
        if (done == now && now > 0 && f->bufmode == _IOLBF && px_flush(f) < 0)
            return done;
    }
    px_write_room(f);
    return n;
}

/* glibc flushes stdout, when it is line-buffered, before reading from a
 * line-buffered or unbuffered stream (a prompt shows before the read). */
void px_stdio_flush_linebuffered(void) {
    PxFile *o = &px_stdout_file;
    if (o->io == PX_IO_WRITE && o->bufmode == _IOLBF)
        px_flush(o);
}

ssize_t px_fill(PxFile *f) {
    if (px_to_read(f) < 0)
        return -1;
    if (f->f._flags & _IO_EOF_SEEN) /* C11: end of file stays until cleared */
        return 0;
    if (f->bufmode != _IOFBF)
        px_stdio_flush_linebuffered();
    unsigned char *d = px_data(f);
    ssize_t r = f->ops->read(f, d, f->bufsize);
    f->f._IO_read_ptr = f->f._IO_read_end = (char *)d;
    if (r < 0) {
        px_set_error(f);
        return -1;
    }
    if (r == 0) {
        f->f._flags |= _IO_EOF_SEEN;
        return 0;
    }
    f->f._IO_read_end += r;
    return r;
}

/* ---- opening and closing ---- */

FILE *fopen(const char *path, const char *m) {
    unsigned mode;
    int oflags;
    if (px_parse_mode(m, &mode, &oflags) < 0)
        return NULL;
    int fd = open(path, oflags, 0666);
    if (fd < 0)
        return NULL;
    PxFile *f = px_file_new(&px_fd_ops, fd, mode);
    if (!f) {
        close(fd);
        return NULL;
    }
    return &f->f;
}
FILE *fopen64(const char *path, const char *m) __attribute__((alias("fopen")));

FILE *fdopen(int fd, const char *m) {
    unsigned mode;
    int oflags;
    if (px_parse_mode(m, &mode, &oflags) < 0)
        return NULL;
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0)
        return NULL;
    int acc = fl & O_ACCMODE;
    if (((mode & PXF_READ) && acc == O_WRONLY) || ((mode & PXF_WRITE) && acc == O_RDONLY)) {
        errno = EINVAL;
        return NULL;
    }
    if ((oflags & O_APPEND) && !(fl & O_APPEND) && fcntl(fd, F_SETFL, fl | O_APPEND) < 0)
        return NULL;
    PxFile *f = px_file_new(&px_fd_ops, fd, mode);
    return f ? &f->f : NULL;
}

/* Write out, or give back read-ahead; then release the file and the
 * buffer. The standard streams' objects stay (they are static). */
static int px_close(PxFile *f, bool close_file) {
    int r = 0;
    if (f->io == PX_IO_WRITE && px_flush(f) < 0)
        r = EOF;
    px_drop_readahead(f);
    if (close_file && f->ops->close && f->ops->close(f) < 0)
        r = EOF;
    if (f->buf_mine)
        free(f->buf);
    f->buf = NULL;
    f->buf_mine = false;
    f->bufsize = 0;
    px_idle(f);
    return r;
}

int fclose(FILE *fp) {
    PxFile *f = px_file(fp);
    int r = px_close(f, true);
    px_unlink(f);
    if (!f->is_static)
        free(f);
    else
        f->fd = -1;
    return r;
}

/* freopen keeps the stream's fd number, as glibc does (freopen on stdout
 * leaves the new file on fd 1). path NULL changes only the mode, where
 * the open file allows it. */
FILE *freopen(const char *path, const char *m, FILE *fp) {
    PxFile *f = px_file(fp);
    unsigned mode;
    int oflags;
    if (px_parse_mode(m, &mode, &oflags) < 0) {
        fclose(fp);
        return NULL;
    }
    if (!path) {
        px_close(f, false);
        int fl = fcntl(f->fd, F_GETFL);
        int acc = fl & O_ACCMODE;
        if (fl < 0 || ((mode & PXF_READ) && acc == O_WRONLY) || ((mode & PXF_WRITE) && acc == O_RDONLY)) {
            int e = fl < 0 ? errno : EBADF;
            fclose(fp);
            errno = e;
            return NULL;
        }
        f->mode = mode;
        f->f._flags = (f->f._flags & ~(_IO_NO_READS | _IO_NO_WRITES | _IO_EOF_SEEN | _IO_ERR_SEEN)) |
                      (mode & PXF_READ ? 0 : _IO_NO_READS) | (mode & PXF_WRITE ? 0 : _IO_NO_WRITES);
        return fp;
    }
    int oldfd = f->fd;
    px_close(f, true);
    int fd = open(path, oflags, 0666);
    if (fd >= 0 && oldfd >= 0 && fd != oldfd) {
        if (dup3(fd, oldfd, oflags & O_CLOEXEC) < 0) {
            close(fd);
            fd = -1;
        } else {
            close(fd);
            fd = oldfd;
        }
    }
    if (fd < 0) {
        int e = errno;
        px_unlink(f);
        if (!f->is_static)
            free(f);
        errno = e;
        return NULL;
    }
    f->fd = fd;
    f->f._fileno = fd;
    f->mode = mode;
    f->bufmode = f == &px_stderr_file ? _IONBF : -1;
    f->f._flags = (int)(_IO_MAGIC | (mode & PXF_READ ? 0 : _IO_NO_READS) |
                        (mode & PXF_WRITE ? 0 : _IO_NO_WRITES));
    f->ops = &px_fd_ops;
    return fp;
}
FILE *freopen64(const char *path, const char *m, FILE *fp) __attribute__((alias("freopen")));

FILE *tmpfile(void) {
    static unsigned counter;
    char name[64];
    for (int tries = 0; tries < 100; tries++) {
        snprintf(name, sizeof name, "/tmp/tmpf.%d.%u", (int)getpid(), counter++);
        int fd = open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
        if (fd < 0 && errno == EEXIST)
            continue;
        if (fd < 0)
            return NULL;
        unlink(name);
        FILE *fp = fdopen(fd, "w+");
        if (!fp)
            close(fd);
        return fp;
    }
    errno = EEXIST;
    return NULL;
}
FILE *tmpfile64(void) __attribute__((alias("tmpfile")));

/* ---- flushing ---- */

void px_stdio_flush_all(void) {
    for (PxFile *f = px_files; f; f = f->next)
        if (f->io == PX_IO_WRITE)
            px_flush(f);
}

/* fflush of an input stream that can seek gives back its read-ahead
 * (POSIX 2008), so the fd's offset is where the reader is. */
int fflush(FILE *fp) {
    if (!fp) {
        int r = 0;
        for (PxFile *f = px_files; f; f = f->next)
            if (f->io == PX_IO_WRITE && px_flush(f) < 0)
                r = EOF;
        return r;
    }
    PxFile *f = px_file(fp);
    if (f->io == PX_IO_WRITE)
        return px_flush(f) < 0 ? EOF : 0;
    px_drop_readahead(f);
    return 0;
}
int fflush_unlocked(FILE *fp) __attribute__((alias("fflush")));

int setvbuf(FILE *fp, char *buf, int mode, size_t size) {
    PxFile *f = px_file(fp);
    (void)buf; /* POSIX lets the implementation use its own buffer */
    if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF)
        return EOF; /* glibc sets no errno here */
    if (f->io == PX_IO_WRITE && px_flush(f) < 0)
        return EOF;
    px_drop_readahead(f);
    if (f->buf_mine)
        free(f->buf);
    f->buf = NULL;
    f->buf_mine = false;
    f->bufmode = mode;
    f->bufsize = mode == _IONBF ? 0 : size ? size : PX_BUFSIZ;
    px_idle(f);
    return 0;
}

void setbuf(FILE *fp, char *buf) {
    setvbuf(fp, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

void setbuffer(FILE *fp, char *buf, size_t size) {
    setvbuf(fp, buf, buf ? _IOFBF : _IONBF, size);
}

void setlinebuf(FILE *fp) {
    setvbuf(fp, NULL, _IOLBF, 0);
}

/* ---- positions ---- */

int fseeko(FILE *fp, off_t off, int whence) {
    PxFile *f = px_file(fp);
    if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)
        return px_fail(EINVAL);
    if (!f->ops->seek)
        return px_fail(ESPIPE);
    if (f->io == PX_IO_WRITE && px_flush(f) < 0)
        return -1;
    if (f->io == PX_IO_READ && whence == SEEK_CUR)
        off -= f->f._IO_read_end - f->f._IO_read_ptr;
    if (f->ops->seek(f, off, whence) < 0)
        return -1;
    px_idle(f);
    f->f._flags &= ~_IO_EOF_SEEN;
    return 0;
}
int fseeko64(FILE *fp, off_t off, int whence) __attribute__((alias("fseeko")));

int fseek(FILE *fp, long off, int whence) {
    return fseeko(fp, off, whence);
}

off_t ftello(FILE *fp) {
    PxFile *f = px_file(fp);
    if (!f->ops->seek)
        return px_fail(ESPIPE);
    off_t pos = f->ops->seek(f, 0, SEEK_CUR);
    if (pos < 0)
        return -1;
    if (f->io == PX_IO_READ)
        pos -= f->f._IO_read_end - f->f._IO_read_ptr;
    else if (f->io == PX_IO_WRITE)
        pos += f->f._IO_write_ptr - f->f._IO_write_base;
    return pos;
}
off_t ftello64(FILE *fp) __attribute__((alias("ftello")));

long ftell(FILE *fp) {
    return (long)ftello(fp);
}

void rewind(FILE *fp) {
    fseeko(fp, 0, SEEK_SET);
    fp->_flags &= ~_IO_ERR_SEEN;
}

int fgetpos(FILE *fp, fpos_t *pos) {
    off_t o = ftello(fp);
    if (o < 0)
        return -1;
    memset(pos, 0, sizeof *pos);
    pos->__pos = o;
    return 0;
}

_Static_assert(sizeof(fpos64_t) == sizeof(fpos_t), "fpos64_t is fpos_t");
int fgetpos64(FILE *fp, fpos64_t *pos) {
    return fgetpos(fp, (fpos_t *)pos);
}

int fsetpos(FILE *fp, const fpos_t *pos) {
    return fseeko(fp, pos->__pos, SEEK_SET);
}
int fsetpos64(FILE *fp, const fpos64_t *pos) {
    return fsetpos(fp, (const fpos_t *)pos);
}

/* ---- state ---- */

int fileno(FILE *fp) {
    PxFile *f = px_file(fp);
    return f->fd >= 0 ? f->fd : px_fail(EBADF);
}
int fileno_unlocked(FILE *fp) __attribute__((alias("fileno")));

int feof(FILE *fp) {
    return (fp->_flags & _IO_EOF_SEEN) != 0;
}
int feof_unlocked(FILE *fp) __attribute__((alias("feof")));

int ferror(FILE *fp) {
    return (fp->_flags & _IO_ERR_SEEN) != 0;
}
int ferror_unlocked(FILE *fp) __attribute__((alias("ferror")));

void clearerr(FILE *fp) {
    fp->_flags &= ~(_IO_EOF_SEEN | _IO_ERR_SEEN);
}
void clearerr_unlocked(FILE *fp) __attribute__((alias("clearerr")));

/* One task per process: stream locks have nothing to exclude. */
void flockfile(FILE *fp) {
    (void)fp;
}
int ftrylockfile(FILE *fp) {
    (void)fp;
    return 0;
}
void funlockfile(FILE *fp) {
    (void)fp;
}

/* <stdio_ext.h>, which gnulib-style code reads. */
size_t __fpending(FILE *fp) {
    return fp->_IO_write_ptr - fp->_IO_write_base;
}
size_t __fbufsize(FILE *fp) {
    return px_file(fp)->bufsize;
}
int __freading(FILE *fp) {
    PxFile *f = px_file(fp);
    return f->io == PX_IO_READ || f->mode == PXF_READ;
}
int __fwriting(FILE *fp) {
    PxFile *f = px_file(fp);
    return f->io == PX_IO_WRITE || f->mode == PXF_WRITE;
}
int __freadable(FILE *fp) {
    return (px_file(fp)->mode & PXF_READ) != 0;
}
int __fwritable(FILE *fp) {
    return (px_file(fp)->mode & PXF_WRITE) != 0;
}
int __flbf(FILE *fp) {
    return px_file(fp)->bufmode == _IOLBF;
}
void __fpurge(FILE *fp) {
    PxFile *f = px_file(fp);
    if (f->io == PX_IO_WRITE) {
        f->f._IO_write_ptr = f->f._IO_write_base;
        px_write_room(f);
    } else if (f->io == PX_IO_READ) {
        f->f._IO_read_ptr = f->f._IO_read_end;
    }
}
void _flushlbf(void) {
    for (PxFile *f = px_files; f; f = f->next)
        if (f->io == PX_IO_WRITE && f->bufmode == _IOLBF)
            px_flush(f);
}
int __fsetlocking(FILE *fp, int type) {
    (void)fp;
    (void)type;
    return FSETLOCKING_INTERNAL;
}
