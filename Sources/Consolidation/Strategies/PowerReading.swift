import Scheduling

/// How host power is read from the SPECpower tables (switch `cloudSimPowerFormula`; §3.9):
/// CloudSim's `PowerModelSpecPower` formula with its clamp of utilizations in (1, 1.01) to 1, or
/// VirtSim's interpolation without the clamp. The engine's `PowerArithmetic` is generic over the
/// formula's type, so a preset's power reads (placement scores, energy, under-load utilizations)
/// carry no switch test.
protocol PowerReading {
    associatedtype Power: PowerFormula
    var powerFormula: Power { get }
}

extension CloudSimStrategies { var powerFormula: CloudSimPowerFormula { CloudSimPowerFormula() } }
extension VirtSimStrategies { var powerFormula: InterpolatedPowerFormula { InterpolatedPowerFormula() } }
extension ConfiguredStrategies { var powerFormula: SwitchedPowerFormula { SwitchedPowerFormula(cloudSim: semantics.cloudSimPowerFormula) } }

/// `ConfiguredStrategies`' formula: the switch read where it applies, like its other switches.
struct SwitchedPowerFormula: PowerFormula {
    let cloudSim: Bool

    @inline(__always)
    func watts(_ w: UnsafeBufferPointer<Double>, utilization u: Double) -> Double {
        cloudSim ? CloudSimPowerFormula().watts(w, utilization: u) : InterpolatedPowerFormula().watts(w, utilization: u)
    }

    @inline(__always)
    func watts4(_ tables: UnsafePointer<Double>, offsets: SIMD4<Int64>, utilization u: SIMD4<Double>) -> SIMD4<Double> {
        cloudSim ? CloudSimPowerFormula().watts4(tables, offsets: offsets, utilization: u)
                 : InterpolatedPowerFormula().watts4(tables, offsets: offsets, utilization: u)
    }

    var clampsJustAboveOne: Bool { cloudSim }
}
