// A plain C binary heap running the kernel benchmark's hold model: the reference that
// `virtsim-bench kernel` compares SimKernel's event queue with, in the same run.
#ifndef CHEAP_REFERENCE_H
#define CHEAP_REFERENCE_H
#include <stddef.h>

/// Hold model on a binary min-heap of (time, priority, insertion sequence) keys with an 8-byte
/// payload, the same work as the Swift benchmark: fill with `size` events at `increments[i & mask]`,
/// then `operations` times pop the earliest and push one at its time + `increments[op & mask]`
/// with priority `op & 3`. Returns the seconds the operations took (monotonic clock); the sum of
/// popped times goes to `checksum`.
double cheap_hold(size_t size, size_t operations, const double *increments, size_t mask, double *checksum);

#endif
