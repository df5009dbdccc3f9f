/* progress.h - what gazette-index's live progress line says of the time
 * left: pure arithmetic over the work done, the work in all and the time
 * taken, so that it is tested without a clock.  update.c measures and
 * draws the line.
 *
 * The work is the bytes of the files to read, a gzip file's weighted by
 * UPDATE's factor (update.c), counted as they are read rather than when
 * a file is finished: one big file is a whole build's first quarter. */
#ifndef GZ_PROGRESS_H
#define GZ_PROGRESS_H

#include <stddef.h>

/* Too little to go by below these: the first second is opening and
 * listing, and a rate from a hundredth of the work is noise. */
#define PROGRESS_MIN_SECONDS 1.0
#define PROGRESS_MIN_SHARE 0.01

/* The seconds left to do TOTAL units of work when DONE of them took
 * ELAPSED seconds, at the rate so far: 0 once DONE reaches TOTAL, -1 when
 * there is not yet enough to estimate from (less than
 * PROGRESS_MIN_SECONDS, less than PROGRESS_MIN_SHARE of the work, or
 * nothing done). */
double progress_left(long long done, long long total, double elapsed);

/* LEFT (progress_left()'s answer) as the line shows it, into BUF of SIZE
 * bytes: "estimating", "0 s left", "42 s left", "5 min left" (from 100
 * seconds on, rounded up), "2 h 05 min left". */
void progress_left_text(double left, char *buf, size_t size);

#endif
