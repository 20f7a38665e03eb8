/* truncate -s SIZE | -r RFILE [-c] FILE...: set each FILE's size,
 * creating it unless -c, as GNU truncate does. SIZE may have a K, M, G...
 * suffix and a prefix: + (extend by), - (reduce by), < (at most), > (at
 * least), / (round down to a multiple), % (round up to a multiple);
 * with -r too, the prefix applies to RFILE's size. */
#include <string.h>

#include "ulib.h"

int truncate_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"no-create", U_NO_ARG, 'c'}, {"io-blocks", U_NO_ARG, 'o'},
        {"reference", U_REQ_ARG, 'r'}, {"size", U_REQ_ARG, 's'}, {NULL, 0, 0},
    };
    bool no_create = false;
    const char *size_arg = NULL, *ref = NULL;
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "cor:s:", longopts)) != -1) {
        switch (c) {
        case 'c': no_create = true; break;
        case 'o': break;
        case 'r': ref = g.arg; break;
        case 's': size_arg = g.arg; break;
        default: return 1;
        }
    }
    if (!size_arg && !ref) {
        u_usage_error("truncate", "you must specify either '--size' or '--reference'");
        return 1;
    }
    if (g.ind == argc) {
        u_usage_error("truncate", "missing file operand");
        return 1;
    }
    char op = 0;
    uint64_t size = 0;
    if (size_arg) {
        const char *s = size_arg;
        while (*s == ' ')
            s++;
        if (strchr("+-<>/%", *s) && *s)
            op = *s++;
        if (!u_parse_size(s, &size) || *s == '-' || *s == '+') {
            u_eprintf("truncate: Invalid number: '%s'\n", size_arg);
            return 1;
        }
        if ((op == '/' || op == '%') && size == 0) {
            u_eprintf("truncate: division by zero\n");
            return 1;
        }
    }
    /* -r: its size, or with a relative -s the base the prefix applies to */
    bool have_ref = false;
    uint64_t ref_size = 0;
    if (ref) {
        FileStat st;
        SyscallResult r = sys_stat(ref, &st);
        if (r.error != AX_OK) {
            u_eprintf("truncate: cannot stat '%s': %s\n", ref, sys_strerror(r.error));
            return 1;
        }
        have_ref = true;
        ref_size = st.size;
        if (!size_arg)
            size = st.size;
    }
    int status = 0;
    for (int i = g.ind; i < argc; i++) {
        int flags = AX_O_WRONLY | (no_create ? 0 : AX_O_CREAT);
        SyscallResult fd = sys_open(argv[i], flags, 0644);
        if (fd.error == AX_ENOENT && no_create)
            continue;
        if (fd.error != AX_OK) {
            u_eprintf("truncate: cannot open '%s' for writing: %s\n", argv[i],
                      sys_strerror(fd.error));
            status = 1;
            continue;
        }
        FileStat st;
        sys_fstat((int)fd.value, &st);
        uint64_t cur = have_ref ? ref_size : st.size, want = size;
        switch (op) {
        case '+': want = cur + size; break;
        case '-': want = cur > size ? cur - size : 0; break;
        case '<': want = cur < size ? cur : size; break;
        case '>': want = cur > size ? cur : size; break;
        case '/': want = cur / size * size; break;
        case '%': want = (cur + size - 1) / size * size; break;
        default: break;
        }
        SyscallResult r = sys_ftruncate((int)fd.value, (int64_t)want);
        sys_close((int)fd.value);
        if (r.error != AX_OK) {
            u_eprintf("truncate: failed to truncate '%s' at %llu bytes: %s\n", argv[i],
                      (unsigned long long)want, sys_strerror(r.error));
            status = 1;
        }
    }
    return status;
}
