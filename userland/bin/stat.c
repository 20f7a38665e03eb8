/* stat [-L] [-c FORMAT] FILE...: show what the filesystem knows about a
 * file; a symbolic link is described itself (-L: what it leads to). */
#include <stdio.h>

#include "ulib.h"

static const char *type_name(const FileStat *st)
{
    switch (st->mode & AX_S_IFMT) {
    case AX_S_IFDIR: return "directory";
    case AX_S_IFCHR: return "character special file";
    case AX_S_IFIFO: return "fifo";
    case AX_S_IFSOCK: return "socket";
    case AX_S_IFLNK: return "symbolic link";
    case AX_S_IFREG: return st->size ? "regular file" : "regular empty file";
    default: return "unknown";
    }
}

/* %N: the quoted name, and a symbolic link's target after " -> ". */
static void put_quoted_name(UStream *out, const char *name, const FileStat *st)
{
    u_fprintf(out, "'%s'", name);
    char target[AX_PATH_MAX];
    SyscallResult r;
    if (AX_S_ISLNK(st->mode) && (r = sys_readlink(name, target, sizeof target - 1)).error == AX_OK)
        u_fprintf(out, " -> '%.*s'", (int)r.value, target);
}

static void put_time(UStream *out, uint64_t stamp, int64_t boot)
{
    UTm tm;
    char buf[64];
    u_gmtime((int64_t)stamp + boot, &tm);
    u_strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S.%N %z", &tm);
    u_fputs(buf, out);
}

static void put_seconds(UStream *out, uint64_t stamp, int64_t boot)
{
    u_fprintf(out, "%lld", (long long)(((int64_t)stamp + boot) / 1000000000));
}

/* -c FORMAT: %n name, %N quoted name, %s size, %b blocks, %B block size,
 * %f raw mode in hex, %F type, %a octal mode, %A mode string, %i inode,
 * %h links, %d / %D device, %u / %g / %U / %G owner and group (ids /
 * names from the account files), %o I/O size, %t / %T device major and
 * minor (hex), %W / %w birth (unknown: 0 /
 * -), %Y / %y modification time (seconds / readable), %X / %x access,
 * %Z / %z change, %% a percent sign. --printf also reads backslash escapes
 * and adds no newline. */
static void put_format(UStream *out, const char *fmt, const char *name, const FileStat *st,
                       int64_t boot, bool printf_style, const UAccounts *acc)
{
    char mode[11], idbuf[12];
    for (const char *p = fmt; *p; p++) {
        if (printf_style && *p == '\\' && p[1]) {
            size_t used;
            int c = u_unescape(p + 1, 0, &used);
            if (c >= 0) {
                u_putc(c, out);
                p += used;
                continue;
            }
        }
        if (*p != '%' || p[1] == '\0') {
            u_putc(*p, out);
            continue;
        }
        switch (*++p) {
        case 'N': put_quoted_name(out, name, st); break;
        case 'b': u_fprintf(out, "%llu", (unsigned long long)st->blocks); break;
        case 'B': u_fputs("512", out); break;
        case 'o': u_fputs("4096", out); break;
        case 'f': u_fprintf(out, "%x", st->mode); break;
        case 'D': u_fprintf(out, "%llx", (unsigned long long)st->dev); break;
        case 'u': u_fprintf(out, "%u", st->uid); break;
        case 'g': u_fprintf(out, "%u", st->gid); break;
        case 'U': u_fputs(u_account_name(acc, true, st->uid, idbuf), out); break;
        case 'G': u_fputs(u_account_name(acc, false, st->gid, idbuf), out); break;
        /* Linux's dev_t: major in bits 8-19, minor in 0-7 and 20-31 */
        case 't': u_fprintf(out, "%llx", (unsigned long long)((st->rdev >> 8) & 0xfff)); break;
        case 'T':
            u_fprintf(out, "%llx",
                      (unsigned long long)((st->rdev & 0xff) | ((st->rdev >> 12) & ~0xffull)));
            break;
        case 'W': u_putc('0', out); break;
        case 'w': u_putc('-', out); break;
        case 'n': u_fputs(name, out); break;
        case 's': u_fprintf(out, "%llu", (unsigned long long)st->size); break;
        case 'F': u_fputs(type_name(st), out); break;
        case 'a': u_fprintf(out, "%o", st->mode & 07777); break;
        case 'A': u_mode_string(st->mode, mode); u_fputs(mode, out); break;
        case 'i': u_fprintf(out, "%llu", (unsigned long long)st->ino); break;
        case 'h': u_fprintf(out, "%u", st->nlink); break;
        case 'd': u_fprintf(out, "%llu", (unsigned long long)st->dev); break;
        case 'X': put_seconds(out, st->atime_ns, boot); break;
        case 'Y': put_seconds(out, st->mtime_ns, boot); break;
        case 'Z': put_seconds(out, st->ctime_ns, boot); break;
        case 'x': put_time(out, st->atime_ns, boot); break;
        case 'y': put_time(out, st->mtime_ns, boot); break;
        case 'z': put_time(out, st->ctime_ns, boot); break;
        case '%': u_putc('%', out); break;
        default: u_putc('%', out); u_putc(*p, out); break;
        }
    }
    if (!printf_style)
        u_putc('\n', out);
}

static void put_full(UStream *out, const char *name, const FileStat *st, int64_t boot,
                     const UAccounts *acc)
{
    char mode[11], ub[12], gb[12];
    u_mode_string(st->mode, mode);
    char target[AX_PATH_MAX];
    SyscallResult r;
    if (AX_S_ISLNK(st->mode) && (r = sys_readlink(name, target, sizeof target - 1)).error == AX_OK)
        u_fprintf(out, "  File: %s -> %.*s\n", name, (int)r.value, target);
    else
        u_fprintf(out, "  File: %s\n", name);
    u_fprintf(out, "  Size: %-10llu\t%s\n", (unsigned long long)st->size, type_name(st));
    u_fprintf(out, "Device: %llu\tInode: %llu\tLinks: %u\n", (unsigned long long)st->dev,
              (unsigned long long)st->ino, st->nlink);
    u_fprintf(out, "Access: (%04o/%s)  Uid: (%5u/%8s)   Gid: (%5u/%8s)\n", st->mode & 07777, mode,
              st->uid, u_account_name(acc, true, st->uid, ub), st->gid,
              u_account_name(acc, false, st->gid, gb));
    u_fputs("Access: ", out);
    put_time(out, st->atime_ns, boot);
    u_fputs("\nModify: ", out);
    put_time(out, st->mtime_ns, boot);
    u_fputs("\nChange: ", out);
    put_time(out, st->ctime_ns, boot);
    u_putc('\n', out);
}

int stat_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    const char *format = NULL;
    bool printf_style = false, deref = false;
    enum { OPT_PRINTF = 256 };
    static const ULongOpt longopts[] = {
        {"format", U_REQ_ARG, 'c'},  {"printf", U_REQ_ARG, OPT_PRINTF},
        {"dereference", U_NO_ARG, 'L'}, {"terse", U_NO_ARG, 't'}, {NULL, 0, 0},
    };
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "c:Lt", longopts)) != -1) {
        switch (c) {
        case 'c': format = g.arg; printf_style = false; break;
        case OPT_PRINTF: format = g.arg; printf_style = true; break;
        case 'L': deref = true; break;
        case 't': format = "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o"; break;
        default: return 1;
        }
    }
    if (g.ind >= argc) {
        u_eprintf("stat: missing operand\nTry 'stat --help' for more information.\n");
        return 1;
    }
    int64_t boot = u_boot_realtime();
    UStream *out = u_stdout();
    int status = 0;
    UAccounts acc;
    u_accounts_load(&acc);
    for (int i = g.ind; i < argc; i++) {
        FileStat st;
        /* a symbolic link is described itself, unless -L (GNU) */
        SyscallResult r = deref ? sys_stat(argv[i], &st) : sys_lstat(argv[i], &st);
        if (r.error != AX_OK) {
            u_eprintf("stat: cannot stat '%s': %s\n", argv[i], sys_strerror(r.error));
            status = 1;
            continue;
        }
        if (format)
            put_format(out, format, argv[i], &st, boot, printf_style, &acc);
        else
            put_full(out, argv[i], &st, boot, &acc);
    }
    u_accounts_free(&acc);
    return status;
}
