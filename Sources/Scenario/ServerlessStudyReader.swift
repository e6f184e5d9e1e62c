import Continuity
import VirtModel

/// A serverless study (`"study": "serverless"`): a platform of worker hosts, functions with their
/// invocation streams, and the sandbox kinds to compare (each sees the same invocations):
///
/// ```json
/// "serverless": {"hosts": 8, "hostMemoryMB": 65536, "hostDiskMBps": 500, "imageLinkMbps": 10000,
///                "horizonHours": 6, "keepAliveMinutes": 10,
///                "functions": [{"name": "api", "count": 40,
///                               "arrival": {"type": "poisson", "ratePerMinute": 0.5},
///                               "executionMs": 100, "memoryMB": 256, "imageMB": 60, "initMs": 250}],
///                "kinds": [{"name": "container", "kind": "container"}, {"kind": "micro-vm"},
///                          {"kind": "full", "startSeconds": 30}],
///                "keepAliveCurveMinutes": [0, 1, 5, 10, 30],
///                "storm": {"function": "api", "sizes": [1, 8, 32, 128]}}
/// ```
///
/// A kind takes its start-up profile from `StartupCatalogue` and overrides any of `baseImageMB`,
/// `bootReadMB`, `startSeconds`, `memoryOverheadMB`. Arrivals: `poisson` (`ratePerMinute`) or
/// `bursty` (`ratePerMinute` long-run mean, `onSeconds`, `offSeconds`).
public enum ServerlessStudyReader {
    typealias K = ScenarioKeys

    public struct Spec: Sendable {
        public var config: ServerlessConfig
        public var kinds: [SandboxVariant]
        public var keepAliveCurveSeconds: [Double]
        /// The application started in the boot storms and the storm sizes.
        public var storm: Storm?
    }

    public struct Storm: Sendable {
        public var function: FunctionSpec
        public var sizes: [Int]
    }

    static let arrivalTypes = ["poisson", "bursty"]

    /// Every problem of the section, with JSON paths.
    public static func problems(_ study: ServerlessStudy) -> [Diagnostic] {
        let log = DiagnosticLog()
        _ = read(study, log: log)
        return log.items
    }

    /// The spec, or nil when there were problems (logged), including a platform that could never
    /// hold a function's sandbox.
    public static func read(_ study: ServerlessStudy, log: DiagnosticLog) -> Spec? {
        guard var r = ObjectReader(study.raw, path: study.path, log: log) else { return nil }
        let before = log.items.count
        let profileName = r.string("hardwareProfile", oneOf: HardwareProfile.catalogueNames) ?? HardwareProfile.catalogueNames[0]
        let hosts = r.integer(K.slHosts, required: true)
        let memory = r.number(K.slHostMemoryMB, required: true)
        let disk = r.number(K.slHostDiskMBps, required: true)
        let link = r.number(K.slImageLinkMbps, required: true)
        let horizon = r.number(K.slHorizonHours, required: true)
        let keepAlive = r.number(K.slKeepAliveMinutes, required: true)
        let readFraction = r.number(K.slApplicationReadFraction) ?? StartupCatalogue.applicationReadFraction.value
        let cost = CostModel(profile: HardwareProfile.named(profileName) ?? HardwareProfile.catalogue[0])

        var functions: [FunctionSpec] = []
        var functionPaths: [String] = []
        var names: Set<String> = []
        var total = 0
        for (value, path) in r.array("functions", required: true, nonEmpty: true) ?? [] {
            guard var f = ObjectReader(value, path: path, log: log) else { continue }
            let name = f.string("name", required: true)
            let count = f.integer(K.slFunctionCount) ?? 1
            let execution = f.number(K.slExecutionMs, required: true)
            let mem = f.number(K.slFunctionMemoryMB, required: true)
            let image = f.number(K.slFunctionImageMB, required: true)
            let initMs = f.number(K.slInitMs) ?? 0
            _ = f.string("source")
            var arrival: FunctionSpec.Arrival?
            if var a = f.object("arrival", required: true) {
                let type = a.string("type", required: true, oneOf: arrivalTypes)
                let rate = a.number(K.slRatePerMinute, required: true)
                switch type {
                case "poisson":
                    if let rate { arrival = .poisson(ratePerSecond: rate / 60) }
                case "bursty":
                    let on = a.number(K.slOnSeconds, required: true)
                    let off = a.number(K.slOffSeconds, required: true)
                    if let rate, let on, let off { arrival = .bursty(ratePerSecond: rate / 60, onSeconds: on, offSeconds: off) }
                default: break
                }
                a.finish()
            }
            f.finish()
            if let name, !names.insert(name).inserted { log.add(path + ".name", "duplicate function name \"\(name)\"") }
            total += count
            guard let name, let execution, let mem, let image, let arrival else { continue }
            functions.append(FunctionSpec(name: name, count: count, arrival: arrival, executionSeconds: execution / 1000,
                                          memoryMB: mem, imageMB: image, initSeconds: initMs / 1000))
            functionPaths.append(path)
        }
        if total > 100_000 { log.add(study.path + ".functions", "found \(total) functions in all; expected at most 100000") }
        if let horizon {
            let expected = functions.reduce(0.0) { $0 + $1.arrival.meanRatePerSecond * Double($1.count) } * horizon * 3600
            if expected > 5e7 {
                log.add(study.path + ".functions", "about \(formatBound(expected.rounded())) invocations over the horizon; expected at most 5e7 (shorten horizonHours or lower the rates)")
            }
        }

        var kinds: [SandboxVariant] = []
        var kindNames: Set<String> = []
        for (value, path) in r.array("kinds", required: true, nonEmpty: true) ?? [] {
            guard var k = ObjectReader(value, path: path, log: log) else { continue }
            let kindName = k.string("kind", required: true, oneOf: StartupKind.scenarioNames)
            let name = k.string("name") ?? kindName
            var profile = kindName.flatMap(StartupKind.init(rawValue:)).map { StartupCatalogue.profile($0, cost: cost) }
            let source = "scenario file"
            if let v = k.number(K.slBaseImageMB) { profile?.baseImageMB = Cited(v, source) }
            if let v = k.number(K.slBootReadMB) { profile?.bootReadMB = Cited(v, source) }
            if let v = k.number(K.slStartSeconds) { profile?.startSeconds = Cited(v, source) }
            if let v = k.number(K.slMemoryOverheadMB) { profile?.memoryOverheadMB = Cited(v, source) }
            _ = k.string("source")
            k.finish()
            if let name, !kindNames.insert(name).inserted { log.add(path + ".name", "duplicate kind name \"\(name)\"") }
            guard let name, let profile else { continue }
            kinds.append(SandboxVariant(name: name, profile: profile))
            // A sandbox bigger than a host would wait for ever: say so before running.
            if let memory {
                for (f, fpath) in zip(functions, functionPaths) where f.memoryMB + profile.memoryOverheadMB.value > memory {
                    log.add(fpath + ".memoryMB", "found \(formatBound(f.memoryMB)) MB + \(formatBound(profile.memoryOverheadMB.value)) MB of \(name) overhead; expected a sandbox that fits a host's hostMemoryMB (\(formatBound(memory)) MB)")
                }
            }
        }

        var curve: [Double] = []
        for (value, path) in r.array("keepAliveCurveMinutes") ?? [] {
            if let m = K.slKeepAliveCurve.check(value, path: path, log: log) { curve.append(m * 60) }
        }

        var storm: Storm?
        if var s = r.object("storm") {
            let fname = s.string("function", required: true)
            var sizes: [Int] = []
            for (value, path) in s.array("sizes", required: true, nonEmpty: true) ?? [] {
                if let x = K.slStormSizes.check(value, path: path, log: log) { sizes.append(Int(x)) }
            }
            s.finish()
            if let fname {
                if let f = functions.first(where: { $0.name == fname }) {
                    storm = Storm(function: f, sizes: sizes)
                } else if !functions.isEmpty {
                    log.add(study.path + ".storm.function", "found \"\(fname)\"; expected one of the functions: \(functions.map(\.name).joined(separator: ", "))")
                }
            }
        }
        r.finish()
        guard log.items.count == before, let hosts, let memory, let disk, let link, let horizon, let keepAlive else { return nil }
        let config = ServerlessConfig(hosts: hosts, hostMemoryMB: memory, hostDiskMBps: disk, imageLinkMBps: link / 8,
                                      horizonSeconds: horizon * 3600, keepAliveSeconds: keepAlive * 60,
                                      applicationReadFraction: readFraction, functions: functions)
        return Spec(config: config, kinds: kinds, keepAliveCurveSeconds: curve, storm: storm)
    }
}

