/* kvstore: a small log-structured key-value store. Every change is a
 * line appended to the log and made durable with fsync; reads replay the
 * log (the last record of a key wins); `compact` writes the live keys to
 * a new file, fsyncs it, and renames it over the log, so a crash leaves
 * either the old log or the new one, never half of each.
 * Usage: kvstore DB set KEY VALUE | get KEY | del KEY | compact | dump */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct Entry {
    char *key, *value; /* value NULL: deleted */
} Entry;

static Entry *table;
static size_t ntable;

static Entry *find(const char *key) {
    for (size_t i = 0; i < ntable; i++)
        if (strcmp(table[i].key, key) == 0)
            return &table[i];
    return NULL;
}

static int load(const char *db) {
    FILE *f = fopen(db, "r");
    if (!f)
        return 0; /* no log yet: empty */
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) != -1) {
        char op[8], key[128], value[256] = "";
        int n = sscanf(line, "%7s %127s %255[^\n]", op, key, value);
        if (n < 2)
            continue;
        Entry *e = find(key);
        if (!e) {
            table = realloc(table, (ntable + 1) * sizeof *table);
            e = &table[ntable++];
            e->key = strdup(key);
            e->value = NULL;
        }
        free(e->value);
        e->value = strcmp(op, "set") == 0 ? strdup(value) : NULL;
    }
    free(line);
    fclose(f);
    return 0;
}

static int append(const char *db, const char *record) {
    int fd = open(db, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd < 0) {
        perror(db);
        return 1;
    }
    size_t len = strlen(record);
    if (write(fd, record, len) != (ssize_t)len || fsync(fd) < 0) {
        perror("kvstore: write");
        close(fd);
        return 1;
    }
    return close(fd) < 0;
}

static int compact(const char *db) {
    char tmp[512];
    snprintf(tmp, sizeof tmp, "%s.tmp", db);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        perror(tmp);
        return 1;
    }
    size_t live = 0;
    for (size_t i = 0; i < ntable; i++)
        if (table[i].value) {
            fprintf(f, "set %s %s\n", table[i].key, table[i].value);
            live++;
        }
    if (fflush(f) != 0 || fsync(fileno(f)) < 0 || fclose(f) != 0) {
        perror(tmp);
        return 1;
    }
    if (rename(tmp, db) < 0) {
        perror("kvstore: rename");
        return 1;
    }
    printf("compacted to %zu keys\n", live);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: kvstore DB set KEY VALUE | get KEY | del KEY | compact | dump\n");
        return 2;
    }
    const char *db = argv[1], *cmd = argv[2];
    char record[512];
    load(db);
    if (strcmp(cmd, "set") == 0 && argc == 5) {
        snprintf(record, sizeof record, "set %s %s\n", argv[3], argv[4]);
        return append(db, record);
    }
    if (strcmp(cmd, "del") == 0 && argc == 4) {
        if (!find(argv[3]) || !find(argv[3])->value) {
            fprintf(stderr, "kvstore: %s: no such key\n", argv[3]);
            return 1;
        }
        snprintf(record, sizeof record, "del %s\n", argv[3]);
        return append(db, record);
    }
    if (strcmp(cmd, "get") == 0 && argc == 4) {
        Entry *e = find(argv[3]);
        if (!e || !e->value) {
            fprintf(stderr, "kvstore: %s: no such key\n", argv[3]);
            return 1;
        }
        printf("%s\n", e->value);
        return 0;
    }
    if (strcmp(cmd, "compact") == 0)
        return compact(db);
    if (strcmp(cmd, "dump") == 0) {
        for (size_t i = 0; i < ntable; i++)
            if (table[i].value)
                printf("%s=%s\n", table[i].key, table[i].value);
        return 0;
    }
    fprintf(stderr, "kvstore: bad command: %s\n", cmd);
    return 2;
}
