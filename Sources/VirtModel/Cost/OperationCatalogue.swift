/// Named application profiles. Rates are per CPU-second of native guest work; each profile
/// says where its rates come from. They are workload descriptions (inputs), never targets.
extension OperationProfile {
    /// All catalogue profiles, in a stable order.
    public static let catalogue: [OperationProfile] = applications + barham2003

    /// Names accepted by `named(_:)`.
    public static var catalogueNames: [String] { catalogue.map(\.name) }

    /// The catalogue profile called `name`, or nil.
    public static func named(_ name: String) -> OperationProfile? {
        catalogue.first { $0.name == name }
    }

    /// Application classes for consolidation studies on current servers (HZ = 250).
    public static let applications: [OperationProfile] = [
        OperationProfile(
            name: "batch-cpu", syscalls: 200, pageFaults: 200, pageTableUpdates: 50, contextSwitches: 100,
            timerInterrupts: 250, tlbMisses: 1e6, diskRequests: 1, diskRequestBytes: 65536, diskReadFraction: 0.5,
            rationale: "assumption: compute loop with occasional I/O; faults only while the working set grows; one TLB miss per ~2,500 instructions at ~2.5e9 instructions/s; HZ = 250 tick"),
        OperationProfile(
            name: "web-server", syscalls: 60_000, pageFaults: 2_000, pageTableUpdates: 2_000, contextSwitches: 8_000,
            timerInterrupts: 250, tlbMisses: 2e6, diskRequests: 100, diskRequestBytes: 16384, diskReadFraction: 1,
            networkPackets: 40_000, networkPacketBytes: 1000, networkTransmitFraction: 0.6, requestsPerNotification: 2,
            rationale: "assumption: ~2,000 HTTP requests per CPU-second (≈500 µs each), each ~30 system calls, ~4 context switches, ~20 packets of ~1 kB (responses dominate); content mostly in the page cache"),
        OperationProfile(
            name: "database-oltp", syscalls: 40_000, pageFaults: 2_000, pageTableUpdates: 1_000, largeContextSwitches: 10_000,
            timerInterrupts: 250, tlbMisses: 3e6, diskRequests: 4_000, diskRequestBytes: 8192, diskReadFraction: 0.7,
            networkPackets: 8_000, networkPacketBytes: 300, networkTransmitFraction: 0.5, requestsPerNotification: 2,
            rationale: "assumption: ~2,000 transactions per CPU-second, each ~2 random 8 KiB page reads/writes (70/30), ~20 system calls, ~5 switches between backend processes with sizeable working sets, ~4 small client packets"),
        OperationProfile(
            name: "file-server", syscalls: 20_000, pageFaults: 500, pageTableUpdates: 500, contextSwitches: 4_000,
            timerInterrupts: 250, tlbMisses: 1e6, diskRequests: 2_000, diskRequestBytes: 65536, diskReadFraction: 0.8,
            networkPackets: 30_000, networkPacketBytes: 1448, networkTransmitFraction: 0.8, requestsPerNotification: 4,
            rationale: "assumption: NFS/SMB-style server moving ~45 MB/s per CPU-second: 64 KiB disk requests (80% reads), full-size packets mostly sent, notifications coalesced ~4 per batch under streaming load"),
    ]

    /// The six benchmarks of Barham et al. 2003 Fig. 3 on Linux 2.4 (HZ = 100), one CPU.
    /// Rates are estimates of what each benchmark does per CPU-second of native work, reasoned
    /// from what the benchmark is; the relative scores they produce are the X1 targets and are
    /// never inputs. TLB misses do not matter here (no nested paging in 2003).
    public static let barham2003: [OperationProfile] = [
        OperationProfile(
            name: "x1-spec-int2000", syscalls: 100, pageFaults: 300, pageTableUpdates: 50, contextSwitches: 100,
            timerInterrupts: 100, kernelFraction: 0.01, diskRequests: 1, diskRequestBytes: 65536,
            rationale: "assumption: CPU-bound integer programs; working sets of 50-200 MB faulted in over runs of minutes (~100-500 faults/s); a daemon switch per tick at most; HZ = 100. Kernel time ~1%: Barham et al. 2003 §4.1, 'almost all CPU time spent executing user-space code'"),
        OperationProfile(
            name: "x1-linux-build", syscalls: 18_000, pageFaults: 12_000, pageTableUpdates: 1_800, contextSwitches: 1_200,
            forks: 23, execs: 23, timerInterrupts: 100, kernelFraction: 0.07, diskRequests: 20, diskRequestBytes: 16384, diskReadFraction: 0.3,
            rationale: "assumption: each compiled file costs ~0.17 CPU-s and spawns ~4 processes (make shell, gcc driver, cc1, as), faults ~2,000 pages (~8 MB touched), makes ~3,000 system calls (header opens/stats/reads) and ~300 mmap/munmap/brk updates; sources and objects stay in the page cache. Kernel time 7%: Barham et al. 2003 §4.1, 'Native Linux spends about 7% of the CPU time in the OS'"),
        OperationProfile(
            name: "x1-osdb-ir", syscalls: 20_000, pageFaults: 1_000, pageTableUpdates: 500, largeContextSwitches: 4_000,
            timerInterrupts: 100, kernelFraction: 0.3, diskRequests: 50, diskRequestBytes: 8192, diskReadFraction: 1,
            rationale: "assumption: PostgreSQL read-only queries on a cached database: reads/lseeks of table pages through the OS cache (~20k system calls/s) and client-backend round trips over a local socket (~4k switches/s between processes with working sets). Kernel time ~30%: the switches (~0.15 s/s natively) plus copying ~10k cached 8 KiB pages per second to user space (~0.08 s/s) and the socket path; the query executor's user-space work is the rest"),
        OperationProfile(
            name: "x1-osdb-oltp", syscalls: 30_000, pageFaults: 2_000, pageTableUpdates: 1_000, largeContextSwitches: 10_000,
            timerInterrupts: 100, kernelFraction: 0.5, diskRequests: 600, diskRequestBytes: 8192, diskReadFraction: 0.4,
            rationale: "assumption: PostgreSQL update transactions from many clients: semaphore and socket hand-offs between backends (~10k switches/s), WAL fsyncs and page writes (~600 disk requests/s, mostly writes). Kernel time ~50%: the switches alone are ~0.38 s/s natively, plus semaphores, socket hand-offs and the write/fsync paths"),
        OperationProfile(
            name: "x1-dbench", syscalls: 60_000, pageFaults: 500, pageTableUpdates: 500, contextSwitches: 5_000,
            timerInterrupts: 100, kernelFraction: 0.7, diskRequests: 300, diskRequestBytes: 65536, diskReadFraction: 0.1,
            rationale: "assumption: dbench's clients replay file-server operations on a local file system: several system calls per operation (~60k/s), write-back of dirty data in large requests (~300/s). Kernel time ~70%: the client does little but issue file-system calls (~10 µs of ext3 work each); the rest is parsing its load file"),
        OperationProfile(
            name: "x1-specweb99", syscalls: 130_000, pageFaults: 3_000, pageTableUpdates: 1_000, contextSwitches: 6_000,
            timerInterrupts: 100, kernelFraction: 0.6, diskRequests: 100, diskRequestBytes: 8192, diskReadFraction: 1,
            networkPackets: 50_000, networkPacketBytes: 1000, networkTransmitFraction: 0.7,
            rationale: "assumption: Apache 1.3 (pre-forked) serving ~3,300 requests per CPU-second: ~40 system calls, ~2 switches and ~15 packets (mean file ~14 kB: ~10 full data packets + handshake/ACKs, ~1 kB mean payload) per request; file set mostly cached. Kernel time ~60%: Barham et al. 2003 §4.1, 'a significant proportion of the time is spent within the guest OS kernel, performing network stack processing, file system operations, and scheduling between the many httpd processes'; the packet path alone is ~0.22 s/s natively"),
    ]
}
