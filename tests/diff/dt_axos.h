/* dt in axos: where the scenario program is installed, and its main. */
#ifndef DT_AXOS_H
#define DT_AXOS_H

#define DT_AXOS_PATH "/bin/scenario"

int dt_axos_program(int argc, char **argv);

#endif
