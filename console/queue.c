/* Byte queues for console input and output: one block, compacted before
 * it grows, doubled when it must. */
#include <string.h>

#include "console/internal.h"

int bq_push(Kernel *k, ByteQueue *q, const void *buf, size_t n) {
    if (n == 0)
        return 0;
    if (q->head > 0 && q->head + q->len + n > q->cap) {
        memmove(q->data, q->data + q->head, q->len);
        q->head = 0;
    }
    if (q->len + n > q->cap) {
        size_t cap = q->cap ? q->cap : 256;
        while (cap < q->len + n)
            cap *= 2;
        uint8_t *d = kmem_realloc(k, q->data, cap);
        if (!d)
            return -AX_ENOMEM;
        q->data = d;
        q->cap = cap;
    }
    memcpy(q->data + q->head + q->len, buf, n);
    q->len += n;
    return 0;
}

size_t bq_peek(const ByteQueue *q, size_t off, void *buf, size_t n) {
    if (off >= q->len)
        return 0; /* data may still be NULL */
    if (n > q->len - off)
        n = q->len - off;
    memcpy(buf, q->data + q->head + off, n);
    return n;
}

size_t bq_pop(ByteQueue *q, void *buf, size_t n) {
    if (n > q->len)
        n = q->len;
    if (n == 0)
        return 0; /* data may still be NULL */
    if (buf)
        memcpy(buf, q->data + q->head, n);
    q->head += n;
    q->len -= n;
    if (q->len == 0)
        q->head = 0;
    return n;
}

void bq_free(Kernel *k, ByteQueue *q) {
    kmem_free(k, q->data);
    memset(q, 0, sizeof *q);
}
