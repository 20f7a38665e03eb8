/* System V message queues and semaphores through the layer, compared with
 * the host: making and finding them by key, sending and receiving by type,
 * the control structures, waiting across processes, SEM_UNDO at exit, and
 * the errors of each call. Prints no id, pid or time. Every queue and set
 * it makes is removed again (they would outlive the host run). */
#define _GNU_SOURCE /* MSG_EXCEPT, semtimedop */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

struct msg {
    long mtype;
    char mtext[32];
};

static void show(const char *what, long r) {
    if (r < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: %ld\n", what, r);
}

static void send_text(int q, long type, const char *text) {
    struct msg m = {type, {0}};
    strcpy(m.mtext, text);
    if (msgsnd(q, &m, strlen(text), 0) < 0)
        printf("msgsnd %s: %s\n", text, strerror(errno));
}

static void receive(int q, const char *what, size_t room, long type, int flags) {
    struct msg m;
    memset(&m, 0, sizeof m);
    ssize_t n = msgrcv(q, &m, room, type, flags);
    if (n < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: %zd type %ld text %.*s\n", what, n, m.mtype, (int)n, m.mtext);
}

static void queues(void) {
    int fd = open("keyfile", O_CREAT | O_WRONLY, 0644);
    close(fd);
    key_t key = ftok("keyfile", 'q');
    printf("ftok: %d\n", key != -1);
    show("msgget missing", msgget(key, 0600));
    int q = msgget(key, IPC_CREAT | IPC_EXCL | 0640);
    printf("msgget create: %d\n", q >= 0);
    printf("msgget same key: %d\n", msgget(key, 0) == q);
    show("msgget excl", msgget(key, IPC_CREAT | IPC_EXCL | 0600));

    send_text(q, 3, "three");
    send_text(q, 1, "one");
    send_text(q, 2, "two");
    send_text(q, 5, "five");
    struct msqid_ds ds;
    show("IPC_STAT", msgctl(q, IPC_STAT, &ds));
    printf("qnum %lu cbytes %lu qbytes %lu mode %o\n", (unsigned long)ds.msg_qnum,
           (unsigned long)ds.__msg_cbytes, (unsigned long)ds.msg_qbytes,
           (unsigned)ds.msg_perm.mode & 0777);
    printf("sent by me: %d, received by nobody: %d\n", ds.msg_lspid == getpid(),
           ds.msg_lrpid == 0);
    receive(q, "type 2", 32, 2, 0);
    receive(q, "lowest up to 4", 32, -4, 0);
    receive(q, "except 3", 32, 3, MSG_EXCEPT);
    receive(q, "too long", 2, 0, 0);
    receive(q, "cut", 2, 0, MSG_NOERROR);
    receive(q, "empty nowait", 32, 0, IPC_NOWAIT);
    receive(q, "missing type nowait", 32, 9, IPC_NOWAIT);

    struct msg m = {0, "x"};
    show("msgsnd type 0", msgsnd(q, &m, 1, 0));
    m.mtype = 1;
    /* Past MSGMAX (8192): EINVAL. The buffer really holds that many bytes,
     * since the host's msgsnd (and ASan's interceptor) may read them all. */
    static struct {
        long mtype;
        char mtext[100000];
    } big = {1, {0}};
    show("msgsnd too big", msgsnd(q, &big, sizeof big.mtext, 0));
    ds.msg_qbytes = 8;
    ds.msg_perm.mode = 0600;
    show("IPC_SET", msgctl(q, IPC_SET, &ds));
    show("IPC_STAT again", msgctl(q, IPC_STAT, &ds));
    printf("qbytes %lu mode %o\n", (unsigned long)ds.msg_qbytes, (unsigned)ds.msg_perm.mode & 0777);
    send_text(q, 1, "12345678");
    m.mtype = 1;
    show("msgsnd full nowait", msgsnd(q, &m, 1, IPC_NOWAIT));
    receive(q, "drain", 32, 0, 0);
    show("msgctl bad cmd", msgctl(q, 12345, &ds));
    show("IPC_RMID", msgctl(q, IPC_RMID, NULL));
    show("msgsnd removed", msgsnd(q, &m, 1, 0));
    receive(q, "msgrcv removed", 32, 0, IPC_NOWAIT);
    show("IPC_RMID again", msgctl(q, IPC_RMID, NULL));
    unlink("keyfile");
}

static void semaphores(void) {
    int s = semget(IPC_PRIVATE, 3, 0600);
    printf("semget: %d\n", s >= 0);
    show("semget zero", semget(IPC_PRIVATE, 0, 0600));
    show("GETVAL", semctl(s, 0, GETVAL));
    show("SETVAL", semctl(s, 1, SETVAL, (union semun){.val = 5}));
    show("SETVAL too big", semctl(s, 1, SETVAL, (union semun){.val = 40000}));
    unsigned short all[3] = {1, 2, 3}, got[3] = {0};
    show("SETALL", semctl(s, 0, SETALL, (union semun){.array = all}));
    show("GETALL", semctl(s, 0, GETALL, (union semun){.array = got}));
    printf("values %u %u %u\n", got[0], got[1], got[2]);
    struct sembuf ops[2] = {{0, -1, 0}, {2, 2, 0}};
    show("semop", semop(s, ops, 2));
    show("GETVAL 0", semctl(s, 0, GETVAL));
    show("GETVAL 2", semctl(s, 2, GETVAL));
    printf("GETPID is me: %d\n", semctl(s, 0, GETPID) == getpid());
    struct sembuf take = {0, -1, IPC_NOWAIT};
    show("semop would wait", semop(s, &take, 1));
    take.sem_flg = 0;
    struct timespec ts = {0, 20000000};
    show("semtimedop times out", semtimedop(s, &take, 1, &ts));
    ts.tv_nsec = -1;
    show("semtimedop bad time", semtimedop(s, &take, 1, &ts));
    struct sembuf bad = {7, 1, 0};
    show("semop out of set", semop(s, &bad, 1));
    show("semop none", semop(s, &bad, 0));
    struct semid_ds ds;
    show("IPC_STAT", semctl(s, 0, IPC_STAT, (union semun){.buf = &ds}));
    printf("nsems %lu mode %o\n", (unsigned long)ds.sem_nsems, (unsigned)ds.sem_perm.mode & 0777);
    show("GETVAL out of set", semctl(s, 5, GETVAL));
    show("semctl bad cmd", semctl(s, 0, 12345));
    show("IPC_RMID", semctl(s, 0, IPC_RMID));
    show("GETVAL removed", semctl(s, 0, GETVAL));
}

/* The child: take one from semaphore 0 with SEM_UNDO, tell the parent
 * through the queue, wait for its answer, and exit (the undo gives the
 * one back). */
static int child(int q, int s) {
    struct sembuf op = {0, 1, SEM_UNDO};
    if (semop(s, &op, 1) < 0)
        return 2;
    send_text(q, 1, "ready");
    struct msg m;
    ssize_t n = msgrcv(q, &m, sizeof m.mtext, 2, 0);
    printf("child got %.*s\n", (int)(n > 0 ? n : 0), m.mtext);
    return 0;
}

static void across_processes(const char *self) {
    int q = msgget(IPC_PRIVATE, 0600), s = semget(IPC_PRIVATE, 1, 0600);
    char qs[16], ss[16];
    snprintf(qs, sizeof qs, "%d", q);
    snprintf(ss, sizeof ss, "%d", s);
    char *argv[] = {(char *)self, "child", qs, ss, NULL};
    fflush(stdout);
    pid_t pid;
    if (posix_spawnp(&pid, self, NULL, NULL, argv, environ) != 0) {
        printf("spawn failed\n");
        return;
    }
    receive(q, "parent got", 32, 1, 0);
    show("child holds", semctl(s, 0, GETVAL));
    send_text(q, 2, "go");
    int st;
    waitpid(pid, &st, 0);
    printf("child status %d\n", WEXITSTATUS(st));
    show("undone at exit", semctl(s, 0, GETVAL));
    msgctl(q, IPC_RMID, NULL);
    semctl(s, 0, IPC_RMID);
}

int main(int argc, char **argv) {
    if (argc > 3 && strcmp(argv[1], "child") == 0) {
        int q, s;
        sscanf(argv[2], "%d", &q);
        sscanf(argv[3], "%d", &s);
        return child(q, s);
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    queues();
    semaphores();
    across_processes(argv[0]);
    return 0;
}
