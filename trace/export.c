/* Exports of the event ring: Chrome trace event JSON (for Perfetto and
 * chrome://tracing) and strace-style text. Both read the ring only, in
 * order, so the same run writes the same bytes. */
#include <stdlib.h>
#include <string.h>

#include "trace/trace.h"

/* A JSON string literal; bytes outside printable ASCII are escaped, so
 * the file is valid UTF-8 whatever a custom event carried. */
static void json_string(FILE *out, const char *s) {
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20 || *p >= 0x7f)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

/* Kernel ns as trace-format microseconds, nanoseconds kept. */
static void json_us(FILE *out, const char *key, uint64_t ns) {
    fprintf(out, ",\"%s\":%llu.%03llu", key, (unsigned long long)(ns / 1000),
            (unsigned long long)(ns % 1000));
}

/* ---- one track per process ---- */

typedef struct ExportTrack {
    int pid;
    const char *name; /* last program it ran, from spawn / exec events */
} ExportTrack;

static int export_track_cmp(const void *a, const void *b) {
    int x = ((const ExportTrack *)a)->pid, y = ((const ExportTrack *)b)->pid;
    return (x > y) - (x < y);
}

static ExportTrack *export_track_find(ExportTrack *t, size_t n, int pid) {
    ExportTrack key = {pid, NULL};
    return bsearch(&key, t, n, sizeof *t, export_track_cmp);
}

static const char *export_basename(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

/* The distinct pids of the ring, sorted, each with a name. Returns the
 * count, or -AX_ENOMEM. */
static long export_tracks(Kernel *k, ExportTrack **out) {
    uint64_t first = trace_first_seq(k), end = k->stats.events_recorded;
    size_t n = 0;
    ExportTrack *t = kmem_alloc(k, (size_t)(end - first + 1) * sizeof *t);
    if (!t)
        return -AX_ENOMEM;
    for (uint64_t seq = first; seq < end; seq++)
        t[n++].pid = trace_event_at(k, seq)->pid;
    qsort(t, n, sizeof *t, export_track_cmp);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (u == 0 || t[u - 1].pid != t[i].pid)
            t[u++] = (ExportTrack){t[i].pid, NULL};
    for (uint64_t seq = first; seq < end; seq++) {
        const TraceEvent *e = trace_event_at(k, seq);
        if (e->cat == TRACE_PROC && e->u.text[0] &&
            (strcmp(e->name, "spawn") == 0 || strcmp(e->name, "exec") == 0))
            export_track_find(t, u, e->pid)->name = export_basename(e->u.text);
    }
    for (size_t i = 0; i < u; i++) {
        Proc *p = proc_find(k, t[i].pid);
        if (!t[i].name && p && p->name[0])
            t[i].name = p->name;
    }
    *out = t;
    return (long)u;
}

static void json_metadata(FILE *out, const ExportTrack *t) {
    char fallback[32];
    const char *name = t->name;
    if (!name) {
        snprintf(fallback, sizeof fallback, "pid %d", t->pid);
        name = fallback;
    }
    static const char *const kinds[] = {"process_name", "thread_name"};
    for (int i = 0; i < 2; i++) {
        fprintf(out, "%s{\"ph\":\"M\",\"name\":\"%s\",\"pid\":%d,\"tid\":%d,\"args\":{\"name\":",
                i ? ",\n" : "", kinds[i], t->pid, t->pid);
        json_string(out, name);
        fputs("}}", out);
    }
}

static void json_event(FILE *out, const TraceEvent *e, uint64_t seq) {
    char text[256], label[96];
    trace_format(e, &(TraceBuf){text, sizeof text, 0});
    const char *name = trace_event_name(e), *detail = trace_event_detail(e);
    if (e->cat == TRACE_SIGNAL) /* "SIGINT deliver": the signal first, it is what one looks for */
        snprintf(label, sizeof label, "%s %s", detail, name);
    else
        snprintf(label, sizeof label, "%s", name);
    fputs("{\"name\":", out);
    json_string(out, label);
    fprintf(out, ",\"cat\":\"%s\",\"pid\":%d,\"tid\":%d", trace_category_name(e->cat), e->pid,
            e->pid);
    if (e->cat == TRACE_SYSCALL) {
        fputs(",\"ph\":\"X\"", out);
        json_us(out, "ts", e->start);
        json_us(out, "dur", e->ts - e->start);
        fprintf(out, ",\"args\":{\"seq\":%llu,\"call\":", (unsigned long long)seq);
    } else {
        fputs(",\"ph\":\"i\",\"s\":\"t\"", out);
        json_us(out, "ts", e->ts);
        fprintf(out, ",\"args\":{\"seq\":%llu,\"text\":", (unsigned long long)seq);
    }
    json_string(out, text);
    fputs("}}", out);
}

int kernel_trace_write_json(Kernel *k, FILE *out) {
    if (!k || !out)
        return -AX_EINVAL;
    ExportTrack *tracks = NULL;
    long ntracks = 0;
    if (k->trace->ring && (ntracks = export_tracks(k, &tracks)) < 0)
        return (int)ntracks;
    fputs("{\"traceEvents\":[", out);
    const char *sep = "\n";
    for (long i = 0; i < ntracks; i++, sep = ",\n") {
        fputs(sep, out);
        json_metadata(out, &tracks[i]);
    }
    kmem_free(k, tracks);
    if (k->trace->ring)
        for (uint64_t seq = trace_first_seq(k); seq < k->stats.events_recorded;
             seq++, sep = ",\n") {
            fputs(sep, out);
            json_event(out, trace_event_at(k, seq), seq);
        }
    fputs("\n],\n", out);
    fprintf(out,
            "\"displayTimeUnit\":\"ns\",\n\"otherData\":{\"producer\":\"axos %s\",\"clock\":\"%s\","
            "\"digest\":\"%016llx\",\"events_recorded\":%llu,\"events_dropped\":%llu}}\n",
            AX_VERSION_STRING, k->cfg.clock == AX_CLOCK_HOST ? "host" : "virtual",
            (unsigned long long)kernel_digest_value(k), (unsigned long long)k->stats.events_recorded,
            (unsigned long long)k->stats.events_dropped);
    return fflush(out) != 0 || ferror(out) ? -AX_EIO : 0;
}

int kernel_trace_write_text(Kernel *k, FILE *out) {
    if (!k || !out)
        return -AX_EINVAL;
    if (k->trace->ring) {
        if (k->stats.events_dropped)
            fprintf(out, "... %llu earlier events dropped ...\n",
                    (unsigned long long)k->stats.events_dropped);
        char text[256];
        for (uint64_t seq = trace_first_seq(k); seq < k->stats.events_recorded; seq++) {
            const TraceEvent *e = trace_event_at(k, seq);
            trace_format(e, &(TraceBuf){text, sizeof text, 0});
            fprintf(out, "[pid %d] %s\n", e->pid, text);
        }
    }
    return fflush(out) != 0 || ferror(out) ? -AX_EIO : 0;
}
