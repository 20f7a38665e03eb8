/* nftw and ftw through the layer, compared with the host. Directory
 * order differs between file systems, so each walk's lines are sorted
 * before they are printed, and FTW_DEPTH's order is checked, not shown. */
#define _GNU_SOURCE /* FTW_ACTIONRETVAL */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *lines[64];
static int nlines;
static int stop_at_f2, skip_a;

static const char *type_name(int t) {
    switch (t) {
    case FTW_F: return "F";
    case FTW_D: return "D";
    case FTW_DNR: return "DNR";
    case FTW_DP: return "DP";
    case FTW_NS: return "NS";
    case FTW_SL: return "SL";
    case FTW_SLN: return "SLN";
    default: return "?";
    }
}

static void add(const char *line) {
    if (nlines < 64)
        lines[nlines++] = strdup(line);
}

static int by_text(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void flush(const char *what, int r) {
    printf("%s: returned %d\n", what, r);
    qsort(lines, (size_t)nlines, sizeof *lines, by_text);
    for (int i = 0; i < nlines; i++) {
        printf("  %s\n", lines[i]);
        free(lines[i]);
    }
    nlines = 0;
}

static int cb(const char *path, const struct stat *st, int type, struct FTW *f) {
    char line[512];
    snprintf(line, sizeof line, "%s %s base=%s level=%d size=%lld", type_name(type), path,
             path + f->base, f->level,
             type == FTW_F ? (long long)st->st_size : -1LL);
    add(line);
    if (stop_at_f2 && strcmp(path + f->base, "f2") == 0)
        return 7;
    if (skip_a && strcmp(path + f->base, "a") == 0)
        return FTW_SKIP_SUBTREE;
    return 0;
}

static int cb3(const char *path, const struct stat *st, int type) {
    (void)st;
    char line[512];
    snprintf(line, sizeof line, "%s %s", type_name(type), path);
    add(line);
    return 0;
}

/* FTW_CHDIR: the cwd is the directory holding each entry */
static int cb_chdir(const char *path, const struct stat *st, int type, struct FTW *f) {
    (void)st;
    char cwd[4096], line[512];
    if (!getcwd(cwd, sizeof cwd))
        strcpy(cwd, "?");
    snprintf(line, sizeof line, "%s %s in %s", type_name(type), path + f->base,
             f->level == 0 ? "(start)" : strrchr(cwd, '/') + 1);
    add(line);
    return 0;
}

/* FTW_DEPTH: a directory comes after everything below it */
static char *order[64];
static int norder;
static int cb_depth(const char *path, const struct stat *st, int type, struct FTW *f) {
    (void)st;
    (void)f;
    char line[512];
    snprintf(line, sizeof line, "%s %s", type_name(type), path);
    add(line);
    if (norder < 64)
        order[norder++] = strdup(path);
    return 0;
}

static void check_depth_order(void) {
    int ok = 1;
    for (int i = 0; i < norder; i++)
        for (int j = i + 1; j < norder; j++) {
            size_t n = strlen(order[i]);
            if (strncmp(order[j], order[i], n) == 0 && order[j][n] == '/')
                ok = 0; /* order[i] is an ancestor of order[j], yet came first */
        }
    printf("depth order ok: %d (%d entries)\n", ok, norder);
    for (int i = 0; i < norder; i++)
        free(order[i]);
    norder = 0;
}

static void put(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        if (write(fd, text, strlen(text)) < 0)
            perror("write");
        close(fd);
    }
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    mkdir("t", 0755);
    mkdir("t/a", 0755);
    mkdir("t/a/b", 0755);
    mkdir("t/e", 0755);
    put("t/a/f1", "one");
    put("t/a/b/f2", "two!");
    put("t/f3", "three");
    symlink("a/f1", "t/lf");
    symlink("nowhere", "t/dangling");

    flush("nftw 0", nftw("t", cb, 8, 0));
    flush("nftw trailing slash", nftw("t//", cb, 8, 0));
    flush("nftw phys", nftw("t", cb, 8, FTW_PHYS));
    flush("ftw", ftw("t", cb3, 8));
    flush("nftw a file", nftw("t/f3", cb, 8, 0));
    char before[4096], after[4096];
    if (!getcwd(before, sizeof before))
        return 1;
    flush("nftw chdir", nftw("t", cb_chdir, 8, FTW_CHDIR));
    printf("cwd back: %d\n", getcwd(after, sizeof after) && strcmp(before, after) == 0);
    stop_at_f2 = 1;
    int r = nftw("t", cb, 8, 0);
    printf("stopped: %d\n", r);
    for (int i = 0; i < nlines; i++)
        free(lines[i]);
    nlines = 0;
    stop_at_f2 = 0;
    skip_a = 1;
    flush("nftw skip subtree", nftw("t", cb, 8, FTW_ACTIONRETVAL));
    skip_a = 0;

    /* a link to a directory: walked under FTW_PHYS as a link */
    symlink("a", "t/ld");
    flush("nftw phys depth", nftw("t", cb_depth, 8, FTW_PHYS | FTW_DEPTH));
    check_depth_order();

    errno = 0;
    r = nftw("t/none", cb, 8, 0);
    printf("missing: %d %s\n", r, strerror(errno));
    errno = 0;
    r = nftw("", cb, 8, 0);
    printf("empty: %d %s\n", r, strerror(errno));
    flush("dangling start", nftw("t/dangling", cb, 8, 0));
    return 0;
}
