/* awk's redirections and getline (XCU awk, "Output Statements" and
 * "Input/Output and General Functions"): "> file" truncates on the first
 * use and then appends while open, ">> file" appends, "| cmd" and
 * "cmd | getline" run sh -c cmd with a pipe, each name opened once until
 * close(name). close returns a command's exit status; everything left
 * open is closed (commands waited for) when awk exits. */
#include <string.h>

#include "awk.h"

static AwkStream *find(Awk *A, const char *name, bool input)
{
    for (AwkStream *s = A->streams; s; s = s->next)
        if (s->input == input && strcmp(s->name, name) == 0)
            return s;
    return NULL;
}

static AwkStream *add(Awk *A, const char *name, int kind, bool input)
{
    AwkStream *s = xcalloc(1, sizeof *s);
    s->name = xstrdup(name);
    s->kind = kind;
    s->input = input;
    /* appended, so that the streams close in the order they opened */
    AwkStream **pp = &A->streams;
    while (*pp)
        pp = &(*pp)->next;
    *pp = s;
    return s;
}

/* sh -c cmd with its stdin (to_child) or stdout (from child) on a pipe;
 * our end of the pipe in *fd. Returns the pid or -AX_*. */
static int spawn_cmd(const char *cmd, bool to_child, int *fd)
{
    int p[2];
    SyscallResult r = sys_pipe2(p, AX_O_CLOEXEC);
    if (r.error != AX_OK)
        return -(int)r.error;
    SpawnFileAction act = {.kind = AX_SPAWN_DUP2, .fd = to_child ? p[0] : p[1],
                           .newfd = to_child ? 0 : 1};
    SpawnAttr attr = {.actions = &act, .nactions = 1};
    char *argv[] = {"sh", "-c", (char *)cmd, NULL};
    u_fflush(NULL);
    r = sys_spawn("/bin/sh", argv, NULL, &attr);
    sys_close(to_child ? p[0] : p[1]);
    if (r.error != AX_OK) {
        sys_close(to_child ? p[1] : p[0]);
        return -(int)r.error;
    }
    *fd = to_child ? p[1] : p[0];
    return (int)r.value;
}

static int wait_status(int pid)
{
    int st = 0;
    SyscallResult w;
    do
        w = sys_waitpid(pid, &st, 0);
    while (w.error == AX_EINTR);
    if (w.error != AX_OK)
        return -1;
    if (AX_WIFEXITED(st))
        return AX_WEXITSTATUS(st);
    return 256 + AX_WTERMSIG(st); /* GNU awk: killed by a signal */
}

UStream *awk_out_stream(Awk *A, int kind, const char *name)
{
    AwkStream *s = find(A, name, false);
    if (s)
        return s->out;
    if (kind != R_PIPE && strcmp(name, "/dev/stdout") == 0) {
        s = add(A, name, kind, false);
        s->out = u_stdout();
        s->std = true;
        return s->out;
    }
    if (kind != R_PIPE && strcmp(name, "/dev/stderr") == 0) {
        s = add(A, name, kind, false);
        s->out = u_stderr();
        s->std = true;
        return s->out;
    }
    UStream *out;
    int pid = 0;
    if (kind == R_PIPE) {
        int fd;
        pid = spawn_cmd(name, true, &fd);
        if (pid < 0)
            awk_fatal(A, "can't open pipe to '%s' (%s)", name, sys_strerror(-pid));
        out = u_fdopen(fd, "w");
    } else {
        SyscallError err;
        out = u_fopen(name, kind == R_APPEND ? "a" : "w", &err);
        if (!out)
            awk_fatal(A, "can't redirect to '%s' (%s)", name, sys_strerror(err));
    }
    s = add(A, name, kind, false);
    s->out = out;
    s->pid = pid;
    return out;
}

AwkIn *awk_in_stream(Awk *A, int kind, const char *name)
{
    AwkStream *s = find(A, name, true);
    if (s)
        return &s->in;
    UStream *in;
    int pid = 0;
    bool std = false;
    if (kind == G_CMD) {
        int fd;
        pid = spawn_cmd(name, false, &fd);
        if (pid < 0)
            return NULL;
        in = u_fdopen(fd, "r");
    } else if (strcmp(name, "-") == 0 || strcmp(name, "/dev/stdin") == 0) {
        in = u_stdin();
        std = true;
    } else {
        in = u_fopen(name, "r", NULL);
        if (!in)
            return NULL;
    }
    s = add(A, name, kind, true);
    s->in.s = in;
    s->pid = pid;
    s->std = std;
    return &s->in;
}

/* Close s and free it; the command's status, or 0 (-1 on error). */
static int close_one(Awk *A, AwkStream *s)
{
    int r = 0;
    if (s->input) {
        if (!s->std)
            u_fclose(s->in.s);
        xfree(s->in.all);
    } else if (s->std) {
        u_fflush(s->out);
    } else if (u_fclose(s->out) < 0) {
        r = -1;
    }
    if (s->pid > 0)
        r = wait_status(s->pid);
    xfree(s->name);
    xfree(s);
    return r;
}

int awk_stream_close(Awk *A, const char *name)
{
    int r = -1;
    bool any = false;
    for (AwkStream **pp = &A->streams; *pp;) {
        AwkStream *s = *pp;
        if (strcmp(s->name, name) != 0) {
            pp = &s->next;
            continue;
        }
        *pp = s->next;
        int one = close_one(A, s);
        if (!any)
            r = one;
        any = true;
    }
    return r;
}

void awk_streams_close_all(Awk *A)
{
    u_fflush(u_stdout());
    while (A->streams) {
        AwkStream *s = A->streams;
        A->streams = s->next;
        close_one(A, s);
    }
}

int awk_flush(Awk *A, const char *name, bool all)
{
    if (all) {
        u_fflush(NULL);
        return 0;
    }
    int r = -1;
    for (AwkStream *s = A->streams; s; s = s->next) {
        if (!s->input && strcmp(s->name, name) == 0) {
            u_fflush(s->out);
            r = 0;
        }
    }
    return r;
}

int awk_system(Awk *A, const char *cmd)
{
    char *argv[] = {"sh", "-c", (char *)cmd, NULL};
    u_fflush(NULL);
    for (AwkStream *s = A->streams; s; s = s->next)
        if (!s->input)
            u_fflush(s->out);
    int st;
    if (u_run("/bin/sh", argv, &st) != AX_OK)
        return -1;
    if (AX_WIFEXITED(st))
        return AX_WEXITSTATUS(st);
    return 256 + AX_WTERMSIG(st);
}

void awk_getline(Awk *A, Node *n, Cell *out)
{
    AwkBuf rec = {0};
    int r;
    if (n->idx == G_PLAIN) {
        /* the next record of the main input: NR and FNR count it */
        if (!A->main_open && A->main_done) {
            awk_cell_set_num(out, 0);
            return;
        }
        r = 0;
        while (!A->main_done) {
            if (!A->main_open) {
                if (!awk_next_file(A)) {
                    A->main_done = true;
                    break;
                }
            }
            if (awk_record_read(A, &A->main_in, &rec)) {
                r = 1;
                break;
            }
            awk_main_skip_file(A);
        }
        if (r) {
            Var *nr = &A->globals[V_NR], *fnr = &A->globals[V_FNR];
            awk_cell_set_num(awk_var_scalar(A, nr), awk_cell_num(&nr->c) + 1);
            awk_cell_set_num(awk_var_scalar(A, fnr), awk_cell_num(&fnr->c) + 1);
        }
    } else {
        size_t len;
        char *name = awk_eval_str(A, n->b, &len);
        AwkIn *in = awk_in_stream(A, n->idx, name);
        xfree(name);
        if (!in) {
            xfree(rec.s);
            awk_cell_set_num(out, -1);
            return;
        }
        r = awk_record_read(A, in, &rec);
        if (r && n->idx == G_CMD) { /* cmd | getline counts in NR (not FNR) */
            Var *nr = &A->globals[V_NR];
            awk_cell_set_num(awk_var_scalar(A, nr), awk_cell_num(&nr->c) + 1);
        }
    }
    if (r) {
        if (n->a) {
            Cell c = {0};
            awk_cell_set_input(&c, rec.s, rec.len);
            awk_assign_cell(A, n->a, &c);
        } else {
            awk_record_set(A, rec.s, rec.len);
            if (n->idx != G_PLAIN)
                awk_fields_split(A); /* NF is set by getline < file and cmd | getline */
        }
    }
    xfree(rec.s);
    awk_cell_set_num(out, r);
}
