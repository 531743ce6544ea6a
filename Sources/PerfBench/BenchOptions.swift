import Foundation

/// The command line of `perf-bench`.
struct BenchOptions {
    static let usage = """
        usage: perf-bench [--quick] [--threads N] [--only builtin|sd] [--filter TEXT] [--clock wall|cpu] [--system-allocator]
          --quick          fewer runs per case (a smoke test, not numbers to quote)
          --threads N      threads for OpenBLAS and the engine (default: all processors)
          --only MODEL     only the built-in model's shapes, or only Stable Diffusion 1.5's
          --filter TEXT    only the kernels whose name contains TEXT ("block": only the blocks)
          --clock cpu      time by process CPU time (with --threads 1: robust on a busy machine)
          --system-allocator  leave malloc as it is (default: PerfTensor.configureAllocator())
        """

    var quick = false
    var threads = ProcessInfo.processInfo.activeProcessorCount
    var only: String?
    var filter: String?
    var clock = Stopwatch.Clock.wall
    var systemAllocator = false

    /// Parses `arguments`; nil (after printing the usage) for --help or anything unknown.
    init?(_ arguments: [String]) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--quick": quick = true
            case "--system-allocator": systemAllocator = true
            case "--threads": guard let value = rest.popFirst().flatMap(Int.init), value > 0 else { return nil }; threads = value
            case "--only": guard let value = rest.popFirst(), ["builtin", "sd"].contains(value) else { return nil }; only = value
            case "--filter": guard let value = rest.popFirst() else { return nil }; filter = value
            case "--clock": guard let value = rest.popFirst().flatMap(Stopwatch.Clock.init(rawValue:)) else { return nil }; clock = value
            default: return nil
            }
        }
    }

    /// Runs per case, and the seconds after which a case stops early (after 3 runs).
    var rounds: Int { quick ? 3 : 7 }
    var budget: Double { quick ? 1.0 : 4.0 }

    func includes(model: String) -> Bool { only == nil || (only == "sd") == (model == Catalog.sd) }

    func includes(kernel: KernelCase) -> Bool {
        includes(model: kernel.model) && (filter.map { kernel.name.contains($0) } ?? true)
    }

    func includesBlocks(model: String) -> Bool { includes(model: model) && (filter == nil || filter == "block") }
}
