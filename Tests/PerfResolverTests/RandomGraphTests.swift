import PerfManifest
import PerfResolver
import PerfTestSupport
import Testing

/// On small random problems the resolver agrees with exhaustive search: whatever it returns
/// meets every rule and holds nothing unneeded, and whenever it fails, no selection at all
/// meets the rules.
@Suite struct RandomGraphTests {
    @Test func agreesWithExhaustiveSearch() throws {
        var random = SeededRandomNumberGenerator(seed: 2024)
        var solved = 0, failed = 0
        for round in 0..<300 {
            let problem = RandomProblem(using: &random)
            let resolver = Resolver(provider: PackageCatalog(problem.catalog))
            do {
                let resolution = try resolver.resolve(problem.composition)
                var selection: [PackageName: CandidateVersion] = [:]
                for (name, version) in resolution.packages {
                    selection[name] = problem.catalog[name]?.first { $0.version == version }
                }
                #expect(selection.count == resolution.packages.count, "round \(round): unknown version chosen")
                #expect(problem.violations(selection).isEmpty, "round \(round): \(problem.violations(selection))")
                #expect(problem.unreachable(selection).isEmpty, "round \(round): extra \(problem.unreachable(selection))")
                if let base = resolution.base {
                    #expect(resolution.packages[base.name] == base.version && RandomProblem.bases.contains(base.name))
                }
                // The same problem gives the same answer (a lockfile must not flap).
                #expect(try resolver.resolve(problem.composition) == resolution)
                solved += 1
            } catch let error as ResolutionError {
                #expect(problem.bruteForceSolution() == nil, "round \(round): solver failed but a solution exists\n\(error)")
                #expect(error.explanation.last?.hasSuffix("the composition cannot be resolved.") == true, "\(error)")
                failed += 1
            }
        }
        // Both outcomes must be exercised for the comparison to mean anything.
        #expect(solved > 50 && failed > 50, "solved \(solved), failed \(failed)")
    }
}
