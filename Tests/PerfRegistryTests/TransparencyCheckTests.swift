import Foundation
import PerfDiagnostics
import PerfManifest
import PerfRegistry
import PerfSigning
import PerfTestSupport
import Testing

@Suite("A client's check that a registry's signed log only grows")
struct TransparencyCheckTests {
    /// The test's folder, alive as long as the test.
    private let scratch: TemporaryDirectory
    /// A registry in it.
    private let registry: FileRegistry
    /// Its publisher.
    private let alice: Publisher
    /// The client's memory of the registry.
    private let store: CheckpointStore

    init() throws {
        scratch = try TemporaryDirectory("perf-registry")
        registry = try RegistryFixtures.registry(in: scratch)
        alice = Publisher(in: scratch)
        store = CheckpointStore(directory: scratch.path("client/registries/test"))
    }

    /// The client's check of the registry as its `config.json` describes it.
    private func check(_ registry: FileRegistry? = nil, store: CheckpointStore? = nil) throws -> TransparencyCheck {
        let registry = registry ?? self.registry
        return try TransparencyCheck(config: registry.config, location: registry.root.path, store: store ?? self.store)
    }

    /// The memory's file, or nil when nothing is remembered.
    private func memory() -> Data? { try? Data(contentsOf: store.file) }

    @Test("the first check pins the key and remembers the checkpoint; a grown registry is accepted and the memory advances")
    func growthAccepted() throws {
        #expect(try store.remembered() == nil)
        try alice.publish("alice/teddy", "1.0.0", to: registry)
        let first = try check().verify(registry)
        #expect(first.checkpoint.size == 2 && first.entries.map(\.op) == [.key, .publish])
        let remembered = try #require(try store.remembered())
        #expect(remembered.key == (try registry.checkpointKey))
        #expect(remembered.signed.checkpoint == first.checkpoint && remembered.signed.origin == "test")

        let unchanged = memory()
        _ = try check().verify(registry)
        #expect(memory() == unchanged, "an unchanged log leaves the memory as it was")

        try alice.publish("alice/teddy", "1.1.0", to: registry)
        try registry.setYanked(PackageName(parsing: "alice/teddy"), SemanticVersion(parsing: "1.0.0"), yanked: true,
                               statement: alice.yankStatement("alice/teddy", "1.0.0", yanked: true))
        let grown = try check().verify(registry)
        #expect(grown.checkpoint.size == 4)
        #expect(try store.remembered()?.signed.checkpoint == grown.checkpoint)
        for line in try registry.versions(of: PackageName(parsing: "alice/teddy")) { try grown.verify(line) }
    }

    @Test("a checkpoint signed by another key, edited after signing, or of another registry is refused; the memory stays")
    func forgedCheckpointRefused() throws {
        try alice.publish("alice/teddy", "1.0.0", to: registry)
        _ = try check().verify(registry)
        let remembered = memory()
        try alice.publish("alice/teddy", "1.1.0", to: registry)
        let url = registry.root.appendingPathComponent("log/checkpoint")
        let genuine = try Data(contentsOf: url)
        let signed = try SignedCheckpoint(data: genuine, source: url.path)
        let realKey = try LogRewriter(registry: registry).checkpointKey
        let forgeries: [(String, Data)] = [
            ("signed by another key", try SignedCheckpoint.sign(signed.checkpoint, origin: "test", with: .generate()).encoded()),
            ("of another registry", try SignedCheckpoint.sign(signed.checkpoint, origin: "other", with: realKey).encoded()),
            ("with its size edited", Data(String(decoding: genuine, as: UTF8.self)
                .replacingOccurrences(of: "\"size\":3", with: "\"size\":2").utf8)),
            ("with its head edited", Data(String(decoding: genuine, as: UTF8.self)
                .replacingOccurrences(of: "\"head\":\"\(signed.checkpoint.head)\"",
                                      with: "\"head\":\"\(String(repeating: "0", count: 64))\"").utf8)),
            ("unsigned, as before", Data("{\"head\":\"\(signed.checkpoint.head)\",\"size\":3}\n".utf8)),
        ]
        for (what, forged) in forgeries {
            #expect(forged != genuine, "\(what)")
            try forged.write(to: url)
            let error = #expect(throws: RegistryError.self, "a checkpoint \(what)") { try check().verify(registry) }
            #expect(error?.exitStatus == .verificationFailed, "\(what)")
            #expect(error?.description.contains("log/checkpoint is refused") == true, "\(String(describing: error))")
            #expect(memory() == remembered, "\(what)")
        }
        try genuine.write(to: url)
        #expect(try check().verify(registry).checkpoint.size == 3)
    }

    @Test("a client that saw N entries refuses the registry restored to an older copy with N-1")
    func rollbackRefused() throws {
        try alice.publish("alice/teddy", "1.0.0", to: registry)
        let backup = scratch.path("backup")
        try FileManager.default.copyItem(at: registry.root, to: backup)
        try alice.publish("alice/teddy", "1.1.0", to: registry)
        _ = try check().verify(registry)
        let remembered = memory()

        try FileManager.default.removeItem(at: registry.root)
        try FileManager.default.moveItem(at: backup, to: registry.root)
        let restored = try FileRegistry(root: registry.root)
        let error = #expect(throws: RegistryError.self) { try check(restored).verify(restored) }
        #expect(error?.exitStatus == .verificationFailed)
        #expect(error?.description.contains("rolled back its log: its signed checkpoint has 2 entries, but this machine "
                                            + "has seen it with 3") == true, "\(String(describing: error))")
        #expect(memory() == remembered)
        // The old copy is a sound, properly signed registry: only the memory tells.
        let stranger = CheckpointStore(directory: scratch.path("stranger"))
        #expect(try check(restored, store: stranger).verify(restored).checkpoint.size == 2)
    }

    @Test("a client refuses a log whose earlier entry was rewritten, even re-chained and re-signed with the real key",
          arguments: [0, 1])
    func rewriteRefused(extraEntries: Int) throws {
        for version in ["1.0.0", "1.1.0", "1.2.0"] { try alice.publish("alice/teddy", version, to: registry) }
        _ = try check().verify(registry)
        let remembered = memory()
        let rewriter = LogRewriter(registry: registry)
        var entries = try rewriter.entries()
        entries[1] = LogRewriter.withDigest(entries[1], String(repeating: "e", count: 64))
        if extraEntries > 0, let last = entries.last {
            entries.append(LogEntry(seq: 0, op: .publish, name: last.name, version: "9.0.0", sha256: last.sha256,
                                    keyID: last.keyID, time: last.time, prev: ""))
        }
        try rewriter.replace(with: entries)

        let error = #expect(throws: RegistryError.self) { try check().verify(registry) }
        #expect(error?.exitStatus == .verificationFailed)
        #expect(error?.description.contains("rewrote its history: its entry 4 now hashes to") == true,
                "\(String(describing: error))")
        #expect(memory() == remembered)
        let stranger = CheckpointStore(directory: scratch.path("stranger"))
        #expect(try check(store: stranger).verify(registry).checkpoint.size == 4 + extraEntries)
    }

    @Test("a registry with another checkpoint key or name at the same place is refused until the memory is forgotten")
    func changedIdentityRefused() throws {
        _ = try check().verify(registry)
        let realKey = try LogRewriter(registry: registry).checkpointKey
        let replacements = [
            ("another key", try FileRegistry.create(at: scratch.path("rekeyed"), name: "test")),
            ("another name", try FileRegistry.create(at: scratch.path("renamed"), name: "renamed", checkpointKey: realKey)),
        ]
        for (what, replacement) in replacements {
            let error = #expect(throws: RegistryError.self, "\(what)") { try check(replacement).verify(replacement) }
            #expect(error?.exitStatus == .verificationFailed, "\(what)")
            #expect(error?.description.contains("is not the one this machine pinned") == true, "\(String(describing: error))")
        }
        try store.forget()
        _ = try check(replacements[0].1).verify(replacements[0].1)
        #expect(try store.remembered()?.key == (try replacements[0].1.checkpointKey))
    }

    @Test("entries may run ahead of the checkpoint (a write in progress), never fall short of it")
    func entriesAgainstCheckpoint() throws {
        try alice.publish("alice/teddy", "1.0.0", to: registry)
        let url = registry.root.appendingPathComponent("log/entries")
        let genuine = try Data(contentsOf: url)
        let lines = genuine.split(separator: UInt8(ascii: "\n"))
        // A writer appended a whole entry and half of another but has not replaced the checkpoint yet.
        let third = String(decoding: lines[1], as: UTF8.self).replacingOccurrences(of: "\"seq\":2", with: "\"seq\":3")
        try (genuine + Data((third + "\n{\"seq\":4,").utf8)).write(to: url)
        let ahead = try check().verify(registry)
        #expect(ahead.checkpoint.size == 2 && ahead.entries.count == 2)

        try (lines[0] + Data("\n".utf8)).write(to: url)
        let short = #expect(throws: RegistryError.self) { try check().verify(registry) }
        #expect(short?.description.contains("its signed checkpoint covers 2: the log was cut short") == true,
                "\(String(describing: short))")
    }

    @Test("a memory edited on disk is refused rather than trusted")
    func tamperedMemoryRefused() throws {
        try alice.publish("alice/teddy", "1.0.0", to: registry)
        _ = try check().verify(registry)
        let text = try String(contentsOf: store.file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"size\":2", with: "\"size\":1").utf8).write(to: store.file)
        let error = #expect(throws: RegistryError.self) { try store.remembered() }
        #expect(error?.exitStatus == .dataError)
        #expect(error?.description.contains("this machine's memory of a registry's log, is damaged") == true)
        #expect(throws: RegistryError.self) { try check().verify(registry) }
        try store.forget()
        #expect(try check().verify(registry).checkpoint.size == 2)
    }
}
