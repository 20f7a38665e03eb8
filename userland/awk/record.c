/* awk's records and fields (XCU awk, "Input", "Fields" and RS/FS): the
 * record is split only when a field or NF is used, with the FS that was
 * current when the record was read; assigning a field or NF rebuilds $0
 * with OFS. Records come from ARGV's files in order (or stdin), with the
 * var=value operands taking effect as they are reached. */
#include <ctype.h>
#include <string.h>

#include "awk.h"

/* ---- the record ---- */

static void fs_snapshot(Awk *A)
{
    if (!A->fs_dirty && A->fs_cur)
        return;
    char t[AWK_NUMBUF];
    size_t len;
    const char *fs = awk_cell_str(A, &A->globals[V_FS].c, t, &len);
    xfree(A->fs_cur);
    A->fs_cur = xstrndup(fs, len);
    A->fs_dirty = false;
    if (A->fs_re_ok) {
        regfree(&A->fs_re);
        A->fs_re_ok = false;
    }
}

void awk_record_set(Awk *A, const char *s, size_t n)
{
    fs_snapshot(A);
    for (size_t i = 1; i <= A->nf; i++)
        awk_cell_free(&A->fields[i]);
    A->nf = 0;
    awk_cell_set_input(&A->fields[0], s, n);
    A->split_done = false;
}

static void ensure_fields(Awk *A, size_t n)
{
    if (n + 1 <= A->fcap)
        return;
    size_t cap = A->fcap * 2 > n + 1 ? A->fcap * 2 : n + 1;
    A->fields = xrealloc(A->fields, cap * sizeof *A->fields);
    memset(A->fields + A->fcap, 0, (cap - A->fcap) * sizeof *A->fields);
    A->fcap = cap;
}

static bool paragraph_mode(Awk *A)
{
    Cell *rs = &A->globals[V_RS].c;
    return (rs->flags & CF_STR) && rs->len == 0;
}

static regex_t *fs_regex(Awk *A, const char *fs)
{
    if (!A->fs_re_ok) {
        awk_re_compile(A, &A->fs_re, fs);
        A->fs_re_ok = true;
    }
    return &A->fs_re;
}

/* Split s by fs (or re when fs is NULL) into arr (when not NULL, as
 * arr[1..n]) or the fields; returns the count. fs " " splits at runs of
 * blanks and newlines, ignoring them at both ends; any other single
 * character splits at each one of it (in paragraph mode newlines too);
 * "" splits into characters; a longer fs is an ERE. */
size_t awk_split(Awk *A, const char *s, size_t n, const char *fs, regex_t *re, AwkArray *arr)
{
    size_t count = 0;
    const char *end = s + n;
#define EMIT(p, len)                                                                              \
    do {                                                                                          \
        count++;                                                                                  \
        if (arr) {                                                                                \
            char kb[24];                                                                          \
            size_t kl = u_utoa(count, kb);                                                        \
            awk_cell_set_input(awk_array_get(arr, kb, kl, true), (p), (len));                             \
        } else {                                                                                  \
            ensure_fields(A, count);                                                              \
            awk_cell_set_input(&A->fields[count], (p), (len));                                        \
        }                                                                                         \
    } while (0)
    if (n == 0)
        return 0;
    bool para = paragraph_mode(A);
    if (!re && fs[0] == ' ' && fs[1] == '\0') {
        const char *p = s;
        for (;;) {
            while (p < end && (*p == ' ' || *p == '\t' || *p == '\n'))
                p++;
            if (p == end)
                break;
            const char *q = p;
            while (q < end && *q != ' ' && *q != '\t' && *q != '\n')
                q++;
            EMIT(p, (size_t)(q - p));
            p = q;
        }
        return count;
    }
    if (!re && fs[0] == '\0') {
        for (const char *p = s; p < end; p++)
            EMIT(p, 1);
        return count;
    }
    bool single = !re && fs[1] == '\0' && fs[0] != ' ';
    if (single || (!re && fs[0] == '\\' && fs[2] == '\0')) {
        char c = single ? fs[0] : fs[1];
        const char *p = s;
        for (;;) {
            const char *q = p;
            while (q < end && *q != c && !(para && *q == '\n'))
                q++;
            EMIT(p, (size_t)(q - p));
            if (q == end)
                break;
            p = q + 1;
        }
        return count;
    }
    if (!re)
        re = fs_regex(A, fs);
    const char *p = s;
    for (;;) {
        regmatch_t m;
        int flags = p > s ? REG_NOTBOL : 0;
        const char *q = p;
        bool found = false;
        /* an empty match cannot separate fields: look further */
        while (q <= end && regexec(re, q, 1, &m, q > s ? REG_NOTBOL : flags) == 0) {
            if (m.rm_eo > m.rm_so) {
                found = true;
                break;
            }
            if (q + m.rm_so >= end)
                break;
            q += m.rm_so + 1;
        }
        if (!found) {
            EMIT(p, (size_t)(end - p));
            break;
        }
        const char *ms = q + m.rm_so, *me = q + m.rm_eo;
        if (para) { /* a newline also separates */
            const char *nl = memchr(p, '\n', (size_t)(ms - p));
            if (nl) {
                ms = nl;
                me = nl + 1;
            }
        }
        EMIT(p, (size_t)(ms - p));
        p = me;
    }
    return count;
#undef EMIT
}

static void set_nf_var(Awk *A)
{
    awk_cell_set_num(&A->globals[V_NF].c, (double)A->nf);
    A->globals[V_NF].kind = V_SCALAR;
}

void awk_fields_split(Awk *A)
{
    if (A->split_done)
        return;
    A->split_done = true;
    char t[AWK_NUMBUF];
    size_t len;
    const char *s = awk_cell_str(A, &A->fields[0], t, &len);
    char *copy = xstrndup(s, len); /* fields[] may move while splitting */
    if (!A->fs_cur)
        fs_snapshot(A);
    const char *fs = A->fs_cur;
    if (paragraph_mode(A) && fs[0] == ' ' && fs[1] == '\0')
        fs = " "; /* newlines are blanks already */
    A->nf = awk_split(A, copy, len, fs, NULL, NULL);
    xfree(copy);
    set_nf_var(A);
}

/* $n: NULL past NF unless create, which extends NF (and $0 later) */
Cell *awk_field_ref(Awk *A, double d, bool create)
{
    if (d < 0)
        awk_fatal(A, "trying to access out of range field %lld", (long long)d);
    size_t n = (size_t)d;
    if (n == 0)
        return &A->fields[0];
    awk_fields_split(A);
    if (n > A->nf) {
        if (!create)
            return NULL;
        if (n > 10000000)
            awk_fatal(A, "field index %zu is too large", n);
        ensure_fields(A, n);
        for (size_t i = A->nf + 1; i <= n; i++)
            A->fields[i] = (Cell){0};
        A->nf = n;
        set_nf_var(A);
    }
    return &A->fields[n];
}

static void rebuild(Awk *A)
{
    AwkBuf b = {0};
    awk_buf_add(&b, "", 0);
    char t[AWK_NUMBUF], ts[AWK_NUMBUF];
    size_t len, slen;
    const char *ofs = awk_cell_str(A, &A->globals[V_OFS].c, ts, &slen);
    char *sep = xstrndup(ofs, slen);
    for (size_t i = 1; i <= A->nf; i++) {
        if (i > 1)
            awk_buf_add(&b, sep, slen);
        const char *s = awk_cell_ostr(A, &A->fields[i], t, &len);
        awk_buf_add(&b, s, len);
    }
    xfree(sep);
    awk_cell_take_str(&A->fields[0], b.s, b.len);
}

void awk_field_assigned(Awk *A, size_t n)
{
    if (n == 0) {
        /* a new $0: split again, with the FS of now */
        Cell c = A->fields[0];
        A->fields[0] = (Cell){0};
        char t[AWK_NUMBUF];
        size_t len;
        const char *s = awk_cell_str(A, &c, t, &len);
        A->fs_dirty = true;
        awk_record_set(A, s, len);
        awk_cell_free(&c);
        return;
    }
    rebuild(A);
}

void awk_nf_assigned(Awk *A)
{
    awk_fields_split(A);
    double d = awk_cell_num(&A->globals[V_NF].c);
    if (d < 0)
        awk_fatal(A, "NF set to negative value");
    size_t n = (size_t)d;
    if (n > 10000000)
        awk_fatal(A, "NF set to a value too large");
    if (n > A->nf) {
        ensure_fields(A, n);
        for (size_t i = A->nf + 1; i <= n; i++)
            A->fields[i] = (Cell){0};
    } else {
        for (size_t i = n + 1; i <= A->nf; i++)
            awk_cell_free(&A->fields[i]);
    }
    A->nf = n;
    set_nf_var(A);
    rebuild(A);
}

void awk_special_set(Awk *A, int idx)
{
    if (idx == V_NF)
        awk_nf_assigned(A);
    else if (idx == V_FS)
        A->fs_dirty = true;
}

/* ---- reading records ---- */

/* One record of in with the current RS into rec: 1, or 0 at EOF. */
int awk_record_read(Awk *A, AwkIn *in, AwkBuf *rec)
{
    rec->len = 0;
    awk_buf_add(rec, "", 0);
    if (in->eof)
        return 0;
    char t[AWK_NUMBUF];
    size_t rslen;
    const char *rs = awk_cell_str(A, &A->globals[V_RS].c, t, &rslen);
    if (rslen == 1) {
        char *line = NULL;
        size_t cap = 0;
        int64_t n = u_getdelim(&line, &cap, (unsigned char)rs[0], in->s);
        if (n < 0) {
            xfree(line);
            in->eof = true;
            return 0;
        }
        if (n > 0 && line[n - 1] == rs[0])
            n--;
        awk_buf_add(rec, line, (size_t)n);
        xfree(line);
        return 1;
    }
    if (rslen == 0) {
        /* paragraph mode: blank lines separate records */
        char *line = NULL;
        size_t cap = 0;
        int64_t n;
        bool any = false;
        while ((n = u_getline(&line, &cap, in->s)) >= 0) {
            size_t l = (size_t)n;
            if (l > 0 && line[l - 1] == '\n')
                l--;
            if (l == 0) {
                if (any)
                    break;
                continue;
            }
            if (any)
                awk_buf_addc(rec, '\n');
            awk_buf_add(rec, line, l);
            any = true;
        }
        xfree(line);
        if (!any) {
            in->eof = true;
            return 0;
        }
        return 1;
    }
    /* a regex RS (an extension of GNU awk and mawk): the rest at once */
    if (!in->all_read) {
        AwkBuf all = {0};
        char buf[8192];
        size_t got;
        awk_buf_add(&all, "", 0);
        while ((got = u_fread(buf, sizeof buf, in->s)) > 0)
            awk_buf_add(&all, buf, got);
        in->all = all.s;
        in->all_len = all.len;
        in->all_pos = 0;
        in->all_read = true;
    }
    if (in->all_pos >= in->all_len) {
        in->eof = true;
        return 0;
    }
    char *rsz = xstrndup(rs, rslen);
    regex_t *re = awk_re_dynamic(A, rsz);
    xfree(rsz);
    const char *p = in->all + in->all_pos;
    regmatch_t m;
    if (regexec(re, p, 1, &m, in->all_pos ? REG_NOTBOL : 0) == 0 && m.rm_eo > m.rm_so) {
        awk_buf_add(rec, p, (size_t)m.rm_so);
        in->all_pos += (size_t)m.rm_eo;
    } else {
        awk_buf_add(rec, p, in->all_len - in->all_pos);
        in->all_pos = in->all_len;
    }
    return 1;
}

/* Is arg "name=value" with name a valid identifier? Then assign it (the
 * value's escapes decoded, a numeric string when it looks like one). */
bool awk_assignment_arg(Awk *A, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg || !(isalpha((unsigned char)arg[0]) || arg[0] == '_'))
        return false;
    for (const char *p = arg; p < eq; p++)
        if (!isalnum((unsigned char)*p) && *p != '_')
            return false;
    char *name = xstrndup(arg, (size_t)(eq - arg));
    int idx = awk_global_find(A, name);
    if (idx >= 0) {
        Var *v = &A->globals[idx];
        if (v->kind == V_ARRAY || idx == V_ENVIRON || idx == V_ARGV)
            awk_fatal(A, "can't assign to %s; it's an array name.", name);
        size_t len;
        char *val = awk_unescape(eq + 1, strlen(eq + 1), &len);
        v->kind = V_SCALAR;
        awk_cell_set_input(&v->c, val, len);
        xfree(val);
        awk_special_set(A, idx);
    }
    xfree(name);
    return true;
}

/* Open the next ARGV file (doing assignments on the way): true when one is open. */
bool awk_next_file(Awk *A)
{
    for (;;) {
        int argc = (int)awk_cell_num(&A->globals[V_ARGC].c);
        if (A->argi >= argc) {
            if (A->used_stdin)
                return false;
            A->used_stdin = true; /* no file operand: standard input */
            A->main_in = (AwkIn){.s = u_stdin()};
            A->main_open = true;
            awk_cell_set_str(&A->globals[V_FILENAME].c, "", 0);
            return true;
        }
        char key[24];
        size_t kl = u_utoa((uint64_t)A->argi++, key);
        Cell *c = awk_array_get(awk_var_array(A, &A->globals[V_ARGV]), key, kl, false);
        if (!c)
            continue;
        char t[AWK_NUMBUF];
        size_t len;
        const char *arg = awk_cell_str(A, c, t, &len);
        if (len == 0)
            continue;
        if (awk_assignment_arg(A, arg))
            continue;
        char *name = xstrndup(arg, len);
        UStream *s;
        SyscallError err = AX_OK;
        if (strcmp(name, "-") == 0 || strcmp(name, "/dev/stdin") == 0)
            s = u_stdin();
        else
            s = u_fopen(name, "r", &err);
        if (!s) {
            u_fflush(u_stdout());
            u_eprintf("awk: cannot open '%s' (%s)\n", name, sys_strerror(err));
            xfree(name);
            A->exit_status = 2;
            continue;
        }
        FileStat st;
        if (sys_fstat(u_fileno(s), &st).error == AX_OK && (st.mode & AX_S_IFMT) == AX_S_IFDIR) {
            u_eprintf("awk: warning: command line argument '%s' is a directory: skipped\n",
                      name);
            u_fclose(s);
            xfree(name);
            continue;
        }
        A->used_stdin = true; /* a file operand: stdin is not read by default */
        A->main_in = (AwkIn){.s = s};
        A->main_open = true;
        awk_cell_set_str(&A->globals[V_FILENAME].c, name, strlen(name));
        xfree(name);
        awk_cell_set_num(&A->globals[V_FNR].c, 0);
        return true;
    }
}

void awk_main_skip_file(Awk *A)
{
    if (!A->main_open)
        return;
    if (A->main_in.s != u_stdin())
        u_fclose(A->main_in.s);
    xfree(A->main_in.all);
    A->main_in = (AwkIn){0};
    A->main_open = false;
}

int awk_main_next(Awk *A)
{
    AwkBuf rec = {0};
    for (;;) {
        if (A->main_done) {
            xfree(rec.s);
            return 0;
        }
        if (!A->main_open && !awk_next_file(A)) {
            A->main_done = true;
            continue;
        }
        if (awk_record_read(A, &A->main_in, &rec)) {
            awk_record_set(A, rec.s, rec.len);
            xfree(rec.s);
            Var *nr = &A->globals[V_NR], *fnr = &A->globals[V_FNR];
            awk_cell_set_num(awk_var_scalar(A, nr), awk_cell_num(&nr->c) + 1);
            awk_cell_set_num(awk_var_scalar(A, fnr), awk_cell_num(&fnr->c) + 1);
            return 1;
        }
        awk_main_skip_file(A);
    }
}
