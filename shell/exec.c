/* exec.c — running syntax trees in the shell process: lists, and-or
 * lists, compound commands and functions. Simple commands are in
 * simple.c; anything that needs another process goes through pipeline.c.
 *
 * break, continue, return and exit unwind through sh->jump: every loop
 * here stops when it is set, and the construct it names clears it.
 */
#include "sh.h"

/* A command failed where set -e and bash's ERR trap look: outside
 * conditions and trap actions. */
void sh_check_errexit(Shell *sh, int status, int flags)
{
    if (status == 0 || (flags & EX_NOERREXIT) || sh->in_trap || sh->errexit_off)
        return;
    if (sh->err_trap)
        trap_run_err(sh, status);
    if (sh->opts & OPT_ERREXIT)
        sh_exit(sh, status);
}

static int exec_list(Shell *sh, const Node *n, int flags)
{
    int st = sh->status;
    for (const Node *it = n->body; it && !sh->jump; it = it->next) {
        if (it->async) {
            st = sh_exec_async(sh, it);
            sh->status = st;
        } else {
            st = sh_exec(sh, it, it->next ? flags & ~EX_LAST : flags);
        }
        trap_run_pending(sh);
    }
    return st;
}

/* After a loop body or condition: did break/continue end this iteration?
 * Returns 1 to leave the loop, 0 to go on. */
static int loop_jump(Shell *sh)
{
    if (sh->jump == JUMP_BREAK) {
        if (--sh->jump_n <= 0)
            sh->jump = JUMP_NONE;
        return 1;
    }
    if (sh->jump == JUMP_CONTINUE) {
        if (--sh->jump_n <= 0) {
            sh->jump = JUMP_NONE;
            return 0;
        }
        return 1;
    }
    return sh->jump != JUMP_NONE;
}

/* Every so many loop iterations, let the other tasks run and take the
 * signals that came: tasks are coroutines, so a loop that makes no
 * system call (while continue; do continue; done) would otherwise keep
 * the whole machine, its background jobs and ^C waiting for ever. One
 * system call in 256 iterations costs nothing measurable. */
static void loop_tick(Shell *sh)
{
    if ((++sh->loop_ticks & 255) == 0) {
        sys_yield();
        trap_run_pending(sh);
    }
}

/* Run a loop's body once; false when break/continue/return ends the loop. */
static bool loop_body(Shell *sh, const Node *n, int flags, int *st)
{
    loop_tick(sh);
    *st = sh_exec(sh, n->body, flags);
    return !(sh->jump && loop_jump(sh));
}

__attribute__((noinline)) static int exec_loop(Shell *sh, const Node *n, int flags)
{
    int st = 0;
    sh->loop_depth++;
    for (;;) {
        int c = sh_exec(sh, n->cond, flags | EX_NOERREXIT);
        if (sh->jump) {
            if (loop_jump(sh))
                break;
            loop_tick(sh);
            continue;
        }
        if ((c == 0) != (n->kind == N_WHILE) || !loop_body(sh, n, flags, &st))
            break;
    }
    sh->loop_depth--;
    return st;
}

/* One of the three expressions of for (( ; ; )); an empty or blank one
 * is true (bash: `for (( ; ; ))` loops forever). */
static bool arith_for_step(Shell *sh, const Word *w, bool *ok)
{
    int64_t v = 1;
    bool blank = !w->parts || w->raw[strspn(w->raw, " \t\n")] == '\0';
    if (!blank && sh_exec_arith(sh, w, &v) != 0)
        *ok = false;
    return *ok && v != 0;
}

__attribute__((noinline)) static int exec_arith_for(Shell *sh, const Node *n, int flags)
{
    const Word *init = n->words, *cond = init->next, *step = cond->next;
    bool ok = true;
    int st = 0;
    arith_for_step(sh, init, &ok);
    sh->loop_depth++;
    while (ok && arith_for_step(sh, cond, &ok)) {
        if (!loop_body(sh, n, flags, &st))
            break;
        arith_for_step(sh, step, &ok);
    }
    sh->loop_depth--;
    return ok ? st : 1;
}

__attribute__((noinline)) static int exec_for(Shell *sh, const Node *n, int flags)
{
    if (n->for_arith)
        return exec_arith_for(sh, n, flags);
    StrList items;
    sl_init(&items);
    if (n->for_in) {
        if (expand_words(sh, n->words, &items, EXP_SPLIT | EXP_GLOB) != 0) {
            sl_free(&items);
            return 1;
        }
    } else {
        for (int i = 0; i < sh->nargs; i++)
            sl_push(&items, xstrdup(sh->args[i]));
    }
    int st = 0;
    sh->loop_depth++;
    for (size_t i = 0; i < items.n; i++) {
        if (var_set(sh, n->name, items.v[i], 0) < 0) {
            st = 1;
            break;
        }
        if (!loop_body(sh, n, flags, &st))
            break;
    }
    sh->loop_depth--;
    sl_free(&items);
    return st;
}

__attribute__((noinline)) static int exec_case(Shell *sh, const Node *n, int flags)
{
    char *subject = expand_word_str(sh, n->words, 0);
    if (!subject)
        return 1;
    int st = 0;
    for (const CaseItem *it = n->items; it; it = it->next) {
        bool hit = false;
        for (const Word *p = it->pats; p && !hit; p = p->next) {
            char *pat = expand_word_str(sh, p, EXP_PATTERN);
            hit = pat && glob_match(pat, subject, glob_flags(sh, SHOPT_NOCASEMATCH));
            xfree(pat);
        }
        if (!hit)
            continue;
        for (;;) {
            st = it->body ? sh_exec(sh, it->body, flags) : 0;
            if (!it->fallthrough || !it->next || sh->jump)
                break;
            it = it->next;
        }
        if (!it->test_next || sh->jump)
            break;
    }
    xfree(subject);
    return st;
}

__attribute__((noinline)) static int exec_compound(Shell *sh, const Node *n, int flags)
{
    switch (n->kind) {
    case N_GROUP: return sh_exec(sh, n->body, flags);
    case N_IF: {
        int c = sh_exec(sh, n->cond, flags | EX_NOERREXIT);
        if (sh->jump)
            return c;
        if (c == 0)
            return sh_exec(sh, n->body, flags);
        return n->other ? sh_exec(sh, n->other, flags) : 0;
    }
    case N_WHILE:
    case N_UNTIL: return exec_loop(sh, n, flags);
    case N_FOR: return exec_for(sh, n, flags);
    case N_CASE: return exec_case(sh, n, flags);
    case N_ARITH: {
        sh->lineno = n->lineno;
        int64_t v;
        int st = sh_exec_arith(sh, n->words, &v) != 0 || v == 0 ? 1 : 0;
        sh_check_errexit(sh, st, flags);
        return st;
    }
    case N_COND: {
        int st = sh_exec_cond(sh, n);
        sh_check_errexit(sh, st, flags);
        return st;
    }
    default: return 0;
    }
}

bool sh_stack_ok(Shell *sh)
{
    if (!sh_stack_low(sh))
        return true;
    sh_error(sh, "maximum nesting depth exceeded (recursion too deep)");
    sh->jump = JUMP_ABORT;
    sh->status = 1;
    return false;
}

/* A compound command with redirections around it. */
__attribute__((noinline)) static int exec_redirected(Shell *sh, const Node *n, int flags)
{
    RedirState rs = {0};
    if (redir_apply(sh, n->redirs, &rs) != 0) {
        redir_restore(sh, &rs);
        sh->status = 1;
        sh_check_errexit(sh, 1, flags); /* set -e sees a failed redirection too */
        return 1;
    }
    int st = exec_compound(sh, n, flags);
    redir_restore(sh, &rs);
    return st;
}

/* Run a tree in this shell. The frames of this function and of
 * sh_exec_simple make up most of the stack a shell function's recursion
 * uses, so the work that is not on that path stays out of line. */
int sh_exec(Shell *sh, const Node *n, int flags)
{
    if (!n || sh->jump)
        return sh->status;
    if ((sh->opts & OPT_NOEXEC) && !sh->interactive)
        return 0; /* set -n: read commands, run none */
    if (!sh_stack_ok(sh))
        return sh->status;
    int st = 0;
    switch (n->kind) {
    case N_LIST: st = exec_list(sh, n, flags); break;
    case N_AND:
    case N_OR:
        st = sh_exec(sh, n->cond, (flags & ~EX_LAST) | EX_NOERREXIT);
        if (!sh->jump && (n->kind == N_AND) == (st == 0))
            st = sh_exec(sh, n->other, flags);
        break;
    case N_PIPE: st = sh_exec_pipeline(sh, n, flags); break;
    case N_SIMPLE: st = sh_exec_simple(sh, n, flags); break;
    case N_SUBSHELL:
        sh->lineno = n->lineno;
        st = sh_exec_pipeline(sh, n, flags);
        break;
    case N_FUNC: {
        /* POSIX mode: a special builtin cannot become a function (bash
         * --posix says so and, as for any special builtin error, a
         * script ends) */
        const Builtin *bi = builtin_find(n->name);
        if (bi && bi->special) {
            sh_error(sh, "`%s': is a special builtin", n->name);
            st = 2;
            if (!sh->interactive)
                sh_exit(sh, st);
            sh->jump = JUMP_ABORT;
            break;
        }
        func_define(sh, n->name, n->body);
        st = 0;
        break;
    }
    default:
        flags &= ~EX_LAST; /* bash execs in place only a simple command */
        st = n->redirs ? exec_redirected(sh, n, flags) : exec_compound(sh, n, flags);
        break;
    }
    if (sh->jump == JUMP_NONE || sh->jump == JUMP_BREAK || sh->jump == JUMP_CONTINUE)
        sh->status = st;
    return sh->status;
}
