/* Calls a host function the layer does not provide (regcomp keeps host
 * memory across calls): the loader refuses it, naming the call. */
#include <regex.h>

int main(void) {
    regex_t re;
    return regcomp(&re, "a*", 0);
}
