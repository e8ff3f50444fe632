/* The function you write in my_system.c; driver.c calls it. */
int my_system(const char *cmdstring);
