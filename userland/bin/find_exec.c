/* find's actions that reach beyond the walk: -exec and -ok run commands,
 * -printf formats. */
#include <string.h>

#include "find.h"

/* "{}" anywhere in a word stands for the name (GNU, for -exec ... ;). */
static char *substitute(const char *word, const char *path)
{
    size_t pl = strlen(path), n = 0;
    for (const char *c = word; (c = strstr(c, "{}")); c += 2)
        n++;
    char *out = xmalloc(strlen(word) + n * pl + 1), *o = out;
    for (const char *c = word; *c;) {
        if (c[0] == '{' && c[1] == '}') {
            memcpy(o, path, pl);
            o += pl;
            c += 2;
        } else {
            *o++ = *c++;
        }
    }
    *o = 0;
    return out;
}

/* Run argv; true when it exited with status 0. */
static bool run(FindState *s, char **argv)
{
    int st = 0;
    SyscallError e = u_run(argv[0], argv, &st);
    if (e != AX_OK) {
        u_eprintf("find: '%s': %s\n", argv[0], sys_strerror(e));
        s->status = 1;
        return false;
    }
    return AX_WIFEXITED(st) && AX_WEXITSTATUS(st) == 0;
}

/* A batch is run when it holds this many names or bytes (GNU's limit is
 * ARG_MAX's; axos's spawn takes 128 KiB of arguments). */
#define BATCH_NAMES 4096
#define BATCH_BYTES (96 * 1024)

static void run_batch(FindState *s, FindNode *n)
{
    if (n->nbatch == 0)
        return;
    int words = n->argc - 1; /* without the "{}" */
    char **argv = xmalloc((size_t)(words + (int)n->nbatch + 1) * sizeof *argv);
    for (int i = 0; i < words; i++)
        argv[i] = n->argv[i];
    for (size_t i = 0; i < n->nbatch; i++)
        argv[words + (int)i] = n->batch[i];
    argv[words + (int)n->nbatch] = NULL;
    if (!run(s, argv))
        s->status = 1; /* GNU: a failed batch makes find's status 1 */
    xfree(argv);
    for (size_t i = 0; i < n->nbatch; i++)
        xfree(n->batch[i]);
    n->nbatch = 0;
    n->batch_bytes = 0;
}

bool find_exec(FindState *s, FindNode *n, const char *path)
{
    if (n->plus) {
        size_t len = strlen(path) + 1;
        if (n->nbatch == BATCH_NAMES || n->batch_bytes + len > BATCH_BYTES)
            run_batch(s, n);
        n->batch = xrealloc(n->batch, (n->nbatch + 1) * sizeof *n->batch);
        n->batch[n->nbatch++] = xstrdup(path);
        n->batch_bytes += len;
        return true;
    }
    char **argv = xmalloc((size_t)(n->argc + 1) * sizeof *argv);
    for (int i = 0; i < n->argc; i++)
        argv[i] = substitute(n->argv[i], path);
    argv[n->argc] = NULL;
    bool go = true;
    if (n->kind == FN_OK) {
        u_eprintf("< %s ... %s > ? ", n->argv[0], path);
        u_fflush(u_stderr());
        go = u_yes();
    }
    bool ok = go && run(s, argv);
    for (int i = 0; i < n->argc; i++)
        xfree(argv[i]);
    xfree(argv);
    return ok;
}

void find_exec_flush(FindState *s)
{
    for (size_t i = 0; i < s->nnodes; i++)
        if (s->nodes[i]->plus)
            run_batch(s, s->nodes[i]);
}

static void put_dir(UStream *out, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        u_putc('.', out);
    else if (slash == path)
        u_putc('/', out);
    else
        u_fwrite(path, (size_t)(slash - path), out);
}

void find_printf(FindState *s, const char *fmt, const char *path, const char *name, int depth,
                 const FileStat *st)
{
    UStream *out = u_stdout();
    for (const char *c = fmt; *c; c++) {
        if (*c == '\\' && c[1]) {
            c++;
            switch (*c) {
            case 'n': u_putc('\n', out); break;
            case 't': u_putc('\t', out); break;
            case '0': u_putc('\0', out); break;
            case '\\': u_putc('\\', out); break;
            case 'c': return; /* stop, and flush */
            default:
                u_putc('\\', out);
                u_putc(*c, out);
            }
            continue;
        }
        if (*c != '%' || !c[1]) {
            u_putc(*c, out);
            continue;
        }
        c++;
        char buf[16];
        switch (*c) {
        case '%': u_putc('%', out); break;
        case 'p': u_fputs(path, out); break;
        case 'f': u_fputs(name, out); break;
        case 'h': put_dir(out, path); break;
        case 'd': u_fprintf(out, "%d", depth); break;
        case 's': u_fprintf(out, "%llu", st ? (unsigned long long)st->size : 0ULL); break;
        case 'i': u_fprintf(out, "%llu", st ? (unsigned long long)st->ino : 0ULL); break;
        case 'n': u_fprintf(out, "%u", st ? st->nlink : 0); break;
        case 'm': u_fprintf(out, "%o", st ? st->mode & 07777 : 0); break;
        case 'M':
            u_mode_string(st ? st->mode : 0, buf);
            u_fputs(buf, out);
            break;
        case 'y': {
            uint32_t t = st ? st->mode & AX_S_IFMT : 0;
            u_putc(t == AX_S_IFDIR ? 'd' : t == AX_S_IFREG ? 'f' : t == AX_S_IFCHR ? 'c'
                   : t == AX_S_IFIFO ? 'p' : t == AX_S_IFSOCK ? 's' : t == AX_S_IFLNK ? 'l' : 'U',
                   out);
            break;
        }
        default:
            /* GNU warns and prints the directive as it is */
            u_putc('%', out);
            u_putc(*c, out);
            break;
        }
    }
    (void)s;
}
