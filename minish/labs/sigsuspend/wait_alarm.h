/* The function you write in wait_alarm.c; driver.c calls it. */
void wait_alarm(unsigned int seconds);
