/* builtins_shopt.c — bash's shopt: the shell options that have no set -o
 * letter. nullglob, failglob, dotglob and nocasematch change what the
 * shell does (expand.c, glob.c, exec.c); the others are accepted and
 * listed so that scripts which set them run.
 */
#include "sh.h"

static const struct {
    unsigned bit;
    const char *name;
} shopt_names[] = {
    {SHOPT_DOTGLOB, "dotglob"},         {SHOPT_EXPAND_ALIASES, "expand_aliases"},
    {SHOPT_EXTGLOB, "extglob"},         {SHOPT_FAILGLOB, "failglob"},
    {SHOPT_GLOBSTAR, "globstar"},       {SHOPT_LASTPIPE, "lastpipe"},
    {SHOPT_NOCASEGLOB, "nocaseglob"},   {SHOPT_NOCASEMATCH, "nocasematch"},
    {SHOPT_NULLGLOB, "nullglob"},       {SHOPT_XPG_ECHO, "xpg_echo"},
    {0, NULL},
};

static unsigned shopt_bit(const char *name)
{
    for (int i = 0; shopt_names[i].name; i++)
        if (strcmp(shopt_names[i].name, name) == 0)
            return shopt_names[i].bit;
    return 0;
}

static void shopt_line(StrBuf *b, const char *name, bool on, bool as_command)
{
    if (as_command)
        sb_printf(b, "shopt %s %s\n", on ? "-s" : "-u", name);
    else
        sb_printf(b, "%-15s\t%s\n", name, on ? "on" : "off");
}

int bi_shopt(Shell *sh, int argc, char **argv)
{
    bool set = false, unset = false, print = false, quiet = false, setopt = false;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (const char *c = argv[i] + 1; *c; c++) {
            switch (*c) {
            case 's': set = true; break;
            case 'u': unset = true; break;
            case 'p': print = true; break;
            case 'q': quiet = true; break;
            case 'o': setopt = true; break;
            default:
                sh_error(sh, "shopt: -%c: invalid option", *c);
                sh_error(sh, "shopt: usage: shopt [-pqsu] [-o] [optname ...]");
                return 2;
            }
        }
    }
    if (set && unset) {
        sh_error(sh, "shopt: cannot set and unset shell options simultaneously");
        return 1;
    }
    Out o;
    out_init(&o, 1);
    int st = 0;
    if (i >= argc) {
        /* list: all, or those set (-s) or unset (-u) */
        if (setopt) {
            for (const ShOption *op = sh_options; op->name; op++) {
                bool on = (sh->opts & op->bit) != 0;
                if ((set || unset) && on != set)
                    continue;
                if (print)
                    sb_printf(&o.b, "set %co %s\n", on ? '-' : '+', op->name);
                else
                    sb_printf(&o.b, "%-15s\t%s\n", op->name, on ? "on" : "off");
            }
        } else {
            for (int k = 0; shopt_names[k].name; k++) {
                bool on = (sh->shopts & shopt_names[k].bit) != 0;
                if ((!set && !unset) || on == set)
                    shopt_line(&o.b, shopt_names[k].name, on, print);
            }
        }
        return out_flush(&o);
    }
    for (; i < argc; i++) {
        if (setopt) {
            const ShOption *op = sh_options;
            while (op->name && strcmp(op->name, argv[i]) != 0)
                op++;
            if (!op->name) {
                sh_error(sh, "shopt: %s: invalid option name", argv[i]);
                st = 1;
            } else if (set || unset) {
                sh_set_option_long(sh, argv[i], set);
            } else {
                /* shopt -o NAME: is it on (listed unless -q) */
                bool on = (sh->opts & op->bit) != 0;
                if (!on)
                    st = 1;
                if (!quiet && print)
                    sb_printf(&o.b, "set %co %s\n", on ? '-' : '+', op->name);
                else if (!quiet)
                    sb_printf(&o.b, "%-15s\t%s\n", op->name, on ? "on" : "off");
            }
            continue;
        }
        unsigned bit = shopt_bit(argv[i]);
        if (!bit) {
            sh_error(sh, "shopt: %s: invalid shell option name", argv[i]);
            st = 1;
            continue;
        }
        if (set)
            sh->shopts |= bit;
        else if (unset)
            sh->shopts &= ~bit;
        else {
            bool on = (sh->shopts & bit) != 0;
            if (!on)
                st = 1;
            if (!quiet)
                shopt_line(&o.b, argv[i], on, print);
        }
    }
    return out_flush(&o) | st;
}
