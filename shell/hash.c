/* hash.c — the table of remembered command locations (POSIX hash): a
 * program found by a PATH search is remembered and run from there until
 * `hash -r` or an assignment to PATH forgets it, as in bash; and the
 * hash builtin, which shows and edits the table. Subshells get a copy
 * (subshell.c's H records).
 */
#include "sh.h"

struct HashEnt {
    char *name, *path;
    int hits;
    HashEnt *next;
};

static HashEnt **hash_find(Shell *sh, const char *name)
{
    HashEnt **pp = &sh->hash;
    while (*pp && strcmp((*pp)->name, name) != 0)
        pp = &(*pp)->next;
    return pp;
}

void hash_set(Shell *sh, const char *name, const char *path, int hits)
{
    HashEnt **pp = hash_find(sh, name);
    HashEnt *e = *pp;
    if (!e) {
        e = xcalloc(1, sizeof *e);
        e->name = xstrdup(name);
        *pp = e; /* listed in the order they were first remembered */
    } else {
        xfree(e->path);
    }
    e->path = xstrdup(path);
    e->hits = hits;
}

static bool hash_delete(Shell *sh, const char *name)
{
    HashEnt **pp = hash_find(sh, name), *e = *pp;
    if (!e)
        return false;
    *pp = e->next;
    xfree(e->name);
    xfree(e->path);
    xfree(e);
    return true;
}

void hash_clear(Shell *sh)
{
    while (sh->hash)
        hash_delete(sh, sh->hash->name);
}

const char *hash_peek(Shell *sh, const char *name)
{
    HashEnt *e = *hash_find(sh, name);
    return e ? e->path : NULL;
}

char *sh_find_hashed(Shell *sh, const char *name)
{
    if (strchr(name, '/') || !(sh->opts & OPT_HASHALL))
        return sh_find_command(sh, name);
    HashEnt *e = *hash_find(sh, name);
    if (e) {
        e->hits++;
        return xstrdup(e->path);
    }
    char *path = sh_find_command(sh, name);
    if (path)
        hash_set(sh, name, path, 1);
    return path;
}

void hash_each(Shell *sh, void (*fn)(void *ctx, const char *name, const char *path, int hits), void *ctx)
{
    for (HashEnt *e = sh->hash; e; e = e->next)
        fn(ctx, e->name, e->path, e->hits);
}

/* hash [-lr] [-p PATH] [-dt] [NAME...] */
int bi_hash(Shell *sh, int argc, char **argv)
{
    bool list = false, del = false, show = false, reset = false;
    const char *set_path = NULL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (const char *o = argv[i] + 1; *o; o++) {
            switch (*o) {
            case 'l': list = true; break;
            case 'r': reset = true; break;
            case 'd': del = true; break;
            case 't': show = true; break;
            case 'p':
                if (o[1] || i + 1 >= argc) {
                    set_path = o[1] ? o + 1 : NULL;
                    if (!set_path) {
                        sh_error(sh, "hash: -p: option requires an argument");
                        return 2;
                    }
                } else {
                    set_path = argv[++i];
                }
                o += strlen(o) - 1;
                break;
            default:
                sh_error(sh, "hash: -%c: invalid option", *o);
                sh_fdprintf(2, "hash: usage: hash [-lr] [-p pathname] [-dt] [name ...]\n");
                return 2;
            }
        }
    }
    if (reset)
        hash_clear(sh);
    Out o;
    out_init(&o, 1);
    int st = 0;
    bool many = argc - i > 1;
    if (i >= argc && !reset) {
        if (show) {
            sh_error(sh, "hash: -t: option requires an argument");
            return 1;
        }
        for (HashEnt *e = sh->hash; e; e = e->next) {
            if (list)
                sb_printf(&o.b, "builtin hash -p %s %s\n", e->path, e->name);
            else
                sb_printf(&o.b, "%s%4d\t%s\n", e == sh->hash ? "hits\tcommand\n" : "", e->hits, e->path);
        }
        return out_flush(&o);
    }
    for (; i < argc; i++) {
        const char *name = argv[i];
        if (del) {
            if (!hash_delete(sh, name)) {
                sh_error(sh, "hash: %s: not found", name);
                st = 1;
            }
            continue;
        }
        if (show) {
            HashEnt *e = *hash_find(sh, name);
            if (!e) {
                sh_error(sh, "hash: %s: not found", name);
                st = 1;
                continue;
            }
            e->hits++;
            if (many)
                sb_printf(&o.b, "%s\t", name);
            sb_printf(&o.b, "%s\n", e->path);
            continue;
        }
        if (set_path) {
            hash_set(sh, name, set_path, 0);
            continue;
        }
        if (strchr(name, '/') || builtin_find(name) || func_get(sh, name))
            continue; /* nothing to remember, as bash */
        char *path = sh_find_command(sh, name);
        if (!path) {
            sh_error(sh, "hash: %s: not found", name);
            st = 1;
            continue;
        }
        hash_set(sh, name, path, 0);
        xfree(path);
    }
    if (out_flush(&o))
        st = 1;
    return st;
}
