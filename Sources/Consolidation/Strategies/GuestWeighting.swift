/// What a guest weighs where CloudSim reads `vm.getMips()`, one core's MIPS (switch
/// `guestSizeIsOneCoreMips`, formerly part of `cloudSimPowerArithmetic`): the guest's weight in its
/// host's utilization history and the key that sorts guests by CPU (`PowerVmList.sortByCpuUtilization`).
/// Otherwise the guest's whole host-level size: every vCPU, with its virtualization overhead.
protocol GuestWeighting {
    var guestSizeIsOneCoreMips: Bool { get }
}

extension CloudSimStrategies { var guestSizeIsOneCoreMips: Bool { true } }
extension VirtSimStrategies { var guestSizeIsOneCoreMips: Bool { false } }
extension ConfiguredStrategies { var guestSizeIsOneCoreMips: Bool { semantics.guestSizeIsOneCoreMips } }
