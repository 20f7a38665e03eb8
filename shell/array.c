/* array.c — the values of bash's arrays: indexed arrays (sparse, kept
 * sorted by index) and associative arrays.
 *
 * An associative array lists its keys in the order bash does, so that
 * `${!a[@]}` prints the same thing in both shells: bash keeps them in a
 * hash table of 1024 buckets (FNV-1 of the key), walks the buckets in
 * order and, in each, finds the newest key first. Here the elements are
 * kept sorted that way, which also makes a lookup a binary search for the
 * bucket and a short scan inside it.
 */
#include "sh.h"

#define ASSOC_BUCKETS 1024u

static uint32_t assoc_bucket(const char *key)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *s = (const unsigned char *)key; *s; s++)
        h = (h * 16777619u) ^ *s;
    return h & (ASSOC_BUCKETS - 1);
}

VarArray *arr_new(bool assoc)
{
    VarArray *a = xcalloc(1, sizeof *a);
    a->assoc = assoc;
    return a;
}

void arr_clear(VarArray *a)
{
    for (size_t i = 0; i < a->n; i++) {
        xfree(a->v[i].key);
        xfree(a->v[i].val);
    }
    a->n = 0;
}

void arr_free(VarArray *a)
{
    if (!a)
        return;
    arr_clear(a);
    xfree(a->v);
    xfree(a);
}

VarArray *arr_copy(const VarArray *src)
{
    VarArray *a = arr_new(src->assoc);
    a->cap = a->n = src->n;
    a->v = xmalloc((a->cap ? a->cap : 1) * sizeof *a->v);
    for (size_t i = 0; i < src->n; i++) {
        a->v[i] = src->v[i];
        a->v[i].key = src->v[i].key ? xstrdup(src->v[i].key) : NULL;
        a->v[i].val = xstrdup(src->v[i].val);
    }
    return a;
}

/* Where index idx is, or would go: the first element with idx >= idx. */
static size_t find_idx(const VarArray *a, int64_t idx)
{
    size_t lo = 0, hi = a->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->v[mid].idx < idx)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The first element of bucket b (or where it would start). */
static size_t find_bucket(const VarArray *a, uint32_t b)
{
    return find_idx(a, (int64_t)b);
}

static ArrElem *insert_at(VarArray *a, size_t at)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 8;
        a->v = xrealloc(a->v, a->cap * sizeof *a->v);
    }
    memmove(&a->v[at + 1], &a->v[at], (a->n - at) * sizeof *a->v);
    a->n++;
    memset(&a->v[at], 0, sizeof a->v[at]);
    return &a->v[at];
}

static long find_key(const VarArray *a, const char *key)
{
    uint32_t b = assoc_bucket(key);
    for (size_t i = find_bucket(a, b); i < a->n && a->v[i].idx == (int64_t)b; i++)
        if (strcmp(a->v[i].key, key) == 0)
            return (long)i;
    return -1;
}

const char *arr_get(const VarArray *a, int64_t idx)
{
    size_t i = find_idx(a, idx);
    return i < a->n && a->v[i].idx == idx ? a->v[i].val : NULL;
}

const char *arr_get_key(const VarArray *a, const char *key)
{
    long i = find_key(a, key);
    return i < 0 ? NULL : a->v[i].val;
}

void arr_set(VarArray *a, int64_t idx, const char *val)
{
    char *copy = xstrdup(val);
    size_t i = find_idx(a, idx);
    if (i < a->n && a->v[i].idx == idx) {
        xfree(a->v[i].val);
        a->v[i].val = copy;
        return;
    }
    ArrElem *e = insert_at(a, i);
    e->idx = idx;
    e->val = copy;
}

void arr_set_key(VarArray *a, const char *key, const char *val)
{
    char *copy = xstrdup(val);
    long at = find_key(a, key);
    if (at >= 0) {
        xfree(a->v[at].val);
        a->v[at].val = copy;
        return;
    }
    uint32_t b = assoc_bucket(key);
    ArrElem *e = insert_at(a, find_bucket(a, b)); /* newest first in its bucket */
    e->idx = (int64_t)b;
    e->key = xstrdup(key);
    e->val = copy;
}

static void remove_at(VarArray *a, size_t i)
{
    xfree(a->v[i].key);
    xfree(a->v[i].val);
    memmove(&a->v[i], &a->v[i + 1], (a->n - i - 1) * sizeof *a->v);
    a->n--;
}

void arr_unset(VarArray *a, int64_t idx)
{
    size_t i = find_idx(a, idx);
    if (i < a->n && a->v[i].idx == idx)
        remove_at(a, i);
}

void arr_unset_key(VarArray *a, const char *key)
{
    long i = find_key(a, key);
    if (i >= 0)
        remove_at(a, (size_t)i);
}

int64_t arr_next_index(const VarArray *a)
{
    return a->n ? a->v[a->n - 1].idx + 1 : 0;
}
