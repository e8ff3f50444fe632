/* The functions you write in tellwait.c; driver.c calls them. */
#include <sys/types.h>

void TELL_WAIT(void);        /* called once, before fork */
void TELL_PARENT(pid_t pid); /* child: "parent, your turn" */
void WAIT_PARENT(void);      /* child: wait until the parent says so */
void TELL_CHILD(pid_t pid);  /* parent: "child, your turn" */
void WAIT_CHILD(void);       /* parent: wait until the child says so */
