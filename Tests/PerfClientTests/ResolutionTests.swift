import Foundation
import PerfClient
import PerfDiagnostics
import PerfManifest
import PerfRegistry
import PerfResolver
import PerfTestSupport
import Testing

/// Resolving compositions against a real registry: yanks, bases, trust, the lock, `perf add`.
@Suite struct ResolutionTests {
    @Test func aYankedVersionIsSkippedByANewResolutionButKeptFromTheLock() throws {
        let world = try RegistryWorld()
        try world.publishBase("perf/shapes", "1.0.0")
        try world.publishConcept("alice/teddy", "1.0.0")
        try world.publishConcept("alice/teddy", "1.1.0")
        let home = world.home()
        let locked = try world.project("locked", concepts: ["alice/teddy": "^1"])
        try world.client(home).install(locked)
        try world.yank("alice/teddy", "1.1.0")

        let fresh = try world.project("fresh", concepts: ["alice/teddy": "^1"])
        let newResolution = try world.client(home).resolve(fresh)
        #expect(newResolution.lockfile.packages.map { "\($0.name)@\($0.version)" } == ["alice/teddy@1.0.0", "perf/shapes@1.0.0"])
        #expect(newResolution.warnings.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fresh.lockURL.path), "resolve writes no lock")

        let report = try world.client(home).install(locked)
        #expect(report.lockfile.package(named: try PackageName(parsing: "alice/teddy"))?.version == SemanticVersion(1, 1, 0))
        let warning = try #require(report.warnings.first)
        #expect(warning.description.contains("alice/teddy 1.1.0 is yanked: its publisher withdrew it"), "\(warning)")
        #expect(warning.description.contains("perf.lock pins it"), "\(warning)")
    }

    @Test func conceptsOnDifferentBasesAreExplainedByTheDerivation() throws {
        let world = try RegistryWorld()
        try world.publishBase("perf/shapes", "1.0.0")
        try world.publishBase("other/large", "1.0.0", weights: RegistryWorld.digest("b2"))
        try world.publishConcept("alice/teddy", "1.0.0")
        try world.publishConcept("bob/mug", "2.0.0", base: "other/large", weights: RegistryWorld.digest("b2"))
        let home = world.home()
        let project = try world.project(concepts: ["alice/teddy": "^1", "bob/mug": "^2"])

        let error = try #require(throws: ResolutionError.self) { try world.client(home).install(project) }
        #expect(error.description.contains("perf/shapes and other/large are both base models"), "\(error)")
        #expect(error.description.contains("alice/teddy") && error.description.contains("bob/mug"), "\(error)")
        #expect(!FileManager.default.fileExists(atPath: project.lockURL.path))
        #expect(!FileManager.default.fileExists(atPath: home.packages.path))
    }

    @Test func theBaseVersionWithTheConceptsWeightsIsChosen() throws {
        let world = try RegistryWorld()
        try world.publishBase("perf/shapes", "1.0.0")
        try world.publishBase("perf/shapes", "1.1.0", weights: RegistryWorld.digest("c3"))
        try world.publishConcept("alice/teddy", "1.0.0")
        let resolved = try world.client(world.home()).resolve(try world.project(concepts: ["alice/teddy": "^1"]))
        #expect(resolved.base?.version == SemanticVersion(1, 0, 0) && resolved.base?.digest == RegistryWorld.shapes)
    }

    @Test func versionsSignedByAnUnknownKeyAreNotCandidates() throws {
        let world = try RegistryWorld()
        try world.publishBase("perf/shapes", "1.0.0")
        try world.publishConcept("alice/teddy", "1.0.0")
        let teddy = try world.publishConcept("alice/teddy", "1.1.0")
        // Without a signed log to contradict it, the index line of 1.1.0 now names a key the scope never had.
        try world.dropCheckpointKey()
        try RegistryFileEdit.replace("\"key_id\":\"\(teddy.keyID)\"", with: "\"key_id\":\"0123456789ABCDEF\"",
                                     in: world.registry.root.appendingPathComponent("index/alice/teddy"), occurrence: 2)
        let resolved = try world.client(world.home()).resolve(try world.project(concepts: ["alice/teddy": "^1"]))
        #expect(resolved.lockfile.package(named: teddy.name)?.version == SemanticVersion(1, 0, 0))
        let only = try world.project("only", concepts: ["alice/teddy": "=1.1.0"])
        let error = try #require(throws: ResolutionError.self) { try world.client(world.home()).resolve(only) }
        #expect(error.description.contains("signed by a key perf does not trust"), "\(error)")
    }

    @Test func aLockedVersionWhoseIndexLineChangedIsRefusedByTheLogAndByTheLock() throws {
        let (world, teddy, home, project) = try RegistryWorld.installedTeddy()
        let forged = String(repeating: "0", count: 64)
        try RegistryFileEdit.replace(teddy.sha256.hex, with: forged, in: world.registry.root.appendingPathComponent("index/alice/teddy"))

        // The signed log no longer vouches for the line.
        let unlogged = try #require(throws: RegistryError.self) { try world.client(home).install(project) }
        #expect(unlogged.exitStatus == .verificationFailed)
        #expect(unlogged.description.contains("alice/teddy@1.0.0 in registry 'test'"), "\(unlogged)")
        #expect(unlogged.description.contains("the index gives sha256 \(forged)"), "\(unlogged)")

        // Without a log, the lock still refuses a locked version that changed.
        try world.dropCheckpointKey()
        let error = try #require(throws: ClientError.self) { try world.client(home).install(project) }
        #expect(error.exitStatus == .verificationFailed)
        #expect(error.description.contains("perf.lock pins alice/teddy@1.0.0 with sha256 \(teddy.sha256.hex)"), "\(error)")
        #expect(error.description.contains(forged))
    }

    @Test func addPicksACaretOfTheNewestVersionThatMayBeChosen() throws {
        let world = try RegistryWorld()
        try world.publishBase("perf/shapes", "1.0.0")
        try world.publishConcept("alice/teddy", "1.0.0")
        try world.publishConcept("alice/teddy", "1.2.0")
        try world.publishConcept("alice/teddy", "1.3.0")
        try world.publishConcept("alice/teddy", "2.0.0-rc.1")
        try world.yank("alice/teddy", "1.3.0")
        let client = world.client(world.home())
        let teddy = try PackageName(parsing: "alice/teddy")

        #expect(try client.requirement(for: teddy, kind: .concept, requested: nil) == "^1.2.0")
        #expect(try client.requirement(for: teddy, kind: .concept, requested: "~1.0") == "~1.0")
        #expect(try client.requirement(for: try PackageName(parsing: "perf/shapes"), kind: .base, requested: nil) == "^1.0.0")

        let none = try #require(throws: ClientError.self) { try client.requirement(for: teddy, kind: .concept, requested: "=1.3.0") }
        #expect(none.exitStatus == .notFound && none.description.contains("1.0.0, 1.2.0, 1.3.0, 2.0.0-rc.1"), "\(none)")
        let bad = try #require(throws: ClientError.self) { try client.requirement(for: teddy, kind: .concept, requested: "one") }
        #expect(bad.exitStatus == .usage)
        let base = try #require(throws: ClientError.self) {
            try client.requirement(for: try PackageName(parsing: "perf/shapes"), kind: .concept, requested: nil)
        }
        #expect(base.description.contains("perf add --base perf/shapes"), "\(base)")
        let missing = try #require(throws: ClientError.self) {
            try client.requirement(for: try PackageName(parsing: "carol/ghost"), kind: .concept, requested: nil)
        }
        #expect(missing.exitStatus == .notFound)
    }
}

/// Edits a registry file in place, as an attacker or a broken mirror would.
enum RegistryFileEdit {
    /// Replaces the `occurrence`-th (1-based; every one when nil) `text` in `file` with `replacement`.
    static func replace(_ text: String, with replacement: String, in file: URL, occurrence: Int? = nil) throws {
        let original = try String(contentsOf: file, encoding: .utf8)
        var parts = original.components(separatedBy: text)
        guard parts.count > 1 else { throw EditFailure(file: file.path, text: text) }
        let edited: String
        if let occurrence {
            guard occurrence < parts.count else { throw EditFailure(file: file.path, text: text) }
            let joined = parts[occurrence - 1] + replacement + parts[occurrence]
            parts.replaceSubrange((occurrence - 1)...occurrence, with: [joined])
            edited = parts.joined(separator: text)
        } else {
            edited = parts.joined(separator: replacement)
        }
        try Data(edited.utf8).write(to: file)
    }

    struct EditFailure: Error, CustomStringConvertible {
        let file: String
        let text: String
        var description: String { "\(file) does not contain \(text) where the test expected it" }
    }
}
