/* prodcons.c -- a producer and a consumer share a ring buffer in System V
 * shared memory, and take turns with System V semaphores.
 *
 *     ./prodcons N         the consumer prints 1, 2, ..., N, one per line
 *
 * 1. shmget(IPC_PRIVATE, ...) a segment holding SLOTS ints; semget(IPC_PRIVATE,
 *    3, ...) a set of three semaphores, set with semctl(SETVAL):
 *        EMPTY = SLOTS   free slots        FULL = 0   slots holding an item
 *        MUTEX = 1       who may touch the buffer's indexes
 * 2. fork.  The child is the consumer: N times, P(FULL) P(MUTEX), take the
 *    item at the read index, V(MUTEX) V(EMPTY), print it.  Then it exits.
 * 3. The parent is the producer: for i = 1..N, P(EMPTY) P(MUTEX), put i at
 *    the write index, V(MUTEX) V(FULL).  Then it waits for the child and
 *    removes both objects: shmctl(IPC_RMID) and semctl(IPC_RMID).  System V
 *    objects outlive the processes that made them (ipcs shows them) until
 *    someone removes them.
 *
 * P is semop with sem_op = -1 (wait until it can subtract), V is +1.
 *
 * Test by hand:   make && ./prodcons 20 && ipcs
 * Grade:          minish lab check
 */
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
    int in, out;            /* write and read indexes */
    int item[SLOTS];
};

/* semctl(2) wants the caller to define this union. */
union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

int main(int argc, char *argv[])
{
    if (argc != 2 || atoi(argv[1]) < 1) {
        fprintf(stderr, "usage: %s N\n", argv[0]);
        return 2;
    }
    /* Your code here: shmget, shmat, semget, semctl, fork, semop, wait, IPC_RMID. */
    return 1;
}
