import VirtModel

/// Turns a spec's workload into request classes for one guest kind.
struct WorkloadBuilder {
    var classes: [RequestClass] = []
    /// µs accounting of each class, same order as `classes`.
    var costs: [IORequestCost] = []

    mutating func add(_ c: (RequestClass, IORequestCost)) {
        classes.append(c.0)
        costs.append(c.1)
    }

    typealias Built = (RequestClass, IORequestCost)
    var threads = 1
    var computeSeconds = 0.0
    var unit = "MB/s"
    /// Application workload: native CPU-seconds of work each request stands for.
    var workSecondsPerRequest = 0.0
    var usesStorage = false

    /// IPv4 + TCP + timestamp option bytes inside the MTU.
    static let ipTCPHeaderBytes = 52.0
    /// IPv4 + UDP header bytes inside the MTU.
    static let ipUDPHeaderBytes = 28.0
    /// Largest segment the stack hands a segmentation-offloading device (GSO_MAX_SIZE, 64 KiB,
    /// headers included).
    static let maxSegmentBytes = 65_536.0

    static func build(kind: GuestKind, spec: IOExperimentSpec, model: CostModel) -> WorkloadBuilder {
        var b = WorkloadBuilder()
        let p = model.profile
        let route = model.ioPaths.route(for: kind)
        let batch = spec.requestsPerNotification
        func storageClass(_ dir: IODirection, bytes: Double, sequential: Bool, weight: Double, batch override: Double? = nil) -> Built {
            let shape = IORequestShape(device: .storage, direction: dir, bytes: bytes, requestsPerNotification: override ?? batch)
            let s = p.storage
            let positioning = s.positioningMicros(dir, sequential: sequential)
            let demand = DeviceDemand(kind: .storage, primarySeconds: positioning * 1e-6, spread: s.positioningSpread.value,
                                      secondarySeconds: bytes / (s.bandwidthMBps.value * 1e6))
            let cost = route.cost(shape, on: p)
            return (RequestClass(cost: cost, device: demand, payloadBytes: bytes, weight: weight), cost)
        }
        // UDP's headers are 24 bytes shorter than TCP's with timestamps, on the wire as in the MTU.
        let udp = spec.workload == "udp-stream" || spec.workload == "udp-rr"
        let protocolHeader = udp ? WorkloadBuilder.ipUDPHeaderBytes : WorkloadBuilder.ipTCPHeaderBytes
        let wireHeader = p.nic.headerBytes.value - (WorkloadBuilder.ipTCPHeaderBytes - protocolHeader)
        func linkSeconds(payload: Double, packets: Double = 1) -> Double {
            (payload + packets * wireHeader) * 8 / (p.nic.bandwidthGbps.value * 1e9)
        }
        /// One request is one packet, or with offloads one segment of `packets` wire packets: the
        /// per-packet work (stack, virtual device, back-end) is done once for it, the per-byte work
        /// (copies) for all its bytes; the wire carries every packet with its headers. A TCP
        /// stream's window slot returns when the data is ACKed (one way out, one back); UDP has
        /// no ACK, only the way out.
        func packetClass(_ dir: IODirection, payload: Double, packets: Double = 1, weight: Double,
                         batch override: Double? = nil, acked: Bool = true) -> Built {
            let shape = IORequestShape(device: .network, direction: dir, bytes: payload, requestsPerNotification: override ?? batch)
            let demand = DeviceDemand(kind: .link, primarySeconds: linkSeconds(payload: payload, packets: packets), spread: 0,
                                      secondarySeconds: (acked ? 2 : 1) * p.nic.oneWayLatencyMicros.value * 1e-6)
            let cost = route.cost(shape, on: p)
            return (RequestClass(cost: cost, device: demand, payloadBytes: payload, weight: weight), cost)
        }
        switch spec.workload {
        case "fio":
            b.usesStorage = true
            b.threads = spec.queueDepth
            b.computeSeconds = spec.computeMicrosPerRequest * 1e-6
            if spec.readFraction > 0 {
                b.add(storageClass(.read, bytes: spec.blockSizeBytes, sequential: spec.sequential, weight: spec.readFraction))
            }
            if spec.readFraction < 1 {
                b.add(storageClass(.write, bytes: spec.blockSizeBytes, sequential: spec.sequential, weight: 1 - spec.readFraction))
            }
            b.unit = "MB/s"
        case "netperf-stream", "udp-stream":
            let mss = spec.mtuBytes - protocolHeader
            // With offloads the stack works on segments of whole MSS-sized packets up to 64 KiB
            // (never more than the socket buffer holds).
            var packets = 1.0
            if spec.offloads && route.offloadsSegments(on: p) {
                let fit = ((WorkloadBuilder.maxSegmentBytes - protocolHeader) / mss).rounded(.down)
                packets = max(1, min(fit, (spec.socketBufferBytes / mss).rounded(.down)))
            }
            let payload = packets * mss
            b.threads = max(1, Int(spec.socketBufferBytes / payload))
            b.add(packetClass(spec.direction == "receive" ? .read : .write, payload: payload, packets: packets,
                              weight: 1, acked: !udp))
            b.unit = "Mb/s"
        case "netperf-rr", "udp-rr":
            // One transaction: send the request, the native peer answers, receive the response.
            let tx = route.cost(IORequestShape(device: .network, direction: .write, bytes: spec.requestBytes, requestsPerNotification: batch), on: p)
            let rx = route.cost(IORequestShape(device: .network, direction: .read, bytes: spec.responseBytes, requestsPerNotification: batch), on: p)
            let peer = NativePath().cost(IORequestShape(device: .network, direction: .read, bytes: spec.requestBytes), on: p).total
                + NativePath().cost(IORequestShape(device: .network, direction: .write, bytes: spec.responseBytes), on: p).total
            var both = IORequestCost()
            both.guestSubmit = tx.guestSubmit
            both.hostSubmit = tx.hostSubmit
            both.hostComplete = tx.hostComplete + rx.hostComplete
            both.hostStackSubmit = tx.hostStackSubmit
            both.hostStackComplete = tx.hostStackComplete + rx.hostStackComplete
            both.guestComplete = tx.guestComplete + rx.guestComplete
            both.hostWorkOnGuestCPU = tx.hostWorkOnGuestCPU
            // The transaction completes when the response arrives: the receive side's latencies.
            both.guestWakeMicros = rx.guestWakeMicros
            both.hostWakeMicros = rx.hostWakeMicros
            both.interruptIntervalMicros = rx.interruptIntervalMicros
            for j in both.components.indices { both.components[j] = tx.components[j] + rx.components[j] }
            let demand = DeviceDemand(kind: .link,
                                      primarySeconds: linkSeconds(payload: spec.requestBytes) + linkSeconds(payload: spec.responseBytes),
                                      spread: 0, secondarySeconds: 2 * p.nic.oneWayLatencyMicros.value * 1e-6 + peer * 1e-6)
            b.add((RequestClass(cost: both, device: demand, payloadBytes: spec.requestBytes + spec.responseBytes, weight: 1), both))
            b.threads = spec.queueDepth
            b.computeSeconds = spec.computeMicrosPerRequest * 1e-6
            b.unit = "transactions/s"
        default:
            // Application: the profile's disk requests and packets, each preceded by the native
            // work it stands for, inflated by the kind's non-I/O operation overheads.
            let ops = spec.applicationProfile!
            let ioRate = ops.diskRequests + ops.networkPackets
            precondition(ioRate > 0, "application profile has no I/O")
            let o = model.overhead(kind: kind, operations: ops)
            let cpuOps = o.cpuFraction - o.fraction(of: .diskRequest) - o.fraction(of: .networkPacket)
            b.workSecondsPerRequest = 1 / ioRate
            b.computeSeconds = b.workSecondsPerRequest * (1 + cpuOps)
            b.threads = spec.queueDepth
            b.usesStorage = ops.diskRequests > 0
            let appBatch = ops.requestsPerNotification
            let candidates: [(Double, () -> Built)] = [
                (ops.diskRequests * ops.diskReadFraction, {
                    storageClass(.read, bytes: ops.diskRequestBytes, sequential: false, weight: ops.diskRequests * ops.diskReadFraction, batch: appBatch) }),
                (ops.diskRequests * (1 - ops.diskReadFraction), {
                    storageClass(.write, bytes: ops.diskRequestBytes, sequential: false, weight: ops.diskRequests * (1 - ops.diskReadFraction), batch: appBatch) }),
                (ops.networkPackets * (1 - ops.networkTransmitFraction), {
                    packetClass(.read, payload: ops.networkPacketBytes, weight: ops.networkPackets * (1 - ops.networkTransmitFraction), batch: appBatch) }),
                (ops.networkPackets * ops.networkTransmitFraction, {
                    packetClass(.write, payload: ops.networkPacketBytes, weight: ops.networkPackets * ops.networkTransmitFraction, batch: appBatch) }),
            ]
            for (w, make) in candidates where w > 0 { b.add(make()) }
            b.unit = "work-s/s"
        }
        return b
    }
}
