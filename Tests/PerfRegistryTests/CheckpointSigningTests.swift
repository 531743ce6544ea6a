import Foundation
import PerfBundle
import PerfDiagnostics
import PerfManifest
import PerfRegistry
import PerfSigning
import PerfTestSupport
import Testing

@Suite("Registry writers sign every log checkpoint")
struct CheckpointSigningTests {
    /// The test's folder, alive as long as the test.
    private let scratch: TemporaryDirectory
    /// A registry in it.
    private let registry: FileRegistry
    /// Its publisher.
    private let alice: Publisher

    init() throws {
        scratch = try TemporaryDirectory("perf-registry")
        registry = try RegistryFixtures.registry(in: scratch)
        alice = Publisher(in: scratch)
    }

    /// The registry's `log/checkpoint`, decoded.
    private func checkpoint() throws -> SignedCheckpoint {
        let url = registry.root.appendingPathComponent("log/checkpoint")
        return try SignedCheckpoint(data: Data(contentsOf: url), source: url.path)
    }

    @Test("a new registry's secret checkpoint key is private, its public half is the root key, and the empty log is signed")
    func newRegistry() throws {
        let keyFile = registry.root.appendingPathComponent(".registry-key")
        let mode = try FileManager.default.attributesOfItem(atPath: keyFile.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let secret = try LogRewriter(registry: registry).checkpointKey
        #expect(registry.config.rootKeys == [secret.publicKey.base64])
        #expect(try FileRegistry(root: registry.root).checkpointKey == secret.publicKey)
        let signed = try checkpoint()
        #expect(signed.checkpoint == LogCheckpoint(size: 0, head: LogEntry.genesis) && signed.origin == "test")
        try signed.verify(with: secret.publicKey, origin: "test", source: "log/checkpoint")

        let given = SecretKey.generate()
        let chosen = try FileRegistry.create(at: scratch.path("chosen"), name: "chosen", checkpointKey: given)
        #expect(try chosen.checkpointKey == given.publicKey)
        #expect(throws: (any Error).self) { try FileRegistry.create(at: scratch.path("bad"), name: "Bad Name") }
        #expect(!FileManager.default.fileExists(atPath: scratch.path("bad").path), "nothing is written for a bad name")
    }

    @Test("every checkpoint a writer signs verifies with the stock minisign, and an edited one does not")
    func checkpointsVerifyWithMinisign() throws {
        try alice.publish("alice/teddy", "1.0.0", to: registry)
        try alice.publish("alice/teddy", "1.1.0", to: registry)
        try registry.setYanked(PackageName(parsing: "alice/teddy"), SemanticVersion(parsing: "1.0.0"), yanked: true,
                               statement: alice.yankStatement("alice/teddy", "1.0.0", yanked: true))
        let signed = try checkpoint()
        let log = try String(contentsOf: registry.root.appendingPathComponent("log/entries"), encoding: .utf8)
        let head = ContentDigest.sha256Hex(Data(try #require(log.split(separator: "\n").last).utf8))
        #expect(signed.checkpoint == LogCheckpoint(size: 4, head: head))
        let statement = "perf-checkpoint:1 origin=test size=4 head=\(head)"
        #expect(signed.signature.trustedComment == statement)
        let message = try scratch.write("checkpoint", statement)
        try scratch.write("checkpoint.minisig", signed.signature.text)
        let key = try registry.checkpointKey.base64
        let result = try ProcessRunner.run(tool: "minisign", ["-V", "-P", key, "-m", message.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(statement))

        try scratch.write("checkpoint", statement.replacingOccurrences(of: "size=4", with: "size=3"))
        let edited = try ProcessRunner.run(tool: "minisign", ["-V", "-P", key, "-m", message.path])
        #expect(edited.status != 0)
    }

    @Test("writers refuse a missing or mismatched checkpoint key, or a forged checkpoint, and write nothing")
    func writersNeedTheKey() throws {
        try alice.publish("alice/teddy", "1.0.0", to: registry)
        let keyURL = registry.root.appendingPathComponent(".registry-key")
        let checkpointURL = registry.root.appendingPathComponent("log/checkpoint")
        let genuineKey = try Data(contentsOf: keyURL), genuineCheckpoint = try Data(contentsOf: checkpointURL)
        let signed = try checkpoint()
        let sabotage: [(String, Int32, String, () throws -> Void)] = [
            ("no .registry-key", ExitStatus.notFound.rawValue, ".registry-key is missing", {
                try FileManager.default.removeItem(at: keyURL)
            }),
            ("another key in .registry-key", ExitStatus.notFound.rawValue, "but config.json's first root key is", {
                try Data(SecretKey.generate().minisignFile.utf8).write(to: keyURL)
            }),
            ("a checkpoint signed by another key", ExitStatus.verificationFailed.rawValue, "log/checkpoint is refused", {
                try SignedCheckpoint.sign(signed.checkpoint, origin: "test", with: .generate()).encoded().write(to: checkpointURL)
            }),
        ]
        for (what, status, text, spoil) in sabotage {
            try spoil()
            let before = try RegistryFixtures.snapshot(registry.root)
            let error = #expect(throws: RegistryError.self, "\(what)") { try alice.publish("alice/teddy", "2.0.0", to: registry) }
            #expect(error?.exitStatus.rawValue == status, "\(what)")
            #expect(error?.description.contains(text) == true, "\(String(describing: error))")
            #expect(try RegistryFixtures.snapshot(registry.root) == before, "\(what)")
            #expect(throws: RegistryError.self, "\(what)") {
                try registry.setYanked(PackageName(parsing: "alice/teddy"), SemanticVersion(parsing: "1.0.0"), yanked: true,
                                       statement: alice.yankStatement("alice/teddy", "1.0.0", yanked: true))
            }
            try genuineKey.write(to: keyURL)
            try genuineCheckpoint.write(to: checkpointURL)
        }
        try alice.publish("alice/teddy", "2.0.0", to: registry)
        #expect(try registry.verifyConsistency().logEntries == 3)
    }

    @Test("a registry made before checkpoints were signed is readable, and writers say how to get a key")
    func registryWithoutKey() throws {
        let old = scratch.path("old")
        try FileManager.default.createDirectory(at: old.appendingPathComponent("log"), withIntermediateDirectories: true)
        try Data().write(to: old.appendingPathComponent("log/entries"))
        try Data("{\"head\":\"\(LogEntry.genesis)\",\"size\":0}\n".utf8).write(to: old.appendingPathComponent("log/checkpoint"))
        try RegistryConfig(name: "old").encoded().write(to: old.appendingPathComponent("config.json"))
        let registry = try FileRegistry(root: old)
        #expect(try registry.search("").isEmpty)
        let error = #expect(throws: RegistryError.self) { try alice.publish("alice/teddy", "1.0.0", to: registry) }
        #expect(error?.description.contains("its config.json lists no root key") == true, "\(String(describing: error))")
        #expect(error?.description.contains("perf registry init") == true)
        #expect(throws: RegistryError.self) { try registry.verifyConsistency() }
        let store = CheckpointStore(directory: scratch.path("client"))
        #expect(throws: RegistryError.self) { try TransparencyCheck(config: registry.config, location: old.path, store: store) }
    }
}
