/* The user and group databases through the layer, compared with the
 * host's. Both have root (uid and gid 0, home /root) and a group root;
 * the rest differs, so the program prints what holds on both: root's
 * fields, round trips between names and ids, what a missing entry and a
 * small buffer give, and that the walks meet root. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    int r0;
    struct passwd *p = getpwnam("root");
    printf("getpwnam root: %s uid %d gid %d dir %s\n", p ? p->pw_name : "-", p ? (int)p->pw_uid : -1,
           p ? (int)p->pw_gid : -1, p ? p->pw_dir : "-");
    p = getpwuid(0);
    printf("getpwuid 0: %s\n", p ? p->pw_name : "-");
    struct group *g = getgrnam("root");
    printf("getgrnam root: %s gid %d\n", g ? g->gr_name : "-", g ? (int)g->gr_gid : -1);
    g = getgrgid(0);
    printf("getgrgid 0: %s\n", g ? g->gr_name : "-");

    /* the caller's own entry, both ways */
    p = getpwuid(getuid());
    if (p) {
        char name[256];
        snprintf(name, sizeof name, "%s", p->pw_name);
        uid_t uid = p->pw_uid;
        struct passwd *q = getpwnam(name);
        printf("own entry round trip: %d\n", q && q->pw_uid == uid && q->pw_uid == getuid());
    } else {
        printf("own entry round trip: %d\n", 1);
    }

    /* getlogin: the real user's name where there is a login (axos: the
     * session's account), or no login at all (the host's test has none) */
    errno = 0;
    char *login = getlogin();
    int login_errno = errno;
    struct passwd *me = getpwuid(getuid());
    printf("getlogin names the real user or no one: %d\n",
           login ? me && strcmp(login, me->pw_name) == 0
                 : login_errno == ENXIO || login_errno == ENOTTY || login_errno == ENOENT);
    char tiny[1];
    r0 = getlogin_r(tiny, sizeof tiny);
    printf("getlogin_r into 1 byte fails: %d\n", r0 == ERANGE || (!login && r0 != 0));

    /* missing entries: NULL (or 0 and no result), errno untouched */
    errno = 0;
    p = getpwnam("no-such-user-axos");
    printf("missing name: %s errno %d\n", p ? "found" : "NULL", errno);
    errno = 0;
    p = getpwuid(3999999);
    printf("missing uid: %s errno %d\n", p ? "found" : "NULL", errno);
    errno = 0;
    g = getgrnam("no-such-group-axos");
    printf("missing group: %s errno %d\n", g ? "found" : "NULL", errno);
    errno = 0;
    g = getgrgid(3999999);
    printf("missing gid: %s errno %d\n", g ? "found" : "NULL", errno);
    errno = 0;
    p = getpwnam("");
    printf("empty name: %s errno %d\n", p ? "found" : "NULL", errno);

    /* the _r forms */
    struct passwd pw, *res = &pw;
    char small[4], big[4096];
    int r = getpwnam_r("root", &pw, small, sizeof small, &res);
    printf("getpwnam_r small buffer: %s result %s\n", r == ERANGE ? "ERANGE" : "?", res ? "set" : "NULL");
    r = getpwnam_r("root", &pw, big, sizeof big, &res);
    printf("getpwnam_r: %d %s %s uid %d\n", r, res ? res->pw_name : "-", res ? res->pw_dir : "-",
           res ? (int)res->pw_uid : -1);
    res = &pw;
    r = getpwnam_r("no-such-user-axos", &pw, big, sizeof big, &res);
    printf("getpwnam_r missing: %d result %s\n", r, res ? "set" : "NULL");
    r = getpwuid_r(0, &pw, big, sizeof big, &res);
    printf("getpwuid_r 0: %d %s\n", r, res ? res->pw_name : "-");
    struct group gr, *gres = &gr;
    r = getgrnam_r("root", &gr, small, sizeof small, &gres);
    printf("getgrnam_r small buffer: %s result %s\n", r == ERANGE ? "ERANGE" : "?", gres ? "set" : "NULL");
    r = getgrgid_r(0, &gr, big, sizeof big, &gres);
    printf("getgrgid_r 0: %d %s members listed %d\n", r, gres ? gres->gr_name : "-",
           gres && gres->gr_mem != NULL);

    /* walks meet root, once each */
    int seen = 0;
    setpwent();
    while ((p = getpwent()))
        seen += strcmp(p->pw_name, "root") == 0;
    endpwent();
    printf("getpwent meets root: %d\n", seen);
    seen = 0;
    setgrent();
    while ((g = getgrent()))
        seen += strcmp(g->gr_name, "root") == 0 && g->gr_gid == 0;
    endgrent();
    printf("getgrent meets root: %d\n", seen);
    return 0;
}
