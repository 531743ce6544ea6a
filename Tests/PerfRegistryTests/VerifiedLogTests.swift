import Foundation
import PerfDiagnostics
import PerfManifest
import PerfRegistry
import PerfTestSupport
import Testing

@Suite("Index lines checked against the registry's verified log")
struct VerifiedLogTests {
    /// The test's folder, alive as long as the test.
    private let scratch: TemporaryDirectory
    /// A registry in it.
    private let registry: FileRegistry
    /// Its publisher.
    private let alice: Publisher
    /// The package published.
    private let teddy: PackageName

    init() throws {
        scratch = try TemporaryDirectory("perf-registry")
        registry = try RegistryFixtures.registry(in: scratch)
        alice = Publisher(in: scratch)
        teddy = try PackageName(parsing: "alice/teddy")
    }

    /// The registry's log, verified by a client with its own memory.
    private func verifiedLog() throws -> VerifiedLog {
        let store = CheckpointStore(directory: scratch.path("client"))
        return try TransparencyCheck(config: registry.config, location: registry.root.path, store: store).verify(registry)
    }

    /// Expects `line` to be refused by `log` with a message containing `text`.
    private func expectRefused(_ line: IndexLine, by log: VerifiedLog, saying text: String,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: RegistryError.self, sourceLocation: sourceLocation) { try log.verify(line) }
        #expect(error?.exitStatus == .verificationFailed, sourceLocation: sourceLocation)
        #expect(error?.description.contains(text) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
    }

    @Test("a line the log never published, or published with another digest or key, is refused")
    func unloggedLinesRefused() throws {
        try alice.publish("alice/teddy", "1.0.0", to: registry)
        let log = try verifiedLog()
        let line = try registry.info(teddy)
        try log.verify(line)

        var otherDigest = line
        otherDigest.sha256 = try Digest(sha256Hex: String(repeating: "e", count: 64))
        expectRefused(otherDigest, by: log, saying: "but the log's entry 2 published sha256 \(line.sha256.hex)")
        var otherKey = line
        otherKey.keyID = "0123456789ABCDEF"
        expectRefused(otherKey, by: log, saying: "and key 0123456789ABCDEF, but the log's entry 2")
        var otherVersion = line
        otherVersion.version = try SemanticVersion(parsing: "1.0.1")
        expectRefused(otherVersion, by: log, saying: "its signed log (2 entries) never published it")

        // A line published after the log was read is unknown to it, and known to a fresh check.
        try alice.publish("alice/teddy", "1.1.0", to: registry)
        let newer = try registry.info(teddy, version: SemanticVersion(parsing: "1.1.0"))
        expectRefused(newer, by: log, saying: "run the command again")
        try verifiedLog().verify(newer)

        // An index file edited on disk reads back fine, and the log refuses it.
        try RegistryFixtures.edit(registry, "index/alice/teddy") {
            $0.replacingOccurrences(of: line.sha256.hex, with: String(repeating: "d", count: 64))
        }
        expectRefused(try registry.info(teddy, version: line.version), by: try verifiedLog(), saying: "published sha256")
    }

    @Test("a line's yanked flag must be the log's last word on it")
    func yankStateChecked() throws {
        try alice.publish("alice/teddy", "1.0.0", to: registry)
        try alice.publish("alice/teddy", "1.1.0", to: registry)
        let version = try SemanticVersion(parsing: "1.0.0")
        try registry.setYanked(teddy, version, yanked: true, statement: alice.yankStatement("alice/teddy", "1.0.0", yanked: true))
        var log = try verifiedLog()
        var line = try registry.info(teddy, version: version)
        try log.verify(line)
        line.yanked = false
        expectRefused(line, by: log, saying: "the index says it is not yanked, but the log's entry 4 yanks it")
        var never = try registry.info(teddy, version: SemanticVersion(parsing: "1.1.0"))
        never.yanked = true
        expectRefused(never, by: log, saying: "the index says it is yanked, but the log never yanked it")

        try registry.setYanked(teddy, version, yanked: false, statement: alice.yankStatement("alice/teddy", "1.0.0", yanked: false))
        log = try verifiedLog()
        try log.verify(line)
        line.yanked = true
        expectRefused(line, by: log, saying: "but the log's entry 5 unyanks it")
        // The index file flipped on disk behind the log's back.
        try RegistryFixtures.edit(registry, "index/alice/teddy") {
            $0.replacingOccurrences(of: "\"yanked\":false", with: "\"yanked\":true")
        }
        expectRefused(try registry.info(teddy, version: version), by: log, saying: "the index says it is yanked")
    }

    @Test("a log that publishes a version twice or yanks one it never published is refused as a whole")
    func incoherentLogRefused() throws {
        try alice.publish("alice/teddy", "1.0.0", to: registry)
        let rewriter = LogRewriter(registry: registry)
        let entries = try rewriter.entries()
        let publish = entries[1]
        let yankOfUnpublished = LogEntry(seq: 0, op: .yank, name: publish.name, version: "7.0.0", sha256: publish.sha256,
                                         keyID: publish.keyID, time: publish.time, prev: "", statement: "x")
        for (what, rewritten) in [("a second publish", entries + [publish]), ("a yank of nothing", entries + [yankOfUnpublished])] {
            try rewriter.replace(with: rewritten)
            let error = #expect(throws: RegistryError.self, "\(what)") { try verifiedLog() }
            #expect(error?.exitStatus == .verificationFailed, "\(what)")
            #expect(!FileManager.default.fileExists(atPath: scratch.path("client/checkpoint").path), "nothing remembered")
        }
    }
}
