/* A stamp from another axos (a program ABI this one does not speak): the
 * loader refuses it before running any of its code. */
#include "axos.h"

__attribute__((visibility("default"))) ProgramStamp axos_program_stamp = {
    .magic = AX_PROGRAM_MAGIC,
    .abi = 999,
    .size = sizeof(ProgramStamp),
    .version_major = 9,
    .version_minor = 9,
};

int main(void) {
    return 0;
}
