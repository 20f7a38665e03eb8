/* Symbolic and octal file modes, as chmod(1) and the shell's umask read
 * them (POSIX chmod's grammar, with GNU's treatment of directories). */
#include <string.h>

#include "ulib.h"

bool u_mode_apply(const char *s, uint32_t cur, uint32_t umask, uint32_t *out) {
    bool dir = AX_S_ISDIR(cur);
    uint32_t m = cur & 07777;
    if (*s >= '0' && *s <= '7') {
        uint32_t v = 0;
        size_t n = 0;
        for (; s[n] >= '0' && s[n] <= '7' && v <= 07777; n++)
            v = v * 8 + (uint32_t)(s[n] - '0');
        if (s[n] || v > 07777)
            return false;
        /* GNU: a directory keeps its setuid/setgid bits unless the number
         * has five digits or more ("00755" clears them) */
        if (dir && n < 5)
            v |= m & 06000;
        *out = v;
        return true;
    }
    for (;;) {
        uint32_t who = 0;
        for (; strchr("ugoa", *s) && *s; s++)
            who |= *s == 'u' ? 04700u : *s == 'g' ? 02070u : *s == 'o' ? 01007u : 07777u;
        bool masked = who == 0; /* no who: as "a" less the umask's bits */
        if (masked)
            who = 07777;
        if (!*s || !strchr("+-=", *s))
            return false;
        while (*s && strchr("+-=", *s)) {
            char op = *s++;
            uint32_t val = 0;
            if (*s && strchr("ugo", *s)) {
                /* permcopy: the bits one class has now */
                uint32_t bits = *s == 'u' ? (m >> 6) & 7 : *s == 'g' ? (m >> 3) & 7 : m & 7;
                val = bits * 0111;
                s++;
            } else {
                for (; *s && strchr("rwxXst", *s); s++)
                    val |= *s == 'r'   ? 0444u
                           : *s == 'w' ? 0222u
                           : *s == 'x' ? 0111u
                           : *s == 'X' ? (dir || (m & 0111) ? 0111u : 0)
                           : *s == 's' ? 06000u
                                       : 01000u;
            }
            val &= who;
            if (masked)
                val &= ~umask;
            if (op == '+') {
                m |= val;
            } else if (op == '-') {
                m &= ~val;
            } else {
                uint32_t clear = who;
                if (dir) /* "=" keeps a directory's setuid/setgid unless named */
                    clear &= ~(06000u & ~val);
                m = (m & ~clear) | val;
            }
        }
        if (*s == '\0')
            break;
        if (*s++ != ',')
            return false;
    }
    *out = m;
    return true;
}

