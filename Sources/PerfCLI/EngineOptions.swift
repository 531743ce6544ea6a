import ArgumentParser
import PerfTensor

/// `--threads` for the commands that run the engine (`generate`, `train`, `base train`), and the
/// engine set-up they all need before their first tensor.
struct EngineOptions: ParsableArguments {
    @Option(help: "Engine threads (default: every core).")
    var threads: Int?

    /// Applies the thread count and turns on the engine's buffer reuse.
    func configure() {
        if let threads { PerfTensor.configureThreads(threads) }
        PerfTensor.configureAllocator()
    }
}
