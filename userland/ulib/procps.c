/* Reading /proc as procps's library does: the processes (from each
 * /proc/PID/stat, status and cmdline) and the system's figures (meminfo,
 * uptime, loadavg, stat), for ps, top, pgrep, pkill, uptime and free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

/* The whole of a /proc file (NUL-terminated, in the heap), or NULL. */
static char *slurp(const char *path, size_t *len) {
    SyscallResult fd = sys_open(path, AX_O_RDONLY, 0);
    if (fd.error != AX_OK)
        return NULL;
    char *text = NULL;
    size_t n = 0;
    SyscallError e = u_read_all((int)fd.value, &text, &n);
    sys_close((int)fd.value);
    if (e != AX_OK)
        return NULL;
    char *s = xrealloc(text, n + 1);
    s[n] = '\0';
    if (len)
        *len = n;
    return s;
}

/* The decimal fields of stat after the comm: fields[0] is the state. */
static bool parse_stat(UProc *p, char *text) {
    char *open = strchr(text, '('), *close = strrchr(text, ')');
    if (!open || !close || close < open || close[1] != ' ')
        return false;
    size_t clen = (size_t)(close - open - 1);
    if (clen >= sizeof p->comm)
        clen = sizeof p->comm - 1;
    memcpy(p->comm, open + 1, clen);
    p->comm[clen] = '\0';
    /* state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt
     * cmajflt utime stime cutime cstime priority nice num_threads
     * itrealvalue starttime vsize rss */
    const char *s = close + 2;
    p->state = *s++;
    long long f[21];
    for (int i = 0; i < 21; i++) {
        while (*s == ' ')
            s++;
        bool neg = *s == '-';
        s += neg;
        if (*s < '0' || *s > '9')
            return false;
        long long v = 0;
        while (*s >= '0' && *s <= '9')
            v = v * 10 + (*s++ - '0');
        f[i] = neg ? -v : v;
    }
    p->ppid = (int)f[0];
    p->pgid = (int)f[1];
    p->sid = (int)f[2];
    p->tty_nr = (unsigned)f[3];
    p->tpgid = (int)f[4];
    p->utime = (uint64_t)f[10];
    p->stime = (uint64_t)f[11];
    p->nice = (int)f[15];
    p->start = (uint64_t)f[18];
    p->vsize = (uint64_t)f[19];
    p->rss = (uint64_t)f[20];
    return true;
}

/* Uid: and Gid: of status: real, effective, saved. */
static void parse_ids(const char *text, const char *key, uint32_t ids[3]) {
    const char *s = strstr(text, key);
    if (!s)
        return;
    s += strlen(key);
    for (int i = 0; i < 3; i++) {
        while (*s == '\t' || *s == ' ')
            s++;
        uint32_t v = 0;
        while (*s >= '0' && *s <= '9')
            v = v * 10 + (uint32_t)(*s++ - '0');
        ids[i] = v;
    }
}

/* One process, or false when it is gone (or /proc says nothing sane). */
static bool read_proc(int pid, UProc *p) {
    char path[64];
    memset(p, 0, sizeof *p);
    p->pid = pid;
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    char *stat = slurp(path, NULL);
    bool ok = stat && parse_stat(p, stat);
    xfree(stat);
    if (!ok)
        return false;
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    char *status = slurp(path, NULL);
    if (status) {
        uint32_t u[3] = {0}, g[3] = {0};
        parse_ids(status, "\nUid:", u);
        parse_ids(status, "\nGid:", g);
        p->ruid = u[0], p->euid = u[1], p->suid = u[2];
        p->rgid = g[0], p->egid = g[1];
    }
    xfree(status);
    snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
    size_t len = 0;
    char *cmd = slurp(path, &len);
    if (!cmd)
        cmd = xstrdup("");
    /* argv's NULs become spaces, as ps shows them */
    while (len > 0 && cmd[len - 1] == '\0')
        len--;
    for (size_t i = 0; i < len; i++)
        if (cmd[i] == '\0')
            cmd[i] = ' ';
    cmd[len] = '\0';
    p->cmdline = cmd;
    return true;
}

static int cmp_pid(const void *a, const void *b, void *ctx) {
    (void)ctx;
    int x = ((const UProc *)a)->pid, y = ((const UProc *)b)->pid;
    return (x > y) - (x < y);
}

SyscallError u_procs_read(UProc **out, size_t *n) {
    *out = NULL;
    *n = 0;
    SyscallResult fd = sys_open("/proc", AX_O_RDONLY | AX_O_DIRECTORY, 0);
    if (fd.error != AX_OK)
        return fd.error;
    size_t cap = 32, count = 0;
    UProc *v = xmalloc(cap * sizeof *v);
    DirEntry ents[32];
    SyscallResult r;
    while ((r = sys_readdir((int)fd.value, ents, 32)).error == AX_OK && r.value > 0) {
        for (int64_t i = 0; i < r.value; i++) {
            const char *name = ents[i].name;
            if (name[0] < '1' || name[0] > '9' || name[strspn(name, "0123456789")] != '\0')
                continue;
            if (count == cap) {
                cap *= 2;
                v = xrealloc(v, cap * sizeof *v);
            }
            /* a process that ended since the listing is left out */
            count += read_proc(atoi(name), &v[count]);
        }
    }
    sys_close((int)fd.value);
    if (r.error != AX_OK) {
        u_procs_free(v, count);
        return r.error;
    }
    u_sort(v, count, sizeof *v, cmp_pid, NULL);
    *out = v;
    *n = count;
    return AX_OK;
}

void u_procs_free(UProc *v, size_t n) {
    for (size_t i = 0; v && i < n; i++)
        xfree(v[i].cmdline);
    xfree(v);
}

const char *u_tty_name(unsigned tty_nr, char buf[16]) {
    unsigned major = (tty_nr >> 8) & 0xfff, minor = (tty_nr & 0xff) | ((tty_nr >> 12) & ~0xffu);
    if (tty_nr == 0)
        snprintf(buf, 16, "?");
    else if (major == 136)
        snprintf(buf, 16, "pts/%u", minor);
    else if (major == 5 && minor == 1)
        snprintf(buf, 16, "console");
    else if (major == 4)
        snprintf(buf, 16, "tty%u", minor);
    else
        snprintf(buf, 16, "%u,%u", major, minor);
    return buf;
}

/* "Key:   1234 kB" of meminfo, in bytes (0 when missing). */
static uint64_t meminfo_kb(const char *text, const char *key) {
    size_t klen = strlen(key);
    for (const char *s = text; s && *s; s = strchr(s, '\n'), s = s ? s + 1 : NULL)
        if (strncmp(s, key, klen) == 0 && s[klen] == ':')
            return strtoull(s + klen + 1, NULL, 10) * 1024;
    return 0;
}

SyscallError u_sysinfo_read(USysInfo *si) {
    memset(si, 0, sizeof *si);
    char *mem = slurp("/proc/meminfo", NULL);
    char *up = slurp("/proc/uptime", NULL);
    char *load = slurp("/proc/loadavg", NULL);
    char *stat = slurp("/proc/stat", NULL);
    SyscallError e = mem && up && load && stat ? AX_OK : AX_ENOENT;
    if (e == AX_OK) {
        si->mem_total = meminfo_kb(mem, "MemTotal");
        si->mem_free = meminfo_kb(mem, "MemFree");
        si->mem_available = meminfo_kb(mem, "MemAvailable");
        si->buffers = meminfo_kb(mem, "Buffers");
        si->cached = meminfo_kb(mem, "Cached") + meminfo_kb(mem, "SReclaimable");
        si->shared = meminfo_kb(mem, "Shmem");
        si->swap_total = meminfo_kb(mem, "SwapTotal");
        si->swap_free = meminfo_kb(mem, "SwapFree");
        /* seconds with two decimals: centiseconds */
        char *end;
        si->uptime_cs = strtoull(up, &end, 10) * 100;
        if (*end == '.')
            si->uptime_cs += strtoull(end + 1, &end, 10);
        si->idle_cs = strtoull(end, &end, 10) * 100;
        if (*end == '.')
            si->idle_cs += strtoull(end + 1, NULL, 10);
        const char *l = load;
        for (int i = 0; i < 3; i++) {
            size_t w = strcspn(l, " \n");
            snprintf(si->loads[i], sizeof si->loads[i], "%.*s", (int)w, l);
            l += w + (l[w] == ' ');
        }
        si->running = (int)strtol(l, &end, 10);
        si->tasks = *end == '/' ? (int)strtol(end + 1, NULL, 10) : 0;
        const char *bt = strstr(stat, "\nbtime ");
        si->btime = bt ? (int64_t)strtoll(bt + 7, NULL, 10) : 0;
    }
    xfree(mem);
    xfree(up);
    xfree(load);
    xfree(stat);
    return e;
}

int u_pid_width(void) {
    int width = 5; /* procps's when pid_max cannot be read (32768) */
    char *text = slurp("/proc/sys/kernel/pid_max", NULL);
    if (text) {
        long max = strtol(text, NULL, 10) - 1;
        for (width = 1; max >= 10; max /= 10)
            width++;
    }
    xfree(text);
    return width;
}
