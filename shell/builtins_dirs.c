/* builtins_dirs.c — bash's directory stack (pushd, popd, dirs, and the
 * DIRSTACK array) and `builtin`. The stack holds the directories below
 * the current one; the current directory is always entry 0.
 */
#include "sh.h"

/* The stack as dirs shows it, top (the cwd) first. */
static void stack_items(Shell *sh, StrList *out)
{
    const char *pwd = var_get(sh, "PWD");
    sl_push(out, xstrdup(pwd ? pwd : "/"));
    for (size_t i = sh->dirstack.n; i-- > 0;)
        sl_push(out, xstrdup(sh->dirstack.v[i]));
    sl_terminate(out);
}

/* DIRSTACK follows the stack, as in bash. */
static void sync_dirstack(Shell *sh)
{
    StrList items;
    sl_init(&items);
    stack_items(sh, &items);
    var_set_array(sh, "DIRSTACK", items.v, items.n, false, ARR_LITERAL);
    sl_free(&items);
}

/* dirs' line: $HOME shown as ~ unless long. */
static void put_dir(StrBuf *b, Shell *sh, const char *d, bool lng)
{
    const char *home = var_get(sh, "HOME");
    size_t hl = home ? strlen(home) : 0;
    if (!lng && hl > 1 && strncmp(d, home, hl) == 0 && (d[hl] == '/' || !d[hl])) {
        sb_putc(b, '~');
        sb_puts(b, d + hl);
    } else {
        sb_puts(b, d);
    }
}

static int print_stack(Shell *sh, bool lng, bool lines, bool numbered)
{
    StrList items;
    sl_init(&items);
    stack_items(sh, &items);
    Out o;
    out_init(&o, 1);
    for (size_t i = 0; i < items.n; i++) {
        if (numbered)
            sb_printf(&o.b, "%2zu  ", i);
        put_dir(&o.b, sh, items.v[i], lng);
        sb_putc(&o.b, lines || numbered || i + 1 == items.n ? '\n' : ' ');
    }
    sl_free(&items);
    return out_flush(&o);
}

static int change_dir(Shell *sh, const char *dir)
{
    char *argv[] = {"cd", (char *)dir, NULL};
    return bi_cd(sh, 2, argv);
}

int bi_dirs(Shell *sh, int argc, char **argv)
{
    bool lng = false, lines = false, numbered = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-c") == 0) {
            sl_free(&sh->dirstack);
            sl_init(&sh->dirstack);
            sync_dirstack(sh);
            return 0;
        }
        if (argv[i][0] != '-' || !argv[i][1] || strspn(argv[i] + 1, "lpv") != strlen(argv[i] + 1)) {
            sh_error(sh, "dirs: %s: invalid option", argv[i]);
            return 1;
        }
        lng |= strchr(argv[i], 'l') != NULL;
        lines |= strchr(argv[i], 'p') != NULL;
        numbered |= strchr(argv[i], 'v') != NULL;
    }
    return print_stack(sh, lng, lines, numbered);
}

int bi_pushd(Shell *sh, int argc, char **argv)
{
    bool quiet = argc > 1 && strcmp(argv[1], "-n") == 0;
    int i = quiet ? 2 : 1;
    const char *pwd = var_get(sh, "PWD");
    char *here = xstrdup(pwd ? pwd : "/");
    if (i >= argc) {
        /* no directory: swap the top two */
        if (sh->dirstack.n == 0) {
            sh_error(sh, "pushd: no other directory");
            xfree(here);
            return 1;
        }
        char *top = sh->dirstack.v[sh->dirstack.n - 1];
        if (change_dir(sh, top) != 0) {
            xfree(here);
            return 1;
        }
        xfree(top);
        sh->dirstack.v[sh->dirstack.n - 1] = here;
    } else {
        if (change_dir(sh, argv[i]) != 0) {
            xfree(here);
            return 1;
        }
        sl_push(&sh->dirstack, here);
    }
    sync_dirstack(sh);
    return print_stack(sh, false, false, false);
}

int bi_popd(Shell *sh, int argc, char **argv)
{
    (void)argv;
    if (argc > 1 && strcmp(argv[1], "-n") != 0) {
        sh_error(sh, "popd: %s: invalid argument", argv[1]);
        return 1;
    }
    if (sh->dirstack.n == 0) {
        sh_error(sh, "popd: directory stack empty");
        return 1;
    }
    char *top = sh->dirstack.v[--sh->dirstack.n];
    sh->dirstack.v[sh->dirstack.n] = NULL;
    int st = change_dir(sh, top);
    xfree(top);
    if (st != 0)
        return 1;
    sync_dirstack(sh);
    return print_stack(sh, false, false, false);
}

/* builtin NAME [ARG...]: run the builtin NAME even if a function has
 * that name. */
int bi_builtin(Shell *sh, int argc, char **argv)
{
    if (argc < 2)
        return 0;
    const Builtin *bi = builtin_find(argv[1]);
    if (!bi) {
        sh_error(sh, "builtin: %s: not a shell builtin", argv[1]);
        return 1;
    }
    return bi->fn(sh, argc - 1, argv + 1);
}
