import Foundation
import PerfBundle
import PerfDiagnostics
import PerfManifest
import PerfRegistry
import PerfSigning
import PerfTestSupport
import Testing

@Suite("Publishing into a file registry")
struct FileRegistryPublishTests {
    /// The test's folder, alive as long as the test.
    private let scratch: TemporaryDirectory
    /// An empty registry in it.
    private let registry: FileRegistry

    init() throws {
        scratch = try TemporaryDirectory("perf-registry")
        registry = try RegistryFixtures.registry(in: scratch)
    }

    @Test("create lays out an empty registry that opens again, and refuses a non-empty folder")
    func create() throws {
        let reopened = try FileRegistry(root: registry.root)
        #expect(reopened.config.name == "test")
        #expect(reopened.config.downloadTemplate == "blobs/sha256/{sha256}")
        for path in ["config.json", "log/entries", "log/checkpoint"] {
            #expect(FileManager.default.fileExists(atPath: registry.root.appendingPathComponent(path).path))
        }
        let report = try registry.verifyConsistency()
        #expect(report.versions == 0 && report.logEntries == 0)

        let error = #expect(throws: RegistryError.self) { try FileRegistry.create(at: registry.root, name: "again") }
        #expect(error?.exitStatus == .conflict)
        let notRegistry = #expect(throws: RegistryError.self) { try FileRegistry(root: scratch.path("nowhere")) }
        #expect(notRegistry?.exitStatus == .notFound)
        #expect(notRegistry?.description.contains("perf registry init") == true)
    }

    @Test("a published concept reads back verified, with its index line, blob, signature and pinned key")
    func roundTrip() throws {
                let alice = Publisher(in: scratch)
        let (archive, signature) = try alice.package("alice/teddy", "1.0.0", superclass: "teddy")
        let line = try registry.publish(archive: archive, signature: signature, publicKey: alice.publicKey)

        #expect(line.name.description == "alice/teddy")
        #expect(line.version.description == "1.0.0")
        #expect(line.kind == .concept)
        #expect(line.superclass == "teddy")
        #expect(line.base?.digest.description == RegistryFixtures.baseDigest)
        #expect(line.size == archive.count)
        #expect(line.keyID == alice.publicKey.keyID.description)
        #expect(!line.yanked)

        let reopened = try FileRegistry(root: registry.root)
        #expect(try reopened.versions(of: PackageName(parsing: "alice/teddy")) == [line])
        #expect(try reopened.archive(for: line) == archive)
        #expect(try reopened.signature(for: line) == signature)
        #expect(try reopened.scopeKeys("alice").current == alice.publicKey)
        let blob = registry.root.appendingPathComponent("blobs/sha256/\(line.sha256.hex)")
        #expect(try Data(contentsOf: blob) == archive)
        let report = try reopened.verifyConsistency()
        #expect(report.versions == 1 && report.packages == 1 && report.scopes == 1)
        #expect(report.logEntries == 2)  // the key pin and the publish
        #expect(report.interruptedOperation == nil && report.unreferencedBlobs.isEmpty && report.temporaryFiles.isEmpty)
    }

    @Test("versions keep publish order; info picks the newest; search matches names and superclasses")
    func versionsInfoSearch() throws {
                let alice = Publisher(in: scratch)
        try alice.publish("alice/teddy", "1.0.0", to: registry, superclass: "teddy")
        try alice.publish("alice/teddy", "2.0.0", to: registry, superclass: "teddy")
        try alice.publish("alice/teddy", "1.1.0", to: registry, superclass: "teddy")
        try alice.publish("alice/ring", "0.1.0", to: registry, superclass: "circle")
        let teddy = try PackageName(parsing: "alice/teddy")
        #expect(try registry.versions(of: teddy).map(\.version.description) == ["1.0.0", "2.0.0", "1.1.0"])
        #expect(try registry.info(teddy).version.description == "2.0.0")
        #expect(try registry.info(teddy, version: SemanticVersion(parsing: "1.1.0")).version.description == "1.1.0")
        #expect(try registry.search("TED").map(\.name.description) == ["alice/teddy"])
        #expect(try registry.search("circle").map(\.name.description) == ["alice/ring"])
        #expect(try registry.search("").map(\.name.description) == ["alice/ring", "alice/teddy"])
        #expect(try registry.search("zebra").isEmpty)

        let missing = #expect(throws: RegistryError.self) { try registry.info(PackageName(parsing: "bob/none")) }
        #expect(missing?.exitStatus == .notFound)
        let noVersion = #expect(throws: RegistryError.self) {
            try registry.info(teddy, version: SemanticVersion(parsing: "9.9.9"))
        }
        #expect(noVersion?.exitStatus == .notFound)
        #expect(try registry.verifyConsistency().versions == 4)
    }

    @Test("a base package publishes with its stats digest and no base; its signature must state base=none")
    func basePackage() throws {
        let alice = Publisher(in: scratch)
        let manifest = try Data(contentsOf: RepositoryPaths.manifests.appendingPathComponent("examples/shapes.perf.json"))
        let folder = try alice.write("base/perf.json", manifest).deletingLastPathComponent()
        let archive = try BundleArchive.pack(directory: folder)
        let concept = try alice.sign(archive, "perf/shapes", "1.0.0")  // states the concept-style base digest
        #expect(throws: RegistryError.self) {
            try registry.publish(archive: archive, signature: concept, publicKey: alice.publicKey)
        }
        let line = try registry.publish(archive: archive, signature: try alice.sign(archive, "perf/shapes", "1.0.0", baseDigest: nil),
                                        publicKey: alice.publicKey)
        #expect(line.kind == .base && line.base == nil && line.superclass == nil)
        #expect(line.statsDigest?.description == "sha256:6fe26a31790e858fe46ce97ff87543293aa2247a55ed561ea2aa3d61ed6720bc")
        #expect(try registry.archive(for: line) == archive)
        #expect(try registry.verifyConsistency().versions == 1)
    }

    @Test("a published version is never overwritten, not even by identical bytes")
    func republishRefused() throws {
                let alice = Publisher(in: scratch)
        let (archive, signature) = try alice.package("alice/teddy", "1.0.0")
        try registry.publish(archive: archive, signature: signature, publicKey: alice.publicKey)
        let before = try RegistryFixtures.snapshot(registry.root)

        let same = #expect(throws: RegistryError.self) {
            try registry.publish(archive: archive, signature: signature, publicKey: alice.publicKey)
        }
        #expect(same?.exitStatus == .conflict)
        #expect(same?.description.contains("alice/teddy@1.0.0") == true)
        let (other, otherSignature) = try alice.package("alice/teddy", "1.0.0", superclass: "bear")
        let different = #expect(throws: RegistryError.self) {
            try registry.publish(archive: other, signature: otherSignature, publicKey: alice.publicKey)
        }
        #expect(different?.exitStatus == .conflict)
        // Semver precedence ignores build metadata: 1.0.0+build is the same version.
        let (build, buildSignature) = try alice.package("alice/teddy", "1.0.0+build.7")
        #expect(throws: RegistryError.self) {
            try registry.publish(archive: build, signature: buildSignature, publicKey: alice.publicKey)
        }
        #expect(try RegistryFixtures.snapshot(registry.root) == before)
    }

    @Test("a key other than the scope's pinned one is refused, and a stranger cannot take over a scope")
    func wrongKeyRefused() throws {
                let alice = Publisher(in: scratch), mallory = Publisher(in: scratch)
        try alice.publish("alice/teddy", "1.0.0", to: registry)
        let before = try RegistryFixtures.snapshot(registry.root)

        let error = #expect(throws: RegistryError.self) { try mallory.publish("alice/teddy", "1.0.1", to: registry) }
        #expect(error?.exitStatus == .verificationFailed)
        #expect(error?.description.contains(alice.publicKey.keyID.description) == true)
        #expect(throws: RegistryError.self) { try mallory.publish("alice/other", "1.0.0", to: registry) }
        // Mallory's own scope is fine: its first publish pins Mallory's key.
        #expect(try RegistryFixtures.snapshot(registry.root) == before)
        try mallory.publish("mallory/thing", "1.0.0", to: registry)
        #expect(try registry.scopeKeys("mallory").current == mallory.publicKey)
    }

    @Test("a rotation signed by the current key moves the scope to the new key; older versions stay verified")
    func rotation() throws {
                let old = Publisher(in: scratch), new = Publisher(in: scratch)
        let first = try old.publish("alice/teddy", "1.0.0", to: registry)
        let rotation = try KeyRotation(scope: "alice", newKey: new.publicKey, signedWith: old.key)
        let second = try new.publish("alice/teddy", "1.1.0", to: registry, rotation: rotation)

        let keys = try registry.scopeKeys("alice")
        #expect(keys.keys.map(\.publicKey) == [old.publicKey, new.publicKey])
        #expect(keys.current == new.publicKey)
        #expect(keys.keys[1].rotation == rotation.statement)
        #expect(try registry.archive(for: first).isEmpty == false)
        #expect(try registry.archive(for: second).isEmpty == false)
        // The old key is retired: it can no longer publish.
        #expect(throws: RegistryError.self) { try old.publish("alice/teddy", "1.2.0", to: registry) }
        try new.publish("alice/teddy", "1.2.0", to: registry)
        #expect(try registry.verifyConsistency().logEntries == 5)  // pin, publish, rotate, publish, publish
    }

    @Test("rotations not signed by the current key, or naming another key or scope, are refused with nothing written")
    func badRotationsRefused() throws {
                let alice = Publisher(in: scratch), mallory = Publisher(in: scratch), other = Publisher(in: scratch)
        try alice.publish("alice/teddy", "1.0.0", to: registry)
        let before = try RegistryFixtures.snapshot(registry.root)
        let attempts: [(String, KeyRotation)] = [
            ("signed by a stranger", try KeyRotation(scope: "alice", newKey: mallory.publicKey, signedWith: mallory.key)),
            ("signed for another scope", try KeyRotation(scope: "bob", newKey: mallory.publicKey, signedWith: alice.key)),
            ("naming another key", try KeyRotation(scope: "alice", newKey: other.publicKey, signedWith: alice.key)),
            ("with a statement moved to another key", KeyRotation(
                newKey: mallory.publicKey,
                statement: try KeyRotation(scope: "alice", newKey: other.publicKey, signedWith: alice.key).statement)),
        ]
        for (what, rotation) in attempts {
            let error = #expect(throws: RegistryError.self, "a rotation \(what)") {
                try mallory.publish("alice/teddy", "2.0.0", to: registry, rotation: rotation)
            }
            #expect(error?.exitStatus == .verificationFailed, "a rotation \(what)")
        }
        // A rotation on a scope that has no key yet, or to the key already current, is refused too.
        let fresh = try KeyRotation(scope: "carol", newKey: mallory.publicKey, signedWith: alice.key)
        #expect(throws: RegistryError.self) { try mallory.publish("carol/x", "1.0.0", to: registry, rotation: fresh) }
        let same = try KeyRotation(scope: "alice", newKey: alice.publicKey, signedWith: alice.key)
        #expect(throws: RegistryError.self) { try alice.publish("alice/teddy", "2.0.0", to: registry, rotation: same) }
        #expect(try RegistryFixtures.snapshot(registry.root) == before)
    }

    @Test("signatures moved to another archive, name, version or base, or made by another key, are refused with nothing written")
    func signatureBindingRefused() throws {
                let alice = Publisher(in: scratch), mallory = Publisher(in: scratch)
        try alice.publish("alice/teddy", "1.0.0", to: registry)
        let before = try RegistryFixtures.snapshot(registry.root)
        let archive = try alice.archive("alice/teddy", "2.0.0")
        let other = try alice.archive("alice/teddy", "2.0.0", superclass: "bear")
        let cases: [(String, Minisig, PublicKey)] = [
            ("made for another archive", try alice.sign(other, "alice/teddy", "2.0.0"), alice.publicKey),
            ("naming another package", try alice.sign(archive, "alice/bear", "2.0.0"), alice.publicKey),
            ("naming another version", try alice.sign(archive, "alice/teddy", "2.0.1"), alice.publicKey),
            ("naming another base", try alice.sign(archive, "alice/teddy", "2.0.0",
                                                   baseDigest: "sha256:" + String(repeating: "cd", count: 32)), alice.publicKey),
            ("naming no base", try alice.sign(archive, "alice/teddy", "2.0.0", baseDigest: nil), alice.publicKey),
            ("checked with a key that did not make it", try mallory.sign(archive, "alice/teddy", "2.0.0"), alice.publicKey),
            ("by a stranger, with the stranger's key", try mallory.sign(archive, "alice/teddy", "2.0.0"), mallory.publicKey),
        ]
        for (what, signature, key) in cases {
            let error = #expect(throws: RegistryError.self, "a signature \(what)") {
                try registry.publish(archive: archive, signature: signature, publicKey: key)
            }
            #expect(error?.exitStatus == .verificationFailed, "a signature \(what)")
        }
        #expect(try RegistryFixtures.snapshot(registry.root) == before)
    }

    @Test("tampered archives and signature fields are refused with nothing written")
    func tamperedInputRefused() throws {
                let alice = Publisher(in: scratch)
        let (archive, signature) = try alice.package("alice/teddy", "1.0.0")
        let before = try RegistryFixtures.snapshot(registry.root)

        var flipped = archive
        let offset = try #require(archive.range(of: Data("weights of".utf8))).lowerBound
        flipped[offset] ^= 0x01
        let archives: [(String, Data)] = [
            ("one flipped byte", flipped), ("cut short", Data(archive.prefix(archive.count - 1024))), ("empty", Data()),
            ("not a tar", Data("hello".utf8)), ("a composition", try composition(alice)),
            ("without perf.json", try noManifest(alice)),
        ]
        for (what, bad) in archives {
            #expect(throws: RegistryError.self, "an archive \(what)") {
                try registry.publish(archive: bad, signature: signature, publicKey: alice.publicKey)
            }
        }
        for (what, text) in tamperedSignatureTexts(signature) {
            #expect(throws: (any Error).self, "a signature with \(what)") {
                let bad = try Minisig(text: text, source: "tampered.minisig")
                try registry.publish(archive: archive, signature: bad, publicKey: alice.publicKey)
            }
        }
        #expect(try RegistryFixtures.snapshot(registry.root) == before)
        try registry.publish(archive: archive, signature: signature, publicKey: alice.publicKey)
    }

    /// Variants of a signature's text with one field changed.
    private func tamperedSignatureTexts(_ signature: Minisig) -> [(String, String)] {
        let lines = signature.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func with(_ index: Int, _ change: (String) -> String) -> String {
            var copy = lines
            copy[index] = change(copy[index])
            return copy.joined(separator: "\n")
        }
        func flipBase64(_ text: String, at position: Int) -> String {
            var characters = Array(text)
            characters[position] = characters[position] == "A" ? "B" : "A"
            return String(characters)
        }
        return [
            ("another key id", with(1) { flipBase64($0, at: 4) }),
            ("a changed signature", with(1) { flipBase64($0, at: 40) }),
            ("a changed trusted comment", with(2) { $0.replacingOccurrences(of: "version=1.0.0", with: "version=1.0.1") }),
            ("a changed global signature", with(3) { flipBase64($0, at: 10) }),
            ("a missing line", lines.dropLast(2).joined(separator: "\n")),
        ]
    }

    private func composition(_ publisher: Publisher) throws -> Data {
        try publisher.write("composition/perf.json", Data("""
            {"schema": 1, "kind": "composition", "name": "alice/teddy", "dependencies": {}}

            """.utf8))
        return try BundleArchive.pack(directory: publisher.workspace.appendingPathComponent("composition"))
    }

    private func noManifest(_ publisher: Publisher) throws -> Data {
        // A tar made by bsdtar holding only a weights file.
        let folder = try publisher.write("nomanifest/concept.safetensors", Data("weights".utf8)).deletingLastPathComponent()
        let tar = publisher.workspace.appendingPathComponent("nomanifest.tar")
        let result = try ProcessRunner.run(tool: "bsdtar", ["-cf", tar.path, "-C", folder.path, "concept.safetensors"])
        guard result.status == 0 else { throw FixtureError(message: "bsdtar failed: \(result.stderr)") }
        return try Data(contentsOf: tar)
    }
}
