/* --report: the HTML page of a sweep, drawn by tools/sweep_report.py with
 * matplotlib (python3-matplotlib). The script is found from
 * $AXOS_SWEEP_REPORT, then the source tree axos was built from, then
 * where `make install` put it. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sweep.h"

static const char *report_script(void) {
    const char *env = getenv("AXOS_SWEEP_REPORT");
    if (env && *env)
        return env;
    if (access(AXOS_REPORT_SOURCE, R_OK) == 0)
        return AXOS_REPORT_SOURCE;
    return AXOS_REPORT_INSTALLED;
}

int sweep_write_report(const char *jsonl, const char *html) {
    const char *script = report_script();
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        /* Debian's python3, which has python3-matplotlib, before any other
         * python3 on the PATH (a virtualenv's may lack it) */
        if (access("/usr/bin/python3", X_OK) == 0)
            execl("/usr/bin/python3", "python3", script, jsonl, html, (char *)NULL);
        execlp("python3", "python3", script, jsonl, html, (char *)NULL);
        perror("axos sweep: --report: python3");
        _exit(127);
    }
    int st;
    if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        fprintf(stderr, "axos sweep: --report: %s failed; no report written\n", script);
        return -1;
    }
    fprintf(stderr, "report: %s\n", html);
    return 0;
}
