import CBLAS
import Foundation
import PerfTensor

// perf-bench: the tensor engine's throughput against raw OpenBLAS sgemm in the same run,
// at the layer shapes of the built-in model and of Stable Diffusion 1.5, plus forward and
// backward of a UNet res + attention block. Prints Markdown tables (see BENCHMARKS.md):
//
//   swift run -c release perf-bench [--quick] [--threads N] [--only builtin|sd] [--filter TEXT] [--clock wall|cpu] [--system-allocator]

/// Writes one line to standard output at once (unbuffered, so a long run shows progress).
func emit(_ line: String = "") {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

guard let options = BenchOptions(Array(CommandLine.arguments.dropFirst())) else {
    emit(BenchOptions.usage)
    exit(CommandLine.arguments.contains("--help") ? 0 : 64)
}
PerfTensor.configureThreads(options.threads)
let reusesMemory = !options.systemAllocator && PerfTensor.configureAllocator()
let stopwatch = Stopwatch(clock: options.clock)

let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
    .first { $0.hasPrefix("model name") }?.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
emit("perf-bench: \(options.threads) threads (OpenBLAS and engine), \(ProcessInfo.processInfo.activeProcessorCount) processors (\(cpu)), "
     + "\(openblas_get_config().map { String(cString: $0) } ?? "OpenBLAS"), load average \(load) at start, "
     + "\(options.quick ? "quick" : "full") run, \(options.clock == .wall ? "wall-clock" : "process CPU") time, "
     + "\(reusesMemory ? "freed memory reused (PerfTensor.configureAllocator)" : "system allocator settings").")
emit("Each time is the fastest of up to \(options.rounds) runs; each op runs alternately with its raw sgemm baseline.")

emit("\n### Kernels\n")
emit("| model | op | input shape | ms | GFLOP/s | raw sgemm GFLOP/s | fraction of sgemm | GB/s |")
emit("|---|---|---|---:|---:|---:|---:|---:|")
for kernel in Catalog.kernels where options.includes(kernel: kernel) {
    let result = kernel.measure(stopwatch, rounds: options.rounds, budget: options.budget)
    let row = "| \(kernel.model) | \(kernel.name) | \(kernel.shape) | \(format(result.seconds * 1000, 2)) |"
    if kernel.flops > 0, let base = result.baselineSeconds {
        emit(row + " \(format(kernel.flops / result.seconds / 1e9)) | \(format(kernel.flops / base / 1e9)) | "
             + "\(format(100 * base / result.seconds, 0))% | |")
    } else {
        emit(row + " | | | \(format(kernel.bytes / result.seconds / 1e9)) |")
    }
}

let blocks = Catalog.blocks.filter { options.includesBlocks(model: $0.model) }
if !blocks.isEmpty {
    emit("\n### UNet res + attention block (ResnetBlock2D, then Transformer2DModel with one BasicTransformerBlock)\n")
    emit("| model | input | mode | ms | model GFLOP/s | saved for backward MB | peak RSS rise MB |")
    emit("|---|---|---|---:|---:|---:|---:|")
}
for block in blocks {
    for result in block.run(stopwatch, rounds: options.quick ? 2 : 3, budget: options.budget) {
        emit("| \(block.model) | \(block.batch)×\(block.channels)×\(block.size)×\(block.size), text \(block.textTokens)×\(block.textWidth) | "
             + "\(result.mode.rawValue) | \(format(result.seconds * 1000)) | \(format(result.flops / result.seconds / 1e9)) | "
             + "\(format(Double(result.savedBytes) / 1_048_576)) | \(format(Double(result.peakBytes) / 1_048_576)) |")
    }
}
