import PerfManifest
import PerfResolver
import Testing

/// perf's rules on top of PubGrub: one base model per composition (same base version and
/// weights for every concept), yanked versions only when locked, untrusted never.
@Suite struct DomainRuleTests {
    @Test func conceptsOnTheSameBaseShareIt() throws {
        let scenario = Scenario("""
            root -> teddy ^1, mug ^2
            teddy 1.0.0 base tiny ^1 #aa
            mug 2.0.0 base tiny >=1.1 #aa
            tiny 1.0.0 weights #aa; tiny 1.1.0 weights #aa; tiny 2.0.0 weights #aa
            """)
        let resolution = try scenario.resolve().get()
        #expect(Scenario.summary(resolution) == "mug 2.0.0, teddy 1.0.0, tiny 1.1.0")
        #expect(resolution.base == .init(name: Scenario.name("tiny"), version: SemanticVersion(1, 1, 0), digest: Scenario.digest("#aa")))
        #expect(resolution.warnings.isEmpty)
    }

    @Test func conceptsOnDifferentBasesCannotBeComposed() throws {
        let scenario = Scenario("""
            root -> alice/teddy ^1, bob/mug ^2
            alice/teddy 1.0.0 base perf/tiny ^1 #aa
            bob/mug 2.0.0 base other/large ^1 #bb
            perf/tiny 1.0.0 weights #aa; other/large 1.0.0 weights #bb
            """)
        let message = try #require(scenario.resolve().failure as? ResolutionError).description
        #expect(message.contains("perf/tiny and other/large are both base models, and a composition uses exactly one"), "\(message)")
        #expect(message.contains("alice/teddy") && message.contains("bob/mug"), "\(message)")
    }

    @Test func conceptsTrainedOnDifferentWeightsOfOneBaseCannotBeComposed() throws {
        // Both accept perf/tiny 1.0.0, but mug was trained on other weights under that name.
        let scenario = Scenario("""
            root -> alice/teddy ^1, bob/mug ^2
            alice/teddy 1.0.0 base perf/tiny ^1 #aa
            bob/mug 2.0.0 base perf/tiny ^1 #bb
            perf/tiny 1.0.0
            """)
        let error = try #require(scenario.resolve().failure as? ResolutionError)
        let aa = "sha256:aaaaaaaaaaaaaaaa…", bb = "sha256:bbbbbbbbbbbbbbbb…"
        #expect(error.explanation == [
            "1. Because every version of alice/teddy was trained on perf/tiny's weights \(aa) and perf/tiny with weights \(aa) and "
                + "perf/tiny with weights \(bb) are different base weights, and a composition uses exactly one, "
                + "alice/teddy and perf/tiny with weights \(bb) cannot be used together.",
            "2. And because every version of bob/mug was trained on perf/tiny's weights \(bb), alice/teddy and bob/mug cannot be used together.",
            "3. So, because the composition depends on both alice/teddy ^1 and bob/mug ^2, the composition cannot be resolved.",
        ])
    }

    @Test func aConceptPicksTheBaseVersionWithItsWeights() throws {
        let scenario = Scenario("""
            root -> teddy ^1
            teddy 1.0.0 base tiny ^1 #bb
            tiny 1.0.0 weights #bb; tiny 1.1.0 weights #aa
            """)
        let resolution = try scenario.resolve().get()
        #expect(Scenario.summary(resolution) == "teddy 1.0.0, tiny 1.0.0")
        #expect(resolution.base?.digest == Scenario.digest("#bb"))
    }

    @Test func aNewerConceptOnOtherWeightsIsPassedOver() throws {
        let scenario = Scenario("""
            root -> teddy ^1, mug ^1
            teddy 1.0.0 base tiny ^1 #aa; teddy 1.1.0 base tiny ^1 #bb
            mug 1.0.0 base tiny ^1 #aa
            tiny 1.0.0 weights #aa
            """)
        #expect(scenario.outcome() == "mug 1.0.0, teddy 1.0.0, tiny 1.0.0")
    }

    @Test func theCompositionsBaseRequirementBinds() throws {
        let scenario = Scenario("""
            root -> teddy ^1; root base tiny ^2
            teddy 1.0.0 base tiny ^1 #aa
            tiny 1.0.0 weights #aa; tiny 2.0.0 weights #aa
            """)
        let message = scenario.outcome()
        #expect(message.contains("the composition needs the base model test/tiny ^2"), "\(message)")
        #expect(message.contains("test/teddy") && message.contains("test/tiny ^1"), "\(message)")
    }

    @Test func yankedVersionsAreSkipped() throws {
        let resolution = try Scenario("root -> b ^1; b 1.0.0; b 1.1.0 yanked").resolve().get()
        #expect(Scenario.summary(resolution) == "b 1.0.0")
        #expect(resolution.warnings.isEmpty)
    }

    @Test func aLockedYankedVersionIsKeptWithAWarning() throws {
        let resolution = try Scenario("root -> b ^1; lock b 1.1.0; b 1.0.0; b 1.1.0 yanked; b 1.2.0").resolve().get()
        #expect(Scenario.summary(resolution) == "b 1.1.0")
        let warning = try #require(resolution.warnings.first)
        #expect(resolution.warnings.count == 1 && warning.package == Scenario.name("b") && warning.version == SemanticVersion(1, 1, 0))
        #expect(warning.description.contains("test/b 1.1.0 is yanked: its publisher withdrew it"), "\(warning)")
        #expect(warning.description.contains("perf.lock pins it"), "\(warning)")
    }

    @Test func lockedVersionsArePreferredWhileTheyFit() throws {
        #expect(Scenario("root -> b ^1; lock b 1.0.0; b 1.0.0; b 1.1.0").outcome() == "b 1.0.0")
        #expect(Scenario("root -> b ^2; lock b 1.0.0; b 1.0.0; b 2.0.0").outcome() == "b 2.0.0")
        // A lock does not keep a yanked version the requirements no longer accept.
        #expect(Scenario("root -> b ^2; lock b 1.1.0; b 1.1.0 yanked; b 2.0.0").outcome() == "b 2.0.0")
    }

    @Test func onlyYankedVersionsLeftIsExplained() {
        let message = Scenario("root -> b ^2; b 1.0.0; b 2.0.0 yanked").outcome()
        #expect(message.contains("no version of test/b matching 2.x may be chosen (2.0.0 is yanked, withdrawn by its publisher)"), "\(message)")
    }

    @Test func untrustedVersionsAreNeverChosen() throws {
        #expect(Scenario("root -> b ^1; b 1.0.0; b 1.1.0 untrusted").outcome() == "b 1.0.0")
        let resolution = try Scenario("root -> b ^1; lock b 1.1.0; b 1.0.0; b 1.1.0 untrusted").resolve().get()
        #expect(Scenario.summary(resolution) == "b 1.0.0")
        #expect(resolution.warnings.map(\.description).joined().contains("signed by a key perf does not trust"))
        let message = Scenario("root -> b ^1; b 1.1.0 untrusted yanked").outcome()
        #expect(message.contains("(1.1.0 is signed by a key perf does not trust)"), "\(message)")
    }

    @Test func anUnknownPackageIsNamed() {
        let message = Scenario("root -> ghost ^1").outcome()
        #expect(message.contains("no version of test/ghost matching 1.x is published"), "\(message)")
    }
}
