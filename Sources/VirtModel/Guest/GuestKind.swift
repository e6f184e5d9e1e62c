/// How a guest is virtualized: the architecture whose mechanisms set its costs.
public enum GuestKind: String, CaseIterable, Sendable, Hashable, Codable {
    /// No virtualization layer: the workload runs on the host OS (the baseline).
    case native
    /// Full virtualization: unmodified guest OS; privileged operations and device accesses trap
    /// to the hypervisor (hardware-assisted exits or binary translation), devices are emulated.
    case full
    /// Para-virtualization: a modified guest calls the hypervisor with hypercalls and does I/O
    /// through shared rings with batched notifications (Xen PV, virtio).
    case para
    /// OS-level virtualization: processes in namespaces and cgroups on the shared host kernel.
    case container
    /// A container inside a (hardware-assisted, para-virtual I/O) VM: both layers' costs.
    case containerInVM = "container-in-vm"

    /// Kinds that scenario files may name, in reporting order.
    public static let scenarioNames: [String] = allCases.map(\.rawValue)
}
