// A plain C binary heap running the kernel benchmark's hold model: the reference that
// `virtsim-bench kernel` compares SimKernel's event queue with, in the same run.
#ifndef CHEAP_REFERENCE_H
#define CHEAP_REFERENCE_H
#include <stddef.h>

/// Hold model on a binary min-heap of (time, priority, insertion sequence) keys with an 8-byte
/// payload, the same work as the Swift benchmark: fill with `size` events at `increments[i & mask]`,
/// then `operations` times take the earliest and schedule one at its time + `increments[op & mask]`
/// with priority `op & 3`: a pop then a push, or with `fused` non-zero one replace-top (a single
/// sift-down from the root, as SimKernel's queue does when a fired event's successor is scheduled).
/// Returns the CPU seconds the operations took (the calling thread's CPU-time clock, so time the
/// thread spends descheduled does not count); the sum of the fired times goes to `checksum`.
double cheap_hold(size_t size, size_t operations, const double *increments, size_t mask, int fused, double *checksum);

#endif
