/* cat [-AbeEnstTuv] [FILE...]: copy files (or stdin, "-") to stdout. With
 * no option the bytes go straight through the fds in big reads and
 * writes; the numbering and marking options go line by line through the
 * buffered streams, with the line count running on across files. */
#include <string.h>

#include "ulib.h"

#define CAT_BUF 65536

typedef struct CatOpts {
    bool number, nonblank, squeeze, ends, tabs, nonprint;
    uint64_t line;    /* the last line number given */
    bool prev_blank;  /* the last line written was empty (for -s) */
    bool at_line_start;
} CatOpts;

/* Copy fd to stdout. Returns 0, 1 on a read error (reported), or -1 on a
 * write error (reported; cat stops there). */
static int copy_fd(int fd, const char *name, char *buf)
{
    for (;;) {
        SyscallResult r = sys_read(fd, buf, CAT_BUF);
        if (r.error != AX_OK) {
            u_perror("cat", name, r.error);
            return 1;
        }
        if (r.value == 0)
            return 0;
        int w = u_write_all(1, buf, (size_t)r.value);
        if (w < 0) {
            u_perror("cat", "write error", (SyscallError)-w);
            return -1;
        }
    }
}

/* One byte as -v shows it: ^X for controls, M- for the high half. */
static void put_visible(UStream *out, unsigned char c, const CatOpts *o)
{
    if (c == '\t' && !o->tabs) {
        u_putc(c, out);
        return;
    }
    if (c == '\t') {
        u_fputs("^I", out);
        return;
    }
    if (!o->nonprint) {
        u_putc(c, out);
        return;
    }
    if (c >= 128) {
        u_fputs("M-", out);
        c -= 128;
    }
    if (c < 32)
        u_putc('^', out), u_putc(c + 64, out);
    else if (c == 127)
        u_fputs("^?", out);
    else
        u_putc(c, out);
}

/* The line-by-line path. The state in o carries over between files, as
 * GNU cat numbers `cat -n a b` straight through. */
static int format_fd(int fd, const char *name, CatOpts *o)
{
    UStream *in = fd == 0 ? u_stdin() : u_fdopen(fd, "r");
    UStream *out = u_stdout();
    int c;
    while ((c = u_getc(in)) != -1) {
        if (o->at_line_start) {
            bool blank = c == '\n';
            if (blank && o->squeeze && o->prev_blank)
                continue;
            o->prev_blank = blank;
            if (o->number && !(o->nonblank && blank))
                u_fprintf(out, "%6llu\t", (unsigned long long)++o->line);
        }
        if (c == '\n') {
            if (o->ends)
                u_putc('$', out);
            u_putc('\n', out);
            o->at_line_start = true;
            continue;
        }
        o->at_line_start = false;
        put_visible(out, (unsigned char)c, o);
    }
    bool failed = u_ferror(in);
    if (fd != 0) {
        /* the stream owns the fd: closing it closes the fd */
        u_fclose(in);
    }
    if (failed) {
        u_perror("cat", name, AX_EIO);
        return 1;
    }
    return u_ferror(out) ? -1 : 0;
}

static const ULongOpt cat_longopts[] = {
    {"show-all", U_NO_ARG, 'A'},
    {"number-nonblank", U_NO_ARG, 'b'},
    {"show-ends", U_NO_ARG, 'E'},
    {"number", U_NO_ARG, 'n'},
    {"squeeze-blank", U_NO_ARG, 's'},
    {"show-tabs", U_NO_ARG, 'T'},
    {"show-nonprinting", U_NO_ARG, 'v'},
    {NULL, 0, 0},
};

int cat_main(int argc, char **argv)
{
    CatOpts o = {.at_line_start = true};
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "AbeEnstTuv", cat_longopts)) != -1) {
        switch (c) {
        case 'A': o.nonprint = o.ends = o.tabs = true; break;
        case 'b': o.number = o.nonblank = true; break;
        case 'e': o.nonprint = o.ends = true; break;
        case 'E': o.ends = true; break;
        case 'n': o.number = true; break;
        case 's': o.squeeze = true; break;
        case 't': o.nonprint = o.tabs = true; break;
        case 'T': o.tabs = true; break;
        case 'u': break;
        case 'v': o.nonprint = true; break;
        default: return 1;
        }
    }
    bool plain = !(o.number || o.squeeze || o.ends || o.tabs || o.nonprint);
    char *buf = plain ? xmalloc(CAT_BUF) : NULL;
    size_t nfiles;
    char *const *files = u_operands(argc, argv, g.ind, &nfiles);
    int status = 0;
    for (; *files; files++) {
        const char *name = *files;
        int fd = u_open_operand(name);
        if (fd < 0) {
            u_perror("cat", name, (SyscallError)-fd);
            status = 1;
            continue;
        }
        FileStat st; /* the plain path learns it from read */
        if (!plain && sys_fstat(fd, &st).error == AX_OK && AX_S_ISDIR(st.mode)) {
            u_perror("cat", name, AX_EISDIR);
            sys_close(fd);
            status = 1;
            continue;
        }
        int r = plain ? copy_fd(fd, name, buf) : format_fd(fd, name, &o);
        if (plain && fd != 0)
            sys_close(fd);
        if (r < 0)
            return 1;
        if (r > 0)
            status = 1;
    }
    return status;
}
