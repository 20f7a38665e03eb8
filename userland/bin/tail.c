/* tail [-n [+]N] [-c [+]N] [-N] [-qvz] [-f|-F] [-s SEC] [--pid=PID]
 * [FILE...]: the last lines or bytes, or everything from line / byte N
 * with "+N". A regular file is read backwards from its end, so the last
 * lines of a big file cost little; anything else is read whole. With -f
 * (or -F, which follows the name and waits for it) tail then keeps
 * checking the files and prints what is appended, every -s seconds of
 * kernel time, until it is killed or --pid's process has ended. */
#include <string.h>

#include "ulib.h"

#define TAIL_CHUNK 65536

/* Offset in buf[0..len) where the output starts. */
static size_t start_of(const char *buf, size_t len, const UCountOpts *o)
{
    bool from = o->sign == '+';
    char d = o->delim;
    if (o->bytes) {
        if (from)
            return o->count > 1 ? (o->count - 1 < len ? (size_t)o->count - 1 : len) : 0;
        return o->count >= len ? 0 : len - (size_t)o->count;
    }
    if (from) {
        size_t i = 0;
        for (uint64_t line = 1; line < o->count && i < len; line++) {
            const char *nl = memchr(buf + i, d, len - i);
            i = nl ? (size_t)(nl - buf) + 1 : len;
        }
        return i;
    }
    if (o->count == 0)
        return len;
    /* Walk back: the last line may lack its end. */
    size_t i = len;
    if (i > 0 && buf[i - 1] == d)
        i--;
    uint64_t seen = 0;
    while (i > 0) {
        if (buf[i - 1] == d && ++seen == o->count)
            break;
        i--;
    }
    return i;
}

/* The last N lines of a regular file of `size` bytes: read chunks from the
 * end until enough line ends are in hand, then copy from there. */
static SyscallError tail_regular(int fd, uint64_t size, const UCountOpts *o)
{
    uint64_t pos = size, have = 0;
    char *buf = NULL;
    size_t start = 0;
    for (;;) {
        uint64_t step = pos < TAIL_CHUNK ? pos : TAIL_CHUNK;
        pos -= step;
        char *more = xmalloc((size_t)(have + step) + 1);
        if (sys_lseek(fd, (int64_t)pos, AX_SEEK_SET).error != AX_OK) {
            xfree(more);
            xfree(buf);
            return AX_ESPIPE;
        }
        size_t got = 0;
        while (got < step) {
            SyscallResult r = sys_read(fd, more + got, (size_t)step - got);
            if (r.error != AX_OK) {
                xfree(more);
                xfree(buf);
                return r.error;
            }
            if (r.value == 0)
                break;
            got += (size_t)r.value;
        }
        if (buf)
            memcpy(more + got, buf, (size_t)have);
        xfree(buf);
        buf = more;
        have += got;
        start = start_of(buf, (size_t)have, o);
        /* enough when the count was met inside what we hold (not at its
         * very start, which a line end before it might move) */
        if (pos == 0 || start > 0)
            break;
    }
    u_put_stdout("tail", buf + start, (size_t)have - start);
    xfree(buf);
    sys_lseek(fd, (int64_t)size, AX_SEEK_SET);
    return AX_OK;
}

static SyscallError tail_fd(int fd, void *ctx)
{
    const UCountOpts *o = ctx;
    FileStat st;
    if (sys_fstat(fd, &st).error == AX_OK && AX_S_ISREG(st.mode)) {
        if (o->bytes && o->sign != '+') {
            uint64_t from = o->count >= st.size ? 0 : st.size - o->count;
            sys_lseek(fd, (int64_t)from, AX_SEEK_SET);
        } else if (!o->bytes && o->sign != '+' && st.size > 0) {
            return tail_regular(fd, st.size, o);
        }
    }
    char *buf;
    size_t len;
    SyscallError err = u_read_all(fd, &buf, &len);
    if (err != AX_OK)
        return err;
    size_t start = o->bytes && o->sign != '+' ? (len > o->count ? len - (size_t)o->count : 0)
                                              : start_of(buf, len, o);
    u_put_stdout("tail", buf + start, len - start);
    xfree(buf);
    return AX_OK;
}

/* ---- following ---- */

typedef struct Followed {
    const char *name;
    int fd;         /* -1 while missing (with --retry) */
    uint64_t ino;
    uint64_t off;   /* bytes printed so far */
} Followed;

/* Copy what was appended to f since the last look. Prints a header when
 * the output switches files. Returns false when nothing was new. */
static bool drain(Followed *f, const UCountOpts *o, Followed **last, bool headers)
{
    FileStat st;
    if (sys_fstat(f->fd, &st).error != AX_OK)
        return false;
    if (AX_S_ISREG(st.mode) && st.size < f->off) {
        u_eprintf("tail: %s: file truncated\n", f->name);
        f->off = 0;
    }
    if (AX_S_ISREG(st.mode) && st.size == f->off)
        return false;
    if (sys_lseek(f->fd, (int64_t)f->off, AX_SEEK_SET).error != AX_OK && AX_S_ISREG(st.mode))
        return false;
    char buf[4096];
    bool any = false;
    for (;;) {
        SyscallResult r = sys_read(f->fd, buf, sizeof buf);
        if (r.error != AX_OK || r.value == 0)
            break;
        if (!any && headers && *last != f)
            u_printf("\n==> %s <==\n", f->name);
        any = true;
        *last = f;
        u_put_stdout("tail", buf, (size_t)r.value);
        f->off += (uint64_t)r.value;
    }
    return any;
}

/* -F: reopen a name that was removed, replaced or has come back. */
static void recheck_name(Followed *f)
{
    FileStat st;
    bool exists = sys_stat(f->name, &st).error == AX_OK;
    if (f->fd >= 0 && exists && st.ino == f->ino)
        return;
    if (f->fd >= 0 && !exists) {
        u_eprintf("tail: '%s' has become inaccessible: No such file or directory\n", f->name);
        sys_close(f->fd);
        f->fd = -1;
        return;
    }
    if (!exists)
        return;
    SyscallResult r = sys_open(f->name, AX_O_RDONLY, 0);
    if (r.error != AX_OK)
        return;
    if (f->fd >= 0) {
        u_eprintf("tail: '%s' has been replaced;  following new file\n", f->name);
        sys_close(f->fd);
    } else {
        u_eprintf("tail: '%s' has appeared;  following new file\n", f->name);
    }
    f->fd = (int)r.value;
    f->ino = st.ino;
    f->off = 0;
}

static int follow(char *const *files, size_t n, const UCountOpts *o, bool headers)
{
    Followed *fs = xcalloc(n, sizeof *fs);
    size_t live = 0;
    for (size_t i = 0; i < n; i++) {
        fs[i].name = files[i];
        fs[i].fd = -1;
        FileStat st;
        bool is_stdin = strcmp(files[i], "-") == 0;
        if (is_stdin)
            continue; /* a pipe has nothing more to give once read */
        SyscallResult r = sys_open(files[i], AX_O_RDONLY, 0);
        if (r.error == AX_OK && sys_fstat((int)r.value, &st).error == AX_OK) {
            fs[i].fd = (int)r.value;
            fs[i].ino = st.ino;
            fs[i].off = st.size;
            live++;
        } else if (o->retry && o->follow == 'n') {
            live++;
        }
    }
    Followed *last = n ? &fs[n - 1] : NULL;
    while (live > 0) {
        if (o->pid > 0 && sys_kill(o->pid, 0).error == AX_ESRCH)
            break;
        if (sys_sleep(o->sleep_ns).error != AX_OK)
            break;
        for (size_t i = 0; i < n; i++) {
            if (o->follow == 'n')
                recheck_name(&fs[i]);
            if (fs[i].fd >= 0)
                drain(&fs[i], o, &last, headers);
        }
        u_fflush(u_stdout());
    }
    for (size_t i = 0; i < n; i++)
        if (fs[i].fd >= 0)
            sys_close(fs[i].fd);
    xfree(fs);
    return 0;
}

int tail_main(int argc, char **argv)
{
    UCountOpts o;
    int first = u_count_options(argv[0], argc, argv, true, &o);
    if (first < 0)
        return 1;
    size_t n;
    char *const *files = u_operands(argc, argv, first, &n);
    bool headers = o.verbose == 1 || (o.verbose == -1 && n > 1);
    int status = u_each_input("tail", files, n, headers, tail_fd, &o);
    if (o.follow) {
        u_fflush(u_stdout());
        follow(files, n, &o, headers);
    }
    return status;
}
