/* UNIX socket addresses: checking them, binding (a socket inode in the
 * VFS for a path, a hash table for the abstract namespace), finding the
 * socket a name leads to, and giving names back. */
#include <string.h>

#include "ipc/socket.h"
#include "syscall/handlers.h"
#include "vfs/vfs.h"

#define SOCK_ADDR_HDR 2 /* offsetof(SockAddrUn, sun_path) */

int sock_name_parse(const SockAddrUn *addr, uint32_t addrlen, SockName *out) {
    if (addrlen > 128) /* sockaddr_storage: checked before it is read */
        return -AX_EINVAL;
    if (addrlen > 0 && !addr)
        return -AX_EFAULT;
    if (addrlen < SOCK_ADDR_HDR || addrlen > sizeof(SockAddrUn) ||
        addr->sun_family != AX_AF_UNIX)
        return -AX_EINVAL;
    memset(out, 0, sizeof *out);
    memcpy(&out->addr, addr, addrlen);
    out->len = addrlen;
    if (addrlen > SOCK_ADDR_HDR && out->addr.sun_path[0]) {
        /* a path ends at its first NUL, within addrlen (Linux) */
        size_t n = strnlen(out->addr.sun_path, addrlen - SOCK_ADDR_HDR);
        if (n < sizeof out->addr.sun_path)
            out->addr.sun_path[n] = 0;
        out->len = (uint32_t)(SOCK_ADDR_HDR + n + 1);
    }
    return 0;
}

static bool sock_name_is_abstract(const SockName *n) {
    return n->len > SOCK_ADDR_HDR && n->addr.sun_path[0] == 0;
}

/* ---- the abstract namespace ---- */

static uint64_t sock_name_hash(const SockName *n) {
    uint64_t h = 0xcbf29ce484222325ULL;
    const unsigned char *b = (const unsigned char *)n->addr.sun_path;
    for (uint32_t i = 0; i < n->len - SOCK_ADDR_HDR; i++)
        h = (h ^ b[i]) * 0x100000001b3ULL;
    return h;
}

static bool sock_name_eq(const SockName *a, const SockName *b) {
    return a->len == b->len && memcmp(a->addr.sun_path, b->addr.sun_path, a->len - SOCK_ADDR_HDR) == 0;
}

/* Abstract names are per socket type, as Linux hashes the type in
 * (unix_abstract_hash): a stream and a datagram socket may share a name,
 * and a connect finds only a socket of its own type. */
static Sock **abstract_bucket(SockState *ss, const SockName *n, int type) {
    return &ss->abstract[(sock_name_hash(n) ^ (uint64_t)type) & (ss->abstract_cap - 1)];
}

static Sock *abstract_find(SockState *ss, const SockName *n, int type) {
    if (!ss->abstract_cap)
        return NULL;
    for (Sock *s = *abstract_bucket(ss, n, type); s; s = s->abs_next)
        if (s->type == type && sock_name_eq(s->name, n))
            return s;
    return NULL;
}

static int abstract_reserve(Kernel *k, SockState *ss) {
    if (ss->abstract_count < ss->abstract_cap)
        return 0;
    size_t cap = ss->abstract_cap ? ss->abstract_cap * 2 : 16;
    Sock **t = kmem_alloc(k, cap * sizeof *t);
    if (!t)
        return -AX_ENOMEM;
    Sock **old = ss->abstract;
    size_t oldcap = ss->abstract_cap;
    ss->abstract = t;
    ss->abstract_cap = cap;
    for (size_t b = 0; b < oldcap; b++)
        while (old[b]) {
            Sock *s = old[b];
            old[b] = s->abs_next;
            Sock **nb = abstract_bucket(ss, s->name, s->type);
            s->abs_next = *nb;
            *nb = s;
        }
    kmem_free(k, old);
    return 0;
}

void sock_names_fini(Kernel *k) {
    SockState *ss = sock_state(k);
    kmem_free(k, ss->abstract);
    ss->abstract = NULL;
    ss->abstract_cap = ss->abstract_count = 0;
}

/* ---- bind ---- */

static int sock_bind_abstract(Kernel *k, Sock *s, SockName *name) {
    SockState *ss = sock_state(k);
    if (abstract_find(ss, name, s->type))
        return -AX_EADDRINUSE;
    if (abstract_reserve(k, ss) < 0)
        return -AX_ENOMEM;
    s->name = name;
    Sock **b = abstract_bucket(ss, name, s->type);
    s->abs_next = *b;
    *b = s;
    s->in_abstract = true;
    ss->abstract_count++;
    return 0;
}

int sock_autobind(Kernel *k, Sock *s) {
    SockState *ss = sock_state(k);
    SockName *name = kmem_alloc(k, sizeof *name);
    if (!name)
        return -AX_ENOMEM;
    name->addr.sun_family = AX_AF_UNIX;
    name->len = SOCK_ADDR_HDR + 1 + 5;
    /* the next free of the 2^20 names, from a counter (a run repeats) */
    for (uint32_t tries = 0; tries < 0x100000; tries++) {
        uint32_t n = ss->autobind_next++ & 0xfffff;
        snprintf(name->addr.sun_path + 1, 6, "%05x", n);
        if (!abstract_find(ss, name, s->type)) {
            int r = sock_bind_abstract(k, s, name);
            if (r < 0)
                kmem_free(k, name);
            return r;
        }
    }
    kmem_free(k, name);
    return -AX_ENOSPC;
}

int sock_bind(Kernel *k, Sock *s, const SockName *want) {
    if (want->len == SOCK_ADDR_HDR) /* autobind: a named socket keeps its name */
        return s->name ? 0 : sock_autobind(k, s);
    if (s->name)
        return -AX_EINVAL;
    SockName *name = kmem_alloc(k, sizeof *name);
    if (!name)
        return -AX_ENOMEM;
    *name = *want;
    int r;
    if (sock_name_is_abstract(name)) {
        r = sock_bind_abstract(k, s, name);
    } else {
        VNode *node;
        r = vfs_mknod(k, k->cur, NULL, name->addr.sun_path, AX_S_IFSOCK | 0777, NULL, &node);
        if (r == -AX_EEXIST)
            r = -AX_EADDRINUSE;
        if (r == 0) {
            vfs_node_ref(node);
            vfs_node_set_priv(node, s);
            s->node = node;
            s->name = name;
        }
    }
    if (r < 0)
        kmem_free(k, name);
    return r;
}

void sock_unbind(Kernel *k, Sock *s) {
    if (s->node) { /* the inode stays: connecting to it is refused now */
        vfs_node_set_priv(s->node, NULL);
        vfs_node_unref(k, s->node);
        s->node = NULL;
    }
    if (s->in_abstract) {
        SockState *ss = sock_state(k);
        Sock **pp = abstract_bucket(ss, s->name, s->type);
        while (*pp != s)
            pp = &(*pp)->abs_next;
        *pp = s->abs_next;
        s->in_abstract = false;
        ss->abstract_count--;
    }
}

int64_t ksys_bind(Kernel *k, const SyscallArgs *a) {
    Sock *s;
    int r = sock_lookup(k, ARG_INT(0), &s);
    if (r < 0)
        return r;
    SockName name;
    r = sock_name_parse(ARG_PTR(const SockAddrUn *, 1), (uint32_t)ARG_U64(2), &name);
    if (r < 0)
        return r;
    return sock_bind(k, s, &name);
}

/* ---- finding a peer ---- */

int sock_find(Kernel *k, const SockName *name, int type, Sock **out) {
    Sock *s;
    if (name->len == SOCK_ADDR_HDR)
        return -AX_EINVAL; /* the family alone names nobody */
    if (sock_name_is_abstract(name)) {
        s = abstract_find(sock_state(k), name, type);
    } else {
        VNode *node;
        int r = vfs_lookup_special(k, k->cur, name->addr.sun_path, AX_S_IFSOCK, &node);
        if (r < 0)
            return r;
        s = vfs_node_priv(node);
    }
    if (!s || s->dead)
        return -AX_ECONNREFUSED;
    if (s->type != type)
        return -AX_EPROTOTYPE;
    *out = sock_ref(s);
    return 0;
}

int sock_name_out(const Sock *s, SockAddrUn *addr, uint32_t *lenp) {
    static const SockAddrUn unnamed = {AX_AF_UNIX, {0}};
    if (!lenp)
        return -AX_EFAULT;
    const SockAddrUn *src = s->name ? &s->name->addr : &unnamed;
    uint32_t len = s->name ? s->name->len : SOCK_ADDR_HDR;
    uint32_t n = *lenp < len ? *lenp : len;
    if (n && !addr)
        return -AX_EFAULT;
    memcpy(addr, src, n);
    *lenp = len;
    return 0;
}
