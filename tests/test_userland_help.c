/* Hypotheses about help for everything: every program in /bin and every
 * shell builtin has a manual page; every program answers --help with a
 * usage made from its page and --version with its name and axos's
 * version; every page is well formed; man, apropos and whatis find pages
 * and fail as man-db does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ulib.h"
#include "userland_run.h"

#define OUT ul_output()

typedef struct Names {
    char **v;
    size_t n;
} Names;

static void collect(void *ud, const DirEntry *e)
{
    Names *names = ud;
    names->v = realloc(names->v, (names->n + 1) * sizeof(char *));
    names->v[names->n++] = strdup(e->name);
}

static void names_free(Names *names)
{
    for (size_t i = 0; i < names->n; i++)
        free(names->v[i]);
    free(names->v);
}

static Names bin_programs(Kernel *k)
{
    Names names = {NULL, 0};
    assert_true(kernel_list_dir(k, 0, "/bin", collect, &names) > 40);
    return names;
}

/* The builtins, from the lines of `help` ("  NAME ARGS: what"). */
static Names builtins(Kernel *k)
{
    Names names = {NULL, 0};
    assert_int_equal(RUN_PIPED(k, NULL, "sh", "-c", "help"), 0);
    char *text = strdup(OUT);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "  ", 2) != 0)
            continue;
        size_t len = strcspn(line + 2, " :");
        if (len == 0)
            len = 1; /* ":" itself */
        names.v = realloc(names.v, (names.n + 1) * sizeof(char *));
        names.v[names.n++] = strndup(line + 2, len);
    }
    free(text);
    assert_true(names.n > 30);
    return names;
}

static void test_every_program_has_a_manual_page(void **state)
{
    Kernel *k = ul_kernel();
    Names progs = bin_programs(k);
    for (size_t i = 0; i < progs.n; i++) {
        int st = RUN_PIPED(k, NULL, "man", progs.v[i]);
        if (st != 0)
            fail_msg("no manual page for the program %s (man: %d, %s)", progs.v[i], st, OUT);
        /* the title line names a page; the page lists the program */
        assert_true(strstr(OUT, "(1)") != NULL || strstr(OUT, "(8)") != NULL);
        assert_int_equal(RUN_PIPED(k, NULL, "whatis", progs.v[i]), 0);
    }
    names_free(&progs);
    harness_destroy(k);
}

static void test_every_builtin_has_a_manual_page(void **state)
{
    Kernel *k = ul_kernel();
    Names bis = builtins(k);
    for (size_t i = 0; i < bis.n; i++) {
        int st = RUN_PIPED(k, NULL, "man", bis.v[i]);
        if (st != 0)
            fail_msg("no manual page for the builtin %s (man: %d, %s)", bis.v[i], st, OUT);
    }
    names_free(&bis);
    harness_destroy(k);
}

/* The shell's own options (sh --help) belong to the shell. */
static bool own_usage(const char *name) { return strcmp(name, "sh") == 0; }

static void test_every_program_answers_help_and_version(void **state)
{
    Kernel *k = ul_kernel();
    Names progs = bin_programs(k);
    char path[300], want[300];
    for (size_t i = 0; i < progs.n; i++) {
        const char *name = progs.v[i];
        if (own_usage(name))
            continue;
        snprintf(path, sizeof path, "/bin/%s", name);
        int st = RUN_PIPED(k, NULL, path, "--help");
        if (st != (strcmp(name, "false") == 0 ? 1 : 0) || strncmp(OUT, "Usage: ", 7) != 0 ||
            strstr(OUT, "--version") == NULL)
            fail_msg("%s --help: status %d, output:\n%s", name, st, OUT);
        st = RUN_PIPED(k, NULL, path, "--version");
        snprintf(want, sizeof want, "%s (axos) %s\n", name, AX_VERSION_STRING);
        if (st != (strcmp(name, "false") == 0 ? 1 : 0) || strcmp(OUT, want) != 0)
            fail_msg("%s --version: status %d, output:\n%s", name, st, OUT);
    }
    names_free(&progs);
    harness_destroy(k);
}

static void test_help_is_made_from_the_page(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN_PIPED(k, NULL, "cut", "--help"), 0);
    const char *want_start = "Usage: cut OPTION... [FILE]...\n"
                             "Print the selected bytes, characters or fields of each line of";
    assert_memory_equal(OUT, want_start, strlen(want_start));
    assert_non_null(strstr(OUT, "\n  -b, --bytes=LIST         select these bytes\n"));
    assert_non_null(strstr(OUT, "      --help        display this help and exit\n"));
    assert_non_null(strstr(OUT, "\nFull documentation: man cut\n"));
    /* several synopsis lines: "Usage:" then "  or:" */
    assert_int_equal(RUN_PIPED(k, NULL, "cp", "--help"), 0);
    assert_non_null(strstr(OUT, "Usage: cp [OPTION]... SOURCE DEST\n"
                                "  or:  cp [OPTION]... SOURCE... DIRECTORY\n"));
    /* --help wins over everything after it, an abbreviation works */
    assert_int_equal(RUN_PIPED(k, NULL, "cat", "--he", "/nope"), 0);
    assert_memory_equal(OUT, "Usage: cat", 10);
    harness_destroy(k);
}

static void test_every_page_is_well_formed(void **state)
{
    size_t n;
    const UManPage *pages = u_man_pages(&n);
    assert_true(n > 70);
    for (size_t i = 0; i < n; i++) {
        const char *t = pages[i].text;
        char stem[64];
        snprintf(stem, sizeof stem, "%.*s", (int)strcspn(pages[i].file, "."), pages[i].file);
        if (strncmp(t, "NAME\n       ", 12) != 0 || !strstr(t, "\nSYNOPSIS\n") ||
            !strstr(t, "\nDESCRIPTION\n"))
            fail_msg("%s: needs NAME, SYNOPSIS and DESCRIPTION sections", pages[i].file);
        if (!u_man_names(&pages[i], stem))
            fail_msg("%s: its NAME line does not name %s", pages[i].file, stem);
        /* the body stays inside a terminal of 80 columns, apart from the
         * option table's descriptions, which may run to 90, and the NAME
         * line (the names of a family must stay on one line) */
        for (const char *line = strchr(t + 5, '\n') + 1; *line;) {
            size_t len = strcspn(line, "\n");
            if (len > 90)
                fail_msg("%s: a line of %zu columns: %.*s", pages[i].file, len, (int)len, line);
            line += len + (line[len] == '\n');
        }
        if (i > 0 && strcmp(pages[i - 1].file, pages[i].file) >= 0)
            fail_msg("pages out of order at %s", pages[i].file);
    }
}

static void test_man_apropos_and_whatis_find_pages_or_say_why_not(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN_PIPED(k, NULL, "man", "ls"), 0);
    assert_memory_equal(OUT, "LS(1)", 5);
    assert_non_null(strstr(OUT, "\nNAME\n       ls - list directory contents\n"));
    assert_int_equal(RUN_PIPED(k, NULL, "man", "1", "["), 0); /* test's page names [ */
    assert_memory_equal(OUT, "TEST(1)", 7);
    assert_int_equal(RUN_PIPED(k, NULL, "man", "nosuchthing"), 16);
    assert_string_equal(OUT, "No manual entry for nosuchthing\n");
    assert_int_equal(RUN_PIPED(k, NULL, "man", "5", "ls"), 16);
    assert_string_equal(OUT, "No entry for ls in section 5 of the manual\n");
    assert_int_equal(RUN_PIPED(k, NULL, "man"), 1);
    assert_string_equal(OUT, "What manual page do you want?\nFor example, try 'man man'.\n");
    assert_int_equal(RUN_PIPED(k, NULL, "man", "-z"), 1);
    assert_string_equal(OUT, "man: invalid option -- 'z'\nTry 'man --help' for more information.\n");
    assert_int_equal(RUN_PIPED(k, NULL, "whatis", "grep", "egrep"), 0);
    assert_string_equal(OUT, "grep (1)             - print lines that match patterns\n"
                             "egrep (1)            - print lines that match patterns\n");
    assert_int_equal(RUN_PIPED(k, NULL, "whatis", "nope"), 16);
    assert_string_equal(OUT, "nope: nothing appropriate.\n");
    assert_int_equal(RUN_PIPED(k, NULL, "apropos", "DIRECTORY CONTENTS"), 0);
    assert_string_equal(OUT, "ls (1)               - list directory contents\n");
    assert_int_equal(RUN_PIPED(k, NULL, "man", "-k", "xyzzy"), 16);
    assert_string_equal(OUT, "xyzzy: nothing appropriate.\n");
    harness_destroy(k);
}

/* GNU getopt_long's rules, through a program: options after operands,
 * "--" ending them, abbreviations, and the wording of every error. */
static void test_long_options_follow_gnu_getopt(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/tmp/f", "b\na\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sort", "/tmp/f", "-r"), 0); /* permuted */
    assert_string_equal(OUT, "b\na\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sort", "--rev", "/tmp/f"), 0); /* abbreviated */
    assert_string_equal(OUT, "b\na\n");
    assert_int_equal(RUN_PIPED(k, NULL, "cat", "--", "-r"), 1); /* "--" ends options */
    assert_string_equal(OUT, "cat: -r: No such file or directory\n");
    assert_int_equal(RUN_PIPED(k, NULL, "cat", "--nope"), 1);
    assert_string_equal(OUT, "cat: unrecognized option '--nope'\n"
                             "Try 'cat --help' for more information.\n");
    assert_int_equal(RUN_PIPED(k, NULL, "cat", "--number=2"), 1);
    assert_string_equal(OUT, "cat: option '--number' doesn't allow an argument\n"
                             "Try 'cat --help' for more information.\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sort", "--key"), 2);
    assert_string_equal(OUT, "sort: option '--key' requires an argument\n"
                             "Try 'sort --help' for more information.\n");
    assert_int_equal(RUN_PIPED(k, NULL, "sort", "-k"), 2);
    assert_string_equal(OUT, "sort: option requires an argument -- 'k'\n"
                             "Try 'sort --help' for more information.\n");
    assert_int_equal(RUN_PIPED(k, NULL, "cat", "--show"), 1);
    assert_string_equal(OUT, "cat: option '--show' is ambiguous; possibilities: '--show-all' "
                             "'--show-ends' '--show-tabs' '--show-nonprinting'\n"
                             "Try 'cat --help' for more information.\n");
    /* env stops at its first operand: the command's options are its own */
    assert_int_equal(RUN_PIPED(k, NULL, "env", "-i", "sort", "-r", "/tmp/f"), 0);
    assert_string_equal(OUT, "b\na\n");
    harness_destroy(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_program_has_a_manual_page),
        cmocka_unit_test(test_every_builtin_has_a_manual_page),
        cmocka_unit_test(test_every_program_answers_help_and_version),
        cmocka_unit_test(test_help_is_made_from_the_page),
        cmocka_unit_test(test_every_page_is_well_formed),
        cmocka_unit_test(test_man_apropos_and_whatis_find_pages_or_say_why_not),
        cmocka_unit_test(test_long_options_follow_gnu_getopt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
