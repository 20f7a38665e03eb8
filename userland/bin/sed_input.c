/* sed's input: the files read as one stream (or, with -s and -i, one
 * after another, each with its own line numbers and last line), one line
 * read ahead so that '$' is known; and -i's writing of each file's new
 * content beside it, renamed over it when the file is done. */
#include <string.h>

#include "sed.h"

bool sed_open_next(Sed *S)
{
    while (S->next_file < S->nfiles) {
        const char *name = S->files[S->next_file++];
        SyscallError err;
        UStream *s = u_input_open(name, &err);
        if (!s) {
            u_eprintf("sed: can't read %s: %s\n", name, sys_strerror(err));
            S->status = 2;
            continue;
        }
        if (S->in_place) {
            FileStat st;
            if (strcmp(name, "-") == 0 || sys_fstat(u_fileno(s), &st).error != AX_OK ||
                !AX_S_ISREG(st.mode)) {
                u_eprintf("sed: couldn't edit %s: not a regular file\n", name);
                u_input_close(s);
                S->status = 4;
                continue;
            }
            /* the new content goes to DIR/sedPID-N beside the file */
            char tmpname[64];
            const char *slash = strrchr(name, '/');
            size_t dl = slash ? (size_t)(slash - name) + 1 : 0;
            snprintf(tmpname, sizeof tmpname, "sed%d-%zu", (int)sys_getpid().value, S->next_file);
            S->tmp_path = xmalloc(dl + strlen(tmpname) + 1);
            memcpy(S->tmp_path, name, dl);
            strcpy(S->tmp_path + dl, tmpname);
            SyscallError werr;
            S->out = u_fopen(S->tmp_path, "w", &werr);
            if (!S->out) {
                u_eprintf("sed: couldn't open temporary file %s: %s\n", S->tmp_path,
                          sys_strerror(werr));
                xfree(S->tmp_path);
                S->tmp_path = NULL;
                u_input_close(s);
                u_exit(4);
            }
            S->out_missing_nl = false;
        }
        S->in = s;
        S->in_name = name;
        if (S->separate) {
            S->line = 0;
            for (size_t i = 0; i < S->sc.n; i++)
                S->sc.cmds[i].in_range = S->sc.cmds[i].a1.kind == SA_ZERO;
        }
        return true;
    }
    return false;
}

/* -i: the file is done; put the new content in its place. */
void sed_finish_in_place(Sed *S)
{
    if (!S->tmp_path)
        return;
    if (u_fclose(S->out) != 0) {
        u_eprintf("sed: couldn't close %s\n", S->tmp_path);
        S->status = 4;
    }
    S->out = u_stdout();
    if (S->suffix && *S->suffix) {
        /* GNU: a '*' in the suffix stands for the file's base name */
        char *bak;
        if (strchr(S->suffix, '*')) {
            SedBuf b = {0};
            char *base = u_path_base(S->in_name);
            const char *slash = strrchr(S->in_name, '/');
            if (slash && !strchr(S->suffix, '/'))
                sedbuf_add(&b, S->in_name, (size_t)(slash - S->in_name) + 1);
            for (const char *c = S->suffix; *c; c++) {
                if (*c == '*')
                    sedbuf_add(&b, base, strlen(base));
                else
                    sedbuf_addc(&b, *c);
            }
            xfree(base);
            bak = b.s;
        } else {
            bak = xmalloc(strlen(S->in_name) + strlen(S->suffix) + 1);
            strcpy(bak, S->in_name);
            strcat(bak, S->suffix);
        }
        SyscallResult r = sys_rename(S->in_name, bak);
        if (r.error != AX_OK) {
            u_eprintf("sed: cannot rename %s: %s\n", S->in_name, sys_strerror(r.error));
            S->status = 4;
        }
        xfree(bak);
    }
    SyscallResult r = sys_rename(S->tmp_path, S->in_name);
    if (r.error != AX_OK) {
        u_eprintf("sed: cannot rename %s: %s\n", S->tmp_path, sys_strerror(r.error));
        S->status = 4;
    }
    xfree(S->tmp_path);
    S->tmp_path = NULL;
}

/* Read ahead one line: from the current file, or (unless -s) the next. */
void sed_fetch(Sed *S)
{
    S->have_ahead = false;
    for (;;) {
        if (!S->in) {
            if (S->separate || !sed_open_next(S))
                return;
        }
        int64_t n = u_getdelim(&S->ahead, &S->ahead_cap, S->delim, S->in);
        if (n >= 0) {
            S->ahead_nl = n > 0 && S->ahead[n - 1] == S->delim;
            S->ahead_len = (size_t)n - S->ahead_nl;
            S->have_ahead = true;
            return;
        }
        if (u_ferror(S->in)) {
            u_eprintf("sed: read error on %s\n", S->in_name);
            S->status = 4;
        }
        u_input_close(S->in);
        S->in = NULL;
        if (S->separate)
            return;
    }
}

/* The next line into buf (replacing or, with append, after a newline).
 * false at the end of the input. */
bool sed_next_line(Sed *S, SedBuf *buf, bool append)
{
    if (!S->have_ahead) {
        if (!S->separate)
            return false;
        /* -s / -i: the next file that has a line */
        for (;;) {
            if (S->in) {
                u_input_close(S->in);
                S->in = NULL;
            }
            sed_finish_in_place(S);
            if (!sed_open_next(S))
                return false;
            sed_fetch(S);
            if (S->have_ahead)
                break;
        }
    }
    if (append) {
        sedbuf_addc(buf, '\n');
        sedbuf_add(buf, S->ahead, S->ahead_len);
    } else {
        sedbuf_set(buf, S->ahead, S->ahead_len);
    }
    S->cur_nl = S->ahead_nl;
    S->line++;
    sed_fetch(S);
    return true;
}

bool sed_is_last(Sed *S)
{
    return !S->have_ahead; /* with -s, the read-ahead stops at the file's end */
}

