#include "cheap_reference.h"
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

typedef struct {
    double time;
    int32_t priority;
    uint64_t seq;
    int32_t entity;
    int32_t kind;
} event_t;

static inline int before(const event_t *a, const event_t *b) {
    if (a->time != b->time) return a->time < b->time;
    if (a->priority != b->priority) return a->priority < b->priority;
    return a->seq < b->seq;
}

typedef struct {
    event_t *items;
    size_t count, capacity;
    uint64_t next_seq;
} heap_t;

static void push(heap_t *h, double time, int32_t priority, int32_t entity, int32_t kind) {
    if (h->count == h->capacity) {
        h->capacity = h->capacity ? h->capacity * 2 : 1024;
        h->items = realloc(h->items, h->capacity * sizeof(event_t));
    }
    event_t e = { time, priority, h->next_seq++, entity, kind };
    size_t i = h->count++;
    while (i > 0) {  // sift up, moving parents down into the hole
        size_t parent = (i - 1) / 2;
        if (!before(&e, &h->items[parent])) break;
        h->items[i] = h->items[parent];
        i = parent;
    }
    h->items[i] = e;
}

static event_t pop(heap_t *h) {
    event_t top = h->items[0];
    event_t last = h->items[--h->count];
    size_t n = h->count, i = 0;
    for (;;) {  // sift down, moving the smaller child up into the hole
        size_t child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && before(&h->items[child + 1], &h->items[child])) child += 1;
        if (!before(&h->items[child], &last)) break;
        h->items[i] = h->items[child];
        i = child;
    }
    if (n > 0) h->items[i] = last;
    return top;
}

/* Replaces the earliest event by a new one: one sift-down from the root (no pop and push). */
static void replace_top(heap_t *h, double time, int32_t priority, int32_t entity, int32_t kind) {
    event_t e = { time, priority, h->next_seq++, entity, kind };
    size_t n = h->count, i = 0;
    for (;;) {  // sift down, moving the smaller child up into the hole
        size_t child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && before(&h->items[child + 1], &h->items[child])) child += 1;
        if (!before(&h->items[child], &e)) break;
        h->items[i] = h->items[child];
        i = child;
    }
    h->items[i] = e;
}

double cheap_hold(size_t size, size_t operations, const double *increments, size_t mask, int fused, double *checksum) {
    heap_t h = { 0, 0, 0, 0 };
    for (size_t i = 0; i < size; i++) push(&h, increments[i & mask], 0, (int32_t)i, 0);
    struct timespec a, b;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
    double sum = 0;
    if (fused) {
        for (size_t op = 0; op < operations; op++) {
            event_t e = h.items[0];
            sum += e.time;
            replace_top(&h, e.time + increments[op & mask], (int32_t)(op & 3), e.entity, e.kind);
        }
    } else {
        for (size_t op = 0; op < operations; op++) {
            event_t e = pop(&h);
            sum += e.time;
            push(&h, e.time + increments[op & mask], (int32_t)(op & 3), e.entity, e.kind);
        }
    }
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
    *checksum = sum + (double)h.count;
    free(h.items);
    return (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) * 1e-9;
}
