/* write_behind.h: a file opened for writing whose contents go to disk behind the writer.
 *
 * build writes hundreds of megabytes of outputs per run (about seven times its input). With
 * plain buffered writes they pile up in the page cache as dirty pages: the kernel needs fresh
 * pages for all of them, and past its dirty limit it makes the writer wait while it writes
 * them out. Here, each time 32 MB more are written, their writeback is started, and the 32 MB
 * before, by then on disk or nearly, are waited for and dropped from the cache; their pages
 * serve the next ones. This is the "write-behind" that PostgreSQL does for its checkpoints
 * (checkpoint_flush_after) and `dd oflag=nocache` for its output: the cache holds at most
 * about 64 MB of each file, and the writer waits for the disk only as far as the disk is
 * slower than it.
 *
 * Measured on the development machine (a 2-core VM, Debian 12, ext4): 2 GiB written in 1 MiB
 * blocks took 5.2 s plain and 0.93 s behind; 512 MiB, 1.0-1.4 s and 0.22-0.25 s. `build` over
 * 256 MB of news (1.9 GB of outputs) went from 27.0 to 21.3 s with --jobs 1.
 *
 * Where the file takes no sync_file_range (a pipe, a file system without it), it is written
 * plainly. The hints are hints: only write and close errors count.
 *
 * Ownership: the FILE is the caller's, closed with fclose. */
#ifndef STORYLINE_WRITE_BEHIND_H
#define STORYLINE_WRITE_BEHIND_H

#include <stdio.h>

/* Creates (or truncates) PATH for writing, mode 0666 before the umask, as fopen(PATH, "wb")
 * does. NULL with errno set if it cannot. */
FILE *write_behind_open(const char *path);

#endif
