/* strace-style text for events, driven by the argument formats of
 * syscalls.def:  open("/etc/motd", O_RDONLY) = 3 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "trace/trace.h"

static const char *const format_argfmts[AX_SYS_COUNT] = {
#define AX_SYSCALL(num, name, fmt) [num] = fmt,
#include "axos/syscalls.def"
#undef AX_SYSCALL
};

const char *trace_argfmt(SyscallNo no) {
    const char *f = (unsigned)no < AX_SYS_COUNT ? format_argfmts[no] : NULL;
    return f ? f : "";
}

/* ---- the string builder ---- */

void tbuf_put(TraceBuf *b, const char *s, size_t n) {
    if (b->len + 1 >= b->cap)
        return;
    size_t room = b->cap - 1 - b->len;
    if (n > room)
        n = room;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void tbuf_puts(TraceBuf *b, const char *s) {
    tbuf_put(b, s, strlen(s));
}

void tbuf_printf(TraceBuf *b, const char *fmt, ...) {
    char tmp[320];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0)
        tbuf_put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* ---- argument printers ---- */

/* Bytes as a C string literal, escaped the way strace does it. */
static void format_quoted(TraceBuf *b, const char *s, size_t n, bool cut) {
    tbuf_put(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        switch (c) {
        case '\n': esc = "\\n"; break;
        case '\t': esc = "\\t"; break;
        case '\r': esc = "\\r"; break;
        case '\v': esc = "\\v"; break;
        case '\f': esc = "\\f"; break;
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        }
        if (esc) {
            tbuf_puts(b, esc);
        } else if (c >= 0x20 && c < 0x7f) {
            tbuf_put(b, (const char *)&c, 1);
        } else {
            /* octal, three digits when a digit follows (so it reads back) */
            bool digit_next = i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7';
            tbuf_printf(b, digit_next ? "\\%03o" : "\\%o", c);
        }
    }
    tbuf_put(b, "\"", 1);
    if (cut)
        tbuf_puts(b, "...");
}

/* Addresses change from one host run to the next, and a trace must not:
 * a real address prints as <ptr>. Small values are sentinels, not
 * addresses (AX_SIG_IGN is 1), and print as numbers. */
#define FORMAT_LOW_VALUES 4096

static void format_pointer(TraceBuf *b, uint64_t v) {
    if (v == 0)
        tbuf_puts(b, "NULL");
    else if (v < FORMAT_LOW_VALUES)
        tbuf_printf(b, "%#llx", (unsigned long long)v);
    else
        tbuf_puts(b, "<ptr>");
}

static void format_open_flags(TraceBuf *b, uint64_t v) {
    static const struct {
        unsigned bit;
        const char *name;
    } flags[] = {
        {AX_O_CREAT, "O_CREAT"},       {AX_O_EXCL, "O_EXCL"},
        {AX_O_NOCTTY, "O_NOCTTY"},     {AX_O_TRUNC, "O_TRUNC"},
        {AX_O_APPEND, "O_APPEND"},     {AX_O_NONBLOCK, "O_NONBLOCK"},
        {AX_O_DIRECTORY, "O_DIRECTORY"}, {AX_O_CLOEXEC, "O_CLOEXEC"},
    };
    static const char *const modes[] = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"};
    unsigned f = (unsigned)v;
    tbuf_puts(b, modes[f & AX_O_ACCMODE]);
    f &= ~(unsigned)AX_O_ACCMODE;
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (f & flags[i].bit) {
            tbuf_put(b, "|", 1);
            tbuf_puts(b, flags[i].name);
            f &= ~flags[i].bit;
        }
    if (f)
        tbuf_printf(b, "|%#o", f);
}

static void format_signal(TraceBuf *b, uint64_t v) {
    const char *name = sys_signame((int)(int64_t)v);
    if (name)
        tbuf_puts(b, name);
    else
        tbuf_printf(b, "%d", (int)(int64_t)v);
}

/* argv captured as NUL-separated strings: ["ls", "-l"] */
static void format_argv(TraceBuf *b, const char *cap, size_t len, bool cut) {
    tbuf_put(b, "[", 1);
    for (size_t at = 0; at < len;) {
        size_t n = strnlen(cap + at, len - at);
        if (at)
            tbuf_puts(b, ", ");
        format_quoted(b, cap + at, n, false);
        at += n + 1;
    }
    if (cut)
        tbuf_puts(b, len ? ", ..." : "...");
    tbuf_put(b, "]", 1);
}

static bool format_failed(const TraceEvent *e) {
    return ksys_is_error(e->value);
}

/* Argument i with format c; slot is its capture slot for s/b/B/v. */
static void format_arg(TraceBuf *b, const TraceEvent *e, int i, char c, int slot) {
    uint64_t v = e->u.sc.args[i];
    bool captured = slot < 2;
    const char *cap = captured ? e->u.sc.cap[slot] : NULL;
    size_t len = captured ? e->u.sc.len[slot] : 0;
    bool cut = captured && (e->flags & (TRACE_EV_CUT0 << slot));
    switch (c) {
    case 'd': tbuf_printf(b, "%d", (int)(int64_t)v); break;
    case 'u': tbuf_printf(b, "%llu", (unsigned long long)v); break;
    case 'x': tbuf_printf(b, v ? "%#llx" : "0", (unsigned long long)v); break;
    case 'o': tbuf_printf(b, "%#03llo", (unsigned long long)v); break;
    case 'l': tbuf_printf(b, "%lld", (long long)v); break;
    case 'n': tbuf_printf(b, "%llu", (unsigned long long)v); break;
    case 'f': format_open_flags(b, v); break;
    case 'S': format_signal(b, v); break;
    case 's':
    case 'b':
        if (v && captured)
            format_quoted(b, cap, len, cut);
        else
            format_pointer(b, v);
        break;
    case 'B':
        /* an output buffer shows its bytes only when the call filled it */
        if (v && captured && !format_failed(e))
            format_quoted(b, cap, len, cut);
        else
            format_pointer(b, v);
        break;
    case 'v':
        if (v && captured)
            format_argv(b, cap, len, cut);
        else
            format_pointer(b, v);
        break;
    default: format_pointer(b, v); break;
    }
}

static void format_syscall(const TraceEvent *e, TraceBuf *b) {
    const char *f = trace_argfmt((SyscallNo)e->no);
    tbuf_puts(b, e->name);
    tbuf_put(b, "(", 1);
    int slot = 0;
    for (int i = 0; i < 6 && f[i]; i++) {
        /* strace leaves out open's mode unless O_CREAT makes it matter */
        if (f[i] == 'o' && i > 0 && f[i - 1] == 'f' && !(e->u.sc.args[i - 1] & AX_O_CREAT))
            continue;
        if (i)
            tbuf_puts(b, ", ");
        format_arg(b, e, i, f[i], slot);
        if (strchr("sbBv", f[i]))
            slot++;
    }
    tbuf_puts(b, ") = ");
    if (format_failed(e)) {
        SyscallError err = (SyscallError)-e->value;
        tbuf_printf(b, "-1 %s (%s)", sys_errname(err), sys_strerror(err));
    } else if (e->no == AX_SYS_heap_alloc || e->no == AX_SYS_heap_realloc ||
               e->no == AX_SYS_signal) {
        if ((uint64_t)e->value < FORMAT_LOW_VALUES)
            tbuf_printf(b, "%lld", (long long)e->value);
        else
            tbuf_puts(b, "<ptr>");
    } else {
        tbuf_printf(b, "%lld", (long long)e->value);
    }
}

const char *trace_event_name(const TraceEvent *e) {
    return e->cat == TRACE_CUSTOM ? e->u.text : e->name;
}

const char *trace_event_detail(const TraceEvent *e) {
    if (e->cat == TRACE_SYSCALL)
        return "";
    if (e->cat == TRACE_CUSTOM)
        return e->u.text + strlen(e->u.text) + 1;
    return e->u.text;
}

static void format_exit(const TraceEvent *e, TraceBuf *b) {
    int st = (int)e->value;
    if (AX_WIFSIGNALED(st)) {
        tbuf_puts(b, "+++ killed by ");
        format_signal(b, (uint64_t)AX_WTERMSIG(st));
        tbuf_puts(b, " +++");
    } else {
        tbuf_printf(b, "+++ exited with %d +++", AX_WEXITSTATUS(st));
    }
}

void trace_format(const TraceEvent *e, TraceBuf *b) {
    const char *name = trace_event_name(e), *detail = trace_event_detail(e);
    switch (e->cat) {
    case TRACE_SYSCALL:
        format_syscall(e, b);
        return;
    case TRACE_SIGNAL:
        tbuf_printf(b, "--- %s (%s) ---", detail, name);
        return;
    case TRACE_PROC:
        if (strcmp(name, "exit") == 0)
            format_exit(e, b);
        else
            tbuf_printf(b, "+++ %s %s +++", name, detail);
        return;
    case TRACE_CUSTOM:
        tbuf_printf(b, detail[0] ? "--- %s: %s ---" : "--- %s%s ---", name, detail);
        return;
    default:
        tbuf_printf(b, detail[0] ? "--- %s %s: %s ---" : "--- %s %s%s ---",
                    trace_category_name(e->cat), name, detail);
        return;
    }
}

const char *trace_category_name(int cat) {
    static const char *const names[] = {
        [TRACE_SYSCALL] = "syscall", [TRACE_SCHED] = "sched", [TRACE_PROC] = "proc",
        [TRACE_SIGNAL] = "signal",   [TRACE_TIMER] = "timer", [TRACE_MEMORY] = "memory",
        [TRACE_IPC] = "ipc",         [TRACE_CUSTOM] = "custom",
        [TRACE_FAULT] = "fault",
    };
    return cat >= 0 && cat <= TRACE_FAULT ? names[cat] : "?";
}
