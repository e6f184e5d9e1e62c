import VirtModel

/// A Linux kernel version as `major.minor` (the part container images and runtimes state their
/// requirements in). Ordered numerically: 5.4 < 5.10 < 6.1.
public struct KernelVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// `"5.15"`; nil unless two dot-separated runs of at most 4 ASCII digits.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let a = Int(parts[0]), let b = Int(parts[1]) else { return nil }
        major = a
        minor = b
    }

    public static func < (a: KernelVersion, b: KernelVersion) -> Bool { (a.major, a.minor) < (b.major, b.minor) }
    public var description: String { "\(major).\(minor)" }
}

/// Kernel-version compatibility, the placement constraint of guests that share their host's kernel
/// (containers, native workloads): a container runs the host's kernel, so its image's system calls,
/// cgroup and namespace features must be there (a runtime needing cgroup v2 needs a kernel that has
/// it). A VM, or a container in a VM, brings its own kernel and is never constrained. The range is
/// inclusive at both ends; either end may be open.
public struct KernelRequirement: Sendable, Hashable {
    public var minimum: KernelVersion?
    public var maximum: KernelVersion?

    public init(minimum: KernelVersion?, maximum: KernelVersion?) {
        self.minimum = minimum
        self.maximum = maximum
    }

    /// Whether a host running `kernel` may take the guest. A host whose kernel is not stated
    /// takes no constrained guest. O(1).
    public func accepts(_ kernel: KernelVersion?) -> Bool {
        guard let kernel else { return false }
        if let minimum, kernel < minimum { return false }
        if let maximum, maximum < kernel { return false }
        return true
    }

    /// Whether guests of `kind` run on the host's kernel (and so can be constrained). O(1).
    public static func applies(to kind: GuestKind) -> Bool { BlastRadius.innermost(kind) == .hostKernel }
}
