/// "none": never reports an overload (static placement, no consolidation from overloads).
public struct NoOverloadDetector: OverloadDetector {
    public static let registryName = "none"
    public var name: String { Self.registryName }
    public var parameter: Double { 0 }
    public var needsHistory: Bool { false }
    public init() {}

    public func evaluate(_ input: OverloadInput) -> OverloadVerdict {
        OverloadVerdict(overloaded: false, detector: name, usedFallback: false, compared: input.requestedUtilization,
                        limit: .infinity, statistic: nil, statisticName: "", historyLength: 0)
    }
}
