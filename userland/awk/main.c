/* awk [-F fs] [-v var=value]... ['program' | -f progfile...] [file...]
 * The command line and the run: BEGIN actions, then every record through
 * the pattern-action items, then END (XCU awk). Exit status: exit's
 * argument, else 0; 2 for a syntax error, a fatal run-time error or an
 * input file that could not be opened. */
#include <string.h>

#include "awk.h"

void awk_seed(Awk *A, double seed);

static const ULongOpt longopts[] = {
    {"field-separator", U_REQ_ARG, 'F'},
    {"assign", U_REQ_ARG, 'v'},
    {"file", U_REQ_ARG, 'f'},
    {NULL, 0, 0},
};

static void set_special(Awk *A, int idx, const char *s)
{
    A->globals[idx].kind = V_SCALAR;
    awk_cell_set_str(&A->globals[idx].c, s, strlen(s));
}

static void init_globals(Awk *A, int argc, char **argv, int first)
{
    A->globals = xcalloc(A->prog.nglobals, sizeof *A->globals);
    set_special(A, V_FS, " ");
    set_special(A, V_OFS, " ");
    set_special(A, V_ORS, "\n");
    set_special(A, V_RS, "\n");
    set_special(A, V_SUBSEP, "\034");
    set_special(A, V_CONVFMT, "%.6g");
    set_special(A, V_OFMT, "%.6g");
    set_special(A, V_FILENAME, "");
    static const int zero[] = {V_NF, V_NR, V_FNR, V_RSTART};
    for (size_t i = 0; i < sizeof zero / sizeof zero[0]; i++) {
        A->globals[zero[i]].kind = V_SCALAR;
        awk_cell_set_num(&A->globals[zero[i]].c, 0);
    }
    A->globals[V_RLENGTH].kind = V_SCALAR;
    awk_cell_set_num(&A->globals[V_RLENGTH].c, -1);
    /* ARGV[0] is "awk", then the operands; ENVIRON the environment */
    AwkArray *av = awk_var_array(A, &A->globals[V_ARGV]);
    awk_cell_set_str(awk_array_get(av, "0", 1, true), "awk", 3);
    int n = 1;
    for (int i = first; i < argc; i++, n++) {
        char key[24];
        size_t kl = u_utoa((uint64_t)n, key);
        awk_cell_set_input(awk_array_get(av, key, kl, true), argv[i], strlen(argv[i]));
    }
    A->globals[V_ARGC].kind = V_SCALAR;
    awk_cell_set_num(&A->globals[V_ARGC].c, n);
    AwkArray *env = awk_var_array(A, &A->globals[V_ENVIRON]);
    char *e;
    for (size_t i = 0; (e = u_environ(i)) != NULL; i++) {
        char *eq = strchr(e, '=');
        if (eq)
            awk_cell_set_input(awk_array_get(env, e, (size_t)(eq - e), true), eq + 1, strlen(eq + 1));
        xfree(e);
    }
    A->fcap = 16;
    A->fields = xcalloc(A->fcap, sizeof *A->fields);
    A->fs_dirty = true;
    A->argi = 1;
}

/* Run one action or pattern-and-actions step under the longjmp that
 * next and exit use from inside functions. */
static int run_action(Awk *A, Node *action)
{
    Frame *frame = A->frame;
    int depth = A->depth;
    int st = setjmp(A->jump);
    if (st) {
        A->frame = frame;
        A->depth = depth;
        return st;
    }
    A->jump_ok = true;
    return awk_exec(A, action);
}

static bool pattern_true(Awk *A, Node *pat)
{
    Cell c = {0};
    awk_eval(A, pat, &c);
    bool t = awk_cell_true(&c);
    awk_cell_free(&c);
    return t;
}

static int print_record(Awk *A)
{
    char t[AWK_NUMBUF];
    size_t len, olen;
    const char *s = awk_cell_str(A, &A->fields[0], t, &len);
    u_fwrite(s, len, u_stdout());
    const char *ors = awk_cell_str(A, &A->globals[V_ORS].c, t, &olen);
    u_fwrite(ors, olen, u_stdout());
    return ST_NORMAL;
}

/* The items for the current record: ST_NORMAL, ST_NEXTFILE or ST_EXIT. */
static int run_items(Awk *A)
{
    Frame *frame = A->frame;
    int depth = A->depth;
    volatile size_t i = 0;
    int st = setjmp(A->jump);
    if (st) {
        /* next/exit from a function called in a pattern or an action */
        A->frame = frame;
        A->depth = depth;
        return st == ST_NEXT ? ST_NORMAL : st;
    }
    A->jump_ok = true;
    for (; i < A->prog.nitems; i++) {
        AwkItem *it = &A->prog.items[i];
        bool run;
        if (!it->pat) {
            run = true;
        } else if (!it->pat2) {
            run = pattern_true(A, it->pat);
        } else if (it->in_range) {
            run = true;
            if (pattern_true(A, it->pat2))
                it->in_range = false;
        } else {
            run = pattern_true(A, it->pat);
            if (run && !pattern_true(A, it->pat2))
                it->in_range = true;
        }
        if (!run)
            continue;
        st = it->action ? awk_exec(A, it->action) : print_record(A);
        if (st == ST_NEXT)
            return ST_NORMAL;
        if (st == ST_NEXTFILE || st == ST_EXIT)
            return st;
    }
    return ST_NORMAL;
}

static char *read_progfile(const char *path)
{
    SyscallError err = AX_OK;
    UStream *s = strcmp(path, "-") == 0 ? u_stdin() : u_fopen(path, "r", &err);
    if (!s) {
        u_eprintf("awk: can't open file %s (%s)\n", path, sys_strerror(err));
        return NULL;
    }
    AwkBuf b = {0};
    char buf[4096];
    size_t got;
    awk_buf_add(&b, "", 0);
    while ((got = u_fread(buf, sizeof buf, s)) > 0)
        awk_buf_add(&b, buf, got);
    if (u_ferror(s)) {
        u_eprintf("awk: can't read file %s (%s)\n", path, sys_strerror(AX_EISDIR));
        u_input_close(s);
        xfree(b.s);
        return NULL;
    }
    u_input_close(s);
    return b.s;
}

int awk_main(int argc, char **argv)
{
    Awk *A = xcalloc(1, sizeof *A);
    char base;
    A->stack_base = &base;
    UGetopt g = U_GETOPT_INIT;
    int c;
    char **assigns = xcalloc((size_t)argc, sizeof *assigns);
    size_t nassigns = 0;
    const char *fs = NULL;
    AwkBuf src = {0};
    bool have_f = false;
    awk_buf_add(&src, "", 0);
    while ((c = u_getopt_long(&g, argc, argv, "+F:v:f:", longopts)) != -1) {
        switch (c) {
        case 'F':
            fs = g.arg;
            break;
        case 'v':
            assigns[nassigns++] = g.arg;
            break;
        case 'f': {
            char *text = read_progfile(g.arg);
            if (!text)
                return 2;
            awk_buf_add(&src, text, strlen(text));
            awk_buf_addc(&src, '\n');
            xfree(text);
            have_f = true;
            break;
        }
        default:
            return 2;
        }
    }
    if (!have_f) {
        if (g.ind >= argc) {
            u_usage_error("awk", "no program given");
            return 2;
        }
        awk_buf_add(&src, argv[g.ind], strlen(argv[g.ind]));
        g.ind++;
    }
    if (!awk_parse(A, src.s))
        return 2;
    init_globals(A, argc, argv, g.ind);
    awk_seed(A, 0);
    A->prev_seed = 0;
    if (fs) {
        /* -Ft is a tab, as in every awk */
        size_t len;
        char *v = strcmp(fs, "t") == 0 ? xstrdup("\t") : awk_unescape(fs, strlen(fs), &len);
        awk_cell_set_str(&A->globals[V_FS].c, v, strlen(v));
        xfree(v);
        awk_special_set(A, V_FS);
    }
    for (size_t i = 0; i < nassigns; i++) {
        if (!awk_assignment_arg(A, assigns[i])) {
            u_eprintf("awk: '%s' argument to '-v' not in 'var=value' form\n", assigns[i]);
            return 2;
        }
    }
    xfree(assigns);
    int st = ST_NORMAL;
    for (size_t i = 0; i < A->prog.nbegin && st != ST_EXIT; i++)
        st = run_action(A, A->prog.begin[i]);
    if (st != ST_EXIT && (A->prog.nitems > 0 || A->prog.nend > 0)) {
        while (awk_main_next(A)) {
            st = run_items(A);
            if (st == ST_NEXTFILE) {
                awk_main_skip_file(A);
                st = ST_NORMAL;
            }
            if (st == ST_EXIT)
                break;
        }
    }
    /* exit outside END still runs the END actions; exit inside ends all */
    A->in_end = true;
    st = ST_NORMAL;
    for (size_t i = 0; i < A->prog.nend && st != ST_EXIT; i++)
        st = run_action(A, A->prog.end[i]);
    awk_exit(A, A->exit_status);
}
