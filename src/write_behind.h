/* write_behind.h: a file opened for writing whose contents go to disk behind the writer.
 *
 * build writes hundreds of megabytes of outputs per run (about seven times its input). With
 * plain buffered writes they pile up in the page cache as dirty pages: the kernel copies every
 * byte into fresh pages, and past its dirty limit it makes the writer wait while it writes
 * them out. So:
 * - a regular file that takes O_DIRECT is written straight from memory: the writer fills
 *   aligned 1 MiB chunks, and a thread of the file's own writes them to disk in order while
 *   the writer fills the next. The kernel copies nothing, and the writer waits for the disk
 *   only when it is three chunks ahead of it. A write error shows at the next write or at
 *   fclose.
 * - any other file is written through the cache, and each time 32 MB more are written their
 *   writeback is started, and the 32 MB before, by then on disk or nearly, are waited for and
 *   dropped from the cache; their pages serve the next ones. This is the "write-behind" that
 *   PostgreSQL does for its checkpoints (checkpoint_flush_after) and `dd oflag=nocache` for
 *   its output. Where the file takes no sync_file_range (a pipe, /dev/null), it is written
 *   plainly. The hints are hints: only write and close errors count.
 *
 * Measured on the development machine (a 2-core VM, Debian 12, ext4): 512 MiB took dd 1.5 s
 * through the cache, 0.22-0.25 s written behind and 0.40 s written directly in 1 MiB blocks
 * (with no thread: the writer waited for each). `build` over 256 MB of news (1.9 GB of
 * outputs) went from 27.0 to 21.3 s with --jobs 1 written behind; over 64 MB, writing
 * directly took 0.09 s less of the kernel's time than writing behind, and 0.18 s less in all.
 *
 * The stream buffers as it needs (the chunks, or a 1 MiB stdio buffer): no setvbuf.
 *
 * Ownership: the FILE is the caller's, closed with fclose. */
#ifndef STORYLINE_WRITE_BEHIND_H
#define STORYLINE_WRITE_BEHIND_H

#include <stdio.h>

/* Creates (or truncates) PATH for writing, mode 0666 before the umask, as fopen(PATH, "wb")
 * does. NULL with errno set if it cannot. */
FILE *write_behind_open(const char *path);

#endif
