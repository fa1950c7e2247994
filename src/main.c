/* main.c: the storyline command line (placeholder while the pipeline is assembled). */
#include <stdio.h>
int main(void) { puts("storyline " STORYLINE_VERSION); return 0; }
