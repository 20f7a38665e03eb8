/* A shared object with a main but no POSIX layer: the loader refuses it. */
int main(void) {
    return 0;
}
