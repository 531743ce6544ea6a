import PerfManifest
import PerfResolver
import Testing

/// What the resolver does with what a provider says: errors pass through unchanged,
/// duplicate and unordered lists are fine, cycles and self-dependencies resolve or fail cleanly.
@Suite struct ProviderTests {
    struct Unreachable: Error, Equatable {}

    /// A registry that cannot answer for one package.
    struct FailingProvider: PackageProvider {
        let catalog: PackageCatalog
        let broken: PackageName

        func versions(of package: PackageName) throws -> [CandidateVersion] {
            if package == broken { throw Unreachable() }
            return catalog.versions(of: package)
        }
    }

    @Test func providerErrorsPassThroughUnchanged() {
        let scenario = Scenario("root -> a ^1; a 1.0.0 -> b ^1; b 1.0.0")
        let provider = FailingProvider(catalog: scenario.catalog, broken: Scenario.name("b"))
        #expect(throws: Unreachable.self) { try Resolver(provider: provider).resolve(scenario.composition) }
    }

    @Test func duplicateAndUnorderedVersions() throws {
        let b = Scenario.name("b")
        let catalog = PackageCatalog([b: [CandidateVersion(SemanticVersion(1, 2, 0)), CandidateVersion(SemanticVersion(1, 0, 0)),
                                         CandidateVersion(SemanticVersion(1, 2, 0)), CandidateVersion(SemanticVersion(2, 0, 0))]])
        let resolution = try Resolver(provider: catalog).resolve(CompositionRequirements(concepts: [b: VersionRequirement("^1")!]))
        #expect(resolution.packages == [b: SemanticVersion(1, 2, 0)])
    }

    @Test func cyclesAndSelfDependencies() {
        #expect(Scenario("root -> a ^1; a 1.0.0 -> b ^1; b 1.0.0 -> a ^1").outcome() == "a 1.0.0, b 1.0.0")
        #expect(Scenario("root -> a ^1; a 1.0.0 -> a ^1").outcome() == "a 1.0.0")
        #expect(Scenario("root -> a *; a 2.0.0 -> a ^1; a 1.0.0").outcome() == "a 1.0.0")
        let error = Scenario("root -> a ^2; a 2.0.0 -> a ^1").resolve().failure as? ResolutionError
        #expect(error?.explanation == ["1. Because test/a outside 1.x depends on test/a ^1, a range that leaves itself out and the "
            + "composition depends on test/a ^2, the composition cannot be resolved."])
    }

    @Test func anEmptyCompositionNeedsNothing() throws {
        let resolution = try Scenario("a 1.0.0").resolve().get()
        #expect(resolution.packages.isEmpty && resolution.base == nil && resolution.warnings.isEmpty)
    }

    @Test func preReleasesOnlyWhenAsked() {
        #expect(Scenario("root -> a ^1; a 1.0.0; a 1.1.0-beta").outcome() == "a 1.0.0")
        #expect(Scenario("root -> a ^1.1.0-beta; a 1.0.0; a 1.1.0-beta").outcome() == "a 1.1.0-beta")
        #expect(Scenario("root -> a ^1; a 1.1.0-beta").outcome().contains("no version of test/a matching 1.x is published"))
    }
}
