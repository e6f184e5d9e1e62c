/// A container: the host kernel's native path, plus cgroup accounting of each disk request and,
/// on a bridged network, per packet a veth crossing, bridge forwarding, connection tracking and
/// NAT (`ContainerNetworkCosts`). Host networking adds nothing per packet.
public struct ContainerPath: IOPathCosting {
    public enum Network: Sendable, Hashable {
        case bridgeNAT
        case hostNetwork
    }
    public var network: Network

    public init(network: Network) { self.network = network }

    public func cost(_ shape: IORequestShape, on p: HardwareProfile) -> IORequestCost {
        var c = IORequestCost()
        NativePath.addGuestDriver(shape, on: p, to: &c)
        addContainerLayer(shape, on: p, to: &c)
        return c
    }

    /// The container's own additions, also stacked on a VM's path for container-in-VM.
    public func addContainerLayer(_ shape: IORequestShape, on p: HardwareProfile, to c: inout IORequestCost) {
        switch shape.device {
        case .storage:
            c.add(p.containerBlockAccountingMicros.value, .containerAccounting, side: .guest, completion: false)
        case .network:
            if network == .bridgeNAT {
                // Each part once per packet, in the order a received packet meets them.
                let n = p.containerNetwork, rx = shape.direction == .read
                c.add(n.vethMicros.value, .veth, side: .guest, completion: rx)
                c.add(n.bridgeMicros.value, .bridge, side: .guest, completion: rx)
                c.add(n.conntrackMicros.value, .conntrack, side: .guest, completion: rx)
                c.add(n.natMicros.value, .nat, side: .guest, completion: rx)
            }
        }
    }
}
