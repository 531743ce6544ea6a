import Foundation
import PerfBundle
import PerfDiagnostics
import PerfManifest
import PerfRegistry
import PerfTestSupport
import Testing

@Suite("The registry's hash-chained log")
struct RegistryLogTests {
    /// The test's folder, alive as long as the test.
    private let scratch: TemporaryDirectory
    /// An empty registry in it.
    private let registry: FileRegistry

    init() throws {
        scratch = try TemporaryDirectory("perf-registry")
        registry = try RegistryFixtures.registry(in: scratch)
    }

    /// A registry with a pin, three publishes and a yank in its log.
    private func registryWithHistory() throws {
        let alice = Publisher(in: scratch)
        for version in ["1.0.0", "1.1.0", "1.2.0"] { try alice.publish("alice/teddy", version, to: registry) }
        try registry.setYanked(PackageName(parsing: "alice/teddy"), SemanticVersion(parsing: "1.1.0"), yanked: true,
                               statement: alice.yankStatement("alice/teddy", "1.1.0", yanked: true))
    }

    private func logLines(_ registry: FileRegistry) throws -> [String] {
        try String(contentsOf: registry.root.appendingPathComponent("log/entries"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
    }

    @Test("entries count up, each chained to the hash of the line before, and the checkpoint names the head")
    func chain() throws {
        try registryWithHistory()
        let lines = try logLines(registry)
        #expect(lines.count == 5)
        var previous = String(repeating: "0", count: 64)
        for (index, line) in lines.enumerated() {
            let entry = try JSONDecoder().decode(LogEntry.self, from: Data(line.utf8))
            #expect(entry.seq == index + 1)
            #expect(entry.prev == previous)
            previous = Self.sha256(line)
        }
        let ops = try lines.map { try JSONDecoder().decode(LogEntry.self, from: Data($0.utf8)).op }
        #expect(ops == [.key, .publish, .publish, .publish, .yank])
        let checkpoint = try JSONDecoder().decode(
            LogCheckpoint.self, from: Data(contentsOf: registry.root.appendingPathComponent("log/checkpoint")))
        #expect(checkpoint == LogCheckpoint(size: 5, head: previous))
        #expect(try registry.verifyConsistency().logEntries == 5)
    }

    @Test("a rewritten, dropped, reordered or forged log entry is detected")
    func rewrittenEntries() throws {
        try registryWithHistory()
        let url = registry.root.appendingPathComponent("log/entries")
        let original = try Data(contentsOf: url)
        let lines = try logLines(registry)
        let blobOfFirst = try registry.versions(of: PackageName(parsing: "alice/teddy"))[0].sha256.hex
        let rewrites: [(String, [String])] = [
            ("an entry's digest rewritten", lines.map { $0.replacingOccurrences(of: blobOfFirst, with: String(repeating: "e", count: 64)) }),
            ("the middle entry dropped", Array(lines.prefix(2) + lines.suffix(2))),
            ("two entries swapped", [lines[0], lines[2], lines[1], lines[3], lines[4]]),
            ("the last entry dropped", Array(lines.dropLast())),
            ("the yank rewritten as an unyank", lines.map { $0.replacingOccurrences(of: "\"op\":\"yank\"", with: "\"op\":\"unyank\"") }),
            ("a forged entry appended", lines + [lines[4].replacingOccurrences(of: "\"seq\":5", with: "\"seq\":6")]),
        ]
        for (what, rewritten) in rewrites {
            try Data((rewritten.joined(separator: "\n") + "\n").utf8).write(to: url)
            let error = #expect(throws: RegistryError.self, "\(what)") { try registry.verifyConsistency() }
            #expect(error?.exitStatus == .verificationFailed, "\(what)")
        }
        // A writer refuses to extend a log that no longer ends where the checkpoint says it does.
        let alice = Publisher(in: scratch)
        for (what, rewritten) in [rewrites[3], rewrites[4], rewrites[5]] {
            try Data((rewritten.joined(separator: "\n") + "\n").utf8).write(to: url)
            #expect(throws: RegistryError.self, "\(what)") { try alice.publish("alice2/teddy", "1.0.0", to: registry) }
        }
        try original.write(to: url)
        #expect(try registry.verifyConsistency().logEntries == 5)
    }

    @Test("a log ending in a partial line with no write pending is refused by writers and the check")
    func tornTailWithoutPending() throws {
        try registryWithHistory()
        let url = registry.root.appendingPathComponent("log/entries")
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"seq\":6,".utf8))
        try handle.close()
        #expect(throws: RegistryError.self) { try registry.verifyConsistency() }
        #expect(throws: RegistryError.self) { try Publisher(in: scratch).publish("bob/x", "1.0.0", to: registry) }
    }

    static func sha256(_ text: String) -> String {
        ContentDigest.sha256Hex(Data(text.utf8))
    }
}
