/* progress.c - the time left, for the progress line (progress.h). */
#include <stdio.h>

#include "progress.h"

double progress_left(long long done, long long total, double elapsed)
{
    if (done >= total)
        return 0;
    if (done <= 0 || elapsed < PROGRESS_MIN_SECONDS ||
        (double)done < PROGRESS_MIN_SHARE * (double)total)
        return -1;
    return (double)(total - done) * elapsed / (double)done;
}

void progress_left_text(double left, char *buf, size_t size)
{
    if (left < 0) {
        snprintf(buf, size, "estimating");
        return;
    }
    if (left < 99.5) {
        snprintf(buf, size, "%.0f s left", left);
        return;
    }
    long minutes = (long)(left / 60);
    if (minutes * 60.0 < left)
        minutes++;
    if (minutes < 120)
        snprintf(buf, size, "%ld min left", minutes);
    else
        snprintf(buf, size, "%ld h %02ld min left", minutes / 60, minutes % 60);
}
