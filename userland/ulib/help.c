/* ulib help: the bundled manual's lookup, and --help / --version made from
 * the pages, so each program's usage is written once (userland/man). */
#include <string.h>

#include "ulib.h"

#define BODY_INDENT 7 /* the pages' body text starts in this column */

bool u_man_names(const UManPage *page, const char *name)
{
    const char *p = page->text;
    if (strncmp(p, "NAME\n", 5) != 0)
        return false;
    p += 5;
    while (*p == ' ')
        p++;
    /* "a, b, c - what it does" */
    const char *end = strstr(p, " - ");
    const char *eol = strchr(p, '\n');
    if (end == NULL || (eol && eol < end))
        return false;
    size_t len = strlen(name);
    while (p < end) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *stop = comma ? comma : end;
        if ((size_t)(stop - p) == len && memcmp(p, name, len) == 0)
            return true;
        if (!comma)
            break;
        p = comma + 1;
        while (*p == ' ')
            p++;
    }
    return false;
}

const UManPage *u_man_find(const char *name, int section)
{
    size_t n;
    const UManPage *pages = u_man_pages(&n);
    size_t len = strlen(name);
    /* The file named after it first ("test.1" before the page naming "[") */
    for (size_t i = 0; i < n; i++)
        if ((section == 0 || pages[i].section == section) && strncmp(pages[i].file, name, len) == 0
            && pages[i].file[len] == '.' && strlen(pages[i].file) == len + 2)
            return &pages[i];
    for (size_t i = 0; i < n; i++)
        if ((section == 0 || pages[i].section == section) && u_man_names(&pages[i], name))
            return &pages[i];
    return NULL;
}

/* The body of section `name` of a page: from the line after its heading to
 * the next heading (a line that starts with a letter). */
static const char *section_of(const char *text, const char *name, size_t *len)
{
    size_t nl = strlen(name);
    for (const char *p = text; p && *p;) {
        if (strncmp(p, name, nl) == 0 && p[nl] == '\n') {
            const char *body = p + nl + 1, *q = body;
            while (*q == ' ' || *q == '\n') {
                const char *eol = strchr(q, '\n');
                q = eol ? eol + 1 : q + strlen(q);
            }
            *len = (size_t)(q - body);
            return body;
        }
        p = strchr(p, '\n');
        p = p ? p + 1 : NULL;
    }
    *len = 0;
    return NULL;
}

#define PL_PARA 1       /* stop at the first blank line after text */
#define PL_NO_BLANK 2   /* leave blank lines out */

/* Write the lines of body[0..len) to out, each with up to `strip` leading
 * spaces removed and `prefix` (first line) / `more` (others) put before
 * it; `how` is PL_* flags. */
static void put_lines(UStream *out, const char *body, size_t len, size_t strip, const char *prefix,
                      const char *more, int how)
{
    bool para = how & PL_PARA;
    const char *end = body + len;
    bool first = true;
    while (body < end) {
        const char *eol = memchr(body, '\n', (size_t)(end - body));
        size_t n = eol ? (size_t)(eol - body) : (size_t)(end - body);
        size_t sp = 0;
        while (sp < n && sp < strip && body[sp] == ' ')
            sp++;
        if (n == sp && para && !first)
            break;
        if (n > sp || !(how & (PL_PARA | PL_NO_BLANK))) {
            u_fputs(first ? prefix : more, out);
            u_fwrite(body + sp, n - sp, out);
            u_putc('\n', out);
            first = false;
        }
        body += n + 1;
    }
}

static const char *base_name(const char *prog)
{
    const char *slash = strrchr(prog, '/');
    return slash && slash[1] ? slash + 1 : prog;
}

void u_help(const char *prog)
{
    const char *name = base_name(prog);
    const UManPage *page = u_man_find(name, 1);
    UStream *out = u_stdout();
    size_t len;
    const char *body = page ? section_of(page->text, "SYNOPSIS", &len) : NULL;
    if (body)
        put_lines(out, body, len, SIZE_MAX, "Usage: ", "  or:  ", PL_NO_BLANK);
    else
        u_fprintf(out, "Usage: %s [OPTION]...\n", name);
    body = page ? section_of(page->text, "DESCRIPTION", &len) : NULL;
    if (body)
        put_lines(out, body, len, BODY_INDENT, "", "", PL_PARA);
    body = page ? section_of(page->text, "OPTIONS", &len) : NULL;
    if (body) {
        u_putc('\n', out);
        /* trailing blank lines of the section are dropped */
        while (len > 1 && body[len - 1] == '\n' && body[len - 2] == '\n')
            len--;
        put_lines(out, body, len, BODY_INDENT - 2, "", "", 0);
    } else {
        u_putc('\n', out);
    }
    u_fputs("      --help        display this help and exit\n"
            "      --version     output version information and exit\n",
            out);
    if (page)
        u_fprintf(out, "\nFull documentation: man %s\n", name);
}

void u_version(const char *prog)
{
    u_printf("%s (axos) %s\n", base_name(prog), AX_VERSION_STRING);
}
