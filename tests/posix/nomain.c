/* Linked with the layer but with no main: the loader refuses it. */
int helper(void) {
    return 1;
}
