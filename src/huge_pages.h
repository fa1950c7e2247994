/* huge_pages.h: storyline's start-up on Linux with glibc, for the speed of its memory.
 *
 * On a virtual machine a page fault, and a miss in the processor's cache of addresses (TLB),
 * cost far more than on bare metal. With the kernel's 4 KB pages, a build of 64 MB of news
 * took 74,600 faults and spent a sixth of its time on them and on those misses. glibc's malloc
 * asks the kernel for huge pages (2 MB) for its heaps when its tunable glibc.malloc.hugetlb is
 * 1, but it reads its tunables only as a program starts. So where the kernel gives huge pages
 * on request (its setting "madvise"), storyline starts itself again, once, with HUGE_PAGES
 * (huge_pages.c) added to GLIBC_TUNABLES: the same process (its id, its open files), the same arguments.
 * With them, the heaps also grow and shrink by 64 MB (top_pad: a thread's heap that shrank
 * and grew again by a little at a time took its pages afresh each time, 20,000 faults more
 * with --jobs 2), and only blocks of 32 MB or more are mapped apart from them.
 * Not when GLIBC_TUNABLES names glibc.malloc.hugetlb already (the user's choice, or this
 * restart), nor under valgrind (which would lose sight of the process) or a sanitizer (its
 * allocator stands in for glibc's), nor where the kernel always gives huge pages or never
 * does. A tunable the user set is not overridden. If the restart fails, the run goes on as it
 * is: only the speed differs, never the outputs.
 *
 * huge_pages_restart is main's first step: it returns where there is nothing to do or the
 * restart failed, and does not return where it succeeded. */
#ifndef STORYLINE_HUGE_PAGES_H
#define STORYLINE_HUGE_PAGES_H

void huge_pages_restart(char **argv);

#endif
