/* od [OPTION]... [FILE]...: dump files in octal and other formats, as GNU
 * od does: -t TYPE (a c d o u x with sizes 1 2 4 8, f with 4 8, z for the
 * text at the end), the traditional -b -c -d -o -s -x -i -l -f, the
 * address radix -A, -j (skip), -N (limit), -w (width), -v. Files are one
 * stream; lines equal to the one before print as "*" unless -v. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

typedef struct Spec {
    char kind;      /* a c d o u x f */
    int size;       /* bytes per unit */
    int width;      /* characters per field, without its leading space */
    int pad;        /* extra columns a line of this spec gets spread over it */
    bool text;      /* z: the printable bytes at the end */
} Spec;

typedef struct OdOpts {
    Spec *specs;
    size_t nspecs;
    char radix;      /* 'o' 'd' 'x' 'n' */
    uint64_t skip, limit;
    bool have_limit, verbose;
    size_t width;    /* bytes per line */
} OdOpts;

static int field_width(char kind, int size)
{
    static const int octal[] = {0, 3, 6, 0, 11, 0, 0, 0, 22};
    static const int hexw[] = {0, 2, 4, 0, 8, 0, 0, 0, 16};
    static const int sdec[] = {0, 4, 6, 0, 11, 0, 0, 0, 20};
    static const int udec[] = {0, 3, 5, 0, 10, 0, 0, 0, 20};
    switch (kind) {
    case 'o': return octal[size];
    case 'x': return hexw[size];
    case 'd': return sdec[size];
    case 'u': return udec[size];
    case 'f': return size == 4 ? 15 : 24;
    default: return 3; /* a, c */
    }
}

static bool add_spec(OdOpts *o, char kind, int size, bool text)
{
    o->specs = xrealloc(o->specs, (o->nspecs + 1) * sizeof *o->specs);
    o->specs[o->nspecs++] = (Spec){kind, size, field_width(kind, size), 0, text};
    return true;
}

/* One -t argument: several types in a row ("x1z", "d2c"). */
static bool parse_type(const char *prog, const char *arg, OdOpts *o)
{
    const char *p = arg;
    while (*p) {
        char kind = *p++;
        int size;
        switch (kind) {
        case 'a':
        case 'c': size = 1; break;
        case 'd':
        case 'o':
        case 'u':
        case 'x':
        case 'f':
            size = kind == 'f' ? 8 : 4;
            if (*p == 'C') size = 1, p++;
            else if (*p == 'S') size = 2, p++;
            else if (*p == 'I') size = 4, p++;
            else if (*p == 'L') size = 8, p++;
            else if (*p == 'F') size = 4, p++;
            else if (*p == 'D') size = 8, p++;
            else if (*p >= '0' && *p <= '9') {
                size = 0;
                while (*p >= '0' && *p <= '9')
                    size = size * 10 + (*p++ - '0');
            }
            if ((kind == 'f' && size != 4 && size != 8) ||
                (kind != 'f' && size != 1 && size != 2 && size != 4 && size != 8)) {
                u_eprintf("%s: invalid type string '%s';\n"
                          "this system doesn't provide a %d-byte %s type\n",
                          prog, arg, size, kind == 'f' ? "floating point" : "integral");
                return false;
            }
            break;
        default:
            u_eprintf("%s: invalid character '%c' in type string '%s'\n", prog, kind, arg);
            return false;
        }
        bool text = *p == 'z';
        if (text)
            p++;
        add_spec(o, kind, size, text);
    }
    return true;
}

static uint64_t unit_value(const unsigned char *b, int size)
{
    uint64_t v = 0;
    for (int i = size - 1; i >= 0; i--) /* little-endian, as the host */
        v = v << 8 | b[i];
    return v;
}

static void put_field(UStream *out, const Spec *s, const unsigned char *b, int width)
{
    static const char *const names[] = {"nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel",
                                        "bs",  "ht",  "nl",  "vt",  "ff",  "cr",  "so",  "si",
                                        "dle", "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb",
                                        "can", "em",  "sub", "esc", "fs",  "gs",  "rs",  "us"};
    char buf[64];
    uint64_t v = unit_value(b, s->size);
    switch (s->kind) {
    case 'o': snprintf(buf, sizeof buf, "%0*llo", s->width, (unsigned long long)v); break;
    case 'x': snprintf(buf, sizeof buf, "%0*llx", s->width, (unsigned long long)v); break;
    case 'u': snprintf(buf, sizeof buf, "%llu", (unsigned long long)v); break;
    case 'd': {
        int shift = 64 - 8 * s->size;
        int64_t sv = (int64_t)(v << shift) >> shift;
        snprintf(buf, sizeof buf, "%lld", (long long)sv);
        break;
    }
    case 'f':
        /* the shortest digits that read back as the same value, as GNU's
         * ftoastr gives them */
        if (s->size == 4) {
            float f;
            memcpy(&f, b, 4);
            for (int prec = 1; prec <= 9; prec++) {
                snprintf(buf, sizeof buf, "%.*g", prec, (double)f);
                if (strtof(buf, NULL) == f || f != f)
                    break;
            }
        } else {
            double d;
            memcpy(&d, b, 8);
            for (int prec = 1; prec <= 17; prec++) {
                snprintf(buf, sizeof buf, "%.*g", prec, d);
                if (strtod(buf, NULL) == d || d != d)
                    break;
            }
        }
        break;
    case 'a': {
        unsigned c = b[0] & 0x7f;
        if (c < 32)
            snprintf(buf, sizeof buf, "%s", names[c]);
        else if (c == 32)
            snprintf(buf, sizeof buf, "sp");
        else if (c == 127)
            snprintf(buf, sizeof buf, "del");
        else
            snprintf(buf, sizeof buf, "%c", c);
        break;
    }
    default: { /* c */
        unsigned char c = b[0];
        static const char esc[] = "\a\b\f\n\r\t\v";
        static const char *const escn[] = {"\\a", "\\b", "\\f", "\\n", "\\r", "\\t", "\\v"};
        const char *e = c ? strchr(esc, c) : NULL;
        if (c == 0)
            snprintf(buf, sizeof buf, "\\0");
        else if (e)
            snprintf(buf, sizeof buf, "%s", escn[e - esc]);
        else if (c >= 32 && c < 127)
            snprintf(buf, sizeof buf, "%c", c);
        else
            snprintf(buf, sizeof buf, "%03o", c);
    }
    }
    u_fprintf(out, " %*s", width, buf);
}

static void put_address(UStream *out, uint64_t a, char radix)
{
    switch (radix) {
    case 'd': u_fprintf(out, "%07llu", (unsigned long long)a); break;
    case 'x': u_fprintf(out, "%06llx", (unsigned long long)a); break;
    case 'n': break;
    default: u_fprintf(out, "%07llo", (unsigned long long)a); break;
    }
}

static void put_line(UStream *out, const OdOpts *o, uint64_t addr, const unsigned char *b,
                     size_t n)
{
    /* a short last line is padded with zero bytes to whole units */
    unsigned char *buf = xcalloc(1, o->width + 8);
    memcpy(buf, b, n);
    for (size_t s = 0; s < o->nspecs; s++) {
        const Spec *sp = &o->specs[s];
        if (s == 0)
            put_address(out, addr, o->radix);
        else if (o->radix != 'n')
            u_fprintf(out, "%*s", o->radix == 'x' ? 6 : 7, "");
        size_t fields = o->width / (size_t)sp->size;
        size_t used = (n + (size_t)sp->size - 1) / (size_t)sp->size;
        for (size_t i = 0; i < used; i++) {
            /* spread the spec's pad over its fields, as GNU does */
            int extra = (int)((uint64_t)sp->pad * (i + 1) / fields - (uint64_t)sp->pad * i / fields);
            put_field(out, sp, buf + i * (size_t)sp->size, sp->width + extra);
        }
        if (sp->text) {
            size_t blank = (fields - used) * (size_t)(sp->width + 1) +
                           (size_t)sp->pad - (size_t)((uint64_t)sp->pad * used / fields);
            u_fprintf(out, "%*s  >", (int)blank, "");
            for (size_t i = 0; i < n; i++)
                u_putc(b[i] >= 32 && b[i] < 127 ? b[i] : '.', out);
            u_putc('<', out);
        }
        u_putc('\n', out);
    }
    xfree(buf);
}

static int od_dump(char *const *files, size_t nfiles, OdOpts *o)
{
    UStream *out = u_stdout();
    unsigned char *line = xmalloc(o->width), *prev = xmalloc(o->width);
    size_t have = 0, fi = 0;
    bool have_prev = false, starred = false;
    uint64_t addr = o->skip, to_skip = o->skip, left = o->limit;
    int status = 0, fd = -1;
    for (;;) {
        /* fill one line from the stream of files */
        while (have < o->width && (!o->have_limit || left > 0)) {
            if (fd < 0) {
                if (fi == nfiles)
                    break;
                fd = u_open_operand(files[fi]);
                if (fd < 0) {
                    u_perror("od", files[fi], (SyscallError)-fd);
                    status = 1;
                    fi++;
                    continue;
                }
            }
            size_t want = o->width - have;
            if (o->have_limit && want > left)
                want = (size_t)left;
            unsigned char tmp[4096];
            size_t ask = to_skip ? (to_skip < sizeof tmp ? (size_t)to_skip : sizeof tmp) : want;
            SyscallResult r = sys_read(fd, to_skip ? tmp : line + have, ask);
            if (r.error != AX_OK || r.value == 0) {
                if (r.error != AX_OK) {
                    u_perror("od", files[fi], r.error);
                    status = 1;
                }
                if (fd != 0)
                    sys_close(fd);
                fd = -1;
                fi++;
                continue;
            }
            if (to_skip) {
                to_skip -= (uint64_t)r.value;
                continue;
            }
            have += (size_t)r.value;
            left -= o->have_limit ? (uint64_t)r.value : 0;
        }
        if (to_skip) {
            u_eprintf("od: cannot skip past end of combined input\n");
            status = 1;
            break;
        }
        if (have == 0)
            break;
        if (!o->verbose && have_prev && have == o->width && memcmp(line, prev, have) == 0) {
            if (!starred)
                u_fputs("*\n", out);
            starred = true;
        } else {
            put_line(out, o, addr, line, have);
            starred = false;
        }
        memcpy(prev, line, have);
        have_prev = have == o->width;
        addr += have;
        if (have < o->width)
            break;
        have = 0;
    }
    if (fd > 0)
        sys_close(fd);
    if (o->radix != 'n') {
        put_address(out, addr, o->radix);
        u_putc('\n', out);
    }
    xfree(line);
    xfree(prev);
    return status;
}

static const ULongOpt od_longopts[] = {
    {"address-radix", U_REQ_ARG, 'A'}, {"skip-bytes", U_REQ_ARG, 'j'},
    {"read-bytes", U_REQ_ARG, 'N'},    {"format", U_REQ_ARG, 't'},
    {"output-duplicates", U_NO_ARG, 'v'}, {"width", U_OPT_ARG, 'w'},
    {NULL, 0, 0},
};

int od_main(int argc, char **argv)
{
    OdOpts o = {.radix = 'o', .width = 16};
    UGetopt g = U_GETOPT_INIT;
    int c;
    uint64_t v;
    while ((c = u_getopt_long(&g, argc, argv, "A:j:N:t:vw::abcdfiloxs", od_longopts)) != -1) {
        switch (c) {
        case 'A':
            if (strlen(g.arg) != 1 || !strchr("odxn", g.arg[0])) {
                u_eprintf("od: invalid output address radix '%s'; it must be one character "
                          "from [doxn]\n", g.arg);
                return 1;
            }
            o.radix = g.arg[0];
            break;
        case 'j':
        case 'N':
            if (!u_parse_size(g.arg, &v)) {
                u_eprintf("od: invalid %s argument '%s'\n",
                          c == 'j' ? "--skip-bytes" : "--read-bytes", g.arg);
                return 1;
            }
            if (c == 'j')
                o.skip = v;
            else
                o.limit = v, o.have_limit = true;
            break;
        case 't':
            if (!parse_type(argv[0], g.arg, &o))
                return 1;
            break;
        case 'v': o.verbose = true; break;
        case 'w':
            v = 32;
            if (g.arg && (!u_parse_size(g.arg, &v) || v == 0)) {
                u_eprintf("od: invalid -w argument '%s'\n", g.arg);
                return 1;
            }
            o.width = (size_t)v;
            break;
        case 'a': add_spec(&o, 'a', 1, false); break;
        case 'b': add_spec(&o, 'o', 1, false); break;
        case 'c': add_spec(&o, 'c', 1, false); break;
        case 'd': add_spec(&o, 'u', 2, false); break;
        case 'o': add_spec(&o, 'o', 2, false); break;
        case 's': add_spec(&o, 'd', 2, false); break;
        case 'x': add_spec(&o, 'x', 2, false); break;
        case 'i': add_spec(&o, 'd', 4, false); break;
        case 'l': add_spec(&o, 'd', 8, false); break;
        case 'f': add_spec(&o, 'f', 4, false); break;
        default: return 1;
        }
    }
    if (o.nspecs == 0)
        add_spec(&o, 'o', 2, false);
    /* the line must hold whole units of every type */
    for (size_t i = 0; i < o.nspecs; i++) {
        if (o.width % (size_t)o.specs[i].size) {
            u_eprintf("od: warning: invalid width %zu; using %d instead\n", o.width,
                      o.specs[i].size);
            o.width = (size_t)o.specs[i].size;
        }
    }
    /* line up the types: every line gets the width of the widest */
    size_t line_w = 0;
    for (size_t i = 0; i < o.nspecs; i++) {
        size_t w = (size_t)(o.specs[i].width + 1) * (o.width / (size_t)o.specs[i].size);
        if (w > line_w)
            line_w = w;
    }
    for (size_t i = 0; i < o.nspecs; i++)
        o.specs[i].pad = (int)(line_w - (size_t)(o.specs[i].width + 1) *
                                            (o.width / (size_t)o.specs[i].size));
    size_t n;
    char *const *files = u_operands(argc, argv, g.ind, &n);
    return od_dump(files, n, &o);
}
