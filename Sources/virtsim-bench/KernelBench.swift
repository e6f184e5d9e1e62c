#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SimKernel
import CHeapReference

/// Throughput of the event kernel, measured with the classic hold model: the queue holds `n`
/// events; each operation pops the earliest and schedules a replacement at its time plus a
/// random increment, so the size stays `n` while the clock advances.
///
/// Times are the measuring thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), on both sides of every
/// ratio: on this shared 2-core machine wall time also counted the time the thread sat
/// descheduled behind other builds, which moved the ratios by ±30 % from one run to the next.
///
/// References are measured in the same run, on the same machine state, so the numbers can
/// be read as ratios rather than absolute speeds:
/// - a plain C binary heap (CHeapReference) doing the same hold model, n = 10³ … 10⁶: as a pop
///   then a push, and fused as one replace-top (the queue fuses a fired event with the successor
///   scheduled next, so the fused C heap is the like-with-like reference);
/// - a naive sorted-array queue (binary-search insert, pop from the end) at 1k events, the
///   obvious alternative to a heap for small queues;
/// - the standard library's `sort` of 1M keys with the kernel's total order, an O(log n)
///   comparisons-per-key yardstick for the 1M hold.
enum KernelBench {
    /// A payload the size of a typical model event (an entity index and an event kind).
    struct Payload {
        var entity: Int32
        var kind: Int32
    }

    /// Runs every measurement (a few seconds in a release build) and returns one row per number.
    static func run() -> [(name: String, value: Double, unit: String)] {
        let increments = exponentialIncrements(count: 1 << 16, seed: 2_024)
        var rows: [(name: String, value: Double, unit: String)] = []

        let hold1k = best(of: 3) { holdModel(size: 1_000, operations: 2_000_000, increments: increments) }
        let hold1M = best(of: 2) { holdModel(size: 1_000_000, operations: 2_000_000, increments: increments) }
        let scheduler1k = best(of: 3) { schedulerHold(size: 1_000, operations: 1_000_000, increments: increments) }
        let retime100k = best(of: 3) { rescheduleModel(size: 100_000, operations: 1_000_000, increments: increments) }
        let sortedArray1k = best(of: 3) { sortedArrayHold(size: 1_000, operations: 500_000, increments: increments) }
        let sort1M = best(of: 2) { sortKeys(count: 1_000_000, increments: increments) }

        // The same hold model on a plain C binary heap (CHeapReference), n = 10^3 … 10^6, pop then
        // push and fused; the three measured in turn, three times, best of each.
        for (label, size) in [("1k", 1_000), ("10k", 10_000), ("100k", 100_000), ("1m", 1_000_000)] {
            var swift = 0.0, c = 0.0, cFused = 0.0
            for _ in 0..<3 {
                swift = max(swift, holdModel(size: size, operations: 2_000_000, increments: increments))
                c = max(c, cHeapHold(size: size, operations: 2_000_000, increments: increments, fused: false))
                cFused = max(cFused, cHeapHold(size: size, operations: 2_000_000, increments: increments, fused: true))
            }
            rows.append(("kernel_hold_\(label)", swift, "events/s"))
            rows.append(("reference_c_heap_hold_\(label)", c, "events/s"))
            rows.append(("reference_c_heap_hold_fused_\(label)", cFused, "events/s"))
            rows.append(("kernel_hold_\(label)_vs_c_heap", swift / c, "x"))
            rows.append(("kernel_hold_\(label)_vs_c_heap_fused", swift / cFused, "x"))
        }
        rows.append(("scheduler_hold_1k", scheduler1k, "events/s"))
        rows.append(("kernel_reschedule_100k", retime100k, "ops/s"))
        rows.append(("reference_sorted_array_hold_1k", sortedArray1k, "events/s"))
        rows.append(("kernel_hold_1k_vs_sorted_array", hold1k / sortedArray1k, "x"))
        rows.append(("reference_sort_1m_keys", sort1M, "keys/s"))
        rows.append(("kernel_hold_1m_vs_sort_1m", hold1M / sort1M, "x"))
        return rows
    }

    // MARK: - Measurements (each returns operations per second)

    /// Hold model on `EventQueue`: pop the earliest, schedule one at its time + increment.
    static func holdModel(size: Int, operations: Int, increments: [Double]) -> Double {
        var queue = EventQueue<Payload>()
        let mask = increments.count - 1
        for index in 0..<size {
            queue.schedule(Payload(entity: Int32(truncatingIfNeeded: index), kind: 0), at: increments[index & mask])
        }
        var checksum = 0.0
        let seconds = measure {
            for operation in 0..<operations {
                let event = queue.popFirst()!
                checksum += event.time
                queue.schedule(event.payload, at: event.time + increments[operation & mask],
                               priority: Int32(operation & 3))
            }
        }
        consume(checksum + Double(queue.count))
        return Double(operations) / seconds
    }

    /// The hold model on CHeapReference's C binary heap (same keys, payload size and increments),
    /// as a pop then a push or `fused` as one replace-top.
    static func cHeapHold(size: Int, operations: Int, increments: [Double], fused: Bool) -> Double {
        var checksum = 0.0
        let seconds = increments.withUnsafeBufferPointer {
            cheap_hold(size, operations, $0.baseAddress!, increments.count - 1, fused ? 1 : 0, &checksum)
        }
        consume(checksum)
        return Double(operations) / seconds
    }

    /// Hold model through `Scheduler.step`, the way models drive the kernel: each fired event's
    /// handler schedules its successor through the `inout Scheduler` it receives.
    static func schedulerHold(size: Int, operations: Int, increments: [Double]) -> Double {
        var scheduler = Scheduler<Payload>()
        let mask = increments.count - 1
        for index in 0..<size {
            scheduler.schedule(Payload(entity: Int32(truncatingIfNeeded: index), kind: 0), at: increments[index & mask])
        }
        let seconds = measure {
            for operation in 0..<operations {
                scheduler.step { event, scheduler in
                    scheduler.schedule(event.payload, after: increments[operation & mask], priority: Int32(operation & 3))
                }
            }
        }
        consume(scheduler.now + Double(scheduler.firedCount))
        return Double(operations) / seconds
    }

    /// Re-timing: move a pseudo-random pending event (through its handle) to a new time.
    /// Models that re-time completion events when rates change do exactly this.
    static func rescheduleModel(size: Int, operations: Int, increments: [Double]) -> Double {
        var queue = EventQueue<Payload>()
        let mask = increments.count - 1
        var ids: [EventID] = []
        ids.reserveCapacity(size)
        for index in 0..<size {
            ids.append(queue.schedule(Payload(entity: Int32(truncatingIfNeeded: index), kind: 1), at: increments[index & mask]))
        }
        var pick = SplitMix64(seed: 7)
        var moved = 0
        let seconds = measure {
            for operation in 0..<operations {
                let id = ids[Int(pick.next() % UInt64(size))]
                if queue.reschedule(id, to: increments[operation & mask] * 2) { moved += 1 }
            }
        }
        consume(Double(moved))
        return Double(operations) / seconds
    }

    /// The naive alternative: keys kept sorted descending in one array, so the earliest event
    /// is the last element (O(1) pop) and an insert is a binary search plus an O(n) shift.
    static func sortedArrayHold(size: Int, operations: Int, increments: [Double]) -> Double {
        typealias Entry = (time: Double, priority: Int32, sequence: UInt64, payload: Payload)
        var entries: [Entry] = []
        entries.reserveCapacity(size + 1)
        var sequence: UInt64 = 0
        let mask = increments.count - 1
        @inline(__always) func insert(_ entry: Entry) {
            // First index whose key is smaller than the new one (array is descending).
            var low = 0, high = entries.count
            while low < high {
                let mid = (low + high) / 2
                let other = entries[mid]
                if (other.time, other.priority, other.sequence) > (entry.time, entry.priority, entry.sequence) {
                    low = mid + 1
                } else {
                    high = mid
                }
            }
            entries.insert(entry, at: low)
        }
        for index in 0..<size {
            insert((increments[index & mask], 0, sequence, Payload(entity: Int32(truncatingIfNeeded: index), kind: 0)))
            sequence += 1
        }
        var checksum = 0.0
        let seconds = measure {
            for operation in 0..<operations {
                let event = entries.removeLast()
                checksum += event.time
                insert((event.time + increments[operation & mask], Int32(operation & 3), sequence, event.payload))
                sequence += 1
            }
        }
        consume(checksum)
        return Double(operations) / seconds
    }

    /// The standard library's sort of `count` keys (time, priority, sequence) in the kernel's order.
    static func sortKeys(count: Int, increments: [Double]) -> Double {
        let mask = increments.count - 1
        var rng = SplitMix64(seed: 11)
        var keys: [(time: Double, priority: Int32, sequence: UInt64)] = (0..<count).map { index in
            (increments[index & mask] * Double(rng.next() % 1_000), Int32(index & 3), UInt64(index))
        }
        let seconds = measure {
            keys.sort { ($0.time, $0.priority, $0.sequence) < ($1.time, $1.priority, $1.sequence) }
        }
        consume(keys[count / 2].time)
        return Double(count) / seconds
    }

    // MARK: - Helpers

    /// Exponential(1) increments from a fixed seed, precomputed so the timed loops measure the
    /// queue, not the logarithm.
    static func exponentialIncrements(count: Int, seed: UInt64) -> [Double] {
        var rng = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { _ in -log(rng.nextOpenUnit()) }
    }

    /// Best (highest) of `repetitions` throughput measurements: the least disturbed by the other
    /// processes sharing the machine.
    static func best(of repetitions: Int, _ body: () -> Double) -> Double {
        var result = 0.0
        for _ in 0..<repetitions { result = max(result, body()) }
        return result
    }

    /// CPU time of `body` in seconds, on the calling thread's CPU-time clock (the clock the C
    /// reference reads too).
    static func measure(_ body: () -> Void) -> Double {
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        body()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) * 1e-9
    }

    /// Keeps a result observable so the optimizer cannot drop the work that produced it.
    @inline(never)
    static func consume(_ value: Double) {
        if value.isNaN { print("kernel bench: unexpected NaN") }
    }
}
