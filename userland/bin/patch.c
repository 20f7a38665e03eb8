/* patch [-p N] [-R] [-i PATCHFILE] [--dry-run] [-s] [ORIGFILE [PATCHFILE]]:
 * apply a unified diff (diff -u's output, several files in one patch)
 * with GNU patch's messages: a hunk is looked for where it says, then
 * further and further away (the offset is reported); a hunk that does not
 * fit goes to FILE.rej. Without -p only the base name of a file is used
 * (POSIX). A patch whose first hunk fits only reversed is skipped, as GNU
 * patch does when nobody can answer its question. Exit status: 0, 1 when
 * a hunk failed, 2 for trouble (an unreadable patch, only garbage). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

typedef struct PLine {
    const char *s;
    size_t n;     /* without the newline */
    bool no_eol;  /* the file's last line, with no newline */
} PLine;

typedef struct PLines {
    PLine *v;
    size_t n, cap;
} PLines;

typedef struct PHunk {
    size_t old_start, new_start;
    PLines old, new;
    const char *text; /* the hunk as given, for .rej */
    size_t text_len;
} PHunk;

typedef struct PatchOpts {
    int strip;        /* -1: the base name */
    bool reverse, dry_run, silent;
    const char *origfile;
    int status;
} PatchOpts;

static void pl_add(PLines *l, const char *s, size_t n, bool no_eol)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = (PLine){s, n, no_eol};
}

/* Cut text into lines (pointers into it). */
static void pl_split(PLines *l, const char *text, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        pl_add(l, text + pos, end - pos, !nl);
        pos = nl ? end + 1 : len;
    }
}

static bool pl_same(const PLine *a, const PLine *b)
{
    return a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
}

/* A header line's file name: up to a tab (the time follows), -p applied */
static char *patch_name(const PatchOpts *o, const char *s, size_t n)
{
    const char *tab = memchr(s, '\t', n);
    if (tab)
        n = (size_t)(tab - s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\r'))
        n--;
    char *name = xstrndup(s, n);
    if (strcmp(name, "/dev/null") == 0)
        return name;
    const char *p = name;
    if (o->strip < 0) {
        const char *slash = strrchr(p, '/');
        if (slash && slash[1])
            p = slash + 1;
    } else {
        for (int i = 0; i < o->strip; i++) {
            const char *slash = strchr(p, '/');
            if (!slash)
                break;
            p = slash + 1;
            while (*p == '/')
                p++;
        }
    }
    char *r = xstrdup(p);
    xfree(name);
    return r;
}

/* Does the hunk's old text sit at line pos of f? */
static bool fits_at(const PLines *f, const PLines *old, size_t pos)
{
    if (pos + old->n > f->n)
        return false;
    for (size_t i = 0; i < old->n; i++)
        if (!pl_same(&f->v[pos + i], &old->v[i]))
            return false;
    return true;
}

/* Where the hunk fits, looking from want outwards but not before min:
 * the line index, or -1. */
static long find_hunk(const PLines *f, const PLines *old, size_t want, size_t min)
{
    size_t maxd = f->n + 1;
    for (size_t d = 0; d <= maxd; d++) {
        if (want + d >= min && want + d <= f->n && fits_at(f, old, want + d))
            return (long)(want + d);
        if (d && want >= d && want - d >= min && fits_at(f, old, want - d))
            return (long)(want - d);
    }
    return -1;
}

static void write_rej(const char *path, const char *name, PHunk *h, bool *failed, size_t nh)
{
    SyscallResult r = sys_open(path, AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, 0666);
    if (r.error != AX_OK) {
        u_eprintf("patch: **** Can't create file %s : %s\n", path, sys_strerror(r.error));
        return;
    }
    UStream *s = u_fdopen((int)r.value, "w");
    u_fprintf(s, "--- %s\n+++ %s\n", name, name);
    for (size_t i = 0; i < nh; i++)
        if (failed[i])
            u_fwrite(h[i].text, h[i].text_len, s);
    u_fclose(s);
}

/* The end of a "N out of M hunks ..." line: where the rejects went. */
static void save_rejects(PatchOpts *o, const char *name, PHunk *h, bool *failed, size_t nh)
{
    if (!o->dry_run) {
        char *rej = xmalloc(strlen(name) + 5);
        sprintf(rej, "%s.rej", name);
        u_printf(" -- saving rejects to file %s", rej);
        write_rej(rej, name, h, failed, nh);
        xfree(rej);
    }
    u_printf("\n");
    o->status = o->status > 1 ? o->status : 1;
}

/* Apply hunks h[0..nh) to the file named name. */
static void apply_file(PatchOpts *o, const char *oldname, const char *newname, PHunk *h, size_t nh,
                       int header_line, const char *hdr, size_t hdr_len)
{
    bool creating = strcmp(oldname, "/dev/null") == 0;
    bool deleting = strcmp(newname, "/dev/null") == 0;
    const char *name = o->origfile ? o->origfile : creating ? newname : oldname;
    if (!o->origfile && !creating && !deleting) {
        FileStat st;
        if (sys_stat(oldname, &st).error != AX_OK && sys_stat(newname, &st).error == AX_OK)
            name = newname;
    }
    if (o->reverse) {
        for (size_t i = 0; i < nh; i++) {
            PLines t = h[i].old;
            h[i].old = h[i].new;
            h[i].new = t;
            size_t s = h[i].old_start;
            h[i].old_start = h[i].new_start;
            h[i].new_start = s;
        }
        bool t = creating;
        creating = deleting;
        deleting = t;
    }
    char *data = NULL;
    size_t len = 0;
    uint32_t mode = 0666;
    FileStat st;
    bool exists = sys_stat(name, &st).error == AX_OK;
    if (!exists && !creating) {
        u_printf("can't find file to patch at input line %d\n", header_line);
        u_printf("Perhaps you %s the -p or --strip option?\n",
                 o->strip < 0 ? "should have used" : "used the wrong");
        u_printf("The text leading up to this was:\n--------------------------\n");
        for (size_t i = 0; i < hdr_len;) {
            const char *nl = memchr(hdr + i, '\n', hdr_len - i);
            size_t e = nl ? (size_t)(nl - hdr) : hdr_len;
            u_printf("|%.*s\n", (int)(e - i), hdr + i);
            i = e + 1;
        }
        u_printf("--------------------------\nNo file to patch.  Skipping patch.\n");
        u_printf("%zu out of %zu hunk%s ignored\n", nh, nh, nh == 1 ? "" : "s");
        o->status = o->status > 1 ? o->status : 1;
        return;
    }
    if (exists) {
        mode = st.mode & 07777;
        int fd = u_open_operand(name);
        if (fd < 0 || u_read_all(fd, &data, &len) != AX_OK) {
            u_eprintf("patch: **** Can't open file %s : %s\n", name,
                      sys_strerror(fd < 0 ? (SyscallError)-fd : AX_EIO));
            if (fd >= 0)
                sys_close(fd);
            o->status = 2;
            return;
        }
        sys_close(fd);
    }
    u_printf("%s file %s\n", o->dry_run ? "checking" : "patching", name);
    PLines f = {0}, out = {0};
    pl_split(&f, data ? data : "", len);
    bool *failed = xcalloc(nh ? nh : 1, sizeof *failed);
    size_t nfailed = 0, cursor = 0;
    long delta = 0; /* lines added so far, for the reported positions */
    for (size_t i = 0; i < nh; i++) {
        size_t want = h[i].old.n == 0 ? h[i].old_start : (h[i].old_start ? h[i].old_start - 1 : 0);
        long at = find_hunk(&f, &h[i].old, want, cursor);
        if (at < 0 && i == 0 && find_hunk(&f, &h[i].new, h[i].new_start ? h[i].new_start - 1 : 0, 0) >= 0 &&
            h[i].new.n > 0) {
            /* only the reverse fits: GNU patch's question, answered no */
            u_printf("Reversed (or previously applied) patch detected!  %s [n] \n",
                     o->reverse ? "Ignore -R?" : "Assume -R?");
            u_printf("Apply anyway? [n] \nSkipping patch.\n");
            u_printf("%zu out of %zu hunk%s ignored", nh, nh, nh == 1 ? "" : "s");
            for (size_t k = 0; k < nh; k++)
                failed[k] = true;
            save_rejects(o, name, h, failed, nh);
            goto done;
        }
        if (at < 0) {
            failed[i] = true;
            nfailed++;
            u_printf("Hunk #%zu FAILED at %zu.\n", i + 1, h[i].old_start);
            continue;
        }
        for (size_t k = cursor; k < (size_t)at; k++)
            pl_add(&out, f.v[k].s, f.v[k].n, f.v[k].no_eol);
        for (size_t k = 0; k < h[i].new.n; k++)
            pl_add(&out, h[i].new.v[k].s, h[i].new.v[k].n, h[i].new.v[k].no_eol);
        cursor = (size_t)at + h[i].old.n;
        long offset = at - (long)want;
        if (offset != 0)
            u_printf("Hunk #%zu succeeded at %ld (offset %ld line%s).\n", i + 1,
                     at + 1 + delta, offset,
                     labs(offset) == 1 ? "" : "s");
        delta += (long)h[i].new.n - (long)h[i].old.n;
    }
    for (size_t k = cursor; k < f.n; k++)
        pl_add(&out, f.v[k].s, f.v[k].n, f.v[k].no_eol);
    if (!o->dry_run) {
        if (deleting && out.n == 0) {
            sys_unlink(name);
        } else {
            SyscallResult r = sys_open(name, AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, mode);
            if (r.error != AX_OK) {
                u_eprintf("patch: **** Can't create file %s : %s\n", name, sys_strerror(r.error));
                o->status = 2;
                goto done;
            }
            UStream *s = u_fdopen((int)r.value, "w");
            for (size_t k = 0; k < out.n; k++) {
                u_fwrite(out.v[k].s, out.v[k].n, s);
                if (!out.v[k].no_eol || k + 1 < out.n)
                    u_putc('\n', s);
            }
            u_fclose(s);
        }
    }
    if (nfailed) {
        u_printf("%zu out of %zu hunk%s FAILED", nfailed, nh, nh == 1 ? "" : "s");
        save_rejects(o, name, h, failed, nh);
    }
done:
    xfree(failed);
    xfree(f.v);
    xfree(out.v);
    xfree(data);
}

/* "@@ -a[,b] +c[,d] @@": false when the line is not one */
static bool hunk_header(const char *s, size_t *a, size_t *b, size_t *c, size_t *d)
{
    char *end;
    if (strncmp(s, "@@ -", 4) != 0)
        return false;
    *a = strtoul(s + 4, &end, 10);
    *b = 1;
    if (*end == ',')
        *b = strtoul(end + 1, &end, 10);
    if (strncmp(end, " +", 2) != 0)
        return false;
    *c = strtoul(end + 2, &end, 10);
    *d = 1;
    if (*end == ',')
        *d = strtoul(end + 1, &end, 10);
    return strncmp(end, " @@", 3) == 0;
}

static void run_patch(PatchOpts *o, char *text, size_t len)
{
    PLines in = {0};
    pl_split(&in, text, len);
    size_t i = 0, files = 0, hdr_start = 0;
    while (i < in.n) {
        const PLine *l = &in.v[i];
        if (!(l->n > 4 && strncmp(l->s, "--- ", 4) == 0 && i + 1 < in.n &&
              in.v[i + 1].n > 4 && strncmp(in.v[i + 1].s, "+++ ", 4) == 0)) {
            if (l->n >= 4 && strncmp(l->s, "diff", 4) == 0)
                hdr_start = i;
            i++;
            continue;
        }
        if (hdr_start < files)
            hdr_start = i;
        int header_line = (int)i + 3; /* GNU: the line after +++ */
        char *oldname = patch_name(o, l->s + 4, l->n - 4);
        char *newname = patch_name(o, in.v[i + 1].s + 4, in.v[i + 1].n - 4);
        const char *hdr = in.v[hdr_start < i ? hdr_start : i].s;
        size_t hdr_len = (size_t)(in.v[i + 1].s + in.v[i + 1].n - hdr);
        i += 2;
        PHunk *h = NULL;
        size_t nh = 0;
        char *lz = NULL;
        size_t a, b, c, d;
        while (i < in.n) {
            xfree(lz);
            lz = xstrndup(in.v[i].s, in.v[i].n);
            if (!hunk_header(lz, &a, &b, &c, &d))
                break;
            h = xrealloc(h, (nh + 1) * sizeof *h);
            PHunk *hk = &h[nh++];
            *hk = (PHunk){.old_start = a, .new_start = c, .text = in.v[i].s};
            i++;
            while (i < in.n && (hk->old.n < b || hk->new.n < d)) {
                const PLine *x = &in.v[i];
                char kind = x->n ? x->s[0] : ' ';
                const char *s = x->n ? x->s + 1 : x->s;
                size_t n = x->n ? x->n - 1 : 0;
                if (kind == ' ') {
                    pl_add(&hk->old, s, n, false);
                    pl_add(&hk->new, s, n, false);
                } else if (kind == '-') {
                    pl_add(&hk->old, s, n, false);
                } else if (kind == '+') {
                    pl_add(&hk->new, s, n, false);
                } else if (kind != '\\') {
                    break;
                }
                i++;
                /* "\ No newline at end of file" marks the line before */
                if (i < in.n && in.v[i].n > 0 && in.v[i].s[0] == '\\') {
                    if (kind != '+' && hk->old.n)
                        hk->old.v[hk->old.n - 1].no_eol = true;
                    if (kind != '-' && hk->new.n)
                        hk->new.v[hk->new.n - 1].no_eol = true;
                    i++;
                }
            }
            hk->text_len = (size_t)((i < in.n ? in.v[i].s : text + len) - hk->text);
        }
        xfree(lz);
        if (nh) {
            files++;
            apply_file(o, oldname, newname, h, nh, header_line, hdr, hdr_len);
        }
        for (size_t k = 0; k < nh; k++) {
            xfree(h[k].old.v);
            xfree(h[k].new.v);
        }
        xfree(h);
        xfree(oldname);
        xfree(newname);
        hdr_start = i;
    }
    xfree(in.v);
    if (files == 0) {
        u_eprintf("patch: **** Only garbage was found in the patch input.\n");
        o->status = 2;
    }
}

int patch_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"strip", U_REQ_ARG, 'p'}, {"reverse", U_NO_ARG, 'R'}, {"input", U_REQ_ARG, 'i'},
        {"dry-run", U_NO_ARG, 256}, {"silent", U_NO_ARG, 's'}, {"quiet", U_NO_ARG, 's'},
        {"forward", U_NO_ARG, 'N'}, {"batch", U_NO_ARG, 't'}, {"force", U_NO_ARG, 'f'},
        {NULL, 0, 0},
    };
    PatchOpts o = {.strip = -1};
    const char *input = NULL;
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "p:Ri:sNtf", longopts)) != -1) {
        switch (c) {
        case 'p': {
            int64_t v;
            if (!u_parse_i64(g.arg, &v) || v < 0 || v > 1000000) {
                u_eprintf("patch: **** strip count %s is not a number\n", g.arg);
                return 2;
            }
            o.strip = (int)v;
            break;
        }
        case 'R': o.reverse = true; break;
        case 'i': input = g.arg; break;
        case 256: o.dry_run = true; break;
        case 's': o.silent = true; break;
        case 'N': case 't': case 'f': break;
        default: return 2;
        }
    }
    if (g.ind < argc)
        o.origfile = argv[g.ind];
    if (g.ind + 1 < argc)
        input = argv[g.ind + 1];
    if (g.ind + 2 < argc) {
        u_usage_error("patch", "extra operand '%s'", argv[g.ind + 2]);
        return 2;
    }
    int fd = input ? u_open_operand(input) : 0;
    if (fd < 0) {
        u_eprintf("patch: **** Can't open patch file %s : %s\n", input,
                  sys_strerror((SyscallError)-fd));
        return 2;
    }
    char *text;
    size_t len;
    SyscallError err = u_read_all(fd, &text, &len);
    if (fd != 0)
        sys_close(fd);
    if (err != AX_OK) {
        u_eprintf("patch: **** read error : %s\n", sys_strerror(err));
        return 2;
    }
    if (o.silent) {
        /* -s: only errors; the messages above go to stdout, so drop them */
        SyscallResult r = sys_open("/dev/null", AX_O_WRONLY, 0);
        if (r.error == AX_OK) {
            u_fflush(u_stdout());
            sys_dup2((int)r.value, 1);
            sys_close((int)r.value);
        }
    }
    run_patch(&o, text, len);
    xfree(text);
    return o.status;
}
