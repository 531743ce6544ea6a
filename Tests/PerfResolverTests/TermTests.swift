import PerfManifest
@testable import PerfResolver
import Testing

/// Terms combine as the sets of selections they allow (solver.md, "Term"), for every mix of
/// positive and negative.
@Suite struct TermTests {
    let foo = PackageNode.package(Scenario.name("foo"))

    func term(_ requirement: String, _ positive: Bool = true) -> Term {
        Term(foo, VersionRequirement(requirement)!.versions, isPositive: positive)
    }

    @Test func satisfactionAndContradiction() {
        // solver.md's own examples.
        #expect(term(">=1.0.0").intersection(term("<2.0.0")).satisfies(term("^1.0.0")))
        #expect(term("^1.5.0").contradicts(term("^1.0.0", false)))
        #expect(!term("^1.0.0").satisfies(term("^1.5.0")) && !term("^1.0.0").contradicts(term("^1.5.0")))
        // A negative term allows "not selected", so it never satisfies a positive one.
        #expect(!term("^2", false).satisfies(term("^1")))
        #expect(term("^1", false).contradicts(term("1.2.*")))
        #expect(!term("^1", false).contradicts(term("^2", false)))
        #expect(term("*", false).satisfies(term("^1", false)))
    }

    @Test func setOperations() {
        #expect(term("^1").union(term("^2")) == term(">=1.0.0, <3.0.0"))
        #expect(term(">=1.0.0").intersection(term(">=2.0.0", false)) == term("^1.0.0"))
        #expect(term("^1.0.0").difference(term("^1.5.0")) == term(">=1.0.0, <1.5.0"))
        #expect(term("^1", false).intersection(term("^2", false)) == term("^1 || ^2", false))
        #expect(term("^1", false).intersection(term("*")) == term(">=2.0.0 || <1.0.0"))
        #expect(term("^1").intersection(term("^2")).isImpossible)
        #expect(term(">=1, <1", false).isTautology)
        #expect(term("^1", false).inverse == term("^1"))
    }

    @Test func descriptions() {
        #expect(term("^1.2", false).description == "not test/foo ^1.2.0")
        #expect(Term(.root, .any).description == "the composition *")
        #expect(PackageNode.baseWeights(Scenario.name("tiny"), Scenario.digest("#ab")).description
            == "test/tiny with weights sha256:" + String(repeating: "ab", count: 32))
    }
}

extension Term {
    /// The selections either term allows, for tests.
    func union(_ other: Term) -> Term { intersection(other.inverse).inverse.intersection(other.inverse).inverse }
}
