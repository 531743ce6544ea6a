import PerfDiagnostics
import PerfManifest
import PerfResolver
import Testing

/// A failed resolution explains itself in numbered sentences that name the packages and
/// versions involved, and says what to do.
@Suite struct ErrorReportTests {
    @Test func twoConceptsNeedingIncompatibleVersionsOfAShapeLibrary() throws {
        let error = try #require(Scenario("""
            root -> alice/teddy ^1, bob/mug ^2
            alice/teddy 1.0.0 -> perf/shapes ^1; alice/teddy 1.1.0 -> perf/shapes ^1
            bob/mug 2.0.0 -> perf/shapes ^2
            perf/shapes 1.0.0; perf/shapes 2.0.0
            """).resolve().failure as? ResolutionError)
        #expect(error.explanation == [
            "1. Because every version of bob/mug depends on perf/shapes ^2 and every version of alice/teddy depends on "
                + "perf/shapes ^1, bob/mug and alice/teddy cannot be used together.",
            "2. So, because the composition depends on both alice/teddy ^1 and bob/mug ^2, the composition cannot be resolved.",
        ])
        #expect(error.exitStatus == .failure)
        #expect(error.description.hasPrefix("no versions satisfy the composition's requirements:\n  1. Because"))
        #expect(error.description.hasSuffix("Change the requirements named above in perf.json (or ask the publishers for versions that fit together), then resolve again."))
    }

    @Test func namesTheVersionsThatCannotBeChosenAndWhy() throws {
        let error = try #require(Scenario("""
            root -> teddy ^1
            teddy 1.0.0 -> shapes =1.0.0; teddy 1.1.0 -> shapes =1.1.0; teddy 1.2.0 -> shapes ^2
            shapes 1.0.0 untrusted; shapes 1.1.0 yanked; shapes 2.0.0 -> ghost ^1
            """).resolve().failure as? ResolutionError)
        #expect(error.explanation == [
            "1. Because test/teddy <1.1.0 depends on test/shapes =1.0.0 and test/shapes 1.0.0 may not be chosen: it is signed "
                + "by a key perf does not trust, test/teddy <1.1.0 cannot be used.",
            "2. And because test/teddy 1.1.x depends on test/shapes =1.1.0 and test/shapes 1.1.0 may not be chosen: it is "
                + "yanked, withdrawn by its publisher, test/teddy <1.2.0 cannot be used.",
            "3. And because test/teddy >=1.2.0 depends on test/shapes ^2, which depends on test/ghost ^1, every version of "
                + "test/teddy requires test/ghost 1.x.",
            "4. So, because no version of test/ghost matching 1.x is published and the composition depends on test/teddy ^1, "
                + "the composition cannot be resolved.",
        ])
    }

    @Test func theCompositionsOwnBaseAgainstAConcepts() throws {
        let error = try #require(Scenario("""
            root -> teddy ^1; root base tiny ^2
            teddy 1.0.0 base tiny ^1 #aa
            tiny 1.0.0 weights #aa; tiny 2.0.0 weights #aa
            """).resolve().failure as? ResolutionError)
        #expect(error.explanation == [
            "1. Because the composition depends on test/teddy ^1, which needs the base model test/tiny ^1, test/tiny 1.x is required.",
            "2. So, because the composition needs the base model test/tiny ^2, the composition cannot be resolved.",
        ])
    }

    @Test func aLongChainIsExplainedWithoutRepeatingItself() throws {
        // p0 -> p1 -> ... -> p30 -> p0 ^2, but only p0 1.0.0 exists.
        var text = "root -> p0 ^1; p0 1.0.0 -> p1 ^1"
        for index in 1..<30 { text += "; p\(index) 1.0.0 -> p\(index + 1) ^1" }
        text += "; p30 1.0.0 -> p0 ^2"
        let error = try #require(Scenario(text).resolve().failure as? ResolutionError)
        let all = error.explanation.joined(separator: "\n")
        for index in 0...30 { #expect(all.contains("test/p\(index) "), "p\(index) missing from\n\(all)") }
        #expect(error.explanation.count < 40)
        #expect(error.explanation.last?.hasSuffix("the composition cannot be resolved.") == true)
    }
}

extension ErrorReportTests {
    /// A derivation a thousand steps deep is explained on a test thread's small stack.
    @Test func aThousandStepDerivation() throws {
        var catalog = PackageCatalog()
        let names = (0..<1000).map { Scenario.name("c\($0)") }
        for (index, name) in names.enumerated() {
            for major in 1...2 as ClosedRange<UInt64> {
                let next = index + 1 < names.count ? [names[index + 1]: VersionRequirement("^\(major)")!] : [:]
                catalog.add(name, CandidateVersion(SemanticVersion(major, 0, 0), dependencies: next))
            }
        }
        let composition = CompositionRequirements(concepts: [names[0]: VersionRequirement("^2")!, names[999]: VersionRequirement("^1")!])
        let error = try #require(#expect(throws: ResolutionError.self) { try Resolver(provider: catalog).resolve(composition) })
        #expect(error.explanation.count > 400)
        #expect(error.explanation.last?.hasSuffix("the composition cannot be resolved.") == true)
    }
}
