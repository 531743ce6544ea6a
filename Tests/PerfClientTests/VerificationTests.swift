import Foundation
import PerfBundle
import PerfClient
import PerfDiagnostics
import PerfManifest
import PerfRegistry
import PerfSigning
import PerfTestSupport
import Testing

/// What the client refuses: archives that are not what their index line or lock entry says,
/// key histories rolled back, registry specs it cannot read, damaged trust files.
@Suite struct VerificationTests {
    /// A real published concept: its index line, archive and signature.
    private func published() throws -> (RegistryWorld, IndexLine, Data, Minisig) {
        let world = try RegistryWorld()
        let line = try world.publishConcept("alice/teddy", "1.0.0")
        let archive = try world.file("blobs/sha256/\(line.sha256.hex)")
        let signature = try Minisig(text: String(decoding: try world.file("sigs/sha256/\(line.sha256.hex).minisig"), as: UTF8.self),
                                    source: "test")
        return (world, line, archive, signature)
    }

    @Test func anArchiveMustBeExactlyWhatItsIndexLineSays() throws {
        let (world, line, archive, signature) = try published()
        let key = world.key("alice").publicKey
        let expected = ArchiveExpectation(line: line)
        let manifest = try expected.check(archive, signature: signature, key: key, location: "blob")
        #expect(manifest.name == line.name && manifest.version == line.version)

        func refusal(_ expectation: ArchiveExpectation, _ data: Data, _ signature: Minisig, _ key: PublicKey) -> String {
            do {
                _ = try expectation.check(data, signature: signature, key: key, location: "blob")
                return "accepted"
            } catch let error as ClientError {
                #expect(error.exitStatus == .verificationFailed)
                return error.description
            } catch {
                return "unexpected \(error)"
            }
        }
        var flipped = archive
        flipped[10] ^= 0x20
        #expect(refusal(expected, flipped, signature, key).contains("its sha256 is \(ContentDigest.sha256Hex(flipped))"))
        #expect(refusal(expected, archive + Data([0]), signature, key).contains("expected \(line.sha256.hex)"))
        let stranger = SecretKey.generate()
        #expect(refusal(expected, archive, signature, stranger.publicKey).contains("expected key \(line.keyID)"))

        // A signature by the right key for another version, or over another base, does not move.
        var otherVersion = expected
        otherVersion.version = SemanticVersion(1, 0, 1)
        #expect(refusal(otherVersion, archive, signature, key).contains("its signature is refused"))
        var otherBase = expected
        otherBase.baseDigest = RegistryWorld.digest("ee")
        #expect(refusal(otherBase, archive, signature, key).contains("its signature is refused"))

        // Signed as 2.0.0 by the scope's key, but the archive's perf.json says 1.0.0.
        var relabelled = expected
        relabelled.version = SemanticVersion(2, 0, 0)
        let resigned = try PackageSignature.sign(archive: archive, name: "alice/teddy", version: "2.0.0",
                                                 base: RegistryWorld.shapes.description, with: world.key("alice"))
        #expect(refusal(relabelled, archive, resigned, key).contains("its perf.json describes alice/teddy@1.0.0 (concept)"))
    }

    @Test func aRolledBackKeyHistoryIsRefused() throws {
        let world = try RegistryWorld()
        try world.publishBase("perf/shapes", "1.0.0")
        try world.publishConcept("alice/teddy", "1.0.0")
        let oldKeys = try world.file("keys/alice.json")
        try world.rotateKey("alice", publishing: "alice/teddy", "1.1.0")
        let home = world.home()
        let project = try world.project(concepts: ["alice/teddy": "^1"])
        try world.client(home).install(project)

        try oldKeys.write(to: world.registry.root.appendingPathComponent("keys/alice.json"))
        let error = try #require(throws: ClientError.self) { try world.client(home).resolve(project) }
        #expect(error.description.contains("replaced or rolled back"), "\(error)")
    }

    @Test func aRolledBackLogIsRefused() throws {
        let world = try RegistryWorld()
        try world.publishBase("perf/shapes", "1.0.0")
        try world.publishConcept("alice/teddy", "1.0.0")
        let oldEntries = try world.file("log/entries"), oldCheckpoint = try world.file("log/checkpoint")
        let oldIndex = try world.file("index/alice/teddy")
        try world.publishConcept("alice/teddy", "1.1.0")
        let home = world.home()
        let project = try world.project(concepts: ["alice/teddy": "^1"])
        try world.client(home).install(project)
        #expect(FileManager.default.fileExists(atPath: home.logMemory(world.location).appendingPathComponent("checkpoint").path))

        // The registry is restored to before 1.1.0, consistently and with a validly signed checkpoint.
        try oldEntries.write(to: world.registry.root.appendingPathComponent("log/entries"))
        try oldCheckpoint.write(to: world.registry.root.appendingPathComponent("log/checkpoint"))
        try oldIndex.write(to: world.registry.root.appendingPathComponent("index/alice/teddy"))
        let error = try #require(throws: RegistryError.self) { try world.client(home).resolve(project) }
        #expect(error.exitStatus == .verificationFailed)
        #expect(error.description.contains("rolled back its log"), "\(error)")
        // A client that never saw the newer log has nothing to compare with, and accepts the registry.
        #expect(try world.client(world.home("other")).resolve(try world.project("other", concepts: ["alice/teddy": "^1"]))
            .lockfile.packages.map { "\($0.version)" } == ["1.0.0", "1.0.0"])
    }

    @Test func aDamagedTrustFileIsReportedWithItsPath() throws {
        let (world, _, home, project) = try RegistryWorld.installedTeddy()
        let file = home.trustFile(world.location)
        let text = try String(contentsOf: file, encoding: .utf8)
        let aliceID = world.key("alice").publicKey.keyID.description
        try Data(text.replacingOccurrences(of: aliceID, with: "0000000000000001").utf8).write(to: file)

        let error = try #require(throws: ClientError.self) { try world.client(home).install(project) }
        #expect(error.exitStatus == .dataError)
        #expect(error.description.contains(file.path) && error.description.contains("lists key 0000000000000001"), "\(error)")
    }

    @Test func registrySpecsAreReadAsFoldersOrURLs() throws {
        let folder = try RegistryLocation(parsing: "reg", relativeTo: URL(fileURLWithPath: "/srv/projects"))
        #expect(folder.kind == .folder && folder.lockValue == "file:///srv/projects/reg")
        #expect(try RegistryLocation(parsing: "file:///srv/projects/reg/") == folder)
        let http = try RegistryLocation(parsing: "https://example.org:8443/perf//")
        #expect(http.kind == .http && http.lockValue == "https://example.org:8443/perf")
        #expect(http.resolve("index/alice/teddy").absoluteString == "https://example.org:8443/perf/index/alice/teddy")
        #expect(http.resolve("https://cdn.example.org/b/abc").absoluteString == "https://cdn.example.org/b/abc")
        #expect(http.id.hasPrefix("example.org_8443-") && http.id != folder.id)
        #expect(try RegistryLocation(parsing: "https://example.org:8443/perf").id == http.id)

        for spec in ["https://user:secret@example.org/", "https://example.org/?token=1", "ftp://example.org/", "", "file://relative"] {
            let error = #expect(throws: ClientError.self, "\(spec)") { try RegistryLocation(parsing: spec) }
            #expect(error?.exitStatus == .configuration)
        }
    }
}
