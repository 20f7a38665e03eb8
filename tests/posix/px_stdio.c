/* stdio, compared with the host's: formats, buffering (what reaches the
 * file when), positions, push-back, lines, scanf, and the standard
 * streams' rules. Reads its stdin at the end. */
#define _GNU_SOURCE /* strerrorname_np, dup3, pipe2 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void show_file(const char *name) {
    char buf[256];
    int fd = open(name, O_RDONLY);
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = '\0';
    printf("[%s: %zd bytes \"%s\"]\n", name, n, buf);
}

int main(void) {
    /* formats (the host's vsnprintf behind them) */
    printf("%d|%5d|%-5d|%05d|%+d|%x|%#X|%o|%c|%%|%ld|%zu\n", -42, 42, 42, 42, 42, 255, 255, 8, 'q',
           123456789012L, (size_t)7);
    printf("%.3f|%10.2e|%g|%g|%a\n", 3.14159, 12345.678, 0.0001, 1e20, 1.0);
    printf("%s|%10s|%-10s|%.2s|\n", "abc", "right", "left", "truncated");
    char small[8];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-truncation" /* the point of the test */
    int n = snprintf(small, sizeof small, "%s", "0123456789");
#pragma GCC diagnostic pop
    printf("snprintf wanted %d, kept \"%s\"\n", n, small);

    /* stdout is fully buffered on a pipe or file: write(2) overtakes it */
    printf("A (buffered) ");
    write(1, "B (direct)\n", 11);
    fflush(stdout);
    printf("\n");

    /* a file written through stdio: nothing before the flush */
    FILE *f = fopen("data", "w+");
    fprintf(f, "line one\nline two\n");
    show_file("data");
    fflush(f);
    show_file("data");
    printf("ftell %ld\n", ftell(f));
    rewind(f);
    char line[32];
    printf("fgets: %s", fgets(line, sizeof line, f));
    printf("ftell %ld\n", ftell(f));
    int c = fgetc(f);
    ungetc(c, f);
    ungetc('X', f);
    printf("after ungetc: %c%c", fgetc(f), fgetc(f));
    printf(" ftell %ld\n", ftell(f));
    fgets(line, 4, f);
    printf("fgets(4): \"%s\"\n", line);
    fseek(f, 0, SEEK_END);
    fputs("three", f); /* no newline at the end */
    fseek(f, -5, SEEK_CUR);
    char *ln = NULL;
    size_t cap = 0;
    ssize_t len = getline(&ln, &cap, f);
    printf("getline %zd \"%s\" then %zd, eof %d\n", len, ln, getline(&ln, &cap, f), feof(f));
    clearerr(f);
    fclose(f);
    show_file("data");

    /* blocks and positions */
    f = fopen("blocks", "w");
    char block[1000];
    for (int i = 0; i < 10; i++) {
        memset(block, 'a' + i, sizeof block);
        fwrite(block, 1, sizeof block, f);
    }
    printf("fwrite 10000: ftell %ld\n", ftell(f));
    fclose(f);
    f = fopen("blocks", "r");
    fseek(f, 4500, SEEK_SET);
    size_t got = fread(block, 1, 600, f);
    printf("fread %zu at 4500: %c..%c, ftell %ld\n", got, block[0], block[got - 1], ftell(f));
    fseek(f, -250, SEEK_END);
    got = fread(block, 100, 10, f);
    printf("fread of 10x100 250 bytes from the end: %zu items, eof %d\n", got, feof(f));
    /* fflush of an input stream gives back what it read ahead */
    rewind(f);
    fgetc(f);
    fflush(f);
    printf("fd offset after fgetc+fflush: %ld\n", (long)lseek(fileno(f), 0, SEEK_CUR));
    fclose(f);

    /* append mode, and "a+" reading from the start */
    f = fopen("log", "a");
    fputs("first\n", f);
    fclose(f);
    f = fopen("log", "a+");
    fputs("second\n", f);
    rewind(f);
    printf("a+ reads: %s", fgets(line, sizeof line, f));
    fclose(f);
    show_file("log");

    /* fscanf */
    f = fopen("nums", "w+");
    fputs("12 abc 3.5 x hello123 0x1f -7 rest", f);
    rewind(f);
    int a, hex, neg, pos;
    char word[8], ch, letters[8];
    float fl;
    int r = fscanf(f, "%d %7s %f %c %7[a-z]%n %x %d", &a, word, &fl, &ch, letters, &pos, &hex, &neg);
    printf("fscanf %d: %d %s %.1f %c %s pos %d %d %d\n", r, a, word, fl, ch, letters, pos, hex, neg);
    r = fscanf(f, "%d", &a);
    printf("fscanf on \"rest\": %d, next char '%c'\n", r, fgetc(f));
    fclose(f);

    /* tmpfile */
    f = tmpfile();
    fputs("temporary", f);
    rewind(f);
    printf("tmpfile: %s\n", fgets(line, sizeof line, f));
    fclose(f);

    /* popen both ways */
    f = popen("echo from a shell", "r");
    printf("popen r: %s", fgets(line, sizeof line, f));
    printf("pclose: %d\n", pclose(f));
    fflush(stdout);
    f = popen("cat", "w");
    fputs("popen w reached cat\n", f);
    printf("pclose: %d\n", pclose(f));

    /* stdin to the end, by lines */
    long lines = 0;
    while (getline(&ln, &cap, stdin) != -1)
        lines++;
    printf("stdin: %ld lines, eof %d\n", lines, feof(stdin));
    free(ln);

    /* unbuffered stdout: each printf goes at once */
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("C (unbuffered) ");
    write(1, "D (direct)\n", 11);
    return 0;
}
