/* reference.c: a fixed piece of work that tells how fast the machine is right now, for
 * bench/run.sh to print beside storyline's figures. On a shared or virtual machine the same
 * build can take 10-30% longer from one hour to the next. This times reads scattered over a
 * table too large for the caches, on one core (storyline does much of that), so that figures
 * taken at different times can be compared, roughly: a slowdown that spares memory reads
 * does not show here. Prints the seconds it took. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(void) {
  enum { ROUNDS = 60 };
  const size_t n = (size_t)1 << 22; /* 16 MB of 32-bit entries */
  uint32_t *table = malloc(n * sizeof *table);
  if (!table) {
    fprintf(stderr, "reference: out of memory\n");
    return 1;
  }
  for (size_t i = 0; i < n; i++) table[i] = (uint32_t)(i * 2654435761u);
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  uint64_t sum = 0, x = 1;
  for (int r = 0; r < ROUNDS; r++)
    for (size_t i = 0; i < n; i++) {
      x = x * 6364136223846793005ull + 1442695040888963407ull; /* (a 64-bit LCG) */
      sum += table[(x >> 40) & (n - 1)] ^ (sum >> 3);
    }
  clock_gettime(CLOCK_MONOTONIC, &end);
  free(table);
  /* (the sum is printed where no one reads it, so that the loop cannot be left out) */
  double secs = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
  printf("%.2f %u\n", secs, (unsigned)(sum & 1));
  return 0;
}
