/* The echo example's two roles (echo.c): the same source on the host and
 * in axos. Both return an exit status (0: all went as expected). */
#ifndef ECHO_H
#define ECHO_H

/* Serve `clients` connections on a new socket at path, to their end. */
int echo_server(const char *path, int clients);
/* Connect to path and check `lines` lines come back as sent. */
int echo_client(const char *path, int id, int lines);

#define ECHO_CLIENTS 5
#define ECHO_LINES 20

#endif
