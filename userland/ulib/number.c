/* ulib numbers: the size and time suffixes of the GNU tools, and the
 * human-readable sizes of ls -h, du -h and df -h. */
#include <stdio.h>
#include <string.h>

#include "ulib.h"

/* The multiplier of a size suffix: "K" and "KiB" 1024, "kB" and "KB"
 * 1000, and so on up to E; "b" is 512 (blocks), "c" 1, "w" 2. 0 when the
 * suffix is unknown. */
static uint64_t suffix_scale(const char *s)
{
    static const char units[] = "KMGTPE";
    if (*s == '\0')
        return 1;
    if (strcmp(s, "b") == 0)
        return 512;
    if (strcmp(s, "c") == 0)
        return 1;
    if (strcmp(s, "w") == 0)
        return 2;
    char u = *s == 'k' ? 'K' : *s;
    const char *at = strchr(units, u);
    if (at == NULL || u == '\0')
        return 0;
    int power = (int)(at - units) + 1;
    uint64_t base;
    if (s[1] == '\0' || strcmp(s + 1, "iB") == 0)
        base = 1024;
    else if (strcmp(s + 1, "B") == 0)
        base = 1000;
    else
        return 0;
    uint64_t v = 1;
    while (power--)
        v *= base;
    return v;
}

bool u_parse_size(const char *s, uint64_t *out)
{
    if (*s < '0' || *s > '9')
        return false;
    uint64_t v = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        unsigned d = (unsigned)(*s - '0');
        if (v > (UINT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    uint64_t scale = suffix_scale(s);
    if (scale == 0 || (v && scale > UINT64_MAX / v))
        return false;
    *out = v * scale;
    return true;
}

bool u_parse_duration(const char *s, uint64_t *ns)
{
    /* digits[.digits] then one of s m h d, in integer arithmetic so that
     * "0.1" is exactly 100 ms */
    uint64_t whole = 0, frac = 0, frac_scale = 1;
    const char *p = s;
    bool digits = false;
    for (; *p >= '0' && *p <= '9'; p++, digits = true) {
        if (whole > UINT64_MAX / 10 - 1)
            return false;
        whole = whole * 10 + (uint64_t)(*p - '0');
    }
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, digits = true) {
            if (frac_scale < 1000000000) {
                frac = frac * 10 + (uint64_t)(*p - '0');
                frac_scale *= 10;
            }
        }
    }
    if (!digits)
        return false;
    uint64_t unit;
    switch (*p) {
    case '\0':
    case 's': unit = 1; break;
    case 'm': unit = 60; break;
    case 'h': unit = 3600; break;
    case 'd': unit = 86400; break;
    default: return false;
    }
    if (*p && p[1])
        return false;
    const uint64_t sec = 1000000000;
    if (whole > UINT64_MAX / unit / sec) {
        *ns = UINT64_MAX; /* longer than anything will run: forever */
        return true;
    }
    *ns = whole * unit * sec + frac * (sec / frac_scale) * unit;
    return true;
}

size_t u_human_size(uint64_t v, char *buf, size_t size)
{
    static const char units[] = "KMGTPE";
    if (v < 1024)
        return (size_t)snprintf(buf, size, "%llu", (unsigned long long)v);
    /* Divide down, rounding up as GNU does: a size is never shown smaller
     * than it is. One decimal below 10. */
    int u = -1;
    uint64_t scaled_x10 = 0;
    for (uint64_t div = 1024; u < 5; div *= 1024) {
        u++;
        if (v / div < 1024 || u == 5) {
            scaled_x10 = (v * 10 + div - 1) / div;
            if (v > UINT64_MAX / 10)
                scaled_x10 = (v / div) * 10 + 10;
            break;
        }
    }
    if (scaled_x10 < 100)
        return (size_t)snprintf(buf, size, "%llu.%llu%c", (unsigned long long)(scaled_x10 / 10),
                                (unsigned long long)(scaled_x10 % 10), units[u]);
    uint64_t whole = (scaled_x10 + 9) / 10;
    if (whole >= 1024 && u < 5)
        return (size_t)snprintf(buf, size, "1.0%c", units[u + 1]);
    return (size_t)snprintf(buf, size, "%llu%c", (unsigned long long)whole, units[u]);
}

/* The order of a byte in a non-digit run, as Debian's version compare
 * (which GNU's version sort follows) gives it: '~' before the end of a
 * string, letters before other bytes. */
static int ver_order(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return 0;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return c;
    if (c == '~')
        return -1;
    return c ? c + 256 : 0;
}

static int verrevcmp(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t i = 0, j = 0;
    while (i < alen || j < blen) {
        int first_diff = 0;
        while ((i < alen && !(a[i] >= '0' && a[i] <= '9')) ||
               (j < blen && !(b[j] >= '0' && b[j] <= '9'))) {
            int ac = i < alen ? ver_order((unsigned char)a[i]) : 0;
            int bc = j < blen ? ver_order((unsigned char)b[j]) : 0;
            if (ac != bc)
                return ac - bc;
            i++;
            j++;
        }
        while (i < alen && a[i] == '0')
            i++;
        while (j < blen && b[j] == '0')
            j++;
        while (i < alen && j < blen && a[i] >= '0' && a[i] <= '9' && b[j] >= '0' && b[j] <= '9') {
            if (!first_diff)
                first_diff = a[i] - b[j];
            i++;
            j++;
        }
        if (i < alen && a[i] >= '0' && a[i] <= '9')
            return 1;
        if (j < blen && b[j] >= '0' && b[j] <= '9')
            return -1;
        if (first_diff)
            return first_diff;
    }
    return 0;
}

/* Length of s without its file suffixes: a trailing run of
 * (\.[A-Za-z~][A-Za-z0-9~]*)* ("x-1.2.tar.gz" keeps "x-1.2"). */
static size_t suffixless(const char *s, size_t len)
{
    size_t end = len, i = len;
    while (i > 0) {
        size_t j = i;
        while (j > 0 && ((s[j - 1] >= 'a' && s[j - 1] <= 'z') || (s[j - 1] >= 'A' && s[j - 1] <= 'Z') ||
                         (s[j - 1] >= '0' && s[j - 1] <= '9') || s[j - 1] == '~'))
            j--;
        if (j == 0 || s[j - 1] != '.' || j == i)
            break;
        char c = s[j];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '~'))
            break;
        end = j - 1;
        i = j - 1;
    }
    return end;
}

int u_strverscmp(const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return 0;
    /* "" first, then ".", "..", then hidden names before the others */
    if (!*a)
        return -1;
    if (!*b)
        return 1;
    if (strcmp(a, ".") == 0)
        return -1;
    if (strcmp(b, ".") == 0)
        return 1;
    if (strcmp(a, "..") == 0)
        return -1;
    if (strcmp(b, "..") == 0)
        return 1;
    if (*a == '.' && *b != '.')
        return -1;
    if (*a != '.' && *b == '.')
        return 1;
    if (*a == '.' && *b == '.')
        a++, b++;
    size_t al = strlen(a), bl = strlen(b);
    size_t ap = suffixless(a, al), bp = suffixless(b, bl);
    int r = 0;
    if (ap == bp && strncmp(a, b, ap) == 0)
        r = verrevcmp(a, al, b, bl);
    else
        r = verrevcmp(a, ap, b, bp);
    return r ? r : strcmp(a, b);
}

void u_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *, void *),
            void *ctx)
{
    if (n < 2)
        return;
    char *a = base, *tmp = xmalloc(n * size);
    /* bottom-up merge sort: stable, O(n log n), one scratch array */
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            if (mid == hi || cmp(a + (mid - 1) * size, a + mid * size, ctx) <= 0) {
                memcpy(tmp + lo * size, a + lo * size, (hi - lo) * size); /* already in order */
                continue;
            }
            while (i < mid && j < hi) {
                if (cmp(a + j * size, a + i * size, ctx) < 0)
                    memcpy(tmp + k++ * size, a + j++ * size, size);
                else
                    memcpy(tmp + k++ * size, a + i++ * size, size);
            }
            memcpy(tmp + k * size, a + i * size, (mid - i) * size);
            k += mid - i;
            memcpy(tmp + k * size, a + j * size, (hi - j) * size);
        }
        memcpy(a, tmp, n * size);
    }
    xfree(tmp);
}

int u_strverscmp_n(const char *a, size_t alen, const char *b, size_t blen)
{
    int r = verrevcmp(a, alen, b, blen);
    if (r)
        return r;
    size_t n = alen < blen ? alen : blen;
    r = memcmp(a, b, n);
    return r ? r : (alen > blen) - (alen < blen);
}
