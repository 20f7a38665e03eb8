/* wordfreq: count the words of stdin (letters and apostrophes, case
 * folded) and print them by falling count, ties in alphabetical order:
 * stdio, getline, malloc, realloc and qsort. Usage: wordfreq [TOP] */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Word {
    char *text;
    long count;
} Word;

static Word *words;
static size_t nwords, capwords;

static void add(const char *w, size_t len) {
    for (size_t i = 0; i < nwords; i++)
        if (strlen(words[i].text) == len && memcmp(words[i].text, w, len) == 0) {
            words[i].count++;
            return;
        }
    if (nwords == capwords) {
        capwords = capwords ? capwords * 2 : 64;
        words = realloc(words, capwords * sizeof *words);
        if (!words) {
            perror("wordfreq");
            exit(1);
        }
    }
    words[nwords].text = strndup(w, len);
    words[nwords++].count = 1;
}

static int by_count(const void *a, const void *b) {
    const Word *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->text, y->text);
}

int main(int argc, char **argv) {
    long top = argc > 1 ? atol(argv[1]) : 10;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long total = 0;
    while ((len = getline(&line, &cap, stdin)) != -1) {
        for (ssize_t i = 0; i < len;) {
            while (i < len && !isalpha((unsigned char)line[i]))
                i++;
            ssize_t start = i;
            while (i < len && (isalpha((unsigned char)line[i]) || line[i] == '\''))
                line[i] = (char)tolower((unsigned char)line[i]), i++;
            if (i > start) {
                add(line + start, (size_t)(i - start));
                total++;
            }
        }
    }
    free(line);
    qsort(words, nwords, sizeof *words, by_count);
    printf("%ld words, %zu different\n", total, nwords);
    for (size_t i = 0; i < nwords && (long)i < top; i++)
        printf("%7ld %s\n", words[i].count, words[i].text);
    for (size_t i = 0; i < nwords; i++)
        free(words[i].text);
    free(words);
    return 0;
}
