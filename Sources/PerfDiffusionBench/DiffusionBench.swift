import Foundation
import PerfDiffusion
import PerfSafeTensors
import PerfTensor
#if canImport(Glibc)
import Glibc
#endif

/// `perf-diffusion-bench DIR [--threads N] [--repeats N] [--batch N]`: seconds per UNet step and peak
/// memory on the Stable Diffusion 1.5-shaped UNet that `scripts/bench_unet_torch.py make DIR`
/// wrote, for batch 1 (no guidance) and batch 2 (one guided step), plus the relative error
/// against PyTorch's output on the same weights and inputs. One JSON line per batch, as the
/// PyTorch side prints them (BENCHMARKS.md, "Diffusion runtime").
@main
struct DiffusionBench {
    static func main() {
        do {
            try run()
        } catch {
            FileHandle.standardError.write(Data("perf-diffusion-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let threads = Int(option("--threads", in: &arguments) ?? "2") ?? 2
        let repeats = Int(option("--repeats", in: &arguments) ?? "3") ?? 3
        let batches = option("--batch", in: &arguments).flatMap(Int.init).map { [$0] } ?? [1, 2]
        guard arguments.count == 1 else {
            FileHandle.standardError.write(Data("usage: perf-diffusion-bench DIR [--threads N] [--repeats N] [--batch 1|2]\n".utf8))
            exit(64)
        }
        let folder = URL(fileURLWithPath: arguments[0])
        PerfTensor.configureThreads(threads)
        PerfTensor.configureAllocator()
        let loadStart = Date()
        let unet = try UNet(componentFolder: folder.appendingPathComponent("unet"))
        let loadSeconds = Date().timeIntervalSince(loadStart)
        let inputs = try SafeTensorsFile.read(from: folder.appendingPathComponent("inputs.safetensors")).tensors
        func tensor(_ name: String) throws -> Tensor {
            guard let stored = inputs[name] else { throw InputMissing(name: name) }
            return Tensor(shape: stored.shape, scalars: try stored.floats())
        }
        let sample = try tensor("sample"), context = try tensor("encoder_hidden_states")
        let expected = try tensor("noise_pred"), timestep = try tensor("timestep").scalars[0]
        for batch in batches {
            let x = sample.slice(axis: 0, 0 ..< batch), c = context.slice(axis: 0, 0 ..< batch)
            let warm = try unet(x, timesteps: [timestep], context: c)
            var times: [Double] = []
            for _ in 0..<repeats {
                let start = Date()
                _ = try unet(x, timesteps: [timestep], context: c)
                times.append(Date().timeIntervalSince(start))
            }
            let error = relativeError(warm, expected.slice(axis: 0, 0 ..< batch))
            let line: [String: Any] = [
                "engine": "perf", "batch": batch, "threads": threads, "seconds": times.sorted()[times.count / 2],
                "runs": times, "peak_mib": peakMiB(), "load_seconds": loadSeconds,
                "relative_error_vs_pytorch": Double(error),
            ]
            let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        }
    }

    /// The value after `flag` in `arguments`, both removed.
    static func option(_ flag: String, in arguments: inout [String]) -> String? {
        guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
        let value = arguments[index + 1]
        arguments.removeSubrange(index ... index + 1)
        return value
    }

    /// The process's peak resident memory in MiB (ru_maxrss).
    static func peakMiB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }

    /// max |a − e| / max |e|.
    static func relativeError(_ actual: Tensor, _ expected: Tensor) -> Float {
        var error: Float = 0, scale: Float = 0
        for (a, e) in zip(actual.scalars, expected.scalars) {
            error = max(error, abs(a - e))
            scale = max(scale, abs(e))
        }
        return error / max(scale, .leastNormalMagnitude)
    }
}

/// The inputs file lacks a tensor the benchmark needs.
struct InputMissing: Error, CustomStringConvertible {
    let name: String
    var description: String { "inputs.safetensors has no tensor \(name); run scripts/bench_unet_torch.py make DIR again" }
}
