import PerfManifest
import PerfResolver
import Testing

/// The worked examples of Dart pub's `doc/solver.md`, with our own package names: each
/// checks the solution (or the explanation of the failure) the algorithm must reach.
@Suite struct SolverExampleTests {
    @Test func noConflicts() {
        let scenario = Scenario("""
            root -> lamp ^1.0.0
            lamp 1.0.0 -> bulb ^1.0.0
            bulb 1.0.0; bulb 2.0.0
            """)
        #expect(scenario.outcome() == "bulb 1.0.0, lamp 1.0.0")
    }

    @Test func avoidingConflictDuringDecisionMaking() throws {
        let scenario = Scenario("""
            root -> lamp ^1.0.0, bulb ^1.0.0
            lamp 1.1.0 -> bulb ^2.0.0
            lamp 1.0.0
            bulb 1.0.0; bulb 1.1.0; bulb 2.0.0
            """)
        let trace = Trace()
        #expect(try scenario.resolve(delegate: trace).map(Scenario.summary).get() == "bulb 1.1.0, lamp 1.0.0")
        // lamp 1.1.0 is never selected: its dependency contradicts bulb ^1.0.0 before the decision.
        #expect(!trace.decisions.contains("test/lamp 1.1.0"))
        #expect(trace.conflicts == 0)
    }

    @Test func performingConflictResolution() throws {
        let scenario = Scenario("""
            root -> lamp >=1.0.0
            lamp 2.0.0 -> bulb ^1.0.0
            lamp 1.0.0
            bulb 1.0.0 -> lamp ^1.0.0
            """)
        let trace = Trace()
        #expect(try scenario.resolve(delegate: trace).map(Scenario.summary).get() == "lamp 1.0.0")
        #expect(trace.conflicts == 1)
        // Learned: lamp 2.0.0 can never be chosen, whatever else is.
        #expect(trace.learned.contains("{test/lamp >=2.0.0}"))
    }

    @Test func conflictResolutionWithAPartialSatisfier() throws {
        let scenario = Scenario("""
            root -> foo ^1.0.0, target ^2.0.0
            foo 1.1.0 -> left ^1.0.0, right ^1.0.0
            foo 1.0.0
            left 1.0.0 -> shared >=1.0.0
            right 1.0.0 -> shared <2.0.0
            shared 2.0.0
            shared 1.0.0 -> target ^1.0.0
            target 2.0.0; target 1.0.0
            """)
        let trace = Trace()
        #expect(try scenario.resolve(delegate: trace).map(Scenario.summary).get() == "foo 1.0.0, target 2.0.0")
        // foo 1.1.0 is tried first; the conflict through left, right and shared rules it out
        // (our decision order finds it from target's derivation, before target is decided).
        #expect(trace.decisions.firstIndex(of: "test/foo 1.1.0") ?? .max < trace.decisions.firstIndex(of: "test/foo 1.0.0") ?? -1)
        #expect(trace.conflicts == 1)
        #expect(trace.derivations.contains("not test/foo >=1.1.0"))
    }

    @Test func linearErrorReporting() throws {
        let scenario = Scenario("""
            root -> foo ^1.0.0, baz ^1.0.0
            foo 1.0.0 -> bar ^2.0.0
            bar 2.0.0 -> baz ^3.0.0
            baz 1.0.0; baz 3.0.0
            """)
        let error = try #require(scenario.resolve().failure as? ResolutionError)
        #expect(error.explanation == [
            "1. Because every version of test/foo depends on test/bar ^2.0.0, which depends on test/baz ^3.0.0, every version of test/foo requires test/baz 3.x.",
            "2. So, because the composition depends on both test/baz ^1.0.0 and test/foo ^1.0.0, the composition cannot be resolved.",
        ])
    }

    @Test func branchingErrorReporting() throws {
        let scenario = Scenario("""
            root -> foo ^1.0.0
            foo 1.0.0 -> a ^1.0.0, b ^1.0.0
            foo 1.1.0 -> x ^1.0.0, y ^1.0.0
            a 1.0.0 -> b ^2.0.0
            b 1.0.0; b 2.0.0
            x 1.0.0 -> y ^2.0.0
            y 1.0.0; y 2.0.0
            """)
        let error = try #require(scenario.resolve().failure as? ResolutionError)
        #expect(error.explanation == [
            "1. Because test/foo <1.1.0 depends on test/a ^1.0.0, which depends on test/b ^2.0.0, test/foo <1.1.0 requires test/b 2.x.",
            "2. And because test/foo <1.1.0 depends on test/b ^1.0.0, test/foo <1.1.0 cannot be used.",
            "",
            "3. Because test/foo >=1.1.0 depends on test/x ^1.0.0, which depends on test/y ^2.0.0, test/foo >=1.1.0 requires test/y 2.x.",
            "4. And because test/foo >=1.1.0 depends on test/y ^1.0.0, test/foo >=1.1.0 cannot be used.",
            "5. And because test/foo <1.1.0 cannot be used (2), every version of test/foo cannot be used.",
            "6. So, because the composition depends on test/foo ^1.0.0, the composition cannot be resolved.",
        ])
    }
}

/// Records what the solver did, through its delegate.
final class Trace: ResolverDelegate {
    var decisions: [String] = []
    var derivations: [String] = []
    var learned: [String] = []
    var conflicts = 0

    func resolverDidDecide(_ package: PackageNode, version: SemanticVersion) {
        decisions.append("\(package) \(version)")
    }

    func resolverDidDerive(_ term: Term, cause: Incompatibility) {
        derivations.append(term.description)
    }

    func resolverDidFindConflict(_ incompatibility: Incompatibility) {
        conflicts += 1
    }

    func resolverDidBacktrack(learning incompatibility: Incompatibility, toLevel level: Int) {
        learned.append(incompatibility.description)
    }
}

extension Result {
    /// The error, when this is a failure.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
