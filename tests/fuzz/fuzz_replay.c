/* Replay fuzzer inputs without libFuzzer, with any compiler: every file
 * named on the command line, and every file in a directory named there,
 * runs through fuzz_one twice; a broken invariant aborts, and the two
 * runs must give the same determinism digest. `make test` replays the
 * seed corpus and every input that ever crashed the fuzzer
 * (tests/fuzz/crashes/). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int replay_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    unsigned char *buf = NULL;
    size_t len = 0, cap = 0, n;
    unsigned char chunk[4096];
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + n > cap) {
            cap = (len + n) * 2;
            buf = realloc(buf, cap);
        }
        memcpy(buf + len, chunk, n);
        len += n;
    }
    fclose(f);
    uint64_t a = fuzz_one(buf ? buf : chunk, len);
    uint64_t b = fuzz_one(buf ? buf : chunk, len);
    free(buf);
    if (a != b) {
        fprintf(stderr, "%s: two runs gave digests %016llx and %016llx\n", path,
                (unsigned long long)a, (unsigned long long)b);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    int bad = 0, files = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            DIR *d = opendir(argv[i]);
            struct dirent *e;
            while (d && (e = readdir(d)) != NULL) {
                if (e->d_name[0] == '.' || strcmp(e->d_name, "README") == 0)
                    continue;
                char path[4096];
                snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
                bad |= replay_file(path);
                files++;
            }
            if (d)
                closedir(d);
        } else {
            bad |= replay_file(argv[i]);
            files++;
        }
    }
    printf("fuzz_replay: %d inputs, %s\n", files, bad ? "FAILED" : "all clean");
    return bad;
}
