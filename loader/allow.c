/* The host functions a program in axos may call directly.
 *
 * A program .so is linked with the POSIX layer, which defines (with hidden
 * visibility, so they bind inside the .so) every call that touches files,
 * processes, signals, time, memory or stdio. Whatever the .so still
 * imports resolves to the host's C library, so it must be harmless there:
 *   - pure: no system call, no file, no process, no clock;
 *   - no hidden state shared between calls (strtok, rand, getopt, gmtime
 *     keep some, so the layer has its own);
 *   - nothing allocated with the host's malloc that outlives the call
 *     (strdup, asprintf, regcomp would hand the program memory the
 *     layer's free cannot take back, and a killed process would leak it).
 * errno is the host's thread-local one: the layer saves and restores it
 * around every kernel entry, so each process keeps its own value across
 * switches, and the host functions below set it as programs expect.
 *
 * Everything not listed (and not provided by the layer) makes the loader
 * refuse the program, naming the call: nothing reaches the host by
 * accident. */
#include <stdbool.h>
#include <string.h>

#include "loader/internal.h"

static const char *const allow_exact[] = {
    /* string.h, strings.h, libgen.h */
    "memcpy", "memmove", "memset", "memcmp", "memchr", "memrchr", "rawmemchr",
    "memmem", "mempcpy", "memccpy", "strlen", "strnlen", "strcpy", "strncpy",
    "stpcpy", "stpncpy", "strcat", "strncat", "strcmp", "strncmp", "strcoll",
    "strxfrm", "strchr", "strrchr", "strchrnul", "strstr", "strcasestr",
    "strspn", "strcspn", "strpbrk", "strsep", "strtok_r", "__strtok_r",
    "strverscmp", "strcasecmp", "strncasecmp", "bcopy", "bzero", "bcmp",
    "index", "rindex", "ffs", "ffsl", "ffsll", "explicit_bzero", "swab",
    "basename", "__xpg_basename", "dirname", "__rawmemchr", "__stpcpy",
    "__mempcpy",
    /* _FORTIFY_SOURCE versions of pure functions (the failure path,
     * __chk_fail, is the layer's) */
    "__memcpy_chk", "__memmove_chk", "__memset_chk", "__mempcpy_chk",
    "__strcpy_chk", "__stpcpy_chk", "__strncpy_chk", "__stpncpy_chk",
    "__strcat_chk", "__strncat_chk", "__snprintf_chk", "__sprintf_chk",
    "__vsnprintf_chk", "__vsprintf_chk", "__explicit_bzero_chk", "__fdelt_chk",
    "__longjmp_chk", "__wmemcpy_chk", "__wmemmove_chk", "__wmemset_chk",
    "__wcscpy_chk", "__wcsncpy_chk", "__wcscat_chk", "__wcsncat_chk",
    "__swprintf_chk", "__vswprintf_chk", "__mbstowcs_chk", "__wcstombs_chk",
    "__wcrtomb_chk", "__mbsrtowcs_chk", "__wcsrtombs_chk",
    /* ctype.h, wctype.h (the C locale's tables) */
    "__ctype_b_loc", "__ctype_tolower_loc", "__ctype_toupper_loc",
    "__ctype_get_mb_cur_max", "isalnum", "isalpha", "isascii", "isblank",
    "iscntrl", "isdigit", "isgraph", "islower", "isprint", "ispunct",
    "isspace", "isupper", "isxdigit", "tolower", "toupper", "toascii",
    "_tolower", "_toupper", "iswalnum", "iswalpha", "iswblank", "iswcntrl",
    "iswdigit", "iswgraph", "iswlower", "iswprint", "iswpunct", "iswspace",
    "iswupper", "iswxdigit", "iswctype", "towlower", "towupper", "wctype",
    "wctrans", "towctrans",
    /* stdlib.h, inttypes.h: conversions, arithmetic, sorting */
    "atoi", "atol", "atoll", "atof", "strtol", "strtoul", "strtoll",
    "strtoull", "strtoq", "strtouq", "strtod", "strtof", "strtold",
    "strtoimax", "strtoumax", "__strtol_internal", "__strtoul_internal",
    "__strtoll_internal", "__strtoull_internal", "__strtod_internal",
    "__strtof_internal", "__strtold_internal", "strfromd", "strfromf",
    "strfroml", "abs", "labs", "llabs", "div", "ldiv", "lldiv", "imaxabs",
    "imaxdiv", "qsort", "qsort_r", "bsearch", "lfind", "lsearch", "rand_r",
    "a64l", "mblen", "mbtowc", "wctomb", "mbstowcs", "wcstombs",
    /* formatting into memory */
    "snprintf", "sprintf", "vsnprintf", "vsprintf", "sscanf", "vsscanf",
    "__isoc99_sscanf", "__isoc99_vsscanf", "swprintf", "vswprintf",
    "swscanf", "vswscanf", "__isoc99_swscanf", "__isoc99_vswscanf",
    /* wchar.h */
    "wcslen", "wcsnlen", "wcscpy", "wcsncpy", "wcscat", "wcsncat", "wcscmp",
    "wcsncmp", "wcscasecmp", "wcsncasecmp", "wcscoll", "wcsxfrm", "wcschr",
    "wcsrchr", "wcsstr", "wcsspn", "wcscspn", "wcspbrk", "wcstok", "wmemcpy",
    "wmemmove", "wmemset", "wmemcmp", "wmemchr", "wcpcpy", "wcpncpy",
    "wcstol", "wcstoul", "wcstoll", "wcstoull", "wcstod", "wcstof",
    "wcstold", "wcstoimax", "wcstoumax", "btowc", "wctob", "mbsinit",
    "mbrlen", "mbrtowc", "wcrtomb", "mbsrtowcs", "wcsrtombs", "mbsnrtowcs",
    "wcsnrtombs", "wcwidth", "wcswidth",
    /* setjmp.h without the signal mask (sigsetjmp is the layer's) */
    "_setjmp", "longjmp", "_longjmp",
    /* signal sets are plain bit operations on the caller's memory */
    "sigemptyset", "sigfillset", "sigaddset", "sigdelset", "sigismember",
    "sigisemptyset", "sigandset", "sigorset",
    /* the C locale's fixed answers */
    "localeconv", "nl_langinfo",
    /* byte order, addresses as text */
    "htons", "htonl", "ntohs", "ntohl", "inet_pton", "inet_ntop", "inet_addr",
    /* fnmatch.h */
    "fnmatch",
    /* the English texts of errno values and signals (no locale, no
     * state): the layer's strerror and strsignal use them */
    "strerrordesc_np", "strerrorname_np", "sigdescr_np", "sigabbrev_np",
    /* random number generators whose state the caller holds */
    "random_r", "srandom_r", "initstate_r", "setstate_r", "drand48_r", "erand48_r",
    "lrand48_r", "nrand48_r", "mrand48_r", "jrand48_r", "srand48_r", "seed48_r",
    "lcong48_r", "erand48", "nrand48", "jrand48",
    /* errno itself: the layer keeps each process's value (see above) */
    "__errno_location",
    /* SIGRTMIN and SIGRTMAX expand to these: constants of the host */
    "__libc_current_sigrtmin", "__libc_current_sigrtmax",
    /* weak references of the C runtime's start files, and what the host
     * calls at dlclose with the image's own handle */
    "__cxa_finalize", "_ITM_deregisterTMCloneTable", "_ITM_registerTMCloneTable",
    "__gmon_start__",
    /* libgcc helpers the compiler may call */
    "__popcountdi2", "__udivti3", "__divti3", "__umodti3", "__modti3",
};

/* Sanitizer builds: the instrumentation's runtime calls. */
static const char *const allow_prefix[] = {"__asan_", "__ubsan_", "__sanitizer_", "__lsan_"};

/* math.h: every function comes as name, namef and namel. */
static const char *const allow_math[] = {
    "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt",
    "ceil", "copysign", "cos", "cosh", "drem", "erf", "erfc", "exp", "exp10",
    "exp2", "expm1", "fabs", "fdim", "finite", "floor", "fma", "fmax", "fmin",
    "fmod", "frexp", "gamma", "hypot", "ilogb", "isinf", "isnan", "j0", "j1",
    "jn", "ldexp", "lgamma", "lgamma_r", "llrint", "llround", "log", "log10",
    "log1p", "log2", "logb", "lrint", "lround", "modf", "nan", "nearbyint",
    "nextafter", "nexttoward", "pow", "pow10", "remainder", "remquo", "rint",
    "round", "roundeven", "scalb", "scalbln", "scalbn", "significand", "sin",
    "sincos", "sinh", "sqrt", "tan", "tanh", "tgamma", "trunc", "y0", "y1",
    "yn", "__finite", "__isinf", "__isnan", "__signbit", "__fpclassify",
    "__issignaling", "__iseqsig",
};

static bool in_list(const char *const *list, size_t n, const char *name, size_t len) {
    for (size_t i = 0; i < n; i++)
        if (strncmp(list[i], name, len) == 0 && list[i][len] == '\0')
            return true;
    return false;
}

#define COUNT(a) (sizeof(a) / sizeof *(a))

static bool allow_is_math(const char *name) {
    size_t len = strlen(name);
    if (in_list(allow_math, COUNT(allow_math), name, len))
        return true;
    /* lgammaf_r, lgammal_r */
    if (len > 3 && strcmp(name + len - 2, "_r") == 0 && (name[len - 3] == 'f' || name[len - 3] == 'l')) {
        char base[32];
        if (len - 3 + 2 >= sizeof base)
            return false;
        memcpy(base, name, len - 3);
        memcpy(base + len - 3, "_r", 3);
        return in_list(allow_math, COUNT(allow_math), base, len - 1);
    }
    return (name[len - 1] == 'f' || name[len - 1] == 'l') &&
           in_list(allow_math, COUNT(allow_math), name, len - 1);
}

bool loader_host_call_allowed(const char *name) {
    if (!name[0])
        return false;
    if (in_list(allow_exact, COUNT(allow_exact), name, strlen(name)))
        return true;
    for (size_t i = 0; i < COUNT(allow_prefix); i++)
        if (strncmp(name, allow_prefix[i], strlen(allow_prefix[i])) == 0)
            return true;
    return allow_is_math(name);
}
