/* getopt and getopt_long with GNU's rules and messages, over a set of
 * command lines, compared with the host's. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct option longopts[] = {
    {"verbose", no_argument, NULL, 'v'},
    {"output", required_argument, NULL, 'o'},
    {"color", optional_argument, NULL, 'c'},
    {"colour", optional_argument, NULL, 'c'},
    {"count", required_argument, NULL, 'n'},
    {"flag", no_argument, NULL, 0},
    {NULL, 0, NULL, 0},
};

static void run(const char *optstring, bool lng, const char *line) {
    char copy[256], *argv[32];
    int argc = 0;
    strcpy(copy, line);
    for (char *t = strtok(copy, " "); t && argc < 31; t = strtok(NULL, " "))
        argv[argc++] = strcmp(t, "''") == 0 ? "" : t;
    argv[argc] = NULL;
    printf("%s %s:", optstring, line);
    optind = 0;
    opterr = 1;
    int c, index;
    fflush(stdout);
    while ((c = lng ? getopt_long(argc, argv, optstring, longopts, &index)
                    : getopt(argc, argv, optstring)) != -1) {
        if (c == 0)
            printf(" [long %s]", longopts[index].name);
        else if (c == '?' || c == ':')
            printf(" [%c optopt=%c]", c, optopt ? optopt : '0');
        else
            printf(" [%c%s%s]", c, optarg ? "=" : "", optarg ? optarg : "");
        fflush(stdout);
    }
    printf(" | optind %d, rest:", optind);
    for (int i = optind; i < argc; i++)
        printf(" %s", argv[i]);
    printf("\n");
}

int main(void) {
    run("ab:c::", false, "p -a -b val -cX file1 -c -- -a");
    run("ab:c::", false, "p file1 -a file2 -bval file3");
    run("+ab:", false, "p -a file -b x");
    run("ab:", false, "p -x -b");
    run(":ab:", false, "p -x -b");
    run("ab:", false, "p -ab");
    run("-ab", false, "p one -a two");
    run("vo:c::n:", true, "p --verbose --output=f1 --output f2 --col --colo=red x");
    run("vo:c::n:", true, "p --verb --coun 3 --flag --count");
    run("vo:c::n:", true, "p --nope --verbose=1 --col -v -- --output");
    run("vo:c::n:", true, "p --c");
    return 0;
}
