import Foundation
import PerfManifest
import PerfResolver

// The resolver benchmark (not a test): PubGrub against naive chronological backtracking on
// synthetic graphs. Run in release: `swift run -c release perf-resolver-bench`.

/// Counts the solver's decisions and conflicts through its delegate.
final class SolverCounters: ResolverDelegate {
    var decisions = 0
    var conflicts = 0

    func resolverDidDecide(_ package: PackageNode, version: SemanticVersion) { decisions += 1 }
    func resolverDidFindConflict(_ incompatibility: Incompatibility) { conflicts += 1 }
}

/// True when `resolution` gives every root requirement and every chosen version's
/// dependencies a matching version: the benchmark checks what it times.
func isValid(_ resolution: Resolution, for benchmark: BenchmarkCase) -> Bool {
    let chosen = resolution.packages
    let rootMet = benchmark.composition.concepts.allSatisfy { chosen[$0.key].map($0.value.matches) ?? false }
    return rootMet && chosen.allSatisfy { name, version in
        guard let candidate = benchmark.catalog.versions(of: name).first(where: { $0.version == version }) else { return false }
        return candidate.dependencies.allSatisfy { chosen[$0.key].map($0.value.matches) ?? false }
    }
}

/// The CPU time this process has used, in milliseconds. Both solvers run on one thread,
/// so CPU time measures them fairly on a machine shared with other work.
func processMilliseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1e3 + Double(time.tv_nsec) / 1e6
}

/// The fastest of `runs` timings of `body`, in CPU milliseconds.
func bestTime(runs: Int, _ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<runs {
        let start = processMilliseconds()
        body()
        best = min(best, processMilliseconds() - start)
    }
    return best
}

func format(_ milliseconds: Double) -> String {
    String(format: milliseconds < 10 ? "%.2f" : "%.0f", milliseconds)
}

let quick = CommandLine.arguments.contains("--quick")
let skipNaive = CommandLine.arguments.contains("--pubgrub-only")
let naiveStepLimit = quick ? 100_000 : 1_000_000
let only = CommandLine.arguments.firstIndex(of: "--case").map { CommandLine.arguments[$0 + 1] }
let allCases = [
    SyntheticGraphs.random(count: 30, caretShare: 0.1, seed: 6),
    SyntheticGraphs.random(count: 50, caretShare: 0.1, seed: 7),
    SyntheticGraphs.random(count: 100, caretShare: 0.1, seed: 4),
    SyntheticGraphs.random(count: 1000, caretShare: 0.1, seed: 1),
    SyntheticGraphs.random(count: 1000, caretShare: 0.3, seed: 2),
    SyntheticGraphs.random(count: 1000, caretShare: 0.5, seed: 3),
    SyntheticGraphs.chain(depth: 1000),
    SyntheticGraphs.chain(depth: 1000, bottom: "^1"),
    SyntheticGraphs.chain(depth: 1000, top: "^4", bottom: "^1"),
    SyntheticGraphs.hiddenConflict(width: 4, versions: 10),
    SyntheticGraphs.hiddenConflict(width: 8, versions: 20),
]
let cases = allCases.filter { only == nil || $0.name.contains(only!) }

print("| case | outcome | PubGrub CPU ms | decisions | conflicts | naive CPU ms | naive trials | naive ÷ PubGrub |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for benchmark in cases {
    let counters = SolverCounters()
    var outcome = ""
    let pubgrub = bestTime(runs: quick ? 1 : 3) {
        counters.decisions = 0
        counters.conflicts = 0
        do {
            let resolution = try Resolver(provider: benchmark.catalog, delegate: counters).resolve(benchmark.composition)
            outcome = "solved, \(resolution.packages.count) packages" + (isValid(resolution, for: benchmark) ? "" : " (INVALID)")
        } catch let error as ResolutionError {
            outcome = "no solution (\(error.explanation.count)-line explanation)"
        } catch {
            outcome = "error: \(error)"
        }
    }
    var naive = NaiveSolver.Outcome(solution: nil, steps: 0, gaveUp: false)
    let naiveTime = skipNaive ? 0 : bestTime(runs: 1) {
        naive = NaiveSolver(catalog: benchmark.catalog, stepLimit: naiveStepLimit).solve(benchmark.composition)
    }
    let naiveText = skipNaive ? "–" : (naive.gaveUp ? "> " : "") + format(naiveTime)
    let trials = skipNaive ? "–" : "\(naive.steps)\(naive.gaveUp ? " (gave up)" : "")"
    let ratio = skipNaive ? "–" : (naive.gaveUp ? "> " : "") + String(format: "%.1f", naiveTime / pubgrub)
    // Both must agree on whether a solution exists, whenever the naive search finished.
    let agreement = skipNaive || naive.gaveUp || (naive.solution != nil) == outcome.hasPrefix("solved") ? "" : " (NAIVE DISAGREES)"
    print("| \(benchmark.name) | \(outcome)\(agreement) | \(format(pubgrub)) | \(counters.decisions) | \(counters.conflicts) "
          + "| \(naiveText) | \(trials) | \(ratio) |")
}
print("")
for benchmark in cases { print("- \(benchmark.name): \(benchmark.summary)") }
