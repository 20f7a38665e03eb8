/* getopt, getopt_long and getopt_long_only, with GNU's behaviour and
 * messages, since programs and their tests expect glibc's: non-options
 * are moved after the options (unless optstring starts with '+' or
 * POSIXLY_CORRECT is set; '-' returns them as arguments of option 1),
 * "--" ends the options, a leading ':' makes a missing argument return
 * ':' quietly, optind = 0 starts over, long options may be abbreviated.
 * The state is this process's (the host's getopt keeps its own for the
 * whole host). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "posix/internal.h"

char *optarg;
int optind = 1, opterr = 1, optopt = '?';

enum { PERMUTE, REQUIRE_ORDER, RETURN_IN_ORDER };

static struct {
    char *nextchar;
    int first_nonopt, last_nonopt;
    int ordering;
    bool initialized;
} go;

static bool nonoption(char **argv, int i) {
    return argv[i][0] != '-' || argv[i][1] == '\0';
}

static void reverse(char **a, int from, int to) {
    for (to--; from < to; from++, to--) {
        char *t = a[from];
        a[from] = a[to];
        a[to] = t;
    }
}

/* Move the options just scanned, [last_nonopt, optind), in front of the
 * non-options skipped before them, [first_nonopt, last_nonopt). */
static void exchange(char **argv) {
    reverse(argv, go.first_nonopt, go.last_nonopt);
    reverse(argv, go.last_nonopt, optind);
    reverse(argv, go.first_nonopt, optind);
    go.first_nonopt += optind - go.last_nonopt;
    go.last_nonopt = optind;
}

static int long_option(int argc, char **argv, const char *optstring, const struct option *longopts,
                       int *longind, bool long_only, bool print, const char *prefix) {
    char *name = go.nextchar;
    char *end = name;
    while (*end && *end != '=')
        end++;
    size_t len = (size_t)(end - name);
    const struct option *found = NULL;
    int index = -1, n = 0;
    for (const struct option *p = longopts; p->name; p++, n++)
        if (strncmp(p->name, name, len) == 0 && strlen(p->name) == len) {
            found = p;
            index = n;
            break;
        }
    if (!found) {
        /* Abbreviations: the first match, unless a later one differs from
         * it (glibc lists those after it). */
        bool ambiguous = false;
        n = 0;
        for (const struct option *p = longopts; p->name; p++, n++) {
            if (strncmp(p->name, name, len) != 0)
                continue;
            if (!found) {
                found = p;
                index = n;
            } else if (long_only || found->has_arg != p->has_arg || found->flag != p->flag ||
                       found->val != p->val) {
                ambiguous = true;
            }
        }
        if (ambiguous) {
            if (print) {
                fprintf(stderr, "%s: option '%s%s' is ambiguous; possibilities:", argv[0], prefix, name);
                for (const struct option *p = found; p->name; p++)
                    if (strncmp(p->name, name, len) == 0 &&
                        (p == found || long_only || found->has_arg != p->has_arg ||
                         found->flag != p->flag || found->val != p->val))
                        fprintf(stderr, " '%s%s'", prefix, p->name);
                fputc('\n', stderr);
            }
            go.nextchar = NULL;
            optind++;
            optopt = 0;
            return '?';
        }
    }
    if (!found) {
        if (!long_only || argv[optind][1] == '-' || !strchr(optstring, *go.nextchar)) {
            if (print)
                fprintf(stderr, "%s: unrecognized option '%s%s'\n", argv[0], prefix, name);
            go.nextchar = NULL;
            optind++;
            optopt = 0;
            return '?';
        }
        return -1; /* getopt_long_only: try it as short options */
    }
    optind++;
    go.nextchar = NULL;
    if (*end) {
        if (!found->has_arg) {
            if (print)
                fprintf(stderr, "%s: option '%s%s' doesn't allow an argument\n", argv[0], prefix,
                        found->name);
            optopt = found->val;
            return '?';
        }
        optarg = end + 1;
    } else if (found->has_arg == required_argument) {
        if (optind >= argc) {
            if (print)
                fprintf(stderr, "%s: option '%s%s' requires an argument\n", argv[0], prefix,
                        found->name);
            optopt = found->val;
            return optstring[0] == ':' ? ':' : '?';
        }
        optarg = argv[optind++];
    }
    if (longind)
        *longind = index;
    if (found->flag) {
        *found->flag = found->val;
        return 0;
    }
    return found->val;
}

/* Step to the next element to look at; returns -1 at the end, 1 for a
 * non-option returned in order, 0 when go.nextchar is set. */
static int advance(int argc, char **argv) {
    if (go.last_nonopt > optind)
        go.last_nonopt = optind;
    if (go.first_nonopt > optind)
        go.first_nonopt = optind;
    if (go.ordering == PERMUTE) {
        if (go.first_nonopt != go.last_nonopt && go.last_nonopt != optind)
            exchange(argv);
        else if (go.last_nonopt != optind)
            go.first_nonopt = optind;
        while (optind < argc && nonoption(argv, optind))
            optind++;
        go.last_nonopt = optind;
    }
    if (optind != argc && strcmp(argv[optind], "--") == 0) {
        optind++;
        if (go.first_nonopt != go.last_nonopt && go.last_nonopt != optind)
            exchange(argv);
        else if (go.first_nonopt == go.last_nonopt)
            go.first_nonopt = optind;
        go.last_nonopt = argc;
        optind = argc;
    }
    if (optind == argc) {
        if (go.first_nonopt != go.last_nonopt)
            optind = go.first_nonopt;
        return -1;
    }
    if (nonoption(argv, optind)) {
        if (go.ordering == REQUIRE_ORDER)
            return -1;
        optarg = argv[optind++];
        return 1;
    }
    return 0;
}

static int px_getopt(int argc, char *const *cargv, const char *optstring,
                     const struct option *longopts, int *longind, bool long_only) {
    char **argv = (char **)cargv; /* GNU getopt permutes argv, const or not */
    if (argc < 1)
        return -1;
    optarg = NULL;
    if (optind == 0 || !go.initialized) {
        if (optind == 0)
            optind = 1;
        go.first_nonopt = go.last_nonopt = optind;
        go.nextchar = NULL;
        go.ordering = optstring[0] == '-'   ? RETURN_IN_ORDER
                      : optstring[0] == '+' ? REQUIRE_ORDER
                      : getenv("POSIXLY_CORRECT") ? REQUIRE_ORDER
                                                  : PERMUTE;
        go.initialized = true;
    }
    if (optstring[0] == '-' || optstring[0] == '+')
        optstring++;
    bool print = opterr && optstring[0] != ':';

    if (!go.nextchar || !*go.nextchar) {
        int r = advance(argc, argv);
        if (r != 0)
            return r;
        if (longopts) {
            if (argv[optind][1] == '-') {
                go.nextchar = argv[optind] + 2;
                return long_option(argc, argv, optstring, longopts, longind, long_only, print, "--");
            }
            if (long_only && (argv[optind][2] || !strchr(optstring, argv[optind][1]))) {
                go.nextchar = argv[optind] + 1;
                int code = long_option(argc, argv, optstring, longopts, longind, long_only, print, "-");
                if (code != -1)
                    return code;
            }
        }
        go.nextchar = argv[optind] + 1;
    }

    char c = *go.nextchar++;
    const char *spec = strchr(optstring, c);
    if (*go.nextchar == '\0')
        optind++;
    if (!spec || c == ':' || c == ';') {
        if (print)
            fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
        optopt = c;
        return '?';
    }
    if (spec[1] == ':') {
        if (spec[2] == ':') { /* optional: only in the same word */
            optarg = *go.nextchar ? go.nextchar : NULL;
            if (*go.nextchar)
                optind++;
        } else if (*go.nextchar) {
            optarg = go.nextchar;
            optind++;
        } else if (optind == argc) {
            if (print)
                fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], c);
            optopt = c;
            c = optstring[0] == ':' ? ':' : '?';
        } else {
            optarg = argv[optind++];
        }
        go.nextchar = NULL;
    }
    return c;
}

int getopt(int argc, char *const argv[], const char *optstring) {
    return px_getopt(argc, argv, optstring, NULL, NULL, false);
}
int __posix_getopt(int argc, char *const argv[], const char *optstring) __attribute__((alias("getopt")));

int getopt_long(int argc, char *const argv[], const char *optstring, const struct option *longopts,
                int *longind) {
    return px_getopt(argc, argv, optstring, longopts, longind, false);
}

int getopt_long_only(int argc, char *const argv[], const char *optstring,
                     const struct option *longopts, int *longind) {
    return px_getopt(argc, argv, optstring, longopts, longind, true);
}
