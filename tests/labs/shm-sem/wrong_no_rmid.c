/* Classic mistake: never removes the segment or the semaphore set; they
 * outlive the program (ipcs still lists them). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define SLOTS 4
enum { EMPTY, FULL, MUTEX };

struct ring {
    int in, out;
    int item[SLOTS];
};

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

static void op(int semid, int which, int delta)
{
    struct sembuf b = { (unsigned short)which, (short)delta, 0 };
    if (semop(semid, &b, 1) < 0) {
        perror("semop");
        exit(1);
    }
}

int main(int argc, char *argv[])
{
    int n = argc == 2 ? atoi(argv[1]) : 0;
    if (n < 1) {
        fprintf(stderr, "usage: %s N\n", argv[0]);
        return 2;
    }
    int shmid = shmget(IPC_PRIVATE, sizeof(struct ring), IPC_CREAT | 0600);
    int semid = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
    if (shmid < 0 || semid < 0) {
        perror("shmget/semget");
        return 1;
    }
    struct ring *ring = shmat(shmid, NULL, 0);
    ring->in = ring->out = 0;
    union semun arg;
    arg.val = SLOTS;
    semctl(semid, EMPTY, SETVAL, arg);
    arg.val = 0;
    semctl(semid, FULL, SETVAL, arg);
    arg.val = 1;
    semctl(semid, MUTEX, SETVAL, arg);

    pid_t pid = fork();
    if (pid == 0) {
        for (int i = 0; i < n; i++) {
            op(semid, FULL, -1);
            op(semid, MUTEX, -1);
            int item = ring->item[ring->out];
            ring->out = (ring->out + 1) % SLOTS;
            op(semid, MUTEX, +1);
            op(semid, EMPTY, +1);
            printf("%d\n", item);
        }
        fflush(stdout);
        _exit(0);
    }
    for (int i = 1; i <= n; i++) {
        op(semid, EMPTY, -1);
        op(semid, MUTEX, -1);
        ring->item[ring->in] = i;
        ring->in = (ring->in + 1) % SLOTS;
        op(semid, MUTEX, +1);
        op(semid, FULL, +1);
    }
    waitpid(pid, NULL, 0);
    shmdt(ring);
    return 0;
}
