/* gzip streams over axos fds (see zstream.h): zlib does the work, with
 * windowBits 15 + 16 for the gzip wrapper when writing and 15 + 32 (gzip
 * or zlib, detected) when reading; a reader goes on past the end of one
 * member when more input follows, as gunzip does. zlib is loaded at the
 * first stream (hostlib.h), so runs that compress nothing never load it. */
#include <string.h>

#include "zstream.h"

#define ZS_CHUNK 65536

#ifdef AXOS_HAVE_ZLIB
#include <zlib.h>

#include "hostlib.h"

#ifndef AXOS_ZLIB_SONAME
#define AXOS_ZLIB_SONAME "libz.so.1" /* zlib's ABI name on Linux */
#endif

/* The zlib functions the streams call. deflateInit2 and inflateInit2 are
 * macros over the _ forms, which take the header's version and stream
 * size so that zlib can check them: those are called here. */
#define ZS_ZLIB_FUNCTIONS                                                                          \
    X(deflate) X(deflateEnd) X(deflateInit2_) X(inflate) X(inflateEnd) X(inflateInit2_)           \
    X(inflateReset)
static struct {
#define X(fn) __typeof__(fn) *fn;
    ZS_ZLIB_FUNCTIONS
#undef X
} zs_zlib;
static const char *const zs_zlib_names[] = {
#define X(fn) #fn,
    ZS_ZLIB_FUNCTIONS
#undef X
};
static HostLib zs_zlib_lib = HOSTLIB_INIT(AXOS_ZLIB_SONAME, "", zs_zlib_names, zs_zlib);

struct ZStream {
    z_stream s;
    int fd;
    bool writer, ended, eof;
    unsigned char buf[ZS_CHUNK];
};

static voidpf zs_alloc(voidpf opaque, uInt items, uInt size)
{
    return u_calloc(items, size);
}

static void zs_free(voidpf opaque, voidpf p)
{
    u_free(p);
}

static ZStream *zs_new(int fd, bool writer)
{
    ZStream *z = u_calloc(1, sizeof *z);
    if (!z)
        return NULL;
    z->fd = fd;
    z->writer = writer;
    z->s.zalloc = zs_alloc;
    z->s.zfree = zs_free;
    return z;
}

ZStream *zs_writer(int fd, int level, SyscallError *err)
{
    if (!hostlib_load(&zs_zlib_lib)) {
        *err = AX_ENOSYS;
        return NULL;
    }
    ZStream *z = zs_new(fd, true);
    if (!z || zs_zlib.deflateInit2_(&z->s, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                    ZLIB_VERSION, (int)sizeof(z_stream)) != Z_OK) {
        u_free(z);
        *err = AX_ENOMEM;
        return NULL;
    }
    return z;
}

ZStream *zs_reader(int fd, SyscallError *err)
{
    if (!hostlib_load(&zs_zlib_lib)) {
        *err = AX_ENOSYS;
        return NULL;
    }
    ZStream *z = zs_new(fd, false);
    if (!z || zs_zlib.inflateInit2_(&z->s, 15 + 32, ZLIB_VERSION, (int)sizeof(z_stream)) != Z_OK) {
        u_free(z);
        *err = AX_ENOMEM;
        return NULL;
    }
    return z;
}

static int deflate_out(ZStream *z, int flush)
{
    int r;
    do {
        z->s.next_out = z->buf;
        z->s.avail_out = ZS_CHUNK;
        r = zs_zlib.deflate(&z->s, flush);
        if (r == Z_STREAM_ERROR)
            return -AX_EIO;
        int w = u_write_all(z->fd, z->buf, ZS_CHUNK - z->s.avail_out);
        if (w < 0)
            return w;
    } while (z->s.avail_out == 0);
    return flush == Z_FINISH && r != Z_STREAM_END ? -AX_EIO : 0;
}

int zs_write(ZStream *z, const void *buf, size_t n)
{
    while (n > 0) {
        uInt part = n > ZS_CHUNK ? ZS_CHUNK : (uInt)n;
        z->s.next_in = (Bytef *)buf;
        z->s.avail_in = part;
        int r = deflate_out(z, Z_NO_FLUSH);
        if (r < 0)
            return r;
        buf = (const char *)buf + part;
        n -= part;
    }
    return 0;
}

/* More compressed input: 1, 0 at its end, or -AX_* */
static int fill(ZStream *z)
{
    SyscallResult r;
    do
        r = sys_read(z->fd, z->buf, ZS_CHUNK);
    while (r.error == AX_EINTR);
    if (r.error != AX_OK)
        return -(int)r.error;
    z->s.next_in = z->buf;
    z->s.avail_in = (uInt)r.value;
    return r.value > 0;
}

int64_t zs_read(ZStream *z, void *buf, size_t n, const char **why)
{
    *why = NULL;
    if (n > 0x40000000)
        n = 0x40000000;
    z->s.next_out = buf;
    z->s.avail_out = (uInt)n;
    while (z->s.avail_out == n && !z->eof) {
        if (z->s.avail_in == 0) {
            int f = fill(z);
            if (f < 0)
                return f;
            if (f == 0) {
                z->eof = true;
                if (!z->ended) {
                    *why = "unexpected end of file";
                    return -AX_EIO;
                }
                break;
            }
        }
        if (z->ended) {
            /* another member follows */
            zs_zlib.inflateReset(&z->s);
            z->ended = false;
        }
        int r = zs_zlib.inflate(&z->s, Z_NO_FLUSH);
        if (r == Z_STREAM_END) {
            z->ended = true;
            continue;
        }
        if (r == Z_DATA_ERROR || r == Z_NEED_DICT) {
            *why = z->s.total_in <= 2 && !z->ended ? "not in gzip format" : "invalid compressed data--format violated";
            if (z->s.msg && strstr(z->s.msg, "header"))
                *why = "not in gzip format";
            return -AX_EIO;
        }
        if (r == Z_MEM_ERROR)
            return -AX_ENOMEM;
    }
    return (int64_t)(n - z->s.avail_out);
}

int zs_close(ZStream *z)
{
    int r = 0;
    if (z->writer) {
        z->s.next_in = NULL;
        z->s.avail_in = 0;
        r = deflate_out(z, Z_FINISH);
        zs_zlib.deflateEnd(&z->s);
    } else {
        zs_zlib.inflateEnd(&z->s);
    }
    u_free(z);
    return r;
}

#else

ZStream *zs_writer(int fd, int level, SyscallError *err)
{
    *err = AX_ENOSYS;
    return NULL;
}

ZStream *zs_reader(int fd, SyscallError *err)
{
    *err = AX_ENOSYS;
    return NULL;
}

int zs_write(ZStream *z, const void *buf, size_t n)
{
    return -AX_ENOSYS;
}

int64_t zs_read(ZStream *z, void *buf, size_t n, const char **why)
{
    *why = NULL;
    return -AX_ENOSYS;
}

int zs_close(ZStream *z)
{
    return -AX_ENOSYS;
}

#endif
